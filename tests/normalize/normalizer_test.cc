#include "gateway/normalize/normalizer.h"

#include <map>
#include <memory>
#include <set>
#include <utility>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "absl/strings/match.h"
#include "gateway/core/unicode.h"
#include "gateway/normalize/rule_set.h"
#include "tests/status_matchers.h"

namespace crosswalk {
namespace {

using ::testing::HasSubstr;

class NormalizerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto rules = RuleSet::Load(CROSSWALK_SOURCE_MAPPINGS_DIR);
    ASSERT_TRUE(rules.ok()) << rules.status();
    rules_ = rules->release();
  }
  static void TearDownTestSuite() { delete rules_; }

  // A resolver that knows A.5.1 and A.8.8 of iso27001:2022 and clause 9.2 of iso9001:2015.
  static std::optional<std::string> Resolve(const std::string& catalog, const std::string& ref,
                                            bool prefer_annex, std::string* id) {
    *id = catalog;
    for (const char* known : {"A.5.1", "A.8.8", "9.2"}) {
      if (ref == known || (prefer_annex && "A." + ref == known)) return std::string(known);
    }
    return std::nullopt;
  }

  NormalizedRecord Run(const RawRecord& raw, const SourceShape& shape) {
    Normalizer normalizer(rules_, &NormalizerTest::Resolve);
    auto result = normalizer.Normalize(raw, shape, 1700000000);
    EXPECT_TRUE(result.ok()) << result.status();
    return result.ok() ? *result : NormalizedRecord{};
  }

  static const RuleSet* rules_;
};
const RuleSet* NormalizerTest::rules_ = nullptr;

RawField F(std::string role, std::string value, std::string type = "text") {
  return RawField{std::move(role), std::move(type), std::move(value), "column 1", false};
}

std::string RuleOf(const Record& record, const std::string& field) {
  for (const FieldOrigin& origin : record.provenance.origins) {
    if (origin.field == field) return origin.rule_id;
  }
  return "(none)";
}

TEST_F(NormalizerTest, ServiceNowStateDependsOnTheTable) {
  SourceShape shape{"sn", "servicenow", "incident", "preset:servicenow-incident"};
  RawRecord incident{"", "incident", "x line 2", {F("native_id", "INC1"), F("status", "6"), F("priority", "2 - High")}};
  NormalizedRecord out = Run(incident, shape);
  EXPECT_EQ(out.record.kind, "incident");
  EXPECT_EQ(out.record.status, "resolved");
  EXPECT_EQ(RuleOf(out.record, "status"), "sn.incident.state.6");
  EXPECT_EQ(out.record.priority, "high");

  shape.default_kind = "change";
  RawRecord change{"", "change_request", "x line 3", {F("native_id", "CHG1"), F("status", "-5")}};
  out = Run(change, shape);
  EXPECT_EQ(out.record.kind, "change");
  EXPECT_EQ(out.record.status, "new");
  EXPECT_EQ(RuleOf(out.record, "status"), "sn.change.state.-5");
}

TEST_F(NormalizerTest, CmdbClassNamesTheKind) {
  SourceShape shape{"cmdb", "servicenow", "configuration-item", "preset:servicenow-cmdb-ci"};
  RawRecord service{"", "cmdb_ci_service", "x", {F("native_id", "s1")}};
  EXPECT_EQ(Run(service, shape).record.kind, "service");
  RawRecord server{"", "cmdb_ci_linux_server", "x", {F("native_id", "s2")}};
  EXPECT_EQ(Run(server, shape).record.kind, "configuration-item");
}

TEST_F(NormalizerTest, JapaneseAndFullWidthValuesAndTermTable) {
  SourceShape shape{"t", "common", "", ""};
  RawRecord ticket{"", "ticket", "x", {F("native_id", "1"), F("kind", "インシデント"), F("status", "対応中"),
                                       F("priority", "高")}};
  NormalizedRecord out = Run(ticket, shape);
  EXPECT_EQ(out.record.kind, "incident");
  EXPECT_EQ(out.record.status, "in-progress");
  EXPECT_EQ(out.record.priority, "high");
  // "既知の誤り" is the JIS term of Table B-1, reached through the term table.
  RawRecord known{"", "ticket", "x", {F("native_id", "2"), F("kind", "既知の誤り")}};
  out = Run(known, shape);
  EXPECT_EQ(out.record.kind, "known-error");
  // Full-width letters fold: "ＣＬＯＳＥＤ" is closed.
  RawRecord wide{"", "ticket", "x", {F("native_id", "3"), F("kind", "Incident"), F("status", "ＣＬＯＳＥＤ")}};
  EXPECT_EQ(Run(wide, shape).record.status, "closed");
}

TEST_F(NormalizerTest, UnknownValuesAreKeptRawAndListed) {
  SourceShape shape{"t", "common", "incident", "preset:x"};
  RawRecord raw{"", "ticket", "x", {F("native_id", "1"), F("status", "Waiting on vendor"), F("Colour", "blue")}};
  raw.fields.back().extra = true;
  NormalizedRecord out = Run(raw, shape);
  EXPECT_EQ(out.record.status, "");
  ASSERT_EQ(out.unmapped.size(), 2u);
  EXPECT_EQ(out.unmapped[0].field, "status");
  EXPECT_EQ(out.unmapped[0].raw_value, "Waiting on vendor");
  // A column no role claims is listed too, by its header.
  EXPECT_EQ(out.unmapped[1].field, "(column)");
  EXPECT_EQ(out.unmapped[1].raw_value, "Colour");
  EXPECT_EQ(RuleOf(out.record, "status"), "");
  ASSERT_NE(out.record.FindAttribute("Colour"), nullptr);  // the extra column is kept
}

TEST_F(NormalizerTest, SoaRowBecomesAControlLinkedToItsCatalogRef) {
  SourceShape shape{"soa", "common", "control", "preset:isms-soa", {"reviewed"}, "preset:isms-soa", "iso27001:2022"};
  RawRecord row{"", "soa", "soa.csv line 2",
                {F("control_ref", "5.1", "ref"), F("applicable", "Yes", "flag"), F("status", "Implemented"),
                 F("reviewed", "2025/04/01", "date")}};
  NormalizedRecord out = Run(row, shape);
  EXPECT_EQ(out.record.kind, "control");
  EXPECT_EQ(out.record.status, "implemented");
  ASSERT_EQ(out.record.links.size(), 1u);
  EXPECT_EQ(out.record.links[0].relation, "implements");
  EXPECT_EQ(out.record.links[0].target, "iso27001:2022#A.5.1");
  EXPECT_EQ(out.record.provenance.native_id, "iso27001:2022#A.5.1");
  ASSERT_TRUE(out.record.effective.has_value());
  EXPECT_EQ(*out.record.effective, 1743465600);  // 2025-04-01T00:00:00Z
  EXPECT_EQ(RuleOf(out.record, "effective"), "preset:isms-soa:effective_from:reviewed");

  row.fields[1].value = "適用除外";
  out = Run(row, shape);
  EXPECT_EQ(out.record.status, "not-applicable");
}

TEST_F(NormalizerTest, UnknownRefIsCountedNotLinked) {
  SourceShape shape{"risk", "common", "risk", "preset:isms-risk", {}, "", "iso27001:2022"};
  RawRecord row{"", "risk", "x", {F("native_id", "R1"), F("controls", "A.5.1; A.99.9、8.8", "refs")}};
  NormalizedRecord out = Run(row, shape);
  ASSERT_EQ(out.record.links.size(), 2u);
  EXPECT_EQ(out.record.links[1].target, "iso27001:2022#A.8.8");
  ASSERT_EQ(out.unmapped.size(), 1u);
  EXPECT_EQ(out.unmapped[0].raw_value, "iso27001:2022#A.99.9");
}

TEST_F(NormalizerTest, BadDateNamesRecordPositionAndRole) {
  SourceShape shape{"t", "common", "incident", "preset:x"};
  RawRecord row{"", "ticket", "tickets.csv line 7", {F("native_id", "1"), F("opened", "2025-13-01", "datetime")}};
  row.fields[1].where = "column 4";
  Normalizer normalizer(rules_, &NormalizerTest::Resolve);
  auto result = normalizer.Normalize(row, shape, 0);
  EXPECT_THAT(result, StatusIs(absl::StatusCode::kInvalidArgument,
                              ::testing::AllOf(HasSubstr("tickets.csv line 7, column 4 (opened)"),
                                    HasSubstr("is not a date"))));
}

// A date column at a +09:00 source: the calendar date is kept (it once became the day before),
// era dates and Excel serials read, and a bad date names the column by its header and number.
TEST_F(NormalizerTest, DateOnlyValuesStayOnTheirCalendarDate) {
  SourceShape shape{"soa", "common", "control", "preset:isms-soa", {"reviewed"}, "preset:isms-soa"};
  shape.utc_offset_seconds = 9 * 3600;
  RawRecord row{"", "soa", "soa.csv line 2",
                {F("native_id", "A.5.1"), F("reviewed", "2024/6/13", "date"), F("audited", "令和6年4月1日", "date"),
                 F("due", "45383", "date"), F("seen", "R6.4.1 9:05", "datetime")}};
  NormalizedRecord out = Run(row, shape);
  ASSERT_TRUE(out.record.effective.has_value());
  EXPECT_EQ(*out.record.effective, 1718236800);  // 2024-06-13T00:00:00Z (GNU date)
  EXPECT_TRUE(out.record.IsCalendarDate("effective"));
  ASSERT_NE(out.record.FindAttribute("reviewed"), nullptr);
  EXPECT_EQ(out.record.FindAttribute("reviewed")->value, "2024-06-13");
  EXPECT_EQ(out.record.FindAttribute("audited")->value, "2024-04-01");
  EXPECT_EQ(out.record.FindAttribute("due")->value, "2024-04-01");  // Excel serial 45383
  EXPECT_EQ(out.record.FindAttribute("seen")->value, "2024-04-01T00:05:00Z");
}

// A source in an IANA zone: a wall-clock time takes the zone's offset at that time (London: +01:00
// in summer, +00:00 in winter), a time with its own offset and a calendar date are left alone.
TEST_F(NormalizerTest, WallClockTimesTakeTheSourceZonesOffsetAtThatTime) {
  SourceShape shape{"t", "common", "incident", "preset:x", {"opened"}, "preset:x"};
  absl::TimeZone london;
  ASSERT_TRUE(absl::LoadTimeZone("Europe/London", &london));
  shape.time_zone = london;
  RawRecord row{"", "ticket", "t.csv line 2",
                {F("native_id", "1"), F("opened", "2024-07-01 09:00:00", "datetime"),
                 F("winter", "2024-12-01 09:00", "datetime"), F("given", "2024-07-01T09:00:00+09:00", "datetime"),
                 F("day", "2024/7/1", "date")}};
  NormalizedRecord out = Run(row, shape);
  ASSERT_TRUE(out.record.opened.has_value());
  EXPECT_EQ(*out.record.opened, 1719820800);  // 2024-07-01T08:00:00Z (GNU date)
  EXPECT_EQ(out.record.FindAttribute("winter")->value, "2024-12-01T09:00:00Z");
  EXPECT_EQ(out.record.FindAttribute("given")->value, "2024-07-01T00:00:00Z");
  EXPECT_EQ(out.record.FindAttribute("day")->value, "2024-07-01");
}

TEST_F(NormalizerTest, BadDateNamesTheColumnByHeaderAndNumber) {
  SourceShape shape{"a", "common", "audit", "preset:x"};
  RawRecord row{"", "audit", "audits.csv line 5", {F("native_id", "1"), F("audit_date", "令和6年2月30日", "date")}};
  row.fields[1].where = "column 7";
  row.fields[1].header = "監査実施日";
  Normalizer normalizer(rules_, &NormalizerTest::Resolve);
  EXPECT_THAT(normalizer.Normalize(row, shape, 0),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("audits.csv line 5, column 7 (監査実施日) read as audit_date: '令和6年2月30日' is not a date")));
}

// Error messages quoted a whole value, cut nowhere or mid-character: a 100 kB value made a
// 100 kB message. The quote is now at most kQuotedTextBytes, cut between characters.
TEST_F(NormalizerTest, LongBadValuesAreQuotedShortAndAsValidUtf8) {
  SourceShape shape{"t", "common", "incident", "preset:x"};
  std::string long_text = "x";  // one ASCII byte first, so a byte cut would split a character
  for (int i = 0; i < 30000; ++i) long_text += "期日";
  for (const char* type : {"datetime", "number"}) {
    RawRecord row{"", "ticket", "tickets.csv line 7", {F("native_id", "1"), F("opened", long_text, type)}};
    Normalizer normalizer(rules_, &NormalizerTest::Resolve);
    auto result = normalizer.Normalize(row, shape, 0);
    ASSERT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument) << type;
    const std::string message(result.status().message());
    EXPECT_TRUE(IsValidUtf8(message)) << type;
    EXPECT_THAT(message, HasSubstr("x期日期日")) << type;
    EXPECT_THAT(message, HasSubstr("…' is not a")) << type;
    EXPECT_LT(message.size(), kQuotedTextBytes + 300) << type;
  }
}

TEST_F(NormalizerTest, MissingNativeIdIsAnError) {
  SourceShape shape{"t", "common", "incident", "preset:x"};
  RawRecord row{"", "ticket", "tickets.csv line 9", {F("title", "no id")}};
  Normalizer normalizer(rules_, &NormalizerTest::Resolve);
  EXPECT_THAT(normalizer.Normalize(row, shape, 0), StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST_F(NormalizerTest, ContentHashIgnoresFetchTimeAndSeesValues) {
  SourceShape shape{"t", "common", "incident", "preset:x"};
  RawRecord a{"", "ticket", "x", {F("native_id", "1"), F("status", "new")}};
  RawRecord b = a;
  b.location = "elsewhere";
  EXPECT_EQ(RawContentHash(a, shape), RawContentHash(b, shape));
  b.fields[1].value = "closed";
  EXPECT_NE(RawContentHash(a, shape), RawContentHash(b, shape));
}

// A resolver over two catalogs: iso27001:2022 with A.5.1–A.5.7, clause 6.1.2 and 9.2;
// iso9001:2015 with 8.5.1. Like the real one, `prefer_annex` tries "A.<ref>" first.
std::optional<std::string> TwoCatalogs(const std::string& catalog, const std::string& ref,
                                       bool prefer_annex, std::string* id) {
  const std::map<std::string, std::set<std::string>> known = {
      {"iso27001:2022", {"A.5.1", "A.5.2", "A.5.3", "A.5.4", "A.5.5", "A.5.6", "A.5.7", "6.1.2", "9.2"}},
      {"iso9001:2015", {"8.5.1"}}};
  auto items = known.find(catalog);
  if (items == known.end()) return std::nullopt;
  *id = catalog;
  if (prefer_annex && items->second.count("A." + ref)) return "A." + ref;
  if (items->second.count(ref)) return ref;
  return std::nullopt;
}

absl::StatusOr<NormalizedRecord> RunTwoCatalogs(const RuleSet* rules, const RawRecord& raw, const SourceShape& shape) {
  Normalizer normalizer(rules, &TwoCatalogs);
  return normalizer.Normalize(raw, shape, 1700000000);
}

SourceShape SoaShape() {
  return SourceShape{"soa", "common", "control", "preset:isms-soa", {}, "preset:isms-soa", "iso27001:2022"};
}

// The SoA's own vocabulary: 完了 is an implemented control there, a closed ticket elsewhere.
TEST_F(NormalizerTest, SoaImplementationStatusHasItsOwnVocabulary) {
  for (const auto& [word, status] : std::vector<std::pair<std::string, std::string>>{
           {"完了", "implemented"}, {"対応済", "implemented"}, {"実施済", "implemented"}, {"導入済", "implemented"},
           {"運用中", "implemented"}, {"一部実施", "partially-implemented"}, {"一部導入", "partially-implemented"},
           {"計画中", "planned"}, {"予定", "planned"}, {"未実施", "not-implemented"}, {"未対応", "not-implemented"},
           {"対象外", "not-applicable"}, {"適用外", "not-applicable"}, {"Implemented", "implemented"}}) {
    RawRecord row{"", "soa", "soa.csv line 2", {F("control_ref", "A.5.1", "ref"), F("status", word)}};
    auto out = RunTwoCatalogs(rules_, row, SoaShape());
    ASSERT_TRUE(out.ok()) << out.status();
    EXPECT_EQ(out->record.status, status) << word;
    EXPECT_THAT(RuleOf(out->record, "status"), ::testing::StartsWith("common.impl.")) << word;
  }
  RawRecord ticket{"", "ticket", "t.csv line 2", {F("native_id", "1"), F("status", "完了")}};
  auto out = RunTwoCatalogs(rules_, ticket, SourceShape{"t", "common", "incident", "preset:x"});
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ(out->record.status, "closed");
}

TEST_F(NormalizerTest, FullWidthAndPrefixlessSoaRefsAreAnnexAControls) {
  for (const char* typed : {"５．３", "A５.３", "Ａ.5.3", "A.5.3", "5.3", "a5.3", "Ａ５．３", " A.5.3 "}) {
    RawRecord row{"", "soa", "soa.csv line 2", {F("control_ref", typed, "ref"), F("status", "完了")}};
    auto out = RunTwoCatalogs(rules_, row, SoaShape());
    ASSERT_TRUE(out.ok()) << typed << ": " << out.status();
    ASSERT_EQ(out->record.links.size(), 1u) << typed;
    EXPECT_EQ(out->record.links[0].target, "iso27001:2022#A.5.3") << typed;
    EXPECT_EQ(out->record.provenance.native_id, "iso27001:2022#A.5.3") << typed;
  }
}

TEST_F(NormalizerTest, ClauseRefInAnSoaIsAnErrorNamingTheCell) {
  RawField ref{"control_ref", "ref", "6.1.2", "cell A3"};
  ref.header = "管理策番号";
  RawRecord row{"", "soa", "soa.xlsx sheet '適用宣言書', row 3", {ref}};
  auto out = RunTwoCatalogs(rules_, row, SoaShape());
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(out.status().message(), HasSubstr("soa.xlsx sheet '適用宣言書', row 3, cell A3 (管理策番号) read as control_ref"));
  EXPECT_THAT(out.status().message(), HasSubstr("'6.1.2' is clause 6.1.2 of iso27001:2022"));
  EXPECT_THAT(out.status().message(), HasSubstr("not an Annex A control"));
}

TEST_F(NormalizerTest, StandardColumnDecidesTheCatalogPerRow) {
  SourceShape shape{"af", "common", "audit-finding", "preset:audit-findings"};
  for (const auto& [standard, target] : std::vector<std::pair<std::string, std::string>>{
           {"ISMS", "iso27001:2022#6.1.2"}, {"ISO/IEC 27001", "iso27001:2022#6.1.2"},
           {"JIS Q 27001", "iso27001:2022#6.1.2"}, {"ＩＳＭＳ", "iso27001:2022#6.1.2"},
           {"QMS", "iso9001:2015#8.5.1"}, {"ISO 9001", "iso9001:2015#8.5.1"}, {"iso9001:2015", "iso9001:2015#8.5.1"}}) {
    const std::string clause = absl::StrContains(target, "9001") ? "8.5.1" : "6.1.2";
    RawRecord row{"", "audit_finding", "af.csv line 2", {F("native_id", "1"), F("catalog", standard), F("clause", clause, "refs")}};
    auto out = RunTwoCatalogs(rules_, row, shape);
    ASSERT_TRUE(out.ok()) << standard << ": " << out.status();
    ASSERT_EQ(out->record.links.size(), 1u) << standard;
    EXPECT_EQ(out->record.links[0].target, target) << standard;
  }
}

// No standard column and no catalog key: never a silent default.
TEST_F(NormalizerTest, RefsWithoutAnyCatalogAreAnError) {
  SourceShape shape{"af", "common", "audit-finding", "preset:audit-findings"};
  RawRecord row{"", "audit_finding", "af.csv line 2", {F("native_id", "1"), F("clause", "8.5.1", "refs")}};
  auto out = RunTwoCatalogs(rules_, row, shape);
  ASSERT_FALSE(out.ok());
  EXPECT_THAT(out.status().message(), HasSubstr("af.csv line 2, column 1 (clause): no standard for this ref"));
  EXPECT_THAT(out.status().message(), HasSubstr("catalog key"));
}

}  // namespace
}  // namespace crosswalk

namespace crosswalk {
namespace {

// A JSM request type the jira rules know names the kind before the issue type, which several
// request types share (a "Task" or "IT Help" type for everything); one they do not know leaves
// the kind to the issue type, and stays an attribute either way.
TEST_F(NormalizerTest, AJsmRequestTypeNamesTheKindBeforeTheIssueType) {
  SourceShape shape{"desk", "jira", "", ""};
  RawField request = F("request_type", "Report a system problem");
  request.extra = true;
  RawRecord task{"", "Task", "x", {F("native_id", "10001"), request}};
  NormalizedRecord out = Run(task, shape);
  EXPECT_EQ(out.record.kind, "incident");
  EXPECT_EQ(RuleOf(out.record, "kind"), "jira.request.incident");

  RawField japanese = F("request_type", "アカウントの申請");
  japanese.extra = true;
  RawRecord account{"", "[System] Incident", "x", {F("native_id", "10002"), japanese}};
  EXPECT_EQ(Run(account, shape).record.kind, "service-request");

  RawField unknown = F("request_type", "Order lunch");
  unknown.extra = true;
  RawRecord change{"", "Change", "x", {F("native_id", "10003"), unknown}};
  out = Run(change, shape);
  EXPECT_EQ(out.record.kind, "change");
  EXPECT_EQ(RuleOf(out.record, "kind"), "jira.kind.change");
  bool kept = false;
  for (const Attribute& attribute : out.record.attributes) kept = kept || attribute.value == "Order lunch";
  EXPECT_TRUE(kept) << "the request type stays an attribute";
}

}  // namespace
}  // namespace crosswalk
