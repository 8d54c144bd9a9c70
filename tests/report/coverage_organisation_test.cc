// Coverage with evidence polarity, the organisation's certifications and assessments, and the
// report date, on small hand-built estates with the real mapping data and rules (DESIGN.md §9;
// docs/reports.md "Polarity", "Certifications", "Assessment").
#include <algorithm>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "gateway/core/time_text.h"
#include "gateway/report/coverage.h"
#include "gateway/report/polarity.h"
#include "gateway/report/quality.h"
#include "gateway/report/quality_rules.h"
#include "tests/report/shipped_mappings.h"

namespace crosswalk::report {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::Not;

int64_t Day(const char* date) { return *ParseTimestamp(date); }

Record Make(const std::string& kind, const std::string& id, const std::string& status, const char* effective,
            std::vector<Link> links = {}, std::vector<Attribute> attributes = {}) {
  return CoverageRecord(kind, id, status, effective, std::move(links), std::move(attributes));
}

Attribute Text(const std::string& key, const std::string& value) { return {key, "text", value}; }

Certification Iso27001(const char* valid_until) {
  Certification c;
  c.standard = "iso27001:2022";
  c.certificate = "IS 700123";
  c.body = "Example Certification Body";
  c.valid_until = Day(valid_until);
  c.last_audit = Day("2026-05-10");
  return c;
}

CoverageReport Cover(const std::vector<Record>& records, OrganisationState organisation = {}) {
  CoverageOptions options;
  options.as_of = Day("2026-12-01");
  options.cadence.rows = {{"change", 90, 90 * 86400, "derived", "test"}, {"incident", 30, 30 * 86400, "derived", "test"}};
  options.organisation = std::move(organisation);
  auto builder = CoverageBuilder::Create(&ShippedEngine(), &ShippedRules(), options);
  EXPECT_TRUE(builder.ok()) << builder.status();
  for (const Record& r : records) builder->Add(r);
  return builder->Finish();
}

TEST(PolarityTest, FindingTypesNormaliseInEnglishAndJapanese) {
  struct Case {
    const char* type;
    const char* status;
    const char* finding;
    const char* polarity;
  } cases[] = {
      {"Major nonconformity", "new", "major-nonconformity", kAgainst},
      {"重大な不適合", "in-progress", "major-nonconformity", kAgainst},
      {"軽微な不適合", "new", "minor-nonconformity", kAgainst},
      {"Minor nonconformity", "closed", "minor-nonconformity", kSupports},
      {"観察事項", "new", "observation", kNeutral},
      {"Observation", "closed", "observation", kNeutral},
      {"改善の機会", "in-progress", "opportunity-for-improvement", kNeutral},
      {"Opportunity for improvement", "new", "opportunity-for-improvement", kNeutral},
      {"適合", "closed", "conformity", kSupports},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.type);
    const PolarityOf p = PolarityOfRecord(Make("audit-finding", "F", c.status, "2026-10-01", {}, {Text("finding_type", c.type)}), ShippedRules());
    EXPECT_EQ(p.finding, c.finding);
    EXPECT_FALSE(p.finding_unknown);
    EXPECT_EQ(p.polarity, c.polarity);
    EXPECT_TRUE(p.named_only);  // the audit itself (9.2, by kind) is supported whatever it found
    EXPECT_EQ(p.Toward(/*by_kind=*/true), kSupports);
  }
  const PolarityOf unknown = PolarityOfRecord(Make("audit-finding", "F", "new", "2026-10-01", {}, {Text("finding_type", "Remark")}), ShippedRules());
  EXPECT_TRUE(unknown.finding_unknown);
  EXPECT_EQ(unknown.finding, "Remark");  // kept raw
  EXPECT_EQ(unknown.polarity, kNeutral);
  EXPECT_EQ(unknown.rule_id, "polarity.finding.unknown");
}

TEST(PolarityTest, ChangesIncidentsAndNonconformities) {
  const RuleSet& rules = ShippedRules();
  EXPECT_EQ(PolarityOfRecord(Make("nonconformity", "N", "in-progress", "2026-10-01"), rules).polarity, kAgainst);
  EXPECT_EQ(PolarityOfRecord(Make("nonconformity", "N", "closed", "2026-10-01"), rules).polarity, kSupports);
  EXPECT_EQ(PolarityOfRecord(Make("nonconformity", "N", "cancelled", "2026-10-01"), rules).polarity, kNeutral);
  const PolarityOf failed = PolarityOfRecord(Make("change", "C", "closed", "2026-10-01", {}, {Text("close_code", "Unsuccessful")}), rules);
  EXPECT_EQ(failed.polarity, kAgainst);
  EXPECT_EQ(failed.rule_id, "polarity.change.failed");
  EXPECT_EQ(failed.Toward(/*by_kind=*/true), kAgainst);  // against change management itself
  EXPECT_EQ(PolarityOfRecord(Make("change", "C", "closed", "2026-10-01", {}, {Text("close_code", "successful")}), rules).polarity, kSupports);
  EXPECT_EQ(PolarityOfRecord(Make("change", "C", "closed", "2026-10-01", {}, {Text("approval", "未承認")}), rules).rule_id, "polarity.change.unauthorised");
  EXPECT_EQ(PolarityOfRecord(Make("change", "C", "cancelled", "2026-10-01", {}, {Text("approval", "not requested")}), rules).polarity, kSupports);
  // A standard change is pre-authorised (ServiceNow: approval "not requested"); a normal one that
  // was closed without approval, or while approval was only requested, went ahead unauthorised;
  // one not yet carried out is simply waiting.
  EXPECT_EQ(PolarityOfRecord(Make("change", "C", "closed", "2026-10-01", {},
                                  {Text("approval", "not requested"), Text("change_type", "standard")}), rules).rule_id,
            "polarity.change.standard");
  EXPECT_EQ(PolarityOfRecord(Make("change", "C", "closed", "2026-10-01", {},
                                  {Text("approval", "not requested"), Text("change_type", "normal")}), rules).polarity,
            kAgainst);
  EXPECT_EQ(PolarityOfRecord(Make("change", "C", "closed", "2026-10-01", {}, {Text("approval", "requested")}), rules).rule_id,
            "polarity.change.closed-unapproved");
  EXPECT_EQ(PolarityOfRecord(Make("change", "C", "new", "2026-10-01", {}, {Text("approval", "requested")}), rules).polarity,
            kSupports);
  EXPECT_EQ(PolarityOfRecord(Make("change", "C", "new", "2026-10-01", {}, {Text("approval", "not requested")}), rules).polarity,
            kSupports);
  EXPECT_EQ(PolarityOfRecord(Make("change", "C", "closed", "2026-10-01", {},
                                  {Text("close_code", "unsuccessful"), Text("change_type", "standard")}), rules).polarity,
            kAgainst);  // a failed standard change still failed
  EXPECT_EQ(PolarityOfRecord(Make("incident", "I", "closed", "2026-10-01", {}, {Text("made_sla", "false")}), rules).rule_id, "polarity.incident.sla-breached");
  EXPECT_EQ(PolarityOfRecord(Make("incident", "I", "closed", "2026-10-01", {}, {Text("made_sla", "true")}), rules).polarity, kSupports);
}

// An open major nonconformity on change management: 8.5.1.3 (and so 8.5.1) nonconforming, its
// maturity capped at 1 despite current changes and a procedure, and the record not in the shared
// list; the nonconformity still supports 10.1 (its own kind: the process that handles it runs).
TEST(CoverageOrganisationTest, OpenMajorNonconformityOnChangeManagement) {
  const std::vector<Record> base = {
      Make("change", "C1", "closed", "2026-11-20"),
      Make("documented-information", "D1", "published", "2026-02-01", {{"clause", "iso20000-1:2018#8.5.1.3"}}),
  };
  const CoverageReport before = Cover(base);
  EXPECT_EQ(ClauseOf(before, "8.5.1.3").status, "covered");
  EXPECT_EQ(ClauseOf(before, "8.5.1.3").maturity, 3);

  std::vector<Record> records = base;
  records.push_back(Make("audit-finding", "AF-9", "new", "2026-10-01", {{"clause", "iso20000-1:2018#8.5.1.3"}},
                         {Text("finding_type", "重大な不適合")}));
  records.push_back(Make("nonconformity", "NC-9", "in-progress", "2026-10-02",
                         {{"clause", "iso20000-1:2018#8.5.1.3"}, {"clause", "iso27001:2022#A.8.32"}}));
  const CoverageReport report = Cover(records);
  const ClauseCoverage& approval = ClauseOf(report, "8.5.1.3");
  EXPECT_EQ(approval.status, "nonconforming");
  EXPECT_EQ(approval.against_count, 2);
  ASSERT_EQ(approval.against.size(), 2u);
  EXPECT_EQ(approval.against[0].record.native_id, "AF-9");
  EXPECT_EQ(approval.against[0].polarity_rule, "polarity.finding.major.open");
  EXPECT_EQ(approval.evidence_count, 1);  // the change still counts as evidence
  EXPECT_EQ(approval.maturity, 1);
  EXPECT_EQ(approval.maturity_rule, "maturity.cap.open-against-evidence");
  EXPECT_THAT(approval.reason.en, HasSubstr("2 open records against the clause"));
  EXPECT_EQ(ClauseOf(report, "8.5.1").status, "nonconforming");  // a part is
  // Neither open item is shared: the list of what the ISMS gives the SMS holds supporting items.
  for (const SharedItem& item : report.shared) {
    EXPECT_NE(item.record.native_id, "NC-9");
    EXPECT_NE(item.record.native_id, "AF-9");
  }
  // The audit finding shows an audit was held (9.2 by kind); the nonconformity, 10.1 at work.
  EXPECT_EQ(ClauseOf(report, "9.2").status, "covered");
  EXPECT_EQ(ClauseOf(report, "10.1").status, "covered");
  // A nonconformity never raises a clause: outside the audit and improvement clauses it reaches
  // by kind, no clause stands more mature than without it.
  for (const ClauseCoverage& c : report.clauses) {
    if (c.group != "9" && c.group != "10") EXPECT_LE(c.maturity, ClauseOf(before, c.ref).maturity) << c.ref;
  }
  // NC-9 names A.8.32 too, which the direct crosswalk relates (intersects-with) to 8.5.1's other
  // parts, 8.5.3 and 8.7.3.2: the failure may lie outside them, so it is listed against them and
  // said in the reason, but does not make them nonconforming; group 8 has one nonconforming leaf.
  for (const char* ref : {"8.5.1.1", "8.5.1.2", "8.5.3", "8.7.3.2"}) {
    const ClauseCoverage& overlapping = ClauseOf(report, ref);
    EXPECT_NE(overlapping.status, "nonconforming") << ref;
    EXPECT_EQ(overlapping.against_overlapping, 1) << ref;
    EXPECT_EQ(overlapping.against_count, 1) << ref;
    EXPECT_THAT(overlapping.reason.en, HasSubstr("1 open records against a requirement that only overlaps this clause "
                                                 "(first: nonconformity NC-9, clause iso27001:2022#A.8.32, intersects-with)"))
        << ref;
  }
  for (const ClauseGroup& g : report.groups) {
    if (g.ref == "8") EXPECT_EQ(g.nonconforming, 1);
  }
}

TEST(CoverageOrganisationTest, AFailedChangeCountsAgainstChangeManagement) {
  const CoverageReport report = Cover({Make("change", "C1", "closed", "2026-11-20", {}, {Text("close_code", "unsuccessful")})});
  EXPECT_EQ(ClauseOf(report, "8.5.1.3").status, "nonconforming");
  EXPECT_EQ(ClauseOf(report, "8.5.1.3").evidence_count, 0);
  EXPECT_EQ(ClauseOf(report, "8.5.1.3").maturity, 0);
}

// An observation and an opportunity for improvement neither raise nor lower a clause.
TEST(CoverageOrganisationTest, NeutralFindingsChangeNothing) {
  const std::vector<Record> base = {Make("incident", "I1", "closed", "2025-06-01")};
  std::vector<Record> records = base;
  records.push_back(Make("audit-finding", "AF-1", "new", "2026-10-01", {{"clause", "iso20000-1:2018#8.6.1"}},
                         {Text("finding_type", "観察事項")}));
  records.push_back(Make("audit-finding", "AF-2", "closed", "2026-10-01", {{"clause", "iso20000-1:2018#8.6.1"}},
                         {Text("finding_type", "Opportunity for improvement")}));
  records.push_back(Make("audit-finding", "AF-3", "new", "2026-10-01", {{"clause", "iso20000-1:2018#8.6.1"}},
                         {Text("finding_type", "Remark")}));
  const CoverageReport before = Cover(base), after = Cover(records);
  const ClauseCoverage &a = ClauseOf(before, "8.6.1"), &b = ClauseOf(after, "8.6.1");
  EXPECT_EQ(b.status, a.status);
  EXPECT_EQ(b.maturity, a.maturity);
  EXPECT_EQ(b.maturity_rule, a.maturity_rule);
  EXPECT_EQ(b.evidence_count, a.evidence_count);
  EXPECT_EQ(b.against_count, 0);
  EXPECT_EQ(b.neutral_count, 3);
  EXPECT_EQ(after.unknown_findings.at("Remark"), 1);
}

// Only a 27001:2022 certification, no records: the clauses 4–10 it shares with 20000-1 are
// partial through the direct crosswalk (mappings/crosswalks/iso27001-2022-to-iso20000-1-2018.csv),
// with the caution, never covered, and the certificate is named; the SMS's own clauses are not.
TEST(CoverageOrganisationTest, OnlyA27001CertificationCreditsTheSharedClauses) {
  OrganisationState organisation;
  organisation.certifications = {Iso27001("2027-06-30")};
  const CoverageReport report = Cover({}, organisation);
  ASSERT_EQ(report.certified.size(), 1u);
  EXPECT_TRUE(report.expired.empty());
  // Hand-checked against the crosswalk's rows for 27001:2022 clauses 4.1, 4.3, 5.3, 6.2, 7.2, 7.3,
  // 7.4, 7.5.1-7.5.3, 9.1, 9.2.x, 9.3.x, 10.1, 10.2.
  for (const char* ref : {"4.1", "4.3", "5.3", "6.2.1", "6.2.2", "7.2", "7.3", "7.4", "7.5.1", "7.5.2", "7.5.3", "9.1", "10.2"}) {
    SCOPED_TRACE(ref);
    const ClauseCoverage& c = ClauseOf(report, ref);
    EXPECT_EQ(c.status, "partial");
    EXPECT_TRUE(c.caution);
    EXPECT_EQ(c.maturity, 1);
    EXPECT_EQ(c.evidence_count, 0);
    ASSERT_FALSE(c.controls.empty());
    EXPECT_EQ(c.controls[0].record.kind, "certified-clause");
    EXPECT_EQ(c.controls[0].effective, Day("2026-05-10"));  // the last audit
    EXPECT_THAT(c.certifications, Contains("iso27001:2022 certificate IS 700123 (Example Certification Body)"));
    EXPECT_THAT(c.reason.en, HasSubstr("credited by iso27001:2022 certificate IS 700123"));
  }
  for (const ClauseCoverage& c : report.clauses) EXPECT_NE(c.status, "covered") << c.ref;
  // What 20000-1 asks beyond the certified core: the service-management processes.
  for (const char* ref : {"8.2.4", "8.3.3", "8.4.1", "8.6.1", "8.6.2"}) {
    EXPECT_THAT(report.beyond_certified, Contains(ref));
    EXPECT_EQ(ClauseOf(report, ref).status, "not-covered") << ref;
  }
  EXPECT_THAT(report.beyond_certified, Not(Contains("4.1")));
}

Certification Iso9001() {
  Certification c;
  c.standard = "iso9001:2015";
  c.certificate = "Q 4521";
  c.body = "Example Certification Body";
  c.valid_until = Day("2028-03-31");
  c.last_audit = Day("2026-03-10");
  return c;
}

// Hand-checked against mappings/crosswalks/iso9001-2015-to-iso20000-1-2018.csv: 9001 9.2 is
// equivalent to 9.2, 10.2 to 10.1, 7.1.6 to 7.6 (credited, partial: a certificate is not
// evidence of the SMS); budgeting, demand, capacity, the security policy and security incidents
// are stated to have no 9001 counterpart and stay not covered.
TEST(CoverageOrganisationTest, Only9001CertificationCreditsTheQmsClauses) {
  OrganisationState organisation;
  organisation.certifications = {Iso9001()};
  const CoverageReport report = Cover({}, organisation);
  for (const char* ref : {"9.2", "10.1", "7.6"}) {
    SCOPED_TRACE(ref);
    const ClauseCoverage& c = ClauseOf(report, ref);
    EXPECT_EQ(c.status, "partial");
    EXPECT_TRUE(c.caution);
    EXPECT_THAT(c.certifications, Contains("iso9001:2015 certificate Q 4521 (Example Certification Body)"));
    ASSERT_FALSE(c.controls.empty());
    EXPECT_EQ(c.controls[0].effective, Day("2026-03-10"));
  }
  for (const char* ref : {"8.4.1", "8.4.2", "8.4.3", "8.7.3.1", "8.7.3.3"}) {
    EXPECT_EQ(ClauseOf(report, ref).status, "not-covered") << ref;
    EXPECT_TRUE(ClauseOf(report, ref).certifications.empty()) << ref;
  }
  for (const ClauseCoverage& c : report.clauses) EXPECT_NE(c.status, "covered") << c.ref;
}

// Both certificates and operational records: records decide where they exist, a certificate
// never hides open evidence against a clause, and clauses both standards share name both.
TEST(CoverageOrganisationTest, BothCertificationsWithOperationalRecords) {
  OrganisationState organisation;
  organisation.certifications = {Iso27001("2027-06-30"), Iso9001()};
  const CoverageReport report = Cover(
      {Make("incident", "I1", "closed", "2026-11-25"),
       Make("change", "C1", "closed", "2026-11-20"),
       Make("documented-information", "D1", "published", "2026-02-01", {{"clause", "iso20000-1:2018#8.5.1.3"}}),
       Make("audit-finding", "AF-1", "open", "2026-10-01", {{"clause", "iso20000-1:2018#8.5.1.3"}},
            {Text("finding_type", "Major nonconformity")})},
      organisation);
  EXPECT_EQ(ClauseOf(report, "8.6.1").status, "covered");  // the incident, within its 30-day cadence
  const ClauseCoverage& change = ClauseOf(report, "8.5.1.3");
  EXPECT_EQ(change.status, "nonconforming");  // the open major finding, certificates or not
  EXPECT_EQ(change.maturity, 1);
  EXPECT_EQ(ClauseOf(report, "9.2").status, "covered");  // the audit was held (its kind)
  const ClauseCoverage& context = ClauseOf(report, "4.1");
  EXPECT_EQ(context.status, "partial");
  EXPECT_THAT(context.certifications, Contains("iso27001:2022 certificate IS 700123 (Example Certification Body)"));
  EXPECT_THAT(context.certifications, Contains("iso9001:2015 certificate Q 4521 (Example Certification Body)"));
  // Neither standard has budgeting and accounting for services (stated no-counterpart rows).
  EXPECT_EQ(ClauseOf(report, "8.4.1").status, "not-covered");
}

TEST(CoverageOrganisationTest, AnExpiredCertificationCreditsNothingAndIsAQualityFinding) {
  OrganisationState organisation;
  organisation.certifications = {Iso27001("2026-11-30")};  // the day before the report date
  const CoverageReport report = Cover({}, organisation);
  EXPECT_TRUE(report.certified.empty());
  ASSERT_EQ(report.expired.size(), 1u);
  for (const ClauseCoverage& c : report.clauses) {
    EXPECT_EQ(c.status, "not-covered") << c.ref;
    EXPECT_TRUE(c.certifications.empty()) << c.ref;
  }
  QualityOptions options;
  options.as_of = Day("2026-12-01");
  QualityChecker quality(options);
  quality.AddCertification(organisation.certifications[0]);
  Certification valid = Iso27001("2026-12-01");  // valid through the report date
  valid.certificate = "IS 700124";
  quality.AddCertification(valid);
  const std::vector<QualityFinding> findings = quality.Finish();
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].rule_id, kExpiredCertification);
  EXPECT_EQ(findings[0].issue, kIssueExpired);
  EXPECT_EQ(findings[0].records[0].native_id, "iso27001:2022#IS 700123");
  EXPECT_EQ(findings[0].fields[0].value, "2026-11-30");
}

TEST(CoverageOrganisationTest, RecordsAfterTheReportDateAreLeftOut) {
  const CoverageReport report = Cover({Make("incident", "I-late", "closed", "2026-12-02"), Make("incident", "I-undated", "closed", nullptr)});
  EXPECT_EQ(report.records_read, 2);
  EXPECT_EQ(report.excluded_after_as_of, 1);
  EXPECT_EQ(ClauseOf(report, "8.6.1").evidence_count, 1);  // the undated one only
}

TEST(CoverageOrganisationTest, TheAssessmentSitsBesideTheComputedValueAndDisagreementsShow) {
  OrganisationState organisation;
  ClauseAssessment disagreeing;
  disagreeing.target = "iso20000-1:2018";
  disagreeing.clause = "8.6.1";
  disagreeing.status = "covered";
  disagreeing.maturity = 3;
  disagreeing.owner = "Service Desk";
  disagreeing.action = "Move the desk onto the new tool";
  disagreeing.by = "coordinator";
  ClauseAssessment agreeing = disagreeing;
  agreeing.clause = "8.6.2";
  agreeing.status = "not-covered";
  agreeing.maturity = 0;
  organisation.assessments = {disagreeing, agreeing};
  const CoverageReport report = Cover({Make("incident", "I1", "closed", "2025-06-01")}, organisation);
  const ClauseCoverage& incident = ClauseOf(report, "8.6.1");
  EXPECT_EQ(incident.status, "covered");
  EXPECT_EQ(incident.maturity, 1);  // stale evidence
  ASSERT_TRUE(incident.assessment.has_value());
  EXPECT_EQ(incident.assessment->owner, "Service Desk");
  EXPECT_TRUE(incident.disagrees);  // maturity 3 assessed, 1 computed
  ASSERT_TRUE(ClauseOf(report, "8.6.2").assessment.has_value());
  EXPECT_FALSE(ClauseOf(report, "8.6.2").disagrees);
  EXPECT_FALSE(ClauseOf(report, "8.6.3").assessment.has_value());
}

// A 27001:2013 control whose only paths to 20000-1:2018 the algebra cannot prove (A.5.1.1 ↔
// 2022 A.5.1 by 27002:2022 Annex B, then A.5.1 intersects-with 8.7.3.1): 8.7.3.1 is a candidate,
// never coverage. The organisation's confirmation makes it partial (a control); its rejection
// makes it not-covered.
TEST(CoverageOrganisationTest, DecisionsOnACandidateChangeTheClause) {
  const std::vector<Record> records = {
      Make("control", "iso27001:2013#A.5.1.1", "implemented", "2026-06-01", {{"implements", "iso27001:2013#A.5.1.1"}})};
  const CoverageReport before = Cover(records);  // kept: ClauseOf returns a reference into it
  const ClauseCoverage& candidate = ClauseOf(before, "8.7.3.1");
  EXPECT_EQ(candidate.status, "candidate");
  EXPECT_EQ(candidate.candidate_count, 1);
  EXPECT_EQ(candidate.control_count, 0);
  EXPECT_EQ(candidate.maturity, 0);
  ASSERT_EQ(candidate.candidates.size(), 1u);
  EXPECT_TRUE(candidate.candidates[0].reach.candidate);
  EXPECT_FALSE(candidate.candidates[0].reach.candidate_reason.empty());

  MappingDecision decision;
  decision.id = 7;
  decision.from = "iso27001:2013";
  decision.from_ref = "A.5.1.1";
  decision.to = "iso20000-1:2018";
  decision.to_ref = "8.7.3.1";
  decision.relationship = "intersects-with";
  decision.verdict = MappingDecision::Verdict::kConfirm;
  decision.by = "coordinator";
  decision.reason = "our policy set covers the SMS's information security policy";
  OrganisationState confirmed;
  confirmed.decisions = {decision};
  const CoverageReport with_confirmation = Cover(records, confirmed);
  const ClauseCoverage& partial = ClauseOf(with_confirmation, "8.7.3.1");
  EXPECT_EQ(partial.status, "partial");
  EXPECT_TRUE(partial.caution);
  EXPECT_EQ(partial.control_count, 1);
  EXPECT_EQ(partial.candidate_count, 0);

  decision.verdict = MappingDecision::Verdict::kReject;
  decision.relationship = "";
  OrganisationState rejected;
  rejected.decisions = {decision};
  const CoverageReport after_rejection = Cover(records, rejected);
  const ClauseCoverage& gone = ClauseOf(after_rejection, "8.7.3.1");
  EXPECT_EQ(gone.status, "not-covered");
  EXPECT_EQ(gone.candidate_count, 0);
  EXPECT_EQ(ClauseOf(after_rejection, "5.2").status, "candidate");  // rejected for 8.7.3.1 only
}

}  // namespace
}  // namespace crosswalk::report
