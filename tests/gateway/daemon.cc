#include "tests/gateway/daemon.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/strip.h"
#include "absl/strings/str_cat.h"
#include "gateway/store/postgres/postgres_store.h"
#include "gateway/store/sqlite_store.h"
#include "gateway/store/store_url.h"
#include "tests/cli/run_process.h"
#include "tests/servers/postgres_server.h"

namespace crosswalk::testing_process {
namespace {

using testing_servers::PostgresServer;

std::string Absolute(const std::string& path) { return std::filesystem::absolute(path).lexically_normal().string(); }

// The SQLite store path crosswalkd started with `args` would use.
std::string ConfiguredStore(const std::vector<std::string>& args) {
  std::string store, config;
  for (size_t i = 0; i + 1 < args.size(); ++i) {
    if (args[i] == "--store") store = args[i + 1];
    if (args[i] == "--config") config = args[i + 1];
  }
  if (!store.empty()) return store;
  if (config.empty()) return "crosswalk.db";
  const std::string dir = std::filesystem::path(config).parent_path().string();
  std::ifstream in(config);
  std::string line;
  while (std::getline(in, line)) {
    absl::string_view rest = line;
    if (!absl::ConsumePrefix(&rest, "store:")) continue;
    std::string value(absl::StripAsciiWhitespace(rest));
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'')) value = value.substr(1, value.size() - 2);
    return value.front() == '/' || dir.empty() ? value : dir + "/" + value;
  }
  return dir.empty() ? "crosswalk.db" : dir + "/crosswalk.db";
}

// The shared server and the database for `store_path`, made when new; nullptr after a test failure.
PostgresServer* DatabaseFor(const std::string& store_path, std::string* database) {
  PostgresServer* server = testing_servers::SharedPostgresOrSkip();
  if (server == nullptr) return nullptr;
  *database = PostgresServer::DatabaseName(Absolute(store_path));
  const std::string exists = server->Psql("postgres", "SELECT 1 FROM pg_database WHERE datname = '" + *database + "'");
  if (exists.find('1') == std::string::npos) {
    if (std::string error = server->CreateDatabase(*database); !error.empty()) return nullptr;
  }
  return server;
}

}  // namespace

bool PostgresStoreMode() {
  const char* mode = std::getenv("CROSSWALK_TEST_STORE");
  return mode != nullptr && std::string(mode) == "postgresql";
}

std::string ImportsDirFor(const std::string& store_path) {
  return PostgresStoreMode() ? store_path + ".data/imports" : store_path + ".imports";
}

absl::StatusOr<std::unique_ptr<Store>> OpenStoreFor(const std::string& store_path) {
  if (!PostgresStoreMode()) return OpenSqliteStore(store_path);
  std::string database;
  PostgresServer* server = DatabaseFor(store_path, &database);
  if (server == nullptr) return absl::UnavailableError("no PostgreSQL server for the test");
  return OpenPostgresStore({.url = server->Url(database), .password_file = server->password_file()});
}

std::string DropDatabaseFor(const std::string& store_path) {
  PostgresServer* server = testing_servers::SharedPostgresOrSkip();
  if (server == nullptr) return "no PostgreSQL server for the test";
  return server->DropDatabase(PostgresServer::DatabaseName(Absolute(store_path)));
}

std::unique_ptr<Daemon> Daemon::Start(const std::string& binary, const std::vector<std::string>& args,
                                      const std::string& stderr_path, std::string* error,
                                      const std::vector<std::string>& extra_env) {
  std::vector<std::string> argv = {binary};
  argv.insert(argv.end(), args.begin(), args.end());
  std::vector<std::string> env = extra_env;
  const std::string configured = ConfiguredStore(args);
  if (PostgresStoreMode() && !IsPostgresUrl(configured)) {
    const std::string& store = configured;
    std::string database;
    PostgresServer* server = DatabaseFor(store, &database);
    if (server == nullptr) {
      *error = "no PostgreSQL database for the store " + store;
      return nullptr;
    }
    argv.insert(argv.end(), {"--store", server->Url(database), "--data-dir", store + ".data"});
    env.push_back("PGPASSWORD=" + server->Password());
  }
  int out_pipe[2];
  if (pipe(out_pipe) != 0) return nullptr;
  bool has_listen = false;
  for (const std::string& arg : args) has_listen = has_listen || arg == "--listen";
  if (!has_listen) {
    argv.push_back("--listen");
    argv.push_back("127.0.0.1:0");
  }
  const int err = open(stderr_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  const pid_t pid = Spawn(argv, env, out_pipe[1], err);
  close(err);
  close(out_pipe[1]);
  auto daemon = std::unique_ptr<Daemon>(new Daemon());
  daemon->pid_ = pid;
  daemon->stderr_path_ = stderr_path;
  std::string out;
  pollfd fd{out_pipe[0], POLLIN, 0};
  const std::string marker = "crosswalkd: listening on ";
  while (out.find('\n') == std::string::npos) {
    if (poll(&fd, 1, 30000) <= 0) break;
    char buffer[512];
    const ssize_t n = read(out_pipe[0], buffer, sizeof buffer);
    if (n <= 0) break;
    out.append(buffer, static_cast<size_t>(n));
  }
  close(out_pipe[0]);
  const size_t at = out.find(marker);
  if (at == std::string::npos) {
    *error = "crosswalkd did not start: " + daemon->Stderr();
    daemon->Stop(SIGKILL);
    return nullptr;
  }
  daemon->address_ = out.substr(at + marker.size(), out.find('\n', at) - at - marker.size());
  return daemon;
}

Daemon::~Daemon() {
  if (pid_ > 0) Stop(SIGTERM);
}

int Daemon::Stop(int signal) {
  if (pid_ <= 0) return -1;
  kill(pid_, signal);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

std::string Daemon::Stderr() const {
  std::ifstream in(stderr_path_);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace crosswalk::testing_process
