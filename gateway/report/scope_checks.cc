#include "gateway/report/scope_checks.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "gateway/core/time_text.h"
#include "gateway/core/unicode.h"

namespace crosswalk::report {

std::vector<const ServiceFact*> InScopeServices(const ScopeFacts& facts) {
  std::vector<const ServiceFact*> out;
  for (const ServiceFact& service : facts.services) {
    if (service.in_scope.value_or(false) && service.in_use) out.push_back(&service);
  }
  std::sort(out.begin(), out.end(), [](const ServiceFact* a, const ServiceFact* b) {
    const std::string fa = MatchKey(a->name), fb = MatchKey(b->name);
    if (fa != fb) return fa < fb;
    return KeyLess(a->key, b->key);
  });
  return out;
}

ScopeCheck NewCheck(const char* rule_id) {
  const ScopeRule* rule = FindScopeRule(rule_id);
  ScopeCheck check;
  check.rule_id = rule_id;
  if (rule != nullptr) {
    check.title = rule->title;
    check.strength = rule->strength;
    check.sources = rule->sources;
    check.source = SeedSourceText(rule->sources);
  }
  return check;
}

void Conclude(ScopeCheck& check, const Label& context) {
  std::sort(check.items.begin(), check.items.end(),
            [](const ScopeItem& a, const ScopeItem& b) { return a.subject < b.subject; });
  int passed = 0, failed = 0, unknown = 0;
  for (const ScopeItem& item : check.items) {
    passed += item.outcome == kScopePass;
    failed += item.outcome == kScopeFail;
    unknown += item.outcome == kScopeNotAssessable;
  }
  if (check.outcome.empty()) {
    check.outcome = failed > 0 ? kScopeFail : unknown > 0 ? kScopeNotAssessable : kScopePass;
  }
  check.detail = context;
  if (check.items.empty()) return;
  absl::StrAppend(&check.detail.en, context.en.empty() ? "" : " ", check.items.size(), " checked: ", passed,
                  " pass, ", failed, " fail, ", unknown, " not assessable.");
  absl::StrAppend(&check.detail.ja, check.items.size(), " 件を確認：合格 ", passed, "、不合格 ", failed,
                  "、判定不能 ", unknown, "。");
}

void NotAssessable(ScopeCheck& check, const Label& needed) {
  check.outcome = kScopeNotAssessable;
  Conclude(check, needed);
}

bool HaveInScope(ScopeCheck& check, const ScopeFacts& facts,
                 const std::vector<const ServiceFact*>& in_scope) {
  if (!in_scope.empty()) return true;
  int64_t unflagged = 0;
  for (const ServiceFact& service : facts.services) unflagged += !service.in_scope.has_value();
  NotAssessable(check, {absl::StrCat("No service in use is flagged in scope (", facts.services.size(),
                                     " service records, ", unflagged,
                                     " without a readable in-scope flag): a service catalogue with an "
                                     "in-scope column is needed."),
                        absl::StrCat("適用範囲内と示されたサービスがない（サービスの記録 ",
                                     facts.services.size(), " 件、うち適用範囲の表示が読めないもの ",
                                     unflagged, " 件）。適用範囲の列をもつサービスカタログが必要。")});
  return false;
}

ScopeItem ReviewItem(std::string subject, Label title, std::optional<int64_t> reviewed,
                     const DurationRow* cadence, int64_t as_of, std::vector<RecordKey> records) {
  ScopeItem item{std::move(subject), std::move(title), kScopePass, {}, 0, SortedKeys(std::move(records))};
  if (!reviewed) {
    item.outcome = kScopeFail;
    item.detail = {"No review date is recorded.", "レビュー日の記録がない。"};
    return item;
  }
  const std::string date = FormatDate(*reviewed);
  if (cadence == nullptr) {
    item.outcome = kScopeNotAssessable;
    item.detail = {absl::StrCat("Last reviewed ", date, "; no review interval to judge it by."),
                   absl::StrCat("最終レビュー ", date, "。判定に使うレビュー間隔がない。")};
    return item;
  }
  const int64_t age_days = (as_of - *reviewed) / 86400;
  item.evidence = 1;
  if (as_of - *reviewed > cadence->seconds) {
    item.outcome = kScopeFail;
    item.evidence = 0;
  }
  item.detail = {absl::StrCat("Last reviewed ", date, ", ", age_days,
                              " days before the report date (interval ", cadence->amount, " days)."),
                 absl::StrCat("最終レビュー ", date, "（報告日の ", age_days, " 日前、間隔 ", cadence->amount,
                              " 日）。")};
  return item;
}

bool Intersects(const std::vector<std::string>& names, const std::set<std::string>& set) {
  return std::any_of(names.begin(), names.end(),
                     [&](const std::string& name) { return set.count(name) > 0; });
}

std::vector<RecordKey> SortedKeys(std::vector<RecordKey> keys) {
  std::sort(keys.begin(), keys.end(), KeyLess);
  keys.erase(
      std::unique(keys.begin(), keys.end(),
                  [](const RecordKey& a, const RecordKey& b) { return !KeyLess(a, b) && !KeyLess(b, a); }),
      keys.end());
  return keys;
}

}  // namespace crosswalk::report
