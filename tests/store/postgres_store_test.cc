// What only the PostgreSQL store has (the shared contract is store_conformance.h): how it is named
// and logged in to, what it says when it cannot be, and what it does when its connection is lost.
// Against a real PostgreSQL server (tests/servers/postgres_server.h).
#include "gateway/store/postgres/pg_schema.h"
#include "gateway/store/postgres/postgres_store.h"

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/servers/postgres_server.h"
#include "tests/status_matchers.h"

namespace crosswalk {
namespace {

using testing_servers::PostgresServer;
using ::testing::HasSubstr;
using ::testing::Not;

class PostgresStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = testing_servers::SharedPostgresOrSkip();
    if (server_ == nullptr) return;
    database_ = PostgresServer::DatabaseName(absl::StrCat("store-test-", getpid(), "-",
                                                          ::testing::UnitTest::GetInstance()->current_test_info()->name()));
    ASSERT_EQ(server_->CreateDatabase(database_), "");
  }
  void TearDown() override {
    if (server_ != nullptr) (void)server_->DropDatabase(database_);
  }
  PgTarget Target() const { return {server_->Url(database_), server_->password_file()}; }
  // Two stores on the test's database, as two gateways would have.
  void TwoGateways(std::unique_ptr<Store>& a, std::unique_ptr<Store>& b) {
    auto first = OpenPostgresStore(Target());
    auto second = OpenPostgresStore(Target());
    ASSERT_THAT(first, IsOk());
    ASSERT_THAT(second, IsOk());
    a = std::move(*first);
    b = std::move(*second);
  }

  static RecordToStore Item(const std::string& id, const std::string& hash) {
    RecordToStore item;
    item.record.kind = "incident";
    item.record.provenance.source = "s";
    item.record.provenance.native_id = id;
    item.record.provenance.content_hash = hash;
    return item;
  }

  PostgresServer* server_ = nullptr;
  std::string database_;
};

TEST_F(PostgresStoreTest, APasswordInTheUrlIsRefusedWithoutRepeatingIt) {
  if (server_ == nullptr) return;
  const std::string password = server_->Password();
  std::string url = server_->Url(database_);
  url.replace(url.find("crosswalk@"), 10, "crosswalk:" + password + "@");
  auto store = OpenPostgresStore({url, ""});
  EXPECT_THAT(store, StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("carries a password")));
  EXPECT_THAT(std::string(store.status().message()), Not(HasSubstr(password)));
}

TEST_F(PostgresStoreTest, AWrongPasswordIsUnavailableAndNeverQuoted) {
  if (server_ == nullptr) return;
  const std::string file = std::filesystem::temp_directory_path() / absl::StrCat("wrong-password-", getpid());
  std::ofstream(file) << "not-the-password-4711\n";
  ::unsetenv("PGPASSWORD");
  auto store = OpenPostgresStore({server_->Url(database_), file});
  std::filesystem::remove(file);
  EXPECT_THAT(store, StatusIs(absl::StatusCode::kUnavailable, HasSubstr("password authentication failed")));
  EXPECT_THAT(std::string(store.status().message()), Not(HasSubstr("not-the-password-4711")));
  EXPECT_THAT(std::string(store.status().message()), HasSubstr(server_->Url(database_)));
}

TEST_F(PostgresStoreTest, ThePasswordComesFromPgpasswordWithoutAFile) {
  if (server_ == nullptr) return;
  ::setenv("PGPASSWORD", server_->Password().c_str(), 1);
  auto store = OpenPostgresStore({server_->Url(database_), ""});
  ::unsetenv("PGPASSWORD");
  ASSERT_THAT(store, IsOk());
  EXPECT_THAT((*store)->CommitBatch("s", {Item("1", "a")}, "c1"), IsOk());
}

TEST_F(PostgresStoreTest, AnUnreachableServerOrAMissingPasswordFileIsUnavailable) {
  if (server_ == nullptr) return;
  EXPECT_THAT(OpenPostgresStore({"postgresql://crosswalk@127.0.0.1:1/x", server_->password_file()}),
              StatusIs(absl::StatusCode::kUnavailable, HasSubstr("cannot connect")));
  EXPECT_THAT(OpenPostgresStore({server_->Url(database_), "/nonexistent/password"}),
              StatusIs(absl::StatusCode::kUnavailable, HasSubstr("password_file /nonexistent/password")));
  EXPECT_THAT(OpenPostgresStore({"mysql://u@h/d", ""}), StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST_F(PostgresStoreTest, ASchemaNewerThanThisBuildIsRefused) {
  if (server_ == nullptr) return;
  ASSERT_THAT(OpenPostgresStore(Target()), IsOk());
  ASSERT_THAT(server_->Psql(database_, "UPDATE crosswalk_schema SET version = 999"), Not(HasSubstr("ERROR")));
  EXPECT_THAT(OpenPostgresStore(Target()),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("schema version 999 is newer than this build")));
}

TEST_F(PostgresStoreTest, TwoGatewaysOpeningANewDatabaseTogetherMigrateItOnce) {
  if (server_ == nullptr) return;
  std::vector<absl::StatusOr<std::unique_ptr<Store>>> stores(4);
  std::vector<std::thread> threads;
  for (auto& store : stores) threads.emplace_back([&] { store = OpenPostgresStore(Target()); });
  for (std::thread& t : threads) t.join();
  for (auto& store : stores) EXPECT_THAT(store, IsOk());
  EXPECT_EQ(server_->Psql(database_, "SELECT version FROM crosswalk_schema"), absl::StrCat(PostgresSchemaVersion(), "\n"));
}

// The server ends the store's session (a restart, a failover, an administrator): the call that
// finds the connection gone fails UNAVAILABLE having written nothing, and the store reconnects.
TEST_F(PostgresStoreTest, ALostConnectionFailsOneCallThenReconnects) {
  if (server_ == nullptr) return;
  auto store = OpenPostgresStore(Target());
  ASSERT_THAT(store, IsOk());
  ASSERT_THAT((*store)->CommitBatch("s", {Item("1", "a")}, "c1"), IsOk());
  ASSERT_THAT(server_->Psql("postgres", "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" +
                                            database_ + "' AND application_name = 'crosswalkd'"),
              Not(HasSubstr("ERROR")));
  absl::StatusOr<BatchResult> lost = (*store)->CommitBatch("s", {Item("2", "b")}, "c2");
  EXPECT_THAT(lost, StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_THAT((*store)->GetCursor("s"), IsOkAndHolds(std::string("c1")));
  EXPECT_THAT((*store)->Counts("s"), IsOk());
  EXPECT_EQ((*store)->Counts("s")->records, 1);
  EXPECT_THAT((*store)->CommitBatch("s", {Item("2", "b")}, "c2"), IsOk());
  EXPECT_EQ((*store)->Counts("s")->records, 2);
}

// Several gateways over one database: one lease per source at a time, released when its holder
// lets go or its session ends (a kill -9 of the holder closes it).
TEST_F(PostgresStoreTest, ASourceIsLeasedToOneGatewayAtATime) {
  if (server_ == nullptr) return;
  std::unique_ptr<Store> a, b;
  ASSERT_NO_FATAL_FAILURE(TwoGateways(a, b));
  auto held = a->TryLeaseSource("desk");
  ASSERT_THAT(held, IsOk());
  ASSERT_NE(*held, nullptr);
  EXPECT_THAT((*held)->Check(), IsOk());
  auto refused = b->TryLeaseSource("desk");
  ASSERT_THAT(refused, IsOk());
  EXPECT_EQ(*refused, nullptr);
  auto other = b->TryLeaseSource("registers");  // another source: its own lease
  ASSERT_THAT(other, IsOk());
  EXPECT_NE(*other, nullptr);
  held->reset();
  auto taken = b->TryLeaseSource("desk");
  ASSERT_THAT(taken, IsOk());
  EXPECT_NE(*taken, nullptr);
}

TEST_F(PostgresStoreTest, ALeaseWhoseSessionEndsIsLostAndFreeForAnother) {
  if (server_ == nullptr) return;
  std::unique_ptr<Store> a, b;
  ASSERT_NO_FATAL_FAILURE(TwoGateways(a, b));
  auto held = a->TryLeaseSource("desk");
  ASSERT_THAT(held, IsOk());
  ASSERT_NE(*held, nullptr);
  // The holder's session is ended by the server (as when its process dies).
  ASSERT_THAT(server_->Psql("postgres", "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory'"),
              Not(HasSubstr("ERROR")));
  for (int tries = 0; tries < 100; ++tries) {
    auto taken = b->TryLeaseSource("desk");
    ASSERT_THAT(taken, IsOk());
    if (*taken != nullptr) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    ASSERT_LT(tries, 99) << "the lease of an ended session was not released";
  }
  EXPECT_THAT((*held)->Check(), StatusIs(absl::StatusCode::kUnavailable, HasSubstr("the lease on syncing desk was lost")));
  // It stays lost: the lease's connection does not come back without its lock.
  EXPECT_THAT((*held)->Check(), StatusIs(absl::StatusCode::kUnavailable));
}

TEST(PostgresUrlTest, TheRedactedUrlKeepsUserHostPortAndDatabaseOnly) {
  EXPECT_EQ(RedactedPostgresUrl("postgresql://crosswalk@db.example:5433/sms?sslmode=require&application_name=x"),
            "postgresql://crosswalk@db.example:5433/sms");
  EXPECT_EQ(RedactedPostgresUrl("postgres://u:secret@h/d"), "postgresql://u@h/d");
  EXPECT_TRUE(IsPostgresUrl("postgres://h/d"));
  EXPECT_FALSE(IsPostgresUrl("crosswalk.db"));
}

}  // namespace
}  // namespace crosswalk
