// SC-32 (the CIs of in-scope services are under change management) and SC-33 (CIs are uniquely
// identifiable across sources).

#include <map>

#include "absl/strings/str_cat.h"
#include "gateway/core/unicode.h"
#include "gateway/report/scope_checks.h"

namespace crosswalk::report {
namespace {

ScopeCheck CisUnderChange(const ScopeFacts& facts) {
  ScopeCheck check = NewCheck(kScopeCiUnderChange);
  const std::vector<const ServiceFact*> in_scope = InScopeServices(facts);
  if (!HaveInScope(check, facts, in_scope)) return check;
  std::set<std::string> in_scope_names;
  for (const ServiceFact* service : in_scope)
    in_scope_names.insert(service->names.begin(), service->names.end());
  std::vector<const CiFact*> cis;
  for (const CiFact& ci : facts.cis) {
    if (Intersects(ci.services, in_scope_names)) cis.push_back(&ci);
  }
  if (cis.empty()) {
    NotAssessable(
        check,
        {absl::StrCat("No configuration item in use names an in-scope service (", facts.cis.size(),
                      " CIs in use): CIs with a service reference (e.g. ServiceNow "
                      "business_service) are needed."),
         absl::StrCat("適用範囲内のサービスを指す使用中の構成品目がない（使用中の構成品目 ", facts.cis.size(),
                      " 件）。サービスを参照する構成品目（例：ServiceNow の "
                      "business_service）が必要。")});
    return check;
  }
  if (facts.changes_naming_ci == 0) {
    NotAssessable(check, {absl::StrCat(cis.size(),
                                       " CIs name an in-scope service, but no change names a CI: "
                                       "changes with a CI reference (e.g. ServiceNow cmdb_ci) are needed."),
                          absl::StrCat("適用範囲内のサービスを指す構成品目は ", cis.size(),
                                       " 件あるが、構成品目を指す変更がない。構成品目を参照する変更（例："
                                       "ServiceNow の cmdb_ci）が必要。")});
    return check;
  }
  for (const CiFact* ci : cis) {
    const std::vector<std::string> names = {
        ci->id_key, MatchKey(absl::StrCat(ci->key.source, "/", ci->key.native_id)), ci->name_key};
    ScopeItem item{ci->key.native_id, {ci->name, ci->name}, kScopePass, {}, 1, {ci->key}};
    if (Intersects(names, facts.change_ci_references)) {
      item.detail = {"A change names the CI.", "この構成品目を指す変更がある。"};
    } else {
      item.outcome = kScopeFail;
      item.evidence = 0;
      item.detail = {
          "No change names the CI: no evidence that it is added and updated through change management.",
          "この構成品目を指す変更がない。変更管理によって追加・更新されている証拠がない。"};
    }
    check.items.push_back(std::move(item));
  }
  Conclude(check, {absl::StrCat(cis.size(), " CIs in use name an in-scope service."),
                   absl::StrCat("適用範囲内のサービスを指す使用中の構成品目 ", cis.size(), " 件。")});
  return check;
}

// One failing item per folded `key` that more than one CI carries; `what` is "name" or "id".
void ReportShared(const std::map<std::string, std::vector<const CiFact*>>& by_key, const Label& what,
                  ScopeCheck& check) {
  for (const auto& [key, cis] : by_key) {
    if (key.empty() || cis.size() < 2) continue;
    std::vector<RecordKey> records;
    for (const CiFact* ci : cis) records.push_back(ci->key);
    check.items.push_back(
        {absl::StrCat(what.en, " ", key),
         {absl::StrCat(what.en, " ", key), absl::StrCat(what.ja, " ", key)},
         kScopeFail,
         {absl::StrCat(cis.size(), " CI records carry this ", what.en,
                       ": two CIs that cannot be told apart, or one CI held twice."),
          absl::StrCat(cis.size(), " 件の構成品目の記録が同じ", what.ja,
                       "をもつ。区別できない二つの構成品目か、二重に保持された一つの構成品目。")},
         0,
         SortedKeys(std::move(records))});
  }
}

ScopeCheck CisUnique(const ScopeFacts& facts) {
  ScopeCheck check = NewCheck(kScopeCiUnique);
  if (facts.cis.empty()) {
    NotAssessable(check, {"No configuration item in use: a CMDB source is needed.",
                          "使用中の構成品目がない。構成管理データベースの取込元が必要。"});
    return check;
  }
  std::map<std::string, std::vector<const CiFact*>> by_name, by_id;
  for (const CiFact& ci : facts.cis) {
    by_name[ci.name_key].push_back(&ci);
    by_id[ci.id_key].push_back(&ci);
  }
  ReportShared(by_name, {"name", "名前"}, check);
  ReportShared(by_id, {"id", "ID"}, check);
  if (check.items.empty()) {
    Conclude(check, {absl::StrCat(facts.cis.size(),
                                  " CIs in use; every name and native id is carried by one record."),
                     absl::StrCat("使用中の構成品目 ", facts.cis.size(),
                                  " 件。名前と ID はそれぞれ一つの記録だけがもつ。")});
  } else {
    Conclude(check, {absl::StrCat(facts.cis.size(),
                                  " CIs in use; each name or native id more than one carries is an item."),
                     absl::StrCat("使用中の構成品目 ", facts.cis.size(),
                                  " 件。複数の記録がもつ名前又は ID ごとに 1 件。")});
  }
  return check;
}

}  // namespace

std::vector<ScopeCheck> CheckConfiguration(const ScopeFacts& facts) {
  return {CisUnderChange(facts), CisUnique(facts)};
}

}  // namespace crosswalk::report
