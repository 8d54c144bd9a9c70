#ifndef CROSSWALK_GATEWAY_STORE_SQLITE_SCHEMA_H_
#define CROSSWALK_GATEWAY_STORE_SQLITE_SCHEMA_H_

#include <string>

#include "absl/status/status.h"
#include "gateway/store/sqlite_statement.h"

namespace crosswalk {

// The schema of a crosswalk SQLite file, shared by every connection that opens it (the record
// store and the organisation store): migrations numbered in PRAGMA user_version, applied in
// order. Each migration runs in its own BEGIN IMMEDIATE transaction that re-reads the version
// first, so two connections opening the same file at once apply each migration once.
//
// OK when the file is at this build's version afterwards; FAILED_PRECONDITION naming `path` when
// its schema is newer than this build knows; UNAVAILABLE or INTERNAL when SQLite fails. `hook`,
// when set, is asked before every statement (SqliteStoreOptions::before_statement).
absl::Status MigrateSqliteSchema(sqlite3* db, const std::string& path, const StatementHook* hook = nullptr);

// Opens or creates the crosswalk SQLite file `path` as every connection to it is set up (WAL,
// synchronous=NORMAL: a committed transaction survives a crash or kill -9 of the process; a busy
// timeout of 5 s; foreign keys on) and migrates it (MigrateSqliteSchema). `*db` is set even on
// failure when SQLite made a handle, and the caller closes it. UNAVAILABLE naming `path` when the
// file cannot be opened; errors of MigrateSqliteSchema.
absl::Status OpenSqliteFile(const std::string& path, sqlite3** db, const StatementHook* hook = nullptr);

}  // namespace crosswalk

#endif  // CROSSWALK_GATEWAY_STORE_SQLITE_SCHEMA_H_
