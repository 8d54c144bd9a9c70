// Column recognition as data (mappings/presets/roles.csv shared by every preset, columns.csv per
// preset): header keys compared after NFKC, case folding and removal of spaces and punctuation;
// the Japanese register spellings bound; unclaimed columns kept and reported; an XLSX cover sheet
// skipped to the first sheet whose header row fits. Read from tests/fixtures/registers-ja/.
#include <map>
#include <string>
#include <vector>

#include "connectors/connector.h"
#include "connectors/files/file_connector.h"
#include "connectors/files/preset.h"
#include "gateway/core/unicode.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace crosswalk::files {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

const char kRegisters[] = CROSSWALK_TEST_FIXTURES "/registers-ja";

TEST(HeaderKeyTest, SpacesPunctuationWidthAndCaseDoNotMatter) {
  for (const char* spelling : {"Risk ID", "risk-id", "RiskID", "ＲＩＳＫ　ＩＤ", "risk_id", "Risk・ID"}) {
    EXPECT_EQ(HeaderKey(spelling), "riskid") << spelling;
  }
  EXPECT_EQ(HeaderKey("管理策　No."), HeaderKey("管理策ＮＯ"));
  EXPECT_EQ(HeaderKey("対象プロセス/箇条"), "対象プロセス箇条");
  EXPECT_NE(HeaderKey("条項"), HeaderKey("箇条"));
}

class ColumnRolesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto presets = PresetSet::Load(CROSSWALK_SOURCE_MAPPINGS_DIR);
    ASSERT_TRUE(presets.ok()) << presets.status();
    presets_ = std::move(*presets);
    registry_.Register(FileConnectorFactory(presets_.get(), nullptr));
  }

  // role → header of the binding of `header` under `preset`; "" for a header no role claims.
  std::map<std::string, std::string> Roles(const std::string& preset, const std::vector<std::string>& header) {
    auto binding = ColumnBinding::Bind(*presets_->Find(preset), header, {}, "f.csv");
    EXPECT_TRUE(binding.ok()) << binding.status();
    std::map<std::string, std::string> roles;
    if (!binding.ok()) return roles;
    SourceRow row{2, "", {}};
    for (size_t i = 0; i < header.size(); ++i) row.fields.push_back({header[i], "x", static_cast<int>(i + 1)});
    for (const RawField& field : binding->Apply(std::move(row), "f.csv").fields) {
      roles[field.extra ? "(column) " + field.role : field.role] = field.header;
    }
    return roles;
  }

  // Every record of a file source, and the notes of its pages.
  std::vector<RawRecord> ReadAll(std::map<std::string, std::string> options, std::vector<std::string>* notes) {
    auto connector = registry_.Create({"t", "file", std::move(options)}, {});
    EXPECT_TRUE(connector.ok()) << connector.status();
    std::vector<RawRecord> records;
    if (!connector.ok()) return records;
    absl::Status started = (*connector)->Start("");
    EXPECT_TRUE(started.ok()) << started;
    if (!started.ok()) return records;
    while (true) {
      auto page = (*connector)->Pull(100);
      EXPECT_TRUE(page.ok()) << page.status();
      if (!page.ok()) break;
      for (RawRecord& record : page->records) records.push_back(std::move(record));
      for (std::string& note : page->notes) notes->push_back(std::move(note));
      if (page->done) break;
    }
    return records;
  }

  std::unique_ptr<PresetSet> presets_;
  ConnectorRegistry registry_;
};

// The spellings of the issue: 対象規格, 該当要求事項, 該当条項, 監査実施日, 処置期限, 被監査部署.
TEST_F(ColumnRolesTest, JapaneseRegisterSpellingsBindToRoles) {
  auto audit = Roles("audit-findings", {"指摘番号", "監査実施日", "対象規格", "該当条項", "指摘内容",
                                        "被監査部署", "処置期限", "確認者"});
  EXPECT_EQ(audit["native_id"], "指摘番号");
  EXPECT_EQ(audit["audit_date"], "監査実施日");
  EXPECT_EQ(audit["catalog"], "対象規格");
  EXPECT_EQ(audit["clause"], "該当条項");
  EXPECT_EQ(audit["owner"], "被監査部署");
  EXPECT_EQ(audit["due"], "処置期限");
  EXPECT_TRUE(audit.count("(column) 確認者"));
  // The same role, the same words, whatever the preset: 箇条 and 該当要求事項 in a CAPA log too.
  auto capa = Roles("qms-nc", {"管理番号", "発見日", "不適合内容", "該当要求事項", "是正処置期限", "担当部署"});
  EXPECT_EQ(capa["clause"], "該当要求事項");
  EXPECT_EQ(capa["due"], "是正処置期限");
  EXPECT_EQ(capa["owner"], "担当部署");
  EXPECT_EQ(Roles("qms-nc", {"No.", "起票日", "内容", "箇条"})["clause"], "箇条");
  // Spaces, punctuation and width are ignored: "管理策 No." is 管理策no.
  EXPECT_EQ(Roles("isms-soa", {"管理策　ＮＯ", "適用・可否"})["control_ref"], "管理策　ＮＯ");
}

TEST_F(ColumnRolesTest, UnclaimedColumnsAreListedInOrder) {
  auto binding = ColumnBinding::Bind(*presets_->Find("isms-soa"), {"管理策番号", "備考", "適用可否", "確認者"}, {}, "f.csv");
  ASSERT_TRUE(binding.ok()) << binding.status();
  EXPECT_THAT(binding->unclaimed(), ElementsAre("備考", "確認者"));
}

TEST_F(ColumnRolesTest, ShiftJisAuditFindingsFromTheFixture) {
  std::vector<std::string> notes;
  auto records = ReadAll({{"location", std::string(kRegisters) + "/audit-findings.csv"}, {"preset", "audit-findings"}}, &notes);
  ASSERT_EQ(records.size(), 4u);
  EXPECT_EQ(records[0].Field("catalog")->value, "ISMS");
  EXPECT_EQ(records[3].Field("catalog")->value, "JIS Q 27001");
  EXPECT_EQ(records[0].Field("catalog")->header, "対象規格");
  EXPECT_THAT(notes, ElementsAre(HasSubstr("columns no role of preset audit-findings claims")));
  EXPECT_THAT(notes[0], HasSubstr(": 確認者"));
}

// 表紙 (a cover page) and 改訂履歴 (a revision history) come first; the register is the third sheet.
TEST_F(ColumnRolesTest, XlsxCoverSheetsAreSkippedAndTheChosenSheetNamed) {
  std::vector<std::string> notes;
  auto records = ReadAll({{"location", std::string(kRegisters) + "/soa.xlsx"}, {"preset", "isms-soa"}}, &notes);
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[0].Field("control_ref")->value, "５．１");
  EXPECT_THAT(records[0].location, HasSubstr("適用宣言書"));
  EXPECT_THAT(notes, ::testing::Contains(HasSubstr("sheet '適用宣言書' read")));
  // A sheet named is read as named: the cover page has no header row that fits, which is an error.
  auto connector = registry_.Create({"t", "file", {{"location", std::string(kRegisters) + "/soa.xlsx"},
                                                   {"preset", "isms-soa"}, {"sheet", "表紙"}}}, {});
  ASSERT_TRUE(connector.ok());
  ASSERT_TRUE((*connector)->Start("").ok());
  auto page = (*connector)->Pull(100);
  EXPECT_FALSE(page.ok());
}

}  // namespace
}  // namespace crosswalk::files
