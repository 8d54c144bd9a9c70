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
#include "gateway/report/duration_table.h"
#include "gateway/report/period.h"
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
};

// Reads records one at a time; keeps per contributing record its key and a few numbers (dates,
// durations, indices), never the record. Reads incidents, service requests, problems and
// changes; other kinds are ignored.
//
// Thread-compatible: one reporter per report.
class ServiceReporter {
 public:
  // REQUIRES: options.periods.length_seconds >= 0.
  explicit ServiceReporter(ServiceReportOptions options);

  // Records may come in any order; each (source, native id) once.
  // REQUIRES: Finish() has not been called.
  void Add(const Record& record);

  // The report; the same whatever order the records came in.
  // REQUIRES: called once, after the last Add().
  ServiceReport Finish();

 private:
  // A ticket's open interval for the backlog: open from `opened` until `end` (exclusive).
  struct Ticket {
    int64_t opened = 0;
    int64_t end = 0;  // INT64_MAX while open
    uint32_t ref = 0;
  };
  struct PriorityAccumulator {
    IncidentFigures figures;
    std::vector<int64_t> durations;  // resolution times of figures.resolved
    // Judged against the service's targets in Finish (the catalogue may come after the tickets):
    // (record, resolution time) of the resolved, (record, age at the report date) of the open.
    std::vector<std::pair<uint32_t, int64_t>> measured, open_ages;
  };
  struct PeriodAccumulator {
    std::map<std::string, PriorityAccumulator> incidents;  // by priority
    ChangeFigures changes;
  };
  struct ServiceAccumulator {
    std::string spelling;  // the smallest spelling seen
    std::map<int64_t, PeriodAccumulator> periods;  // by period start
    std::map<std::string, std::vector<Ticket>> tickets;  // by kind
    RecordRefs unplaced, outside_range, backlog_undated;
  };

  uint32_t RefOf(const Record& record);
  // A service catalogue entry: its targets, under its name and aliases.
  void AddCatalogueEntry(const RecordView& view);
  AppliedTargets TargetsOf(const std::string& folded) const;
  // Resolution time from `from` to `to`: elapsed, or working time with a calendar.
  int64_t Elapsed(int64_t from, int64_t to) const;
  // The period start for an event at `at`, or nullopt (and the record listed as outside) when it
  // falls outside the report.
  std::optional<int64_t> Place(int64_t at, uint32_t ref, ServiceAccumulator& service);
  // Widens the report back to the period starting at `start`.
  void NoteEarliest(int64_t start);
  void AddIncident(const RecordView& view, uint32_t ref, ServiceAccumulator& service);
  void AddChange(const RecordView& view, uint32_t ref, ServiceAccumulator& service);
  void AddTicket(const RecordView& view, uint32_t ref, ServiceAccumulator& service);
  std::vector<std::string> Priorities() const;
  PeriodFigures FinishPeriod(const Period& period, ServiceAccumulator& service,
                             const std::vector<std::string>& priorities,
                             const std::vector<uint32_t>& remap, const DurationTable& targets) const;

  ServiceReportOptions options_;
  PeriodGrid grid_;
  std::vector<RecordKey> keys_;  // in Add order; sorted in Finish
  std::map<std::string, ServiceAccumulator> services_;  // by folded name; "" is kNoService
  std::set<std::string> priorities_seen_;
  std::optional<int64_t> earliest_;  // the earliest period start of a placed event
  std::map<std::string, AppliedTargets> catalogue_;  // by folded service name or alias
};

}  // namespace crosswalk::report

#endif  // CROSSWALK_GATEWAY_REPORT_SERVICE_REPORT_H_
