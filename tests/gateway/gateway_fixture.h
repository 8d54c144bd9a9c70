#ifndef CROSSWALK_TESTS_GATEWAY_GATEWAY_FIXTURE_H_
#define CROSSWALK_TESTS_GATEWAY_GATEWAY_FIXTURE_H_

// The fixture of the gateway end-to-end tests: a scratch directory with a copy of the example
// estate, the real crosswalkd started on it (loopback, port 0, a real SQLite file), the real CLI
// and the Python gRPC client.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "tests/cli/run_process.h"
#include "tests/gateway/daemon.h"

namespace crosswalk {

using testing_process::Daemon;
using testing_process::ProcessResult;
using testing_process::RunProcess;

class GatewayTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           absl::StrCat("gw-", ::getpid(), "-", ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    std::filesystem::copy(CROSSWALK_EXAMPLES "/estate", dir_ / "estate");
  }
  void TearDown() override {
    daemon_.reset();
    if (!HasFailure()) std::filesystem::remove_all(dir_);
  }

  std::string Path(const std::string& name) const { return (dir_ / name).string(); }
  void WriteFile(const std::string& name, const std::string& text) {
    std::ofstream(Path(name), std::ios::binary) << text;
  }

  // Writes the example estate's config (every source) plus `extra` YAML, and starts crosswalkd.
  void StartWith(const std::string& extra, const std::vector<std::string>& flags = {},
                 const std::vector<std::string>& env = {}) {
    std::ifstream example(CROSSWALK_EXAMPLES "/crosswalkd.yaml");
    std::stringstream text;
    text << example.rdbuf();
    std::string config = text.str();
    if (!extra.empty()) config = extra + "\n" + config;
    WriteFile("crosswalkd.yaml", config);
    Start(flags, env);
  }
  void Start(const std::vector<std::string>& flags = {}, const std::vector<std::string>& env = {}) {
    std::vector<std::string> args = {"--config", Path("crosswalkd.yaml")};
    args.insert(args.end(), flags.begin(), flags.end());
    std::string error;
    daemon_ = Daemon::Start(CROSSWALKD_BINARY, args, Path("crosswalkd.log"), &error, env);
    ASSERT_NE(daemon_, nullptr) << error;
  }

  ProcessResult Cli(std::vector<std::string> args, const std::vector<std::string>& env = {}) {
    args.insert(args.begin(), {CROSSWALK_BINARY, "--server", daemon_->address()});
    return RunProcess(args, env);
  }
  ProcessResult Python(std::vector<std::string> args) {
    args.insert(args.begin(), {"/usr/bin/python3", CROSSWALK_TESTS_DIR "/gateway/gateway_client.py",
                               CROSSWALK_PROTO_DIR, dir_.string()});
    return RunProcess(args);
  }

  // name → (records, versions) from `crosswalk sources --format csv`.
  std::map<std::string, std::pair<int, int>> SourceCounts(const std::vector<std::string>& env = {}) {
    ProcessResult result = Cli({"sources", "--format", "csv"}, env);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    std::map<std::string, std::pair<int, int>> counts;
    bool header = true;
    for (absl::string_view line : absl::StrSplit(result.out, '\n', absl::SkipEmpty())) {
      std::vector<std::string> cells = absl::StrSplit(line, ',');
      if (header || cells.size() < 5) {
        header = false;
        continue;
      }
      counts[cells[0]] = {std::stoi(cells[3]), std::stoi(cells[4])};
    }
    return counts;
  }

  // "native id=content hash" of every record in `records --format json` output.
  static std::multiset<std::string> KeysAndHashes(const std::string& json) {
    std::multiset<std::string> pairs;
    for (size_t at = json.find("\"native_id\": \""); at != std::string::npos; at = json.find("\"native_id\": \"", at + 1)) {
      const size_t id_end = json.find('"', at + 14);
      const size_t hash = json.find("\"content_hash\": \"", at);
      pairs.insert(json.substr(at + 14, id_end - at - 14) + "=" + json.substr(hash + 17, 64));
    }
    return pairs;
  }

  // A ServiceNow incident export of `count` records; `opened_last` is the last record's opened_at.
  void WriteIncidents(const std::string& name, int count, const std::string& description,
                      const std::string& opened_last = "2025-01-01 10:00:00") {
    std::ofstream out(Path(name));
    out << "{\"result\":[\n";
    for (int i = 0; i < count; ++i) {
      out << (i ? ",\n" : "") << "{\"number\":{\"display_value\":\"INC" << 1000000 + i << "\",\"value\":\"INC" << 1000000 + i
          << "\"},\"state\":{\"display_value\":\"Closed\",\"value\":\"7\"},\"priority\":\"" << 1 + i % 5
          << "\",\"short_description\":\"" << description << " " << i << "\",\"opened_at\":\""
          << (i + 1 == count ? opened_last : "2025-01-01 10:00:00") << "\"}";
    }
    out << "\n]}\n";
  }

  std::filesystem::path dir_;
  std::unique_ptr<Daemon> daemon_;
};

}  // namespace crosswalk

#endif  // CROSSWALK_TESTS_GATEWAY_GATEWAY_FIXTURE_H_
