// End-to-end test of column and value recognition on a Japanese register set as Japanese Excel
// saves it (tests/fixtures/registers-ja/, written by its make_registers.py: Shift_JIS CSVs and an
// XLSX with a cover sheet), through the real crosswalkd and CLI: 対象規格 decides the catalog per
// row, the Japanese header spellings are recognised, unclaimed columns are listed, SoA statuses
// and full-width refs are read as controls, a clause in an SoA is an error naming the cell, and an
// XLSX cover sheet is skipped with the chosen sheet reported.
#include <algorithm>
#include <filesystem>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/gateway/gateway_fixture.h"

namespace crosswalk {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class RegistersJaTest : public GatewayTest {
 protected:
  void SetUp() override {
    GatewayTest::SetUp();
    std::filesystem::copy(CROSSWALK_TESTS_DIR "/fixtures/registers-ja", dir_ / "registers-ja");
    WriteFile("crosswalkd.yaml", R"(store: registers.db
sources:
  - name: soa
    type: file
    location: registers-ja/soa.csv
    preset: isms-soa
  - name: audit
    type: file
    location: registers-ja/audit-findings.csv
    preset: audit-findings
  - name: capa
    type: file
    location: registers-ja/capa-log.csv
    preset: qms-nc
  - name: soa-xlsx
    type: file
    location: registers-ja/soa.xlsx
    preset: isms-soa
  - name: soa-clause
    type: file
    location: registers-ja/soa-clause.csv
    preset: isms-soa
)");
    Start();
  }

  std::string Records(const std::string& source) {
    ProcessResult result = Cli({"records", "--source", source, "--format", "csv"});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return result.out;
  }
};

TEST_F(RegistersJaTest, JapaneseRegistersAreRecognised) {
  ProcessResult sync = Cli({"sync", "soa", "audit", "capa", "soa-xlsx"});
  ASSERT_EQ(sync.exit_code, 0) << sync.err;
  EXPECT_THAT(sync.err, HasSubstr("soa: done (7 new, 0 changed, 0 unchanged)"));
  EXPECT_THAT(sync.err, HasSubstr("audit: done (4 new, 0 changed, 0 unchanged)"));
  EXPECT_THAT(sync.err, HasSubstr("capa: done (2 new, 0 changed, 0 unchanged)"));
  EXPECT_THAT(sync.err, HasSubstr("soa-xlsx: done (3 new, 0 changed, 0 unchanged)"));
  // The XLSX opens on 表紙 and 改訂履歴: the register sheet is found and named.
  EXPECT_THAT(sync.err, HasSubstr("soa-xlsx: sheet '適用宣言書' read (the first whose header row fits preset isms-soa)"));
  // Unclaimed columns are named in the result.
  EXPECT_THAT(sync.err, HasSubstr("audit: columns no role of preset audit-findings claims (kept as attributes, listed by records --unmapped as (column)): 確認者"));
  EXPECT_THAT(sync.err, HasSubstr("soa: columns no role of preset isms-soa claims"));

  // SoA: ５．１, A５.２, Ａ.5.3 and 5.5 are Annex A controls; the status words are implementation.
  const std::string soa = Records("soa");
  for (const char* row : {"control,soa,iso27001:2022#A.5.1,implemented,", "control,soa,iso27001:2022#A.5.2,implemented,",
                          "control,soa,iso27001:2022#A.5.3,implemented,", "control,soa,iso27001:2022#A.5.4,partially-implemented,",
                          "control,soa,iso27001:2022#A.5.5,planned,", "control,soa,iso27001:2022#A.5.6,not-implemented,",
                          "control,soa,iso27001:2022#A.5.7,not-applicable,"}) {
    EXPECT_THAT(soa, HasSubstr(row));
  }
  const std::string xlsx = Records("soa-xlsx");
  EXPECT_THAT(xlsx, HasSubstr("control,soa-xlsx,iso27001:2022#A.5.1,implemented,"));
  EXPECT_THAT(xlsx, HasSubstr("control,soa-xlsx,iso27001:2022#A.8.8,partially-implemented,"));

  // 対象規格 decides each finding's catalog: ISMS and JIS Q 27001 → 27001:2022, QMS → 9001:2015,
  // ITSMS → 20000-1:2018; the Japanese headers fill their roles.
  ProcessResult audit = Cli({"records", "--source", "audit", "--format", "json"});
  ASSERT_EQ(audit.exit_code, 0) << audit.err;
  for (const char* link : {"clause=iso27001:2022#6.1.2", "clause=iso9001:2015#8.5.1",
                           "clause=iso20000-1:2018#8.5.1", "clause=iso27001:2022#9.2"}) {
    EXPECT_THAT(audit.out, HasSubstr(link));
  }
  EXPECT_THAT(audit.out, HasSubstr("\"effective\": \"2024-06-10\""));  // 監査実施日
  EXPECT_THAT(audit.out, HasSubstr("\"status\": \"in-progress\""));
  ProcessResult capa = Cli({"records", "--source", "capa", "--format", "json"});
  EXPECT_THAT(capa.out, HasSubstr("clause=iso9001:2015#7.1.5"));  // 該当要求事項

  // Nothing lost silently: the unclaimed columns by header, counted per record with a value; no
  // other value is unknown.
  ProcessResult unmapped = Cli({"records", "--unmapped", "--format", "csv"});
  ASSERT_EQ(unmapped.exit_code, 0) << unmapped.err;
  EXPECT_THAT(unmapped.out, HasSubstr("audit,(column),確認者,4,"));
  EXPECT_THAT(unmapped.out, HasSubstr("soa,(column),備考,2,"));
  EXPECT_THAT(unmapped.out, HasSubstr("soa-xlsx,(column),確認者,3,"));
  EXPECT_THAT(unmapped.out, Not(HasSubstr(",status,")));
  EXPECT_THAT(unmapped.out, Not(HasSubstr(",clause,")));
}

TEST_F(RegistersJaTest, ClauseInAnSoaIsAnErrorNamingTheCell) {
  ProcessResult sync = Cli({"sync", "soa-clause"});
  EXPECT_NE(sync.exit_code, 0);
  EXPECT_THAT(sync.err, HasSubstr("soa-clause: failed"));
  EXPECT_THAT(sync.err, HasSubstr("soa-clause.csv line 3, column 1 (管理策番号) read as control_ref: '6.1.2' is clause 6.1.2 of iso27001:2022"));
  EXPECT_THAT(sync.err, HasSubstr("not an Annex A control"));
  const std::string stored = Records("soa-clause");  // nothing half-stored: the header line only
  EXPECT_EQ(std::count(stored.begin(), stored.end(), '\n'), 1) << stored;
}

}  // namespace
}  // namespace crosswalk
