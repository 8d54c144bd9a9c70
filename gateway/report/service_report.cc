#include "gateway/report/service_report.h"

#include <algorithm>
#include <limits>
#include <numeric>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gateway/core/unicode.h"

namespace crosswalk::report {
namespace {

constexpr int64_t kOpen = std::numeric_limits<int64_t>::max();
const char* const kBacklogKinds[] = {"incident", "service-request", "problem"};

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

void SortUnique(RecordRefs& refs) {
  std::sort(refs.begin(), refs.end());
  refs.erase(std::unique(refs.begin(), refs.end()), refs.end());
}

// Indices into the sorted key table, ascending, no repeats.
void Remap(RecordRefs& refs, const std::vector<uint32_t>& remap) {
  for (uint32_t& ref : refs) ref = remap[ref];
  SortUnique(refs);
}

std::optional<double> Rate(size_t part, size_t whole) {
  if (whole == 0) return std::nullopt;
  return static_cast<double>(part) / static_cast<double>(whole);
}

}  // namespace

ServiceReporter::ServiceReporter(ServiceReportOptions options)
    : options_(std::move(options)), grid_(options_.periods) {}

uint32_t ServiceReporter::RefOf(const Record& record) {
  keys_.push_back(KeyOf(record));
  return static_cast<uint32_t>(keys_.size() - 1);
}

std::optional<int64_t> ServiceReporter::Place(int64_t at, uint32_t ref, ServiceAccumulator& service) {
  if (at > options_.as_of || (options_.from && at < *options_.from)) {
    service.outside_range.push_back(ref);
    return std::nullopt;
  }
  const int64_t start = grid_.StartOf(at);
  NoteEarliest(start);
  return start;
}

void ServiceReporter::NoteEarliest(int64_t start) {
  if (!earliest_ || start < *earliest_) earliest_ = start;
}

void ServiceReporter::Add(const Record& record) {
  const std::string& kind = record.kind;
  if (kind == "service") {
    AddCatalogueEntry(RecordView(record));
    return;
  }
  const bool ticket = kind == "incident" || kind == "service-request" || kind == "problem";
  if (!ticket && kind != "change") return;
  const RecordView view(record);
  const std::string name = view.Service();
  ServiceAccumulator& service = services_[MatchKey(name)];
  if (service.spelling.empty() || name < service.spelling) service.spelling = name;
  const uint32_t ref = RefOf(record);
  if (kind == "incident") AddIncident(view, ref, service);
  if (kind == "change") AddChange(view, ref, service);
  if (ticket) AddTicket(view, ref, service);
}

void ServiceReporter::AddIncident(const RecordView& view, uint32_t ref, ServiceAccumulator& service) {
  const Record& record = view.record();
  if (!record.opened) {
    service.unplaced.push_back(ref);
    return;
  }
  const std::optional<int64_t> start = Place(*record.opened, ref, service);
  if (!start) return;
  const FieldLookup priority_field = view.Canonical("priority");
  const std::string priority = priority_field.state == FieldState::kPresent  ? record.priority
                               : priority_field.state == FieldState::kUnmapped ? kUnmappedPriority
                                                                              : kNoPriority;
  priorities_seen_.insert(priority);
  PriorityAccumulator& bucket = service.periods[*start].incidents[priority];
  IncidentFigures& figures = bucket.figures;
  figures.opened.push_back(ref);
  // A known status that is not terminal means unresolved now, whatever stale resolved time the
  // record carries (a reopened incident), as in the backlog.
  const bool open_now = !record.status.empty() && !IsTerminal(record.status);
  if (!open_now && record.resolved && *record.resolved >= *record.opened) {
    const int64_t duration = Elapsed(*record.opened, *record.resolved);
    figures.resolved.push_back(ref);
    bucket.durations.push_back(duration);
    bucket.measured.emplace_back(ref, duration);
  } else if (!open_now && (record.resolved || LooksResolved(view))) {
    figures.unmeasured.push_back(ref);
  } else if (!IsWithdrawn(record.status)) {
    bucket.open_ages.emplace_back(ref, Elapsed(*record.opened, options_.as_of));
  }
  if (SlaMade(view) == false) figures.sla_not_made.push_back(ref);
}

void ServiceReporter::AddCatalogueEntry(const RecordView& view) {
  static const KeySet* const kTarget = new KeySet{"service_level_target"};
  static const KeySet* const kAliases = new KeySet{"aliases"};
  const Record& record = view.record();
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

void ServiceReporter::AddChange(const RecordView& view, uint32_t ref, ServiceAccumulator& service) {
  static const KeySet* const kCloseCode = new KeySet{"close_code"};
  const Record& record = view.record();
  const FieldLookup code = view.Attribute(*kCloseCode);
  RecordRefs ChangeFigures::*bucket = nullptr;
  if (IsWithdrawn(record.status)) {
    bucket = &ChangeFigures::not_implemented;
  } else if (code.state == FieldState::kPresent) {
    const Outcome outcome = ReadCloseCode(code.value);
    bucket = outcome == Outcome::kSuccessful     ? &ChangeFigures::successful
             : outcome == Outcome::kUnsuccessful ? &ChangeFigures::unsuccessful
                                                 : &ChangeFigures::unknown;
  } else if (record.closed || record.status == "implemented" || IsResolvedOrClosed(record.status)) {
    bucket = &ChangeFigures::unknown;
  } else {
    return;  // not concluded: no outcome yet
  }
  const std::optional<int64_t> at =
      record.closed ? record.closed : record.effective ? record.effective : record.opened;
  if (!at) {
    service.unplaced.push_back(ref);
    return;
  }
  const std::optional<int64_t> start = Place(*at, ref, service);
  if (start) (service.periods[*start].changes.*bucket).push_back(ref);
}

// Open from opened until the first of resolved and closed. A status that is known and not
// terminal means open now, whatever stale times the record carries (a reopened ticket); a terminal
// status without those times ends at the last update, or is left out of the backlog when undated.
void ServiceReporter::AddTicket(const RecordView& view, uint32_t ref, ServiceAccumulator& service) {
  const Record& record = view.record();
  if (!record.opened) {
    service.unplaced.push_back(ref);
    return;
  }
  if (*record.opened > options_.as_of) {
    service.outside_range.push_back(ref);
    return;
  }
  if (!options_.from || *record.opened >= *options_.from) NoteEarliest(grid_.StartOf(*record.opened));
  Ticket ticket{*record.opened, kOpen, ref};
  if (record.status.empty() || IsTerminal(record.status)) {
    if (record.resolved || record.closed) {
      ticket.end = std::min(record.resolved.value_or(kOpen), record.closed.value_or(kOpen));
    } else if (IsTerminal(record.status)) {
      if (!record.updated) {
        service.backlog_undated.push_back(ref);
        return;
      }
      ticket.end = *record.updated;
    }
  }
  service.tickets[record.kind].push_back(ticket);
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
                                            const std::vector<uint32_t>& remap,
                                            const DurationTable& targets) const {
  PeriodFigures out;
  out.period = period;
  out.backlog_at = std::min(period.end, options_.as_of);
  PeriodAccumulator& accumulator = service.periods[period.start];
  for (const std::string& priority : priorities) {
    PriorityAccumulator& bucket = accumulator.incidents[priority];
    IncidentFigures figures = std::move(bucket.figures);
    figures.priority = priority;
    if (const DurationRow* target = targets.Find(priority)) {
      for (const auto& [ref, duration] : bucket.measured) {
        (duration <= target->seconds ? figures.within_target : figures.over_target).push_back(ref);
      }
      for (const auto& [ref, age] : bucket.open_ages) {
        if (age > target->seconds) figures.open_past_target.push_back(ref);
      }
      figures.target_seconds = target->seconds;
      figures.within_target_rate = Rate(figures.within_target.size(), figures.resolved.size());
    }
    figures.median_resolution_seconds = Median(bucket.durations);
    if (!bucket.durations.empty()) figures.max_resolution_seconds = bucket.durations.back();
    for (RecordRefs* refs : {&figures.opened, &figures.resolved, &figures.unmeasured,
                             &figures.within_target, &figures.over_target,
                             &figures.open_past_target, &figures.sla_not_made}) {
      Remap(*refs, remap);
    }
    for (const RecordRefs* refs :
         {&figures.over_target, &figures.open_past_target, &figures.sla_not_made}) {
      figures.any_breach.insert(figures.any_breach.end(), refs->begin(), refs->end());
    }
    SortUnique(figures.any_breach);
    out.incidents.push_back(std::move(figures));
  }
  ChangeFigures changes = std::move(accumulator.changes);
  for (RecordRefs* refs :
       {&changes.successful, &changes.unsuccessful, &changes.unknown, &changes.not_implemented}) {
    Remap(*refs, remap);
  }
  changes.success_rate =
      Rate(changes.successful.size(), changes.successful.size() + changes.unsuccessful.size());
  out.changes = std::move(changes);
  for (const char* kind : kBacklogKinds) {
    BacklogFigures backlog;
    backlog.kind = kind;
    std::vector<int64_t> ages;
    for (const Ticket& ticket : service.tickets[kind]) {
      if (ticket.opened < out.backlog_at && ticket.end > out.backlog_at) {
        backlog.open.push_back(remap[ticket.ref]);
        ages.push_back(out.backlog_at - ticket.opened);
      }
    }
    std::sort(backlog.open.begin(), backlog.open.end());
    backlog.median_age_seconds = Median(ages);
    if (!ages.empty()) backlog.oldest_age_seconds = ages.back();
    out.backlog.push_back(std::move(backlog));
  }
  return out;
}

ServiceReport ServiceReporter::Finish() {
  ServiceReport report;
  report.as_of = options_.as_of;
  if (options_.calendar) report.calendar = options_.calendar->description();
  report.priorities = Priorities();
  // Sort the keys so that indices do not depend on the order records came in.
  std::vector<uint32_t> order(keys_.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](uint32_t a, uint32_t b) { return KeyLess(keys_[a], keys_[b]); });
  std::vector<uint32_t> remap(keys_.size());
  for (uint32_t i = 0; i < order.size(); ++i) {
    remap[order[i]] = i;
    report.records.push_back(std::move(keys_[order[i]]));
  }
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
    figures.targets = TargetsOf(folded);
    for (const Period& period : periods) {
      figures.periods.push_back(FinishPeriod(period, service, report.priorities, remap, figures.targets.table));
    }
    figures.unplaced = std::move(service.unplaced);
    figures.outside_range = std::move(service.outside_range);
    figures.backlog_undated = std::move(service.backlog_undated);
    for (RecordRefs* refs : {&figures.unplaced, &figures.outside_range, &figures.backlog_undated}) {
      Remap(*refs, remap);
    }
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
