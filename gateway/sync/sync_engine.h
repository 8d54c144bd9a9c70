#ifndef CROSSWALK_GATEWAY_SYNC_SYNC_ENGINE_H_
#define CROSSWALK_GATEWAY_SYNC_SYNC_ENGINE_H_

#include <atomic>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>

#include "absl/status/statusor.h"
#include "connectors/connector.h"
#include "gateway/normalize/normalizer.h"
#include "gateway/store/store.h"
#include "gateway/sync/bounded_queue.h"

namespace crosswalk {

class RunBadRecords;

// A configured source: the connector's config plus what the engine itself needs.
struct SourceDefinition {
  SourceConfig config;
  std::string schedule;          // "" (on demand only) or an interval: 30s, 15m, 1h, 1d
  std::string on_error = "reject";  // reject: a bad row rejects the run; skip: bad rows are reported
  bool adhoc = false;            // pushed by `crosswalk import`, not in the config file
  bool added = false;            // added on the running gateway (`crosswalk sources add`)
  std::string position;          // "file:line:column" of its entry in the config file; empty for imports
  std::map<std::string, std::string> key_positions;  // option key → "file:line:column" of its value
};

// Parses a schedule ("30s", "15m", "1h", "1d") into seconds; 0 for "". INVALID_ARGUMENT otherwise.
absl::StatusOr<int64_t> ParseSchedule(const std::string& schedule);

// One page as the store pass commits it, normalised and encoded off the committing thread.
struct PreparedPage {
  absl::Status status;  // a read or normalisation error: the pass ends with it
  std::vector<RecordToStore> batch;
  std::vector<std::string> skipped;  // bad rows left out (on_error: skip)
  std::vector<std::string> notes;    // ConnectorPage::notes
  std::vector<std::string> deleted;  // ConnectorPage::deleted
  std::string next_cursor;
  int64_t position = 0;
  int64_t total = 0;
  bool done = false;
};
using PageQueue = BoundedQueue<absl::StatusOr<ConnectorPage>>;

// The message of a run (and a preview) that read no record.
inline constexpr char kNoRecordsReadMessage[] =
    "no records read: the source is empty or holds only a header row (check the file, its sheet, the preset "
    "and the columns)";

// What a run reports while it goes and when it ends.
struct SyncProgress {
  std::string source;
  std::string phase;        // waiting (another gateway sharing the store syncs the source; message says so), storing, reconciling (listing the source's ids to find deletes), done, warning (done, but nothing was read or stored), failed
  int64_t records = 0;      // records read so far (from the start of the source)
  int64_t total = 0;        // records in the source when the connector knows it, else 0 (a file's: 0)
  int64_t pages = 0;        // pages committed in this run
  double rate = 0;          // records read per second in this run (monotonic clock), 0 before known
  int64_t eta_seconds = -1; // (total − records) / rate when both are known, else -1
  BatchResult totals;       // stored so far
  int64_t skipped = 0;
  std::string message;      // the error (failed), skipped rows (done), or empty
  std::string waited_for;   // at the end: SyncRunRecord::waited_for
  std::string reread;       // at the end: SyncRunRecord::reread
  std::vector<std::string> notes;  // the connector's notes (ConnectorPage::notes), in the end report
};
using ProgressFn = std::function<void(const SyncProgress&)>;

// Runs sources into the store (DESIGN.md §7).
//
// A run reads the source from the stored cursor in one pass: pages are normalised and committed
// with their cursor in one transaction each, so a crash at any instant leaves a prefix stored and
// the next run resumes after it — nothing lost, nothing twice. With on_error=reject (the default)
// a run is all-or-nothing: it is bracketed by Store::BeginRun/FinishRun, and a bad row
// (INVALID_ARGUMENT) undoes every page the run committed (Store::AbortRun), so nothing of a file
// with a bad row is kept, even across a crash in the middle; a run that fails otherwise (the source
// or the store unavailable) stays pending and is resumed. With on_error=skip, bad rows are left out
// and listed.
//
// The pass is a pipeline: one thread reads pages from the connector, one normalises and encodes
// them, and the calling thread commits them; at most kQueuedPages pages wait between two stages,
// so memory stays bounded whatever the source's size.
//
// Thread-safe. Runs of different sources proceed in parallel; a run of a source that is already
// running (a scheduled run, another client) waits for that run to end, then runs. Across gateways
// sharing one store, a run holds the store's lease on its source (Store::TryLeaseSource): a run
// whose source another gateway syncs waits for it (polling every second), then resumes from the
// cursor that gateway committed; a run whose lease is lost (checked before every commit) fails
// UNAVAILABLE and is resumed by the next run.
class SyncEngine {
 public:
  // REQUIRES: every pointer outlives the engine.
  SyncEngine(Store* store, const ConnectorRegistry* registry, const Normalizer* normalizer,
             ConnectorDeps deps, int batch_size = 2000);

  // One run of `source`. The returned record is also stored (AddSyncRun); a failed run returns OK
  // with outcome "failed" and the message, unless the store itself failed. A run that read no
  // record (an empty or header-only file), or stored none because every row was skipped, ends
  // with outcome and phase "warning" and says so: zero records is never a quiet success.
  // `full`: read the source from its start, whatever the stored cursor says (`sync --full`);
  // records the read produces again are unchanged, records it no longer produces are kept —
  // unless the connector lists its ids (Connector::ids): then, after a run that read the source
  // whole, every N-th one (reconcile_every) and after a full re-read, records the source no longer
  // holds are marked deleted (Reconcile), and a page's ConnectorPage::deleted ids are marked
  // deleted with its cursor. A reconciliation that fails or is refused fails the run (what it
  // stored stays) and is tried again on the next run.
  absl::StatusOr<SyncRunRecord> Run(const SourceDefinition& source, const ProgressFn& progress,
                                    bool full = false);

  // Runs `body` while no run of `name` runs: waits for a running one to end, and makes runs of
  // `name` that start meanwhile wait until `body` returns (Gateway::RemoveSource). CANCELLED when
  // the engine is stopping; else `body`'s status.
  absl::Status Exclusive(const std::string& name, const std::function<absl::Status()>& body);

  // Makes every run end soon with CANCELLED (checked before each page is committed, and by runs
  // waiting for a run of the same source), and every later Run() return CANCELLED at once. Runs
  // are crash-safe, so a cancelled run resumes from its cursor at the next start, as after a kill.
  void CancelAll();

 private:
  // How a pass reads: from `cursor` (the connector's), committing each page's cursor with the
  // read `settings` (read_settings.h); `reread`: the source is read again from its start because
  // the settings changed or a full read was asked for (RecordToStore::reread).
  struct PassSettings {
    std::string cursor;
    std::string settings;
    bool reread = false;
    SourceLease* lease = nullptr;  // checked before every commit
  };
  // `records_read` is the source's records consumed from its start (the last page's position);
  // `notes` collects the connector's notes.
  absl::Status StorePass(Connector& connector, const SourceDefinition& source, const PassSettings& pass,
                         const ProgressFn& progress, SyncRunRecord& run, int64_t& records_read,
                         std::vector<std::string>& notes, RunBadRecords& unparsed);

  static constexpr size_t kQueuedPages = 2;
  // A reconciliation may always delete this many records, whatever max_delete_share says.
  static constexpr int64_t kDeleteGuardFloor = 5;

  // Finds the stored records of `name` the source no longer holds and marks them deleted, when
  // the lister's policy says this run is due (every N-th successful run) or `forced` (a full
  // re-read): lists the source's ids, re-checks the stored ids it did not list by id, refuses
  // (FAILED_PRECONDITION, nothing deleted) more than max_delete_share of the stored records, and
  // deletes the rest in one transaction. Sets run.reconciled and adds to run.totals.deleted.
  absl::Status Reconcile(IdLister& lister, const std::string& name, bool forced, const ProgressFn& progress,
                         SyncRunRecord& run);

  // Takes the store's lease on `name`, waiting (polling, cancellable) while another gateway holds
  // it; says so through `progress` once and in `waited`.
  absl::StatusOr<std::unique_ptr<SourceLease>> LeaseSource(const std::string& name, const ProgressFn& progress,
                                                          std::string* waited);
  static constexpr int64_t kLeasePollNanos = 1'000'000'000;

  // Waits until no run of `name` runs, then marks it running (the caller must hold a RunningGuard
  // for it). Returns the run it waited for, if it had to wait and that run ended with a result.
  absl::StatusOr<std::optional<SyncRunRecord>> Claim(const std::string& name);

  // The store pass's middle stage: normalises and encodes the pages of `pages` into `prepared`.
  void PreparePages(PageQueue& pages, const SourceShape& shape, bool skip,
                    BoundedQueue<PreparedPage>& prepared);

  Store* store_;
  const ConnectorRegistry* registry_;
  const Normalizer* normalizer_;
  ConnectorDeps deps_;
  int batch_size_;
  std::mutex mutex_;
  std::condition_variable finished_;
  std::set<std::string> running_;
  std::map<std::string, SyncRunRecord> finished_runs_;  // the last run of each source that ended
  std::map<std::string, int64_t> finished_count_;       // runs of each source that ended
  std::atomic<bool> cancelled_{false};
};

}  // namespace crosswalk

#endif  // CROSSWALK_GATEWAY_SYNC_SYNC_ENGINE_H_
