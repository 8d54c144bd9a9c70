#ifndef CROSSWALK_GATEWAY_STORE_SQLITE_RUN_UNDO_H_
#define CROSSWALK_GATEWAY_STORE_SQLITE_RUN_UNDO_H_

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "gateway/store/record_json.h"
#include "gateway/store/sqlite_statement.h"

namespace crosswalk {

// Undoes what run `run` of `source` committed (Store::AbortRun): the records it created are
// removed with their links, unmapped values and versions; the records it changed get back the
// version they had before it, with that version's links (from its body) and unmapped values.
// Bodies are read with `terms`. Every write asks `hook` (may be null) first. REQUIRES: called inside
// a write transaction, which the caller commits or rolls back.
absl::Status UndoRun(sqlite3* db, const std::string& source, int64_t run, TermTexts& terms, const StatementHook* hook);

}  // namespace crosswalk

#endif  // CROSSWALK_GATEWAY_STORE_SQLITE_RUN_UNDO_H_
