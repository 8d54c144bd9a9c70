#ifndef CROSSWALK_GATEWAY_STORE_SQLITE_STATEMENT_H_
#define CROSSWALK_GATEWAY_STORE_SQLITE_STATEMENT_H_

#include <sqlite3.h>

#include <cstdint>
#include <functional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace crosswalk {

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

// Called with a statement's SQL before it runs; a non-OK status makes the statement fail with it
// without running, as an I/O error would (fault injection, SqliteStoreOptions::before_statement).
using StatementHook = std::function<absl::Status(absl::string_view sql)>;

// Runs `sql` (no results wanted); UNAVAILABLE with SQLite's message on failure. `hook`, when set,
// is asked first.
absl::Status ExecSql(sqlite3* db, const std::string& sql, const StatementHook* hook = nullptr);

// Steps `s` once and resets it; SqliteError naming `what` on failure. `hook`, when set, is asked
// first.
absl::Status StepOnce(sqlite3* db, Statement& s, absl::string_view what = "step",
                      const StatementHook* hook = nullptr);

// The connection's last failure as Store documents its codes: UNAVAILABLE when it may pass
// (busy, locked, I/O error, disk full), DATA_LOSS for a damaged file, INTERNAL otherwise.
absl::Status SqliteError(sqlite3* db, absl::string_view what);

}  // namespace crosswalk

#endif  // CROSSWALK_GATEWAY_STORE_SQLITE_STATEMENT_H_
