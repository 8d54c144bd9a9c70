#include "gateway/store/postgres/store_migration.h"

#include <sqlite3.h>

#include <memory>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gateway/core/sha256.h"
#include "gateway/core/status_macros.h"
#include "gateway/store/postgres/pg_schema.h"
#include "gateway/store/sqlite_statement.h"
#include "gateway/store/sqlite_store.h"

namespace crosswalk {
namespace {

using Row = std::vector<std::optional<std::string>>;

struct Column {
  const char* name;
  const char* type;  // PostgreSQL's: text, bigint, integer, boolean
};

// Every table of the store, with the order both sides are read in for the verification. Booleans
// are compared as 0/1 (SQLite keeps them so).
struct Table {
  const char* name;
  std::vector<Column> columns;
  const char* order;
  bool identity = false;  // an "id" column whose sequence must continue after the copied ids
};

const std::vector<Table>& Tables() {
  static const std::vector<Table> tables = {
      {"sources", {{"name", "text"}, {"cursor", "text"}, {"updated_at", "bigint"}, {"run", "bigint"},
                   {"run_pending", "boolean"}, {"run_cursor", "text"}}, "name"},
      {"body_terms", {{"id", "bigint"}, {"term", "text"}}, "id", true},
      {"records", {{"id", "bigint"}, {"source", "text"}, {"native_id", "text"}, {"kind", "text"}, {"effective", "bigint"},
                   {"version", "integer"}, {"content_hash", "text"}, {"body", "text"}, {"stored_at", "bigint"},
                   {"created_run", "bigint"}, {"deleted_at", "bigint"}}, "id", true},
      {"record_versions", {{"record_id", "bigint"}, {"version", "integer"}, {"content_hash", "text"}, {"body", "text"},
                           {"stored_at", "bigint"}, {"superseded_run", "bigint"}, {"unmapped", "text"},
                           {"deleted_at", "bigint"}}, "record_id, version"},
      {"record_links", {{"record_id", "bigint"}, {"relation", "text"}, {"target", "text"}}, "record_id, relation, target"},
      {"record_unmapped", {{"record_id", "bigint"}, {"field", "text"}, {"raw_value", "text"}}, "record_id, field, raw_value"},
      {"sync_runs", {{"id", "bigint"}, {"source", "text"}, {"started", "bigint"}, {"finished", "bigint"}, {"outcome", "text"},
                     {"created", "bigint"}, {"updated", "bigint"}, {"unchanged", "bigint"}, {"skipped", "bigint"},
                     {"message", "text"}, {"deleted", "bigint"}, {"reconciled", "boolean"}}, "id", true},
      {"org_decisions", {{"id", "bigint"}, {"from_catalog", "text"}, {"from_ref", "text"}, {"to_catalog", "text"},
                         {"to_ref", "text"}, {"relationship", "text"}, {"verdict", "text"}, {"author", "text"},
                         {"reason", "text"}, {"decided_at", "bigint"}}, "id", true},
      {"org_certifications", {{"standard", "text"}, {"certificate", "text"}, {"body", "text"}, {"scope", "text"},
                              {"valid_until", "bigint"}, {"last_audit", "bigint"}, {"author", "text"},
                              {"recorded_at", "bigint"}}, "standard, certificate"},
      {"org_assessments", {{"target", "text"}, {"clause", "text"}, {"value", "text"}}, "target, clause"},
      {"org_history", {{"id", "bigint"}, {"at", "bigint"}, {"author", "text"}, {"subject", "text"}, {"subject_key", "text"},
                       {"action", "text"}, {"value", "text"}}, "id", true},
  };
  return tables;
}

// Adds a row to a table's digest: each value length-prefixed, NULL distinct from empty.
void HashRow(Sha256& digest, const Row& row) {
  for (const auto& value : row) {
    if (!value) {
      digest.Update("-;");
    } else {
      digest.Update(absl::StrCat(value->size(), ":"));
      digest.Update(*value);
      digest.Update(";");
    }
  }
  digest.Update("\n");
}

std::string ArrayOf(const std::vector<Row>& rows, size_t column) {
  std::string out = "{";
  for (size_t i = 0; i < rows.size(); ++i) {
    if (i > 0) out.push_back(',');
    const auto& value = rows[i][column];
    if (!value) {
      out += "NULL";
      continue;
    }
    out.push_back('"');
    for (char c : *value) {
      if (c == '"' || c == '\\') out.push_back('\\');
      out.push_back(c);
    }
    out.push_back('"');
  }
  out.push_back('}');
  return out;
}

absl::Status InsertRows(PgConnection& db, const Table& table, const std::vector<Row>& rows) {
  if (rows.empty()) return absl::OkStatus();
  std::vector<std::string> names, casts, arrays;
  std::vector<PgParam> params;
  for (size_t c = 0; c < table.columns.size(); ++c) {
    names.push_back(table.columns[c].name);
    casts.push_back(absl::StrCat("u.", table.columns[c].name, "::", table.columns[c].type));
    arrays.push_back(absl::StrCat("$", c + 1, "::text[]"));
    params.push_back(ArrayOf(rows, c));
  }
  return db.Write(absl::StrCat("INSERT INTO ", table.name, "(", absl::StrJoin(names, ", "), ") SELECT ",
                               absl::StrJoin(casts, ", "), " FROM unnest(", absl::StrJoin(arrays, ", "), ") AS u(",
                               absl::StrJoin(names, ", "), ")"),
                  params).status();
}

// The table's rows in PostgreSQL, read back in key order through a cursor: count and digest.
absl::Status ReadBack(PgConnection& db, const Table& table, int batch_rows, int64_t* rows, std::string* sha256) {
  std::vector<std::string> columns;
  for (const Column& c : table.columns) {
    columns.push_back(std::string(c.type) == "boolean" ? absl::StrCat(c.name, "::int") : std::string(c.name));
  }
  CW_RETURN_IF_ERROR(db.Query(absl::StrCat("DECLARE migration_check NO SCROLL CURSOR FOR SELECT ", absl::StrJoin(columns, ", "),
                                           " FROM ", table.name, " ORDER BY ", table.order)).status());
  Sha256 digest;
  *rows = 0;
  while (true) {
    CW_ASSIGN_OR_RETURN(PgResult page, db.Query(absl::StrCat("FETCH ", batch_rows, " FROM migration_check")));
    for (int i = 0; i < page.rows(); ++i) {
      Row row;
      for (size_t c = 0; c < table.columns.size(); ++c) {
        if (page.IsNull(i, static_cast<int>(c))) row.emplace_back(); else row.emplace_back(page.Text(i, static_cast<int>(c)));
      }
      HashRow(digest, row);
      ++*rows;
    }
    if (page.rows() < batch_rows) break;
  }
  CW_RETURN_IF_ERROR(db.Query("CLOSE migration_check").status());
  *sha256 = digest.HexDigest();
  return absl::OkStatus();
}

// Copies one table: SQLite rows in key order, batch by batch, hashed as they go.
absl::StatusOr<TableMigration> CopyTable(sqlite3* from, PgConnection& to, const Table& table,
                                         const StoreMigrationOptions& options) {
  std::vector<std::string> names;
  for (const Column& c : table.columns) names.push_back(c.name);
  Statement select;
  CW_RETURN_IF_ERROR(select.Prepare(from, absl::StrCat("SELECT ", absl::StrJoin(names, ", "), " FROM ", table.name,
                                                       " ORDER BY ", table.order)));
  TableMigration result{table.name};
  Sha256 digest;
  std::vector<Row> batch;
  int rc;
  while ((rc = sqlite3_step(select.get())) == SQLITE_ROW) {
    Row row;
    for (size_t c = 0; c < names.size(); ++c) {
      if (sqlite3_column_type(select.get(), static_cast<int>(c)) == SQLITE_NULL) row.emplace_back();
      else row.emplace_back(select.Text(static_cast<int>(c)));
    }
    HashRow(digest, row);
    ++result.rows;
    if (options.tamper) options.tamper(table.name, row);
    batch.push_back(std::move(row));
    if (static_cast<int>(batch.size()) >= options.batch_rows) {
      CW_RETURN_IF_ERROR(InsertRows(to, table, batch));
      batch.clear();
    }
  }
  if (rc != SQLITE_DONE) return SqliteError(from, absl::StrCat("read ", table.name));
  CW_RETURN_IF_ERROR(InsertRows(to, table, batch));
  result.sha256 = digest.HexDigest();
  if (table.identity) {
    CW_RETURN_IF_ERROR(to.Query(absl::StrCat("SELECT setval(pg_get_serial_sequence('", table.name, "', 'id'), ",
                                             "COALESCE((SELECT MAX(id) FROM ", table.name, "), 0) + 1, false)")).status());
  }
  int64_t rows = 0;
  std::string sha256;
  CW_RETURN_IF_ERROR(ReadBack(to, table, options.batch_rows, &rows, &sha256));
  if (rows != result.rows || sha256 != result.sha256) {
    return absl::DataLossError(absl::StrCat("migration of table ", table.name, " does not verify: ", result.rows,
                                            " rows with SHA-256 ", result.sha256, " read from the SQLite file, ", rows,
                                            " rows with SHA-256 ", sha256, " in PostgreSQL; nothing was kept"));
  }
  return result;
}

struct SqliteCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};

}  // namespace

absl::StatusOr<std::vector<TableMigration>> MigrateSqliteToPostgres(const std::string& sqlite_path, const PgTarget& target,
                                                                    const StoreMigrationOptions& options) {
  // Opening it as a store brings the file to this build's schema (and refuses a newer one).
  {
    CW_ASSIGN_OR_RETURN(std::unique_ptr<Store> check, OpenSqliteStore(sqlite_path));
  }
  sqlite3* raw = nullptr;
  if (sqlite3_open_v2(sqlite_path.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    std::unique_ptr<sqlite3, SqliteCloser> failed(raw);
    return absl::UnavailableError(absl::StrCat(sqlite_path, ": cannot open the store to read"));
  }
  std::unique_ptr<sqlite3, SqliteCloser> from(raw);
  sqlite3_busy_timeout(from.get(), 5000);
  CW_ASSIGN_OR_RETURN(std::unique_ptr<PgConnection> to, PgConnection::Connect(target, options.before_statement));
  CW_RETURN_IF_ERROR(MigratePostgresSchema(*to));
  // One read transaction: the copy is of one instant of the file, even if a gateway writes to it.
  CW_RETURN_IF_ERROR(ExecSql(from.get(), "BEGIN"));
  absl::StatusOr<std::vector<TableMigration>> copied = to->Transaction([&]() -> absl::StatusOr<std::vector<TableMigration>> {
    std::vector<std::string> counts;
    for (const Table& table : Tables()) counts.push_back(absl::StrCat("(SELECT COUNT(*) FROM ", table.name, ")"));
    CW_ASSIGN_OR_RETURN(PgResult held, to->Query(absl::StrCat("SELECT ", absl::StrJoin(counts, " + "))));
    if (held.Int(0, 0) > 0) {
      return absl::FailedPreconditionError(absl::StrCat(
          to->redacted_url(), " already holds ", held.Int(0, 0), " rows of a crosswalk store: migrate into an empty ",
          "database (nothing was copied; nothing is merged)"));
    }
    std::vector<TableMigration> tables;
    for (const Table& table : Tables()) {
      CW_ASSIGN_OR_RETURN(TableMigration done, CopyTable(from.get(), *to, table, options));
      tables.push_back(std::move(done));
    }
    return tables;
  });
  (void)ExecSql(from.get(), "ROLLBACK");
  return copied;
}

}  // namespace crosswalk
