// The gRPC edge of crosswalkd end to end (issue 15, "gRPC polish" and bounded responses): health by
// service name, reflection v1 and v1alpha behind the token rule, the bearer scheme, page tokens,
// unknown filters, bounded pages and error messages without server paths. The real crosswalkd on a
// loopback port, the real CLI, and the Python client of gateway_client.py.
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
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
      {"crosswalk.v1.Decisions", "SERVING"},
      {"crosswalk.v1.Certifications", "SERVING"},
      {"crosswalk.v1.Assessments", "SERVING"},
      {"crosswalk.v1.Sam", "SERVING"},
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

// Before: one 5 MB record made every ListRecords page that held it, and one 6 MB sync error made
// every ListSources, fail with RESOURCE_EXHAUSTED (over the 4 MiB message limit) for every user.
TEST_F(GrpcEdgeTest, AHugeFieldOrErrorLeavesListingsWorkingAndMarked) {
  std::string title;
  while (title.size() < 5'000'000) title += "あ";  // 3 bytes each: a cut must not split one
  std::string tickets = "id,type,subject,opened\n";
  for (int i = 1; i <= 300; ++i) absl::StrAppend(&tickets, "T-", i, ",incident,", i == 7 ? title : "small", ",2025-02-01\n");
  WriteFile("tickets.csv", tickets);
  WriteFile("bad.csv", absl::StrCat("id,type,subject,opened\nT-1,incident,s,", std::string(6'000'000, '9'), "\n"));
  const std::string sources = absl::StrCat("sources:\n  - {name: bad, type: file, location: ", Path("bad.csv"),
                                           ", preset: generic-ticket}\n");
  Start(sources);
  ProcessResult import = Cli({"import", "--preset", "generic-ticket", Path("tickets.csv")});
  ASSERT_EQ(import.exit_code, 0) << import.err;
  EXPECT_EQ(Cli({"sync", "bad"}).exit_code, 1);

  const std::string answer = Python("big", {"import:tickets.csv", "T-7"});
  EXPECT_THAT(answer, HasSubstr("\"listed\": 300"));
  EXPECT_THAT(answer, HasSubstr("\"truncated\": [\"title\"]"));
  EXPECT_THAT(answer, HasSubstr("\"ellipsis\": true"));
  EXPECT_THAT(answer, HasSubstr("\"sources\": 2"));
  // Whole or a named refusal: over the default 4 MiB limit, GetRecord says how large the record is.
  EXPECT_THAT(answer, HasSubstr("\"get\": \"RESOURCE_EXHAUSTED\""));
  EXPECT_THAT(answer, HasSubstr("record 'T-7' of source 'import:tickets.csv' is 50"));
  EXPECT_THAT(answer, HasSubstr("bytes encoded, over this server's message limit of 4194304 bytes (limits.max_message_bytes)"));
  ProcessResult listed = Cli({"records", "--source", "import:tickets.csv", "--format", "csv"});
  EXPECT_EQ(listed.exit_code, 0) << listed.err;
  ProcessResult listed_sources = Cli({"sources", "--format", "json"});
  EXPECT_EQ(listed_sources.exit_code, 0) << listed_sources.err;
  EXPECT_LT(listed_sources.out.size(), 20'000u);
  EXPECT_THAT(listed_sources.out, HasSubstr("…"));

  // With a limit that holds it, GetRecord gives the record whole; listings still cut it.
  daemon_.reset();
  Start(absl::StrCat(sources, "limits: {max_message_bytes: 16777216}\n"));
  const std::string whole = Python("big", {"import:tickets.csv", "T-7"});
  EXPECT_THAT(whole, HasSubstr("\"get\": \"OK\""));
  EXPECT_THAT(whole, HasSubstr(absl::StrCat("\"get_title_bytes\": ", title.size())));
  EXPECT_THAT(whole, HasSubstr("\"truncated\": [\"title\"]"));
}

// Before: ListUnmapped answered every value in one response, with no paging.
TEST_F(GrpcEdgeTest, UnmappedValuesArePaged) {
  std::string tickets = "id,type,subject,status\n";
  for (int i = 1; i <= 1500; ++i) absl::StrAppend(&tickets, "T-", i, ",incident,s,odd-status-", i, "\n");
  WriteFile("odd.csv", tickets);
  Start("");
  ASSERT_EQ(Cli({"import", "--preset", "generic-ticket", Path("odd.csv")}).exit_code, 0);
  EXPECT_EQ(Python("unmapped", {"100"}), "{\"count\": 1500, \"pages\": 15}");
  ProcessResult cli = Cli({"records", "--unmapped", "--format", "csv"});
  ASSERT_EQ(cli.exit_code, 0) << cli.err;
  EXPECT_EQ(std::count(cli.out.begin(), cli.out.end(), '\n'), 1501);  // header + every value, over two pages
}

// Before: a token from one filter, used with another, silently listed the other filter from the
// first one's position.
TEST_F(GrpcEdgeTest, PageTokensBelongToTheirFilter) {
  std::string tickets = "id,type,subject,status\n";
  for (int i = 1; i <= 20; ++i) absl::StrAppend(&tickets, "T-", i, ",", i % 2 ? "incident" : "change", ",s,odd-", i, "\n");
  WriteFile("t.csv", tickets);
  Start("");
  ASSERT_EQ(Cli({"import", "--preset", "generic-ticket", Path("t.csv")}).exit_code, 0);
  ASSERT_EQ(Cli({"import", "--preset", "generic-ticket", Path("t.csv")}).exit_code, 0);
  WriteFile("soa.csv", "管理策番号,適用\nA.5.1,○\nA.5.2,○\nA.5.3,○\nA.5.4,○\nA.5.5,○\nA.5.6,○\nA.5.7,○\n");
  ASSERT_EQ(Cli({"import", "--preset", "isms-soa", Path("soa.csv")}).exit_code, 0);
  EXPECT_EQ(Python("token-swap"), "{\"records\": \"INVALID_ARGUMENT\", \"same\": \"OK\", \"unmapped\": \"INVALID_ARGUMENT\"}");
}

// Before: a typo in --kind or --source listed nothing and exited 0.
TEST_F(GrpcEdgeTest, UnknownKindOrSourceNamesTheNearest) {
  Start(absl::StrCat("sources:\n  - {name: sn-incidents, type: file, location: ", Path("none.json"),
                     ", preset: servicenow-incident}\n"));
  const struct {
    std::vector<std::string> args;
    const char* message;
  } kCases[] = {
      {{"records", "--kind", "incidnet"}, "INVALID_ARGUMENT: unknown kind 'incidnet' (nearest: incident"},
      {{"records", "--source", "sn-incident"}, "INVALID_ARGUMENT: unknown source 'sn-incident' (nearest: sn-incidents)"},
      {{"records", "--unmapped", "--source", "sn-incident"}, "unknown source 'sn-incident' (nearest: sn-incidents)"},
      {{"sync", "sn-incident"}, "NOT_FOUND: no source 'sn-incident'; nearest: sn-incidents"},
  };
  for (const auto& c : kCases) {
    ProcessResult result = Cli(c.args);
    EXPECT_EQ(result.exit_code, 2) << c.args[1];
    EXPECT_THAT(result.err, HasSubstr(c.message));
  }
  EXPECT_EQ(Cli({"records", "--kind", "incident", "--source", "sn-incidents"}).exit_code, 0);
}

// Before: a missing file's error carried the server's absolute directory to the client.
TEST_F(GrpcEdgeTest, ErrorsNameFilesWithoutServerDirectories) {
  const std::filesystem::path elsewhere = dir_.parent_path() / absl::StrCat("grpc-edge-elsewhere-", ::getpid());
  Start(absl::StrCat("sources:\n  - {name: near, type: file, location: ", Path("gone.csv"), ", preset: generic-ticket}\n",
                     "  - {name: far, type: file, location: ", (elsewhere / "away.csv").string(), ", preset: generic-ticket}\n"));
  ProcessResult sync = Cli({"sync", "near", "far"});
  EXPECT_EQ(sync.exit_code, 1);
  EXPECT_THAT(sync.err, HasSubstr("near: failed (0 new, 0 changed, 0 unchanged): <config>/gone.csv: cannot open the file"));
  EXPECT_THAT(sync.err, HasSubstr("far: failed (0 new, 0 changed, 0 unchanged): <dir>/away.csv: cannot open the file"));
  ProcessResult sources = Cli({"sources", "--format", "json"});
  EXPECT_THAT(sources.out, HasSubstr("<config>/gone.csv"));
  for (const std::string& text : {sync.err, sources.out}) {
    EXPECT_THAT(text, Not(HasSubstr(dir_.string())));
    EXPECT_THAT(text, Not(HasSubstr(elsewhere.string())));
  }
}

// Before: the gRPC map json had the seven table columns only; the local one also has possible,
// hops, source_line, basis, confidence, rationale, note, inverted and origin.
TEST_F(GrpcEdgeTest, MapJsonOverGrpcEqualsTheLocalOne) {
  Start("");
  const std::vector<std::vector<std::string>> kQueries = {
      {"--from", "iso27001:2013", "--to", "iso20000-1:2011", "A.12.1.2"},            // chained, two rows
      {"--from", "iso27001:2005", "--to", "iso27001:2022", "A.10.1.2", "A.12.4.1"},  // chained editions
      {"--from", "iso9001:2008", "--to", "iso20000-1:2018", "7.5", "8.3"},          // up to four rows, strengths
      {"--from", "iso9001:2008", "--to", "iso20000-1:2018", "8.3", "--best"},
      {"--from", "iso27001:2005", "--to", "iso20000-1:2011", "a.6.2.1"},             // derived from ancestors
      {"--from", "jisq20000-1:2012", "--to", "jisq27001:2006", "--direct-only"},     // aliases, inverted rows
      {"--from", "iso27001:2013", "--to", "iso27001:2022"},                          // every label
      {"--from", "itil:v3-2011", "--to", "iso20000-1:2011"},
  };
  for (const std::vector<std::string>& query : kQueries) {
    std::vector<std::string> args = {"map", "--format", "json"};
    args.insert(args.end(), query.begin(), query.end());
    std::vector<std::string> local = args;
    local.insert(local.begin(), CROSSWALK_BINARY);
    ProcessResult here = RunProcess(local);
    ProcessResult remote = Cli(args);
    ASSERT_EQ(here.exit_code, 0) << here.err;
    ASSERT_EQ(remote.exit_code, 0) << remote.err;
    EXPECT_THAT(here.out, HasSubstr("\"origin\": "));
    EXPECT_EQ(remote.out, here.out) << absl::StrJoin(query, " ");
    EXPECT_EQ(remote.err, here.err) << absl::StrJoin(query, " ");  // the notes
  }
}

}  // namespace
}  // namespace crosswalk
