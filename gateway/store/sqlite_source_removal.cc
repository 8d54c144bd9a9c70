#include "gateway/store/sqlite_source_removal.h"

#include "absl/strings/str_cat.h"
#include "gateway/core/status_macros.h"

namespace crosswalk {
namespace {

// Runs `sql` with ?1 bound to `source` (and ?2 to `other` when given); returns the rows changed.
absl::StatusOr<int64_t> Write(sqlite3* db, const char* sql, const std::string& source, const StatementHook* hook,
                              const std::string* other = nullptr) {
  Statement s;
  CW_RETURN_IF_ERROR(s.Prepare(db, sql));
  s.Bind(1, source);
  if (other != nullptr) s.Bind(2, *other);
  CW_RETURN_IF_ERROR(StepOnce(db, s, "remove source", hook));
  return static_cast<int64_t>(sqlite3_changes(db));
}

absl::StatusOr<int64_t> Count(sqlite3* db, const char* sql, const std::string& source) {
  Statement s;
  CW_RETURN_IF_ERROR(s.Prepare(db, sql));
  s.Bind(1, source);
  if (sqlite3_step(s.get()) != SQLITE_ROW) {
    return absl::InternalError(absl::StrCat("sqlite count: ", sqlite3_errmsg(db)));
  }
  return s.Int(0);
}

}  // namespace

absl::StatusOr<SourceRemoval> RemoveSourceRows(sqlite3* db, const std::string& source, bool keep_records,
                                               const StatementHook* hook) {
  SourceRemoval removal;
  CW_ASSIGN_OR_RETURN(removal.records, Count(db, "SELECT COUNT(*) FROM records WHERE source = ?1", source));
  CW_ASSIGN_OR_RETURN(removal.versions,
                      Count(db, "SELECT COUNT(*) FROM record_versions WHERE record_id IN "
                                "(SELECT id FROM records WHERE source = ?1)", source));
  CW_ASSIGN_OR_RETURN(const int64_t rows, Count(db, "SELECT (SELECT COUNT(*) FROM sources WHERE name = ?1) + "
                                                    "(SELECT COUNT(*) FROM sync_runs WHERE source = ?1)", source));
  removal.existed = removal.records > 0 || rows > 0;
  if (keep_records && removal.records > 0) {
    removal.kept_as = KeptSourceName(source);
    CW_ASSIGN_OR_RETURN(const int64_t already, Count(db, "SELECT COUNT(*) FROM records WHERE source = ?1", removal.kept_as));
    if (already > 0) {
      return absl::FailedPreconditionError(absl::StrCat(
          already, " records of an earlier removal are already kept as source '", removal.kept_as,
          "': remove that first (sources remove ", removal.kept_as, ") or remove without --keep-records"));
    }
    // The key moves; the body's provenance keeps naming the source the records came from.
    CW_RETURN_IF_ERROR(Write(db, "UPDATE records SET source = ?2 WHERE source = ?1", source, hook, &removal.kept_as).status());
  } else {
    constexpr const char* kOfSource = "(SELECT id FROM records WHERE source = ?1)";
    for (const char* table : {"record_versions", "record_links", "record_unmapped"}) {
      const std::string sql = absl::StrCat("DELETE FROM ", table, " WHERE record_id IN ", kOfSource);
      CW_RETURN_IF_ERROR(Write(db, sql.c_str(), source, hook).status());
    }
    CW_RETURN_IF_ERROR(Write(db, "DELETE FROM records WHERE source = ?1", source, hook).status());
  }
  CW_RETURN_IF_ERROR(Write(db, "DELETE FROM sources WHERE name = ?1", source, hook).status());
  CW_RETURN_IF_ERROR(Write(db, "DELETE FROM sync_runs WHERE source = ?1", source, hook).status());
  return removal;
}

}  // namespace crosswalk
