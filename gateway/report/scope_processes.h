#ifndef CROSSWALK_GATEWAY_REPORT_SCOPE_PROCESSES_H_
#define CROSSWALK_GATEWAY_REPORT_SCOPE_PROCESSES_H_

// The service management processes of the two ISO/IEC 20000-1 editions the scope checks target,
// the record kinds that evidence each (mappings/rules/kinds.csv), and the kinds of other party
// that may operate part of a service with the process that manages each kind.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "gateway/normalize/rule_set.h"
#include "gateway/report/record_view.h"

namespace crosswalk::report {

enum class ScopeEdition {
  k2018,  // iso20000-1:2018 (JIS Q 20000-1:2020): the processes of clause 8
  k2011,  // iso20000-1:2011 (JIS Q 20000-1:2012): the 14 processes of clauses 5 to 9 (seed Table 1-1)
};

struct ScopeProcess {
  std::string ref;  // the clause: "8.6.1", "9.2"
  Label title;
  // Kinds whose clauses of this edition (kinds.csv clauses_2018 or clauses_2011) are `ref` or
  // under it ("8.5.1.3" is under "8.5.1"), in kinds.csv order. Empty: no record kind evidences
  // the process, so records cannot show it is operated.
  std::vector<std::string> kinds;
  // Folded names a register may write for the process: its ref, its titles, and for the 2011
  // combined processes the names of their parts ("incident management" is 2011's 8.1).
  std::vector<std::string> names;
};

// The edition of a target catalog id: iso20000-1:2018 or jisq20000-1:2020, iso20000-1:2011 or
// jisq20000-1:2012, compared after NFKC case folding. INVALID_ARGUMENT names any other id.
absl::StatusOr<ScopeEdition> ParseScopeEdition(absl::string_view catalog);
// "iso20000-1:2018" or "iso20000-1:2011".
const char* EditionCatalog(ScopeEdition edition);

// Every process of `edition` in clause order, with the kinds of `kinds` (RuleSet::kinds()) that
// evidence it.
std::vector<ScopeProcess> ScopeProcesses(ScopeEdition edition, const std::vector<KindInfo>& kinds);

// The process a register names by ref, title or part name (compared after NFKC case folding),
// or nullptr.
const ScopeProcess* FindScopeProcess(const std::vector<ScopeProcess>& processes, absl::string_view name);

// Who operates part of a service besides the provider (seed Section 2.21, lines 2672-2702).
enum class PartyType { kUnknown, kExternalSupplier, kInternalGroup, kCustomer };

// Reads a register's type text: external supplier, supplier, vendor, 外部供給者, 委託先 …;
// internal group, internal supplier, 内部グループ, 社内 …; customer, client, 顧客 …
PartyType ParsePartyType(absl::string_view text);
Label PartyTypeLabel(PartyType type);

// The clause and title of the process that manages a party of `type` under `edition`: 2011 4.2
// as the seed quotes it (a supplier by supplier management 7.2, an internal group or customer by
// service level management 6.1); 2018 8.3.4.1 for external suppliers and 8.3.4.2 for internal
// suppliers and customers acting as suppliers. REQUIRES: type != kUnknown.
Label ManagingProcess(ScopeEdition edition, PartyType type);

}  // namespace crosswalk::report

#endif  // CROSSWALK_GATEWAY_REPORT_SCOPE_PROCESSES_H_
