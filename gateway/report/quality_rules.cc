#include "gateway/report/quality_rules.h"

#include "absl/strings/str_cat.h"

namespace crosswalk::report {
namespace {

// The seed's section that prints TR 20000-5 Annex D (seed lines 4075 and 4150).
constexpr char kAnnexD[] = "JIP-ITSMS112-2.1 Section 4.5 (ISO/IEC TR 20000-5:2010 Annex D ";

QualityRule Derived(const char* id, Label title, const char* clause, const char* severity,
                    const char* examines) {
  return {id, std::move(title), clause, severity, "derived", "", 0, examines};
}

// A document deficiency of Annex D: `item` is its letter, `line` the seed line that prints it.
QualityRule Seed(const char* id, Label title, const char* clause, const char* severity,
                 const char* item, int line, const char* examines) {
  return {id, std::move(title), clause, severity, "seed", absl::StrCat(kAnnexD, item, "))"), line,
          examines};
}

std::vector<QualityRule> MakeRules() {
  return {
      Derived(kChangeWithoutApproval,
              {"Change carried out without approval", "承認の記録がないまま実施された変更"},
              "8.5.1.3", "high",
              "changes that went ahead (status scheduled, implemented, resolved or closed, a closed "
              "time or a close code), except cancelled or rejected ones and standard (pre-approved) "
              "changes; satisfied by an approver, or an approval that says approved"),
      Derived(kChangeWithoutReason, {"Change without a reason", "変更理由（正当性）の記録がない変更"},
              "8.5.1.2", "medium", "every change; satisfied by a reason or justification"),
      Derived(kIncidentWithoutPriority, {"Incident without a priority", "優先度のないインシデント"},
              "8.6.1", "medium",
              "every incident; a priority no rule knew is reported as quality.unmapped-value instead"),
      Derived(kIncidentWithoutCategory,
              {"Incident without a classification", "分類（カテゴリ）のないインシデント"}, "8.6.1",
              "low", "every incident; satisfied by a category"),
      Derived(kIncidentWithoutResolution,
              {"Resolved or closed incident without a resolution",
               "解決内容の記録がない解決済み・終了インシデント"},
              "8.6.1", "medium",
              "incidents resolved or closed (by status, or by a resolved or closed time when the "
              "status is empty); satisfied by close notes / resolution or a close code"),
      Derived(kProblemWithoutRootCause,
              {"Resolved or closed problem without a root cause", "根本原因の記録がない解決済み・終了の問題"},
              "8.6.3", "medium", "problems resolved or closed; satisfied by a root cause (cause notes)"),
      Derived(kProblemWithoutKnownError,
              {"Open problem with a root cause but no known error",
               "根本原因が特定されたが既知の誤りが記録されていない未解決の問題"},
              "8.6.3", "low",
              "open problems whose root cause is recorded; satisfied by known_error true, a "
              "known-error link, or a known-error record that links to the problem"),
      Derived(kCiWithoutOwner, {"Configuration item without an owner", "所有者のない構成品目"},
              "8.2.6", "medium",
              "configuration items not retired or absent; satisfied by an owner (owned by, managed by)"),
      Derived(kSoftwareCiWithoutLicence,
              {"Software configuration item without licence information",
               "ライセンス情報のないソフトウェア構成品目"},
              "8.2.5", "medium",
              "configuration items not retired or absent whose class is software (ServiceNow "
              "cmdb_ci_appl*, cmdb_ci_spkg*, cmdb_ci_software*, or a class attribute "
              "'software'/'application'); satisfied by licence information or a licence link"),
      Seed(kServiceWithoutSla,
           {"Service in scope without a service level target", "サービスレベル目標のない対象範囲内のサービス"},
           "8.3.3", "high", "l", 4170,
           "services not retired, absent, cancelled, rejected or not-applicable; satisfied by an SLA "
           "attribute, an sla/agreement/service-level-target link, or a service-level-target or "
           "agreement record whose service names the service"),
      Seed(kDocumentWithoutVersionHistory,
           {"Documented information without a version history (reason for change)",
            "変更履歴（変更理由）の記録がない文書化した情報"},
           "7.5.3", "medium", "h", 4162,
           "documented information; satisfied by a version or revision history or a reason for "
           "change (a bare version number does not say why the document changed)"),
      Seed(kDocumentWithoutApprover,
           {"Documented information without a record of its approver",
            "変更の承認者の記録がない文書化した情報"},
           "7.5.2", "high", "h", 4162,
           "documented information; satisfied by an approver, or an approval that says approved"),
      Derived(kStaleEvidence, {"Evidence older than its cadence", "更新周期を過ぎた証拠"}, "9.1",
              "medium",
              "records of the kinds in mappings/reports/cadence.csv; stale when the effective date "
              "is more than the kind's days before the report date"),
      Derived(kEvidenceWithoutDate, {"Evidence without an effective date", "有効日のない証拠"}, "9.1",
              "low",
              "records of the kinds in mappings/reports/cadence.csv that have no effective date, so "
              "their age cannot be judged"),
      Derived(kUnmappedValue, {"Value no normalisation rule knows", "正規化規則にない値"}, "7.5.3",
              "low",
              "every record; one finding per record naming each field whose raw value no rule "
              "translated (kept in provenance, the canonical field left empty)"),
      Derived(kExpiredCertification,
              {"Declared certification expired", "有効期限切れの認証"}, "4.3", "high",
              "every management-system certification the organisation declares; an expired one (valid "
              "until before the report date) credits no clause and is reported here"),
  };
}

}  // namespace

const std::vector<QualityRule>& QualityRules() {
  static const auto* const rules = new std::vector<QualityRule>(MakeRules());
  return *rules;
}

size_t QualityRuleIndex(absl::string_view id) {
  const std::vector<QualityRule>& rules = QualityRules();
  for (size_t i = 0; i < rules.size(); ++i) {
    if (rules[i].id == id) return i;
  }
  return rules.size();
}

const QualityRule* FindQualityRule(absl::string_view id) {
  const size_t index = QualityRuleIndex(id);
  return index < QualityRules().size() ? &QualityRules()[index] : nullptr;
}

Label IssueLabel(absl::string_view issue) {
  if (issue == kIssueMissing) return {"missing", "記録なし"};
  if (issue == kIssueNotApproved) return {"not approved", "未承認"};
  if (issue == kIssueUnmapped) return {"value no rule knows", "規則にない値"};
  if (issue == kIssueStale) return {"older than its cadence", "更新周期超過"};
  if (issue == kIssueUndated) return {"no effective date", "有効日なし"};
  if (issue == kIssueExpired) return {"expired", "有効期限切れ"};
  return {std::string(issue), std::string(issue)};
}

}  // namespace crosswalk::report
