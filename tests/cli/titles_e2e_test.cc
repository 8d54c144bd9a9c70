// Japanese titles the user loads (--titles FILE, CSV catalog,ref,title_ja) through the real
// crosswalk binary on the shipped mappings: shown by `catalog`, usable as refs by `map`, and
// validated like mapping data (file:line:column, nothing applied, exit 1).

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "absl/strings/match.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/cli/run_process.h"

namespace crosswalk {
namespace {

using ::testing::HasSubstr;
using testing_process::ProcessResult;
using testing_process::RunProcess;

constexpr char kPolicies[] = "情報セキュリティのための方針群";

class TitlesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("titles-e2e-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string Titles(const std::string& text) {
    const std::string path = (dir_ / "titles.csv").string();
    std::ofstream(path) << text;
    return path;
  }
  static ProcessResult Crosswalk(std::vector<std::string> args) {
    args.insert(args.begin(), CROSSWALK_BINARY);
    return RunProcess(args, {"CROSSWALK_MAPPINGS=" CROSSWALK_SOURCE_MAPPINGS_DIR});
  }

  std::filesystem::path dir_;
};

TEST_F(TitlesTest, LoadedTitleNamesTheItemAndShows) {
  const std::string titles = Titles(std::string("catalog,ref,title_ja\niso27001:2022,A.5.1,") + kPolicies +
                                    "\njisq27001:2023,A.5.2,情報セキュリティの役割及び責任\n");
  ProcessResult by_ref = Crosswalk({"map", "--from", "iso27001:2022", "--to", "iso20000-1:2018", "--format", "csv", "A.5.1"});
  ASSERT_EQ(by_ref.exit_code, 0) << by_ref.err;
  ProcessResult by_title = Crosswalk({"map", "--titles", titles, "--from", "iso27001:2022", "--to", "iso20000-1:2018",
                                      "--format", "csv", kPolicies});
  ASSERT_EQ(by_title.exit_code, 0) << by_title.err;
  EXPECT_EQ(by_title.out, by_ref.out);
  EXPECT_THAT(by_title.out, HasSubstr("A.5.1"));
  ProcessResult catalog = Crosswalk({"catalog", "iso27001:2022", "--titles", titles, "--format", "csv"});
  ASSERT_EQ(catalog.exit_code, 0) << catalog.err;
  EXPECT_THAT(catalog.out, HasSubstr(std::string("A.5.1,A.5,control,Policies for information security,") + kPolicies));
  EXPECT_THAT(catalog.out, HasSubstr("情報セキュリティの役割及び責任"));
}

TEST_F(TitlesTest, WithoutTheFileTheTitleIsNoRef) {
  ProcessResult run = Crosswalk({"map", "--from", "iso27001:2022", "--to", "iso20000-1:2018", kPolicies});
  EXPECT_EQ(run.exit_code, 2) << run.out;
}

TEST_F(TitlesTest, ErrorsNameFileLineAndColumn) {
  struct Case {
    std::string text, where, what;
  };
  const Case cases[] = {
      {"catalog,ref,title_ja\niso27001:2022,A.5.1,方針\niso99999:2022,A.5.1,方針\n", ":3:1:", "unknown catalog 'iso99999:2022'"},
      {"catalog,ref,title_ja\niso27001:2022,A.99.1,方針\n", ":2:15:", "'A.99.1' is not a ref of iso27001:2022"},
      {"catalog,ref,title_ja\niso27001:2022,A.5.1,\n", ":2:21:", "no title_ja"},
      {"catalog,ref,title_ja\niso27001:2022,A.5.1,方針\niso27001:2022,A.5.1,方針群\n", ":3:15:", "given twice"},
      {"catalog,ref,title_ja\niso27001:2022,A.5.1,方針\niso27001:2022,A.5.2,方針\n", ":2:21:", "is also the title of iso27001:2022 A.5.2"},
      {"catalog,ref\niso27001:2022,A.5.1\n", "titles.csv", "title_ja"},
      {"catalog,ref,title_ja\n", "titles.csv:1:1:", "no titles"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    ProcessResult run = Crosswalk({"catalog", "iso27001:2022", "--titles", Titles(c.text)});
    EXPECT_EQ(run.exit_code, 1);
    EXPECT_THAT(run.err, HasSubstr(c.where));
    EXPECT_THAT(run.err, HasSubstr(c.what));
    EXPECT_EQ(run.out, "") << "nothing printed from half-applied titles";
  }
}

TEST_F(TitlesTest, RefusedAgainstAGateway) {
  ProcessResult run = Crosswalk({"--server", "127.0.0.1:1", "map", "--titles", Titles("catalog,ref,title_ja\n"),
                                 "--from", "iso27001:2022", "--to", "iso20000-1:2018", "A.5.1"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, HasSubstr("titles: FILE"));
}

}  // namespace
}  // namespace crosswalk
