#include "gateway/store/sqlite_run_undo.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "gateway/core/json_text.h"
#include "gateway/core/status_macros.h"
#include "gateway/store/record_json.h"
#include "gateway/store/sqlite_statement.h"
#include "nlohmann/json.hpp"

namespace crosswalk {

namespace {

// Runs one statement with the source and run bound as ?1 and ?2.
absl::Status ForRun(sqlite3* db, const StatementHook* hook, const char* sql, const std::string& source, int64_t run) {
  Statement s;
  CW_RETURN_IF_ERROR(s.Prepare(db, sql));
  s.Bind(1, source);
  s.Bind(2, run);
  return StepOnce(db, s, "undo run", hook);
}

struct Superseded {
  int64_t record_id = 0;
  int64_t version = 0;
  std::string content_hash, body, unmapped;
  int64_t stored_at = 0;
  int64_t deleted_at = 0;  // 0: the version was live
};

// Puts `old` back as the record's current version, with its links and unmapped values.
absl::Status Restore(sqlite3* db, const StatementHook* hook, TermTexts& terms, const Superseded& old) {
  // Only the body's kind, effective time and links are needed here, not its native id.
  CW_ASSIGN_OR_RETURN(Record record, RecordFromJson(old.body, {"", old.content_hash}, &terms));
  CW_ASSIGN_OR_RETURN(UnmappedPairs unmapped, DecodeUnmapped(old.unmapped));
  Statement update;
  CW_RETURN_IF_ERROR(update.Prepare(db, "UPDATE records SET kind = ?, effective = ?, version = ?, content_hash = ?, body = ?, stored_at = ?, deleted_at = ? WHERE id = ?"));
  update.Bind(1, record.kind);
  if (record.effective) update.Bind(2, *record.effective); else update.BindNull(2);
  update.Bind(3, old.version);
  update.Bind(4, old.content_hash);
  update.Bind(5, old.body);
  update.Bind(6, old.stored_at);
  if (old.deleted_at != 0) update.Bind(7, old.deleted_at); else update.BindNull(7);
  update.Bind(8, old.record_id);
  CW_RETURN_IF_ERROR(StepOnce(db, update, "undo run", hook));
  for (const char* sql : {"DELETE FROM record_links WHERE record_id = ?", "DELETE FROM record_unmapped WHERE record_id = ?"}) {
    Statement remove;
    CW_RETURN_IF_ERROR(remove.Prepare(db, sql));
    remove.Bind(1, old.record_id);
    CW_RETURN_IF_ERROR(StepOnce(db, remove, "undo run", hook));
  }
  if (old.deleted_at != 0) return absl::OkStatus();  // a tombstone has no links or unmapped values
  Statement link;
  CW_RETURN_IF_ERROR(link.Prepare(db, "INSERT INTO record_links(record_id, relation, target) VALUES (?,?,?)"));
  for (const Link& l : record.links) {
    link.Bind(1, old.record_id);
    link.Bind(2, l.relation);
    link.Bind(3, l.target);
    CW_RETURN_IF_ERROR(StepOnce(db, link, "undo run", hook));
  }
  Statement value;
  CW_RETURN_IF_ERROR(value.Prepare(db, "INSERT INTO record_unmapped(record_id, field, raw_value) VALUES (?,?,?)"));
  for (const auto& [field, raw] : unmapped) {
    value.Bind(1, old.record_id);
    value.Bind(2, field);
    value.Bind(3, raw);
    CW_RETURN_IF_ERROR(StepOnce(db, value, "undo run", hook));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status UndoRun(sqlite3* db, const std::string& source, int64_t run, TermTexts& terms, const StatementHook* hook) {
  // Records the run created: nothing of them stays.
  static const char* const kCreated = "(SELECT id FROM records WHERE source = ?1 AND created_run = ?2)";
  for (const char* table : {"record_links", "record_unmapped", "record_versions"}) {
    CW_RETURN_IF_ERROR(ForRun(db, hook, absl::StrCat("DELETE FROM ", table, " WHERE record_id IN ", kCreated).c_str(), source, run));
  }
  CW_RETURN_IF_ERROR(ForRun(db, hook, "DELETE FROM records WHERE source = ?1 AND created_run = ?2", source, run));

  // Records the run changed: the oldest version it superseded is the one from before it. Read in
  // pages of record ids, so a run that changed a million records is not held in memory.
  constexpr int64_t kPage = 500;
  for (int64_t after = 0;;) {
    std::vector<Superseded> restore;
    Statement s;
    CW_RETURN_IF_ERROR(s.Prepare(db,
        "SELECT v.record_id, v.version, v.content_hash, v.body, v.stored_at, v.unmapped, COALESCE(v.deleted_at, 0) "
        "FROM record_versions v JOIN records r ON r.id = v.record_id "
        "WHERE r.source = ?1 AND v.superseded_run = ?2 AND v.record_id > ?3 AND v.version = "
        "(SELECT MIN(version) FROM record_versions w WHERE w.record_id = v.record_id AND w.superseded_run = ?2) "
        "ORDER BY v.record_id LIMIT ?4"));
    s.Bind(1, source);
    s.Bind(2, run);
    s.Bind(3, after);
    s.Bind(4, kPage);
    int rc;
    while ((rc = sqlite3_step(s.get())) == SQLITE_ROW) {
      restore.push_back({s.Int(0), s.Int(1), s.Text(2), s.Text(3), s.Text(5), s.Int(4), s.Int(6)});
    }
    if (rc != SQLITE_DONE) return absl::InternalError(absl::StrCat("sqlite undo run: ", sqlite3_errmsg(db)));
    s.Reset();
    for (const Superseded& old : restore) CW_RETURN_IF_ERROR(Restore(db, hook, terms, old));
    if (static_cast<int64_t>(restore.size()) < kPage) break;
    after = restore.back().record_id;
  }
  return ForRun(db, hook,
      "DELETE FROM record_versions WHERE superseded_run = ?2 AND record_id IN (SELECT id FROM records WHERE source = ?1)",
      source, run);
}

}  // namespace crosswalk
