#include "tests/servers/real_server.h"

#include <stdlib.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <thread>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "connectors/http/http_client.h"
#include "gtest/gtest.h"
#include "tests/cli/run_process.h"

namespace crosswalk::testing_servers {
namespace {

std::string Script(const char* name) { return absl::StrCat(CROSSWALK_TEST_SERVERS_DIR, "/", name); }

}  // namespace

std::unique_ptr<RealServer> RealServer::Start(Kind kind, std::string* error, bool* missing_package,
                                              int ready_seconds) {
  *missing_package = false;
  char pattern[] = "/tmp/crosswalk-server-XXXXXX";
  if (mkdtemp(pattern) == nullptr) {
    *error = "mkdtemp failed";
    return nullptr;
  }
  std::unique_ptr<RealServer> server(new RealServer);
  server->dir_ = pattern;
  const char* script = kind == Kind::kRequestTracker ? "start_rt.sh" : "start_redmine.sh";
  testing_process::ProcessResult started =
      testing_process::RunProcess({Script(script), server->dir_},
                                  {absl::StrCat("CROSSWALK_SERVER_OWNER_PID=", getpid())});
  if (started.exit_code != 0) {
    *missing_package = started.exit_code == 3;
    *error = absl::StrCat(script, " exited ", started.exit_code, ": ", started.err);
    return nullptr;  // the destructor stops whatever it started
  }
  std::string ready_path;
  for (absl::string_view line : absl::StrSplit(started.out, '\n')) {
    if (absl::ConsumePrefix(&line, "url=")) server->url_ = std::string(line);
    else if (absl::ConsumePrefix(&line, "token_file=")) server->token_file_ = std::string(line);
    else if (absl::ConsumePrefix(&line, "ready_path=")) ready_path = std::string(line);
  }
  if (server->url_.empty() || ready_path.empty()) {
    *error = absl::StrCat(script, " printed no url= or ready_path=: ", started.out);
    return nullptr;
  }
  auto client = NewHttplibClient({.base_url = server->url_, .connect_timeout_ms = 2000,
                                  .read_timeout_ms = 10'000});
  if (!client.ok()) {
    *error = client.status().ToString();
    return nullptr;
  }
  // A bound on start-up, not a timed assertion: the server answers when it answers.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(ready_seconds);
  while (true) {
    auto response = (*client)->Send({.path = ready_path});
    if (response.ok()) return server;
    if (std::chrono::steady_clock::now() > deadline) {
      *error = absl::StrCat(script, ": no answer on ", server->url_, ready_path, " within ",
                            ready_seconds, " s (", response.status().ToString(), "); logs in ",
                            server->dir_);
      return nullptr;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
}

RealServer::~RealServer() {
  testing_process::RunProcess({Script("stop_server.sh"), dir_});
  if (!dir_.empty() && std::getenv("CROSSWALK_KEEP_SERVER_DIRS") == nullptr) {
    testing_process::RunProcess({"/bin/rm", "-rf", dir_});
  }
}

std::string RealServer::Token() const {
  std::ifstream in(token_file_);
  std::string line;
  std::getline(in, line);
  return line;
}

std::unique_ptr<RealServer> StartOrSkip(RealServer::Kind kind) {
  std::string error;
  bool missing = false;
  std::unique_ptr<RealServer> server = RealServer::Start(kind, &error, &missing);
  if (server) return server;
  const char* allow = std::getenv("CROSSWALK_ALLOW_SKIP_REAL_SERVERS");
  if (missing && allow != nullptr && std::string(allow) == "1") {
    // GTEST_SKIP returns void; a skip recorded here marks the running test skipped.
    [&error] { GTEST_SKIP() << "SKIPPED (CROSSWALK_ALLOW_SKIP_REAL_SERVERS=1): " << error; }();
    return nullptr;
  }
  ADD_FAILURE() << "the real server could not start"
                << (missing ? " — its package is missing; run tools/setup (or set "
                              "CROSSWALK_ALLOW_SKIP_REAL_SERVERS=1 where it cannot be installed)"
                            : "")
                << ": " << error;
  return nullptr;
}

}  // namespace crosswalk::testing_servers
