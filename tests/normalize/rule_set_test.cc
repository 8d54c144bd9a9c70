#include "gateway/normalize/rule_set.h"

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <unistd.h>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/status_matchers.h"

namespace crosswalk {
namespace {

using ::testing::HasSubstr;

// Every shipped rule loads, every kind rule names a kind of kinds.csv, and the vocabularies the
// later connectors emit are present.
TEST(RuleSetTest, ShippedRulesLoadAndCoverEveryVocabulary) {
  auto rules = RuleSet::Load(CROSSWALK_SOURCE_MAPPINGS_DIR);
  ASSERT_TRUE(rules.ok()) << rules.status();
  std::set<std::string> vocabularies;
  for (const ValueRule& rule : (*rules)->rules()) vocabularies.insert(rule.vocabulary);
  for (const char* v : {"servicenow", "jira", "glpi", "redmine", "rt", "common"}) {
    EXPECT_TRUE(vocabularies.count(v)) << v;
  }
  EXPECT_EQ((*rules)->Translate("glpi", "Ticket", "kind", "2")->value, "service-request");
  EXPECT_EQ((*rules)->Translate("jira", "", "priority", "Highest")->value, "critical");
  EXPECT_EQ((*rules)->Translate("rt", "", "status", "stalled")->value, "on-hold");
  EXPECT_EQ((*rules)->Translate("redmine", "", "status", "終了")->value, "closed");
  EXPECT_FALSE((*rules)->Translate("rt", "", "status", "frobnicated").has_value());
}

// The values the servicenow connector emits (connectors/servicenow/servicenow_page.h): the table
// as native kind and kind, choice codes of state/install_status/priority as they come in `value`.
TEST(RuleSetTest, ServiceNowTablesAndCodesAsTheConnectorReadsThem) {
  auto rules = RuleSet::Load(CROSSWALK_SOURCE_MAPPINGS_DIR);
  ASSERT_TRUE(rules.ok()) << rules.status();
  const RuleSet& r = **rules;
  EXPECT_EQ(r.TranslateOwn("servicenow", "incident", "kind", "incident")->value, "incident");
  EXPECT_EQ(r.TranslateOwn("servicenow", "sc_req_item", "kind", "sc_req_item")->value, "service-request");
  EXPECT_EQ(r.TranslateOwn("servicenow", "problem", "kind", "problem")->value, "problem");
  EXPECT_EQ(r.TranslateOwn("servicenow", "change_request", "kind", "change_request")->value, "change");
  EXPECT_EQ(r.TranslateOwn("servicenow", "cmdb_ci_server", "kind", "cmdb_ci_server")->value, "configuration-item");
  EXPECT_EQ(r.TranslateOwn("servicenow", "cmdb_rel_ci", "kind", "cmdb_rel_ci")->value, "ci-relationship");
  EXPECT_EQ(r.Translate("servicenow", "incident", "status", "1")->value, "new");
  EXPECT_EQ(r.Translate("servicenow", "incident", "status", "7")->value, "closed");
  EXPECT_EQ(r.Translate("servicenow", "incident", "status", "8")->value, "cancelled");
  EXPECT_EQ(r.Translate("servicenow", "change_request", "status", "-5")->value, "new");
  EXPECT_EQ(r.Translate("servicenow", "change_request", "status", "3")->value, "closed");
  EXPECT_EQ(r.Translate("servicenow", "change_request", "status", "4")->value, "cancelled");
  EXPECT_EQ(r.Translate("servicenow", "problem", "status", "107")->rule_id, "sn.problem.state.107");
  // A CMDB subclass is scoped by its cmdb_ci prefix.
  EXPECT_EQ(r.Translate("servicenow", "cmdb_ci_server", "status", "7")->rule_id, "sn.ci.install.7");
  EXPECT_EQ(r.Translate("servicenow", "", "priority", "1")->value, "critical");
  EXPECT_EQ(r.Translate("servicenow", "", "priority", "5")->value, "planning");
  // The same code means different things per table: incident 3 is on hold, change 3 closed.
  EXPECT_EQ(r.Translate("servicenow", "incident", "status", "3")->value, "on-hold");
}

// Redmine trackers (the default ones and the Japanese ITSM ones the redmine connector reads as its
// kind hint) and statuses through the shipped redmine rules.
TEST(RuleSetTest, RedmineTrackersAndStatusesMapToKindsAndStatuses) {
  auto rules = RuleSet::Load(CROSSWALK_SOURCE_MAPPINGS_DIR);
  ASSERT_TRUE(rules.ok()) << rules.status();
  const std::map<std::string, std::string> kinds = {
      {"障害", "incident"}, {"Bug", "incident"}, {"バグ", "incident"}, {"問い合わせ", "service-request"},
      {"Support", "service-request"}, {"サポート", "service-request"}, {"変更要求", "change"},
      {"Feature", "change"}, {"機能", "change"}, {"問題", "problem"}};
  for (const auto& [tracker, kind] : kinds) {
    auto hit = (*rules)->Translate("redmine", "issue", "kind", tracker);
    ASSERT_TRUE(hit.has_value()) << tracker;
    EXPECT_EQ(hit->value, kind) << tracker;
  }
  const std::map<std::string, std::string> statuses = {
      {"New", "new"}, {"新規", "new"}, {"In Progress", "in-progress"}, {"進行中", "in-progress"},
      {"Resolved", "resolved"}, {"解決", "resolved"}, {"Feedback", "on-hold"}, {"フィードバック", "on-hold"},
      {"Closed", "closed"}, {"終了", "closed"}, {"Rejected", "rejected"}, {"却下", "rejected"}};
  for (const auto& [status, value] : statuses) {
    auto hit = (*rules)->Translate("redmine", "issue", "status", status);
    ASSERT_TRUE(hit.has_value()) << status;
    EXPECT_EQ(hit->value, value) << status;
  }
  EXPECT_FALSE((*rules)->Translate("redmine", "issue", "kind", "雑談").has_value());
}

// A copy of the shipped data with one line changed, to check the loader's errors.
class BrokenRulesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("rules-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_ / "rules");
    std::filesystem::create_directories(dir_ / "terms");
    const std::filesystem::path src = CROSSWALK_SOURCE_MAPPINGS_DIR;
    std::filesystem::copy(src / "rules" / "kinds.csv", dir_ / "rules" / "kinds.csv");
    std::filesystem::copy(src / "terms" / "jip-table-b-1.csv", dir_ / "terms" / "jip-table-b-1.csv");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void WriteValues(const std::string& text) {
    std::ofstream(dir_ / "rules" / "values.csv") << text;
  }
  std::filesystem::path dir_;
};

TEST_F(BrokenRulesTest, BadPatternNamesFileLineColumn) {
  WriteValues("id,vocabulary,native_kind,field,match,pattern,value,note\n"
              "a,common,,status,exact,new,new,\n"
              "b,common,,status,regex,(open,new,\n");
  auto rules = RuleSet::Load(dir_.string());
  EXPECT_THAT(rules, StatusIs(absl::StatusCode::kInvalidArgument,
                             HasSubstr("values.csv:3:24: bad RE2 pattern")));
}

TEST_F(BrokenRulesTest, UnknownKindAndDuplicateId) {
  WriteValues("id,vocabulary,native_kind,field,match,pattern,value,note\n"
              "a,common,,kind,exact,x,gremlin,\n");
  EXPECT_THAT(std::string(RuleSet::Load(dir_.string()).status().message()), HasSubstr("values.csv:2:24: kind 'gremlin' is not in rules/kinds.csv"));
  WriteValues("id,vocabulary,native_kind,field,match,pattern,value,note\n"
              "a,common,,status,exact,x,new,\n"
              "a,common,,status,exact,y,new,\n");
  EXPECT_THAT(std::string(RuleSet::Load(dir_.string()).status().message()), HasSubstr("values.csv:3:1: rule id 'a'"));
}

TEST_F(BrokenRulesTest, PolarityRowsAreChecked) {
  WriteValues("id,vocabulary,native_kind,field,match,pattern,value,note\n"
              "f,common,,finding_type,regex,major|重大な不適合,major-nonconformity,\n");
  auto polarity = [&](const std::string& row) {
    std::ofstream(dir_ / "rules" / "polarity.csv") << "id,kind,finding,state,attribute,pattern,polarity,applies_to,note\n" << row << "\n";
    return std::string(RuleSet::Load(dir_.string()).status().message());
  };
  EXPECT_EQ(polarity("p,audit-finding,major-nonconformity,open,,,against,named,"), "");
  EXPECT_THAT(polarity("p,audit-finding,minor-nonconformity,open,,,against,named,"), HasSubstr("polarity.csv:2:17: finding type 'minor-nonconformity'"));
  EXPECT_THAT(polarity("p,gremlin,,open,,,against,named,"), HasSubstr("polarity.csv:2:3: kind 'gremlin'"));
  EXPECT_THAT(polarity("p,change,,sometimes,,,against,all,"), HasSubstr("state 'sometimes'"));
  EXPECT_THAT(polarity("p,change,,any,,,bad,all,"), HasSubstr("polarity 'bad'"));
  EXPECT_THAT(polarity("p,change,,any,close_code,,against,all,"), HasSubstr("attribute and pattern go together"));
  EXPECT_THAT(polarity("p,change,,any,close_code,(fail,against,all,"), HasSubstr("bad RE2 pattern"));
  EXPECT_THAT(polarity("p,change,,any,,,against,some,"), HasSubstr("applies_to 'some'"));
}

}  // namespace
}  // namespace crosswalk
