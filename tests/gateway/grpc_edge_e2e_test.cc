// The gRPC edge of crosswalkd end to end (issue 15, "gRPC polish" and bounded responses): health by
// service name, reflection v1 and v1alpha behind the token rule, the bearer scheme, page tokens,
// unknown filters, bounded pages and error messages without server paths. The real crosswalkd on a
// loopback port, the real CLI, and the Python client of gateway_client.py.
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/cli/run_process.h"
#include "tests/gateway/daemon.h"

namespace crosswalk {
namespace {

using testing_process::Daemon;
using testing_process::ProcessResult;
using testing_process::RunProcess;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kReadToken[] = "read-token-0123456789abcdef";

class GrpcEdgeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           absl::StrCat("grpc-edge-", ::getpid(), "-", ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    WriteFile("read.token", absl::StrCat(kReadToken, "\n"));
  }
  void TearDown() override {
    daemon_.reset();
    if (!HasFailure()) std::filesystem::remove_all(dir_);
  }

  std::string Path(const std::string& name) const { return (dir_ / name).string(); }
  void WriteFile(const std::string& name, const std::string& text) {
    std::ofstream(Path(name), std::ios::binary) << text;
  }

  // Starts crosswalkd with `config` (YAML) and its store in the test's directory.
  void Start(const std::string& config) {
    WriteFile("crosswalkd.yaml", absl::StrCat("listen: 127.0.0.1:0\nstore: ", Path("t.db"), "\n", config));
    std::string error;
    daemon_ = Daemon::Start(CROSSWALKD_BINARY, {"--config", Path("crosswalkd.yaml")}, Path("crosswalkd.log"), &error);
    ASSERT_NE(daemon_, nullptr) << error;
  }
  static std::string Tokens() { return "tokens:\n  - {name: auditor, role: read, file: read.token}\n"; }

  ProcessResult Cli(std::vector<std::string> args, const std::vector<std::string>& env = {}) {
    args.insert(args.begin(), {CROSSWALK_BINARY, "--server", daemon_->address()});
    return RunProcess(args, env);
  }
  // gateway_client.py COMMAND ADDRESS ARGS...; its stdout without the final newline.
  std::string Python(const std::string& command, std::vector<std::string> args = {}) {
    args.insert(args.begin(), {"/usr/bin/python3", CROSSWALK_TESTS_DIR "/gateway/gateway_client.py",
                               CROSSWALK_PROTO_DIR, dir_.string(), command, daemon_->address()});
    ProcessResult result = RunProcess(args);
    EXPECT_EQ(result.exit_code, 0) << command << ": " << result.err;
    if (!result.out.empty() && result.out.back() == '\n') result.out.pop_back();
    return result.out;
  }

  std::filesystem::path dir_;
  std::unique_ptr<Daemon> daemon_;
};

// Before: only the "" service answered; a check by service name was NOT_FOUND.
TEST_F(GrpcEdgeTest, HealthAnswersEveryServedServiceByName) {
  Start("");
  const struct {
    const char* service;
    const char* status;
  } kCases[] = {
      {"", "SERVING"},
      {"crosswalk.v1.Sources", "SERVING"},
      {"crosswalk.v1.Sync", "SERVING"},
      {"crosswalk.v1.Records", "SERVING"},
      {"crosswalk.v1.Mapping", "SERVING"},
      {"crosswalk.v1.Reports", "SERVING"},
      {"grpc.health.v1.Health", "SERVING"},
      {"grpc.reflection.v1.ServerReflection", "SERVING"},
      {"grpc.reflection.v1alpha.ServerReflection", "SERVING"},
      {"crosswalk.v1.Recordz", "NOT_FOUND"},
  };
  for (const auto& c : kCases) EXPECT_EQ(Python("health", {c.service}), c.status) << "service '" << c.service << "'";
}

// Before: only v1alpha was served (v1 UNIMPLEMENTED), and it answered without a token.
TEST_F(GrpcEdgeTest, ReflectionV1AndV1AlphaNeedATokenLikeEveryOtherCall) {
  Start(Tokens());
  for (const char* version : {"v1", "v1alpha"}) {
    SCOPED_TRACE(version);
    EXPECT_EQ(Python("reflect", {version, ""}), "UNAUTHENTICATED");
    EXPECT_EQ(Python("reflect", {version, "wrong-token-0000000000"}), "UNAUTHENTICATED");
    const std::string answer = Python("reflect", {version, kReadToken});
    EXPECT_THAT(answer, HasSubstr("\"crosswalk.v1.Records\""));
    EXPECT_THAT(answer, HasSubstr("\"grpc.reflection.v1.ServerReflection\", \"grpc.reflection.v1alpha.ServerReflection\""));
    EXPECT_THAT(answer, HasSubstr("\"file\": \"crosswalk/v1/records.proto\""));
  }
  // Health stays open (probes carry no tokens; it tells only which services are served).
  EXPECT_EQ(Python("health", {"crosswalk.v1.Records"}), "SERVING");
}

TEST_F(GrpcEdgeTest, ReflectionCanBeOpenOrOff) {
  Start(absl::StrCat(Tokens(), "reflection: open\n"));
  EXPECT_THAT(Python("reflect", {"v1", ""}), HasSubstr("\"file\": \"crosswalk/v1/records.proto\""));
  EXPECT_EQ(Python("call-code", {""}), "UNAUTHENTICATED");  // everything else still needs a token
  daemon_.reset();
  Start(absl::StrCat(Tokens(), "reflection: off\n"));
  EXPECT_EQ(Python("reflect", {"v1", kReadToken}), "UNIMPLEMENTED");
  EXPECT_EQ(Python("reflect", {"v1alpha", kReadToken}), "UNIMPLEMENTED");
  EXPECT_EQ(Python("health", {"grpc.reflection.v1.ServerReflection"}), "NOT_FOUND");
  daemon_.reset();
  WriteFile("bad.yaml", "reflection: maybe\n");
  ProcessResult bad = RunProcess({CROSSWALKD_BINARY, "--config", Path("bad.yaml")});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_THAT(bad.err, HasSubstr("bad.yaml:1:13: reflection must be authenticated, open or off"));
}

// Before: only "Bearer" was accepted; RFC 7235 makes the scheme case-insensitive.
TEST_F(GrpcEdgeTest, BearerSchemeIsCaseInsensitive) {
  Start(Tokens());
  const struct {
    const char* scheme;
    const char* code;
  } kCases[] = {{"Bearer", "OK"}, {"bearer", "OK"}, {"BEARER", "OK"}, {"bEaReR", "OK"}, {"Basic", "UNAUTHENTICATED"}};
  for (const auto& c : kCases) EXPECT_EQ(Python("call-code", {kReadToken, c.scheme}), c.code) << c.scheme;
}

}  // namespace
}  // namespace crosswalk
