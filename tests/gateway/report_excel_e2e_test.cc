// Excel-facing output end to end: the real crosswalkd on the bundled example estate, the real CLI,
// and Python's own readers as the judge — openpyxl opens the XLSX workbook and compares it cell by
// cell with the JSON report of the same request; codecs decodes the cp932 CSV and compares it
// with the UTF-8 one (tests/gateway/report_excel_check.py).
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/cli/run_process.h"
#include "tests/gateway/estate_report_fixture.h"

namespace crosswalk {
namespace {

using ::testing::HasSubstr;

class ReportExcelTest : public ReportTest {
 protected:
  static ProcessResult Check(std::vector<std::string> args) {
    args.insert(args.begin(), {"/usr/bin/python3", CROSSWALK_TESTS_DIR "/gateway/report_excel_check.py"});
    return RunProcess(args);
  }
  static void Write(const std::string& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
  }
  // The workbook and the JSON of the same request, checked by openpyxl.
  static void CheckWorkbook(const std::string& kind, const std::string& lang) {
    SCOPED_TRACE(absl::StrCat(kind, " ", lang));
    const std::string xlsx = Path(absl::StrCat(kind, "-", lang, ".xlsx"));
    const std::string json = Path(absl::StrCat(kind, "-", lang, ".json"));
    for (const auto& [format, out] : {std::pair<std::string, std::string>{"xlsx", xlsx}, {"json", json}}) {
      ProcessResult run = Cli({"report", kind, "--lang", lang, "--as-of", "2026-12-01", "--format", format, "--out", out});
      ASSERT_EQ(run.exit_code, 0) << run.err;
    }
    EXPECT_TRUE(absl::StartsWith(Read(xlsx), "PK\x03\x04")) << "an XLSX is a zip";
    ProcessResult check = Check({"xlsx", xlsx, json, CROSSWALK_SOURCE_MAPPINGS_DIR "/reports/labels.csv", lang, kind});
    EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  }
};

TEST_F(ReportExcelTest, WorkbookMatchesTheJsonReportInJapanese) { CheckWorkbook("all", "ja"); }

TEST_F(ReportExcelTest, WorkbookMatchesTheJsonReportInEnglish) { CheckWorkbook("all", "en"); }

TEST_F(ReportExcelTest, GapsWorkbookIsSummaryThenGaps) { CheckWorkbook("gaps", "ja"); }

TEST_F(ReportExcelTest, XlsxTakesNoEncoding) {
  ProcessResult run = Cli({"report", "gaps", "--format", "xlsx", "--encoding", "cp932", "--out", Path("x.xlsx")});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, HasSubstr("applies to csv"));
  EXPECT_FALSE(std::filesystem::exists(Path("x.xlsx")));
}

TEST_F(ReportExcelTest, Cp932CsvDecodesToTheUtf8One) {
  ProcessResult utf8 = Cli({"report", "coverage", "--lang", "ja", "--format", "csv", "--encoding", "utf-8",
                            "--out", Path("coverage-utf8.csv")});
  ASSERT_EQ(utf8.exit_code, 0) << utf8.err;
  ProcessResult sjis = Cli({"report", "coverage", "--lang", "ja", "--format", "csv", "--encoding", "cp932",
                            "--out", Path("coverage-cp932.csv")});
  ASSERT_EQ(sjis.exit_code, 0) << sjis.err;
  EXPECT_NE(Read(Path("coverage-utf8.csv")), Read(Path("coverage-cp932.csv")));
  ProcessResult check = Check({"cp932", Path("coverage-cp932.csv"), Path("coverage-utf8.csv")});
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
}

TEST_F(ReportExcelTest, JapaneseCsvDefaultsToUtf8WithBom) {
  ProcessResult ja = Cli({"report", "gaps", "--lang", "ja", "--format", "csv"});
  ASSERT_EQ(ja.exit_code, 0) << ja.err;
  EXPECT_TRUE(absl::StartsWith(ja.out, "\xEF\xBB\xBF"));
  ProcessResult en = Cli({"report", "gaps", "--format", "csv"});
  ASSERT_EQ(en.exit_code, 0) << en.err;
  EXPECT_TRUE(absl::StartsWith(en.out, "clause,"));
  ProcessResult bom = Cli({"report", "gaps", "--format", "csv", "--encoding", "utf-8-bom"});
  EXPECT_EQ(bom.out, absl::StrCat("\xEF\xBB\xBF", en.out));
}

TEST_F(ReportExcelTest, CliTablesTakeAnEncoding) {
  ProcessResult utf8 = Cli({"records", "--format", "csv", "--limit", "300"});
  ASSERT_EQ(utf8.exit_code, 0) << utf8.err;
  ProcessResult sjis = Cli({"records", "--format", "csv", "--limit", "300", "--encoding", "cp932"});
  ASSERT_EQ(sjis.exit_code, 0) << sjis.err;
  Write(Path("records-utf8.csv"), utf8.out);
  Write(Path("records-cp932.csv"), sjis.out);
  ProcessResult check = Check({"cp932", Path("records-cp932.csv"), Path("records-utf8.csv")});
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  ProcessResult bom = Cli({"sources", "--format", "csv", "--encoding", "utf-8-bom"});
  ASSERT_EQ(bom.exit_code, 0) << bom.err;
  EXPECT_TRUE(absl::StartsWith(bom.out, "\xEF\xBB\xBFname,"));
  ProcessResult table = Cli({"sources", "--encoding", "cp932"});
  EXPECT_EQ(table.exit_code, 2);
  EXPECT_THAT(table.err, HasSubstr("add --format csv"));
  ProcessResult unknown = Cli({"sources", "--format", "csv", "--encoding", "sjis"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_THAT(unknown.err, HasSubstr("expected utf-8, utf-8-bom or cp932"));
}

}  // namespace
}  // namespace crosswalk
