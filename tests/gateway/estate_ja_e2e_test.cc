// End-to-end test of the Japanese example estate (tools/examples/estate-ja/, written by
// tools/examples/make_estate.py): the real crosswalkd on tools/examples/crosswalkd-ja.yaml, its
// Shift_JIS files read with the encoding detected, synced and queried through the real CLI. The
// expected counts were counted in the files themselves (one record per data line).
#include <unistd.h>

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/cli/run_process.h"
#include "tests/gateway/daemon.h"

namespace crosswalk {
namespace {

using testing_process::Daemon;
using testing_process::ProcessResult;
using testing_process::RunProcess;
using ::testing::HasSubstr;

class JapaneseEstateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / absl::StrCat("gw-ja-", ::getpid());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    std::filesystem::copy(CROSSWALK_EXAMPLES "/estate-ja", dir_ / "estate-ja");
    std::filesystem::copy_file(CROSSWALK_EXAMPLES "/crosswalkd-ja.yaml", dir_ / "crosswalkd-ja.yaml");
    std::string error;
    daemon_ = Daemon::Start(CROSSWALKD_BINARY,
                            {"--config", (dir_ / "crosswalkd-ja.yaml").string(), "--store", (dir_ / "ja.db").string()},
                            (dir_ / "crosswalkd.log").string(), &error);
    ASSERT_NE(daemon_, nullptr) << error;
  }
  void TearDown() override {
    daemon_.reset();
    if (!HasFailure()) std::filesystem::remove_all(dir_);
  }

  ProcessResult Cli(std::vector<std::string> args) {
    args.insert(args.begin(), {CROSSWALK_BINARY, "--server", daemon_->address()});
    return RunProcess(args);
  }

  // The first column (kind) of `records --format csv` for `args`, counted.
  std::map<std::string, int> Kinds(std::vector<std::string> args) {
    args.insert(args.begin(), "records");
    args.insert(args.end(), {"--format", "csv"});
    ProcessResult result = Cli(args);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    std::map<std::string, int> kinds;
    bool header = true;
    for (absl::string_view line : absl::StrSplit(result.out, '\n', absl::SkipEmpty())) {
      if (!header) ++kinds[std::string(line.substr(0, line.find(',')))];
      header = false;
    }
    return kinds;
  }

  std::filesystem::path dir_;
  std::unique_ptr<Daemon> daemon_;
};

TEST_F(JapaneseEstateTest, EverySourceSyncsAndEveryValueIsUnderstood) {
  ProcessResult sync = Cli({"sync", "--all"});
  ASSERT_EQ(sync.exit_code, 0) << sync.err;
  // Records per source: the data lines of each file.
  for (const auto& [source, count] : std::map<std::string, int>{
           {"soa", 93}, {"risks", 30}, {"capa", 20}, {"audit-findings", 24}, {"incidents", 150},
           {"changes", 50}, {"problems", 20}, {"cmdb", 60}, {"documents", 28}}) {
    EXPECT_THAT(sync.err, HasSubstr(absl::StrCat(source, ": done (", count, " new, 0 changed, 0 unchanged)")));
  }
  // No status, priority, impact, urgency, flag, kind or ref that no rule or catalog knows.
  ProcessResult unmapped = Cli({"records", "--unmapped", "--format", "csv"});
  ASSERT_EQ(unmapped.exit_code, 0) << unmapped.err;
  EXPECT_EQ(unmapped.out, "source,field,raw_value,count,example_native_id\n");

  // Kinds from the Japanese 種別 / 区分 columns: 94 インシデント, 39 サービス要求 + 17 問い合わせ,
  // 16 問題 and 4 既知のエラー.
  EXPECT_EQ(Kinds({"--source", "incidents"}), (std::map<std::string, int>{{"incident", 94}, {"service-request", 56}}));
  EXPECT_EQ(Kinds({"--source", "problems"}), (std::map<std::string, int>{{"known-error", 4}, {"problem", 16}}));
  EXPECT_EQ(Kinds({"--source", "changes"}), (std::map<std::string, int>{{"change", 50}}));
  EXPECT_EQ(Kinds({"--kind", "documented-information"}), (std::map<std::string, int>{{"documented-information", 28}}));
  // Every Annex A control, "5.1" read as A.5.1; the 3 excluded (×) are not applicable. 2 documents
  // are on 8.5.1's sub-clauses (変更管理方針, 変更管理手順書).
  EXPECT_EQ(Kinds({"--source", "soa"}), (std::map<std::string, int>{{"control", 93}}));
  ProcessResult soa = Cli({"records", "--source", "soa", "--format", "csv"});
  EXPECT_THAT(soa.out, HasSubstr("control,soa,iso27001:2022#A.5.1,"));
  EXPECT_THAT(soa.out, HasSubstr("control,soa,iso27001:2022#A.8.28,not-applicable,"));
  size_t not_applicable = 0;
  for (size_t at = soa.out.find(",not-applicable,"); at != std::string::npos; at = soa.out.find(",not-applicable,", at + 1)) {
    ++not_applicable;
  }
  EXPECT_EQ(not_applicable, 3u);
  EXPECT_EQ(Kinds({"--source", "documents", "--clause", "8.5.1"}), (std::map<std::string, int>{{"documented-information", 2}}));

  // Japanese values in the 20000-1 vocabulary; dates kept as written, ticket times read as JST.
  ProcessResult first = Cli({"records", "--source", "incidents", "--limit", "1", "--format", "csv"});
  EXPECT_THAT(first.out, HasSubstr("incident,incidents,INC-00001,in-progress,2026-01-10,high,VPN接続不可,1\n"));
  ProcessResult document = Cli({"records", "--source", "documents", "--limit", "1", "--format", "json"});
  EXPECT_THAT(document.out, HasSubstr("\"status\": \"published\", \"effective\": \"2026-04-10\""));
  EXPECT_THAT(document.out, HasSubstr("\"links\": \"clause=iso20000-1:2018#5.2\""));
  EXPECT_THAT(document.out, HasSubstr("status:発行済み→common.status.document.published"));

  // Unchanged files: nothing new on a second sync, the counts stay.
  ProcessResult again = Cli({"sync", "--all"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_THAT(again.err, HasSubstr("documents: done (0 new, 0 changed, 0 unchanged)"));
  EXPECT_EQ(Kinds({"--source", "documents"}), (std::map<std::string, int>{{"documented-information", 28}}));
}

}  // namespace
}  // namespace crosswalk
