#include "gateway/store/postgres/postgres_store.h"

#include <algorithm>
#include <map>
#include <mutex>
#include <optional>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gateway/core/status_macros.h"
#include "gateway/store/postgres/pg_record_writes.h"
#include "gateway/store/postgres/pg_schema.h"
#include "gateway/store/record_json.h"
#include "gateway/store/store_paging.h"

namespace crosswalk {
namespace {

// The PostgreSQL store's preparation of a record: its body as stored.
struct EncodedRecord : PreparedRecord {
  explicit EncodedRecord(std::string text) : body(std::move(text)) {}
  std::string body;
};

// A session advisory lock on a connection of its own: held while the session lives.
class PgSourceLease : public SourceLease {
 public:
  PgSourceLease(std::unique_ptr<PgConnection> db, std::string source) : db_(std::move(db)), source_(std::move(source)) {}
  absl::Status Check() override {
    std::lock_guard<std::mutex> lock(mutex_);
    absl::Status alive = db_->Query("SELECT 1").status();
    if (alive.ok()) return alive;
    return absl::UnavailableError(absl::StrCat("the lease on syncing ", source_, " was lost (", alive.message(),
                                               "): another gateway may sync it now"));
  }

 private:
  std::mutex mutex_;
  mutable BodyTermCache terms_;
  const std::unique_ptr<PgConnection> db_;  // closing it releases the lock
  const std::string source_;
};

class PostgresStore : public Store {
 public:
  PostgresStore(std::unique_ptr<PgConnection> db, PgTarget target, Clock* clock)
      : db_(std::move(db)), target_(std::move(target)), clock_(clock) {}

  // How many body terms the database holds (read once at open).
  void SetTermTableSize(int64_t size) { terms_.SetTableSize(size); }

  // Encoded with the terms committed so far; nullptr when the record needs a new term, which only
  // the commit's transaction may add.
  std::shared_ptr<const PreparedRecord> Prepare(const Record& record) const override {
    CommittedTermIds terms(terms_);
    absl::StatusOr<std::string> body = RecordToJson(record, terms);
    if (!body.ok()) return nullptr;
    return std::make_shared<EncodedRecord>(std::move(*body));
  }

  absl::StatusOr<BatchResult> CommitBatch(const std::string& source, const std::vector<RecordToStore>& records,
                                          const std::string& cursor) override {
    std::lock_guard<std::mutex> lock(mutex_);
    TransactionTerms terms = TermsOfTransaction();
    auto result = db_->Transaction([&]() -> absl::StatusOr<BatchResult> {
      std::vector<const std::string*> bodies;
      std::vector<std::string> encoded(records.size());
      for (size_t i = 0; i < records.size(); ++i) {
        const auto* prepared = dynamic_cast<const EncodedRecord*>(records[i].prepared.get());
        if (prepared == nullptr) {
          CW_ASSIGN_OR_RETURN(encoded[i], RecordToJson(records[i].record, terms));
        }
        bodies.push_back(prepared == nullptr ? &encoded[i] : &prepared->body);
      }
      CW_ASSIGN_OR_RETURN(const PgRunState state, ReadRunState(*db_, source));
      const int64_t now = clock_->NowSeconds();
      CW_ASSIGN_OR_RETURN(BatchResult result,
                          CommitRecordRows(*db_, source, records, bodies, state.pending ? state.run : 0, now, terms));
      CW_RETURN_IF_ERROR(SetCursor(source, cursor, now));
      return result;
    });
    if (result.ok()) terms.Commit();
    return result;
  }

  absl::Status BeginRun(const std::string& source) override {
    std::lock_guard<std::mutex> lock(mutex_);
    return db_->Write(
        "INSERT INTO sources(name, cursor, updated_at, run, run_pending, run_cursor) VALUES ($1, '', $2, 1, true, '') "
        "ON CONFLICT(name) DO UPDATE SET run = sources.run + 1, run_pending = true, run_cursor = sources.cursor "
        "WHERE NOT sources.run_pending",
        {source, PgInt(clock_->NowSeconds())}).status();
  }

  absl::StatusOr<bool> RunPending(const std::string& source) override {
    std::lock_guard<std::mutex> lock(mutex_);
    CW_ASSIGN_OR_RETURN(const PgRunState state, ReadRunState(*db_, source));
    return state.pending;
  }

  absl::Status FinishRun(const std::string& source) override {
    std::lock_guard<std::mutex> lock(mutex_);
    return db_->Write("UPDATE sources SET run_pending = false WHERE name = $1", {source}).status();
  }

  absl::Status AbortRun(const std::string& source) override {
    std::lock_guard<std::mutex> lock(mutex_);
    return db_->Transaction([&]() -> absl::Status {
      CW_ASSIGN_OR_RETURN(const PgRunState state, ReadRunState(*db_, source));
      if (!state.pending) return absl::OkStatus();
      TransactionTerms terms = TermsOfTransaction();
      CW_RETURN_IF_ERROR(UndoRunRows(*db_, source, state.run, terms));
      return db_->Write("UPDATE sources SET cursor = run_cursor, run_pending = false WHERE name = $1", {source}).status();
    });
  }

  absl::StatusOr<DeletionResult> DeleteRecords(const std::string& source, const std::vector<std::string>& native_ids,
                                               const std::optional<std::string>& cursor) override {
    std::lock_guard<std::mutex> lock(mutex_);
    return db_->Transaction([&]() -> absl::StatusOr<DeletionResult> {
      CW_ASSIGN_OR_RETURN(const PgRunState state, ReadRunState(*db_, source));
      const int64_t now = clock_->NowSeconds();
      CW_ASSIGN_OR_RETURN(DeletionResult deletion, DeleteRecordRowsPg(*db_, source, native_ids, state.pending ? state.run : 0, now));
      if (cursor) CW_RETURN_IF_ERROR(SetCursor(source, *cursor, now));
      return deletion;
    });
  }

  absl::StatusOr<std::vector<std::string>> ListNativeIds(const std::string& source, const std::string& after,
                                                         int limit) override {
    std::lock_guard<std::mutex> lock(mutex_);
    CW_ASSIGN_OR_RETURN(PgResult rows, db_->Query(
        "SELECT native_id FROM records WHERE source = $1 AND native_id > $2 AND deleted_at IS NULL ORDER BY native_id LIMIT $3",
        {source, after, PgInt(std::max(limit, 1))}));
    std::vector<std::string> ids;
    for (int i = 0; i < rows.rows(); ++i) ids.push_back(rows.Text(i, 0));
    return ids;
  }

  absl::StatusOr<int64_t> RunsSinceReconciliation(const std::string& source) override {
    std::lock_guard<std::mutex> lock(mutex_);
    CW_ASSIGN_OR_RETURN(PgResult rows, db_->Query(
        "SELECT COUNT(*) FROM sync_runs WHERE source = $1 AND outcome IN ('ok', 'warning') AND id > "
        "COALESCE((SELECT MAX(id) FROM sync_runs WHERE source = $1 AND reconciled), 0)", {source}));
    return rows.Int(0, 0);
  }

  absl::StatusOr<std::string> GetCursor(const std::string& source) override {
    std::lock_guard<std::mutex> lock(mutex_);
    CW_ASSIGN_OR_RETURN(PgResult rows, db_->Query("SELECT cursor FROM sources WHERE name = $1", {source}));
    return rows.rows() == 0 ? std::string() : rows.Text(0, 0);
  }

  absl::StatusOr<RecordPage> ListRecords(const RecordFilter& filter) override {
    CW_ASSIGN_OR_RETURN(const int64_t after, ParsePageToken(filter.page_token));
    const int page_size = PageSize(filter.page_size);
    // Lists of values are one array parameter each, so that the statement's text (and so its
    // prepared form) depends only on which filters are set.
    std::string sql = "SELECT id, version, stored_at, body, native_id, content_hash FROM records WHERE id > $1 AND deleted_at IS NULL";
    std::vector<PgParam> params = {PgInt(after)};
    auto next = [&](PgParam value) {
      params.push_back(std::move(value));
      return absl::StrCat("$", params.size());
    };
    if (!filter.kind.empty()) absl::StrAppend(&sql, " AND kind = ", next(filter.kind));
    if (!filter.source.empty()) absl::StrAppend(&sql, " AND source = ", next(filter.source));
    if (filter.clause_filter) {
      std::vector<std::string> parts;
      if (!filter.kinds.empty()) parts.push_back(absl::StrCat("kind = ANY(", next(PgTextArray(filter.kinds)), "::text[])"));
      if (!filter.link_targets.empty()) {
        parts.push_back(absl::StrCat("id IN (SELECT record_id FROM record_links WHERE target = ANY(",
                                     next(PgTextArray(filter.link_targets)), "::text[]))"));
      }
      sql += parts.empty() ? " AND false" : absl::StrCat(" AND (", absl::StrJoin(parts, " OR "), ")");
    }
    if (filter.effective_from) absl::StrAppend(&sql, " AND effective >= ", next(PgInt(*filter.effective_from)));
    if (filter.effective_to) absl::StrAppend(&sql, " AND effective <= ", next(PgInt(*filter.effective_to)));
    absl::StrAppend(&sql, " ORDER BY id LIMIT ", next(PgInt(int64_t{page_size} + 1)));
    std::lock_guard<std::mutex> lock(mutex_);
    CW_ASSIGN_OR_RETURN(PgResult rows, db_->Query(sql, params));
    RecordPage page;
    PageCut<StoredRecord> cut(page_size, filter.size_of, filter.max_bytes);
    for (int i = 0; i < rows.rows(); ++i) {
      StoredRecord stored;
      if (!cut.Full(page.records.size())) {
        stored.id = rows.Int(i, 0);
        stored.version = static_cast<int>(rows.Int(i, 1));
        stored.stored_at = rows.Int(i, 2);
        CW_ASSIGN_OR_RETURN(stored.record, ReadBody(rows.Text(i, 3), rows.Text(i, 4), rows.Text(i, 5)));
      }
      if (cut.Full(page.records.size()) || !cut.Fits(stored, page.records.size())) {
        page.next_page_token = absl::StrCat(page.records.back().id);
        break;
      }
      page.records.push_back(std::move(stored));
    }
    return page;
  }

  absl::StatusOr<StoredRecord> GetRecord(const std::string& source, const std::string& native_id) override {
    std::lock_guard<std::mutex> lock(mutex_);
    return GetRecordLocked(source, native_id);
  }

  absl::StatusOr<std::vector<StoredRecord>> History(const std::string& source, const std::string& native_id) override {
    std::lock_guard<std::mutex> lock(mutex_);
    CW_ASSIGN_OR_RETURN(StoredRecord current, GetRecordLocked(source, native_id));
    CW_ASSIGN_OR_RETURN(PgResult rows, db_->Query(
        "SELECT version, stored_at, body, COALESCE(deleted_at, 0), content_hash FROM record_versions WHERE record_id = $1 ORDER BY version",
        {PgInt(current.id)}));
    std::vector<StoredRecord> history;
    for (int i = 0; i < rows.rows(); ++i) {
      StoredRecord stored;
      stored.id = current.id;
      stored.version = static_cast<int>(rows.Int(i, 0));
      stored.stored_at = rows.Int(i, 1);
      stored.deleted_at = rows.Int(i, 3);
      CW_ASSIGN_OR_RETURN(stored.record, ReadBody(rows.Text(i, 2), native_id, rows.Text(i, 4)));
      history.push_back(std::move(stored));
    }
    return history;
  }

  absl::StatusOr<UnmappedPage> ListUnmapped(const UnmappedFilter& filter) override {
    CW_ASSIGN_OR_RETURN(const int64_t offset, ParsePageToken(filter.page_token));
    const int page_size = PageSize(filter.page_size);
    std::lock_guard<std::mutex> lock(mutex_);
    CW_ASSIGN_OR_RETURN(PgResult rows, db_->Query(
        "SELECT r.source, u.field, u.raw_value, COUNT(*), MIN(r.native_id) FROM record_unmapped u "
        "JOIN records r ON r.id = u.record_id WHERE ($1 = '' OR r.source = $1) "
        "GROUP BY r.source, u.field, u.raw_value ORDER BY r.source, u.field, COUNT(*) DESC, u.raw_value "
        "LIMIT $2 OFFSET $3",
        {filter.source, PgInt(int64_t{page_size} + 1), PgInt(offset)}));
    UnmappedPage page;
    PageCut<UnmappedCount> cut(page_size, filter.size_of, filter.max_bytes);
    for (int i = 0; i < rows.rows(); ++i) {
      UnmappedCount value{rows.Text(i, 0), rows.Text(i, 1), rows.Text(i, 2), rows.Int(i, 3), rows.Text(i, 4)};
      if (cut.Full(page.values.size()) || !cut.Fits(value, page.values.size())) {
        page.next_page_token = absl::StrCat(offset + static_cast<int64_t>(page.values.size()));
        break;
      }
      page.values.push_back(std::move(value));
    }
    return page;
  }

  absl::StatusOr<SourceCounts> Counts(const std::string& source) override {
    std::lock_guard<std::mutex> lock(mutex_);
    CW_ASSIGN_OR_RETURN(PgResult rows, db_->Query(
        "SELECT COUNT(*) FILTER (WHERE deleted_at IS NULL), COALESCE(SUM(version) FILTER (WHERE deleted_at IS NULL), 0), "
        "COUNT(*) FILTER (WHERE deleted_at IS NOT NULL) FROM records WHERE ($1 = '' OR source = $1)", {source}));
    return SourceCounts{rows.Int(0, 0), rows.Int(0, 1), rows.Int(0, 2)};
  }

  absl::StatusOr<SourceRemoval> RemoveSource(const std::string& source, bool keep_records) override {
    std::lock_guard<std::mutex> lock(mutex_);
    return db_->Transaction([&] { return RemoveSourceRowsPg(*db_, source, keep_records); });
  }

  absl::StatusOr<std::unique_ptr<SourceLease>> TryLeaseSource(const std::string& source) override {
    CW_ASSIGN_OR_RETURN(std::unique_ptr<PgConnection> db, PgConnection::Connect(target_));
    db->NeverReconnect();
    // The lock's key: the first 64 bits of the MD5 of the source's name (pg_locks shows them as
    // classid and objid).
    CW_ASSIGN_OR_RETURN(PgResult taken, db->Query("SELECT pg_try_advisory_lock(('x' || substr(md5($1), 1, 16))::bit(64)::bigint)",
                                                  {absl::StrCat("crosswalk source ", source)}));
    if (taken.Text(0, 0) != "t") return nullptr;
    return std::make_unique<PgSourceLease>(std::move(db), source);
  }

  absl::Status AddSyncRun(const SyncRunRecord& run) override {
    std::lock_guard<std::mutex> lock(mutex_);
    return db_->Write(
        "INSERT INTO sync_runs(source, started, finished, outcome, created, updated, unchanged, skipped, message, deleted, reconciled) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        {run.source, PgInt(run.started), PgInt(run.finished), run.outcome, PgInt(run.totals.created),
         PgInt(run.totals.updated), PgInt(run.totals.unchanged), PgInt(run.skipped), run.message,
         PgInt(run.totals.deleted), std::string(run.reconciled ? "true" : "false")}).status();
  }

  absl::StatusOr<std::vector<SyncRunRecord>> LastRuns() override {
    std::lock_guard<std::mutex> lock(mutex_);
    CW_ASSIGN_OR_RETURN(PgResult rows, db_->Query(
        "SELECT source, started, finished, outcome, created, updated, unchanged, skipped, message, deleted, reconciled "
        "FROM sync_runs WHERE id IN (SELECT MAX(id) FROM sync_runs GROUP BY source) ORDER BY source"));
    std::vector<SyncRunRecord> runs;
    for (int i = 0; i < rows.rows(); ++i) {
      SyncRunRecord run;
      run.source = rows.Text(i, 0);
      run.started = rows.Int(i, 1);
      run.finished = rows.Int(i, 2);
      run.outcome = rows.Text(i, 3);
      run.totals = {rows.Int(i, 4), rows.Int(i, 5), rows.Int(i, 6), rows.Int(i, 9)};
      run.skipped = rows.Int(i, 7);
      run.message = rows.Text(i, 8);
      run.reconciled = rows.Text(i, 10) == "t";
      runs.push_back(std::move(run));
    }
    return runs;
  }

 private:
  absl::Status SetCursor(const std::string& source, const std::string& cursor, int64_t now) {
    return db_->Write("INSERT INTO sources(name, cursor, updated_at) VALUES ($1, $2, $3) "
                      "ON CONFLICT(name) DO UPDATE SET cursor = EXCLUDED.cursor, updated_at = EXCLUDED.updated_at",
                      {source, cursor, PgInt(now)}).status();
  }

  absl::StatusOr<StoredRecord> GetRecordLocked(const std::string& source, const std::string& native_id) {
    CW_ASSIGN_OR_RETURN(PgResult rows, db_->Query(
        "SELECT id, version, stored_at, body, COALESCE(deleted_at, 0), content_hash FROM records WHERE source = $1 AND native_id = $2",
        {source, native_id}));
    if (rows.rows() == 0) return absl::NotFoundError(absl::StrCat("no record '", native_id, "' in source '", source, "'"));
    StoredRecord stored;
    stored.id = rows.Int(0, 0);
    stored.version = static_cast<int>(rows.Int(0, 1));
    stored.stored_at = rows.Int(0, 2);
    stored.deleted_at = rows.Int(0, 4);
    CW_ASSIGN_OR_RETURN(stored.record, ReadBody(rows.Text(0, 3), native_id, rows.Text(0, 5)));
    return stored;
  }

  // A stored body, read under the store's lock outside a write transaction: every term it reads
  // is committed.
  absl::StatusOr<Record> ReadBody(const std::string& body, const std::string& native_id, const std::string& content_hash) {
    CachedTermTexts terms(terms_, [this](int64_t id) { return SelectTerm(id); });
    return RecordFromJson(body, {native_id, content_hash}, &terms);
  }

  // The text of body term `id`; NOT_FOUND when the table has none.
  absl::StatusOr<std::string> SelectTerm(int64_t id) {
    CW_ASSIGN_OR_RETURN(PgResult rows, db_->Query("SELECT term FROM body_terms WHERE id = $1", {PgInt(id)}));
    if (rows.rows() == 0) return absl::NotFoundError("no such body term");
    return rows.Text(0, 0);
  }

  // The terms of a write transaction. A term another gateway is adding meanwhile makes the insert
  // wait for that transaction; then the select finds its id (or the insert adds it, if it rolled
  // back), so every gateway uses one id per term.
  TransactionTerms TermsOfTransaction() {
    return TransactionTerms(
        terms_,
        [this](absl::string_view term) -> absl::StatusOr<int64_t> {
          const std::string text(term);
          CW_RETURN_IF_ERROR(db_->Write("INSERT INTO body_terms(term) VALUES ($1) ON CONFLICT (term) DO NOTHING", {text}).status());
          CW_ASSIGN_OR_RETURN(PgResult rows, db_->Query("SELECT id FROM body_terms WHERE term = $1", {text}));
          if (rows.rows() == 0) return absl::InternalError("postgresql store: a body term was neither added nor found");
          return rows.Int(0, 0);
        },
        [this](int64_t id) { return SelectTerm(id); });
  }

  std::mutex mutex_;
  mutable BodyTermCache terms_;
  const std::unique_ptr<PgConnection> db_;
  const PgTarget target_;  // for the leases' connections
  Clock* const clock_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<Store>> OpenPostgresStore(const PgTarget& target, PostgresStoreOptions options) {
  CW_ASSIGN_OR_RETURN(std::unique_ptr<PgConnection> db, PgConnection::Connect(target, std::move(options.before_statement)));
  CW_RETURN_IF_ERROR(MigratePostgresSchema(*db));
  CW_ASSIGN_OR_RETURN(PgResult terms, db->Query("SELECT COUNT(*) FROM body_terms"));
  auto store = std::make_unique<PostgresStore>(std::move(db), target, options.clock != nullptr ? options.clock : SystemClock());
  store->SetTermTableSize(terms.Int(0, 0));
  return store;
}

}  // namespace crosswalk
