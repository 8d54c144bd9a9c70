#include "gateway/sync/sync_engine.h"

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gateway/core/status_macros.h"

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

absl::Status SyncEngine::Check(Connector& connector, const std::string& cursor,
                               const ProgressFn& progress, SyncProgress report, int64_t* total) {
  CW_RETURN_IF_ERROR(connector.Start(cursor));
  const SourceShape shape = connector.Shape();
  while (true) {
    CW_ASSIGN_OR_RETURN(ConnectorPage page, connector.Pull(batch_size_));
    for (const RawRecord& raw : page.records) {
      auto normalized = normalizer_->Normalize(raw, shape, 0, /*with_hash=*/false);
      if (!normalized.ok()) return normalized.status();
    }
    report.records = page.position;
    *total = page.position;
    if (progress) progress(report);
    if (page.done) return absl::OkStatus();
  }
}

absl::Status SyncEngine::StorePass(Connector& connector, const SourceDefinition& source,
                                   const std::string& cursor, const ProgressFn& progress,
                                   int64_t total, SyncRunRecord& run) {
  CW_RETURN_IF_ERROR(connector.Start(cursor));
  const SourceShape shape = connector.Shape();
  const bool skip = source.on_error == "skip";
  std::vector<std::string> skipped;
  SyncProgress report{source.config.name, "storing"};
  report.total = total;
  while (true) {
    CW_ASSIGN_OR_RETURN(ConnectorPage page, connector.Pull(batch_size_));
    std::vector<RecordToStore> batch;
    batch.reserve(page.records.size());
    const int64_t fetched_at = deps_.clock->NowSeconds();
    for (const RawRecord& raw : page.records) {
      auto normalized = normalizer_->Normalize(raw, shape, fetched_at);
      if (!normalized.ok()) {
        if (!skip) return normalized.status();
        skipped.emplace_back(normalized.status().message());
        continue;
      }
      RecordToStore item;
      item.record = std::move(normalized->record);
      for (UnmappedValue& value : normalized->unmapped) item.unmapped.emplace_back(std::move(value.field), std::move(value.raw_value));
      batch.push_back(std::move(item));
    }
    CW_ASSIGN_OR_RETURN(BatchResult stored, store_->CommitBatch(source.config.name, batch, page.next_cursor));
    run.totals.created += stored.created;
    run.totals.updated += stored.updated;
    run.totals.unchanged += stored.unchanged;
    run.skipped = static_cast<int64_t>(skipped.size());
    report.records = page.position;
    report.totals = run.totals;
    report.skipped = run.skipped;
    if (progress) progress(report);
    if (page.done) break;
  }
  if (!skipped.empty()) {
    constexpr size_t kListed = 20;
    std::vector<std::string> listed(skipped.begin(), skipped.begin() + std::min(kListed, skipped.size()));
    run.message = absl::StrCat(skipped.size(), " bad rows skipped: ", absl::StrJoin(listed, "; "),
                               skipped.size() > kListed ? "; …" : "");
  }
  return absl::OkStatus();
}

absl::StatusOr<SyncRunRecord> SyncEngine::Run(const SourceDefinition& source,
                                              const ProgressFn& progress) {
  const std::string& name = source.config.name;
  {
    std::unique_lock<std::mutex> lock(mutex_);
    finished_.wait(lock, [&] { return running_.count(name) == 0; });
    running_.insert(name);
  }
  RunningGuard guard(mutex_, finished_, running_, name);

  SyncRunRecord run;
  run.source = name;
  run.started = deps_.clock->NowSeconds();
  CW_ASSIGN_OR_RETURN(const std::string cursor, store_->GetCursor(name));
  // One connector for both passes, so what it learns of the source (a file's digest) is reused.
  int64_t total = 0;
  auto connector = registry_->Create(source.config, deps_);
  absl::Status status = connector.status();
  if (status.ok() && source.on_error != "skip") {
    status = Check(**connector, cursor, progress, SyncProgress{name, "checking"}, &total);
  }
  if (status.ok()) status = StorePass(**connector, source, cursor, progress, total, run);
  run.finished = deps_.clock->NowSeconds();
  run.outcome = status.ok() ? "ok" : "failed";
  if (!status.ok()) run.message = std::string(status.message());
  CW_RETURN_IF_ERROR(store_->AddSyncRun(run));
  if (progress) {
    SyncProgress done{name, status.ok() ? "done" : "failed"};
    done.total = total;
    done.totals = run.totals;
    done.skipped = run.skipped;
    done.message = run.message;
    progress(done);
  }
  return run;
}

}  // namespace crosswalk
