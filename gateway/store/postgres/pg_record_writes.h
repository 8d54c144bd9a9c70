#ifndef CROSSWALK_GATEWAY_STORE_POSTGRES_PG_RECORD_WRITES_H_
#define CROSSWALK_GATEWAY_STORE_POSTGRES_PG_RECORD_WRITES_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "gateway/store/body_terms.h"
#include "gateway/store/postgres/pg_connection.h"
#include "gateway/store/store.h"

namespace crosswalk {

// The PostgreSQL store's writes of records, each the counterpart of the SQLite store's (same
// tables, same meaning). REQUIRES for all but ReadRunState: called inside a transaction of `db`,
// which the caller commits or rolls back.

struct PgRunState {
  int64_t run = 0;
  bool pending = false;
};
absl::StatusOr<PgRunState> ReadRunState(PgConnection& db, const std::string& source);

// Upserts `records` (bodies[i] is records[i]'s stored body) of `source`: new records in one
// multi-row insert, changed ones archived and replaced, links and unmapped values of both in one
// multi-row insert each. `run` (0: none) marks what a pending run created and superseded. Stored
// bodies are read with `terms` (a re-read compares records).
absl::StatusOr<BatchResult> CommitRecordRows(PgConnection& db, const std::string& source,
                                             const std::vector<RecordToStore>& records,
                                             const std::vector<const std::string*>& bodies, int64_t run, int64_t now,
                                             TermTexts& terms);

// Store::DeleteRecords' rows: each live record gets a tombstone version.
absl::StatusOr<DeletionResult> DeleteRecordRowsPg(PgConnection& db, const std::string& source,
                                                  const std::vector<std::string>& native_ids, int64_t run, int64_t now);

// Store::AbortRun's rows: what run `run` of `source` created goes; what it changed is restored.
// Bodies are read with `terms`.
absl::Status UndoRunRows(PgConnection& db, const std::string& source, int64_t run, TermTexts& terms);

// Store::RemoveSource's rows.
absl::StatusOr<SourceRemoval> RemoveSourceRowsPg(PgConnection& db, const std::string& source, bool keep_records);

}  // namespace crosswalk

#endif  // CROSSWALK_GATEWAY_STORE_POSTGRES_PG_RECORD_WRITES_H_
