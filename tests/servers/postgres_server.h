#ifndef CROSSWALK_TESTS_SERVERS_POSTGRES_SERVER_H_
#define CROSSWALK_TESTS_SERVERS_POSTGRES_SERVER_H_

#include <memory>
#include <string>

namespace crosswalk::testing_servers {

// A real PostgreSQL server for a test (Debian's postgresql, 15 or newer), started by
// tests/servers/start_postgres.sh in a scratch directory of its own on a free loopback port
// (initdb and pg_ctl as an unprivileged user), stopped by stop_postgres.sh in the destructor —
// or, if the test process dies, by a watcher. Role `crosswalk` logs in over TCP with the password
// in password_file() only.
class PostgresServer {
 public:
  // nullptr with the reason in `error`; `missing_package` when PostgreSQL is not installed.
  static std::unique_ptr<PostgresServer> Start(std::string* error, bool* missing_package);
  // A server start_postgres.sh already started in `dir` (a test runner's, shared by many test
  // processes): used as it is, left running by the destructor. nullptr when `dir` holds none.
  static std::unique_ptr<PostgresServer> Attach(const std::string& dir, std::string* error);
  ~PostgresServer();
  PostgresServer(const PostgresServer&) = delete;
  PostgresServer& operator=(const PostgresServer&) = delete;

  // postgresql://crosswalk@127.0.0.1:PORT/DATABASE (no password: see password_file()).
  std::string Url(const std::string& database) const;
  const std::string& password_file() const { return password_file_; }
  std::string Password() const;  // the password file's first line

  // A valid database name for `anything` (a test's store place): lower-case letters, digits and
  // '_', unique per input, at most 63 bytes.
  static std::string DatabaseName(const std::string& anything);
  // Creates the empty database `name`, dropping one of that name first; an error text, or empty.
  std::string CreateDatabase(const std::string& name) const;
  std::string DropDatabase(const std::string& name) const;
  // Runs `sql` in `database` through psql on the server's socket; its output (unaligned, tuples
  // only), or "ERROR: …" with psql's message.
  std::string Psql(const std::string& database, const std::string& sql) const;

 private:
  PostgresServer() = default;
  std::string dir_, url_base_, password_file_, socket_dir_, port_;
  bool owned_ = true;  // started here: stopped and removed by the destructor
};

// The server shared by every test of this process: the one in $CROSSWALK_TEST_POSTGRES_DIR when
// set (tools/test-postgres starts one for a whole run), else one started at first use and stopped
// at exit. A test
// failure (ADD_FAILURE) and nullptr when it cannot start — a skip only when PostgreSQL is missing
// and CROSSWALK_ALLOW_SKIP_REAL_SERVERS=1 says that is acceptable (CI installs it).
PostgresServer* SharedPostgresOrSkip();

}  // namespace crosswalk::testing_servers

#endif  // CROSSWALK_TESTS_SERVERS_POSTGRES_SERVER_H_
