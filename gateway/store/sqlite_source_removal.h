#ifndef CROSSWALK_GATEWAY_STORE_SQLITE_SOURCE_REMOVAL_H_
#define CROSSWALK_GATEWAY_STORE_SQLITE_SOURCE_REMOVAL_H_

#include <sqlite3.h>

#include <string>

#include "absl/status/statusor.h"
#include "gateway/store/sqlite_statement.h"
#include "gateway/store/store.h"

namespace crosswalk {

// Store::RemoveSource's writes: deletes (or, with keep_records, moves to KeptSourceName(source))
// the source's records, and deletes its versions, links and unmapped values (unless kept), its row
// in `sources` (cursor, pending run) and its sync runs. Every write asks `hook` (may be null)
// first. REQUIRES: called inside a write transaction, which the caller commits or rolls back.
absl::StatusOr<SourceRemoval> RemoveSourceRows(sqlite3* db, const std::string& source, bool keep_records,
                                               const StatementHook* hook);

}  // namespace crosswalk

#endif  // CROSSWALK_GATEWAY_STORE_SQLITE_SOURCE_REMOVAL_H_
