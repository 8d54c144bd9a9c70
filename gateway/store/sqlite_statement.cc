#include "gateway/store/sqlite_statement.h"

namespace crosswalk {

absl::Status ExecSql(sqlite3* db, const std::string& sql, const StatementHook* hook) {
  if (hook != nullptr && *hook) {
    if (absl::Status status = (*hook)(sql); !status.ok()) return status;
  }
  char* message = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    absl::Status status = absl::UnavailableError(absl::StrCat("sqlite: ", message ? message : "error", " (", sql.substr(0, 40), ")"));
    sqlite3_free(message);
    return status;
  }
  return absl::OkStatus();
}

absl::Status StepOnce(sqlite3* db, Statement& s, absl::string_view what, const StatementHook* hook) {
  if (hook != nullptr && *hook) {
    if (absl::Status status = (*hook)(sqlite3_sql(s.get())); !status.ok()) {
      s.Reset();
      return status;
    }
  }
  const int rc = sqlite3_step(s.get());
  s.Reset();
  if (rc == SQLITE_DONE || rc == SQLITE_ROW) return absl::OkStatus();
  return absl::InternalError(absl::StrCat("sqlite ", what, ": ", sqlite3_errmsg(db)));
}

}  // namespace crosswalk
