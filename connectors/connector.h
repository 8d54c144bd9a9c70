#ifndef CROSSWALK_CONNECTORS_CONNECTOR_H_
#define CROSSWALK_CONNECTORS_CONNECTOR_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "connectors/config_keys.h"
#include "connectors/http/http_client.h"
#include "gateway/core/clock.h"
#include "gateway/core/record.h"

namespace crosswalk {

// One page pulled from a source.
struct ConnectorPage {
  std::vector<RawRecord> records;
  // Opaque resume point covering every record of this page; the sync engine stores it in the same
  // transaction as the page, and hands it back to Start() after a crash or on the next run.
  std::string next_cursor;
  bool done = false;              // the source has nothing after this page
  int64_t position = 0;           // records returned so far in this run (those reported to
                                  // bad_records not included)
  // Records the run will have read at its end when the connector knows it (an API's total
  // count: the records read so far plus those its query still matches), else 0. Progress shows
  // it; on the last page (done) the sync engine checks it: fewer records read (position plus
  // the records reported bad) than the source's total fails the run with DATA_LOSS and sets its
  // cursor back, so a missed page is never a quiet success.
  int64_t total = 0;
  // Native ids the source says were deleted (ServiceNow's sys_audit_delete), covered by
  // next_cursor like the records: the sync engine marks them deleted in the store with this
  // page's cursor, in one transaction. Most connectors leave it empty and find deletes through
  // their IdLister instead.
  std::vector<std::string> deleted;
  // What the connector decided while reading that the user should see in the sync result, once
  // per run (e.g. "sheet 'SoA' read (skipped: 表紙)", "columns no role claimed: 備考").
  std::vector<std::string> notes;
};

// A note that is a warning (the run goes on, but the user should check something) starts with
// this; previews list such notes as warnings.
inline constexpr char kWarningNotePrefix[] = "warning: ";

// How often a source's ids are reconciled and how many deletions one reconciliation may apply
// (the shared keys reconcile_every and max_delete_share).
struct ReconcilePolicy {
  int every_runs = 1;            // a full id listing after every N-th successful run; 0: never
  int max_delete_percent = 10;   // more of the source's stored records gone than this: refused
};

// Lists the ids a source holds now, so the sync engine can find the stored records the source
// no longer has (issue 12: deletes by id reconciliation). Used on the connector's thread, after
// the run's pages were read; it may reuse the connector's session and counts against the same
// request budget.
class IdLister {
 public:
  virtual ~IdLister() = default;

  // Calls `each` with the native id (as Pull's records carry it) of every record the source's
  // query holds now — the same scope as Pull: a record that left the scope (another project,
  // tracker or filter) is gone for this source. Any order; an id may come twice. Stops with the
  // first error `each` returns. Paging faults fail the listing (UNAVAILABLE, DATA_LOSS when the
  // source's total was not reached): a listing that is not known complete must never be
  // returned as OK, because what it misses would be deleted.
  virtual absl::Status ListIds(const std::function<absl::Status(const std::string&)>& each) = 0;

  // Of `ids` (at most kMaxCheckedIds), those the source's query still holds, asked by id, so a
  // record a listing skipped (offset paging shifted by a concurrent delete) is never deleted.
  static constexpr size_t kMaxCheckedIds = 50;
  virtual absl::StatusOr<std::vector<std::string>> StillPresent(const std::vector<std::string>& ids) = 0;

  virtual ReconcilePolicy policy() const = 0;
};

// A source of records behind one interface (DESIGN.md §8). A connector is created for one sync
// run of one source and used from one thread at a time (the sync engine starts it on one thread
// and pulls its pages on another).
//
// Contract: Start() positions the connector at `cursor` (empty: the beginning); Pull() returns
// the next page of at most `max_records` records and a cursor after them, until a page with
// `done`. Records are returned in the source's order, each once per run. Start() may be called
// again to read the same source anew from a cursor (the sync engine's check and store passes).
// A record the reader cannot parse goes to deps.bad_records (when given) and, if that says so,
// ends the run as an INVALID_ARGUMENT naming its position; input that cannot be read past (a
// broken file, an unclosed quote) always ends it. Values that parse but make no sense are the
// normaliser's to reject or skip. UNAVAILABLE means a transient failure.
class Connector {
 public:
  virtual ~Connector() = default;

  virtual absl::Status Start(const std::string& cursor) = 0;
  virtual absl::StatusOr<ConnectorPage> Pull(int max_records) = 0;

  // How this source's records are read (vocabulary, default kind, catalog, time zone).
  virtual SourceShape Shape() const = 0;

  // The source's id listing for deletion detection, or nullptr when the connector has none
  // (files: a record missing from a file is kept). Owned by the connector.
  virtual IdLister* ids() { return nullptr; }
};

// The configuration of one source: its name, its type and the type's own keys.
struct SourceConfig {
  std::string name;
  std::string type;
  std::map<std::string, std::string> options;  // key → value; secrets are read by the connector
};

// Where a connector reports a record it read but cannot parse (a malformed CSV row, an API item
// whose JSON is not an object) instead of ending the run. The sync engine gives one per run,
// following the source's `on_error`. Thread-safe: called from the thread that pulls pages.
class BadRecordReporter {
 public:
  virtual ~BadRecordReporter() = default;

  // `error` names the record's position and what was wrong. OK: the record is skipped and
  // counted, and the connector goes on with the next one; otherwise the connector returns the
  // status from Pull, which ends the run.
  virtual absl::Status Report(const absl::Status& error) = 0;
};

// What a connector needs from its environment (leveldb's Env is the model): tests inject a
// ManualClock and a fake or fault-injecting HTTP transport.
struct ConnectorDeps {
  Clock* clock = nullptr;
  HttpClientFactory http;  // empty: no HTTP (file sources); the gateway gives NewHttplibClient
  BadRecordReporter* bad_records = nullptr;  // nullptr: a record that cannot be parsed ends the run
};

// A connector type: its typed config keys (the same declarations check a source's options when
// crosswalkd starts, feed `crosswalk sources types`, --help and the docs, and decide which values
// listings redact) and a factory.
struct ConnectorFactory {
  std::string type;
  std::string description;
  std::vector<ConfigKey> keys;
  std::function<absl::StatusOr<std::unique_ptr<Connector>>(const SourceConfig&,
                                                           const ConnectorDeps&)>
      create;
};

// The connector types known to one process, built in main() and passed down (no static
// registration), so tests can build their own.
class ConnectorRegistry {
 public:
  void Register(ConnectorFactory factory);

  // Checks the options against the factory's keys (CheckOptions), then creates the connector.
  // INVALID_ARGUMENT for an unknown type (naming the known ones), an unknown key (naming the valid
  // ones), a value of the wrong type or a missing required key; `bad_key`, when given, names the
  // key at fault ("" when none is).
  absl::StatusOr<std::unique_ptr<Connector>> Create(const SourceConfig& config,
                                                    const ConnectorDeps& deps,
                                                    std::string* bad_key = nullptr) const;
  absl::Status Check(const SourceConfig& config, std::string* bad_key = nullptr) const;

  // The factory of `type`, or nullptr.
  const ConnectorFactory* Find(const std::string& type) const;

  const std::vector<ConnectorFactory>& factories() const { return factories_; }

 private:
  std::vector<ConnectorFactory> factories_;
};

}  // namespace crosswalk

#endif  // CROSSWALK_CONNECTORS_CONNECTOR_H_
