// End-to-end test of previews (issue 11): `crosswalk import --preset P FILE --dry-run` and
// `crosswalk sources preview NAME` through the real crosswalkd and CLI, on the Japanese register
// fixtures (tests/fixtures/registers-ja/: a Shift_JIS CSV, an XLSX with cover sheets). A preview
// shows the column roles, unclaimed columns, first records, kinds, unknown values, notes, warnings
// and errors, stores nothing (no record, source, import, file) and exits as sync would; a file
// whose headers fit another preset much better is warned about, in a preview and a real import.
#include <filesystem>
#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/gateway/gateway_fixture.h"

namespace crosswalk {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kReadToken[] = "read-token-0123456789abcdef";
constexpr char kSyncToken[] = "sync-token-0123456789abcdef";

// A ServiceNow incident export as the incident table's CSV export writes it.
constexpr char kIncidents[] =
    "number,short_description,state,priority,impact,urgency,category,opened_at,sys_updated_on,resolved_at,"
    "closed_at,close_notes,close_code,assignment_group,assigned_to,cmdb_ci,business_service,problem_id,made_sla\n"
    "INC0010001,Mail down,Resolved,2 - High,2 - Medium,2 - Medium,network,2024-05-01 09:00:00,"
    "2024-05-02 10:00:00,2024-05-02 09:00:00,,fixed,Solved,Network,Alice,mail01,Email,,true\n";
constexpr char kMismatch[] =
    "the headers fit preset servicenow-incident (19 of 19 columns) much better than servicenow-change (12 of 19); "
    "check --preset";

class PreviewTest : public GatewayTest {
 protected:
  void SetUp() override {
    GatewayTest::SetUp();
    std::filesystem::copy(CROSSWALK_TESTS_DIR "/fixtures/registers-ja", dir_ / "registers-ja");
    WriteFile("read.token", absl::StrCat(kReadToken, "\n"));
    WriteFile("sync.token", absl::StrCat(kSyncToken, "\n"));
    WriteFile("crosswalkd.yaml", R"(store: preview.db
limits: {max_import_bytes: 8000}
tokens:
  - {name: auditor, role: read, file: read.token}
  - {name: ops, role: sync, file: sync.token}
sources:
  - name: soa
    type: file
    location: registers-ja/soa.csv
    preset: isms-soa
)");
    Start();
  }
  ProcessResult AsReader(std::vector<std::string> args) {
    return Cli(std::move(args), {absl::StrCat("CROSSWALK_TOKEN=", kReadToken)});
  }
  ProcessResult AsSyncer(std::vector<std::string> args) {
    return Cli(std::move(args), {absl::StrCat("CROSSWALK_TOKEN=", kSyncToken)});
  }
  // Nothing of a preview is kept: no records, the configured source only, no import file.
  void ExpectNothingStored() {
    ProcessResult sources = AsReader({"sources", "--format", "csv"});
    ASSERT_EQ(sources.exit_code, 0) << sources.err;
    EXPECT_THAT(sources.out, HasSubstr("soa,file,isms-soa,0,0,"));
    EXPECT_THAT(sources.out, Not(HasSubstr("import:")));
    ProcessResult records = AsReader({"records", "--format", "csv"});
    ASSERT_EQ(records.exit_code, 0) << records.err;
    EXPECT_EQ(std::count(records.out.begin(), records.out.end(), '\n'), 1) << records.out;  // the header only
    ProcessResult unmapped = AsReader({"records", "--unmapped", "--format", "csv"});
    EXPECT_EQ(std::count(unmapped.out.begin(), unmapped.out.end(), '\n'), 1) << unmapped.out;
    for (const char* sub : {"files", "sources", "staging"}) {
      const std::filesystem::path shelf = std::filesystem::path(testing_process::ImportsDirFor((dir_ / "preview.db").string())) / sub;
      EXPECT_TRUE(std::filesystem::is_empty(shelf)) << shelf;
    }
  }
};

TEST_F(PreviewTest, DryRunOfAShiftJisCsvShowsHowItWouldBeRead) {
  // A read token is enough: a preview stores nothing.
  ProcessResult preview = AsReader({"import", "--preset", "isms-soa", Path("registers-ja/soa.csv"), "--dry-run", "--limit", "2"});
  ASSERT_EQ(preview.exit_code, 0) << preview.err << preview.out;
  const std::string& out = preview.out;
  EXPECT_THAT(out, HasSubstr("source: import:soa.csv  outcome: ok  records read: 7  (a preview: nothing was stored)"));
  // The role table: header, column number, role; the unclaimed column.
  EXPECT_THAT(out, HasSubstr("管理策番号    1       control_ref"));
  EXPECT_THAT(out, HasSubstr("実施状況      4       status"));
  EXPECT_THAT(out, HasSubstr("最終見直し日  5       reviewed"));
  EXPECT_THAT(out, HasSubstr("備考          6       (no role)"));
  EXPECT_THAT(out, HasSubstr("unclaimed columns: 備考\n"));
  // The first 2 records, normalised (full-width refs read as Annex A controls), not the third.
  EXPECT_THAT(out, HasSubstr("first 2 records"));
  EXPECT_THAT(out, HasSubstr("control  iso27001:2022#A.5.1  implemented  情報セキュリティのための方針群  2024-04-01"));
  EXPECT_THAT(out, HasSubstr("iso27001:2022#A.5.2"));
  EXPECT_THAT(out, Not(HasSubstr("iso27001:2022#A.5.3")));
  // Kinds and unknown values are counted over the whole file.
  EXPECT_THAT(out, HasSubstr("control  7"));
  EXPECT_THAT(out, HasSubstr("(column)  備考       2"));
  EXPECT_THAT(out, HasSubstr("note: columns no role of preset isms-soa claims"));
  ExpectNothingStored();

  // JSON carries the same.
  ProcessResult json = AsReader({"import", "--preset", "isms-soa", Path("registers-ja/soa.csv"), "--dry-run", "--format", "json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  EXPECT_THAT(json.out, HasSubstr("\"header\": \"備考\",\n   \"column\": \"6\",\n   \"role\": \"\""));
  EXPECT_THAT(json.out, HasSubstr("\"kind\": \"control\",\n   \"count\": \"7\""));
  EXPECT_THAT(json.out, HasSubstr("\"native_id\": \"iso27001:2022#A.5.5\""));  // 5 records by default
  EXPECT_THAT(json.out, Not(HasSubstr("\"native_id\": \"iso27001:2022#A.5.6\"")));
  ExpectNothingStored();
}

TEST_F(PreviewTest, DryRunOfAnXlsxWithCoverSheetsNamesTheSheet) {
  ProcessResult preview = AsReader({"import", "--preset", "isms-soa", Path("registers-ja/soa.xlsx"), "--dry-run"});
  ASSERT_EQ(preview.exit_code, 0) << preview.err << preview.out;
  const std::string& out = preview.out;
  EXPECT_THAT(out, HasSubstr("records read: 3"));
  EXPECT_THAT(out, HasSubstr("note: sheet '適用宣言書' read (the first whose header row fits preset isms-soa); skipped: 表紙, 改訂履歴"));
  // Columns by their letters.
  EXPECT_THAT(out, HasSubstr("管理策番号  A       control_ref"));
  EXPECT_THAT(out, HasSubstr("確認者      E       (no role)"));
  EXPECT_THAT(out, HasSubstr("iso27001:2022#A.8.8  partially-implemented"));
  EXPECT_THAT(out, HasSubstr("(column)  確認者     3"));
  ExpectNothingStored();
}

TEST_F(PreviewTest, PreviewOfAConfiguredSourceAndAnImport) {
  ProcessResult preview = AsReader({"sources", "preview", "soa", "--limit", "1"});
  ASSERT_EQ(preview.exit_code, 0) << preview.err << preview.out;
  EXPECT_THAT(preview.out, HasSubstr("source: soa  outcome: ok  records read: 7"));
  EXPECT_THAT(preview.out, HasSubstr("first 1 records"));
  EXPECT_THAT(preview.out, HasSubstr("control  7"));
  ExpectNothingStored();  // no cursor, no run: the source still shows nothing stored
  ProcessResult sync = AsSyncer({"sync", "soa"});
  ASSERT_EQ(sync.exit_code, 0) << sync.err;
  EXPECT_THAT(sync.err, HasSubstr("soa: done (7 new, 0 changed, 0 unchanged)"));  // the preview left no cursor
  // After a sync, a preview still reads the whole source (whatever the cursor).
  ProcessResult again = AsReader({"sources", "preview", "soa"});
  EXPECT_THAT(again.out, HasSubstr("records read: 7"));
  // An existing import is previewed by its name.
  ProcessResult imported = AsSyncer({"import", "--preset", "isms-soa", Path("registers-ja/soa.xlsx")});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  ProcessResult of_import = AsReader({"sources", "preview", "import:soa.xlsx"});
  ASSERT_EQ(of_import.exit_code, 0) << of_import.err;
  EXPECT_THAT(of_import.out, HasSubstr("source: import:soa.xlsx  outcome: ok  records read: 3"));
  // An unknown name is a usage error naming the nearest.
  ProcessResult unknown = AsReader({"sources", "preview", "sao"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_THAT(unknown.err, HasSubstr("no source 'sao'; nearest: soa"));
}

TEST_F(PreviewTest, EmptyAndHeaderOnlyFilesExitThree) {
  WriteFile("empty.csv", "");
  WriteFile("header-only.csv", "number,short_description,state\n");
  for (const char* file : {"empty.csv", "header-only.csv"}) {
    ProcessResult preview = AsReader({"import", "--preset", "servicenow-incident", Path(file), "--dry-run"});
    EXPECT_EQ(preview.exit_code, 3) << file << preview.err << preview.out;
    EXPECT_THAT(preview.out, HasSubstr("outcome: empty"));
    EXPECT_THAT(preview.out, HasSubstr("warning: no records read: the source is empty or holds only a header row"));
  }
  ExpectNothingStored();
}

TEST_F(PreviewTest, ErrorsSyncWouldRejectExitOne) {
  // 6.1.2 is a clause, not an Annex A control: sync rejects the file; the preview names the cell.
  ProcessResult preview = AsReader({"import", "--preset", "isms-soa", Path("registers-ja/soa-clause.csv"), "--dry-run"});
  EXPECT_EQ(preview.exit_code, 1) << preview.err << preview.out;
  EXPECT_THAT(preview.out, HasSubstr("outcome: failed"));
  EXPECT_THAT(preview.out, HasSubstr("error: soa-clause.csv line 3, column 1 (管理策番号) read as control_ref: '6.1.2' is clause 6.1.2"));
  ExpectNothingStored();
}

TEST_F(PreviewTest, WrongPresetIsWarnedInDryRunAndImport) {
  WriteFile("incidents.csv", kIncidents);
  ProcessResult preview = AsReader({"import", "--preset", "servicenow-change", Path("incidents.csv"), "--dry-run"});
  ASSERT_EQ(preview.exit_code, 0) << preview.err << preview.out;
  EXPECT_THAT(preview.out, HasSubstr(absl::StrCat("warning: ", kMismatch)));
  ExpectNothingStored();
  // The right preset: no warning.
  ProcessResult right = AsReader({"import", "--preset", "servicenow-incident", Path("incidents.csv"), "--dry-run"});
  EXPECT_THAT(right.out, Not(HasSubstr("much better")));
  // A real import warns the same way, and still stores the file.
  ProcessResult imported = AsSyncer({"import", "--preset", "servicenow-change", Path("incidents.csv")});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_THAT(imported.err, HasSubstr("import:incidents.csv: done (1 new, 0 changed, 0 unchanged)"));
  EXPECT_THAT(imported.err, HasSubstr(absl::StrCat("import:incidents.csv: warning: ", kMismatch)));
}

TEST_F(PreviewTest, LimitsAreTheServers) {
  // --limit beyond 100 is refused by the CLI and, sent directly, by the server.
  ProcessResult cli = AsReader({"sources", "preview", "soa", "--limit", "1000"});
  EXPECT_EQ(cli.exit_code, 2);
  EXPECT_THAT(cli.err, HasSubstr("--limit takes a whole number from 1 to 100"));
  ProcessResult without_dry_run = AsSyncer({"import", "--preset", "isms-soa", Path("registers-ja/soa.csv"), "--limit", "2"});
  EXPECT_EQ(without_dry_run.exit_code, 2);
  EXPECT_THAT(without_dry_run.err, HasSubstr("--limit of 'import' is for --dry-run"));
  // The server bounds the records shown, whatever the client asks for.
  EXPECT_EQ(Python({"preview", daemon_->address(), kReadToken, "soa", "100"}).out, "OK 7\n");
  EXPECT_EQ(Python({"preview", daemon_->address(), kReadToken, "soa", "101"}).out, "INVALID_ARGUMENT\n");
  // A dry run is bounded by limits.max_import_bytes as an import is (8000 bytes here).
  std::string large_csv = kIncidents;
  while (large_csv.size() <= 8000) large_csv += large_csv.substr(large_csv.find('\n') + 1);
  WriteFile("large.csv", large_csv);
  ProcessResult large = AsReader({"import", "--preset", "servicenow-incident", Path("large.csv"), "--dry-run"});
  EXPECT_EQ(large.exit_code, 1);
  EXPECT_THAT(large.err, HasSubstr("import larger than 8000 bytes (limits.max_import_bytes)"));
  // --dry-run is a gateway preview: a mapping import refuses it.
  ProcessResult local = RunProcess({CROSSWALK_BINARY, "import", "--dry-run", Path("registers-ja/soa.csv")});
  EXPECT_EQ(local.exit_code, 2);
  EXPECT_THAT(local.err, HasSubstr("--dry-run and --limit are for a --preset import"));
  ExpectNothingStored();
}

}  // namespace
}  // namespace crosswalk
