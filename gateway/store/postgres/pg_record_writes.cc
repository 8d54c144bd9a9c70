#include "gateway/store/postgres/pg_record_writes.h"

#include <map>
#include <optional>
#include <set>

#include "absl/strings/str_cat.h"
#include "gateway/core/status_macros.h"
#include "gateway/store/record_json.h"

namespace crosswalk {
namespace {

// A record's current row as stored.
struct StoredRow {
  int64_t id = 0;
  int64_t version = 0;
  std::string content_hash, body;
  int64_t stored_at = 0;
  std::optional<int64_t> deleted_at;
};

constexpr const char* kStoredColumns = "native_id, id, version, content_hash, body, stored_at, deleted_at";

StoredRow RowAt(const PgResult& rows, int i) {
  StoredRow row{rows.Int(i, 1), rows.Int(i, 2), rows.Text(i, 3), rows.Text(i, 4), rows.Int(i, 5), std::nullopt};
  if (!rows.IsNull(i, 6)) row.deleted_at = rows.Int(i, 6);
  return row;
}

PgParam OptionalInt(const std::optional<int64_t>& value) {
  return value ? PgInt(*value) : PgParam();
}

// The record's unmapped values as record_versions.unmapped keeps them.
absl::StatusOr<std::string> UnmappedOf(PgConnection& db, int64_t record_id) {
  CW_ASSIGN_OR_RETURN(PgResult rows, db.Query("SELECT field, raw_value FROM record_unmapped WHERE record_id = $1",
                                              {PgInt(record_id)}));
  UnmappedPairs pairs;
  for (int i = 0; i < rows.rows(); ++i) pairs.emplace_back(rows.Text(i, 0), rows.Text(i, 1));
  return EncodeUnmapped(pairs);
}

// Moves the current row of record `row.id` to record_versions (with its unmapped values while a
// run is pending, for AbortRun).
absl::Status Archive(PgConnection& db, const StoredRow& row, int64_t run) {
  std::string unmapped;
  if (run != 0) {
    CW_ASSIGN_OR_RETURN(unmapped, UnmappedOf(db, row.id));
  }
  return db.Write("INSERT INTO record_versions(record_id, version, content_hash, body, stored_at, superseded_run, unmapped, deleted_at) "
                  "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                  {PgInt(row.id), PgInt(row.version), row.content_hash, row.body, PgInt(row.stored_at), PgInt(run), unmapped,
                   OptionalInt(row.deleted_at)}).status();
}

absl::Status DropLinksAndUnmapped(PgConnection& db, int64_t record_id) {
  CW_RETURN_IF_ERROR(db.Write("DELETE FROM record_links WHERE record_id = $1", {PgInt(record_id)}).status());
  return db.Write("DELETE FROM record_unmapped WHERE record_id = $1", {PgInt(record_id)}).status();
}

// Links and unmapped values to write for records of a batch, by record id: a record written twice
// in one batch keeps those of its last version.
struct PendingRows {
  std::map<int64_t, std::vector<Link>> links;
  std::map<int64_t, std::vector<std::pair<std::string, std::string>>> unmapped;

  absl::Status Write(PgConnection& db) const {
    std::vector<int64_t> ids;
    std::vector<std::string> first, second;
    for (const auto& [id, list] : links) {
      for (const Link& link : list) {
        ids.push_back(id);
        first.push_back(link.relation);
        second.push_back(link.target);
      }
    }
    if (!ids.empty()) {
      CW_RETURN_IF_ERROR(db.Write("INSERT INTO record_links(record_id, relation, target) "
                                  "SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[])",
                                  {PgIntArray(ids), PgTextArray(first), PgTextArray(second)}).status());
    }
    ids.clear();
    first.clear();
    second.clear();
    for (const auto& [id, list] : unmapped) {
      for (const auto& [field, raw] : list) {
        ids.push_back(id);
        first.push_back(field);
        second.push_back(raw);
      }
    }
    if (ids.empty()) return absl::OkStatus();
    return db.Write("INSERT INTO record_unmapped(record_id, field, raw_value) "
                    "SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[])",
                    {PgIntArray(ids), PgTextArray(first), PgTextArray(second)}).status();
  }
};

}  // namespace

absl::StatusOr<PgRunState> ReadRunState(PgConnection& db, const std::string& source) {
  CW_ASSIGN_OR_RETURN(PgResult rows, db.Query("SELECT run, run_pending FROM sources WHERE name = $1", {source}));
  if (rows.rows() == 0) return PgRunState{};
  return PgRunState{rows.Int(0, 0), rows.Text(0, 1) == "t"};
}

absl::StatusOr<BatchResult> CommitRecordRows(PgConnection& db, const std::string& source,
                                             const std::vector<RecordToStore>& records,
                                             const std::vector<const std::string*>& bodies, int64_t run, int64_t now,
                                             TermTexts& terms) {
  BatchResult result;
  if (records.empty()) return result;
  // What is stored of the batch's keys, in one query.
  std::vector<std::string> keys;
  for (const RecordToStore& item : records) keys.push_back(item.record.provenance.native_id);
  std::map<std::string, StoredRow> stored;
  {
    CW_ASSIGN_OR_RETURN(PgResult rows, db.Query(absl::StrCat("SELECT ", kStoredColumns, " FROM records "
                                                             "WHERE source = $1 AND native_id = ANY($2::text[])"),
                                                {source, PgTextArray(keys)}));
    for (int i = 0; i < rows.rows(); ++i) stored.emplace(rows.Text(i, 0), RowAt(rows, i));
  }
  // The first occurrence of each key not stored: one multi-row insert, in batch order.
  std::vector<size_t> fresh;
  {
    std::set<std::string> seen;
    for (size_t i = 0; i < records.size(); ++i) {
      if (stored.count(keys[i]) == 0 && seen.insert(keys[i]).second) fresh.push_back(i);
    }
  }
  std::set<size_t> created;
  if (!fresh.empty()) {
    std::vector<std::string> ids, kinds, hashes, texts;
    std::vector<std::optional<int64_t>> effective;
    for (size_t i : fresh) {
      const Record& record = records[i].record;
      ids.push_back(keys[i]);
      kinds.push_back(record.kind);
      effective.push_back(record.effective);
      hashes.push_back(record.provenance.content_hash);
      texts.push_back(*bodies[i]);
    }
    CW_ASSIGN_OR_RETURN(PgResult inserted, db.Write(
        "INSERT INTO records(source, native_id, kind, effective, version, content_hash, body, stored_at, created_run) "
        "SELECT $1, t.native_id, t.kind, t.effective, 1, t.content_hash, t.body, $7, $8 "
        "FROM unnest($2::text[], $3::text[], $4::bigint[], $5::text[], $6::text[]) WITH ORDINALITY "
        "AS t(native_id, kind, effective, content_hash, body, ord) ORDER BY t.ord "
        "ON CONFLICT (source, native_id) DO NOTHING RETURNING id, native_id",
        {source, PgTextArray(ids), PgTextArray(kinds), PgOptionalIntArray(effective), PgTextArray(hashes),
         PgTextArray(texts), PgInt(now), PgInt(run)}));
    std::map<std::string, int64_t> new_ids;
    for (int i = 0; i < inserted.rows(); ++i) new_ids.emplace(inserted.Text(i, 1), inserted.Int(i, 0));
    for (size_t i : fresh) {
      auto it = new_ids.find(keys[i]);
      if (it == new_ids.end()) continue;  // inserted meanwhile by another gateway: an upsert below
      created.insert(i);
      stored[keys[i]] = StoredRow{it->second, 1, records[i].record.provenance.content_hash, *bodies[i], now, std::nullopt};
    }
  }
  PendingRows pending;
  for (size_t i = 0; i < records.size(); ++i) {
    const RecordToStore& item = records[i];
    const Record& record = item.record;
    const std::string& body = *bodies[i];
    auto row = stored.find(keys[i]);
    if (row == stored.end()) {
      CW_ASSIGN_OR_RETURN(PgResult rows, db.Query(absl::StrCat("SELECT ", kStoredColumns, " FROM records "
                                                               "WHERE source = $1 AND native_id = $2"), {source, keys[i]}));
      if (rows.rows() == 0) return absl::InternalError(absl::StrCat("postgresql store: record '", keys[i], "' was neither inserted nor found"));
      row = stored.emplace(keys[i], RowAt(rows, 0)).first;
    }
    StoredRow& current = row->second;
    if (created.count(i) > 0) {
      ++result.created;
    } else {
      // A deleted record the source has again comes back as a new version, whatever its content.
      if (!current.deleted_at && current.content_hash == record.provenance.content_hash &&
          (!item.reread || SameNormalisedBody(current.body, {keys[i], current.content_hash}, &terms, record))) {
        ++result.unchanged;
        continue;
      }
      CW_RETURN_IF_ERROR(Archive(db, current, run));
      CW_RETURN_IF_ERROR(db.Write("UPDATE records SET kind = $1, effective = $2, version = version + 1, content_hash = $3, "
                                  "body = $4, stored_at = $5, deleted_at = NULL WHERE id = $6",
                                  {record.kind, OptionalInt(record.effective), record.provenance.content_hash, body,
                                   PgInt(now), PgInt(current.id)}).status());
      CW_RETURN_IF_ERROR(DropLinksAndUnmapped(db, current.id));
      current = StoredRow{current.id, current.version + 1, record.provenance.content_hash, body, now, std::nullopt};
      ++result.updated;
    }
    pending.links[current.id] = record.links;
    pending.unmapped[current.id] = item.unmapped;
  }
  CW_RETURN_IF_ERROR(pending.Write(db));
  return result;
}

absl::StatusOr<DeletionResult> DeleteRecordRowsPg(PgConnection& db, const std::string& source,
                                                  const std::vector<std::string>& native_ids, int64_t run, int64_t now) {
  DeletionResult result;
  for (const std::string& native_id : native_ids) {
    CW_ASSIGN_OR_RETURN(PgResult rows, db.Query(absl::StrCat("SELECT ", kStoredColumns, " FROM records "
                                                             "WHERE source = $1 AND native_id = $2 AND deleted_at IS NULL"),
                                                {source, native_id}));
    if (rows.rows() == 0) {
      ++result.absent;
      continue;
    }
    const StoredRow row = RowAt(rows, 0);
    CW_RETURN_IF_ERROR(Archive(db, row, run));
    CW_RETURN_IF_ERROR(db.Write("UPDATE records SET version = version + 1, deleted_at = $1, stored_at = $1 WHERE id = $2",
                                {PgInt(now), PgInt(row.id)}).status());
    CW_RETURN_IF_ERROR(DropLinksAndUnmapped(db, row.id));
    ++result.deleted;
  }
  return result;
}

absl::Status UndoRunRows(PgConnection& db, const std::string& source, int64_t run, TermTexts& terms) {
  const std::vector<PgParam> of_run = {source, PgInt(run)};
  // Records the run created: nothing of them stays.
  static const char* const kCreated = "(SELECT id FROM records WHERE source = $1 AND created_run = $2)";
  for (const char* table : {"record_links", "record_unmapped", "record_versions"}) {
    CW_RETURN_IF_ERROR(db.Write(absl::StrCat("DELETE FROM ", table, " WHERE record_id IN ", kCreated), of_run).status());
  }
  CW_RETURN_IF_ERROR(db.Write("DELETE FROM records WHERE source = $1 AND created_run = $2", of_run).status());

  // Records the run changed: the oldest version it superseded is the one from before it. Read in
  // pages of record ids, so a run that changed a million records is not held in memory.
  constexpr int64_t kPage = 500;
  for (int64_t after = 0;;) {
    CW_ASSIGN_OR_RETURN(PgResult rows, db.Query(
        "SELECT v.record_id, v.version, v.content_hash, v.body, v.stored_at, v.unmapped, v.deleted_at "
        "FROM record_versions v JOIN records r ON r.id = v.record_id "
        "WHERE r.source = $1 AND v.superseded_run = $2 AND v.record_id > $3 AND v.version = "
        "(SELECT MIN(version) FROM record_versions w WHERE w.record_id = v.record_id AND w.superseded_run = $2) "
        "ORDER BY v.record_id LIMIT $4",
        {source, PgInt(run), PgInt(after), PgInt(kPage)}));
    for (int i = 0; i < rows.rows(); ++i) {
      const int64_t id = rows.Int(i, 0);
      const std::string body = rows.Text(i, 3);
      // Only the body's kind, effective time and links are needed here, not its native id.
      CW_ASSIGN_OR_RETURN(const Record record, RecordFromJson(body, {"", rows.Text(i, 2)}, &terms));
      CW_ASSIGN_OR_RETURN(const UnmappedPairs unmapped, DecodeUnmapped(rows.Text(i, 5)));
      const bool tombstone = !rows.IsNull(i, 6);
      CW_RETURN_IF_ERROR(db.Write("UPDATE records SET kind = $1, effective = $2, version = $3, content_hash = $4, body = $5, "
                                  "stored_at = $6, deleted_at = $7 WHERE id = $8",
                                  {record.kind, OptionalInt(record.effective), PgInt(rows.Int(i, 1)), rows.Text(i, 2), body,
                                   PgInt(rows.Int(i, 4)), tombstone ? PgInt(rows.Int(i, 6)) : PgParam(), PgInt(id)}).status());
      CW_RETURN_IF_ERROR(DropLinksAndUnmapped(db, id));
      if (tombstone) continue;  // a tombstone has no links or unmapped values
      PendingRows restored;
      restored.links[id] = record.links;
      restored.unmapped[id] = unmapped;
      CW_RETURN_IF_ERROR(restored.Write(db));
    }
    if (rows.rows() < kPage) break;
    after = rows.Int(rows.rows() - 1, 0);
  }
  return db.Write("DELETE FROM record_versions WHERE superseded_run = $2 AND record_id IN (SELECT id FROM records WHERE source = $1)",
                  of_run).status();
}

absl::StatusOr<SourceRemoval> RemoveSourceRowsPg(PgConnection& db, const std::string& source, bool keep_records) {
  SourceRemoval removal;
  CW_ASSIGN_OR_RETURN(PgResult counts, db.Query(
      "SELECT (SELECT COUNT(*) FROM records WHERE source = $1), "
      "(SELECT COUNT(*) FROM record_versions WHERE record_id IN (SELECT id FROM records WHERE source = $1)), "
      "(SELECT COUNT(*) FROM sources WHERE name = $1) + (SELECT COUNT(*) FROM sync_runs WHERE source = $1)",
      {source}));
  removal.records = counts.Int(0, 0);
  removal.versions = counts.Int(0, 1);
  removal.existed = removal.records > 0 || counts.Int(0, 2) > 0;
  if (keep_records && removal.records > 0) {
    removal.kept_as = KeptSourceName(source);
    CW_ASSIGN_OR_RETURN(PgResult already, db.Query("SELECT COUNT(*) FROM records WHERE source = $1", {removal.kept_as}));
    if (already.Int(0, 0) > 0) {
      return absl::FailedPreconditionError(absl::StrCat(
          already.Int(0, 0), " records of an earlier removal are already kept as source '", removal.kept_as,
          "': remove that first (sources remove ", removal.kept_as, ") or remove without --keep-records"));
    }
    // The key moves; the body's provenance keeps naming the source the records came from.
    CW_RETURN_IF_ERROR(db.Write("UPDATE records SET source = $2 WHERE source = $1", {source, removal.kept_as}).status());
  } else {
    for (const char* table : {"record_versions", "record_links", "record_unmapped"}) {
      CW_RETURN_IF_ERROR(db.Write(absl::StrCat("DELETE FROM ", table, " WHERE record_id IN (SELECT id FROM records WHERE source = $1)"),
                                  {source}).status());
    }
    CW_RETURN_IF_ERROR(db.Write("DELETE FROM records WHERE source = $1", {source}).status());
  }
  CW_RETURN_IF_ERROR(db.Write("DELETE FROM sources WHERE name = $1", {source}).status());
  CW_RETURN_IF_ERROR(db.Write("DELETE FROM sync_runs WHERE source = $1", {source}).status());
  return removal;
}

}  // namespace crosswalk
