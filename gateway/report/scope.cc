#include "gateway/report/scope.h"

#include <algorithm>

#include "gateway/report/scope_checks.h"

namespace crosswalk::report {

std::vector<std::string> DefaultServiceProcessKinds() {
  return {"incident", "service-request", "problem",    "known-error",
          "change",   "release",         "deployment", "configuration-item"};
}

absl::StatusOr<ScopeOptions> MakeScopeOptions(absl::string_view catalog, const std::vector<KindInfo>& kinds,
                                              int64_t as_of, DurationTable cadence) {
  absl::StatusOr<ScopeEdition> edition = ParseScopeEdition(catalog);
  if (!edition.ok()) return edition.status();
  ScopeOptions options;
  options.as_of = as_of;
  options.edition = *edition;
  options.processes = ScopeProcesses(*edition, kinds);
  options.cadence = std::move(cadence);
  return options;
}

ScopeChecker::ScopeChecker(ScopeOptions options)
    : options_(std::move(options)),
      facts_(std::set<std::string>(options_.service_process_kinds.begin(),
                                   options_.service_process_kinds.end())) {}

void ScopeChecker::Add(const Record& record) { facts_.Add(record); }

std::vector<ScopeCheck> ScopeChecker::Finish() {
  std::vector<ScopeCheck> checks;
  for (std::vector<ScopeCheck> family : {CheckProcesses(facts_, options_), CheckServices(facts_, options_),
                                         CheckConfiguration(facts_), CheckOtherParties(facts_, options_)}) {
    for (ScopeCheck& check : family) checks.push_back(std::move(check));
  }
  // Rule table order, whatever order the families are computed in.
  auto index = [](const ScopeCheck& check) {
    const std::vector<ScopeRule>& rules = ScopeRules();
    return std::find_if(rules.begin(), rules.end(),
                        [&](const ScopeRule& r) { return r.id == check.rule_id; }) -
           rules.begin();
  };
  std::stable_sort(checks.begin(), checks.end(),
                   [&](const ScopeCheck& a, const ScopeCheck& b) { return index(a) < index(b); });
  return checks;
}

}  // namespace crosswalk::report
