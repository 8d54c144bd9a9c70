#ifndef CROSSWALK_GATEWAY_STORE_STORE_H_
#define CROSSWALK_GATEWAY_STORE_STORE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "gateway/core/record.h"

namespace crosswalk {

// A record as stored: its key, current version and when that version was stored.
struct StoredRecord {
  int64_t id = 0;
  int version = 0;
  int64_t stored_at = 0;
  // When the record was found deleted in its source (Unix seconds), else 0. A deleted record is
  // kept with its versions (History) but left out of listings, counts and reports; GetRecord
  // still returns it, with this set. It comes back as a new version if the source has it again.
  int64_t deleted_at = 0;
  Record record;
};

// What a store works out for a record before committing it (the SQLite store: its encoded body),
// made by Store::Prepare off the store's lock; opaque to every caller.
class PreparedRecord {
 public:
  virtual ~PreparedRecord() = default;
};

// One record of a batch to commit, with the values no rule knew.
struct RecordToStore {
  Record record;
  // Store::Prepare(record) of the store the batch goes to, when the caller made it, so that work
  // runs off the store's lock and in parallel with a commit; null: the store does it itself.
  std::shared_ptr<const PreparedRecord> prepared;
  std::vector<std::pair<std::string, std::string>> unmapped;  // field, raw value
  // Read again with other read settings (or a full re-read): the raw content hash may be the
  // stored one while the normalised record differs (another kind, zone or catalog). Then the record
  // is compared as normalised (its body, fetched_at aside) and a new version stored when it differs.
  bool reread = false;
};

struct BatchResult {
  int64_t created = 0;
  int64_t updated = 0;    // a new version: the content hash changed
  int64_t unchanged = 0;  // same content hash: nothing written but the cursor
  int64_t deleted = 0;    // marked deleted (DeleteRecords)
};

// What DeleteRecords did.
struct DeletionResult {
  int64_t deleted = 0;  // live records marked deleted
  int64_t absent = 0;   // ids not stored, or already deleted: nothing written
};

// Which records to list. Empty fields do not filter. `kinds` and `link_targets` together form
// one condition: the record's kind is one of `kinds` OR it links to one of `link_targets`
// (used for "evidence of clause X", which the caller resolves through the crosswalks).
struct RecordFilter {
  std::string kind;
  std::string source;
  std::optional<int64_t> effective_from, effective_to;  // Unix seconds, inclusive
  bool clause_filter = false;
  std::vector<std::string> kinds;
  std::vector<std::string> link_targets;
  int page_size = 100;
  std::string page_token;  // from the previous page; empty for the first
  // A page's byte budget: when `size_of` is set, the page ends before the record whose size would
  // take the sum past `max_bytes` (never before the first record), and next_page_token continues
  // with that record.
  std::function<size_t(const StoredRecord&)> size_of;
  size_t max_bytes = 0;
};

struct RecordPage {
  std::vector<StoredRecord> records;
  std::string next_page_token;  // empty on the last page
};

struct UnmappedCount {
  std::string source;
  std::string field;
  std::string raw_value;
  int64_t count = 0;
  std::string example_native_id;
};

// Which unmapped values to list, a page at a time (in ListUnmapped's order). A page token is an
// offset into that order: a sync between two pages may shift the counts under it.
struct UnmappedFilter {
  std::string source;  // empty: all sources
  int page_size = 100;
  std::string page_token;  // from the previous page; empty for the first
  // A page's byte budget, as in RecordFilter.
  std::function<size_t(const UnmappedCount&)> size_of;
  size_t max_bytes = 0;
};

struct UnmappedPage {
  std::vector<UnmappedCount> values;
  std::string next_page_token;  // empty on the last page
};

struct SourceCounts {
  int64_t records = 0;   // live records (deleted ones not counted)
  int64_t versions = 0;  // sum of current version numbers: 1 per record plus 1 per change
  int64_t deleted = 0;   // records kept as deleted in their source
};

// What Store::RemoveSource took away (or, with keep_records, set aside).
struct SourceRemoval {
  int64_t records = 0;   // current records removed, or kept under `kept_as`
  int64_t versions = 0;  // earlier versions removed with them (kept with them under `kept_as`)
  std::string kept_as;   // with keep_records: the source name the records now carry; else empty
  bool existed = false;  // the store held anything of the source (records, cursor or runs)
};

// The source name records kept by RemoveSource(source, keep_records=true) are moved to.
inline std::string KeptSourceName(const std::string& source) { return "removed:" + source; }

struct SyncRunRecord {
  std::string source;
  int64_t started = 0;
  int64_t finished = 0;
  std::string outcome;  // ok, warning (nothing read or stored from the source), failed
  BatchResult totals;
  int64_t skipped = 0;
  std::string message;
  // The run listed the source's ids and compared them with the store (whether or not it deleted
  // anything); RunsSinceReconciliation counts from the last such run.
  bool reconciled = false;
  // Not stored: when this run first waited for a run of the same source that was running, what
  // that run did ("waited for a sync of X that was running …; it stored 300 new, …").
  std::string waited_for;
  // Not stored: why this run read the source from its start, or empty ("full re-read requested").
  std::string reread;
};

// A hold on syncing one source, across every gateway that shares the store (Store::TryLeaseSource):
// while it lives no other gateway gets one for the same source. Destroying it releases it.
class SourceLease {
 public:
  virtual ~SourceLease() = default;
  // OK while the lease is held; UNAVAILABLE once it was lost (PostgreSQL: its session ended), after
  // which another gateway may hold it: the holder must stop writing the source.
  virtual absl::Status Check() = 0;
};

// Where records live (DESIGN.md §7). Implementations: SqliteStore (the embedded default).
//
// Thread-safe: every method may be called from any thread.
//
// Error codes (every method; the sync engine and the services branch on them):
//   UNAVAILABLE          the backend cannot answer now (busy, locked, I/O error, disk full, a lost
//                        connection): nothing was written; the same call may succeed later.
//   DATA_LOSS            the store is damaged or no longer the one opened (its file replaced or
//                        removed, rows that cannot be decoded): nothing was written.
//   INVALID_ARGUMENT     a page token the store did not issue (ListRecords, ListUnmapped).
//   NOT_FOUND            GetRecord and History of a key never stored.
//   FAILED_PRECONDITION  RemoveSource with keep_records onto a name already kept.
//   INTERNAL             anything else (a defect).
// A failed read is never turned into an empty or absent result (an empty cursor would restart a
// sync; NOT_FOUND would hide a busy store).
//
// Contract for CommitBatch: the records (upserted by (source, native id); a new version only when
// the content hash differs from the stored one), their links and unmapped values, and the source's
// cursor are written in ONE transaction: after a crash either all of them are stored or none.
class Store {
 public:
  virtual ~Store() = default;

  virtual absl::StatusOr<BatchResult> CommitBatch(const std::string& source,
                                                  const std::vector<RecordToStore>& records,
                                                  const std::string& cursor) = 0;

  // Works out what committing `record` needs that does not need the store (an encoding), for
  // RecordToStore::prepared. Thread-safe, and never waits for a commit (at most for a reader lock
  // on a cache): the sync engine calls it from its preparing thread while another batch commits.
  // Null when the store has nothing to prepare, or when only the commit can (a record whose body
  // needs a body term not committed yet): the commit then does it.
  virtual std::shared_ptr<const PreparedRecord> Prepare(const Record& record) const = 0;

  // All-or-nothing runs (on_error: reject). BeginRun marks a run of `source` pending and remembers
  // the cursor it starts from; until FinishRun or AbortRun, every CommitBatch of the source also
  // keeps what is needed to undo it. A pending run survives a crash (RunPending says so), so a run
  // resumed after `kill -9` can still be undone whole. AbortRun undoes every batch committed since
  // BeginRun — records the run created are removed, records it changed get back the version,
  // links and unmapped values they had — and restores the cursor, in one transaction. BeginRun
  // while a run is pending, and FinishRun or AbortRun without one, change nothing.
  virtual absl::Status BeginRun(const std::string& source) = 0;
  virtual absl::StatusOr<bool> RunPending(const std::string& source) = 0;
  virtual absl::Status FinishRun(const std::string& source) = 0;
  virtual absl::Status AbortRun(const std::string& source) = 0;

  // Marks the live records of `source` with these native ids deleted in the source (StoredRecord::
  // deleted_at): each gets a new version that is its tombstone, its links and unmapped values go,
  // and its earlier versions stay. With `cursor`, the source's cursor is set in the same
  // transaction. All in ONE transaction; under a pending run (BeginRun) AbortRun brings the
  // records back. Ids not stored or already deleted count as absent.
  virtual absl::StatusOr<DeletionResult> DeleteRecords(const std::string& source,
                                                       const std::vector<std::string>& native_ids,
                                                       const std::optional<std::string>& cursor) = 0;

  // Native ids of the live records of `source` greater than `after` (byte order), at most
  // `limit`, in that order: page through with the last id returned.
  virtual absl::StatusOr<std::vector<std::string>> ListNativeIds(const std::string& source,
                                                                 const std::string& after, int limit) = 0;

  // Runs of `source` that ended ok or warning since its last run with `reconciled` (all of them
  // when none was).
  virtual absl::StatusOr<int64_t> RunsSinceReconciliation(const std::string& source) = 0;

  // The cursor last committed for `source`; empty when none.
  virtual absl::StatusOr<std::string> GetCursor(const std::string& source) = 0;

  // Records in key order. INVALID_ARGUMENT for a page token this store did not issue.
  virtual absl::StatusOr<RecordPage> ListRecords(const RecordFilter& filter) = 0;

  // One record by key, deleted or not (StoredRecord::deleted_at); NOT_FOUND when absent.
  virtual absl::StatusOr<StoredRecord> GetRecord(const std::string& source,
                                                 const std::string& native_id) = 0;

  // Earlier versions of a record, oldest first (the current one is GetRecord's; for a deleted
  // record that is its tombstone, and the last version it had is the last of these).
  virtual absl::StatusOr<std::vector<StoredRecord>> History(const std::string& source,
                                                            const std::string& native_id) = 0;

  // Values no rule knew, counted over the current records, by source and field, most frequent
  // first. INVALID_ARGUMENT for a page token this store did not issue.
  virtual absl::StatusOr<UnmappedPage> ListUnmapped(const UnmappedFilter& filter) = 0;

  virtual absl::StatusOr<SourceCounts> Counts(const std::string& source) = 0;

  // Removes everything stored of `source` in ONE transaction: its records with their versions,
  // links and unmapped values, its cursor and pending run, and its sync runs. With keep_records
  // the records (versions, links and unmapped values with them) are kept but moved to source
  // KeptSourceName(source), their provenance still naming `source`; FAILED_PRECONDITION when
  // records are already kept under that name (nothing changed). A source the store holds nothing
  // of is no error: existed is false.
  virtual absl::StatusOr<SourceRemoval> RemoveSource(const std::string& source, bool keep_records) = 0;

  // Takes the lease on syncing `source` (SourceLease), or returns null when another gateway holds
  // it now (ask again later). SQLite: a file serves one gateway, so it is always granted.
  // PostgreSQL: a session advisory lock on a connection of its own, which the server releases when
  // the holder's process dies (kill -9 included).
  virtual absl::StatusOr<std::unique_ptr<SourceLease>> TryLeaseSource(const std::string& source) = 0;

  virtual absl::Status AddSyncRun(const SyncRunRecord& run) = 0;
  // The newest run of each source.
  virtual absl::StatusOr<std::vector<SyncRunRecord>> LastRuns() = 0;
};

}  // namespace crosswalk

#endif  // CROSSWALK_GATEWAY_STORE_STORE_H_
