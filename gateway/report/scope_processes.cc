#include "gateway/report/scope_processes.h"

#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gateway/core/unicode.h"

namespace crosswalk::report {
namespace {

struct ProcessRow {
  const char* ref;
  const char* en;
  const char* ja;
  std::vector<const char*> parts;  // names of the parts a combined process covers
};

// ISO/IEC 20000-1:2018 clause 8: the processes under 8.2 to 8.7 (8.1 operational planning and the
// "General" sub-clauses 8.2.1 and 8.3.1 state requirements on all of them, not a process).
// English titles as mappings/catalogs/iso20000-1-2018.csv; Japanese as JIS Q 20000-1:2020 names
// them (crosswalk's transcription: the catalog carries no Japanese titles for this edition).
const std::vector<ProcessRow>& Processes2018() {
  static const auto* const rows = new std::vector<ProcessRow>{
      {"8.2.2", "Plan the services", "サービスの計画", {}},
      {"8.2.3",
       "Control of parties involved in the service lifecycle",
       "サービスライフサイクルに関与する他の関係者の管理",
       {}},
      {"8.2.4", "Service catalogue management", "サービスカタログ管理", {}},
      {"8.2.5", "Asset management", "資産管理", {}},
      {"8.2.6", "Configuration management", "構成管理", {}},
      {"8.3.2", "Business relationship management", "事業関係管理", {}},
      {"8.3.3", "Service level management", "サービスレベル管理", {}},
      {"8.3.4", "Supplier management", "供給者管理", {}},
      {"8.4.1", "Budgeting and accounting for services", "サービスの予算業務及び会計業務", {}},
      {"8.4.2", "Demand management", "需要管理", {}},
      {"8.4.3", "Capacity management", "容量・能力管理", {}},
      {"8.5.1", "Change management", "変更管理", {}},
      {"8.5.2", "Service design and transition", "サービスの設計及び移行", {}},
      {"8.5.3", "Release and deployment management", "リリース及び展開管理", {}},
      {"8.6.1", "Incident management", "インシデント管理", {}},
      {"8.6.2", "Service request management", "サービス要求管理", {}},
      {"8.6.3", "Problem management", "問題管理", {}},
      {"8.7.1", "Service availability management", "サービス可用性管理", {}},
      {"8.7.2", "Service continuity management", "サービス継続管理", {}},
      {"8.7.3", "Information security management", "情報セキュリティ管理", {}},
  };
  return *rows;
}

// ISO/IEC 20000-1:2011: the 14 processes of seed Table 1-1 (lines 342-426), Japanese as printed
// there (JIS Q 20000-1:2012).
const std::vector<ProcessRow>& Processes2011() {
  static const auto* const rows = new std::vector<ProcessRow>{
      {"5",
       "Design and transition of new or changed services",
       "新規サービス又はサービス変更の設計及び移行",
       {}},
      {"6.1", "Service level management", "サービスレベル管理", {}},
      {"6.2", "Service reporting", "サービスの報告", {}},
      {"6.3",
       "Service continuity and availability management",
       "サービス継続及び可用性管理",
       {"service continuity management", "service availability management", "availability management",
        "サービス継続管理", "サービス可用性管理", "可用性管理"}},
      {"6.4", "Budgeting and accounting for services", "サービスの予算業務及び会計業務", {}},
      {"6.5", "Capacity management", "容量・能力管理", {}},
      {"6.6", "Information security management", "情報セキュリティ管理", {}},
      {"7.1", "Business relationship management", "事業関係管理", {}},
      {"7.2", "Supplier management", "供給者管理", {}},
      {"8.1",
       "Incident and service request management",
       "インシデント及びサービス要求管理",
       {"incident management", "service request management", "インシデント管理", "サービス要求管理"}},
      {"8.2", "Problem management", "問題管理", {}},
      {"9.1", "Configuration management", "構成管理", {}},
      {"9.2", "Change management", "変更管理", {}},
      {"9.3", "Release and deployment management", "リリース及び展開管理", {}},
  };
  return *rows;
}

// True when `clause` is `ref` or a sub-clause of it.
bool AtOrUnder(absl::string_view clause, absl::string_view ref) {
  return clause == ref || absl::StartsWith(clause, absl::StrCat(ref, "."));
}

bool FoldedIn(absl::string_view text, std::initializer_list<absl::string_view> set) {
  const std::string folded = MatchKey(text);
  return std::find(set.begin(), set.end(), folded) != set.end();
}

}  // namespace

absl::StatusOr<ScopeEdition> ParseScopeEdition(absl::string_view catalog) {
  if (FoldedIn(catalog, {"iso20000-1:2018", "jisq20000-1:2020"})) return ScopeEdition::k2018;
  if (FoldedIn(catalog, {"iso20000-1:2011", "jisq20000-1:2012"})) return ScopeEdition::k2011;
  return absl::InvalidArgumentError(absl::StrCat(
      "scope checks target iso20000-1:2018 or iso20000-1:2011 (or their JIS ids), not '", catalog, "'"));
}

const char* EditionCatalog(ScopeEdition edition) {
  return edition == ScopeEdition::k2011 ? "iso20000-1:2011" : "iso20000-1:2018";
}

std::vector<ScopeProcess> ScopeProcesses(ScopeEdition edition, const std::vector<KindInfo>& kinds) {
  const bool v2011 = edition == ScopeEdition::k2011;
  std::vector<ScopeProcess> out;
  for (const ProcessRow& row : v2011 ? Processes2011() : Processes2018()) {
    ScopeProcess process{
        row.ref, {row.en, row.ja}, {}, {MatchKey(row.ref), MatchKey(row.en), MatchKey(row.ja)}};
    for (const char* part : row.parts) process.names.push_back(MatchKey(part));
    for (const KindInfo& kind : kinds) {
      const std::vector<std::string>& clauses = v2011 ? kind.clauses_2011 : kind.clauses_2018;
      if (std::any_of(clauses.begin(), clauses.end(),
                      [&](const std::string& clause) { return AtOrUnder(clause, row.ref); })) {
        process.kinds.push_back(kind.kind);
      }
    }
    out.push_back(std::move(process));
  }
  return out;
}

const ScopeProcess* FindScopeProcess(const std::vector<ScopeProcess>& processes, absl::string_view name) {
  const std::string folded = MatchKey(name);
  for (const ScopeProcess& process : processes) {
    if (std::find(process.names.begin(), process.names.end(), folded) != process.names.end()) {
      return &process;
    }
  }
  return nullptr;
}

PartyType ParsePartyType(absl::string_view text) {
  if (FoldedIn(text, {"external supplier", "external", "supplier", "vendor", "contractor", "outsourcer",
                      "外部供給者", "供給者", "外部", "委託先", "外部委託先", "ベンダー", "ベンダ"})) {
    return PartyType::kExternalSupplier;
  }
  if (FoldedIn(text, {"internal group", "internal supplier", "internal", "内部グループ", "内部供給者", "内部",
                      "社内", "社内部門", "他部門"})) {
    return PartyType::kInternalGroup;
  }
  if (FoldedIn(text, {"customer", "client", "customer acting as a supplier", "顧客", "お客様"})) {
    return PartyType::kCustomer;
  }
  return PartyType::kUnknown;
}

Label PartyTypeLabel(PartyType type) {
  switch (type) {
    case PartyType::kExternalSupplier:
      return {"external supplier", "外部供給者"};
    case PartyType::kInternalGroup:
      return {"internal group", "内部グループ"};
    case PartyType::kCustomer:
      return {"customer", "顧客"};
    case PartyType::kUnknown:
      break;
  }
  return {"type not stated", "種別不明"};
}

Label ManagingProcess(ScopeEdition edition, PartyType type) {
  const bool supplier = type == PartyType::kExternalSupplier;
  if (edition == ScopeEdition::k2011) {
    return supplier ? Label{"7.2 Supplier management", "7.2 供給者管理"}
                    : Label{"6.1 Service level management", "6.1 サービスレベル管理"};
  }
  return supplier ? Label{"8.3.4.1 Management of external suppliers", "8.3.4.1 外部供給者の管理"}
                  : Label{"8.3.4.2 Management of internal suppliers and customers acting as a supplier",
                          "8.3.4.2 内部供給者及び供給者として行動する顧客の管理"};
}

}  // namespace crosswalk::report
