#include "gateway/report/scope_rules.h"

#include "absl/strings/str_cat.h"

namespace crosswalk::report {
namespace {

// The seed's document number: every source names it first (DESIGN.md §5 spells seed sources so).
constexpr char kSeed[] = "JIP-ITSMS112-2.1";

std::vector<ScopeRule> MakeRules() {
  return {
      {kScopeAllProcesses,
       {"Every process of the target edition is operated (no exclusions)",
        "対象規格のすべてのプロセスが運用されている（除外なし）"},
       "MUST",
       {{"Section 3.2.1", 2786, 2802, "要求事項を原則として全て満たす"},
        {"Section 6.2.1", 6237, 6243, "１４のプロセスは除外が"},
        {"Section 1.2.1 (5)", 940, 944, "認証基準に規定された全てのプロセス"},  // SC-03
        {"Section 3.2.1", 2804, 2812, "該当する業務が組織に存在するか"}},       // SC-21
       "each process of the target edition; satisfied by at least one record of a kind whose "
       "clause (mappings/rules/kinds.csv) is the process or under it; a process no kind maps to "
       "cannot be assessed from records"},
      {kScopeSameObjects,
       {"Every process manages each in-scope service",
        "すべてのプロセスが適用範囲の各サービスを管理対象としている"},
       "MUST",
       {{"Section 3.2.2", 3012, 3081, "管理すべき対象（システムやサービス）に一貫性がない"}},
       "each in-scope service and each process evidenced by service-level records (incidents, "
       "requests, problems, changes, releases, CIs); satisfied by a record of the process that "
       "names the service; not assessable when no record of the process names any service"},
      {kScopeSlaPerService,
       {"Each in-scope service has an SLA", "適用範囲の各サービスに SLA がある"},
       "MUST",
       {{"Section 3.2.1 a)", 2816, 2836, "SLA の策定と合意"}},
       "each in-scope service; satisfied by an SLA or service level target on the service, an "
       "sla/agreement link, or a service-level-target or agreement record naming the service"},
      {kScopeServiceReview,
       {"Each in-scope service is reviewed at planned intervals",
        "適用範囲の各サービスがあらかじめ定めた間隔でレビューされている"},
       "MUST",
       {{"Section 3.2.1 a)", 2838, 2853, "あらかじめ定めた間隔でのレビュー"}},
       "each in-scope service; satisfied by a last-review date no more than the service cadence "
       "(mappings/reports/cadence.csv) before the report date"},
      {kScopeCiUnderChange,
       {"CIs of in-scope services are under change management",
        "適用範囲のサービスの構成品目が変更管理の対象である"},
       "MUST",
       {{"Section 3.2.1 b)", 2855, 2877, "全て変更管理プロセスによって追加・更新"}},
       "each configuration item in use that names an in-scope service; satisfied by a change that "
       "names the CI; not assessable when no CI names an in-scope service or no change names a CI"},
      {kScopeCiUnique,
       {"Configuration items are uniquely identifiable", "構成品目が一意に識別できる"},
       "MUST",
       {{"Section 3.2.1 b)", 2912, 2925, "構成品目は一意に識別可能"}},
       "configuration items in use, across every source; fails for each name or native id that "
       "more than one CI record carries"},
      {kScopeSuppliersReviewed,
       {"Every other party serving in-scope services is identified and reviewed",
        "適用範囲のサービスに関わる供給者がすべて特定され、レビューされている"},
       "MUST",
       {{"Section 3.2.1 d) ②", 2975, 2983, "供給者（委託先等）を全て特定"}},
       "each party that operates part of an in-scope service (the supplier register's services, "
       "the catalogue's operated-by); satisfied by a register entry whose last performance review "
       "is no more than the supplier cadence before the report date"},
      {kScopeGovernance,
       {"Processes operated by other parties are governed",
        "他の当事者が運用するプロセスのガバナンスの証拠がある"},
       "MUST",
       {{"Appendix C.4.3", 10489, 10507, "すべてのプロセスのガバナンス"},
        {"Appendix C.4.3", 10509, 10517, "プロセスのガバナンスを実証"}},  // SC-41
       "each process another party operates for an in-scope service; satisfied by governance "
       "evidence (OLA, contract, review minutes) on the party's register entry"},
      {kScopePartyType,
       {"Each other party's type is known (it decides the managing process)",
        "他の当事者の種別（供給者・内部グループ・顧客）が識別されている"},
       "MUST",
       {{"Section 2.21", 2672, 2678, "供給者管理プロセスによって"},
        {"Section 2.21", 2698, 2702, "される要求事項が異なって"}},
       "each party that operates part of an in-scope service; satisfied by a type of external "
       "supplier, internal group or customer, which names the process that manages it"},
  };
}

}  // namespace

const std::vector<ScopeRule>& ScopeRules() {
  static const auto* const rules = new std::vector<ScopeRule>(MakeRules());
  return *rules;
}

const ScopeRule* FindScopeRule(absl::string_view id) {
  for (const ScopeRule& rule : ScopeRules()) {
    if (rule.id == id) return &rule;
  }
  return nullptr;
}

std::string SeedSourceText(const std::vector<SeedRef>& sources) {
  std::string text;
  for (const SeedRef& ref : sources) {
    absl::StrAppend(&text, text.empty() ? "" : "; ", kSeed, " ", ref.section, ", lines ", ref.first_line, "-",
                    ref.last_line);
  }
  return text;
}

}  // namespace crosswalk::report
