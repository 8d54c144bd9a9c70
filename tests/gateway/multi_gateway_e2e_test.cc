// Several gateways over one PostgreSQL database (issue 14 Deliver 3): two real crosswalkd processes
// share one database and its sources. Reads are served by both; a source is synced by one at a
// time (the store's lease); when the gateway syncing a source is killed (kill -9) mid-sync, the
// other, which was waiting for the lease, takes over from the committed cursor, and the store
// then holds exactly what a clean read gives: nothing lost, nothing twice.
#include <signal.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/connectors/fake_redmine.h"
#include "tests/gateway/blocking_proxy.h"
#include "tests/gateway/gateway_fixture.h"
#include "tests/servers/postgres_server.h"

namespace crosswalk {
namespace {

using ::testing::HasSubstr;
using testing_servers::PostgresServer;

constexpr int kRecords = 60;
constexpr int64_t kT0 = 1'760'000'000;
constexpr char kSecret[] = "multi-gateway-secret-0123456789";

class MultiGatewayTest : public GatewayTest {
 protected:
  void SetUp() override {
    GatewayTest::SetUp();
    server_ = testing_servers::SharedPostgresOrSkip();
    if (server_ == nullptr) return;
    database_ = PostgresServer::DatabaseName(dir_.string());
    ASSERT_EQ(server_->CreateDatabase(database_), "");
  }
  void TearDown() override {
    other_.reset();
    GatewayTest::TearDown();
    if (server_ != nullptr) (void)server_->DropDatabase(database_);
  }

  // The config of gateway `name`: the shared database, its own data_dir, `sources`.
  void WriteConfig(const std::string& name, const std::string& sources) {
    WriteFile(name + ".yaml", absl::StrCat("listen: 127.0.0.1:0\nstore: ", server_->Url(database_),
                                           "\nstore_password_file: ", server_->password_file(), "\ndata_dir: ",
                                           Path(name + "-data"), "\nsync: {batch_size: 10}\nsources:\n", sources));
  }
  std::unique_ptr<Daemon> StartGateway(const std::string& name) {
    std::string error;
    auto daemon = Daemon::Start(CROSSWALKD_BINARY, {"--config", Path(name + ".yaml")}, Path(name + ".log"), &error);
    EXPECT_NE(daemon, nullptr) << error;
    return daemon;
  }
  // Runs the CLI against gateway `daemon`.
  ProcessResult CliOn(Daemon& daemon, std::vector<std::string> args) {
    args.insert(args.begin(), {CROSSWALK_BINARY, "--server", daemon.address()});
    return RunProcess(args);
  }

  PostgresServer* server_ = nullptr;
  std::string database_;
  std::unique_ptr<Daemon> other_;
};

TEST_F(MultiGatewayTest, TheLeaseHolderKilledMidSyncIsTakenOverWithNothingLostOrTwice) {
  if (server_ == nullptr) return;
  testing_redmine::FakeRedmine redmine(kSecret);
  auto put = [&](int64_t n, const std::string& subject, int64_t updated) {
    testing_redmine::FakeIssue issue;
    issue.id = n;
    issue.subject = subject;
    issue.created = kT0;
    issue.updated = updated;
    redmine.Put(issue);
  };
  for (int64_t n = 1; n <= kRecords; ++n) put(n, absl::StrCat("issue ", n), kT0 + n / 3);
  testing_gateway::BlockingProxy proxy(redmine.url(), 4);
  WriteFile("secret", absl::StrCat(kSecret, "\n"));
  const std::string options = "type: redmine, token_file: secret, page_size: 10, overlap: 0";
  const std::string sources = absl::StrCat("  - {name: desk, url: '", proxy.url(), "', ", options, "}\n",
                                           "  - {name: desk-clean, url: '", redmine.url(), "', ", options, "}\n");
  WriteConfig("a", sources);
  WriteConfig("b", sources);
  daemon_ = StartGateway("a");
  other_ = StartGateway("b");
  ASSERT_NE(daemon_, nullptr);
  ASSERT_NE(other_, nullptr);

  // Gateway a syncs desk; the proxy holds its fourth request, once a page is committed.
  ProcessResult interrupted;
  std::thread sync_a([&] { interrupted = Cli({"sync", "desk"}); });
  proxy.WaitUntilBlocked();
  for (int tries = 0; tries < 200 && SourceCounts()["desk"].first == 0; ++tries) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  const int stored_by_a = SourceCounts()["desk"].first;
  ASSERT_GT(stored_by_a, 0) << "no page was stored before the kill";
  // Reads are served by both gateways from the one database.
  std::swap(daemon_, other_);
  EXPECT_EQ(SourceCounts()["desk"].first, stored_by_a);
  std::swap(daemon_, other_);

  // Gateway b is asked to sync desk too: it waits for a's lease instead of reading beside it. Its
  // CLI's progress goes to a file, so the test sees it waiting before it kills a.
  ProcessResult taken_over;
  const std::string b_err = Path("b-sync.err");
  std::thread sync_b([&] {
    taken_over = RunProcess({"/bin/sh", "-c", absl::StrCat("exec '", CROSSWALK_BINARY, "' --server ", other_->address(),
                                                           " sync desk 2> '", b_err, "'")});
  });
  auto b_says = [&] {
    std::ifstream in(b_err);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  const std::string waiting = "desk: waiting: another gateway sharing the store syncs desk";
  for (int tries = 0; tries < 600 && b_says().find(waiting) == std::string::npos; ++tries) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_THAT(b_says(), HasSubstr(waiting));
  put(7, "issue 7 edited before the kill", kT0 + 100);  // a change the taking-over run must see
  daemon_->Stop(SIGKILL);                               // a holds the lease and waits on the proxy
  proxy.Release();
  sync_a.join();
  sync_b.join();
  EXPECT_NE(interrupted.exit_code, 0);
  ASSERT_EQ(taken_over.exit_code, 0) << b_says();
  EXPECT_THAT(b_says(), HasSubstr("waited for a sync of desk by another gateway sharing the store"));

  // b resumed from a's cursor: a clean read through b gives exactly the same records.
  daemon_ = std::move(other_);
  ASSERT_EQ(Cli({"sync", "desk-clean"}).exit_code, 0);
  const auto stored = KeysAndHashes(Cli({"records", "--source", "desk", "--limit", "1000", "--format", "json"}).out);
  const auto expected = KeysAndHashes(Cli({"records", "--source", "desk-clean", "--limit", "1000", "--format", "json"}).out);
  EXPECT_EQ(stored.size(), static_cast<size_t>(kRecords));
  EXPECT_EQ(stored, expected);
  EXPECT_THAT(Cli({"records", "--source", "desk", "--limit", "1000", "--format", "json"}).out,
              HasSubstr("issue 7 edited before the kill"));
  EXPECT_EQ(SourceCounts()["desk"].second, kRecords + 1) << "one new version (issue 7), none stored twice";
}

// The SAM answer of a gateway follows the syncs another gateway makes: gateway b, which syncs
// nothing, answers `sam position` with what gateway a's syncs stored — after a's first sync, and
// again after one of a's inventories changed (b sees a sync run it did not make and reads the
// store again).
TEST_F(MultiGatewayTest, TheSamPositionOfOneGatewayFollowsTheOthersSyncs) {
  if (server_ == nullptr) return;
  std::filesystem::create_directories(dir_ / "inv");
  for (const auto& file : std::filesystem::directory_iterator(CROSSWALK_EXAMPLES "/sam/inventories")) {
    std::filesystem::copy_file(file.path(), dir_ / "inv" / file.path().filename());
  }
  const std::string sources = absl::StrCat("  - {name: agents, type: inventory, location: ", Path("inv"), "}\n",
                                           "  - {name: licences, type: file, preset: entitlements, location: ",
                                           CROSSWALK_EXAMPLES "/sam/ライセンス台帳.csv}\n");
  WriteConfig("a", sources);
  WriteConfig("b", sources);
  daemon_ = StartGateway("a");
  other_ = StartGateway("b");
  ASSERT_NE(daemon_, nullptr);
  ASSERT_NE(other_, nullptr);
  for (const char* source : {"agents", "licences"}) ASSERT_EQ(Cli({"sync", source}).exit_code, 0);
  const ProcessResult first = CliOn(*other_, {"sam", "position", "--as-of", "2026-12-07", "--format", "csv"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_THAT(first.out, HasSubstr("\nMicrosoft,Office,device,50,2,48,0,licensed,2\n"));

  std::ifstream in(dir_ / "inv" / "pc-001.json", std::ios::binary);
  std::string pc1((std::istreambuf_iterator<char>(in)), {});
  const std::string office = "\"name\": \"Microsoft Office Professional Plus 2019\"";
  ASSERT_NE(pc1.find(office), std::string::npos);
  pc1.replace(pc1.find(office), office.size(), "\"name\": \"Adobe Acrobat Pro DC\"");
  WriteFile("inv/pc-001.json", pc1);
  ASSERT_EQ(Cli({"sync", "agents"}).exit_code, 0);
  const ProcessResult after = CliOn(*other_, {"sam", "position", "--as-of", "2026-12-07", "--format", "csv"});
  ASSERT_EQ(after.exit_code, 0) << after.err;
  EXPECT_THAT(after.out, HasSubstr("\nMicrosoft,Office,device,50,1,49,0,licensed,1\n"));
  EXPECT_THAT(after.out, HasSubstr("\nAdobe,Acrobat,user,0,2,-2,2,unlicensed,2\n"));
}

}  // namespace
}  // namespace crosswalk
