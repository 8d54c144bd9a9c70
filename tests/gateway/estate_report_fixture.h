#ifndef CROSSWALK_TESTS_GATEWAY_ESTATE_REPORT_FIXTURE_H_
#define CROSSWALK_TESTS_GATEWAY_ESTATE_REPORT_FIXTURE_H_

// The report tests' fixture: one crosswalkd per test suite on the bundled example estate (its
// config, a scratch SQLite file), synced once; the real CLI against it.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/cli/run_process.h"
#include "tests/gateway/daemon.h"

namespace crosswalk {

using testing_process::Daemon;
using testing_process::ProcessResult;
using testing_process::RunProcess;

class ReportTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::filesystem::path(std::filesystem::temp_directory_path() / ("report-e2e-" + std::to_string(::getpid())));
    std::filesystem::remove_all(*dir_);
    std::filesystem::create_directories(*dir_);
    std::string error;
    daemon_ = Daemon::Start(CROSSWALKD_BINARY, {"--config", CROSSWALK_EXAMPLES "/crosswalkd.yaml", "--store", Path("r.db")},
                            Path("crosswalkd.log"), &error).release();
    ASSERT_NE(daemon_, nullptr) << error;
    ProcessResult sync = Cli({"sync", "--all"});
    ASSERT_EQ(sync.exit_code, 0) << sync.err;
  }
  static void TearDownTestSuite() {
    delete daemon_;
    std::filesystem::remove_all(*dir_);
    delete dir_;
  }
  static std::string Path(const std::string& name) { return (*dir_ / name).string(); }
  static ProcessResult Cli(std::vector<std::string> args) {
    args.insert(args.begin(), {CROSSWALK_BINARY, "--server", daemon_->address()});
    return RunProcess(args);
  }
  static std::string Read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }

  static inline std::filesystem::path* dir_ = nullptr;
  static inline Daemon* daemon_ = nullptr;
};

}  // namespace crosswalk

#endif  // CROSSWALK_TESTS_GATEWAY_ESTATE_REPORT_FIXTURE_H_
