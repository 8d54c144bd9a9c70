// README.md's walk-through "Your own Japanese registers, step by step", run as written: the
// commands of its marked block go to bash unchanged, against the real crosswalkd started with the
// walk-through's config (tools/examples/registers-ja/crosswalkd.yaml; only the port and the store
// move to the scratch directory). Then what a coordinator would look at is checked: nothing stored
// by a preview, the re-read after the column fix, the mistaken import gone, the calendar dates and
// the JST incident times, and the Japanese CSV, XLSX and HTML reports with the user's titles.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/gateway/gateway_fixture.h"

namespace crosswalk {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kMarker[] = "<!-- walkthrough:";

std::string ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The first ```sh block after the marker comment in README.md; empty when there is none.
std::string WalkthroughCommands() {
  const std::string readme = ReadText(CROSSWALK_TESTS_DIR "/../README.md");
  const size_t marker = readme.find(kMarker);
  if (marker == std::string::npos) return "";
  const size_t open = readme.find("```sh\n", marker);
  const size_t close = open == std::string::npos ? open : readme.find("\n```", open + 6);
  if (close == std::string::npos) return "";
  return readme.substr(open + 6, close - open - 6);
}

class ReadmeWalkthroughTest : public GatewayTest {
 protected:
  void SetUp() override {
    GatewayTest::SetUp();
    // The commands name tools/examples/registers-ja/… from the checkout's top directory.
    std::filesystem::create_directories(dir_ / "tools");
    std::filesystem::create_directory_symlink(CROSSWALK_EXAMPLES, dir_ / "tools" / "examples");
    std::string error;
    daemon_ = Daemon::Start(CROSSWALKD_BINARY,
                            {"--config", CROSSWALK_EXAMPLES "/registers-ja/crosswalkd.yaml", "--store", Path("registers-ja.db")},
                            Path("crosswalkd.log"), &error);
    ASSERT_NE(daemon_, nullptr) << error;
  }

  // Runs README's commands in bash (-e: every command must succeed) from the scratch directory
  // with the built crosswalk first on PATH.
  ProcessResult RunWalkthrough(const std::string& commands) {
    const std::string bin = std::filesystem::path(CROSSWALK_BINARY).parent_path().string();
    const char* path = std::getenv("PATH");
    return RunProcess({"/bin/bash", "-e", "-o", "pipefail", "-c", absl::StrCat("cd '", dir_.string(), "'\n", commands)},
                      {absl::StrCat("PATH=", bin, ":", path == nullptr ? "/usr/bin:/bin" : path),
                       absl::StrCat("CROSSWALK_SERVER=", daemon_->address()), "COLUMNS=200"});
  }
};

TEST_F(ReadmeWalkthroughTest, TheJapaneseRegistersWalkthroughWorksAsWritten) {
  const std::string commands = WalkthroughCommands();
  ASSERT_THAT(commands, HasSubstr("crosswalk import")) << "README.md has no walk-through block after " << kMarker;
  const ProcessResult run = RunWalkthrough(commands);
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  const std::string said = run.out + run.err;

  // Preview: the unknown due-date header is named, nothing of the dry runs is stored.
  EXPECT_THAT(said, HasSubstr("是正期日"));
  // The column fix reads every record again and says why.
  EXPECT_THAT(said, HasSubstr("import:capa-log.csv: read settings changed: columns (none) → due=是正期日: every record read again"));
  // The mistaken preset is warned about, and its import is gone.
  EXPECT_THAT(said, HasSubstr("servicenow-incident"));
  EXPECT_THAT(said, HasSubstr("removed import:incidents.csv: 3 records"));
  const auto counts = SourceCounts();
  EXPECT_EQ(counts.at("import:soa.xlsx").first, 6);
  EXPECT_EQ(counts.at("import:audit-findings.csv").first, 4);
  EXPECT_EQ(counts.at("import:capa-log.csv").first, 2);
  EXPECT_EQ(counts.at("import:incidents.csv").first, 3);

  // Dates: the SoA's review dates stay 13 June and 1 April whatever their form; the CAPA due date
  // (是正期日, mapped) is there; the incident opened at 08:00 JST on 1 October shows as such.
  const ProcessResult records = Cli({"records", "--format", "json"});
  ASSERT_EQ(records.exit_code, 0) << records.err;
  EXPECT_THAT(records.out, HasSubstr("iso27001:2022#A.5.25"));
  const ProcessResult soa = Cli({"records", "--source", "import:soa.xlsx", "--format", "csv"});
  EXPECT_THAT(soa.out, HasSubstr("control,import:soa.xlsx,iso27001:2022#A.5.24,implemented,2024-06-13,"));
  EXPECT_THAT(soa.out, HasSubstr("control,import:soa.xlsx,iso27001:2022#A.5.25,implemented,2024-06-13,"));
  EXPECT_THAT(soa.out, HasSubstr("control,import:soa.xlsx,iso27001:2022#A.5.26,partially-implemented,2024-04-01,"));
  EXPECT_THAT(soa.out, HasSubstr("control,import:soa.xlsx,iso27001:2022#A.5.30,planned,2024-06-13,"));
  const ProcessResult capa = Cli({"records", "--source", "import:capa-log.csv", "--format", "json"});
  EXPECT_THAT(capa.out, HasSubstr("due=2024-06-30"));
  const ProcessResult incidents = Cli({"records", "--source", "import:incidents.csv", "--format", "json"});
  EXPECT_THAT(incidents.out, HasSubstr("\"opened\": \"2024-10-01T08:00:00+09:00\""));
  EXPECT_THAT(Cli({"records", "--source", "import:incidents.csv", "--format", "csv"}).out,
              HasSubstr("incident,import:incidents.csv,INC0020001,closed,2024-10-01,"));

  // Months in Japan's time: October holds INC0020001 (23:00 UTC on 30 September).
  const ProcessResult service = Cli({"report", "service", "--format", "json"});
  ASSERT_EQ(service.exit_code, 0) << service.err;
  const ProcessResult service_utc = Cli({"report", "service", "--format", "json", "--timezone", "UTC"});
  EXPECT_NE(service.out, service_utc.out);
  EXPECT_THAT(service.out, HasSubstr("\"time_zone\": \"Asia/Tokyo\""));

  // Japanese CSV for Excel: a BOM, Japanese headers and values.
  const std::string csv = ReadText(Path("gaps.csv"));
  ASSERT_GE(csv.size(), 3u);
  EXPECT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_THAT(csv, HasSubstr("箇条"));
  // The workbook opens in openpyxl, its sheets in Japanese, the user's title of 8.6.1 in it.
  const ProcessResult workbook = RunProcess(
      {"/usr/bin/python3", "-c",
       "import sys, openpyxl\n"
       "book = openpyxl.load_workbook(sys.argv[1])\n"
       "print('|'.join(book.sheetnames))\n"
       "print(any('インシデント管理（例の題名）' == c.value for s in book for r in s.iter_rows() for c in r))\n",
       Path("ギャップ分析.xlsx")});
  ASSERT_EQ(workbook.exit_code, 0) << workbook.err;
  EXPECT_THAT(workbook.out, HasSubstr("ギャップ"));
  EXPECT_THAT(workbook.out, HasSubstr("True"));
  // The dashboard: Japanese, with the user's titles.
  const std::string html = ReadText(Path("dashboard.html"));
  EXPECT_THAT(html, HasSubstr("lang=\"ja\""));
  EXPECT_THAT(html, HasSubstr("変更管理（例の題名）"));
  EXPECT_THAT(html, Not(HasSubstr("seed")));
}

}  // namespace
}  // namespace crosswalk
