// crosswalkd migrate (issue 14 Deliver 4) end to end: the example estate synced into SQLite by the
// real crosswalkd, with the organisation's decision, certification and assessment, is copied into
// a real PostgreSQL database by `crosswalkd migrate`; crosswalkd on PostgreSQL then answers every
// report exactly as it did on the file, and a second migration into the same database is refused.
#include <signal.h>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/gateway/gateway_fixture.h"
#include "tests/servers/postgres_server.h"

namespace crosswalk {
namespace {

using ::testing::HasSubstr;
using ::testing::ContainsRegex;
using ::testing::Not;
using testing_servers::PostgresServer;

// A report's JSON without the moment it was generated.
std::string Timeless(std::string json) {
  for (size_t at = json.find("\"generated"); at != std::string::npos; at = json.find("\"generated", at + 1)) {
    json.erase(at, json.find(',', at) - at);
  }
  return json;
}

class MigrateTest : public GatewayTest {};

TEST_F(MigrateTest, TheEstateMovesToPostgresqlAndEveryReportReadsTheSame) {
  if (testing_process::PostgresStoreMode()) GTEST_SKIP() << "copies a SQLite store to PostgreSQL: runs in the SQLite pass";
  PostgresServer* server = testing_servers::SharedPostgresOrSkip();
  if (server == nullptr) return;
  const std::string database = PostgresServer::DatabaseName(dir_.string());
  ASSERT_EQ(server->CreateDatabase(database), "");

  StartWith("");
  ASSERT_EQ(Cli({"sync", "--all"}).exit_code, 0);
  ASSERT_EQ(Cli({"certifications", "add", "--standard", "iso27001:2022", "--certificate", "IS 712345", "--body", "JQA",
                 "--valid-until", "2027-09-30", "--last-audit", "2026-09-15", "--by", "sato"}).exit_code, 0);
  ASSERT_EQ(Cli({"decisions", "add", "--from", "iso27001:2022", "--from-ref", "A.5.26", "--to", "iso20000-1:2018",
                 "--to-ref", "8.6.3", "--relationship", "intersects-with", "--decision", "confirm", "--by", "sato",
                 "--reason", "problem management is run with incident response"}).exit_code, 0);
  ASSERT_EQ(Cli({"assess", "set", "8.5.1.3", "--status", "partial", "--maturity", "2", "--owner", "運用課", "--by", "sato"})
                .exit_code, 0);
  const ProcessResult report = Cli({"report", "all", "--format", "json"});
  ASSERT_EQ(report.exit_code, 0) << report.err;
  const std::string history = Cli({"assess", "history", "8.5.1.3"}).out;
  const auto counts = SourceCounts();
  daemon_->Stop(SIGTERM);

  const ProcessResult migrated = RunProcess({CROSSWALKD_BINARY, "migrate", "--from", Path("crosswalk-example.db"), "--to",
                                             server->Url(database), "--password-file", server->password_file()});
  ASSERT_EQ(migrated.exit_code, 0) << migrated.err;
  EXPECT_THAT(migrated.out, HasSubstr("records: "));
  EXPECT_THAT(migrated.out, ContainsRegex("records: [1-9][0-9]* rows, SHA-256 [0-9a-f]{64} verified"));
  EXPECT_THAT(migrated.out, HasSubstr("org_assessments: 1 rows"));
  EXPECT_THAT(migrated.out, HasSubstr(absl::StrCat("-> ", server->Url(database), ": ")));

  Start({"--store", server->Url(database), "--data-dir", Path("data")},
        {absl::StrCat("PGPASSWORD=", server->Password())});
  const ProcessResult moved = Cli({"report", "all", "--format", "json"});
  ASSERT_EQ(moved.exit_code, 0) << moved.err;
  EXPECT_EQ(Timeless(moved.out), Timeless(report.out));
  EXPECT_EQ(SourceCounts(), counts);
  EXPECT_EQ(Cli({"assess", "history", "8.5.1.3"}).out, history);
  // The gateway goes on from there: an incremental sync on PostgreSQL finds nothing new.
  const ProcessResult again = Cli({"sync", "--all"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_THAT(again.err, Not(HasSubstr("failed")));
  EXPECT_EQ(SourceCounts(), counts) << "nothing read twice";
  daemon_->Stop(SIGTERM);

  const ProcessResult twice = RunProcess({CROSSWALKD_BINARY, "migrate", "--from", Path("crosswalk-example.db"), "--to",
                                          server->Url(database), "--password-file", server->password_file()});
  EXPECT_EQ(twice.exit_code, 1);
  EXPECT_THAT(twice.err, HasSubstr("migrate into an empty database"));
  (void)server->DropDatabase(database);
}

}  // namespace
}  // namespace crosswalk
