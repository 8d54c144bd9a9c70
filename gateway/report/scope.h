#ifndef CROSSWALK_GATEWAY_REPORT_SCOPE_H_
#define CROSSWALK_GATEWAY_REPORT_SCOPE_H_

// Scope checks over a stream of canonical records (DESIGN.md §9): the checkable scoping rules of
// the seed's chapter 3 and Appendix C (ISO/IEC 20000-3:2012) — every process present, the same
// services managed by every process, an SLA and reviews per in-scope service, CIs under change
// management and uniquely identifiable, other parties identified, reviewed and governed. The rules
// are in scope_rules.h; docs/reports.md "Scope checks" describes each and every decision.
//
// Services are in scope when their in-scope flag says so (the service-catalogue preset's
// `in_scope`); other parties come from the supplier register (the suppliers preset) and the
// catalogue's `operated_by`.

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "gateway/core/record.h"
#include "gateway/normalize/rule_set.h"
#include "gateway/report/duration_table.h"
#include "gateway/report/record_view.h"
#include "gateway/report/scope_facts.h"
#include "gateway/report/scope_processes.h"
#include "gateway/report/scope_rules.h"

namespace crosswalk::report {

// The kinds whose records SC-22 expects to name each in-scope service: the continuous operation
// of a service (incidents, requests, problems, changes, releases, CIs). Suppliers, complaints,
// risks and controls are left out: a service may rightly have none of its own.
std::vector<std::string> DefaultServiceProcessKinds();

struct ScopeOptions {
  // The report date, Unix seconds UTC. Injected by the caller: the checker never reads the clock.
  int64_t as_of = 0;
  ScopeEdition edition = ScopeEdition::k2018;
  // The processes of `edition` with the kinds that evidence them (ScopeProcesses()).
  std::vector<ScopeProcess> processes;
  // Review intervals (mappings/reports/cadence.csv): the rows `service` (SC-31) and `supplier`
  // (SC-36). Without the row the check is not assessable.
  DurationTable cadence;
  std::vector<std::string> service_process_kinds = DefaultServiceProcessKinds();
};

// The options for the target `catalog` (iso20000-1:2018 or iso20000-1:2011, or a JIS id), with
// the processes evidenced by `kinds` (RuleSet::kinds()). INVALID_ARGUMENT for another catalog.
absl::StatusOr<ScopeOptions> MakeScopeOptions(absl::string_view catalog, const std::vector<KindInfo>& kinds,
                                              int64_t as_of, DurationTable cadence);

// One thing a check judged: a process, a service and process, a service, a CI, a party.
struct ScopeItem {
  std::string subject;   // a stable key: "8.6.1", "SVC-001 8.6.1", "SUP-002", "name web-01"
  Label title;           // what it is, for people: "Customer Portal: Incident management"
  std::string outcome;   // kScopePass, kScopeFail, kScopeNotAssessable
  Label detail;          // why, and for not-assessable which data would be needed
  int64_t evidence = 0;  // records that satisfy the item, where the rule counts them
  // The records the item is about (the service, the supplier and the services it serves, the
  // CIs that share a name), in key order; empty for a process as a whole. Evidence records are
  // counted, not listed.
  std::vector<RecordKey> records;

  friend bool operator==(const ScopeItem&, const ScopeItem&) = default;
};

struct ScopeCheck {
  std::string rule_id;  // scope_rules.h
  Label title;
  std::string strength;          // MUST, SHOULD, GUIDE
  std::vector<SeedRef> sources;  // the seed passages, verified against the seed's lines
  std::string source;            // SeedSourceText(sources)
  // kScopeFail when any item fails; else kScopeNotAssessable when any item (or the check as a
  // whole) cannot be assessed; else kScopePass.
  std::string outcome;
  Label detail;  // a summary: counts per outcome, and context
  std::vector<ScopeItem> items;

  friend bool operator==(const ScopeCheck&, const ScopeCheck&) = default;
};

// Reads records one at a time, keeps the facts of scope_facts.h and judges every rule in
// Finish(). Thread-compatible: one checker per report.
class ScopeChecker {
 public:
  explicit ScopeChecker(ScopeOptions options);

  // Records may come in any order; each (source, native id) once.
  // REQUIRES: Finish() has not been called.
  void Add(const Record& record);

  // One check per rule, in ScopeRules() order, items in subject order: the same whatever order
  // the records came in.
  // REQUIRES: called once, after the last Add().
  std::vector<ScopeCheck> Finish();

 private:
  ScopeOptions options_;
  ScopeFacts facts_;
};

}  // namespace crosswalk::report

#endif  // CROSSWALK_GATEWAY_REPORT_SCOPE_H_
