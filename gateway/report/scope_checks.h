#ifndef CROSSWALK_GATEWAY_REPORT_SCOPE_CHECKS_H_
#define CROSSWALK_GATEWAY_REPORT_SCOPE_CHECKS_H_

// The scope checks themselves over the facts ScopeChecker kept, one function per family of rules,
// and what they share. Internal to the report library: scope.h is the interface.

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "gateway/report/duration_table.h"
#include "gateway/report/scope.h"

namespace crosswalk::report {

// SC-20 (every process has records) and SC-22 (every process names each in-scope service).
std::vector<ScopeCheck> CheckProcesses(const ScopeFacts& facts, const ScopeOptions& options);
// SC-30 (an SLA per in-scope service) and SC-31 (each reviewed within its cadence).
std::vector<ScopeCheck> CheckServices(const ScopeFacts& facts, const ScopeOptions& options);
// SC-32 (CIs of in-scope services named by changes) and SC-33 (CI names and ids unique).
std::vector<ScopeCheck> CheckConfiguration(const ScopeFacts& facts);
// SC-36 (other parties identified and reviewed), SC-40 (their processes governed) and SC-44
// (their type known).
std::vector<ScopeCheck> CheckOtherParties(const ScopeFacts& facts, const ScopeOptions& options);

// --- shared by the checks ---

// The services flagged in scope and in use, by name, then key.
std::vector<const ServiceFact*> InScopeServices(const ScopeFacts& facts);
// A check of `rule_id` carrying the rule's title, strength and sources, with no items yet.
ScopeCheck NewCheck(const char* rule_id);
// Sorts the items by subject, sets the outcome from them (ScopeCheck::outcome) and the detail to
// `context` followed by the count of items per outcome.
void Conclude(ScopeCheck& check, const Label& context);
// Marks the check as a whole not assessable; `needed` says what is missing and what would do.
void NotAssessable(ScopeCheck& check, const Label& needed);
// True when there are in-scope services to check; otherwise marks `check` not assessable.
bool HaveInScope(ScopeCheck& check, const ScopeFacts& facts, const std::vector<const ServiceFact*>& in_scope);
// An item judging a review date against `cadence` (nullptr: not assessable) at `as_of`.
ScopeItem ReviewItem(std::string subject, Label title, std::optional<int64_t> reviewed,
                     const DurationRow* cadence, int64_t as_of, std::vector<RecordKey> records);
bool Intersects(const std::vector<std::string>& names, const std::set<std::string>& set);
// The keys in key order, without repeats.
std::vector<RecordKey> SortedKeys(std::vector<RecordKey> keys);

}  // namespace crosswalk::report

#endif  // CROSSWALK_GATEWAY_REPORT_SCOPE_CHECKS_H_
