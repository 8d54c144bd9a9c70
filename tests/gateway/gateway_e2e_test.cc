// End-to-end tests of the gateway: the real crosswalkd on a loopback port with a real SQLite file,
// driven by the real crosswalk CLI and by a Python gRPC client generated from the .proto files.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/gateway/gateway_fixture.h"

namespace crosswalk {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST_F(GatewayTest, SyncEverySourceThenResyncMakesNoVersions) {
  StartWith("");
  ProcessResult sync = Cli({"sync", "--all"});
  ASSERT_EQ(sync.exit_code, 0) << sync.err;
  EXPECT_THAT(sync.err, HasSubstr("isms-soa: done (93 new, 0 changed, 0 unchanged)"));
  auto counts = SourceCounts();
  EXPECT_EQ(counts["isms-soa"], std::make_pair(93, 93));
  EXPECT_EQ(counts["sn-incidents"], std::make_pair(1200, 1200));
  EXPECT_EQ(counts["sn-changes"], std::make_pair(300, 300));
  EXPECT_EQ(counts["sn-cmdb"], std::make_pair(150, 150));
  EXPECT_EQ(counts["isms-incidents"], std::make_pair(20, 20));
  EXPECT_EQ(counts["complaints"], std::make_pair(12, 12));
  EXPECT_EQ(counts["desk-tickets-ja"], std::make_pair(40, 40));

  ProcessResult again = Cli({"sync", "--all"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(SourceCounts(), counts);

  // A changed row makes one new version, nothing else.
  std::ifstream in(Path("estate/capa-log.csv"));
  std::stringstream text;
  text << in.rdbuf();
  std::string capa = text.str();
  capa.replace(capa.find("NC-001,"), 7, "NC-001,X");
  WriteFile("estate/capa-log.csv", capa);
  ProcessResult changed = Cli({"sync", "qms-capa"});
  EXPECT_THAT(changed.err, HasSubstr("qms-capa: done (0 new, 1 changed, 24 unchanged)"));
  EXPECT_EQ(SourceCounts()["qms-capa"], std::make_pair(25, 26));
}

// docs/source-types.md is what `crosswalkd --source-types` prints from the key declarations.
TEST_F(GatewayTest, SourceTypesDocIsGeneratedFromTheDeclarations) {
  ProcessResult generated = RunProcess({CROSSWALKD_BINARY, "--source-types"});
  ASSERT_EQ(generated.exit_code, 0) << generated.err;
  EXPECT_THAT(generated.out, HasSubstr("| `location` | path |"));
  std::ifstream in(std::string(CROSSWALK_TESTS_DIR) + "/../docs/source-types.md", std::ios::binary);
  std::stringstream committed;
  committed << in.rdbuf();
  EXPECT_EQ(committed.str(), generated.out)
      << "docs/source-types.md is stale: regenerate it with `crosswalkd --source-types > docs/source-types.md`";
}

// docs/value-rules.md is what `crosswalkd --value-rules` prints from mappings/rules/: a rule
// changed without regenerating it fails here.
TEST_F(GatewayTest, ValueRulesDocIsGeneratedFromTheRules) {
  ProcessResult generated = RunProcess({CROSSWALKD_BINARY, "--value-rules"});
  ASSERT_EQ(generated.exit_code, 0) << generated.err;
  // Each connector type has its own section; a regex alternation stays inside its cell.
  for (const char* vocabulary : {"## `servicenow`", "## `jira`", "## `glpi`", "## `redmine`", "## `rt`", "## `common`"}) {
    EXPECT_THAT(generated.out, HasSubstr(vocabulary));
  }
  EXPECT_THAT(generated.out, HasSubstr("| `ticket` | pattern `general\\|incidents?\\|support"));
  EXPECT_THAT(generated.out, HasSubstr("| rt.queue.incident |"));
  std::ifstream in(std::string(CROSSWALK_TESTS_DIR) + "/../docs/value-rules.md", std::ios::binary);
  std::stringstream committed;
  committed << in.rdbuf();
  EXPECT_EQ(committed.str(), generated.out)
      << "docs/value-rules.md is stale: regenerate it with `crosswalkd --value-rules > docs/value-rules.md`";
}

// `sources show NAME` lists one source's fields and every option with its declared type, the
// same for any connector type; an unknown name names the gateway's sources.
TEST_F(GatewayTest, SourcesShowListsEveryOptionWithItsType) {
  StartWith("");
  ASSERT_EQ(Cli({"sync", "qms-capa"}).exit_code, 0);
  ProcessResult shown = Cli({"sources", "show", "qms-capa", "--format", "csv"});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_THAT(shown.out, HasSubstr("type,file"));
  EXPECT_THAT(shown.out, HasSubstr("records,25"));
  EXPECT_THAT(shown.out, HasSubstr("last_outcome,ok"));
  EXPECT_THAT(shown.out, HasSubstr("capa-log.csv  [path]"));
  EXPECT_THAT(shown.out, HasSubstr("option preset,"));
  ProcessResult json = Cli({"sources", "--format", "json"});
  EXPECT_THAT(json.out, HasSubstr("preset=qms-nc"));
  ProcessResult unknown = Cli({"sources", "show", "qms-capx"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_THAT(unknown.err, HasSubstr("no source 'qms-capx' (the gateway has: "));
  EXPECT_THAT(unknown.err, HasSubstr("qms-capa"));
}

TEST_F(GatewayTest, RecordsCsvColumnsFiltersAndClause) {
  StartWith("");
  ASSERT_EQ(Cli({"sync", "--all"}).exit_code, 0);
  ProcessResult csv = Cli({"records", "--kind", "control", "--format", "csv"});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_THAT(csv.out, HasSubstr("kind,source,native_id,status,effective,"));
  EXPECT_THAT(csv.out, HasSubstr("control,isms-soa,iso27001:2022#A.5.1,"));
  EXPECT_THAT(csv.out, HasSubstr("control,isms-soa,iso27001:2022#A.7.5,not-applicable,"));
  EXPECT_EQ(std::count(csv.out.begin(), csv.out.end(), '\n'), 94);
  // Clause 8.6.1 (incident management): the incidents, and the audit findings on that clause.
  ProcessResult clause = Cli({"records", "--clause", "8.6.1", "--format", "csv"});
  ASSERT_EQ(clause.exit_code, 0) << clause.err;
  EXPECT_THAT(clause.out, HasSubstr("incident,sn-incidents,INC0010001,"));
  EXPECT_THAT(clause.out, Not(HasSubstr("change,")));
  ProcessResult json = Cli({"records", "--source", "sn-incidents", "--format", "json"});
  EXPECT_THAT(json.out, HasSubstr("\"origins\": \"kind:incident→sn.kind.incident; status:"));
  // The Japanese desk's Shift_JIS export: Japanese kinds and statuses in the 20000-1 vocabulary.
  ProcessResult japanese = Cli({"records", "--source", "desk-tickets-ja", "--limit", "2", "--format", "csv"});
  EXPECT_EQ(japanese.out,
            "kind,source,native_id,status,effective,priority,title,version\n"
            "change,desk-tickets-ja,T-0001,new,2026-03-14,moderate,アカウント追加,1\n"
            "change,desk-tickets-ja,T-0002,resolved,2025-12-16,low,サーバー再起動,1\n");
  ProcessResult unknown = Cli({"records", "--clause", "8.99"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_THAT(unknown.err, HasSubstr("NOT_FOUND"));
}

TEST_F(GatewayTest, ImportIsIdempotentAndUnknownValuesAreListed) {
  StartWith("");
  WriteFile("tickets.csv",
            "チケット番号,種別,件名,ステータス,優先度,作成日時\n"
            "T-1,インシデント,メール不達,対応中,高,2025/05/01 10:00\n"
            "T-2,サービス要求,アカウント追加,完了,中,2025/05/02 11:30\n"
            "T-3,問い合わせ,請求書,ベンダー回答待ち,低,2025/05/03 09:15\n");
  ProcessResult first = Cli({"import", "--preset", "generic-ticket", "--timezone", "+09:00", Path("tickets.csv")});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_THAT(first.err, HasSubstr("import:tickets.csv: done (3 new, 0 changed, 0 unchanged)"));
  ProcessResult second = Cli({"import", "--preset", "generic-ticket", "--timezone", "+09:00", Path("tickets.csv")});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_EQ(SourceCounts()["import:tickets.csv"], std::make_pair(3, 3));
  ProcessResult records = Cli({"records", "--source", "import:tickets.csv", "--format", "csv"});
  EXPECT_THAT(records.out, HasSubstr("incident,import:tickets.csv,T-1,in-progress,2025-05-01,high,"));
  EXPECT_THAT(records.out, HasSubstr("service-request,import:tickets.csv,T-3,,2025-05-03,low,"));
  ProcessResult unmapped = Cli({"records", "--unmapped", "--format", "csv"});
  EXPECT_THAT(unmapped.out, HasSubstr("import:tickets.csv,status,ベンダー回答待ち,1,T-3"));
  // The import survives a restart as a source.
  daemon_->Stop(SIGTERM);
  Start();
  EXPECT_EQ(SourceCounts()["import:tickets.csv"], std::make_pair(3, 3));
}

TEST_F(GatewayTest, XlsxWrittenByTheTestImportsAsControls) {
  StartWith("");
  ASSERT_EQ(Python({"soa-xlsx", Path("soa.xlsx")}).exit_code, 0);
  ProcessResult import = Cli({"import", "--preset", "isms-soa", Path("soa.xlsx")});
  ASSERT_EQ(import.exit_code, 0) << import.err;
  ProcessResult records = Cli({"records", "--source", "import:soa.xlsx", "--format", "csv"});
  EXPECT_THAT(records.out, HasSubstr("control,import:soa.xlsx,iso27001:2022#A.5.1,implemented,2025-01-01,"));
  EXPECT_THAT(records.out, HasSubstr("control,import:soa.xlsx,iso27001:2022#A.5.2,partially-implemented,2025-02-01,"));
  EXPECT_THAT(records.out, HasSubstr("control,import:soa.xlsx,iso27001:2022#A.7.5,not-applicable,"));
}

TEST_F(GatewayTest, BadRowRejectsTheWholeFileUnlessSkipped) {
  std::string text = "id,type,subject,opened\n";
  // Row 100 cannot be parsed (a fifth field), row 4321 has a date that does not exist.
  for (int i = 1; i <= 5000; ++i) {
    text += absl::StrCat("T-", i, ",incident,s,", i == 4321 ? "2025-02-30" : "2025-02-01", i == 100 ? ",extra" : "", "\n");
  }
  WriteFile("bad.csv", text);
  StartWith(absl::StrCat("sources:\n  - {name: bad, type: file, location: ", Path("bad.csv"), ", preset: generic-ticket}\n"
                         "  - {name: lenient, type: file, location: ", Path("bad.csv"), ", preset: generic-ticket, on_error: skip}\n"
                         "  - {name: missing, type: file, location: ", Path("nope.csv"), ", preset: generic-ticket}\n"
                         "  - {name: good, type: file, location: estate/soa.csv, preset: isms-soa}\n"
                         "store: ", Path("t.db")).c_str());
  ProcessResult sync = Cli({"sync", "--all"});
  EXPECT_EQ(sync.exit_code, 1);
  EXPECT_THAT(sync.err, HasSubstr("bad: failed"));
  EXPECT_THAT(sync.err, HasSubstr("bad.csv: line 101, column 29: the row has 5 fields but the header has 4"));
  // Skipped: the row the reader could not parse and the record the normaliser refused, each named.
  EXPECT_THAT(sync.err, HasSubstr("lenient: done (4998 new, 0 changed, 0 unchanged, 2 skipped): 2 bad rows skipped: "));
  EXPECT_THAT(sync.err, HasSubstr("bad.csv: line 101, column 29: the row has 5 fields but the header has 4; "));
  EXPECT_THAT(sync.err, HasSubstr("bad.csv line 4322, column 4 (opened): '2025-02-30' is not a date"));
  EXPECT_THAT(sync.err, HasSubstr("missing: failed"));
  EXPECT_THAT(sync.err, HasSubstr("good: done (93 new"));
  auto counts = SourceCounts();
  EXPECT_EQ(counts["bad"].first, 0);  // nothing of the rejected file is stored
  EXPECT_EQ(counts["lenient"].first, 4998);
  EXPECT_EQ(counts["good"].first, 93);
}

TEST_F(GatewayTest, PythonClientCallsHealthAndRecords) {
  StartWith("");
  ASSERT_EQ(Cli({"sync", "isms-soa", "sn-problems"}).exit_code, 0);
  ProcessResult health = Python({"health", daemon_->address()});
  ASSERT_EQ(health.exit_code, 0) << health.err;
  EXPECT_EQ(health.out, "SERVING\n");
  ProcessResult records = Python({"records", daemon_->address()});
  ASSERT_EQ(records.exit_code, 0) << records.err;
  // sn-incidents is scheduled, so it ran at start: 1200 incidents besides the 153 synced here, in
  // pages of 500.
  EXPECT_EQ(records.out, "{\"count\": 1353, \"kinds\": {\"control\": 93, \"incident\": 1200, \"problem\": 60}, \"pages\": 3}\n");
  ProcessResult oversize = Python({"oversize", daemon_->address()});
  EXPECT_EQ(oversize.out, "RESOURCE_EXHAUSTED\n") << oversize.err;
}

TEST_F(GatewayTest, TokensRolesAndSecretsNeverLogged) {
  const std::string read_token = "read-token-0123456789abcdef";
  const std::string sync_token = "sync-token-0123456789abcdef";
  WriteFile("read.token", read_token + "\n");
  StartWith("tokens:\n  - {name: auditor, role: read, file: read.token}\n  - {name: ops, role: sync, env: CW_SYNC}\n",
            {}, {"CW_SYNC=" + sync_token});
  EXPECT_EQ(Python({"call-code", daemon_->address(), ""}).out, "UNAUTHENTICATED\n");
  EXPECT_EQ(Python({"call-code", daemon_->address(), "wrong-token-0000000000"}).out, "UNAUTHENTICATED\n");
  EXPECT_EQ(Python({"call-code", daemon_->address(), read_token}).out, "OK\n");
  EXPECT_EQ(Python({"health", daemon_->address()}).out, "SERVING\n");  // health needs no token

  ProcessResult refused = Cli({"--token-file", Path("read.token"), "sync", "isms-soa"});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_THAT(refused.err, HasSubstr("PERMISSION_DENIED: token 'auditor' has role read; this call needs sync"));
  ProcessResult allowed = Cli({"sync", "isms-soa"}, {"CROSSWALK_TOKEN=" + sync_token});
  EXPECT_EQ(allowed.exit_code, 0) << allowed.err;
  ProcessResult none = Cli({"sources"});
  EXPECT_THAT(none.err, HasSubstr("UNAUTHENTICATED"));
  const std::string log = daemon_->Stderr();
  EXPECT_THAT(log, HasSubstr("2 token(s) configured"));
  EXPECT_THAT(log, Not(HasSubstr(read_token)));
  EXPECT_THAT(log, Not(HasSubstr(sync_token)));
}

TEST_F(GatewayTest, NonLoopbackListenerNeedsTlsAndTokensOrInsecure) {
  WriteFile("crosswalkd.yaml", "listen: 0.0.0.0:0\n");
  ProcessResult refused = RunProcess({CROSSWALKD_BINARY, "--config", Path("crosswalkd.yaml"), "--store", Path("x.db")});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_THAT(refused.err, HasSubstr("refusing to listen on 0.0.0.0:0 without TLS and tokens"));
  Start({"--listen", "0.0.0.0:0", "--insecure", "--store", Path("x.db")});
  EXPECT_THAT(daemon_->Stderr(), HasSubstr("--insecure: serving every peer without authentication"));
}

TEST_F(GatewayTest, TlsListenerWithTokens) {
  ProcessResult cert = RunProcess({"/usr/bin/openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                                   "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                                   "-keyout", Path("server.key"), "-out", Path("server.crt")});
  ASSERT_EQ(cert.exit_code, 0) << cert.err;
  const std::string token = "admin-token-0123456789abcdef";
  StartWith("tls: {cert: server.crt, key: server.key}\ntokens:\n  - {name: root, role: admin, env: CW_ADMIN}\n",
            {}, {"CW_ADMIN=" + token});
  EXPECT_THAT(daemon_->Stderr(), HasSubstr("TLS on"));
  ProcessResult ok = Cli({"--tls-ca", Path("server.crt"), "sync", "isms-soa"}, {"CROSSWALK_TOKEN=" + token});
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  ProcessResult plain = Cli({"sources"}, {"CROSSWALK_TOKEN=" + token});  // no TLS: the handshake fails
  EXPECT_EQ(plain.exit_code, 1);
  EXPECT_THAT(plain.err, HasSubstr("UNAVAILABLE"));
}

TEST_F(GatewayTest, ConfigErrorsNameFileLineAndColumn) {
  WriteFile("crosswalkd.yaml", "listen: 127.0.0.1:0\nsources:\n  - name: a\n    type: file\n    colour: blue\n    location: x.csv\n    preset: generic-ticket\n");
  ProcessResult result = RunProcess({CROSSWALKD_BINARY, "--config", Path("crosswalkd.yaml")});
  EXPECT_EQ(result.exit_code, 1);
  // The key's own line and column, the source and its type, the keys it could have meant.
  EXPECT_THAT(result.err, HasSubstr("crosswalkd.yaml:5:13: source 'a' (type file): unknown key 'colour' "
                                    "(expected one of: location, preset"));
  WriteFile("crosswalkd.yaml", "listen: 127.0.0.1:0\ntokens:\n  - {name: x, role: superuser, sha256: abc}\n");
  result = RunProcess({CROSSWALKD_BINARY, "--config", Path("crosswalkd.yaml")});
  EXPECT_THAT(result.err, HasSubstr("crosswalkd.yaml:3:21: role 'superuser' is not read, sync or admin"));
}

// The smoke test of crash safety with a real kill -9 (every fault point is covered in process by
// tests/sync/sync_engine_test.cc): the server is killed once the CLI has reported the first
// committed page, restarted and synced again; the store then holds exactly the records and content
// hashes that an uninterrupted sync of the same file stores.
TEST_F(GatewayTest, KillNineDuringSyncLosesAndDuplicatesNothing) {
  constexpr int kRecords = 150000;
  WriteIncidents("big.json", kRecords, "incident");
  const std::string config = absl::StrCat("listen: 127.0.0.1:0\nsync: {batch_size: 500}\nsources:\n  - {name: big, type: file, location: ",
                                           Path("big.json"), ", preset: servicenow-incident}\n");
  WriteFile("crosswalkd.yaml", config);
  Start({"--store", Path("interrupted.db")});
  // The CLI prints a progress line after each committed page: the kill follows the first.
  int progress[2];
  ASSERT_EQ(pipe(progress), 0);
  const int null = open("/dev/null", O_WRONLY);
  const pid_t cli = testing_process::Spawn({CROSSWALK_BINARY, "--server", daemon_->address(), "sync", "big"}, {}, null, progress[1]);
  close(null);
  close(progress[1]);
  FILE* lines = fdopen(progress[0], "r");
  char line[512];
  bool committed = false;
  while (!committed && fgets(line, sizeof line, lines) != nullptr) committed = strstr(line, "big: storing") != nullptr;
  ASSERT_TRUE(committed);
  EXPECT_EQ(daemon_->Stop(SIGKILL), 128 + SIGKILL);
  fclose(lines);
  waitpid(cli, nullptr, 0);

  Start({"--store", Path("interrupted.db")});
  const int stored = SourceCounts()["big"].first;
  ASSERT_GT(stored, 0);
  ASSERT_LT(stored, kRecords) << "the sync finished before the kill; make the file larger";
  ProcessResult resumed = Cli({"sync", "big"});
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_THAT(resumed.err, HasSubstr("unchanged)"));
  ProcessResult interrupted = Cli({"records", "--source", "big", "--format", "json"});
  daemon_->Stop(SIGTERM);

  Start({"--store", Path("clean.db")});
  ASSERT_EQ(Cli({"sync", "big"}).exit_code, 0);
  ProcessResult clean = Cli({"records", "--source", "big", "--format", "json"});
  const auto after_crash = KeysAndHashes(interrupted.out);
  EXPECT_EQ(after_crash.size(), static_cast<size_t>(kRecords));
  EXPECT_EQ(std::set<std::string>(after_crash.begin(), after_crash.end()).size(), static_cast<size_t>(kRecords));
  EXPECT_EQ(after_crash, KeysAndHashes(clean.out));
  EXPECT_EQ(SourceCounts()["big"], std::make_pair(kRecords, kRecords));  // one version each: no duplicates
}

}  // namespace
}  // namespace crosswalk
