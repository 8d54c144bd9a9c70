#ifndef CROSSWALK_GATEWAY_REPORT_SERVICE_REPORT_H_
#define CROSSWALK_GATEWAY_REPORT_SERVICE_REPORT_H_

// Service reporting (ISO/IEC 20000-1:2018 9.4) over a stream of canonical records: per service and
// period, incident volume by priority, resolution time against targets, SLA breaches, change
// success rate and backlog. The result is service_figures.h; docs/reports.md describes each figure.

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "gateway/core/record.h"
#include "gateway/report/compact_times.h"
#include "gateway/report/duration_table.h"
#include "gateway/report/record_view.h"
#include "gateway/report/period.h"
#include "gateway/report/record_listing.h"
#include "gateway/report/service_figures.h"
#include "gateway/report/service_targets.h"
#include "gateway/report/working_calendar.h"

namespace crosswalk::report {

struct ServiceReportOptions {
  // The report date, Unix seconds UTC. Injected: the reporter never reads the clock. The last
  // period is the one holding it; events after it are listed as outside the report.
  int64_t as_of = 0;
  PeriodOptions periods;  // calendar months in UTC by default
  // The first period holds this instant; events before it are outside the report (a ticket opened
  // earlier still counts in the backlog while open). Default: the earliest dated event.
  std::optional<int64_t> from;
  // Priority → resolution target (mappings/reports/resolution-targets.csv): the global table. A
  // priority without a row has no target figures.
  DurationTable resolution_targets;
  // The configuration's targets by service (MatchKey of the name), used for a service whose
  // catalogue record gives none (service_targets.h); `configured_targets_file` names them.
  std::map<std::string, DurationTable> configured_targets;
  std::string configured_targets_file;
  // When set, resolution times and ages against targets count working time only.
  std::optional<WorkingCalendar> calendar;
  // How many records each figure lists (RecordRefs); its count is always complete.
  size_t max_listed = 100;
};

// Reads records one at a time. Per record it keeps only a few numbers (a resolution time, a
// ticket's open interval: compact_times.h) and, for the records figures list, the key: memory
// grows by about 12 bytes per ticket, whatever the number of figures it counts in. Reads incidents, service requests,
// problems and changes; the service catalogue (kind service) through AddCatalogueEntry.
//
// Thread-compatible: one reporter per report.
class ServiceReporter {
 public:
  // REQUIRES: options.periods.length_seconds >= 0.
  explicit ServiceReporter(ServiceReportOptions options);

  // A service catalogue entry (kind service): its resolution targets, under its name and aliases.
  // REQUIRES: called before the first Add() (a ticket is judged against its service's targets as
  // it is read).
  void AddCatalogueEntry(const Record& record);

  // Tickets and changes; other kinds (the catalogue included) are ignored. Records may come in
  // any order; each (source, native id) once.
  // REQUIRES: Finish() has not been called.
  void Add(const Record& record);

  // The report; the same whatever order the records came in.
  // REQUIRES: called once, after the last Add().
  ServiceReport Finish();

 private:
  struct PriorityAccumulator {
    ListingId opened = kNoListing, resolved = kNoListing, unmeasured = kNoListing, within_target = kNoListing,
              over_target = kNoListing, open_past_target = kNoListing, sla_not_made = kNoListing,
              any_breach = kNoListing;
    DurationList durations;  // resolution times of `resolved`
  };
  struct ChangeAccumulator {
    ListingId successful = kNoListing, unsuccessful = kNoListing, unknown = kNoListing,
              not_implemented = kNoListing;
  };
  static constexpr size_t kBacklogKindCount = 3;  // incident, service-request, problem
  struct PeriodAccumulator {
    std::map<std::string, PriorityAccumulator> incidents;  // by priority
    ChangeAccumulator changes;
    ListingId backlog[kBacklogKindCount] = {kNoListing, kNoListing, kNoListing};  // open at backlog_at
  };
  struct ServiceAccumulator {
    std::string spelling;  // the smallest spelling seen
    std::optional<AppliedTargets> targets;  // TargetsOf(its folded name), once asked
    std::map<int64_t, PeriodAccumulator> periods;  // by period start
    TicketList tickets[kBacklogKindCount];  // open intervals for the backlog
    ListingId unplaced = kNoListing, outside_range = kNoListing, backlog_undated = kNoListing;
  };

  AppliedTargets TargetsOf(const std::string& folded) const;
  const AppliedTargets& Targets(const std::string& folded, ServiceAccumulator& service) const;
  // Resolution time from `from` to `to`: elapsed, or working time with a calendar.
  int64_t Elapsed(int64_t from, int64_t to) const;
  // The period start for an event at `at`, or nullopt (and the record listed as outside) when it
  // falls outside the report.
  std::optional<int64_t> Place(int64_t at, ListingCandidate& record, ServiceAccumulator& service);
  // Widens the report back to the period starting at `start`.
  void NoteEarliest(int64_t start);
  // The period starting at `start` (a PeriodGrid::StartOf value), computed once.
  const Period& PeriodAt(int64_t start);
  void AddIncident(const RecordView& view, ListingCandidate& record, const std::string& folded,
                   ServiceAccumulator& service);
  void AddChange(const RecordView& view, ListingCandidate& record, ServiceAccumulator& service);
  void AddTicket(const RecordView& view, size_t kind, ListingCandidate& record, ServiceAccumulator& service);
  std::vector<std::string> Priorities() const;
  PeriodFigures FinishPeriod(const Period& period, ServiceAccumulator& service,
                             const std::vector<std::string>& priorities, const DurationTable& targets) const;

  ServiceReportOptions options_;
  PeriodGrid grid_;
  RecordListings listings_;
  std::map<int64_t, Period> periods_;  // PeriodAt's
  std::map<std::string, ServiceAccumulator> services_;  // by folded name; "" is kNoService
  std::set<std::string> priorities_seen_;
  std::optional<int64_t> earliest_;  // the earliest period start of a placed event
  std::map<std::string, AppliedTargets> catalogue_;  // by folded service name or alias
};

}  // namespace crosswalk::report

#endif  // CROSSWALK_GATEWAY_REPORT_SERVICE_REPORT_H_
