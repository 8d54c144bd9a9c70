#include "gateway/store/sqlite_schema.h"

#include <iterator>

#include "absl/strings/str_cat.h"
#include "gateway/core/status_macros.h"
#include "gateway/store/sqlite_store.h"

namespace crosswalk {
namespace {

// Schema migrations: entry i takes user_version i to i+1. Never edit a shipped entry; append.
const char* const kMigrations[] = {
    R"sql(
CREATE TABLE sources(name TEXT PRIMARY KEY, cursor TEXT NOT NULL DEFAULT '', updated_at INTEGER);
CREATE TABLE records(
  id INTEGER PRIMARY KEY,
  source TEXT NOT NULL,
  native_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  effective INTEGER,
  version INTEGER NOT NULL,
  content_hash TEXT NOT NULL,
  body TEXT NOT NULL,
  stored_at INTEGER NOT NULL,
  UNIQUE(source, native_id));
CREATE INDEX records_kind ON records(kind, id);
CREATE TABLE record_versions(
  record_id INTEGER NOT NULL,
  version INTEGER NOT NULL,
  content_hash TEXT NOT NULL,
  body TEXT NOT NULL,
  stored_at INTEGER NOT NULL,
  PRIMARY KEY(record_id, version));
CREATE TABLE record_links(record_id INTEGER NOT NULL, relation TEXT NOT NULL, target TEXT NOT NULL);
CREATE INDEX record_links_record ON record_links(record_id);
CREATE INDEX record_links_target ON record_links(target, record_id);
CREATE TABLE record_unmapped(record_id INTEGER NOT NULL, field TEXT NOT NULL, raw_value TEXT NOT NULL);
CREATE INDEX record_unmapped_record ON record_unmapped(record_id);
CREATE TABLE sync_runs(
  id INTEGER PRIMARY KEY,
  source TEXT NOT NULL,
  started INTEGER NOT NULL,
  finished INTEGER NOT NULL,
  outcome TEXT NOT NULL,
  created INTEGER NOT NULL,
  updated INTEGER NOT NULL,
  unchanged INTEGER NOT NULL,
  skipped INTEGER NOT NULL,
  message TEXT NOT NULL);
)sql",
    // 2: all-or-nothing runs (Store::BeginRun). A source's runs are numbered; while one is pending
    // the records it creates and the versions it supersedes carry its number, and a superseded
    // version keeps its unmapped values, so AbortRun can put everything back.
    R"sql(
ALTER TABLE sources ADD COLUMN run INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sources ADD COLUMN run_pending INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sources ADD COLUMN run_cursor TEXT NOT NULL DEFAULT '';
ALTER TABLE records ADD COLUMN created_run INTEGER NOT NULL DEFAULT 0;
ALTER TABLE record_versions ADD COLUMN superseded_run INTEGER NOT NULL DEFAULT 0;
ALTER TABLE record_versions ADD COLUMN unmapped TEXT NOT NULL DEFAULT '';
)sql",
    // 3: what the organisation states (organisation_store.h): its mapping decisions, its
    // certifications and its clause assessments, current values, and every change to them in
    // org_history (who, when, what, the value as JSON). Decision ids are never reused.
    R"sql(
CREATE TABLE org_decisions(
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  from_catalog TEXT NOT NULL,
  from_ref TEXT NOT NULL,
  to_catalog TEXT NOT NULL,
  to_ref TEXT NOT NULL,
  relationship TEXT NOT NULL,
  verdict TEXT NOT NULL,
  author TEXT NOT NULL,
  reason TEXT NOT NULL,
  decided_at INTEGER NOT NULL);
CREATE TABLE org_certifications(
  standard TEXT NOT NULL,
  certificate TEXT NOT NULL,
  body TEXT NOT NULL,
  scope TEXT NOT NULL,
  valid_until INTEGER NOT NULL,
  last_audit INTEGER,
  author TEXT NOT NULL,
  recorded_at INTEGER NOT NULL,
  PRIMARY KEY(standard, certificate));
CREATE TABLE org_assessments(
  target TEXT NOT NULL,
  clause TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY(target, clause));
CREATE TABLE org_history(
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  author TEXT NOT NULL,
  subject TEXT NOT NULL,
  subject_key TEXT NOT NULL,
  action TEXT NOT NULL,
  value TEXT NOT NULL);
CREATE INDEX org_history_subject ON org_history(subject, subject_key, id);
)sql",
    // 4: deletes found in the source (Store::DeleteRecords). A deleted record keeps its row as a
    // tombstone version (deleted_at set); a superseded version remembers whether it was one, so
    // AbortRun restores a deletion as well as content. Runs record what they deleted and whether
    // they reconciled the source's ids.
    R"sql(
ALTER TABLE records ADD COLUMN deleted_at INTEGER;
ALTER TABLE record_versions ADD COLUMN deleted_at INTEGER;
ALTER TABLE sync_runs ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sync_runs ADD COLUMN reconciled INTEGER NOT NULL DEFAULT 0;
CREATE INDEX sync_runs_source ON sync_runs(source, id);
)sql",
    // 5: body terms (body_terms.h): text that recurs across bodies, kept once and referred to by id
    // from body v3. Never deleted: a term may be referred to by any version of any record.
    R"sql(
CREATE TABLE body_terms(id INTEGER PRIMARY KEY, term TEXT NOT NULL UNIQUE);
)sql",
};


absl::StatusOr<int64_t> UserVersion(sqlite3* db) {
  Statement version;
  CW_RETURN_IF_ERROR(version.Prepare(db, "PRAGMA user_version"));
  if (sqlite3_step(version.get()) != SQLITE_ROW) {
    return absl::InternalError(absl::StrCat("sqlite user_version: ", sqlite3_errmsg(db)));
  }
  return version.Int(0);
}

}  // namespace

int SqliteSchemaVersion() { return static_cast<int>(std::size(kMigrations)); }

absl::Status MigrateSqliteSchema(sqlite3* db, const std::string& path, const StatementHook* hook) {
  const int64_t known = static_cast<int64_t>(std::size(kMigrations));
  while (true) {
    CW_ASSIGN_OR_RETURN(const int64_t outside, UserVersion(db));
    if (outside > known) {
      return absl::FailedPreconditionError(absl::StrCat(path, ": store schema version ", outside, " is newer than this build (", known, ")"));
    }
    if (outside == known) return absl::OkStatus();
    CW_RETURN_IF_ERROR(ExecSql(db, "BEGIN IMMEDIATE", hook));
    absl::Status status = [&]() -> absl::Status {
      // Another connection may have migrated between the read above and BEGIN.
      CW_ASSIGN_OR_RETURN(const int64_t current, UserVersion(db));
      if (current >= known) return absl::OkStatus();
      CW_RETURN_IF_ERROR(ExecSql(db, kMigrations[current], hook));
      return ExecSql(db, absl::StrCat("PRAGMA user_version = ", current + 1), hook);
    }();
    if (status.ok()) status = ExecSql(db, "COMMIT", hook);
    if (!status.ok()) {
      if (!sqlite3_get_autocommit(db)) (void)ExecSql(db, "ROLLBACK", hook);
      return status;
    }
  }
}

absl::Status OpenSqliteFile(const std::string& path, sqlite3** db, const StatementHook* hook) {
  if (sqlite3_open_v2(path.c_str(), db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr) != SQLITE_OK) {
    return absl::UnavailableError(absl::StrCat(path, ": cannot open the store: ", *db ? sqlite3_errmsg(*db) : "out of memory"));
  }
  sqlite3_busy_timeout(*db, 5000);
  CW_RETURN_IF_ERROR(ExecSql(*db, "PRAGMA journal_mode=WAL", hook));
  CW_RETURN_IF_ERROR(ExecSql(*db, "PRAGMA synchronous=NORMAL", hook));
  CW_RETURN_IF_ERROR(ExecSql(*db, "PRAGMA foreign_keys=ON", hook));
  // A checkpoint every 64 MiB of WAL rather than SQLite's 4 MiB: a large sync then pays for far
  // fewer checkpoints and their syncs (tools/bench ingest).
  CW_RETURN_IF_ERROR(ExecSql(*db, "PRAGMA wal_autocheckpoint=16384", hook));
  return MigrateSqliteSchema(*db, path, hook);
}

}  // namespace crosswalk
