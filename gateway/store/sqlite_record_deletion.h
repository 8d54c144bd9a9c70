#ifndef CROSSWALK_GATEWAY_STORE_SQLITE_RECORD_DELETION_H_
#define CROSSWALK_GATEWAY_STORE_SQLITE_RECORD_DELETION_H_

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "gateway/store/sqlite_statement.h"
#include "gateway/store/store.h"

namespace crosswalk {

// Store::DeleteRecords's writes: for each live record of `source` among `native_ids`, its current
// version moves to record_versions (marked superseded by `run` when a run is pending, with its
// unmapped values, so UndoRun can restore it), and the record becomes a tombstone: version + 1,
// deleted_at and stored_at `now`, no links, no unmapped values. Every write asks `hook` (may be
// null) first. REQUIRES: called inside a write transaction, which the caller commits or rolls back.
absl::StatusOr<DeletionResult> DeleteRecordRows(sqlite3* db, const std::string& source,
                                                const std::vector<std::string>& native_ids, int64_t run,
                                                int64_t now, const StatementHook* hook);

}  // namespace crosswalk

#endif  // CROSSWALK_GATEWAY_STORE_SQLITE_RECORD_DELETION_H_
