#ifndef CROSSWALK_TESTS_SERVERS_REAL_SERVER_H_
#define CROSSWALK_TESTS_SERVERS_REAL_SERVER_H_

#include <memory>
#include <string>

namespace crosswalk::testing_servers {

// A real third-party server for a test (Request Tracker 5, Redmine 5 from Debian's packages),
// started by tests/servers/start_KIND.sh in a scratch directory of its own on a free loopback port,
// and stopped (process group and scratch state) by stop_server.sh in the destructor.
class RealServer {
 public:
  enum class Kind { kRequestTracker, kRedmine };

  // Starts the server and waits, at most `ready_seconds`, until its ready path answers with any
  // HTTP status. nullptr with the reason in `error`; `missing_package` is set when the reason is
  // that the server's Debian package is not installed.
  static std::unique_ptr<RealServer> Start(Kind kind, std::string* error, bool* missing_package,
                                           int ready_seconds = 120);
  ~RealServer();
  RealServer(const RealServer&) = delete;
  RealServer& operator=(const RealServer&) = delete;

  const std::string& url() const { return url_; }                // http://127.0.0.1:PORT
  const std::string& token_file() const { return token_file_; }  // RT token / Redmine API key
  const std::string& scratch_dir() const { return dir_; }
  std::string Token() const;  // the token file's first line

 private:
  RealServer() = default;
  std::string dir_, url_, token_file_;
};

// For a test fixture: the server, or a test failure with the reason — a skip (GTEST_SKIP) only
// when its package is missing and CROSSWALK_ALLOW_SKIP_REAL_SERVERS=1 says that is acceptable (CI
// installs the packages and must run these tests). Use as
//   server_ = StartOrSkip(Kind::kRequestTracker); if (!server_) return;  // skipped or failed
// from SetUp (GTEST_SKIP/ADD_FAILURE are recorded against the running test).
std::unique_ptr<RealServer> StartOrSkip(RealServer::Kind kind);

}  // namespace crosswalk::testing_servers

#endif  // CROSSWALK_TESTS_SERVERS_REAL_SERVER_H_
