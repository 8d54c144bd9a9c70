#ifndef CROSSWALK_GATEWAY_STORE_SQLITE_STORE_H_
#define CROSSWALK_GATEWAY_STORE_SQLITE_STORE_H_

#include <functional>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "gateway/core/clock.h"
#include "gateway/store/store.h"

namespace crosswalk {

// The embedded store: one SQLite file in WAL mode (synchronous=NORMAL: a committed transaction
// survives a crash or kill -9 of the process), prepared statements only, schema migrations
// numbered in PRAGMA user_version and applied in order at open.
//
// Opens or creates `path`. The store checks on every call that `path` is still the file it opened
// (GuardStoreFile): DATA_LOSS once it was removed or replaced. FAILED_PRECONDITION when the file's schema is newer than this build
// knows; UNAVAILABLE when the file cannot be opened or is locked by another writer.
struct SqliteStoreOptions {
  // Fault injection for tests (leveldb's FaultInjectionTestEnv in spirit): asked with the SQL of
  // every statement the store steps or executes for a write — BEGIN, each INSERT/UPDATE/DELETE,
  // COMMIT, ROLLBACK, PRAGMA — before it runs; a non-OK status makes that statement fail with it.
  // Empty in production.
  std::function<absl::Status(absl::string_view sql)> before_statement;
  // When records are stored, deleted and sources' cursors set (stored_at, deleted_at,
  // updated_at); null: the system clock. Tests inject a ManualClock.
  Clock* clock = nullptr;
};

absl::StatusOr<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path, SqliteStoreOptions options = {});

// The schema version this build writes.
int SqliteSchemaVersion();

}  // namespace crosswalk

#endif  // CROSSWALK_GATEWAY_STORE_SQLITE_STORE_H_
