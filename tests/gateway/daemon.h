#ifndef CROSSWALK_TESTS_GATEWAY_DAEMON_H_
#define CROSSWALK_TESTS_GATEWAY_DAEMON_H_

#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "gateway/store/store.h"

namespace crosswalk::testing_process {

// A real crosswalkd process for a test: started with `args` (after the binary) plus
// --listen 127.0.0.1:0, ready once it printed its "listening on" line. Its stderr goes to a file the
// test can read. The destructor stops it with SIGTERM.
class Daemon {
 public:
  // nullptr (with the reason in `error`) when it exits or stays silent for 30 s.
  static std::unique_ptr<Daemon> Start(const std::string& binary, const std::vector<std::string>& args,
                                       const std::string& stderr_path, std::string* error,
                                       const std::vector<std::string>& extra_env = {});
  ~Daemon();

  const std::string& address() const { return address_; }
  pid_t pid() const { return pid_; }
  // Sends `signal` and waits for the process to end; returns its exit code, or 128+signal.
  int Stop(int signal);
  std::string Stderr() const;
  // For a test that reaped the process itself (waitpid): the destructor then leaves it alone.
  void MarkReaped() { pid_ = -1; }

 private:
  pid_t pid_ = -1;
  std::string address_;
  std::string stderr_path_;
};

// The store backend the end-to-end tests run crosswalkd on: SQLite by default, PostgreSQL when
// CROSSWALK_TEST_STORE=postgresql (tools/test-postgres runs the suite so). Under PostgreSQL,
// Daemon::Start gives crosswalkd, for the SQLite path the test configured (--store, the config's
// `store:`, or the default crosswalk.db beside the config), a database of the shared server
// (tests/servers/postgres_server.h) named after that path, created at its first start, the
// password through PGPASSWORD, and data_dir PATH.data.
bool PostgresStoreMode();
// Where crosswalkd keeps the imports of the store a test configured at `store_path`.
std::string ImportsDirFor(const std::string& store_path);
// Opens, in the test's process, the store crosswalkd used for `store_path`.
absl::StatusOr<std::unique_ptr<Store>> OpenStoreFor(const std::string& store_path);
// PostgreSQL mode: drops the database of `store_path`, ending its sessions; an error text or empty.
std::string DropDatabaseFor(const std::string& store_path);

}  // namespace crosswalk::testing_process

#endif  // CROSSWALK_TESTS_GATEWAY_DAEMON_H_
