#ifndef CROSSWALK_GATEWAY_STORE_POSTGRES_STORE_MIGRATION_H_
#define CROSSWALK_GATEWAY_STORE_POSTGRES_STORE_MIGRATION_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "gateway/store/postgres/pg_connection.h"

namespace crosswalk {

// What was copied of one table, and the digest both sides agreed on.
struct TableMigration {
  std::string table;
  int64_t rows = 0;
  std::string sha256;  // of every row in key order, as read from the SQLite file and back from PostgreSQL
};

struct StoreMigrationOptions {
  // Rows go to PostgreSQL this many at a time (multi-row inserts); the source is read as it goes.
  int batch_rows = 1000;
  // Test seam: sees each row read from SQLite before it is written, and may change it (a row that
  // arrives altered must fail the verification). Empty in production.
  std::function<void(const std::string& table, std::vector<std::optional<std::string>>& row)> tamper;
  // Fault injection on the target's write statements (PgStatementHook). Empty in production.
  PgStatementHook before_statement;
};

// Copies a SQLite store (`sqlite_path`, brought to this build's schema first) into the empty
// PostgreSQL store at `target`: every record, version, link, unmapped value, cursor, pending run,
// sync run, decision, certification, assessment and history entry, ids kept. The copy is one
// PostgreSQL transaction, committed only after every table's row count and SHA-256 of its rows,
// read back from PostgreSQL, equal the SQLite file's: a failure or a mismatch keeps nothing.
// FAILED_PRECONDITION when the target already holds records, sources, runs or organisation
// statements (nothing is merged); the store's usual codes otherwise. Streams: memory does not
// grow with the store.
absl::StatusOr<std::vector<TableMigration>> MigrateSqliteToPostgres(const std::string& sqlite_path, const PgTarget& target,
                                                                    const StoreMigrationOptions& options = {});

}  // namespace crosswalk

#endif  // CROSSWALK_GATEWAY_STORE_POSTGRES_STORE_MIGRATION_H_
