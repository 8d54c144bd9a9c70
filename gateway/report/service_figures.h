#ifndef CROSSWALK_GATEWAY_REPORT_SERVICE_FIGURES_H_
#define CROSSWALK_GATEWAY_REPORT_SERVICE_FIGURES_H_

// The service report (ISO/IEC 20000-1:2018 9.4) as plain data, for the table, CSV, JSON and HTML
// renderers in English and Japanese. Every figure keeps the records it was computed from
// (RecordRefs); ServiceFigureDefinitions() gives each figure's id, titles and basis.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"
#include "gateway/report/period.h"
#include "gateway/report/record_view.h"
#include "gateway/report/service_targets.h"

namespace crosswalk::report {

// The records behind one figure: how many there are (complete) and the first of them in key order,
// at most ServiceReportOptions::max_listed, as indices into ServiceReport::records (ascending, no
// repeats). Iterating visits the listed ones.
class RecordRefs {
 public:
  RecordRefs() = default;
  RecordRefs(size_t count, std::vector<uint32_t> listed) : count_(count), listed_(std::move(listed)) {}

  size_t size() const { return count_; }
  bool empty() const { return count_ == 0; }
  const std::vector<uint32_t>& listed() const { return listed_; }
  std::vector<uint32_t>::const_iterator begin() const { return listed_.begin(); }
  std::vector<uint32_t>::const_iterator end() const { return listed_.end(); }

  friend bool operator==(const RecordRefs&, const RecordRefs&) = default;

 private:
  size_t count_ = 0;
  std::vector<uint32_t> listed_;
};

inline constexpr char kNoService[] = "(no service)";   // records that name no service
inline constexpr char kNoPriority[] = "(none)";        // incidents without a priority
inline constexpr char kUnmappedPriority[] = "(unmapped)";  // a priority no rule knew

// Incidents of one priority opened in one period (a cohort), with their outcome as known at the
// report date.
struct IncidentFigures {
  std::string priority;  // canonical priority, kUnmappedPriority or kNoPriority
  RecordRefs opened;     // incidents.opened: the volume
  RecordRefs resolved;   // incidents.resolved: with a resolution time (resolved − opened ≥ 0)
  RecordRefs unmeasured; // incidents.unmeasured: resolved or closed, but no resolution time
  std::optional<int64_t> median_resolution_seconds;  // over `resolved`; none when it is empty
  std::optional<int64_t> max_resolution_seconds;     // over `resolved`
  std::optional<int64_t> target_seconds;  // the priority's target; none when the table has none
  RecordRefs within_target;  // of `resolved`: resolution time ≤ target
  RecordRefs over_target;    // of `resolved`: resolution time > target
  std::optional<double> within_target_rate;  // within / resolved; none without a target or resolved
  RecordRefs open_past_target;  // unresolved at the report date and already older than the target
  RecordRefs sla_not_made;      // the source says so: made_sla false
  RecordRefs any_breach;        // over_target ∪ open_past_target ∪ sla_not_made

  friend bool operator==(const IncidentFigures&, const IncidentFigures&) = default;
};

// Changes concluded in one period (by closed time, else effective date, else opened).
struct ChangeFigures {
  RecordRefs successful;       // close code says successful (incl. "successful with issues")
  RecordRefs unsuccessful;     // close code says unsuccessful, failed, backed out, rolled back
  RecordRefs unknown;          // concluded, but no close code that says either
  RecordRefs not_implemented;  // cancelled or rejected
  // successful / (successful + unsuccessful); none when both are empty (never 0% or NaN for "no
  // changes"). Unknown outcomes are not in it and are shown beside it.
  std::optional<double> success_rate;

  friend bool operator==(const ChangeFigures&, const ChangeFigures&) = default;
};

// Records of one kind open at the period's backlog instant.
struct BacklogFigures {
  std::string kind;  // incident, service-request, problem
  RecordRefs open;
  std::optional<int64_t> oldest_age_seconds;  // over `open`; none when it is empty
  std::optional<int64_t> median_age_seconds;

  friend bool operator==(const BacklogFigures&, const BacklogFigures&) = default;
};

struct PeriodFigures {
  Period period;
  int64_t backlog_at = 0;  // min(period.end, as_of): the instant the backlog is taken
  std::vector<IncidentFigures> incidents;  // one per ServiceReport::priorities entry, in order
  ChangeFigures changes;
  std::vector<BacklogFigures> backlog;  // incident, service-request, problem

  friend bool operator==(const PeriodFigures&, const PeriodFigures&) = default;
};

struct ServiceFigures {
  std::string service;  // as the records write it (the smallest spelling of those that fold alike)
  bool no_service = false;  // the kNoService bucket
  std::vector<PeriodFigures> periods;  // every period of the report, oldest first
  RecordRefs unplaced;         // records without the date a figure needs (opened, a change's date)
  RecordRefs outside_range;    // records dated before the first period or after the report date
  RecordRefs backlog_undated;  // concluded without a resolved, closed or updated time
  AppliedTargets targets;      // the resolution targets its figures were judged against

  friend bool operator==(const ServiceFigures&, const ServiceFigures&) = default;
};

struct ServiceReport {
  int64_t as_of = 0;
  // The working-hours calendar resolution times were counted in (WorkingCalendar::description),
  // empty for elapsed time.
  std::string calendar;
  std::vector<std::string> priorities;  // canonical order, then others, kUnmappedPriority, kNoPriority
  // The records some figure lists, in key order (source, native id); figures cite them by index.
  std::vector<RecordKey> records;
  std::vector<ServiceFigures> services; // by name, kNoService last

  friend bool operator==(const ServiceReport&, const ServiceReport&) = default;
};

// One figure: its id (the field of the structs above it names), titles and basis: `source` when
// the records state it, `derived` when crosswalk computed or judged it (targets, classifications,
// statistics, backlog reconstructed from times and statuses).
struct FigureDefinition {
  std::string id;
  Label title;
  std::string basis;
  std::string note;
};
const std::vector<FigureDefinition>& ServiceFigureDefinitions();
const FigureDefinition* FindServiceFigure(absl::string_view id);

// Median of `values` (the mean of the two middle values, rounded down, for an even count); none
// for an empty list. Reorders `values` (linear time, no full sort).
template <typename T>
std::optional<int64_t> Median(std::vector<T>& values) {
  if (values.empty()) return std::nullopt;
  const auto middle = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
  std::nth_element(values.begin(), middle, values.end());
  const int64_t high = static_cast<int64_t>(*middle);
  if (values.size() % 2 == 1) return high;
  const int64_t low = static_cast<int64_t>(*std::max_element(values.begin(), middle));
  return low + (high - low) / 2;
}

}  // namespace crosswalk::report

#endif  // CROSSWALK_GATEWAY_REPORT_SERVICE_FIGURES_H_
