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
  if (rc == SQLITE_DONE || rc == SQLITE_ROW) {
    s.Reset();
    return absl::OkStatus();
  }
  absl::Status status = SqliteError(db, what);  // before Reset, which may change the error
  s.Reset();
  return status;
}

absl::Status SqliteError(sqlite3* db, absl::string_view what) {
  const std::string message = absl::StrCat("sqlite ", what, ": ", sqlite3_errmsg(db));
  switch (sqlite3_errcode(db) & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_CANTOPEN:
    case SQLITE_PROTOCOL:
      return absl::UnavailableError(message);
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return absl::DataLossError(message);
    default:
      return absl::InternalError(message);
  }
}

}  // namespace crosswalk
