#ifndef CROSSWALK_TESTS_CONNECTORS_SEEDED_SYNC_H_
#define CROSSWALK_TESTS_CONNECTORS_SEEDED_SYNC_H_

// Randomised fault runs of an API connector (issue 12 Deliver 5): the connector syncs a fake API
// on loopback into a real SQLite store through the real sync engine, over a transport that
// injects a seeded schedule of faults (FaultInjectingHttpClient: 429s with and without
// Retry-After, 401s, 503s, HTML pages, transport errors, timeouts) while the test's fake changes
// records under the reader. Runs are repeated until one ends ok; then the store must equal a
// clean read of the source (same native ids, same content hashes). Every failed run must have
// failed loudly (outcome "failed" with a message). Waits are on a ManualClock: no real sleeping.

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "connectors/connector.h"
#include "connectors/http/fault_injecting_http_client.h"
#include "gateway/store/store.h"

namespace crosswalk::testing_sync {

struct SeededSyncResult {
  int runs = 0;                          // sync runs until one ended ok (or max_runs)
  bool completed = false;                // a run ended ok
  std::vector<std::string> failures;     // each failed run's message, in order
  std::map<std::string, int64_t> injected;  // fault name → times injected over every run
  // Differences between the store after the runs and a clean read of the source, e.g.
  // "missing 17", "extra 4", "stale 9"; empty when equal.
  std::vector<std::string> differences;
  int64_t records = 0;                   // records in the clean read
  // With SeededSyncOptions::after_completed: the records the run after it marked deleted.
  int64_t deleted_after = 0;

  // One line for a test's failure output.
  std::string Describe(uint64_t seed) const;
};

struct SeededSyncOptions {
  uint64_t seed = 1;
  double fault_share = 0.3;  // of requests answered with a fault
  int max_runs = 25;
  int page_size = 50;        // the sync engine's batch size
  // Called once before the clean read: the test stops changing its fake here.
  std::function<void()> freeze_source;
  // When set: called once after the run that completed (the test deletes records in its fake),
  // then one more run without faults, on the same store, must end ok (else a difference) and the
  // comparison is made after it; deleted_after counts what it marked deleted.
  std::function<void()> after_completed;
};

// REQUIRES: the fake behind `source` is running; `factory` is the connector's.
SeededSyncResult RunSeededSync(const ConnectorFactory& factory, const SourceConfig& source,
                               const SeededSyncOptions& options);

// Fault-free syncs of one source into a scratch SQLite store through the real sync engine, for a
// test that changes its fake between runs and looks at the store after each (deletes: a second
// sync after records were deleted in the source). The store's files go with the object.
class PlainSync {
 public:
  PlainSync(const ConnectorFactory& factory, const SourceConfig& source);
  ~PlainSync();
  PlainSync(const PlainSync&) = delete;
  PlainSync& operator=(const PlainSync&) = delete;

  // One run; its record (outcome, totals with .deleted, reconciled, message).
  absl::StatusOr<SyncRunRecord> Run();
  // The native ids of the source's live records (deleted ones are not listed), sorted as numbers
  // when they are.
  std::vector<std::string> LiveIds();
  Store& store();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace crosswalk::testing_sync

#endif  // CROSSWALK_TESTS_CONNECTORS_SEEDED_SYNC_H_
