#include "gateway/store/sqlite_store.h"

#include <sqlite3.h>

#include <algorithm>
#include <mutex>
#include <optional>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gateway/core/status_macros.h"
#include "gateway/store/file_guarded_store.h"
#include "gateway/store/record_json.h"
#include "gateway/store/sqlite_record_deletion.h"
#include "gateway/store/sqlite_run_undo.h"
#include "gateway/store/sqlite_schema.h"
#include "gateway/store/sqlite_source_removal.h"
#include "gateway/store/sqlite_statement.h"
#include "gateway/store/store_paging.h"

namespace crosswalk {
namespace {

// The SQLite store's preparation of a record: its body as stored.
struct EncodedRecord : PreparedRecord {
  explicit EncodedRecord(std::string text) : body(std::move(text)) {}
  std::string body;
};

class SqliteStore : public Store {
 public:
  ~SqliteStore() override {
    for (auto* s : {&insert_term_, &find_term_, &select_term_, &run_state_, &list_unmapped_, &get_cursor_, &set_cursor_, &find_, &insert_, &archive_, &update_, &delete_links_,
                    &insert_link_, &delete_unmapped_, &insert_unmapped_}) {
      s->reset();
    }
    sqlite3_close_v2(db_);
  }

  explicit SqliteStore(SqliteStoreOptions options)
      : before_statement_(std::move(options.before_statement)),
        clock_(options.clock != nullptr ? options.clock : SystemClock()) {}

  // Encoded with the terms committed so far; nullptr when the record needs a new term, which only
  // the commit's transaction may add (CommitLocked encodes it then).
  std::shared_ptr<const PreparedRecord> Prepare(const Record& record) const override {
    CommittedTermIds terms(terms_);
    absl::StatusOr<std::string> body = RecordToJson(record, terms);
    if (!body.ok()) return nullptr;
    return std::make_shared<EncodedRecord>(std::move(*body));
  }

  absl::Status Open(const std::string& path) {
    CW_RETURN_IF_ERROR(OpenSqliteFile(path, &db_, &before_statement_));
    CW_RETURN_IF_ERROR(PrepareAll());
    Statement count;
    CW_RETURN_IF_ERROR(count.Prepare(db_, "SELECT COUNT(*) FROM body_terms"));
    if (sqlite3_step(count.get()) != SQLITE_ROW) return Error("count body terms");
    terms_.SetTableSize(count.Int(0));
    return absl::OkStatus();
  }

  absl::StatusOr<BatchResult> CommitBatch(const std::string& source,
                                          const std::vector<RecordToStore>& records,
                                          const std::string& cursor) override {
    TransactionTerms terms = TermsOfTransaction();
    auto result = WriteTransaction([&] { return CommitLocked(source, records, cursor, terms); });
    if (result.ok()) terms.Commit();
    return result;
  }

  absl::Status BeginRun(const std::string& source) override {
    std::lock_guard<std::mutex> lock(mutex_);
    Statement s;
    CW_RETURN_IF_ERROR(s.Prepare(db_,
        "INSERT INTO sources(name, cursor, updated_at, run, run_pending, run_cursor) VALUES (?1, '', ?2, 1, 1, '') "
        "ON CONFLICT(name) DO UPDATE SET run = run + 1, run_pending = 1, run_cursor = cursor WHERE run_pending = 0"));
    s.Bind(1, source);
    s.Bind(2, clock_->NowSeconds());
    return Step(s);
  }

  absl::StatusOr<bool> RunPending(const std::string& source) override {
    std::lock_guard<std::mutex> lock(mutex_);
    CW_ASSIGN_OR_RETURN(RunState state, RunStateLocked(source));
    return state.pending;
  }

  absl::Status FinishRun(const std::string& source) override {
    std::lock_guard<std::mutex> lock(mutex_);
    Statement s;
    CW_RETURN_IF_ERROR(s.Prepare(db_, "UPDATE sources SET run_pending = 0 WHERE name = ?"));
    s.Bind(1, source);
    return Step(s);
  }

  absl::Status AbortRun(const std::string& source) override {
    return WriteTransaction([&]() -> absl::Status {
      CW_ASSIGN_OR_RETURN(RunState state, RunStateLocked(source));
      if (!state.pending) return absl::OkStatus();
      TransactionTerms terms = TermsOfTransaction();
      CW_RETURN_IF_ERROR(UndoRun(db_, source, state.run, terms, &before_statement_));
      Statement s;
      CW_RETURN_IF_ERROR(s.Prepare(db_, "UPDATE sources SET cursor = run_cursor, run_pending = 0 WHERE name = ?"));
      s.Bind(1, source);
      return Step(s);
    });
  }

  absl::StatusOr<SourceRemoval> RemoveSource(const std::string& source, bool keep_records) override {
    return WriteTransaction([&] { return RemoveSourceRows(db_, source, keep_records, &before_statement_); });
  }

  absl::StatusOr<DeletionResult> DeleteRecords(const std::string& source, const std::vector<std::string>& native_ids,
                                               const std::optional<std::string>& cursor) override {
    return WriteTransaction([&]() -> absl::StatusOr<DeletionResult> {
      CW_ASSIGN_OR_RETURN(const RunState state, RunStateLocked(source));
      const int64_t now = clock_->NowSeconds();
      CW_ASSIGN_OR_RETURN(DeletionResult deletion,
                          DeleteRecordRows(db_, source, native_ids, state.pending ? state.run : 0, now, &before_statement_));
      if (cursor) CW_RETURN_IF_ERROR(SetCursorLocked(source, *cursor, now));
      return deletion;
    });
  }

  absl::StatusOr<std::vector<std::string>> ListNativeIds(const std::string& source, const std::string& after,
                                                         int limit) override {
    std::lock_guard<std::mutex> lock(mutex_);
    Statement s;
    CW_RETURN_IF_ERROR(s.Prepare(db_,
        "SELECT native_id FROM records WHERE source = ? AND native_id > ? AND deleted_at IS NULL ORDER BY native_id LIMIT ?"));
    s.Bind(1, source);
    s.Bind(2, after);
    s.Bind(3, int64_t{std::max(limit, 1)});
    std::vector<std::string> ids;
    int rc;
    while ((rc = sqlite3_step(s.get())) == SQLITE_ROW) ids.push_back(s.Text(0));
    if (rc != SQLITE_DONE) return Error("list native ids");
    return ids;
  }

  absl::StatusOr<int64_t> RunsSinceReconciliation(const std::string& source) override {
    std::lock_guard<std::mutex> lock(mutex_);
    Statement s;
    CW_RETURN_IF_ERROR(s.Prepare(db_,
        "SELECT COUNT(*) FROM sync_runs WHERE source = ?1 AND outcome IN ('ok', 'warning') AND id > "
        "COALESCE((SELECT MAX(id) FROM sync_runs WHERE source = ?1 AND reconciled = 1), 0)"));
    s.Bind(1, source);
    if (sqlite3_step(s.get()) != SQLITE_ROW) return Error("runs since reconciliation");
    return s.Int(0);
  }

  absl::StatusOr<std::string> GetCursor(const std::string& source) override {
    std::lock_guard<std::mutex> lock(mutex_);
    Statement& s = *get_cursor_;
    s.Bind(1, source);
    std::string cursor;
    const int rc = sqlite3_step(s.get());
    if (rc == SQLITE_ROW) cursor = s.Text(0);
    // Never an empty cursor for a failed read: that would restart the source's sync.
    absl::Status status = rc == SQLITE_ROW || rc == SQLITE_DONE ? absl::OkStatus() : Error("get cursor");
    s.Reset();
    if (!status.ok()) return status;
    return cursor;
  }

  absl::StatusOr<RecordPage> ListRecords(const RecordFilter& filter) override {
    CW_ASSIGN_OR_RETURN(const int64_t after, ParsePageToken(filter.page_token));
    const int page_size = PageSize(filter.page_size);
    std::string sql = "SELECT id, version, stored_at, body, native_id, content_hash FROM records WHERE id > ? AND deleted_at IS NULL";
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
    PageCut<StoredRecord> cut(page_size, filter.size_of, filter.max_bytes);
    int rc;
    while ((rc = sqlite3_step(s.get())) == SQLITE_ROW) {
      StoredRecord stored;
      if (!cut.Full(page.records.size())) {
        stored.id = s.Int(0);
        stored.version = static_cast<int>(s.Int(1));
        stored.stored_at = s.Int(2);
        CW_ASSIGN_OR_RETURN(stored.record, ReadBody(s, 3, s.Text(4), 5));
      }
      if (cut.Full(page.records.size()) || !cut.Fits(stored, page.records.size())) {
        page.next_page_token = absl::StrCat(page.records.back().id);
        break;
      }
      page.records.push_back(std::move(stored));
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return Error("list records");
    return page;
  }

  absl::StatusOr<StoredRecord> GetRecord(const std::string& source, const std::string& native_id) override {
    std::lock_guard<std::mutex> lock(mutex_);
    Statement s;
    CW_RETURN_IF_ERROR(s.Prepare(db_, "SELECT id, version, stored_at, body, COALESCE(deleted_at, 0), content_hash FROM records WHERE source = ? AND native_id = ?"));
    s.Bind(1, source);
    s.Bind(2, native_id);
    if (const int rc = sqlite3_step(s.get()); rc != SQLITE_ROW) {
      if (rc != SQLITE_DONE) return Error("get record");  // BUSY or I/O: not "absent"
      return absl::NotFoundError(absl::StrCat("no record '", native_id, "' in source '", source, "'"));
    }
    StoredRecord stored;
    stored.id = s.Int(0);
    stored.version = static_cast<int>(s.Int(1));
    stored.stored_at = s.Int(2);
    stored.deleted_at = s.Int(4);
    CW_ASSIGN_OR_RETURN(stored.record, ReadBody(s, 3, native_id, 5));
    return stored;
  }

  absl::StatusOr<std::vector<StoredRecord>> History(const std::string& source, const std::string& native_id) override {
    CW_ASSIGN_OR_RETURN(StoredRecord current, GetRecord(source, native_id));
    std::lock_guard<std::mutex> lock(mutex_);
    Statement s;
    CW_RETURN_IF_ERROR(s.Prepare(db_, "SELECT version, stored_at, body, COALESCE(deleted_at, 0), content_hash FROM record_versions WHERE record_id = ? ORDER BY version"));
    s.Bind(1, current.id);
    std::vector<StoredRecord> history;
    int rc;
    while ((rc = sqlite3_step(s.get())) == SQLITE_ROW) {
      StoredRecord stored;
      stored.id = current.id;
      stored.version = static_cast<int>(s.Int(0));
      stored.stored_at = s.Int(1);
      stored.deleted_at = s.Int(3);
      CW_ASSIGN_OR_RETURN(stored.record, ReadBody(s, 2, native_id, 4));
      history.push_back(std::move(stored));
    }
    if (rc != SQLITE_DONE) return Error("history");
    return history;
  }

  absl::StatusOr<UnmappedPage> ListUnmapped(const UnmappedFilter& filter) override {
    CW_ASSIGN_OR_RETURN(const int64_t offset, ParsePageToken(filter.page_token));
    const int page_size = PageSize(filter.page_size);
    std::lock_guard<std::mutex> lock(mutex_);
    Statement s;
    CW_RETURN_IF_ERROR(s.Prepare(db_,
        "SELECT r.source, u.field, u.raw_value, COUNT(*), MIN(r.native_id) FROM record_unmapped u "
        "JOIN records r ON r.id = u.record_id WHERE (?1 = '' OR r.source = ?1) "
        "GROUP BY r.source, u.field, u.raw_value ORDER BY r.source, u.field, COUNT(*) DESC, u.raw_value "
        "LIMIT ?2 OFFSET ?3"));
    s.Bind(1, filter.source);
    s.Bind(2, int64_t{page_size} + 1);
    s.Bind(3, offset);
    UnmappedPage page;
    PageCut<UnmappedCount> cut(page_size, filter.size_of, filter.max_bytes);
    int rc;
    while ((rc = sqlite3_step(s.get())) == SQLITE_ROW) {
      UnmappedCount value{s.Text(0), s.Text(1), s.Text(2), s.Int(3), s.Text(4)};
      if (cut.Full(page.values.size()) || !cut.Fits(value, page.values.size())) {
        page.next_page_token = absl::StrCat(offset + static_cast<int64_t>(page.values.size()));
        break;
      }
      page.values.push_back(std::move(value));
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return Error("list unmapped values");
    return page;
  }

  absl::StatusOr<SourceCounts> Counts(const std::string& source) override {
    std::lock_guard<std::mutex> lock(mutex_);
    Statement s;
    CW_RETURN_IF_ERROR(s.Prepare(db_, "SELECT COALESCE(SUM(deleted_at IS NULL), 0), COALESCE(SUM(CASE WHEN deleted_at IS NULL THEN version END), 0), "
                                      "COALESCE(SUM(deleted_at IS NOT NULL), 0) FROM records WHERE (?1 = '' OR source = ?1)"));
    s.Bind(1, source);
    SourceCounts counts;
    if (sqlite3_step(s.get()) != SQLITE_ROW) return Error("counts");
    {
      counts.records = s.Int(0);
      counts.versions = s.Int(1);
      counts.deleted = s.Int(2);
    }
    return counts;
  }

  // One gateway per file: the sync engine's own bookkeeping serialises the runs of a source.
  absl::StatusOr<std::unique_ptr<SourceLease>> TryLeaseSource(const std::string&) override {
    struct Granted : SourceLease {
      absl::Status Check() override { return absl::OkStatus(); }
    };
    return std::make_unique<Granted>();
  }

  absl::Status AddSyncRun(const SyncRunRecord& run) override {
    std::lock_guard<std::mutex> lock(mutex_);
    Statement s;
    CW_RETURN_IF_ERROR(s.Prepare(db_, "INSERT INTO sync_runs(source, started, finished, outcome, created, updated, unchanged, skipped, message, deleted, reconciled) "
                                      "VALUES (?,?,?,?,?,?,?,?,?,?,?)"));
    s.Bind(1, run.source);
    s.Bind(2, run.started);
    s.Bind(3, run.finished);
    s.Bind(4, run.outcome);
    s.Bind(5, run.totals.created);
    s.Bind(6, run.totals.updated);
    s.Bind(7, run.totals.unchanged);
    s.Bind(8, run.skipped);
    s.Bind(9, run.message);
    s.Bind(10, run.totals.deleted);
    s.Bind(11, int64_t{run.reconciled ? 1 : 0});
    return Step(s);
  }

  absl::StatusOr<std::vector<SyncRunRecord>> LastRuns() override {
    std::lock_guard<std::mutex> lock(mutex_);
    Statement s;
    CW_RETURN_IF_ERROR(s.Prepare(db_, "SELECT source, started, finished, outcome, created, updated, unchanged, skipped, message, deleted, reconciled FROM sync_runs "
                                      "WHERE id IN (SELECT MAX(id) FROM sync_runs GROUP BY source) ORDER BY source"));
    std::vector<SyncRunRecord> runs;
    int rc;
    while ((rc = sqlite3_step(s.get())) == SQLITE_ROW) {
      SyncRunRecord run;
      run.source = s.Text(0);
      run.started = s.Int(1);
      run.finished = s.Int(2);
      run.outcome = s.Text(3);
      run.totals = {s.Int(4), s.Int(5), s.Int(6), s.Int(9)};
      run.reconciled = s.Int(10) != 0;
      run.skipped = s.Int(7);
      run.message = s.Text(8);
      runs.push_back(std::move(run));
    }
    if (rc != SQLITE_DONE) return Error("last runs");
    return runs;
  }

 private:
  // The record in column `body` of `s`'s current row, whose native id is `native_id` and whose
  // content hash is in column `hash`. Runs under the store's lock, outside a write transaction:
  // every term it reads is committed.
  absl::StatusOr<Record> ReadBody(Statement& s, int body, const std::string& native_id, int hash) {
    CachedTermTexts terms(terms_, [this](int64_t id) { return SelectTerm(id); });
    const std::string content_hash = s.Text(hash);
    return RecordFromJson(s.Text(body), {native_id, content_hash}, &terms);
  }

  // The text of body term `id`; NOT_FOUND when the table has none.
  absl::StatusOr<std::string> SelectTerm(int64_t id) {
    Statement& s = *select_term_;
    s.Bind(1, id);
    const int rc = sqlite3_step(s.get());
    std::string term = rc == SQLITE_ROW ? s.Text(0) : std::string();
    s.Reset();
    if (rc == SQLITE_DONE) return absl::NotFoundError("no such body term");
    if (rc != SQLITE_ROW) return Error("read body term");
    return term;
  }

  // The terms of a write transaction: added to the table as the transaction needs them.
  TransactionTerms TermsOfTransaction() {
    return TransactionTerms(
        terms_,
        [this](absl::string_view term) -> absl::StatusOr<int64_t> {
          const std::string text(term);
          insert_term_->Bind(1, text);
          CW_RETURN_IF_ERROR(Step(*insert_term_));
          Statement& find = *find_term_;
          find.Bind(1, text);
          const int rc = sqlite3_step(find.get());
          const int64_t id = rc == SQLITE_ROW ? find.Int(0) : 0;
          find.Reset();
          if (rc != SQLITE_ROW) return Error("find body term");
          return id;
        },
        [this](int64_t id) { return SelectTerm(id); });
  }

  // The store's error for the connection's last failure, with the code Store documents.
  absl::Status Error(absl::string_view what) { return SqliteError(db_, what); }

  absl::Status Exec(const std::string& sql) { return ExecSql(db_, sql, &before_statement_); }
  absl::Status Step(Statement& s) { return StepOnce(db_, s, "step", &before_statement_); }
  // Commits the open transaction when `status` is OK, else rolls it back; a failed COMMIT is
  // rolled back too, so the connection never stays inside a transaction after an error.
  absl::Status EndTransaction(absl::Status status) {
    if (status.ok()) status = Exec("COMMIT");
    if (!status.ok() && !sqlite3_get_autocommit(db_)) (void)Exec("ROLLBACK");
    return status;
  }

  // Runs `body` (returning a Status or a StatusOr) under the store's lock inside BEGIN IMMEDIATE …
  // COMMIT; its failure, or the COMMIT's, rolls everything back.
  template <typename Body>
  auto WriteTransaction(Body body) -> decltype(body()) {
    std::lock_guard<std::mutex> lock(mutex_);
    CW_RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE"));
    auto result = body();
    if (absl::Status status = EndTransaction(StatusOf(result)); !status.ok()) return status;
    return result;
  }
  static absl::Status StatusOf(const absl::Status& status) { return status; }
  template <typename T>
  static absl::Status StatusOf(const absl::StatusOr<T>& result) { return result.status(); }

  struct RunState {
    int64_t run = 0;
    bool pending = false;
  };
  absl::StatusOr<RunState> RunStateLocked(const std::string& source) {
    Statement& s = *run_state_;
    s.Bind(1, source);
    RunState state;
    const int rc = sqlite3_step(s.get());
    if (rc == SQLITE_ROW) state = {s.Int(0), s.Int(1) != 0};
    s.Reset();
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return Error("run state");
    return state;
  }

  absl::Status PrepareAll() {
    auto make = [&](std::unique_ptr<Statement>& s, const char* sql) {
      s = std::make_unique<Statement>();
      return s->Prepare(db_, sql);
    };
    CW_RETURN_IF_ERROR(make(insert_term_, "INSERT INTO body_terms(term) VALUES (?) ON CONFLICT(term) DO NOTHING"));
    CW_RETURN_IF_ERROR(make(find_term_, "SELECT id FROM body_terms WHERE term = ?"));
    CW_RETURN_IF_ERROR(make(select_term_, "SELECT term FROM body_terms WHERE id = ?"));
    CW_RETURN_IF_ERROR(make(get_cursor_, "SELECT cursor FROM sources WHERE name = ?"));
    CW_RETURN_IF_ERROR(make(set_cursor_, "INSERT INTO sources(name, cursor, updated_at) VALUES (?1, ?2, ?3) ON CONFLICT(name) DO UPDATE SET cursor = ?2, updated_at = ?3"));
    CW_RETURN_IF_ERROR(make(run_state_, "SELECT run, run_pending FROM sources WHERE name = ?"));
    CW_RETURN_IF_ERROR(make(find_, "SELECT id, version, content_hash, body, stored_at, deleted_at FROM records WHERE source = ? AND native_id = ?"));
    CW_RETURN_IF_ERROR(make(insert_, "INSERT INTO records(source, native_id, kind, effective, version, content_hash, body, stored_at, created_run) VALUES (?,?,?,?,1,?,?,?,?) ON CONFLICT(source, native_id) DO NOTHING"));
    CW_RETURN_IF_ERROR(make(archive_, "INSERT INTO record_versions(record_id, version, content_hash, body, stored_at, superseded_run, unmapped, deleted_at) VALUES (?,?,?,?,?,?,?,?)"));
    CW_RETURN_IF_ERROR(make(list_unmapped_, "SELECT field, raw_value FROM record_unmapped WHERE record_id = ?"));
    CW_RETURN_IF_ERROR(make(update_, "UPDATE records SET kind = ?, effective = ?, version = version + 1, content_hash = ?, body = ?, stored_at = ?, deleted_at = NULL WHERE id = ?"));
    CW_RETURN_IF_ERROR(make(delete_links_, "DELETE FROM record_links WHERE record_id = ?"));
    CW_RETURN_IF_ERROR(make(insert_link_, "INSERT INTO record_links(record_id, relation, target) VALUES (?,?,?)"));
    CW_RETURN_IF_ERROR(make(delete_unmapped_, "DELETE FROM record_unmapped WHERE record_id = ?"));
    CW_RETURN_IF_ERROR(make(insert_unmapped_, "INSERT INTO record_unmapped(record_id, field, raw_value) VALUES (?,?,?)"));
    return absl::OkStatus();
  }

  absl::StatusOr<BatchResult> CommitLocked(const std::string& source, const std::vector<RecordToStore>& records,
                                           const std::string& cursor, TransactionTerms& terms) {
    BatchResult result;
    const int64_t now = clock_->NowSeconds();
    // While a run is pending, what it creates and supersedes carries its number (AbortRun).
    CW_ASSIGN_OR_RETURN(const RunState state, RunStateLocked(source));
    const int64_t run = state.pending ? state.run : 0;
    // Records of a first load are new: try the insert first and look for a stored version only
    // when it conflicts. After a stored record, look first (a re-read is mostly unchanged rows).
    bool likely_new = false;
    std::string encoded;
    for (const RecordToStore& item : records) {
      const Record& record = item.record;
      // A preparation is this store's own (Prepare): an EncodedRecord.
      const auto* prepared = dynamic_cast<const EncodedRecord*>(item.prepared.get());
      if (prepared == nullptr) {
        CW_ASSIGN_OR_RETURN(encoded, RecordToJson(record, terms));
      }
      const std::string& body = prepared == nullptr ? encoded : prepared->body;
      int64_t id = 0;
      bool created = false;
      if (likely_new) {
        CW_ASSIGN_OR_RETURN(created, InsertNew(source, record, body, now, run, &id));
      }
      if (!created) {
        CW_ASSIGN_OR_RETURN(const Outcome outcome, Upsert(source, record, body, item.reread, now, run, terms, &id));
        created = outcome == Outcome::kCreated;
        if (outcome == Outcome::kUnchanged) {
          ++result.unchanged;
          likely_new = false;
          continue;
        }
        if (outcome == Outcome::kUpdated) ++result.updated;
      }
      if (created) ++result.created;
      likely_new = created;
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
    CW_RETURN_IF_ERROR(SetCursorLocked(source, cursor, now));
    return result;
  }

  absl::Status SetCursorLocked(const std::string& source, const std::string& cursor, int64_t now) {
    set_cursor_->Bind(1, source);
    set_cursor_->Bind(2, cursor);
    set_cursor_->Bind(3, now);
    return Step(*set_cursor_);
  }

  // Inserts `record` unless its key is stored; true (and its id) when it was inserted.
  absl::StatusOr<bool> InsertNew(const std::string& source, const Record& record, const std::string& body,
                                 int64_t now, int64_t run, int64_t* id) {
    Statement& insert = *insert_;
    insert.Bind(1, source);
    insert.Bind(2, record.provenance.native_id);
    insert.Bind(3, record.kind);
    if (record.effective) insert.Bind(4, *record.effective); else insert.BindNull(4);
    insert.Bind(5, record.provenance.content_hash);
    insert.Bind(6, body);
    insert.Bind(7, now);
    insert.Bind(8, run);
    CW_RETURN_IF_ERROR(Step(insert));
    if (sqlite3_changes(db_) == 0) return false;
    *id = sqlite3_last_insert_rowid(db_);
    return true;
  }

  enum class Outcome { kCreated, kUpdated, kUnchanged };
  // Looks the record up: unchanged when its content hash is the stored one (and it is not deleted); otherwise the stored
  // version moves to the history table and the record takes its place (its links and unmapped
  // values are dropped for the caller to write anew); inserted when absent.
  absl::StatusOr<Outcome> Upsert(const std::string& source, const Record& record, const std::string& body,
                                 bool reread, int64_t now, int64_t run, TermTexts& terms, int64_t* id) {
    const Provenance& p = record.provenance;
    Statement& find = *find_;
    find.Bind(1, source);
    find.Bind(2, p.native_id);
    if (const int rc = sqlite3_step(find.get()); rc != SQLITE_ROW) {
      find.Reset();
      if (rc != SQLITE_DONE) return Error("find record");
      CW_ASSIGN_OR_RETURN(const bool inserted, InsertNew(source, record, body, now, run, id));
      if (!inserted) return Error("insert of a record that was not there");
      return Outcome::kCreated;
    }
    *id = find.Int(0);
    // A deleted record the source has again comes back as a new version, whatever its content.
    const bool deleted = sqlite3_column_type(find.get(), 5) != SQLITE_NULL;
    const int64_t deleted_at = find.Int(5);
    if (!deleted && find.Text(2) == p.content_hash &&
        (!reread || SameNormalisedBody(find.Text(3), {p.native_id, p.content_hash}, &terms, record))) {
      find.Reset();
      return Outcome::kUnchanged;
    }
    Statement& archive = *archive_;
    archive.Bind(1, *id);
    archive.Bind(2, find.Int(1));
    archive.Bind(3, find.Text(2));
    archive.Bind(4, find.Text(3));
    archive.Bind(5, find.Int(4));
    find.Reset();
    archive.Bind(6, run);
    std::string unmapped;
    if (run != 0) {
      CW_ASSIGN_OR_RETURN(unmapped, UnmappedOf(*id));
    }
    archive.Bind(7, unmapped);
    if (deleted) archive.Bind(8, deleted_at); else archive.BindNull(8);
    CW_RETURN_IF_ERROR(Step(archive));
    Statement& update = *update_;
    update.Bind(1, record.kind);
    if (record.effective) update.Bind(2, *record.effective); else update.BindNull(2);
    update.Bind(3, p.content_hash);
    update.Bind(4, body);
    update.Bind(5, now);
    update.Bind(6, *id);
    CW_RETURN_IF_ERROR(Step(update));
    delete_links_->Bind(1, *id);
    CW_RETURN_IF_ERROR(Step(*delete_links_));
    delete_unmapped_->Bind(1, *id);
    CW_RETURN_IF_ERROR(Step(*delete_unmapped_));
    return Outcome::kUpdated;
  }

  // The record's unmapped values as record_versions.unmapped keeps them.
  absl::StatusOr<std::string> UnmappedOf(int64_t record_id) {
    Statement& s = *list_unmapped_;
    s.Bind(1, record_id);
    UnmappedPairs pairs;
    int rc;
    while ((rc = sqlite3_step(s.get())) == SQLITE_ROW) pairs.emplace_back(s.Text(0), s.Text(1));
    s.Reset();
    if (rc != SQLITE_DONE) return Error("unmapped values");
    return EncodeUnmapped(pairs);
  }

  sqlite3* db_ = nullptr;
  std::mutex mutex_;
  mutable BodyTermCache terms_;
  const StatementHook before_statement_;
  Clock* const clock_;
  std::unique_ptr<Statement> insert_term_, find_term_, select_term_, run_state_, list_unmapped_, get_cursor_, set_cursor_, find_, insert_, archive_, update_, delete_links_,
      insert_link_, delete_unmapped_, insert_unmapped_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path, SqliteStoreOptions options) {
  auto store = std::make_unique<SqliteStore>(std::move(options));
  CW_RETURN_IF_ERROR(store->Open(path));
  return GuardStoreFile(std::move(store), path);
}

}  // namespace crosswalk
