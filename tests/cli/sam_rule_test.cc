// The `rule` column of `crosswalk sam installs`: the rule that decided the row's class.
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tools/cli/sam_commands.h"

namespace crosswalk::cli {
namespace {

v1::Install Row(const std::string& class_name, const std::vector<std::string>& rules) {
  v1::Install install;
  install.set_class_(class_name);
  for (const std::string& rule : rules) install.add_rules(rule);
  return install;
}

TEST(DecidingRuleTest, TheRuleThatDecidedTheClass) {
  EXPECT_EQ(DecidingRule(Row("product", {"sw.suf.corp", "sw.pub.microsoft", "sw.prod.office"})), "sw.prod.office");
  EXPECT_EQ(DecidingRule(Row("excluded", {"sw.ex.security-update"})), "sw.ex.security-update");
  // An install its source excludes (ServiceNow's active=false) is read by the title rules first:
  // the exclusion, not the publisher suffix rule read first, decided it.
  EXPECT_EQ(DecidingRule(Row("excluded", {"sw.suf.corp", "sw.pub.microsoft", "sw.prod.office", "source-excluded"})),
            "source-excluded");
  EXPECT_EQ(DecidingRule(Row("unrecognised", {"sw.tok.64bit"})), "");
  EXPECT_EQ(DecidingRule(Row("package", {})), "");
  EXPECT_EQ(DecidingRule(Row("excluded", {})), "");
}

}  // namespace
}  // namespace crosswalk::cli
