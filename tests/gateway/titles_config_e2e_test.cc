// crosswalkd's `titles:` (the user's Japanese titles, CSV catalog,ref,title_ja): the titles show in
// reports and name items in mapping queries over gRPC; a bad file stops the start at file:line:column.
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/gateway/gateway_fixture.h"

namespace crosswalk {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kTitle[] = "サービスマネジメントシステムの計画（読み込んだ名称）";

TEST_F(GatewayTest, LoadedTitlesShowInReportsAndWorkAsRefs) {
  WriteFile("titles.csv", std::string("catalog,ref,title_ja\njisq20000-1:2020,6.3,") + kTitle + "\n");
  StartWith("titles: titles.csv");
  ProcessResult json = Cli({"report", "coverage", "--lang", "ja", "--format", "json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  bool found = false;
  const nlohmann::json report = nlohmann::json::parse(json.out);
  for (const auto& clause : report["coverage"]) {
    if (clause["clause"] == "6.3") {
      EXPECT_EQ(clause["title_ja"], kTitle);
      found = true;
    }
  }
  EXPECT_TRUE(found);
  ProcessResult table = Cli({"report", "coverage", "--lang", "ja"});
  EXPECT_THAT(table.out, HasSubstr(kTitle));
  ProcessResult by_title = Cli({"map", "--from", "iso20000-1:2018", "--to", "iso27001:2022", "--format", "csv", kTitle});
  ProcessResult by_ref = Cli({"map", "--from", "iso20000-1:2018", "--to", "iso27001:2022", "--format", "csv", "6.3"});
  ASSERT_EQ(by_ref.exit_code, 0) << by_ref.err;
  EXPECT_EQ(by_title.exit_code, 0) << by_title.err;
  EXPECT_EQ(by_title.out, by_ref.out);
}

TEST_F(GatewayTest, ReportTitlesApplyToThatReportOnly) {
  WriteFile("titles.csv", std::string("catalog,ref,title_ja\niso20000-1:2018,6.3,") + kTitle + "\n");
  StartWith("");
  ProcessResult titled = Cli({"report", "coverage", "--lang", "ja", "--titles", Path("titles.csv")});
  ASSERT_EQ(titled.exit_code, 0) << titled.err;
  EXPECT_THAT(titled.out, HasSubstr(kTitle));
  ProcessResult plain = Cli({"report", "coverage", "--lang", "ja"});
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  EXPECT_THAT(plain.out, Not(HasSubstr(kTitle)));
  WriteFile("bad.csv", "catalog,ref,title_ja\niso20000-1:2018,6.3,計画\niso20000-1:2018,99.9,不明\n");
  ProcessResult bad = Cli({"report", "coverage", "--titles", Path("bad.csv"), "--out", Path("c.txt")});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.err, HasSubstr("bad.csv:3:17: '99.9' is not a ref of iso20000-1:2018"));
  EXPECT_FALSE(std::filesystem::exists(Path("c.txt")));
}

TEST_F(GatewayTest, BadTitlesStopTheStartAtFileLineColumn) {
  WriteFile("titles.csv", "catalog,ref,title_ja\niso20000-1:2018,6.3,計画\niso20000-1:2018,99.9,不明\n");
  std::ifstream example(CROSSWALK_EXAMPLES "/crosswalkd.yaml");
  std::stringstream text;
  text << example.rdbuf();
  WriteFile("crosswalkd.yaml", "titles: titles.csv\n" + text.str());
  ProcessResult result = RunProcess({CROSSWALKD_BINARY, "--config", Path("crosswalkd.yaml"), "--store", Path("t.db")});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err, HasSubstr("titles.csv:3:17: '99.9' is not a ref of iso20000-1:2018"));
}

}  // namespace
}  // namespace crosswalk
