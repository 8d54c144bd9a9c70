#ifndef CROSSWALK_GATEWAY_REPORT_SCOPE_RULES_H_
#define CROSSWALK_GATEWAY_REPORT_SCOPE_RULES_H_

// The scope checks: the checkable scoping rules of the seed (JIP-ITSMS112-2.1 chapter 3 and
// Appendix C), with the ids of shared/reference/seed-digest.md §5, their titles, strength and the
// seed lines each rests on (docs/reports.md "Scope checks" describes each). The checks themselves
// are in scope.cc.

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "gateway/report/record_view.h"

namespace crosswalk::report {

// Rule ids (stable: renderers, tests and saved reports name checks by them): "scope." and the
// digest's id.
inline constexpr char kScopeAllProcesses[] = "scope.SC-20";
inline constexpr char kScopeSameObjects[] = "scope.SC-22";
inline constexpr char kScopeSlaPerService[] = "scope.SC-30";
inline constexpr char kScopeServiceReview[] = "scope.SC-31";
inline constexpr char kScopeCiUnderChange[] = "scope.SC-32";
inline constexpr char kScopeCiUnique[] = "scope.SC-33";
inline constexpr char kScopeSuppliersReviewed[] = "scope.SC-36";
inline constexpr char kScopeGovernance[] = "scope.SC-40";
inline constexpr char kScopePartyType[] = "scope.SC-44";

// Outcomes of a check and of each of its items.
inline constexpr char kScopePass[] = "pass";
inline constexpr char kScopeFail[] = "fail";
// The data the rule needs is absent (the detail says which data would be needed).
inline constexpr char kScopeNotAssessable[] = "not-assessable";

// One passage of the seed (shared/seeds/001_1b9a2e7ca3217135.txt) a rule rests on.
struct SeedRef {
  std::string section;  // "Section 3.2.2", "Appendix C.4.3"
  int first_line = 0;   // inclusive range of seed lines
  int last_line = 0;
  // Words printed on one line of the range (tests check them against the seed when it is present).
  std::string quote;

  friend bool operator==(const SeedRef&, const SeedRef&) = default;
};

struct ScopeRule {
  std::string id;
  Label title;
  std::string strength;  // MUST, SHOULD or GUIDE, as the digest grades the seed's wording
  // The passages the rule rests on; the first is the rule's own, the others the digest rules it
  // also checks (SC-20 also checks SC-03 and SC-21; SC-40 also SC-41).
  std::vector<SeedRef> sources;
  std::string examines;  // what the check examines and what satisfies it
};

// Every rule, in report order.
const std::vector<ScopeRule>& ScopeRules();
// The rule `id`, or nullptr.
const ScopeRule* FindScopeRule(absl::string_view id);
// "JIP-ITSMS112-2.1 Section 3.2.2, lines 3012-3081", the passages joined by "; ".
std::string SeedSourceText(const std::vector<SeedRef>& sources);

}  // namespace crosswalk::report

#endif  // CROSSWALK_GATEWAY_REPORT_SCOPE_RULES_H_
