#ifndef CROSSWALK_GATEWAY_STORE_POSTGRES_PG_CONNECTION_H_
#define CROSSWALK_GATEWAY_STORE_POSTGRES_PG_CONNECTION_H_

#include <libpq-fe.h>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "gateway/store/store_url.h"

namespace crosswalk {

// Where a PostgreSQL store lives: `store: postgresql://USER@HOST:PORT/DB` (or postgres://, or
// any libpq connection URI without a password). The password comes from libpq's usual sources
// (PGPASSWORD, PGPASSFILE, ~/.pgpass) or from `password_file` (its first line); never from the
// URL, and it is never part of a message or a log.
struct PgTarget {
  std::string url;
  std::string password_file;  // empty: libpq's own sources
};

// The URL with nothing secret in it, for messages: user, host, port and database.
std::string RedactedPostgresUrl(absl::string_view url);

// One parameter of a statement: text or SQL NULL. Integers are passed as their decimal text.
using PgParam = std::optional<std::string>;
PgParam PgInt(int64_t value);

// A statement's result, freed with it. Column values are text (libpq's text format).
class PgResult {
 public:
  PgResult() = default;
  explicit PgResult(PGresult* result) : result_(result, &PQclear) {}
  int rows() const { return result_ ? PQntuples(result_.get()) : 0; }
  bool IsNull(int row, int column) const { return PQgetisnull(result_.get(), row, column) != 0; }
  std::string Text(int row, int column) const {
    return std::string(PQgetvalue(result_.get(), row, column), static_cast<size_t>(PQgetlength(result_.get(), row, column)));
  }
  int64_t Int(int row, int column) const;
  // Rows an INSERT/UPDATE/DELETE changed.
  int64_t Changed() const;
  const PGresult* raw() const { return result_.get(); }

 private:
  std::shared_ptr<PGresult> result_;
};

// Asked with each write statement's SQL (BEGIN, INSERT/UPDATE/DELETE, COMMIT …) before it is sent;
// a non-OK status makes that statement fail with it without running, as a lost connection would
// (fault injection in tests; empty in production).
using PgStatementHook = std::function<absl::Status(absl::string_view sql)>;

// One libpq connection: statements with bound parameters only, each prepared once per connection
// (PQprepare) and executed by name after. Errors carry the codes Store documents: UNAVAILABLE for
// what may pass (connection lost or refused, serialization failure, deadlock, lock timeout,
// server shutting down, out of resources), DATA_LOSS for damaged data (SQLSTATE XX001, XX002),
// INTERNAL otherwise; a lost connection is reset before the next statement.
//
// Not thread-safe: the stores hold their own lock around it.
class PgConnection {
 public:
  // Connects to `target`. UNAVAILABLE when the server cannot be reached or refuses the login;
  // INVALID_ARGUMENT for a URL that is not a PostgreSQL URI or that carries a password.
  static absl::StatusOr<std::unique_ptr<PgConnection>> Connect(const PgTarget& target, PgStatementHook hook = nullptr);
  ~PgConnection();
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  // A read: runs `sql` with `params` ($1, $2, …).
  absl::StatusOr<PgResult> Query(const std::string& sql, const std::vector<PgParam>& params = {});
  // A write: asks the hook first, then runs as Query does.
  absl::StatusOr<PgResult> Write(const std::string& sql, const std::vector<PgParam>& params = {});

  // Runs `body` (returning Status or StatusOr) inside BEGIN … COMMIT; its failure, or COMMIT's,
  // rolls back, so the connection is never left inside a transaction after an error.
  // A connection lost inside the transaction fails every later statement of it (never resumed
  // outside it).
  template <typename Body>
  auto Transaction(Body body) -> decltype(body()) {
    if (absl::Status begun = Write("BEGIN").status(); !begun.ok()) {
      Rollback();
      return begun;
    }
    in_transaction_ = true;
    auto result = body();
    absl::Status status = StatusOf(result);
    if (status.ok()) status = Write("COMMIT").status();
    in_transaction_ = false;
    if (!status.ok()) {
      Rollback();
      return status;
    }
    return result;
  }

  const std::string& redacted_url() const { return redacted_url_; }
  // Never reconnects: once lost, every later statement fails UNAVAILABLE (a connection whose
  // session holds a lock must not come back without it).
  void NeverReconnect() { never_reconnect_ = true; }

 private:
  PgConnection() = default;
  absl::Status EnsureConnected();
  absl::StatusOr<PgResult> Run(const std::string& sql, const std::vector<PgParam>& params);
  void Rollback();
  absl::Status ErrorOf(const PGresult* result, absl::string_view sql);
  static absl::Status StatusOf(const absl::Status& status) { return status; }
  template <typename T>
  static absl::Status StatusOf(const absl::StatusOr<T>& result) { return result.status(); }

  PGconn* conn_ = nullptr;
  std::vector<std::string> keywords_, values_;  // what PQconnectdbParams was given, for reconnects
  std::string redacted_url_;
  PgStatementHook hook_;
  bool in_transaction_ = false;
  bool never_reconnect_ = false;
  std::map<std::string, std::string> prepared_;  // SQL -> statement name on this connection
};

// `text` as an element list of a PostgreSQL array literal ({"a","b"}), for one parameter that
// carries many values (= ANY($1), unnest($1::text[])).
std::string PgTextArray(const std::vector<std::string>& values);
std::string PgIntArray(const std::vector<int64_t>& values);
// An array that may hold NULLs.
std::string PgOptionalIntArray(const std::vector<std::optional<int64_t>>& values);

}  // namespace crosswalk

#endif  // CROSSWALK_GATEWAY_STORE_POSTGRES_PG_CONNECTION_H_
