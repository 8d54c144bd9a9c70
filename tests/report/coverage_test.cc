// Coverage, maturity, gaps and shared controls on small hand-built estates, with the real mapping
// data and rules: an organisation with only a 27001 statement of applicability (coverage rests on
// mapped controls: partial, with the seed's caution) and one with operational evidence (covered).
#include "gateway/report/coverage.h"

#include <fstream>
#include <memory>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "gateway/core/time_text.h"
#include "gateway/report/report_render.h"
#include "tests/report/shipped_mappings.h"

namespace crosswalk::report {
namespace {

using ::testing::HasSubstr;

class CoverageTest : public ::testing::Test {
 protected:
  static int64_t Day(const char* date) { return *ParseTimestamp(date); }

  static Record Make(const std::string& kind, const std::string& id, const std::string& status,
                     const char* effective, std::vector<Link> links = {}) {
    return CoverageRecord(kind, id, status, effective, std::move(links));
  }

  static CoverageReport Run(const std::vector<Record>& records, const std::string& target = "iso20000-1:2018") {
    CoverageOptions options;
    options.target = target;
    options.as_of = Day("2026-12-01");
    options.cadence.rows = {{"change", 90, 90 * 86400, "derived", "test"}, {"control", 365, 365 * 86400, "derived", "test"}};
    auto builder = CoverageBuilder::Create(&ShippedEngine(), &ShippedRules(), options);
    EXPECT_TRUE(builder.ok()) << builder.status();
    for (const Record& r : records) builder->Add(r);
    return builder->Finish();
  }
};

TEST_F(CoverageTest, OnlyAStatementOfApplicabilityGivesPartialWithTheCaution) {
  // A.8.32 Change management reaches 20000-1:2018 8.5.1 and each of its parts by the direct
  // current-edition rows (mappings/crosswalks/iso27001-2022-to-iso20000-1-2018.csv), and 8.5.1
  // also through 27001:2013 A.12.1.2, 27001:2005 A.10.1.2 and seed Table 5-1 (20000-1:2011 9.2).
  const CoverageReport report = Run({
      Make("control", "iso27001:2022#A.8.32", "implemented", "2026-06-01", {{"implements", "iso27001:2022#A.8.32"}}),
      Make("control", "iso27001:2022#A.5.7", "not-applicable", "2026-06-01", {{"implements", "iso27001:2022#A.5.7"}}),
  });
  const ClauseCoverage& change = ClauseOf(report, "8.5.1");
  EXPECT_EQ(change.status, "partial");
  EXPECT_TRUE(change.caution);
  EXPECT_EQ(change.evidence_count, 0);
  EXPECT_EQ(change.control_count, 1);
  EXPECT_EQ(change.maturity, 1);  // as its least mature part: each holds the control alone
  EXPECT_EQ(change.maturity_rule, "maturity.rollup.least-of-parts");
  ASSERT_EQ(change.controls.size(), 1u);
  EXPECT_EQ(change.controls[0].record.native_id, "iso27001:2022#A.8.32");
  EXPECT_EQ(change.controls[0].reach.via, "implements iso27001:2022#A.8.32");
  EXPECT_THAT(change.controls[0].reach.path, HasSubstr("iso27001:2022:A.8.32>"));
  EXPECT_THAT(change.controls[0].reach.sources, HasSubstr("crosswalk derivation from clause and control content"));
  EXPECT_THAT(report.caution.en, HasSubstr("note under Table 5-1"));
  EXPECT_EQ(ClauseOf(report, "8.5.1.3").status, "partial");
  EXPECT_TRUE(ClauseOf(report, "8.5.1.3").caution);

  // A leaf reached by the control alone: 8.5.3 release and deployment (through 27001:2013
  // A.14.2.3, 2005 A.12.5.2 and Table 5-1) is partial, maturity 1, with the caution.
  const ClauseCoverage& release = ClauseOf(report, "8.5.3");
  ASSERT_TRUE(release.leaf);
  EXPECT_EQ(release.status, "partial");
  EXPECT_TRUE(release.caution);
  EXPECT_EQ(release.maturity, 1);
  EXPECT_EQ(release.maturity_rule, "maturity.1.controls-or-documents-only");
  // Nothing is covered by controls alone.
  for (const ClauseCoverage& c : report.clauses) EXPECT_NE(c.status, "covered") << c.ref;
  // The not-applicable control supports nothing and is shared with nothing.
  for (const SharedItem& item : report.shared) EXPECT_NE(item.record.native_id, "iso27001:2022#A.5.7");
  // The gaps list the clause resting on the control with the caution, and 8.4.1 (budgeting and
  // accounting, unique to 20000-1 in the 27013 comparison) as a gap in a unique area.
  ReportDocument document;
  document.coverage = report;
  bool change_listed = false, budgeting_listed = false;
  for (const ClauseCoverage* gap : GapClauses(report)) {
    change_listed = change_listed || (gap->ref == "8.5.1" && gap->caution);
    budgeting_listed = budgeting_listed || (gap->ref == "8.4.1" && !gap->unique_topics.empty());
  }
  EXPECT_TRUE(change_listed);
  EXPECT_TRUE(budgeting_listed);
  EXPECT_EQ(Summarize(document).cautioned, static_cast<int>(std::count_if(
      report.clauses.begin(), report.clauses.end(), [](const ClauseCoverage& c) { return c.caution; })));
  EXPECT_GE(Summarize(document).cautioned, 1);
}

TEST_F(CoverageTest, OperationalEvidenceCoversAndMaturityFollowsFreshnessAndDocuments) {
  const CoverageReport report = Run({
      Make("change", "C1", "closed", "2026-11-20"),
      Make("change", "C2", "closed", "2025-01-10"),
      Make("documented-information", "D1", "approved", "2026-02-01", {{"clause", "iso20000-1:2018#8.5.1.3"}}),
      Make("control", "iso27001:2022#A.8.32", "implemented", "2026-06-01", {{"implements", "iso27001:2022#A.8.32"}}),
      Make("incident", "I1", "closed", "2025-06-01"),
      Make("audit-finding", "F1", "open", "2026-10-01", {{"clause", "iso9001:2015#9.2"}}),
  });
  const ClauseCoverage& change = ClauseOf(report, "8.5.1.3");
  EXPECT_EQ(change.status, "covered");
  EXPECT_FALSE(change.caution);
  EXPECT_EQ(change.evidence_count, 2);
  EXPECT_EQ(change.current_evidence, 1);  // C2 is older than the 90-day cadence
  EXPECT_EQ(change.document_count, 1);
  EXPECT_EQ(change.maturity, 3);
  EXPECT_EQ(change.maturity_rule, "maturity.3.documented-and-operating");
  EXPECT_EQ(FormatDate(*change.newest_evidence), "2026-11-20");
  EXPECT_EQ(change.freshness, "current");
  ASSERT_EQ(change.evidence.size(), 2u);
  EXPECT_EQ(change.evidence[0].record.native_id, "C1");  // newest first
  EXPECT_EQ(change.evidence[0].reach.via, "kind change");

  // Incident management: only a record older than the cadence: covered, stale, maturity 1.
  const ClauseCoverage& incident = ClauseOf(report, "8.6.1");
  EXPECT_EQ(incident.status, "covered");
  EXPECT_EQ(incident.freshness, "stale");
  EXPECT_EQ(incident.maturity, 1);
  EXPECT_EQ(incident.maturity_rule, "maturity.1.stale-evidence");

  // The finding reaches 9.2 once (by its kind first), not twice.
  const ClauseCoverage& audit = ClauseOf(report, "9.2");
  EXPECT_EQ(audit.evidence_count, 1);
  EXPECT_EQ(audit.status, "covered");
  EXPECT_EQ(audit.maturity, 2);

  // The control is shared: 27001:2022 itself and 20000-1:2018.
  bool shared = false;
  for (const SharedItem& item : report.shared) {
    if (item.record.native_id != "iso27001:2022#A.8.32") continue;
    shared = true;
    EXPECT_GE(item.standards, 2);
    bool in_27001 = false, in_20000 = false;
    for (const Served& s : item.serves) {
      in_27001 = in_27001 || (s.catalog == "iso27001:2022" && s.ref == "A.8.32");
      in_20000 = in_20000 || (s.catalog == "iso20000-1:2018" && s.ref == "8.5.1");
    }
    EXPECT_TRUE(in_27001);
    EXPECT_TRUE(in_20000);
  }
  EXPECT_TRUE(shared);
  // The change management policy: only the control reaches it (the direct row A.8.32 > 8.5.1.1).
  const ClauseCoverage& policy = ClauseOf(report, "8.5.1.1");
  EXPECT_EQ(policy.status, "partial");
  EXPECT_TRUE(policy.caution);
  EXPECT_EQ(policy.maturity, 1);
  EXPECT_EQ(ClauseOf(report, "8.5.1").status, "partial");
}

TEST_F(CoverageTest, TheEarlierEditionAndBadTargets) {
  const CoverageReport report = Run({Make("change", "C1", "closed", "2026-11-20")}, "jisq20000-1:2012");
  EXPECT_EQ(report.target, "iso20000-1:2011");
  EXPECT_EQ(ClauseOf(report, "9.2").status, "covered");  // change management in the 2011 edition
  CoverageOptions options;
  options.target = "iso27001:2022";
  EXPECT_EQ(CoverageBuilder::Create(&ShippedEngine(), &ShippedRules(), options).status().code(), absl::StatusCode::kInvalidArgument);
  options.target = "iso20000-1:1999";
  EXPECT_EQ(CoverageBuilder::Create(&ShippedEngine(), &ShippedRules(), options).status().code(), absl::StatusCode::kNotFound);
}

#ifdef CROSSWALK_SEED_FILE
// The caution and the maturity scale cite lines of the guide; each must say what is quoted.
TEST(CoverageSeedTest, CitedLinesHoldTheCautionAndTheScale) {
  std::ifstream in(CROSSWALK_SEED_FILE);
  ASSERT_TRUE(in) << CROSSWALK_SEED_FILE;
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  ASSERT_GT(lines.size(), 5961u);
  EXPECT_THAT(lines[5961 - 1], HasSubstr("注意：この表は、ISMS の管理策と ITSMS のプロセスとの関連性"));
  EXPECT_THAT(lines[4202 - 1], HasSubstr("０：実施されていない"));
  EXPECT_THAT(lines[4211 - 1], HasSubstr("３：正式に文書化された手続が存在し、実施されている"));
}
#endif

}  // namespace
}  // namespace crosswalk::report
