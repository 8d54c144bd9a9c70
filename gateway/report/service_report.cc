#include "gateway/report/service_report.h"

#include <algorithm>
#include <limits>
#include <iterator>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gateway/core/unicode.h"

namespace crosswalk::report {
namespace {

constexpr int64_t kOpen = std::numeric_limits<int64_t>::max();
const char* const kBacklogKinds[] = {"incident", "service-request", "problem"};

// The index of `kind` in kBacklogKinds, or nullopt.
std::optional<size_t> BacklogKind(const std::string& kind) {
  for (size_t i = 0; i < std::size(kBacklogKinds); ++i) {
    if (kind == kBacklogKinds[i]) return i;
  }
  return std::nullopt;
}

enum class Outcome { kSuccessful, kUnsuccessful, kUnknown };

// A change's close code read as an outcome. Failure words are tried first ("unsuccessful"
// contains "successful").
Outcome ReadCloseCode(absl::string_view code) {
  const std::string folded = MatchKey(code);
  for (absl::string_view word : {"unsuccessful", "fail", "backed out", "back out", "backout",
                                 "backed-out", "rolled back", "roll back", "rollback", "revert",
                                 "失敗", "切り戻", "切戻", "不成功"}) {
    if (absl::StrContains(folded, word)) return Outcome::kUnsuccessful;
  }
  for (absl::string_view word : {"success", "成功", "正常"}) {
    if (absl::StrContains(folded, word)) return Outcome::kSuccessful;
  }
  return Outcome::kUnknown;
}

std::optional<double> Rate(size_t part, size_t whole) {
  if (whole == 0) return std::nullopt;
  return static_cast<double>(part) / static_cast<double>(whole);
}

}  // namespace

ServiceReporter::ServiceReporter(ServiceReportOptions options)
    : options_(std::move(options)), grid_(options_.periods), listings_(options_.max_listed) {}

std::optional<int64_t> ServiceReporter::Place(int64_t at, ListingCandidate& record, ServiceAccumulator& service) {
  if (at > options_.as_of || (options_.from && at < *options_.from)) {
    listings_.Offer(&service.outside_range, record);
    return std::nullopt;
  }
  const int64_t start = grid_.StartOf(at);
  NoteEarliest(start);
  return start;
}

void ServiceReporter::NoteEarliest(int64_t start) {
  if (!earliest_ || start < *earliest_) earliest_ = start;
}

const Period& ServiceReporter::PeriodAt(int64_t start) {
  auto it = periods_.find(start);
  if (it == periods_.end()) it = periods_.emplace(start, grid_.At(start)).first;
  return it->second;
}

const AppliedTargets& ServiceReporter::Targets(const std::string& folded, ServiceAccumulator& service) const {
  if (!service.targets) service.targets = TargetsOf(folded);
  return *service.targets;
}

void ServiceReporter::Add(const Record& record) {
  const std::string& kind = record.kind;
  const std::optional<size_t> ticket = BacklogKind(kind);
  if (!ticket && kind != "change") return;
  const RecordView view(record);
  const std::string name = view.Service();
  std::string folded = MatchKey(name);
  ServiceAccumulator& service = services_[folded];
  if (service.spelling.empty() || name < service.spelling) service.spelling = name;
  ListingCandidate candidate(record);
  if (kind == "incident") AddIncident(view, candidate, folded, service);
  if (kind == "change") AddChange(view, candidate, service);
  if (ticket) AddTicket(view, *ticket, candidate, service);
}

void ServiceReporter::AddIncident(const RecordView& view, ListingCandidate& candidate, const std::string& folded,
                                  ServiceAccumulator& service) {
  const Record& record = view.record();
  if (!record.opened) {
    listings_.Offer(&service.unplaced, candidate);
    return;
  }
  const std::optional<int64_t> start = Place(*record.opened, candidate, service);
  if (!start) return;
  const FieldLookup priority_field = view.Canonical("priority");
  const std::string priority = priority_field.state == FieldState::kPresent  ? record.priority
                               : priority_field.state == FieldState::kUnmapped ? kUnmappedPriority
                                                                              : kNoPriority;
  priorities_seen_.insert(priority);
  PriorityAccumulator& bucket = service.periods[*start].incidents[priority];
  listings_.Offer(&bucket.opened, candidate);
  const DurationRow* target = Targets(folded, service).table.Find(priority);
  bool breach = false;
  // A known status that is not terminal means unresolved now, whatever stale resolved time the
  // record carries (a reopened incident), as in the backlog.
  const bool open_now = !record.status.empty() && !IsTerminal(record.status);
  if (!open_now && record.resolved && *record.resolved >= *record.opened) {
    const int64_t duration = Elapsed(*record.opened, *record.resolved);
    listings_.Offer(&bucket.resolved, candidate);
    bucket.durations.Add(duration);
    if (target != nullptr) {
      breach = duration > target->seconds;
      listings_.Offer(breach ? &bucket.over_target : &bucket.within_target, candidate);
    }
  } else if (!open_now && (record.resolved || LooksResolved(view))) {
    listings_.Offer(&bucket.unmeasured, candidate);
  } else if (!IsWithdrawn(record.status) && target != nullptr &&
             Elapsed(*record.opened, options_.as_of) > target->seconds) {
    listings_.Offer(&bucket.open_past_target, candidate);
    breach = true;
  }
  if (SlaMade(view) == false) {
    listings_.Offer(&bucket.sla_not_made, candidate);
    breach = true;
  }
  if (breach) listings_.Offer(&bucket.any_breach, candidate);
}

void ServiceReporter::AddCatalogueEntry(const Record& record) {
  static const KeySet* const kTarget = new KeySet{"service_level_target"};
  static const KeySet* const kAliases = new KeySet{"aliases"};
  if (record.kind != "service") return;
  const RecordView view(record);
  const FieldLookup target = view.Attribute(*kTarget);
  if (record.title.empty() || target.state != FieldState::kPresent) return;
  AppliedTargets applied;
  const RecordKey key = KeyOf(record);
  applied.detail = absl::StrCat(key.source, "/", key.native_id);
  auto table = ParseTargetText(target.value);
  if (table.ok()) {
    applied.origin = TargetOrigin::kCatalogue;
    applied.table = std::move(*table);
  } else {
    applied.problem = absl::StrCat(applied.detail, ": ", table.status().message());
  }
  std::vector<std::string> names = {record.title};
  const FieldLookup aliases = view.Attribute(*kAliases);
  if (aliases.state == FieldState::kPresent) {
    for (absl::string_view alias : absl::StrSplit(aliases.value, absl::ByAnyChar(";,、"), absl::SkipWhitespace())) {
      names.emplace_back(alias);
    }
  }
  for (const std::string& name : names) catalogue_.emplace(MatchKey(name), applied);
}

AppliedTargets ServiceReporter::TargetsOf(const std::string& folded) const {
  AppliedTargets out;
  auto catalogued = catalogue_.find(folded);
  if (catalogued != catalogue_.end()) {
    if (catalogued->second.origin == TargetOrigin::kCatalogue) return catalogued->second;
    out.problem = catalogued->second.problem;  // unreadable: said, and the next source used
  }
  auto configured = options_.configured_targets.find(folded);
  if (configured != options_.configured_targets.end()) {
    out.origin = TargetOrigin::kConfig;
    out.detail = options_.configured_targets_file;
    out.table = configured->second;
    return out;
  }
  out.origin = TargetOrigin::kGlobal;
  out.detail = options_.resolution_targets.path;
  out.table = options_.resolution_targets;
  return out;
}

int64_t ServiceReporter::Elapsed(int64_t from, int64_t to) const {
  return options_.calendar ? options_.calendar->WorkingSeconds(from, to) : to - from;
}

void ServiceReporter::AddChange(const RecordView& view, ListingCandidate& candidate, ServiceAccumulator& service) {
  static const KeySet* const kCloseCode = new KeySet{"close_code"};
  const Record& record = view.record();
  const FieldLookup code = view.Attribute(*kCloseCode);
  ListingId ChangeAccumulator::*bucket = nullptr;
  if (IsWithdrawn(record.status)) {
    bucket = &ChangeAccumulator::not_implemented;
  } else if (code.state == FieldState::kPresent) {
    const Outcome outcome = ReadCloseCode(code.value);
    bucket = outcome == Outcome::kSuccessful     ? &ChangeAccumulator::successful
             : outcome == Outcome::kUnsuccessful ? &ChangeAccumulator::unsuccessful
                                                 : &ChangeAccumulator::unknown;
  } else if (record.closed || record.status == "implemented" || IsResolvedOrClosed(record.status)) {
    bucket = &ChangeAccumulator::unknown;
  } else {
    return;  // not concluded: no outcome yet
  }
  const std::optional<int64_t> at =
      record.closed ? record.closed : record.effective ? record.effective : record.opened;
  if (!at) {
    listings_.Offer(&service.unplaced, candidate);
    return;
  }
  const std::optional<int64_t> start = Place(*at, candidate, service);
  if (start) listings_.Offer(&(service.periods[*start].changes.*bucket), candidate);
}

// Open from opened until the first of resolved and closed. A status that is known and not
// terminal means open now, whatever stale times the record carries (a reopened ticket); a terminal
// status without those times ends at the last update, or is left out of the backlog when undated.
// The ticket is listed at once under every backlog instant it is open at; FinishPeriod counts and
// ages them from the intervals kept.
void ServiceReporter::AddTicket(const RecordView& view, size_t kind, ListingCandidate& candidate,
                                ServiceAccumulator& service) {
  const Record& record = view.record();
  if (!record.opened) {
    listings_.Offer(&service.unplaced, candidate);
    return;
  }
  if (*record.opened > options_.as_of) {
    listings_.Offer(&service.outside_range, candidate);
    return;
  }
  if (!options_.from || *record.opened >= *options_.from) NoteEarliest(grid_.StartOf(*record.opened));
  const int64_t opened = *record.opened;
  int64_t end = kOpen;
  if (record.status.empty() || IsTerminal(record.status)) {
    if (record.resolved || record.closed) {
      end = std::min(record.resolved.value_or(kOpen), record.closed.value_or(kOpen));
    } else if (IsTerminal(record.status)) {
      if (!record.updated) {
        listings_.Offer(&service.backlog_undated, candidate);
        return;
      }
      end = *record.updated;
    }
  }
  service.tickets[kind].Add(opened, end, options_.as_of);
  // The report's periods run from the one holding `from` (else the earliest event's, never later
  // than this ticket's) to the one holding as_of; the instants only grow, so the walk stops at
  // the first one the ticket is no longer open at.
  int64_t start = grid_.StartOf(opened);
  if (options_.from) start = std::max(start, grid_.StartOf(*options_.from));
  while (start <= options_.as_of) {
    const Period& period = PeriodAt(start);
    const int64_t at = std::min(period.end, options_.as_of);
    if (end <= at) break;
    if (opened < at) listings_.Offer(&service.periods[start].backlog[kind], candidate);
    start = period.end;
  }
}

std::vector<std::string> ServiceReporter::Priorities() const {
  std::set<std::string> all = priorities_seen_;
  for (const DurationRow& row : options_.resolution_targets.rows) all.insert(row.key);
  const std::vector<std::string> canonical = {"critical", "high", "moderate", "low", "planning"};
  auto rank = [&](const std::string& p) -> size_t {
    if (p == kNoPriority) return canonical.size() + 2;
    if (p == kUnmappedPriority) return canonical.size() + 1;
    const auto it = std::find(canonical.begin(), canonical.end(), p);
    return it == canonical.end() ? canonical.size() : static_cast<size_t>(it - canonical.begin());
  };
  std::vector<std::string> out(all.begin(), all.end());
  std::stable_sort(out.begin(), out.end(),
                   [&](const std::string& a, const std::string& b) { return rank(a) < rank(b); });
  return out;
}

PeriodFigures ServiceReporter::FinishPeriod(const Period& period, ServiceAccumulator& service,
                                            const std::vector<std::string>& priorities,
                                            const DurationTable& targets) const {
  PeriodFigures out;
  out.period = period;
  out.backlog_at = std::min(period.end, options_.as_of);
  PeriodAccumulator& accumulator = service.periods[period.start];
  for (const std::string& priority : priorities) {
    PriorityAccumulator& bucket = accumulator.incidents[priority];
    IncidentFigures figures;
    figures.priority = priority;
    figures.opened = listings_.Refs(bucket.opened);
    figures.resolved = listings_.Refs(bucket.resolved);
    figures.unmeasured = listings_.Refs(bucket.unmeasured);
    figures.within_target = listings_.Refs(bucket.within_target);
    figures.over_target = listings_.Refs(bucket.over_target);
    figures.open_past_target = listings_.Refs(bucket.open_past_target);
    figures.sla_not_made = listings_.Refs(bucket.sla_not_made);
    figures.any_breach = listings_.Refs(bucket.any_breach);
    if (const DurationRow* target = targets.Find(priority)) {
      figures.target_seconds = target->seconds;
      figures.within_target_rate = Rate(figures.within_target.size(), figures.resolved.size());
    }
    figures.max_resolution_seconds = bucket.durations.Max();
    figures.median_resolution_seconds = bucket.durations.Median();
    out.incidents.push_back(std::move(figures));
  }
  const ChangeAccumulator& changes = accumulator.changes;
  out.changes.successful = listings_.Refs(changes.successful);
  out.changes.unsuccessful = listings_.Refs(changes.unsuccessful);
  out.changes.unknown = listings_.Refs(changes.unknown);
  out.changes.not_implemented = listings_.Refs(changes.not_implemented);
  out.changes.success_rate = Rate(out.changes.successful.size(),
                                  out.changes.successful.size() + out.changes.unsuccessful.size());
  for (size_t kind = 0; kind < kBacklogKindCount; ++kind) {
    BacklogFigures backlog;
    backlog.kind = kBacklogKinds[kind];
    const TicketList::Ages ages = service.tickets[kind].At(out.backlog_at, options_.as_of);
    backlog.open = listings_.Refs(accumulator.backlog[kind]);
    backlog.median_age_seconds = ages.median;
    backlog.oldest_age_seconds = ages.oldest;
    out.backlog.push_back(std::move(backlog));
  }
  return out;
}

ServiceReport ServiceReporter::Finish() {
  ServiceReport report;
  report.as_of = options_.as_of;
  if (options_.calendar) report.calendar = options_.calendar->description();
  report.priorities = Priorities();
  report.records = listings_.Seal();
  std::vector<Period> periods;
  const std::optional<int64_t> first =
      options_.from ? std::optional<int64_t>(grid_.StartOf(*options_.from)) : earliest_;
  if (first) {
    for (int64_t start = *first; start <= options_.as_of; start = periods.back().end) {
      periods.push_back(grid_.At(start));
    }
  }
  for (auto& [folded, service] : services_) {
    ServiceFigures figures;
    figures.no_service = folded.empty();
    figures.service = figures.no_service ? kNoService : service.spelling;
    figures.targets = Targets(folded, service);
    for (const Period& period : periods) {
      figures.periods.push_back(FinishPeriod(period, service, report.priorities, figures.targets.table));
    }
    figures.unplaced = listings_.Refs(service.unplaced);
    figures.outside_range = listings_.Refs(service.outside_range);
    figures.backlog_undated = listings_.Refs(service.backlog_undated);
    report.services.push_back(std::move(figures));
  }
  std::stable_sort(report.services.begin(), report.services.end(),
                   [](const ServiceFigures& a, const ServiceFigures& b) {
                     if (a.no_service != b.no_service) return b.no_service;
                     return a.service < b.service;
                   });
  return report;
}

}  // namespace crosswalk::report
