#include "tests/servers/postgres_server.h"

#include <stdlib.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <functional>
#include <mutex>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "tests/cli/run_process.h"

namespace crosswalk::testing_servers {
namespace {

std::string Script(const char* name) { return absl::StrCat(CROSSWALK_TEST_SERVERS_DIR, "/", name); }

}  // namespace

std::unique_ptr<PostgresServer> PostgresServer::Start(std::string* error, bool* missing_package) {
  *missing_package = false;
  char pattern[] = "/tmp/crosswalk-postgres-XXXXXX";
  if (mkdtemp(pattern) == nullptr) {
    *error = "mkdtemp failed";
    return nullptr;
  }
  std::unique_ptr<PostgresServer> server(new PostgresServer);
  server->dir_ = pattern;
  testing_process::ProcessResult started = testing_process::RunProcess(
      {Script("start_postgres.sh"), server->dir_}, {absl::StrCat("CROSSWALK_SERVER_OWNER_PID=", getpid())});
  if (started.exit_code != 0) {
    *missing_package = started.exit_code == 3;
    *error = absl::StrCat("start_postgres.sh exited ", started.exit_code, ": ", started.err);
    return nullptr;  // the destructor removes what it made
  }
  std::string url;
  for (absl::string_view line : absl::StrSplit(started.out, '\n')) {
    if (absl::ConsumePrefix(&line, "url=")) url = std::string(line);
    else if (absl::ConsumePrefix(&line, "password_file=")) server->password_file_ = std::string(line);
    else if (absl::ConsumePrefix(&line, "socket_dir=")) server->socket_dir_ = std::string(line);
    else if (absl::ConsumePrefix(&line, "port=")) server->port_ = std::string(line);
  }
  if (!absl::EndsWith(url, "/postgres") || server->port_.empty()) {
    *error = absl::StrCat("start_postgres.sh printed no url= or port=: ", started.out);
    return nullptr;
  }
  server->url_base_ = url.substr(0, url.size() - std::string("postgres").size());
  return server;
}

std::unique_ptr<PostgresServer> PostgresServer::Attach(const std::string& dir, std::string* error) {
  std::unique_ptr<PostgresServer> server(new PostgresServer);
  server->owned_ = false;
  server->dir_ = dir;
  std::ifstream port(dir + "/port");
  std::getline(port, server->port_);
  if (server->port_.empty()) {
    *error = absl::StrCat(dir, "/port: no PostgreSQL server started by start_postgres.sh there");
    return nullptr;
  }
  server->password_file_ = dir + "/password";
  server->socket_dir_ = dir;
  server->url_base_ = absl::StrCat("postgresql://crosswalk@127.0.0.1:", server->port_, "/");
  return server;
}

PostgresServer::~PostgresServer() {
  if (!owned_) return;
  testing_process::RunProcess({Script("stop_postgres.sh"), dir_});
  if (!dir_.empty() && std::getenv("CROSSWALK_KEEP_SERVER_DIRS") == nullptr) {
    testing_process::RunProcess({"/bin/rm", "-rf", dir_});
  }
}

std::string PostgresServer::Url(const std::string& database) const { return url_base_ + database; }

std::string PostgresServer::Password() const {
  std::ifstream in(password_file_);
  std::string line;
  std::getline(in, line);
  return line;
}

std::string PostgresServer::DatabaseName(const std::string& anything) {
  std::string name = "cw_";
  for (char c : anything) {
    if (name.size() >= 44) break;
    name.push_back(absl::ascii_isalnum(static_cast<unsigned char>(c)) ? absl::ascii_tolower(static_cast<unsigned char>(c)) : '_');
  }
  return absl::StrCat(name, "_", absl::StrFormat("%016x", std::hash<std::string>{}(anything)));
}

std::string PostgresServer::Psql(const std::string& database, const std::string& sql) const {
  testing_process::ProcessResult result = testing_process::RunProcess(
      {"/usr/bin/psql", "-h", socket_dir_, "-p", port_, "-U", "crosswalk", "-d", database, "-v", "ON_ERROR_STOP=1",
       "-X", "-A", "-t", "-q", "-c", sql});
  if (result.exit_code != 0) return absl::StrCat("ERROR: ", result.err);
  return result.out;
}

std::string PostgresServer::CreateDatabase(const std::string& name) const {
  if (std::string out = DropDatabase(name); !out.empty()) return out;
  std::string out = Psql("postgres", absl::StrCat("CREATE DATABASE \"", name, "\""));
  return absl::StartsWith(out, "ERROR") ? out : "";
}

std::string PostgresServer::DropDatabase(const std::string& name) const {
  std::string out = Psql("postgres", absl::StrCat("DROP DATABASE IF EXISTS \"", name, "\" WITH (FORCE)"));
  return absl::StartsWith(out, "ERROR") ? out : "";
}

PostgresServer* SharedPostgresOrSkip() {
  static std::mutex mutex;
  static std::unique_ptr<PostgresServer> server;
  static std::string error;
  static bool missing = false;
  std::lock_guard<std::mutex> lock(mutex);
  if (server == nullptr && error.empty()) {
    const char* running = std::getenv("CROSSWALK_TEST_POSTGRES_DIR");
    server = running != nullptr && *running != '\0' ? PostgresServer::Attach(running, &error)
                                                    : PostgresServer::Start(&error, &missing);
  }
  if (server != nullptr) return server.get();
  const char* allow = std::getenv("CROSSWALK_ALLOW_SKIP_REAL_SERVERS");
  if (missing && allow != nullptr && std::string(allow) == "1") {
    [] { GTEST_SKIP() << "SKIPPED (CROSSWALK_ALLOW_SKIP_REAL_SERVERS=1): " << error; }();
    return nullptr;
  }
  ADD_FAILURE() << "PostgreSQL could not start"
                << (missing ? " — it is not installed; run tools/setup (or set CROSSWALK_ALLOW_SKIP_REAL_SERVERS=1 "
                              "where it cannot be installed)"
                            : "")
                << ": " << error;
  return nullptr;
}

}  // namespace crosswalk::testing_servers
