// Record-quality rules on hand-built records: each rule's examined set and findings, unknown
// values apart from missing ones, cross-record rules in any order, and the rule table itself.

#include "gateway/report/quality.h"

#include <algorithm>
#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "gateway/report/quality_rules.h"
#include "tests/report/test_records.h"

namespace crosswalk::report {
namespace {

using ::testing::ElementsAre;
using R = RecordBuilder;

QualityOptions Options() {
  QualityOptions options;
  options.as_of = T("2025-06-30T00:00:00Z");
  options.cadence.rows = {{"control", 365, 365 * 86400, "derived", "yearly", 0},
                          {"incident", 90, 90 * 86400, "derived", "continuous", 0}};
  return options;
}

// "<native id> <issue> <field>[=<value>],…" for each finding of `rule`.
std::vector<std::string> Summaries(const std::vector<QualityFinding>& findings, const std::string& rule) {
  std::vector<std::string> out;
  for (const QualityFinding& finding : findings) {
    if (finding.rule_id != rule) continue;
    std::vector<std::string> fields;
    for (const FindingField& field : finding.fields) {
      fields.push_back(field.value.empty() ? field.name : absl::StrCat(field.name, "=", field.value));
    }
    out.push_back(absl::StrCat(finding.records.front().native_id, " ", finding.issue, " ",
                               absl::StrJoin(fields, ",")));
  }
  return out;
}

QualityRuleCount CountOf(const QualityChecker& checker, const std::string& rule) {
  for (const QualityRuleCount& count : checker.Counts()) {
    if (count.rule_id == rule) return count;
  }
  ADD_FAILURE() << "no count for " << rule;
  return {};
}

struct Case {
  std::string name;
  std::string rule;
  std::vector<Record> records;
  int64_t examined;
  std::vector<std::string> expected;
};

std::vector<Case> Cases() {
  const std::string closed = "2025-06-01T00:00:00Z";
  return {
      // Change approval: due once a change went ahead; cancelled and standard changes are exempt.
      {"approved change", kChangeWithoutApproval,
       {R("change", "C1").Status("closed").Attr("approval", "approved")}, 1, {}},
      {"no approval at all", kChangeWithoutApproval, {R("change", "C2").Status("closed")}, 1,
       {"C2 missing approval"}},
      {"approval that is not an approval", kChangeWithoutApproval,
       {R("change", "C3").Status("implemented").Attr("approval", "not requested")}, 1,
       {"C3 not-approved approval=not requested"}},
      {"an approver is enough", kChangeWithoutApproval,
       {R("change", "C4").Status("closed").Attr("approver", "J. Smith")}, 1, {}},
      {"placeholder approval", kChangeWithoutApproval,
       {R("change", "C5").Status("scheduled").Attr("approval", "-")}, 1, {"C5 missing approval=-"}},
      {"not yet due", kChangeWithoutApproval,
       {R("change", "C6").Status("new"), R("change", "C7").Status("pending-approval"),
        R("change", "C8").Status("in-progress")},
       0, {}},
      {"cancelled with a closed time", kChangeWithoutApproval,
       {R("change", "C9").Status("cancelled").Closed(closed)}, 0, {}},
      {"standard change", kChangeWithoutApproval,
       {R("change", "C10").Status("closed").Attr("change_type", "standard").Attr("approval", "not requested")},
       0, {}},
      {"close code without a status", kChangeWithoutApproval,
       {R("change", "C11").Attr("close_code", "successful")}, 1, {"C11 missing approval"}},
      {"Japanese approval words", kChangeWithoutApproval,
       {R("change", "C12").Status("closed").Attr("approval", "承認済み"),
        R("change", "C13").Status("closed").Attr("approval", "未承認")},
       2, {"C13 not-approved approval=未承認"}},
      // Report code reads canonical roles only: a header no role claimed is not evidence.
      {"a header spelling is not the approval role", kChangeWithoutApproval,
       {R("change", "C15").Status("closed").Attr("承認", "承認済み").Attr("approved by", "J. Smith")},
       1, {"C15 missing approval"}},
      {"unreadable approval flag is unmapped, not missing", kChangeWithoutApproval,
       {R("change", "C14").Status("closed").Attr("approval", "maybe").Unmapped("approval", "maybe")}, 1, {}},
      // Change reason: every change.
      {"reason under its role only", kChangeWithoutReason,
       {R("change", "C1").Attr("reason", "patch"), R("change", "C2").Attr("Justification", "audit"),
        R("change", "C3"), R("change", "C4").Attr("reason", "n/a")},
       4, {"C2 missing reason", "C3 missing reason", "C4 missing reason=n/a"}},
      // Incident priority: an unknown priority is not a missing one.
      {"priority missing vs unmapped", kIncidentWithoutPriority,
       {R("incident", "I1").Priority("high"), R("incident", "I2"),
        R("incident", "I3").Unmapped("priority", "P9")},
       3, {"I2 missing priority"}},
      {"category", kIncidentWithoutCategory,
       {R("incident", "I1").Attr("category", "network"), R("incident", "I2").Attr("category", "ネットワーク"),
        R("incident", "I3"), R("incident", "I4").Attr("カテゴリ", "ネットワーク")},
       4, {"I3 missing category", "I4 missing category"}},
      {"ServiceNow's close_notes is the resolution role's header, not a key", kIncidentWithoutResolution,
       {R("incident", "I8").Status("closed").Attr("close_notes", "restarted").Attr("対応内容", "再起動")},
       1, {"I8 missing resolution,resolution_code"}},
      // Incident resolution: due once resolved or closed.
      {"resolution", kIncidentWithoutResolution,
       {R("incident", "I1").Status("closed").Attr("resolution", "restarted"),
        R("incident", "I2").Status("resolved").Attr("resolution_code", "solved"),
        R("incident", "I3").Status("closed"),
        R("incident", "I4").Status("resolved").Attr("resolution", "-"),
        R("incident", "I5").Status("in-progress"),
        R("incident", "I6").Resolved(closed),
        R("incident", "I7").Status("cancelled").Closed(closed)},
       5, {"I3 missing resolution,resolution_code", "I4 missing resolution=-,resolution_code",
           "I6 missing resolution,resolution_code"}},
      // Problems.
      {"root cause of a closed problem", kProblemWithoutRootCause,
       {R("problem", "P1").Status("closed").Attr("root_cause", "leak"), R("problem", "P2").Status("closed"),
        R("problem", "P3").Status("in-progress")},
       2, {"P2 missing root_cause"}},
      {"known error of an open problem with a root cause", kProblemWithoutKnownError,
       {R("problem", "P1").Status("in-progress").Attr("root_cause", "leak").Flag("known_error", false),
        R("problem", "P2").Status("in-progress").Attr("root_cause", "leak").Flag("known_error", true),
        R("problem", "P3").Status("in-progress").Attr("root_cause", "leak").Link("known-error", "KE9"),
        R("problem", "P4").Status("new").Attr("root_cause", "leak"),
        R("known-error", "KE1").Link("problem", "P4"),
        R("known-error", "KE2").Link("problem", "P9"),
        R("problem", "P5").Status("new"), R("problem", "P6").Status("closed").Attr("root_cause", "x")},
       4, {"P1 missing known_error=false"}},
      // Configuration items.
      {"owner", kCiWithoutOwner,
       {R("configuration-item", "CI1").Attr("owner", "HR"), R("configuration-item", "CI2"),
        R("configuration-item", "CI3").Status("retired"), R("configuration-item", "CI4").Attr("owner", "")},
       3, {"CI2 missing owner", "CI4 missing owner"}},
      {"software licence", kSoftwareCiWithoutLicence,
       {R("configuration-item", "A1").NativeKind("cmdb_ci_appl"),
        R("configuration-item", "A2").NativeKind("cmdb_ci_spkg").Attr("software_licence", "LIC-1"),
        R("configuration-item", "A3").Attr("class", "Software"),
        R("configuration-item", "A4").NativeKind("cmdb_ci_linux_server"),
        R("configuration-item", "A5").NativeKind("cmdb_ci_appl").Link("licence", "ENT-1"),
        R("configuration-item", "A6").NativeKind("cmdb_ci_appl").Status("retired")},
       4, {"A1 missing software_licence", "A3 missing software_licence"}},
      // Services: satisfied by another record, whichever comes first.
      {"service level targets", kServiceWithoutSla,
       {R("service-level-target", "SLT1").Link("service", "Customer Portal"),
        R("service", "S1").Title("Customer Portal"),
        R("service", "S2").Title("E-mail"),
        R("service", "S3").Title("Payroll").Attr("sla", "SLA-7"),
        R("service", "S4").Title("Legacy").Status("retired"),
        R("service", "S5").Title("ＥＲＰ"),
        R("agreement", "AG1").Attr("service", "erp"),
        R("service", "S6").Title("Network").Link("agreement", "AG2")},
       5, {"S2 missing service_level_target"}},
      // Documented information (TR 20000-5 Annex D h)).
      {"document history", kDocumentWithoutVersionHistory,
       {R("documented-information", "D1").Attr("version_history", "v2: new scope"),
        R("documented-information", "D2").Attr("Version", "3"),
        R("documented-information", "D3").Attr("change_reason", "組織変更")},
       3, {"D2 missing version_history"}},
      {"document approver", kDocumentWithoutApprover,
       {R("documented-information", "D1").Attr("approver", "山田"),
        R("documented-information", "D2"),
        R("documented-information", "D3").Attr("approval", "draft")},
       3, {"D2 missing approval", "D3 not-approved approval=draft"}},
      // Age against the cadence table (control 365 days, incident 90 days).
      {"stale", kStaleEvidence,
       {R("control", "A.5.1").Effective("2024-06-29T00:00:00Z"),   // 366 days
        R("control", "A.5.2").Effective("2024-06-30T00:00:00Z"),   // exactly 365 days: current
        R("control", "A.5.3").Effective("2025-07-30T00:00:00Z"),   // in the future: current
        R("incident", "I1").Effective("2025-01-01T00:00:00Z"),     // 180 days
        R("risk", "R1").Effective("2000-01-01T00:00:00Z"),         // no cadence: not examined
        R("control", "A.5.4")},
       4, {"A.5.1 stale effective=2024-06-29", "I1 stale effective=2025-01-01"}},
      {"undated", kEvidenceWithoutDate,
       {R("control", "A.5.4"), R("control", "A.5.1").Effective("2025-01-01"), R("risk", "R1")},
       2, {"A.5.4 undated effective"}},
      // Unknown values, one finding per record; a kind set from the preset is not unmapped.
      {"unmapped", kUnmappedValue,
       {R("incident", "I1").Unmapped("status", "Waiting on vendor").Unmapped("priority", "P9"),
        R("incident", "I2").Unmapped("kind", "ticket"),
        R("risk", "R1").Unmapped("controls", "A.99.9")},
       3, {"I1 unmapped status=Waiting on vendor,priority=P9", "R1 unmapped controls=A.99.9"}},
  };
}

TEST(QualityTest, EveryRuleExaminesAndFinds) {
  for (const Case& c : Cases()) {
    SCOPED_TRACE(c.name);
    QualityChecker checker(Options());
    for (const Record& record : c.records) checker.Add(record);
    const std::vector<QualityFinding> findings = checker.Finish();
    EXPECT_EQ(Summaries(findings, c.rule), c.expected);
    const QualityRuleCount count = CountOf(checker, c.rule);
    EXPECT_EQ(count.examined, c.examined);
    EXPECT_EQ(count.findings, static_cast<int64_t>(c.expected.size()));
  }
}

TEST(QualityTest, StaleFindingCarriesAgeAndCadence) {
  QualityChecker checker(Options());
  checker.Add(R("control", "A.5.1").Effective("2024-06-29T00:00:00Z"));
  const std::vector<QualityFinding> findings = checker.Finish();
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].age_days, 366);
  EXPECT_EQ(findings[0].cadence_days, 365);
  EXPECT_EQ(findings[0].effective, T("2024-06-29"));
  ASSERT_EQ(findings[0].records.size(), 1u);
  EXPECT_EQ(findings[0].records[0].source, "t");
  EXPECT_EQ(findings[0].records[0].location, "test.csv A.5.1");
  EXPECT_EQ(findings[0].records[0].kind, "control");
}

TEST(QualityTest, AListCapKeepsTheSmallestKeysWhateverTheOrderAndCountsAll) {
  std::vector<Record> records;
  for (const char* id : {"A.5.9", "A.5.1", "A.5.7", "A.5.3", "A.5.5", "A.5.2"}) {
    records.push_back(R("control", id).Effective("2024-01-01T00:00:00Z"));
  }
  for (bool reversed : {false, true}) {
    QualityOptions options = Options();
    options.max_listed_per_rule = 3;
    QualityChecker checker(options);
    if (reversed) std::reverse(records.begin(), records.end());
    for (const Record& r : records) checker.Add(r);
    const std::vector<QualityFinding> findings = checker.Finish();
    std::vector<std::string> ids;
    for (const QualityFinding& f : findings) {
      if (f.rule_id == kStaleEvidence) ids.push_back(f.records[0].native_id);
    }
    EXPECT_THAT(ids, ElementsAre("A.5.1", "A.5.2", "A.5.3")) << reversed;
    for (const QualityRuleCount& count : checker.Counts()) {
      if (count.rule_id == kStaleEvidence) EXPECT_EQ(count.findings, 6);
    }
  }
}

TEST(QualityTest, SameFindingsWhateverTheOrder) {
  // Every case's records under a source of their own, so that each (source, native id) is unique.
  std::vector<Record> all;
  int source = 0;
  for (const Case& c : Cases()) {
    ++source;
    for (Record record : c.records) {
      record.provenance.source = absl::StrCat("s", source);
      all.push_back(std::move(record));
    }
  }
  auto run = [](const std::vector<Record>& records) {
    QualityChecker checker(Options());
    for (const Record& record : records) checker.Add(record);
    std::vector<QualityFinding> findings = checker.Finish();
    return std::make_pair(findings, checker.Counts());
  };
  const auto forward = run(all);
  std::vector<Record> reversed(all.rbegin(), all.rend());
  EXPECT_EQ(run(reversed), forward);
  std::vector<Record> rotated = all;
  std::rotate(rotated.begin(), rotated.begin() + static_cast<long>(rotated.size() / 3), rotated.end());
  EXPECT_EQ(run(rotated), forward);
  // Findings come by rule order, then source and native id.
  ASSERT_FALSE(forward.first.empty());
  EXPECT_EQ(forward.first.front().rule_id, kChangeWithoutApproval);
  EXPECT_EQ(forward.first.back().rule_id, kUnmappedValue);
}

TEST(QualityTest, CountsListEveryRuleIncludingZero) {
  QualityChecker checker(Options());
  checker.Finish();
  const std::vector<QualityRuleCount> counts = checker.Counts();
  ASSERT_EQ(counts.size(), QualityRules().size());
  for (size_t i = 0; i < counts.size(); ++i) {
    EXPECT_EQ(counts[i].rule_id, QualityRules()[i].id);
    EXPECT_EQ(counts[i].examined, 0);
    EXPECT_EQ(counts[i].findings, 0);
  }
}

TEST(QualityTest, RuleTableIsComplete) {
  for (const QualityRule& rule : QualityRules()) {
    SCOPED_TRACE(rule.id);
    EXPECT_FALSE(rule.title.en.empty());
    EXPECT_FALSE(rule.title.ja.empty());
    EXPECT_FALSE(rule.clause.empty());
    EXPECT_THAT(rule.severity, ::testing::AnyOf("high", "medium", "low"));
    EXPECT_THAT(rule.basis, ::testing::AnyOf("seed", "derived"));
    EXPECT_EQ(rule.basis == "seed", rule.source_line > 0);
    EXPECT_EQ(rule.basis == "seed", !rule.source.empty());
    EXPECT_EQ(FindQualityRule(rule.id), &rule);
  }
  EXPECT_EQ(FindQualityRule("quality.nothing"), nullptr);
  EXPECT_EQ(IssueLabel(kIssueMissing).ja, "記録なし");
}

#ifdef CROSSWALK_SEED_FILE
// The seed rules cite lines of the guide; each must hold the deficiency it names.
TEST(QualityTest, SeedRulesCiteTheirLines) {
  std::ifstream in(CROSSWALK_SEED_FILE);
  ASSERT_TRUE(in) << CROSSWALK_SEED_FILE;
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  const std::vector<std::pair<std::string, std::vector<std::string>>> expected = {
      {kDocumentWithoutVersionHistory, {"h）", "変更理由"}},
      {kDocumentWithoutApprover, {"h）", "承認者"}},
      {kServiceWithoutSla, {"l）", "サービスレベル合意書"}},
  };
  for (const auto& [id, words] : expected) {
    const QualityRule* rule = FindQualityRule(id);
    ASSERT_NE(rule, nullptr);
    ASSERT_LE(rule->source_line, static_cast<int>(lines.size()));
    for (const std::string& word : words) {
      EXPECT_THAT(lines[rule->source_line - 1], ::testing::HasSubstr(word)) << id;
    }
  }
  EXPECT_THAT(lines[4150 - 1], ::testing::HasSubstr("附属書 D"));  // the list's heading
}
#endif

}  // namespace
}  // namespace crosswalk::report
