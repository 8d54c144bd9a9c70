#ifndef CROSSWALK_GATEWAY_SYNC_SYNC_ENGINE_H_
#define CROSSWALK_GATEWAY_SYNC_SYNC_ENGINE_H_

#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>

#include "absl/status/statusor.h"
#include "connectors/connector.h"
#include "gateway/normalize/normalizer.h"
#include "gateway/store/store.h"

namespace crosswalk {

// A configured source: the connector's config plus what the engine itself needs.
struct SourceDefinition {
  SourceConfig config;
  std::string schedule;          // "" (on demand only) or an interval: 30s, 15m, 1h, 1d
  std::string on_error = "reject";  // reject: a bad row rejects the run; skip: bad rows are reported
  bool adhoc = false;            // pushed by `crosswalk import`, not in the config file
};

// Parses a schedule ("30s", "15m", "1h", "1d") into seconds; 0 for "". INVALID_ARGUMENT otherwise.
absl::StatusOr<int64_t> ParseSchedule(const std::string& schedule);

// What a run reports while it goes and when it ends.
struct SyncProgress {
  std::string source;
  std::string phase;        // checking, storing, done, failed
  int64_t records = 0;      // records read so far (from the start of the source)
  int64_t total = 0;        // records in the source when known (after checking), else 0
  BatchResult totals;       // stored so far
  int64_t skipped = 0;
  std::string message;      // the error (failed), skipped rows (done), or empty
};
using ProgressFn = std::function<void(const SyncProgress&)>;

// Runs sources into the store (DESIGN.md §7).
//
// A run reads from the stored cursor. With on_error=reject, the rows from the cursor on are first
// read and normalised without storing (phase "checking"); any bad row fails the run and nothing of
// it is stored. Then (phase "storing") pages are normalised and committed with their cursor in one
// transaction each, so a crash at any instant leaves a prefix stored and the next run resumes after
// it — nothing lost, nothing twice. With on_error=skip, bad rows are left out and listed.
//
// Thread-safe. Runs of different sources proceed in parallel; a run of a source that is already
// running (a scheduled run, another client) waits for that run to end, then runs.
class SyncEngine {
 public:
  // REQUIRES: every pointer outlives the engine.
  SyncEngine(Store* store, const ConnectorRegistry* registry, const Normalizer* normalizer,
             ConnectorDeps deps, int batch_size = 2000);

  // One run of `source`. The returned record is also stored (AddSyncRun); a failed run returns OK
  // with outcome "failed" and the message, unless the store itself failed.
  absl::StatusOr<SyncRunRecord> Run(const SourceDefinition& source, const ProgressFn& progress);

 private:
  // `total` receives the position after the last row (the source's record count).
  absl::Status Check(Connector& connector, const std::string& cursor, const ProgressFn& progress,
                     SyncProgress report, int64_t* total);
  absl::Status StorePass(Connector& connector, const SourceDefinition& source,
                         const std::string& cursor, const ProgressFn& progress, int64_t total,
                         SyncRunRecord& run);

  Store* store_;
  const ConnectorRegistry* registry_;
  const Normalizer* normalizer_;
  ConnectorDeps deps_;
  int batch_size_;
  std::mutex mutex_;
  std::condition_variable finished_;
  std::set<std::string> running_;
};

}  // namespace crosswalk

#endif  // CROSSWALK_GATEWAY_SYNC_SYNC_ENGINE_H_
