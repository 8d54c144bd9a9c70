// Hardening end-to-end tests (issue 15): each reproduces an attack or fault found by hostile
// testing against the real crosswalkd, and shows it no longer works.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <thread>

#include "gmock/gmock.h"
#include "tests/gateway/gateway_fixture.h"

namespace crosswalk {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
namespace fs = std::filesystem;

class HardeningTest : public GatewayTest {
 protected:
  // The import client (tests/gateway/import_client.py): COMMAND NAME PRESET ARGS... against the
  // running server; prints the call's status code name and details.
  ProcessResult ImportClient(const std::string& command, const std::string& name, const std::string& preset,
                             const std::vector<std::string>& args = {}) {
    std::vector<std::string> argv = {"/usr/bin/python3", CROSSWALK_TESTS_DIR "/gateway/import_client.py",
                                     CROSSWALK_PROTO_DIR, dir_.string(), command, daemon_->address(), name, preset};
    argv.insert(argv.end(), args.begin(), args.end());
    return RunProcess(argv);
  }
  std::string ReadFile(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }
  // Waits (bounded) until crosswalkd's log holds `text`.
  bool LogShows(const std::string& text) {
    for (int i = 0; i < 600; ++i) {
      if (daemon_->Stderr().find(text) != std::string::npos) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
  }
  void StartEmpty(const std::string& extra = "") {
    WriteFile("crosswalkd.yaml", absl::StrCat("listen: 127.0.0.1:0\n", extra));
    Start();
  }
};

// The critical hole: an import named "x.source.json" was kept beside the gateway's own import
// definitions and, after a restart, defined a source reading any file on the server.
TEST_F(HardeningTest, AnImportCannotBecomeASourceDefinition) {
  WriteFile("secret.csv", "id,title\n1,TOPSECRET\n");
  WriteFile("x.source.json", absl::StrCat(R"({"name": "evil", "options": {"location": ")", Path("secret.csv"),
                                          R"(", "preset": "generic-ticket"}})"));
  StartEmpty();
  Cli({"import", "--preset", "servicenow-incident", Path("x.source.json")});  // its sync may fail; the file is kept
  daemon_->Stop(SIGTERM);
  Start();
  const ProcessResult sources = Cli({"sources", "--format", "csv"});
  ASSERT_EQ(sources.exit_code, 0) << sources.err;
  EXPECT_THAT(sources.out, HasSubstr("import:x.source.json"));
  EXPECT_THAT(sources.out, Not(HasSubstr("evil")));
  EXPECT_NE(Cli({"sync", "evil"}).exit_code, 0);
  Cli({"sync", "--all"});
  EXPECT_THAT(Cli({"records", "--format", "json"}).out, Not(HasSubstr("TOPSECRET")));
}

// A cancelled or unfinished import stream keeps nothing: an earlier import of the same name stays
// byte for byte, and a new name never appears.
TEST_F(HardeningTest, AnUnfinishedImportKeepsNothing) {
  StartEmpty();
  const std::string capa = CROSSWALK_EXAMPLES "/estate/capa-log.csv";
  const ProcessResult first = Cli({"import", "--preset", "qms-nc", capa});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  const auto before = SourceCounts();
  ASSERT_GT(before.at("import:capa-log.csv").first, 1);
  const std::string kept = testing_process::ImportsDirFor(Path("crosswalk.db")) + "/files/capa-log.csv";
  ASSERT_EQ(ReadFile(kept), ReadFile(capa));

  const ProcessResult cancelled =
      ImportClient("cancel", "capa-log.csv", "qms-nc", {capa, testing_process::ImportsDirFor(Path("crosswalk.db")) + "/staging"});
  EXPECT_THAT(cancelled.out, HasSubstr("CANCELLED")) << cancelled.err;
  ASSERT_TRUE(LogShows("import of capa-log.csv ended before the client finished it")) << daemon_->Stderr();
  const ProcessResult no_last = ImportClient("no-last", "fresh.csv", "qms-nc", {capa});
  EXPECT_THAT(no_last.out, HasSubstr("CANCELLED the import ended before its last message: nothing was kept"));

  EXPECT_EQ(SourceCounts(), before);
  EXPECT_EQ(ReadFile(kept), ReadFile(capa));
  EXPECT_TRUE(fs::is_empty(fs::path(testing_process::ImportsDirFor(Path("crosswalk.db"))) / "staging"));
  const ProcessResult resync = Cli({"sync", "import:capa-log.csv"});
  EXPECT_THAT(resync.err, HasSubstr("0 new, 0 changed"));
}

// Server limits cannot be raised by a client, and a client cannot point an import elsewhere.
TEST_F(HardeningTest, ImportOptionsCannotRaiseLimitsOrSetALocation) {
  StartEmpty();
  struct Case {
    std::string option;
    std::string message;
  } cases[] = {
      {"max_record_bytes=-1", "max_record_bytes must be 1 to 16777216"},
      {"max_record_bytes=17000000", "max_record_bytes must be 1 to 16777216"},
      {"max_record_bytes=lots", "max_record_bytes must be 1 to 16777216"},
      {"location=/etc/passwd", "import option 'location' is set by the server"},
      {"preset=isms-soa", "import option 'preset' is set by the server"},
  };
  for (const Case& c : cases) {
    const ProcessResult result = ImportClient("options", "a.csv", "generic-ticket", {c.option});
    EXPECT_THAT(result.out, HasSubstr("INVALID_ARGUMENT")) << c.option;
    EXPECT_THAT(result.out, HasSubstr(c.message)) << c.option;
  }
  for (const std::string& name : std::vector<std::string>{"../a.csv", ".a.csv", "a\x1b[2J.csv"}) {
    EXPECT_THAT(ImportClient("options", name, "generic-ticket").out, HasSubstr("INVALID_ARGUMENT")) << name;
  }
  EXPECT_THAT(ImportClient("options", "a.csv", "generic-ticket", {"max_record_bytes=4096"}).out, HasSubstr("OK"));
  EXPECT_EQ(SourceCounts().count("import:a.csv"), 1u);
}

TEST_F(HardeningTest, ConfigRefusesTheImportNamespaceAndLimitsOutOfRange) {
  struct Case {
    std::string yaml;
    std::string error;
  } cases[] = {
      {"sources:\n  - {name: 'import:x.csv', type: file, location: x.csv, preset: generic-ticket}\n",
       "crosswalkd.yaml:3:12: source names starting with 'import:' are kept for `crosswalk import`"},
      {"sources:\n  - {name: 'IMPORT:x.csv', type: file, location: x.csv, preset: generic-ticket}\n",
       "source names starting with 'import:'"},
      {"limits: {max_message_bytes: -1}\n", "crosswalkd.yaml:2:29: limits.max_message_bytes must be 65536 to 67108864"},
      {"limits: {max_import_bytes: 0}\n", "limits.max_import_bytes must be 1 to"},
      {"limits: {max_record_bytes: 99999999999}\n", "limits.max_record_bytes must be 1024 to 67108864"},
      {"limits: {shutdown_seconds: 0}\n", "limits.shutdown_seconds must be 1 to 600"},
      {"limits: {max_message_bytes: lots}\n", "max_message_bytes must be a whole number"},
      {"limits: {max_rows: 5}\n", "unknown key 'max_rows' in limits"},
      {"store_password_file: missing.pass\n", "crosswalkd.yaml:2:22: store_password_file "},
      {"store: postgresql://crosswalk@127.0.0.1:1/sms\n", "a PostgreSQL store needs data_dir:"},
      {"store: postgresql://crosswalk:hunter2secret@127.0.0.1:1/sms\ndata_dir: d\n", "the store URL carries a password"},
      {"store: postgresql://crosswalk@127.0.0.1:1/sms\ndata_dir: d\n", "postgresql store postgresql://crosswalk@127.0.0.1:1/sms: cannot connect"},
  };
  for (const Case& c : cases) {
    WriteFile("crosswalkd.yaml", absl::StrCat("listen: 127.0.0.1:0\n", c.yaml));
    const ProcessResult result = RunProcess({CROSSWALKD_BINARY, "--config", Path("crosswalkd.yaml")});
    EXPECT_EQ(result.exit_code, 1) << c.yaml;
    EXPECT_THAT(result.err, HasSubstr(c.error)) << c.yaml;
    EXPECT_THAT(result.err, Not(HasSubstr("hunter2secret"))) << c.yaml;
  }
}

// A full disk once left a 0-byte import definition, and crosswalkd then refused to start.
TEST_F(HardeningTest, AnUnreadableImportDefinitionIsQuarantinedNotFatal) {
  StartEmpty();
  ASSERT_EQ(Cli({"import", "--preset", "qms-nc", CROSSWALK_EXAMPLES "/estate/capa-log.csv"}).exit_code, 0);
  daemon_->Stop(SIGTERM);
  std::ofstream(testing_process::ImportsDirFor(Path("crosswalk.db")) + "/sources/capa-log.csv.json", std::ios::trunc).flush();
  Start();
  EXPECT_THAT(daemon_->Stderr(), HasSubstr("warning: import definition capa-log.csv.json is empty: moved to quarantine/"));
  EXPECT_EQ(SourceCounts().count("import:capa-log.csv"), 0u);
}

// The store file removed while crosswalkd runs: calls fail loudly instead of writing into an
// unlinked file. On PostgreSQL: the database dropped while crosswalkd runs (its sessions ended).
TEST_F(HardeningTest, AStoreFileRemovedWhileRunningFailsLoudly) {
  StartWith("");
  ASSERT_EQ(Cli({"sync", "qms-capa"}).exit_code, 0);
  if (testing_process::PostgresStoreMode()) {
    ASSERT_EQ(testing_process::DropDatabaseFor(Path("crosswalk-example.db")), "");
    for (const std::vector<std::string>& call : {std::vector<std::string>{"sync", "qms-capa"}, {"sources"}}) {
      const ProcessResult result = Cli(call);
      EXPECT_NE(result.exit_code, 0) << call[0];
      EXPECT_THAT(result.err, HasSubstr("postgresql store postgresql://crosswalk@127.0.0.1:")) << call[0];
      EXPECT_THAT(result.err, HasSubstr("does not exist")) << call[0];
    }
    return;
  }
  const std::string store = Path("crosswalk-example.db");
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(store + suffix);
  const ProcessResult sync = Cli({"sync", "qms-capa"});
  EXPECT_NE(sync.exit_code, 0);
  EXPECT_THAT(sync.err, HasSubstr("was removed while crosswalkd was running"));
  const ProcessResult sources = Cli({"sources"});
  EXPECT_NE(sources.exit_code, 0);
  EXPECT_THAT(sources.err, HasSubstr("was removed while crosswalkd was running"));
}

// SIGTERM with an import stream a client keeps open: crosswalkd cancels it after
// limits.shutdown_seconds and exits; nothing of the import is kept.
TEST_F(HardeningTest, SigtermStopsWithinTheDeadlineAndKeepsNoHalfImport) {
  StartEmpty("limits: {shutdown_seconds: 2}\n");
  const std::string stdout_path = Path("hold.out");
  const int out = ::open(stdout_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  const pid_t client = testing_process::Spawn(
      {"/usr/bin/python3", CROSSWALK_TESTS_DIR "/gateway/import_client.py", CROSSWALK_PROTO_DIR, dir_.string(),
       "hold", daemon_->address(), "held.csv", "generic-ticket"},
      {}, out, out);
  ::close(out);
  // The server holds the stream once the chunk is staged.
  const fs::path staging = fs::path(testing_process::ImportsDirFor(Path("crosswalk.db"))) / "staging";
  bool staged = false;
  for (int i = 0; i < 600 && !staged; ++i) {
    for (const auto& file : fs::directory_iterator(staging)) staged |= file.file_size() > 0;
    if (!staged) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_TRUE(staged);
  const pid_t server = daemon_->pid();
  ::kill(server, SIGTERM);
  int status = 0;
  bool exited = false;
  for (int i = 0; i < 300 && !exited; ++i) {  // 15 s: the deadline is 2 s
    exited = ::waitpid(server, &status, WNOHANG) == server;
    if (!exited) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  if (!exited) ::kill(server, SIGKILL);
  ASSERT_TRUE(exited) << "crosswalkd did not stop within 15 s of SIGTERM";
  daemon_->MarkReaped();
  ::waitpid(client, nullptr, 0);
  // The client sees its call ended by the server (UNAVAILABLE or CANCELLED), never OK.
  EXPECT_THAT(ReadFile(stdout_path), testing::AnyOf(HasSubstr("UNAVAILABLE"), HasSubstr("CANCELLED")));
  Start();
  EXPECT_EQ(SourceCounts().count("import:held.csv"), 0u);
  EXPECT_TRUE(fs::is_empty(staging));
}

// Report renders are admitted under limits.report_memory_bytes: one that can never fit is refused
// with the limit named, instead of taking the memory.
TEST_F(HardeningTest, AReportOverTheMemoryBudgetIsRefused) {
  StartWith("limits: {report_memory_bytes: 1048576}\n");
  ASSERT_EQ(Cli({"sync", "--all"}).exit_code, 0);
  const ProcessResult report = Cli({"report", "gaps", "--out", Path("gaps.txt")});
  EXPECT_NE(report.exit_code, 0);
  EXPECT_THAT(report.err, HasSubstr("limits.report_memory_bytes"));
  EXPECT_FALSE(fs::exists(Path("gaps.txt")));
}

// Zero records from a source is never a quiet success: an empty or header-only file ends the
// import with a warning and exit 3 (it used to say "done" and exit 0).
TEST_F(HardeningTest, AnEmptyOrHeaderOnlyImportIsAWarning) {
  StartEmpty();
  std::ifstream capa(CROSSWALK_EXAMPLES "/estate/capa-log.csv");
  std::string header;
  std::getline(capa, header);
  WriteFile("header-only.csv", header + "\n");
  WriteFile("empty.csv", "");
  for (const char* name : {"header-only.csv", "empty.csv"}) {
    const ProcessResult result = Cli({"import", "--preset", "qms-nc", Path(name)});
    EXPECT_EQ(result.exit_code, 3) << name << ": " << result.err;
    EXPECT_THAT(result.err, HasSubstr("warning (0 new, 0 changed, 0 unchanged): no records read")) << name;
  }
  const ProcessResult sources = Cli({"sources", "--format", "csv"});
  EXPECT_THAT(sources.out, HasSubstr("import:empty.csv,file,qms-nc,0,0,warning,"));
  // The same file with a record: done, exit 0.
  std::string record;
  std::getline(capa, record);
  WriteFile("header-only.csv", header + "\n" + record + "\n");
  EXPECT_EQ(Cli({"import", "--preset", "qms-nc", Path("header-only.csv")}).exit_code, 0);
}

// ListSources is paged and each page bounded by bytes: 250 sources with 2 kB locations (500 kB)
// under a 64 KiB message limit are all listed, where one response used to fail for everyone.
TEST_F(HardeningTest, ListSourcesIsPagedAndBoundedByBytes) {
  std::string config = "listen: 127.0.0.1:0\nlimits: {max_message_bytes: 65536}\nsources:\n";
  const std::string deep(2000, 'd');
  for (int i = 0; i < 250; ++i) {
    absl::StrAppend(&config, "  - {name: s", i, ", type: file, location: ", deep, "/f", i, ".csv, preset: generic-ticket}\n");
  }
  WriteFile("crosswalkd.yaml", config);
  Start();
  const ProcessResult sources = Cli({"sources", "--format", "csv"});
  ASSERT_EQ(sources.exit_code, 0) << sources.err;
  const std::vector<std::string> lines = absl::StrSplit(sources.out, '\n', absl::SkipEmpty());
  ASSERT_EQ(lines.size(), 251u);  // the header and every source once
  EXPECT_THAT(lines[1], testing::StartsWith("s0,"));
  EXPECT_THAT(lines[250], testing::StartsWith("s249,"));
}

}  // namespace
}  // namespace crosswalk
