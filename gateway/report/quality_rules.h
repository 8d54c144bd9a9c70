#ifndef CROSSWALK_GATEWAY_REPORT_QUALITY_RULES_H_
#define CROSSWALK_GATEWAY_REPORT_QUALITY_RULES_H_

// The record-quality rules: ids, titles, clause, severity and basis (docs/reports.md describes
// each). The checks themselves are in quality.cc.

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "gateway/report/record_view.h"

namespace crosswalk::report {

// Rule ids (stable: renderers, tests and saved reports name rules by them).
inline constexpr char kChangeWithoutApproval[] = "quality.change-without-approval";
inline constexpr char kChangeWithoutReason[] = "quality.change-without-reason";
inline constexpr char kIncidentWithoutPriority[] = "quality.incident-without-priority";
inline constexpr char kIncidentWithoutCategory[] = "quality.incident-without-category";
inline constexpr char kIncidentWithoutResolution[] = "quality.incident-without-resolution";
inline constexpr char kProblemWithoutRootCause[] = "quality.problem-without-root-cause";
inline constexpr char kProblemWithoutKnownError[] = "quality.problem-without-known-error";
inline constexpr char kCiWithoutOwner[] = "quality.ci-without-owner";
inline constexpr char kSoftwareCiWithoutLicence[] = "quality.software-ci-without-licence";
inline constexpr char kServiceWithoutSla[] = "quality.service-without-sla";
inline constexpr char kDocumentWithoutVersionHistory[] = "quality.document-without-version-history";
inline constexpr char kDocumentWithoutApprover[] = "quality.document-without-approver";
inline constexpr char kStaleEvidence[] = "quality.stale-evidence";
inline constexpr char kEvidenceWithoutDate[] = "quality.evidence-without-date";
inline constexpr char kUnmappedValue[] = "quality.unmapped-value";
inline constexpr char kExpiredCertification[] = "quality.expired-certification";

// What a finding says about its fields (QualityFinding::issue).
inline constexpr char kIssueMissing[] = "missing";            // no value, or a placeholder
inline constexpr char kIssueNotApproved[] = "not-approved";   // an approval that does not say approved
inline constexpr char kIssueUnmapped[] = "unmapped";          // a value no normalisation rule knew
inline constexpr char kIssueStale[] = "stale";                // older than the kind's cadence
inline constexpr char kIssueUndated[] = "undated";            // no effective date to judge age by
inline constexpr char kIssueExpired[] = "expired";            // a certification past its valid-until date

struct QualityRule {
  std::string id;
  Label title;
  // The ISO/IEC 20000-1:2018 clause the rule concerns: crosswalk's reading of which clause's
  // process produces the records (as mappings/rules/kinds.csv), not a quotation of its text.
  std::string clause;
  std::string severity;  // high, medium, low
  // seed: a document deficiency of ISO/IEC TR 20000-5 Annex D as the seed lists it;
  // derived: crosswalk's own process rule.
  std::string basis;
  std::string source;    // seed rules: the seed section and the Annex D item; empty when derived
  int source_line = 0;   // seed rules: the line of shared/seeds/001_1b9a2e7ca3217135.txt; else 0
  std::string examines;  // which records the rule looks at and what satisfies it
};

// Every rule, in report order.
const std::vector<QualityRule>& QualityRules();
// The rule `id`, or nullptr.
const QualityRule* FindQualityRule(absl::string_view id);
// The position of `id` in QualityRules(); QualityRules().size() when unknown.
size_t QualityRuleIndex(absl::string_view id);
// English and Japanese label of an issue (kIssue…); the issue itself when unknown.
Label IssueLabel(absl::string_view issue);

}  // namespace crosswalk::report

#endif  // CROSSWALK_GATEWAY_REPORT_QUALITY_RULES_H_
