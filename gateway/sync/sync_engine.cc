#include "gateway/sync/sync_engine.h"

#include <algorithm>
#include <functional>
#include <thread>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gateway/core/status_macros.h"
#include "gateway/sync/bad_records.h"
#include "gateway/sync/read_settings.h"

namespace crosswalk {
namespace {

// Removes `name` from the running set when a run ends, however it ends.
class RunningGuard {
 public:
  RunningGuard(std::mutex& mutex, std::condition_variable& finished, std::set<std::string>& running,
               std::string name)
      : mutex_(mutex), finished_(finished), running_(running), name_(std::move(name)) {}
  ~RunningGuard() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      running_.erase(name_);
    }
    finished_.notify_all();
  }

 private:
  std::mutex& mutex_;
  std::condition_variable& finished_;
  std::set<std::string>& running_;
  std::string name_;
};
// Runs `body` on a thread of its own. Destruction calls `cancel` (which must make `body` return
// soon: it cancels the queues the thread waits on) and joins, however the owner's scope ends.
class ScopedWorker {
 public:
  ScopedWorker(std::function<void()> body, std::function<void()> cancel)
      : cancel_(std::move(cancel)), thread_(std::move(body)) {}
  ~ScopedWorker() {
    cancel_();
    thread_.join();
  }

 private:
  std::function<void()> cancel_;
  std::thread thread_;
};

// Pulls the pages of a started connector until its last page or an error, which is passed on as
// the final item.
void ReadPages(Connector& connector, int batch_size, PageQueue& pages) {
  while (true) {
    absl::StatusOr<ConnectorPage> page = connector.Pull(batch_size);
    const bool last = !page.ok() || page->done;
    if (!pages.Push(std::move(page)) || last) break;
  }
  pages.Finish();
}

absl::Status CancelledStatus() {
  return absl::CancelledError("crosswalkd is stopping: the run resumes from its cursor at the next sync");
}

}  // namespace

absl::StatusOr<int64_t> ParseSchedule(const std::string& schedule) {
  if (schedule.empty()) return 0;
  int64_t amount = 0;
  const char unit = schedule.back();
  const int64_t scale = unit == 's' ? 1 : unit == 'm' ? 60 : unit == 'h' ? 3600 : unit == 'd' ? 86400 : 0;
  if (scale == 0 || !absl::SimpleAtoi(schedule.substr(0, schedule.size() - 1), &amount) || amount <= 0) {
    return absl::InvalidArgumentError(absl::StrCat("schedule '", schedule, "' is not an interval like 30s, 15m, 1h or 1d"));
  }
  return amount * scale;
}

SyncEngine::SyncEngine(Store* store, const ConnectorRegistry* registry, const Normalizer* normalizer,
                       ConnectorDeps deps, int batch_size)
    : store_(store), registry_(registry), normalizer_(normalizer), deps_(std::move(deps)),
      batch_size_(batch_size) {}

void SyncEngine::PreparePages(PageQueue& pages, const SourceShape& shape, bool skip,
                              BoundedQueue<PreparedPage>& prepared) {
  while (std::optional<absl::StatusOr<ConnectorPage>> page = pages.Pop()) {
    PreparedPage out;
    if (!page->ok()) {
      out.status = page->status();
      prepared.Push(std::move(out));
      break;
    }
    out.batch.reserve((*page)->records.size());
    const int64_t fetched_at = deps_.clock->NowSeconds();
    for (const RawRecord& raw : (*page)->records) {
      auto normalized = normalizer_->Normalize(raw, shape, fetched_at);
      if (!normalized.ok()) {
        if (skip) {
          out.skipped.emplace_back(normalized.status().message());
          continue;
        }
        out.status = normalized.status();
        break;
      }
      RecordToStore item;
      item.record = std::move(normalized->record);
      item.prepared = store_->Prepare(item.record);
      for (UnmappedValue& value : normalized->unmapped) item.unmapped.emplace_back(std::move(value.field), std::move(value.raw_value));
      out.batch.push_back(std::move(item));
    }
    out.notes = std::move((*page)->notes);
    out.deleted = std::move((*page)->deleted);
    out.next_cursor = std::move((*page)->next_cursor);
    out.position = (*page)->position;
    out.total = (*page)->total;
    out.done = (*page)->done;
    const bool last = !out.status.ok() || out.done;
    if (!prepared.Push(std::move(out)) || last) break;
  }
  prepared.Finish();
}

absl::Status SyncEngine::StorePass(Connector& connector, const SourceDefinition& source,
                                   const PassSettings& pass, const ProgressFn& progress,
                                   SyncRunRecord& run, int64_t& records_read,
                                   std::vector<std::string>& notes, RunBadRecords& unparsed) {
  CW_RETURN_IF_ERROR(connector.Start(pass.cursor));
  const int64_t started_nanos = deps_.clock->MonotonicNanos();  // before the reader's first page
  const SourceShape shape = connector.Shape();
  const bool skip = source.on_error == "skip";
  // Three threads: one reads pages, one normalises and encodes them, this one commits them.
  PageQueue pages(kQueuedPages);
  BoundedQueue<PreparedPage> prepared(kQueuedPages);
  ScopedWorker reader([&] { ReadPages(connector, batch_size_, pages); }, [&] { pages.Cancel(); });
  ScopedWorker preparer([&] { PreparePages(pages, shape, skip, prepared); },
                        [&] { prepared.Cancel(); pages.Cancel(); });
  std::vector<std::string> skipped;
  SyncProgress report{source.config.name, "storing"};
  bool done = false;
  int64_t unparsed_count = 0;  // records the reader reported and skipped, not in page positions
  int64_t last_total = 0, last_position = 0;
  int64_t read_this_run = 0;
  std::string committed_cursor = JoinStoredCursor(pass.settings, pass.cursor);
  while (!done) {
    std::optional<PreparedPage> page = prepared.Pop();
    if (!page) return absl::InternalError("the page preparer stopped before the last page");
    if (cancelled_) return CancelledStatus();
    CW_RETURN_IF_ERROR(page->status);
    if (pass.lease != nullptr) CW_RETURN_IF_ERROR(pass.lease->Check());
    if (pass.reread) {
      for (RecordToStore& item : page->batch) item.reread = true;
    }
    const std::string cursor = JoinStoredCursor(pass.settings, page->next_cursor);
    // A page with deletes: its records first under the cursor before it, then its deletes with its
    // own cursor, so a crash between the two reads the page again instead of losing the deletes.
    CW_ASSIGN_OR_RETURN(BatchResult stored, store_->CommitBatch(source.config.name, page->batch,
                                                                page->deleted.empty() ? cursor : committed_cursor));
    if (!page->deleted.empty()) {
      CW_ASSIGN_OR_RETURN(const DeletionResult deletion, store_->DeleteRecords(source.config.name, page->deleted, cursor));
      stored.deleted = deletion.deleted;
    }
    committed_cursor = cursor;
    // Rows the reader could not parse (reported while this page was read), then records the
    // normaliser refused: both skipped under on_error: skip.
    for (std::string& message : unparsed.Take()) {
      skipped.push_back(std::move(message));
      ++unparsed_count;
    }
    for (std::string& message : page->skipped) skipped.push_back(std::move(message));
    for (std::string& note : page->notes) notes.push_back(std::move(note));
    run.totals.created += stored.created;
    run.totals.updated += stored.updated;
    run.totals.unchanged += stored.unchanged;
    run.totals.deleted += stored.deleted;
    run.skipped = static_cast<int64_t>(skipped.size());
    report.records = records_read = page->position;
    report.total = page->total;
    ++report.pages;
    read_this_run += static_cast<int64_t>(page->batch.size() + page->skipped.size());
    const double elapsed = static_cast<double>(deps_.clock->MonotonicNanos() - started_nanos) / 1e9;
    report.rate = elapsed > 0 ? static_cast<double>(read_this_run) / elapsed : 0;
    report.eta_seconds = report.rate > 0 && page->total > 0
                             ? static_cast<int64_t>(static_cast<double>(std::max<int64_t>(page->total - page->position, 0)) / report.rate + 0.5)
                             : -1;
    report.totals = run.totals;
    report.skipped = run.skipped;
    if (progress) progress(report);
    done = page->done;
    last_total = page->total;
    last_position = page->position;
  }
  if (last_total > 0 && last_position + unparsed_count < last_total) {
    // The source said it holds more than was read: a page was missed (a short page taken for the
    // last, a time-zone shift). The cursor goes back to where this run started, so the next run
    // reads the window again; what was stored stays (re-reading it stores nothing new).
    CW_RETURN_IF_ERROR(store_->CommitBatch(source.config.name, {}, JoinStoredCursor(pass.settings, pass.cursor)).status());
    return absl::DataLossError(absl::StrCat(
        "read ", last_position + unparsed_count, " of the ", last_total,
        " records the source reported: the run is not trusted, and its cursor is set back to where it "
        "started so the next run reads them again (if this repeats, the connector misses pages: report it)"));
  }
  if (!skipped.empty()) {
    constexpr size_t kListed = 20;
    std::vector<std::string> listed(skipped.begin(), skipped.begin() + std::min(kListed, skipped.size()));
    run.message = absl::StrCat(skipped.size(), " bad rows skipped: ", absl::StrJoin(listed, "; "),
                               skipped.size() > kListed ? "; …" : "");
  }
  return absl::OkStatus();
}

absl::Status SyncEngine::Reconcile(IdLister& lister, const std::string& name, bool forced,
                                   const ProgressFn& progress, SyncRunRecord& run) {
  const ReconcilePolicy policy = lister.policy();
  if (policy.every_runs <= 0) return absl::OkStatus();
  CW_ASSIGN_OR_RETURN(const int64_t since, store_->RunsSinceReconciliation(name));
  if (!forced && since + 1 < policy.every_runs) return absl::OkStatus();
  if (progress) {
    SyncProgress report{name, "reconciling"};
    report.totals = run.totals;
    progress(report);
  }
  // The ids the source holds now; the stored ids it did not list are candidates.
  absl::flat_hash_set<std::string> listed;
  int64_t listed_count = 0;
  absl::Status listing = lister.ListIds([&](const std::string& id) -> absl::Status {
    if (cancelled_) return CancelledStatus();
    listed.insert(id);
    ++listed_count;
    return absl::OkStatus();
  });
  if (!listing.ok()) {
    return absl::Status(listing.code(), absl::StrCat("listing the source's ids to find deletes failed, nothing deleted: ",
                                                     listing.message()));
  }
  std::vector<std::string> candidates;
  constexpr int kIdPage = 1000;
  for (std::string after;;) {
    CW_ASSIGN_OR_RETURN(const std::vector<std::string> stored, store_->ListNativeIds(name, after, kIdPage));
    for (const std::string& id : stored) {
      if (!listed.contains(id)) candidates.push_back(id);
    }
    if (static_cast<int>(stored.size()) < kIdPage) break;
    after = stored.back();
  }
  listed = {};
  // Asked again by id: a record a listing skipped (offset paging under a concurrent delete) stays.
  std::vector<std::string> gone;
  for (size_t start = 0; start < candidates.size(); start += IdLister::kMaxCheckedIds) {
    if (cancelled_) return CancelledStatus();
    const std::vector<std::string> batch(
        candidates.begin() + static_cast<std::ptrdiff_t>(start),
        candidates.begin() + static_cast<std::ptrdiff_t>(std::min(candidates.size(), start + IdLister::kMaxCheckedIds)));
    auto present = lister.StillPresent(batch);
    if (!present.ok()) {
      return absl::Status(present.status().code(), absl::StrCat("checking ", candidates.size(),
          " records the source did not list failed, nothing deleted: ", present.status().message()));
    }
    const absl::flat_hash_set<std::string> still(present->begin(), present->end());
    for (const std::string& id : batch) {
      if (!still.contains(id)) gone.push_back(id);
    }
  }
  CW_ASSIGN_OR_RETURN(const SourceCounts counts, store_->Counts(name));
  if (!gone.empty() && listed_count == 0) {
    return absl::FailedPreconditionError(absl::StrCat(
        "the source lists no record at all while ", counts.records, " are stored: nothing deleted. A lost permission, ",
        "a changed filter or another URL looks like this; if the source was really emptied, remove the source ",
        "(crosswalk sources remove) instead"));
  }
  const int64_t allowed = std::max<int64_t>(kDeleteGuardFloor, counts.records * policy.max_delete_percent / 100);
  if (static_cast<int64_t>(gone.size()) > allowed) {
    std::vector<std::string> named(gone.begin(), gone.begin() + std::min<size_t>(gone.size(), 5));
    return absl::FailedPreconditionError(absl::StrCat(
        "the source no longer holds ", gone.size(), " of the ", counts.records, " stored records (",
        gone.size() * 100 / std::max<int64_t>(counts.records, 1), "%), more than max_delete_share (",
        policy.max_delete_percent, "%, at least ", kDeleteGuardFloor, " records) lets one sync delete: nothing deleted. ",
        "A lost permission, a changed filter or another URL looks like this; if the records were really deleted, "
        "raise max_delete_share for one sync. First of them: ", absl::StrJoin(named, ", ")));
  }
  if (!gone.empty()) {
    CW_ASSIGN_OR_RETURN(const DeletionResult deletion, store_->DeleteRecords(name, gone, std::nullopt));
    run.totals.deleted += deletion.deleted;
  }
  run.reconciled = true;
  return absl::OkStatus();
}

absl::StatusOr<std::optional<SyncRunRecord>> SyncEngine::Claim(const std::string& name) {
  std::unique_lock<std::mutex> lock(mutex_);
  const bool busy = running_.count(name) > 0;
  // The run waited for is the one that finishes meanwhile: it counts one more finished run.
  const int64_t before = finished_count_[name];
  finished_.wait(lock, [&] { return cancelled_ || running_.count(name) == 0; });
  if (cancelled_) return CancelledStatus();
  running_.insert(name);
  std::optional<SyncRunRecord> waited;
  auto it = finished_runs_.find(name);
  if (busy && it != finished_runs_.end() && finished_count_[name] > before) waited = it->second;
  return waited;
}

absl::StatusOr<std::unique_ptr<SourceLease>> SyncEngine::LeaseSource(const std::string& name, const ProgressFn& progress,
                                                                      std::string* waited) {
  while (true) {
    if (cancelled_) return CancelledStatus();
    CW_ASSIGN_OR_RETURN(std::unique_ptr<SourceLease> lease, store_->TryLeaseSource(name));
    if (lease != nullptr) return lease;
    if (waited->empty()) {
      *waited = absl::StrCat("waited for a sync of ", name, " by another gateway sharing the store");
      if (progress) {
        SyncProgress report{name, "waiting"};
        report.message = absl::StrCat("another gateway sharing the store syncs ", name, "; this run starts when it ends");
        progress(report);
      }
    }
    deps_.clock->SleepFor(kLeasePollNanos);
  }
}

absl::Status SyncEngine::Exclusive(const std::string& name, const std::function<absl::Status()>& body) {
  CW_RETURN_IF_ERROR(Claim(name).status());
  RunningGuard guard(mutex_, finished_, running_, name);
  std::string waited;
  CW_ASSIGN_OR_RETURN(const std::unique_ptr<SourceLease> lease, LeaseSource(name, nullptr, &waited));
  return body();
}

void SyncEngine::CancelAll() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    cancelled_ = true;
  }
  finished_.notify_all();
}

absl::StatusOr<SyncRunRecord> SyncEngine::Run(const SourceDefinition& source,
                                              const ProgressFn& progress, bool full) {
  const std::string& name = source.config.name;
  CW_ASSIGN_OR_RETURN(const std::optional<SyncRunRecord> waited, Claim(name));
  RunningGuard guard(mutex_, finished_, running_, name);

  SyncRunRecord run;
  run.source = name;
  if (waited) {
    run.waited_for = absl::StrCat("waited for a sync of ", name, " that was running (scheduled or another client's); it ",
                                  waited->outcome == "failed" ? "failed" : "stored ",
                                  waited->outcome == "failed" ? "" : absl::StrCat(waited->totals.created, " new, ", waited->totals.updated, " changed, ", waited->totals.unchanged, " unchanged"));
  }
  std::string waited_elsewhere;
  CW_ASSIGN_OR_RETURN(const std::unique_ptr<SourceLease> lease, LeaseSource(name, progress, &waited_elsewhere));
  if (!waited_elsewhere.empty()) run.waited_for = waited_elsewhere;
  run.started = deps_.clock->NowSeconds();
  // Read after the lease is held: another gateway's run may have moved it.
  CW_ASSIGN_OR_RETURN(const std::string stored_cursor, store_->GetCursor(name));
  const SettingsCursor previous = SplitStoredCursor(stored_cursor);
  const std::string settings = ReadSettingsOf(source.config);
  std::string cursor = previous.cursor;
  // A cursor stored before read settings were kept adopts the current ones without a re-read.
  if (previous.has_settings && previous.settings != settings) {
    run.reread = absl::StrCat("read settings changed: ", DescribeSettingsChange(previous.settings, settings),
                              ": every record read again");
  } else if (full && !stored_cursor.empty()) {
    run.reread = "full re-read requested: every record read again";
  }
  if (!run.reread.empty()) cursor.clear();
  // Under on_error=reject the run is all-or-nothing: a pending run (one a crash interrupted) is
  // resumed, a new one begun.
  const bool all_or_nothing = source.on_error != "skip";
  if (all_or_nothing) CW_RETURN_IF_ERROR(store_->BeginRun(name));
  RunBadRecords unparsed(source.on_error == "skip");
  ConnectorDeps deps = deps_;
  deps.bad_records = &unparsed;
  auto connector = registry_->Create(source.config, deps);
  absl::Status status = connector.status();
  int64_t records_read = 0;
  std::vector<std::string> notes;
  if (status.ok()) {
    const PassSettings pass{cursor, settings, !run.reread.empty(), lease.get()};
    status = StorePass(**connector, source, pass, progress, run, records_read, notes, unparsed);
  }
  if (all_or_nothing) {
    if (status.ok()) {
      CW_RETURN_IF_ERROR(store_->FinishRun(name));
    } else if (absl::IsInvalidArgument(status)) {
      // Bad content: undo the whole run. Any other failure (a source or store that is unavailable
      // for now) leaves it pending, and the next run resumes it from its cursor.
      CW_RETURN_IF_ERROR(store_->AbortRun(name));
      status = absl::InvalidArgumentError(absl::StrCat(status.message(), " (nothing of this run was kept)"));
      run.totals = BatchResult{};
    }
  }
  if (status.ok()) status = lease->Check();
  if (status.ok()) {
    if (IdLister* lister = (*connector)->ids()) {
      status = Reconcile(*lister, name, full || !run.reread.empty(), progress, run);
    }
  }
  if (status.ok() && !run.reread.empty()) {
    // Records a re-read no longer produces (another id column, rows gone) are kept as they were;
    // the result counts them so none is left behind unnoticed.
    CW_ASSIGN_OR_RETURN(const SourceCounts counts, store_->Counts(name));
    const int64_t left = counts.records - (run.totals.created + run.totals.updated + run.totals.unchanged);
    if (left > 0) {
      absl::StrAppend(&run.reread, "; ", left, " stored records were not read again and are kept as they were ",
                      "(sources remove ", name, ", then sync, drops them)");
    }
  }
  run.finished = deps_.clock->NowSeconds();
  run.outcome = status.ok() ? "ok" : "failed";
  if (!status.ok()) run.message = std::string(status.message());
  const int64_t stored = run.totals.created + run.totals.updated + run.totals.unchanged;
  // An unchanged source reads past its cursor and stores nothing new: that is no warning (a file
  // reports every row up to its cursor; an API's incremental run finds nothing changed since its
  // watermark). Nothing read from the start, or nothing read and nothing held, is.
  bool nothing = false;
  if (status.ok() && records_read == 0) {
    nothing = cursor.empty();
    if (!nothing) {
      CW_ASSIGN_OR_RETURN(const SourceCounts held, store_->Counts(name));
      nothing = held.records == 0;
    }
  }
  if (status.ok() && (nothing || (run.skipped > 0 && stored == 0))) {
    run.outcome = "warning";
    run.message = nothing
                      ? std::string(kNoRecordsReadMessage)
                      : absl::StrCat("no records stored: ", run.message);
  }
  CW_RETURN_IF_ERROR(store_->AddSyncRun(run));
  {
    std::lock_guard<std::mutex> lock(mutex_);
    finished_runs_[name] = run;
    ++finished_count_[name];
  }
  if (progress) {
    SyncProgress done{name, run.outcome == "ok" ? "done" : run.outcome};
    done.totals = run.totals;
    done.skipped = run.skipped;
    done.message = run.message;
    done.waited_for = run.waited_for;
    done.reread = run.reread;
    done.notes = std::move(notes);
    progress(done);
  }
  return run;
}

}  // namespace crosswalk
