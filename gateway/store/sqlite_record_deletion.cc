#include "gateway/store/sqlite_record_deletion.h"

#include "absl/strings/str_cat.h"
#include "gateway/core/status_macros.h"
#include "gateway/store/sqlite_run_undo.h"

namespace crosswalk {
namespace {

// The record's unmapped values as record_versions.unmapped keeps them.
absl::StatusOr<std::string> UnmappedOf(sqlite3* db, int64_t record_id) {
  Statement s;
  CW_RETURN_IF_ERROR(s.Prepare(db, "SELECT field, raw_value FROM record_unmapped WHERE record_id = ?"));
  s.Bind(1, record_id);
  UnmappedPairs pairs;
  int rc;
  while ((rc = sqlite3_step(s.get())) == SQLITE_ROW) pairs.emplace_back(s.Text(0), s.Text(1));
  if (rc != SQLITE_DONE) return absl::InternalError(absl::StrCat("sqlite unmapped values: ", sqlite3_errmsg(db)));
  return EncodeUnmapped(pairs);
}

}  // namespace

absl::StatusOr<DeletionResult> DeleteRecordRows(sqlite3* db, const std::string& source,
                                                const std::vector<std::string>& native_ids, int64_t run,
                                                int64_t now, const StatementHook* hook) {
  Statement find, archive, tombstone, drop_links, drop_unmapped;
  CW_RETURN_IF_ERROR(find.Prepare(db,
      "SELECT id, version, content_hash, body, stored_at FROM records "
      "WHERE source = ? AND native_id = ? AND deleted_at IS NULL"));
  CW_RETURN_IF_ERROR(archive.Prepare(db,
      "INSERT INTO record_versions(record_id, version, content_hash, body, stored_at, superseded_run, unmapped) "
      "VALUES (?,?,?,?,?,?,?)"));
  CW_RETURN_IF_ERROR(tombstone.Prepare(db,
      "UPDATE records SET version = version + 1, deleted_at = ?1, stored_at = ?1 WHERE id = ?2"));
  CW_RETURN_IF_ERROR(drop_links.Prepare(db, "DELETE FROM record_links WHERE record_id = ?"));
  CW_RETURN_IF_ERROR(drop_unmapped.Prepare(db, "DELETE FROM record_unmapped WHERE record_id = ?"));
  DeletionResult result;
  for (const std::string& native_id : native_ids) {
    find.Bind(1, source);
    find.Bind(2, native_id);
    const int rc = sqlite3_step(find.get());
    if (rc == SQLITE_DONE) {
      find.Reset();
      ++result.absent;
      continue;
    }
    if (rc != SQLITE_ROW) return absl::InternalError(absl::StrCat("sqlite delete records: ", sqlite3_errmsg(db)));
    const int64_t id = find.Int(0);
    archive.Bind(1, id);
    archive.Bind(2, find.Int(1));
    archive.Bind(3, find.Text(2));
    archive.Bind(4, find.Text(3));
    archive.Bind(5, find.Int(4));
    find.Reset();
    archive.Bind(6, run);
    std::string unmapped;
    if (run != 0) {
      CW_ASSIGN_OR_RETURN(unmapped, UnmappedOf(db, id));
    }
    archive.Bind(7, unmapped);
    CW_RETURN_IF_ERROR(StepOnce(db, archive, "delete records", hook));
    tombstone.Bind(1, now);
    tombstone.Bind(2, id);
    CW_RETURN_IF_ERROR(StepOnce(db, tombstone, "delete records", hook));
    for (Statement* drop : {&drop_links, &drop_unmapped}) {
      drop->Bind(1, id);
      CW_RETURN_IF_ERROR(StepOnce(db, *drop, "delete records", hook));
    }
    ++result.deleted;
  }
  return result;
}

}  // namespace crosswalk
