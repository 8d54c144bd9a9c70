#include "gateway/report/quality.h"

#include <algorithm>
#include <set>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gateway/core/time_text.h"
#include "gateway/core/unicode.h"
#include "gateway/report/quality_rules.h"
#include "gateway/report/value_words.h"

namespace crosswalk::report {
namespace {

// The attribute keys each check reads: canonical role names only (mappings/presets/roles.csv and
// columns.csv). A source's own spellings (close_notes, 対応内容, sys_class_name …) are header
// synonyms of these roles in that data, never keys here: a column no role claims is not read.
struct Keys {
  KeySet approver{"approver"};
  KeySet approval{"approval"};
  KeySet reason{"reason"};
  KeySet change_type{"change_type"};
  KeySet close_code{"close_code"};  // a change's close code (servicenow-change)
  KeySet category{"category"};
  KeySet resolution{"resolution"};
  KeySet resolution_code{"resolution_code"};
  KeySet root_cause{"root_cause"};
  KeySet known_error{"known_error"};
  KeySet problem{"problem"};
  KeySet owner{"owner"};
  KeySet ci_class{"class"};
  KeySet licence{"software_licence"};
  KeySet in_scope{"in_scope"};
  // An SLA named or its targets stated: either role of the service catalogue.
  KeySet sla{"sla", "service_level_target"};
  // A document's history: its revision history or the reason for its last change (documents).
  KeySet version_history{"version_history", "change_reason"};
};

const Keys& K() {
  static const Keys* const keys = new Keys;
  return *keys;
}

bool FoldedIn(absl::string_view value, const std::vector<absl::string_view>& set) {
  const std::string folded = MatchKey(value);
  return std::find(set.begin(), set.end(), folded) != set.end();
}

bool SaysApproved(absl::string_view value) {
  const std::string folded = MatchKey(value);
  if (FoldedIn(folded, ValueWords().approved)) return true;
  for (absl::string_view prefix : ValueWords().approved_prefixes) {
    if (absl::StartsWith(folded, prefix)) return true;
  }
  return false;
}

// The field of a finding about a value that is absent (or a placeholder).
FindingField Missing(const char* name, const FieldLookup& lookup) {
  return {lookup.key.empty() ? name : lookup.key, lookup.value};
}

enum class Approval { kApproved, kNotApproved, kMissing, kUnmapped };

// The approval evidence of a change or a document: an approver named, or an approval that says
// approved. `field` is what a finding names.
Approval ApprovalOf(const RecordView& view, FindingField* field) {
  const FieldLookup approver = view.Attribute(K().approver);
  if (approver.state == FieldState::kPresent) return Approval::kApproved;
  const FieldLookup approval = view.Attribute(K().approval);
  switch (approval.state) {
    case FieldState::kUnmapped:
      return Approval::kUnmapped;
    case FieldState::kPresent:
      *field = {approval.key, approval.value};
      return SaysApproved(approval.value) ? Approval::kApproved : Approval::kNotApproved;
    case FieldState::kMissing:
      break;
  }
  *field = Missing("approval", approval.key.empty() ? approver : approval);
  return Approval::kMissing;
}

// True for a change that went ahead, so its approval is due: by status, a closed time or a code.
bool WentAhead(const RecordView& view) {
  const Record& record = view.record();
  if (IsWithdrawn(record.status)) return false;
  return FoldedIn(record.status, {"scheduled", "implemented", "resolved", "closed"}) ||
         record.closed.has_value() ||
         view.Attribute(K().close_code).state == FieldState::kPresent;
}

// A software CI by its class: the native kind (a ServiceNow class) or the class role.
bool IsSoftware(const RecordView& view) {
  const std::string native = MatchKey(view.record().provenance.native_kind);
  for (absl::string_view prefix : ValueWords().software_native_kinds) {
    if (absl::StartsWith(native, prefix)) return true;
  }
  const FieldLookup cls = view.Attribute(K().ci_class);
  return cls.state == FieldState::kPresent &&
         FoldedIn(cls.value, ValueWords().software_classes);
}

std::vector<std::string> NamesOf(const Record& record, bool with_title) {
  const Provenance& p = record.provenance;
  std::vector<std::string> names = {MatchKey(p.native_id),
                                     MatchKey(absl::StrCat(p.source, "/", p.native_id))};
  if (with_title && !record.title.empty()) names.push_back(MatchKey(record.title));
  return names;
}

}  // namespace

QualityChecker::QualityChecker(QualityOptions options) : options_(std::move(options)) {}

void QualityChecker::Examine(const char* rule_id) {
  auto it = counts_.find(absl::string_view(rule_id));
  if (it == counts_.end()) it = counts_.try_emplace(rule_id, QualityRuleCount{rule_id, 0, 0}).first;
  ++it->second.examined;
}

void QualityChecker::Require(const char* rule_id, const RecordView& view, const KeySet& keys,
                             const char* name) {
  Examine(rule_id);
  const FieldLookup lookup = view.Attribute(keys);
  if (lookup.state == FieldState::kMissing) {
    Report(rule_id, KeyOf(view.record()), kIssueMissing, {Missing(name, lookup)});
  }
}

void QualityChecker::RequireApproval(const char* rule_id, const RecordView& view) {
  Examine(rule_id);
  FindingField field;
  const Approval approval = ApprovalOf(view, &field);
  // An unreadable approval (Approval::kUnmapped) is quality.unmapped-value's to report.
  if (approval == Approval::kMissing || approval == Approval::kNotApproved) {
    Report(rule_id, KeyOf(view.record()),
           approval == Approval::kMissing ? kIssueMissing : kIssueNotApproved, {field});
  }
}

QualityFinding QualityChecker::Finding(const char* rule_id, RecordKey key, const char* issue,
                                       std::vector<FindingField> fields) {
  QualityFinding finding;
  finding.rule_id = rule_id;
  finding.issue = issue;
  finding.records.push_back(std::move(key));
  finding.fields = std::move(fields);
  return finding;
}

void QualityChecker::Report(const char* rule_id, RecordKey key, const char* issue,
                            std::vector<FindingField> fields) {
  Keep(Finding(rule_id, std::move(key), issue, std::move(fields)));
}

void QualityChecker::Keep(QualityFinding finding) {
  QualityRuleCount& count = counts_[finding.rule_id];
  count.rule_id = finding.rule_id;
  ++count.findings;
  std::vector<QualityFinding>& kept = findings_[finding.rule_id];
  const size_t max = options_.max_listed_per_rule;
  if (max == 0) {
    kept.push_back(std::move(finding));
    return;
  }
  // A max-heap by key of the first `max` findings: one that comes after all of them is counted only.
  auto by_key = [](const QualityFinding& a, const QualityFinding& b) { return KeyLess(a.records.front(), b.records.front()); };
  if (kept.size() >= max) {
    if (!by_key(finding, kept.front())) return;
    std::pop_heap(kept.begin(), kept.end(), by_key);
    kept.back() = std::move(finding);
  } else {
    kept.push_back(std::move(finding));
  }
  std::push_heap(kept.begin(), kept.end(), by_key);
}

void QualityChecker::Add(const Record& record) {
  const RecordView view(record);
  CheckUnmapped(view);
  CheckAge(view);
  const std::string& kind = record.kind;
  if (kind == "change") CheckChange(view);
  if (kind == "incident") CheckIncident(view);
  if (kind == "problem") CheckProblem(view);
  if (kind == "configuration-item") CheckConfigurationItem(view);
  if (kind == "service") CheckService(view);
  if (kind == "documented-information") CheckDocument(view);
  if (kind == "service-level-target" || kind == "agreement") {
    for (const std::string& target : view.LinkTargets("service")) sla_references_.push_back(target);
    const std::string service = view.Service();
    if (!service.empty()) sla_references_.push_back(MatchKey(service));
  }
  if (kind == "known-error") {
    for (const std::string& target : view.LinkTargets("")) known_error_references_.push_back(target);
    const FieldLookup problem = view.Attribute(K().problem);
    if (problem.state == FieldState::kPresent) {
      known_error_references_.push_back(MatchKey(problem.value));
    }
  }
}

void QualityChecker::AddCertification(const Certification& certification) {
  Examine(kExpiredCertification);
  if (options_.as_of <= certification.valid_until) return;
  const RecordKey key{"certification", absl::StrCat(certification.standard, "#", certification.certificate),
                      certification.body, "certification"};
  Report(kExpiredCertification, key, kIssueExpired, {{"valid_until", FormatDate(certification.valid_until)}});
}

void QualityChecker::CheckChange(const RecordView& view) {
  Require(kChangeWithoutReason, view, K().reason, "reason");
  const FieldLookup type = view.Attribute(K().change_type);
  const bool standard = type.state == FieldState::kPresent &&
                        FoldedIn(type.value, ValueWords().standard_changes);
  if (!standard && WentAhead(view)) RequireApproval(kChangeWithoutApproval, view);
}

void QualityChecker::CheckIncident(const RecordView& view) {
  const RecordKey key = KeyOf(view.record());
  Examine(kIncidentWithoutPriority);
  if (view.Canonical("priority").state == FieldState::kMissing) {
    Report(kIncidentWithoutPriority, key, kIssueMissing, {{"priority", ""}});
  }
  Require(kIncidentWithoutCategory, view, K().category, "category");
  if (!LooksResolved(view)) return;
  Examine(kIncidentWithoutResolution);
  const FieldLookup notes = view.Attribute(K().resolution);
  const FieldLookup code = view.Attribute(K().resolution_code);
  if (notes.state == FieldState::kMissing && code.state == FieldState::kMissing) {
    Report(kIncidentWithoutResolution, key, kIssueMissing,
           {Missing("resolution", notes), Missing("resolution_code", code)});
  }
}

void QualityChecker::CheckProblem(const RecordView& view) {
  const Record& record = view.record();
  if (LooksResolved(view)) {
    Require(kProblemWithoutRootCause, view, K().root_cause, "root_cause");
    return;
  }
  if (IsWithdrawn(record.status)) return;
  if (view.Attribute(K().root_cause).state != FieldState::kPresent) return;
  Examine(kProblemWithoutKnownError);
  const FieldLookup flag = view.Attribute(K().known_error);
  if (flag.state == FieldState::kPresent && MatchKey(flag.value) == "true") return;
  if (!view.LinkTargets("known-error").empty()) return;
  problems_without_known_error_.push_back(
      {KeyOf(record), NamesOf(record, /*with_title=*/false), Missing("known_error", flag)});
}

void QualityChecker::CheckConfigurationItem(const RecordView& view) {
  if (IsOutOfService(view.record().status)) return;
  Require(kCiWithoutOwner, view, K().owner, "owner");
  if (!IsSoftware(view)) return;
  if (!view.LinkTargets("licence").empty()) {
    Examine(kSoftwareCiWithoutLicence);  // licensed through a link to an entitlement
    return;
  }
  Require(kSoftwareCiWithoutLicence, view, K().licence, "software_licence");
}

void QualityChecker::CheckService(const RecordView& view) {
  const Record& record = view.record();
  if (IsOutOfService(record.status) || IsWithdrawn(record.status) ||
      record.status == "not-applicable") {
    return;
  }
  // A service the catalogue says is out of scope needs no SLA of this SMS (a service without the
  // flag is taken as in scope: nothing says otherwise).
  const FieldLookup in_scope = view.Attribute(K().in_scope);
  if (in_scope.state == FieldState::kPresent && MatchKey(in_scope.value) == "false") return;
  Examine(kServiceWithoutSla);
  const FieldLookup sla = view.Attribute(K().sla);
  if (sla.state != FieldState::kMissing) return;  // an SLA named (or unreadable: unmapped-value)
  for (const char* relation : {"sla", "agreement", "service-level-target"}) {
    if (!view.LinkTargets(relation).empty()) return;
  }
  services_without_sla_.push_back({KeyOf(record), NamesOf(record, /*with_title=*/true),
                                   Missing("service_level_target", sla)});
}

void QualityChecker::CheckDocument(const RecordView& view) {
  Require(kDocumentWithoutVersionHistory, view, K().version_history, "version_history");
  RequireApproval(kDocumentWithoutApprover, view);
}

void QualityChecker::CheckAge(const RecordView& view) {
  const Record& record = view.record();
  const DurationRow* cadence = options_.cadence.Find(record.kind);
  if (cadence == nullptr) return;
  Examine(kEvidenceWithoutDate);
  if (!record.effective) {
    QualityFinding finding = Finding(kEvidenceWithoutDate, KeyOf(record), kIssueUndated, {{"effective", ""}});
    finding.cadence_days = cadence->amount;
    Keep(std::move(finding));
    return;
  }
  Examine(kStaleEvidence);
  const int64_t age = options_.as_of - *record.effective;
  if (age <= cadence->seconds) return;
  QualityFinding finding = Finding(kStaleEvidence, KeyOf(record), kIssueStale, {{"effective", FormatDate(*record.effective)}});
  finding.effective = record.effective;
  finding.age_days = age / 86400;
  finding.cadence_days = cadence->amount;
  Keep(std::move(finding));
}

void QualityChecker::CheckUnmapped(const RecordView& view) {
  Examine(kUnmappedValue);
  std::vector<FindingField> fields;
  for (const FieldOrigin* origin : view.UnmappedOrigins()) {
    fields.push_back({origin->field, origin->native_value});
  }
  if (!fields.empty()) Report(kUnmappedValue, KeyOf(view.record()), kIssueUnmapped, std::move(fields));
}

void QualityChecker::ReportUnreferenced(const char* rule_id, const std::vector<Pending>& pending,
                                        const std::vector<std::string>& references) {
  const std::set<std::string> named(references.begin(), references.end());
  for (const Pending& subject : pending) {
    const bool found = std::any_of(subject.names.begin(), subject.names.end(),
                                   [&](const std::string& name) { return named.count(name) > 0; });
    if (!found) Report(rule_id, subject.key, kIssueMissing, {subject.field});
  }
}

std::vector<QualityFinding> QualityChecker::Finish() {
  ReportUnreferenced(kServiceWithoutSla, services_without_sla_, sla_references_);
  ReportUnreferenced(kProblemWithoutKnownError, problems_without_known_error_,
                     known_error_references_);
  std::vector<QualityFinding> findings;
  for (auto& [rule, kept] : findings_) {
    for (QualityFinding& finding : kept) findings.push_back(std::move(finding));
  }
  findings_.clear();
  std::stable_sort(findings.begin(), findings.end(),
                   [](const QualityFinding& a, const QualityFinding& b) {
                     const size_t ra = QualityRuleIndex(a.rule_id), rb = QualityRuleIndex(b.rule_id);
                     if (ra != rb) return ra < rb;
                     return KeyLess(a.records.front(), b.records.front());
                   });
  return findings;
}

std::vector<QualityRuleCount> QualityChecker::Counts() const {
  std::vector<QualityRuleCount> out;
  for (const QualityRule& rule : QualityRules()) {
    auto it = counts_.find(rule.id);
    out.push_back(it == counts_.end() ? QualityRuleCount{rule.id, 0, 0} : it->second);
  }
  return out;
}

}  // namespace crosswalk::report
