#include "gateway/store/sqlite_store.h"

#include <sqlite3.h>

#include <chrono>
#include <mutex>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gateway/core/status_macros.h"
#include "gateway/store/record_json.h"

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
};

int64_t NowSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// A prepared statement, reset after every use.
class Statement {
 public:
  Statement() = default;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement() { sqlite3_finalize(stmt_); }

  absl::Status Prepare(sqlite3* db, const std::string& sql) {
    sqlite3_finalize(stmt_);
    stmt_ = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt_, nullptr) != SQLITE_OK) {
      return absl::InternalError(absl::StrCat("sqlite prepare: ", sqlite3_errmsg(db), " in ", sql));
    }
    return absl::OkStatus();
  }
  sqlite3_stmt* get() { return stmt_; }
  void Bind(int index, const std::string& text) {
    sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  }
  void Bind(int index, int64_t value) { sqlite3_bind_int64(stmt_, index, value); }
  void BindNull(int index) { sqlite3_bind_null(stmt_, index); }
  void Reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  std::string Text(int column) {
    const unsigned char* text = sqlite3_column_text(stmt_, column);
    return text == nullptr ? "" : std::string(reinterpret_cast<const char*>(text), static_cast<size_t>(sqlite3_column_bytes(stmt_, column)));
  }
  int64_t Int(int column) { return sqlite3_column_int64(stmt_, column); }

 private:
  sqlite3_stmt* stmt_ = nullptr;
};

class SqliteStore : public Store {
 public:
  ~SqliteStore() override {
    for (auto* s : {&get_cursor_, &set_cursor_, &find_, &insert_, &archive_, &update_, &delete_links_,
                    &insert_link_, &delete_unmapped_, &insert_unmapped_}) {
      s->reset();
    }
    sqlite3_close_v2(db_);
  }

  absl::Status Open(const std::string& path) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr) != SQLITE_OK) {
      return absl::UnavailableError(absl::StrCat(path, ": cannot open the store: ", db_ ? sqlite3_errmsg(db_) : "out of memory"));
    }
    sqlite3_busy_timeout(db_, 5000);
    CW_RETURN_IF_ERROR(Exec("PRAGMA journal_mode=WAL"));
    CW_RETURN_IF_ERROR(Exec("PRAGMA synchronous=NORMAL"));
    CW_RETURN_IF_ERROR(Exec("PRAGMA foreign_keys=ON"));
    CW_RETURN_IF_ERROR(Migrate(path));
    return PrepareAll();
  }

  absl::StatusOr<BatchResult> CommitBatch(const std::string& source,
                                          const std::vector<RecordToStore>& records,
                                          const std::string& cursor) override {
    std::lock_guard<std::mutex> lock(mutex_);
    CW_RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE"));
    auto result = CommitLocked(source, records, cursor);
    if (!result.ok()) {
      (void)Exec("ROLLBACK");
      return result.status();
    }
    CW_RETURN_IF_ERROR(Exec("COMMIT"));
    return result;
  }

  absl::StatusOr<std::string> GetCursor(const std::string& source) override {
    std::lock_guard<std::mutex> lock(mutex_);
    Statement& s = *get_cursor_;
    s.Bind(1, source);
    std::string cursor;
    if (sqlite3_step(s.get()) == SQLITE_ROW) cursor = s.Text(0);
    s.Reset();
    return cursor;
  }

  absl::Status ResetCursor(const std::string& source) override {
    std::lock_guard<std::mutex> lock(mutex_);
    Statement s;
    CW_RETURN_IF_ERROR(s.Prepare(db_, "UPDATE sources SET cursor = '' WHERE name = ?"));
    s.Bind(1, source);
    return Step(s);
  }

  absl::StatusOr<RecordPage> ListRecords(const RecordFilter& filter) override {
    int64_t after = 0;
    if (!filter.page_token.empty() && (!absl::SimpleAtoi(filter.page_token, &after) || after < 0)) {
      return absl::InvalidArgumentError(absl::StrCat("page_token '", filter.page_token, "' was not issued by this server"));
    }
    const int page_size = filter.page_size <= 0 ? 100 : std::min(filter.page_size, 1000);
    std::string sql = "SELECT id, version, stored_at, body FROM records WHERE id > ?";
    std::vector<std::string> texts;
    if (!filter.kind.empty()) { sql += " AND kind = ?"; texts.push_back(filter.kind); }
    if (!filter.source.empty()) { sql += " AND source = ?"; texts.push_back(filter.source); }
    if (filter.clause_filter) {
      std::vector<std::string> parts;
      if (!filter.kinds.empty()) {
        parts.push_back(absl::StrCat("kind IN (", absl::StrJoin(std::vector<std::string>(filter.kinds.size(), "?"), ","), ")"));
      }
      if (!filter.link_targets.empty()) {
        parts.push_back(absl::StrCat("id IN (SELECT record_id FROM record_links WHERE target IN (",
                                     absl::StrJoin(std::vector<std::string>(filter.link_targets.size(), "?"), ","), "))"));
      }
      sql += parts.empty() ? " AND 0" : absl::StrCat(" AND (", absl::StrJoin(parts, " OR "), ")");
      texts.insert(texts.end(), filter.kinds.begin(), filter.kinds.end());
      texts.insert(texts.end(), filter.link_targets.begin(), filter.link_targets.end());
    }
    if (filter.effective_from) sql += " AND effective >= ?";
    if (filter.effective_to) sql += " AND effective <= ?";
    sql += " ORDER BY id LIMIT ?";
    std::lock_guard<std::mutex> lock(mutex_);
    Statement s;
    CW_RETURN_IF_ERROR(s.Prepare(db_, sql));
    int index = 1;
    s.Bind(index++, after);
    for (const std::string& text : texts) s.Bind(index++, text);
    if (filter.effective_from) s.Bind(index++, *filter.effective_from);
    if (filter.effective_to) s.Bind(index++, *filter.effective_to);
    s.Bind(index++, int64_t{page_size} + 1);
    RecordPage page;
    int rc;
    while ((rc = sqlite3_step(s.get())) == SQLITE_ROW) {
      if (static_cast<int>(page.records.size()) == page_size) {
        page.next_page_token = absl::StrCat(page.records.back().id);
        break;
      }
      StoredRecord stored;
      stored.id = s.Int(0);
      stored.version = static_cast<int>(s.Int(1));
      stored.stored_at = s.Int(2);
      CW_ASSIGN_OR_RETURN(stored.record, RecordFromJson(s.Text(3)));
      page.records.push_back(std::move(stored));
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return Error("list records");
    return page;
  }

  absl::StatusOr<StoredRecord> GetRecord(const std::string& source, const std::string& native_id) override {
    std::lock_guard<std::mutex> lock(mutex_);
    Statement s;
    CW_RETURN_IF_ERROR(s.Prepare(db_, "SELECT id, version, stored_at, body FROM records WHERE source = ? AND native_id = ?"));
    s.Bind(1, source);
    s.Bind(2, native_id);
    if (sqlite3_step(s.get()) != SQLITE_ROW) {
      return absl::NotFoundError(absl::StrCat("no record '", native_id, "' in source '", source, "'"));
    }
    StoredRecord stored;
    stored.id = s.Int(0);
    stored.version = static_cast<int>(s.Int(1));
    stored.stored_at = s.Int(2);
    CW_ASSIGN_OR_RETURN(stored.record, RecordFromJson(s.Text(3)));
    return stored;
  }

  absl::StatusOr<std::vector<StoredRecord>> History(const std::string& source, const std::string& native_id) override {
    CW_ASSIGN_OR_RETURN(StoredRecord current, GetRecord(source, native_id));
    std::lock_guard<std::mutex> lock(mutex_);
    Statement s;
    CW_RETURN_IF_ERROR(s.Prepare(db_, "SELECT version, stored_at, body FROM record_versions WHERE record_id = ? ORDER BY version"));
    s.Bind(1, current.id);
    std::vector<StoredRecord> history;
    while (sqlite3_step(s.get()) == SQLITE_ROW) {
      StoredRecord stored;
      stored.id = current.id;
      stored.version = static_cast<int>(s.Int(0));
      stored.stored_at = s.Int(1);
      CW_ASSIGN_OR_RETURN(stored.record, RecordFromJson(s.Text(2)));
      history.push_back(std::move(stored));
    }
    return history;
  }

  absl::StatusOr<std::vector<UnmappedCount>> ListUnmapped(const std::string& source) override {
    std::lock_guard<std::mutex> lock(mutex_);
    Statement s;
    CW_RETURN_IF_ERROR(s.Prepare(db_,
        "SELECT r.source, u.field, u.raw_value, COUNT(*), MIN(r.native_id) FROM record_unmapped u "
        "JOIN records r ON r.id = u.record_id WHERE (?1 = '' OR r.source = ?1) "
        "GROUP BY r.source, u.field, u.raw_value ORDER BY r.source, u.field, COUNT(*) DESC, u.raw_value"));
    s.Bind(1, source);
    std::vector<UnmappedCount> out;
    while (sqlite3_step(s.get()) == SQLITE_ROW) {
      out.push_back({s.Text(0), s.Text(1), s.Text(2), s.Int(3), s.Text(4)});
    }
    return out;
  }

  absl::StatusOr<SourceCounts> Counts(const std::string& source) override {
    std::lock_guard<std::mutex> lock(mutex_);
    Statement s;
    CW_RETURN_IF_ERROR(s.Prepare(db_, "SELECT COUNT(*), COALESCE(SUM(version), 0) FROM records WHERE (?1 = '' OR source = ?1)"));
    s.Bind(1, source);
    SourceCounts counts;
    if (sqlite3_step(s.get()) == SQLITE_ROW) {
      counts.records = s.Int(0);
      counts.versions = s.Int(1);
    }
    return counts;
  }

  absl::Status AddSyncRun(const SyncRunRecord& run) override {
    std::lock_guard<std::mutex> lock(mutex_);
    Statement s;
    CW_RETURN_IF_ERROR(s.Prepare(db_, "INSERT INTO sync_runs(source, started, finished, outcome, created, updated, unchanged, skipped, message) VALUES (?,?,?,?,?,?,?,?,?)"));
    s.Bind(1, run.source);
    s.Bind(2, run.started);
    s.Bind(3, run.finished);
    s.Bind(4, run.outcome);
    s.Bind(5, run.totals.created);
    s.Bind(6, run.totals.updated);
    s.Bind(7, run.totals.unchanged);
    s.Bind(8, run.skipped);
    s.Bind(9, run.message);
    return Step(s);
  }

  absl::StatusOr<std::vector<SyncRunRecord>> LastRuns() override {
    std::lock_guard<std::mutex> lock(mutex_);
    Statement s;
    CW_RETURN_IF_ERROR(s.Prepare(db_, "SELECT source, started, finished, outcome, created, updated, unchanged, skipped, message FROM sync_runs "
                                      "WHERE id IN (SELECT MAX(id) FROM sync_runs GROUP BY source) ORDER BY source"));
    std::vector<SyncRunRecord> runs;
    while (sqlite3_step(s.get()) == SQLITE_ROW) {
      SyncRunRecord run;
      run.source = s.Text(0);
      run.started = s.Int(1);
      run.finished = s.Int(2);
      run.outcome = s.Text(3);
      run.totals = {s.Int(4), s.Int(5), s.Int(6)};
      run.skipped = s.Int(7);
      run.message = s.Text(8);
      runs.push_back(std::move(run));
    }
    return runs;
  }

 private:
  absl::Status Error(absl::string_view what) {
    return absl::InternalError(absl::StrCat("sqlite ", what, ": ", sqlite3_errmsg(db_)));
  }

  absl::Status Exec(const std::string& sql) {
    char* message = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
      absl::Status status = absl::UnavailableError(absl::StrCat("sqlite: ", message ? message : "error", " (", sql.substr(0, 40), ")"));
      sqlite3_free(message);
      return status;
    }
    return absl::OkStatus();
  }

  absl::Status Step(Statement& s) {
    const int rc = sqlite3_step(s.get());
    s.Reset();
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? absl::OkStatus() : Error("step");
  }

  absl::Status Migrate(const std::string& path) {
    Statement version;
    CW_RETURN_IF_ERROR(version.Prepare(db_, "PRAGMA user_version"));
    int64_t current = 0;
    if (sqlite3_step(version.get()) == SQLITE_ROW) current = version.Int(0);
    version.Reset();
    const int64_t known = static_cast<int64_t>(std::size(kMigrations));
    if (current > known) {
      return absl::FailedPreconditionError(absl::StrCat(path, ": store schema version ", current, " is newer than this build (", known, ")"));
    }
    for (int64_t i = current; i < known; ++i) {
      CW_RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE"));
      absl::Status status = Exec(kMigrations[i]);
      if (status.ok()) status = Exec(absl::StrCat("PRAGMA user_version = ", i + 1));
      if (!status.ok()) {
        (void)Exec("ROLLBACK");
        return status;
      }
      CW_RETURN_IF_ERROR(Exec("COMMIT"));
    }
    return absl::OkStatus();
  }

  absl::Status PrepareAll() {
    auto make = [&](std::unique_ptr<Statement>& s, const char* sql) {
      s = std::make_unique<Statement>();
      return s->Prepare(db_, sql);
    };
    CW_RETURN_IF_ERROR(make(get_cursor_, "SELECT cursor FROM sources WHERE name = ?"));
    CW_RETURN_IF_ERROR(make(set_cursor_, "INSERT INTO sources(name, cursor, updated_at) VALUES (?1, ?2, ?3) ON CONFLICT(name) DO UPDATE SET cursor = ?2, updated_at = ?3"));
    CW_RETURN_IF_ERROR(make(find_, "SELECT id, version, content_hash, body, stored_at FROM records WHERE source = ? AND native_id = ?"));
    CW_RETURN_IF_ERROR(make(insert_, "INSERT INTO records(source, native_id, kind, effective, version, content_hash, body, stored_at) VALUES (?,?,?,?,1,?,?,?)"));
    CW_RETURN_IF_ERROR(make(archive_, "INSERT INTO record_versions(record_id, version, content_hash, body, stored_at) VALUES (?,?,?,?,?)"));
    CW_RETURN_IF_ERROR(make(update_, "UPDATE records SET kind = ?, effective = ?, version = version + 1, content_hash = ?, body = ?, stored_at = ? WHERE id = ?"));
    CW_RETURN_IF_ERROR(make(delete_links_, "DELETE FROM record_links WHERE record_id = ?"));
    CW_RETURN_IF_ERROR(make(insert_link_, "INSERT INTO record_links(record_id, relation, target) VALUES (?,?,?)"));
    CW_RETURN_IF_ERROR(make(delete_unmapped_, "DELETE FROM record_unmapped WHERE record_id = ?"));
    CW_RETURN_IF_ERROR(make(insert_unmapped_, "INSERT INTO record_unmapped(record_id, field, raw_value) VALUES (?,?,?)"));
    return absl::OkStatus();
  }

  absl::StatusOr<BatchResult> CommitLocked(const std::string& source, const std::vector<RecordToStore>& records,
                                           const std::string& cursor) {
    BatchResult result;
    const int64_t now = NowSeconds();
    for (const RecordToStore& item : records) {
      const Record& record = item.record;
      const Provenance& p = record.provenance;
      Statement& find = *find_;
      find.Bind(1, source);
      find.Bind(2, p.native_id);
      int64_t id = 0;
      bool exists = false;
      if (sqlite3_step(find.get()) == SQLITE_ROW) {
        exists = true;
        id = find.Int(0);
        if (find.Text(2) == p.content_hash) {
          find.Reset();
          ++result.unchanged;
          continue;
        }
        // The superseded version moves to the history table.
        Statement& archive = *archive_;
        archive.Bind(1, id);
        archive.Bind(2, find.Int(1));
        archive.Bind(3, find.Text(2));
        archive.Bind(4, find.Text(3));
        archive.Bind(5, find.Int(4));
        find.Reset();
        CW_RETURN_IF_ERROR(Step(archive));
      } else {
        find.Reset();
      }
      const std::string body = RecordToJson(record);
      if (exists) {
        Statement& update = *update_;
        update.Bind(1, record.kind);
        if (record.effective) update.Bind(2, *record.effective); else update.BindNull(2);
        update.Bind(3, p.content_hash);
        update.Bind(4, body);
        update.Bind(5, now);
        update.Bind(6, id);
        CW_RETURN_IF_ERROR(Step(update));
        delete_links_->Bind(1, id);
        CW_RETURN_IF_ERROR(Step(*delete_links_));
        delete_unmapped_->Bind(1, id);
        CW_RETURN_IF_ERROR(Step(*delete_unmapped_));
        ++result.updated;
      } else {
        Statement& insert = *insert_;
        insert.Bind(1, source);
        insert.Bind(2, p.native_id);
        insert.Bind(3, record.kind);
        if (record.effective) insert.Bind(4, *record.effective); else insert.BindNull(4);
        insert.Bind(5, p.content_hash);
        insert.Bind(6, body);
        insert.Bind(7, now);
        CW_RETURN_IF_ERROR(Step(insert));
        id = sqlite3_last_insert_rowid(db_);
        ++result.created;
      }
      for (const Link& link : record.links) {
        insert_link_->Bind(1, id);
        insert_link_->Bind(2, link.relation);
        insert_link_->Bind(3, link.target);
        CW_RETURN_IF_ERROR(Step(*insert_link_));
      }
      for (const auto& [field, raw] : item.unmapped) {
        insert_unmapped_->Bind(1, id);
        insert_unmapped_->Bind(2, field);
        insert_unmapped_->Bind(3, raw);
        CW_RETURN_IF_ERROR(Step(*insert_unmapped_));
      }
    }
    set_cursor_->Bind(1, source);
    set_cursor_->Bind(2, cursor);
    set_cursor_->Bind(3, now);
    CW_RETURN_IF_ERROR(Step(*set_cursor_));
    return result;
  }

  sqlite3* db_ = nullptr;
  std::mutex mutex_;
  std::unique_ptr<Statement> get_cursor_, set_cursor_, find_, insert_, archive_, update_, delete_links_,
      insert_link_, delete_unmapped_, insert_unmapped_;
};

}  // namespace

int SqliteSchemaVersion() { return static_cast<int>(std::size(kMigrations)); }

absl::StatusOr<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path) {
  auto store = std::make_unique<SqliteStore>();
  CW_RETURN_IF_ERROR(store->Open(path));
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace crosswalk
