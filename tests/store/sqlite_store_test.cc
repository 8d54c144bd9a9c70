#include "gateway/store/sqlite_store.h"

#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <set>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "absl/strings/match.h"
#include "gateway/store/record_json.h"
#include "tests/status_matchers.h"

namespace crosswalk {
namespace {

class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = (std::filesystem::temp_directory_path() /
             ("store-" + std::to_string(::getpid()) + "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db"))
                .string();
    Remove();
    auto store = OpenSqliteStore(path_);
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = std::move(*store);
  }
  void TearDown() override {
    store_.reset();
    Remove();
  }
  void Remove() {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_ + suffix);
  }

  static RecordToStore Item(const std::string& id, const std::string& hash, const std::string& kind = "incident") {
    RecordToStore item;
    item.record.kind = kind;
    item.record.title = "title " + hash;
    item.record.provenance.source = "s";
    item.record.provenance.native_id = id;
    item.record.provenance.content_hash = hash;
    item.record.effective = 1000;
    return item;
  }

  std::string path_;
  std::unique_ptr<Store> store_;
};

TEST_F(SqliteStoreTest, FailedBatchStoresNothingNotEvenTheCursor) {
  ASSERT_TRUE(store_->CommitBatch("s", {Item("1", "a")}, "c1").ok());
  // A trigger makes the second insert of the batch fail, as a full disk would.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "CREATE TRIGGER boom BEFORE INSERT ON records WHEN NEW.native_id = 'bad' "
                             "BEGIN SELECT RAISE(ABORT, 'injected'); END;", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  auto failed = store_->CommitBatch("s", {Item("2", "b"), Item("bad", "c")}, "c2");
  EXPECT_FALSE(failed.ok());
  EXPECT_EQ(*store_->GetCursor("s"), "c1");
  EXPECT_EQ(store_->Counts("s")->records, 1);
  EXPECT_THAT(store_->GetRecord("s", "2"), StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(SqliteStoreTest, SchemaVersionIsRecordedAndNewerSchemaIsRefused) {
  store_.reset();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &stmt, nullptr);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(stmt, 0), SqliteSchemaVersion());
  sqlite3_finalize(stmt);
  sqlite3_exec(db, "PRAGMA user_version = 99", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  EXPECT_THAT(OpenSqliteStore(path_), StatusIs(absl::StatusCode::kFailedPrecondition));
}

// The contract's RemoveSource is in the conformance suite; here, what only SQL can see: no
// version, link or unmapped row is left without its record.
TEST_F(SqliteStoreTest, RemoveSourceLeavesNoOrphanRows) {
  RecordToStore linked = Item("2", "b");
  linked.record.links.push_back({"relates-to", "x/9"});
  linked.unmapped.push_back({"status", "odd"});
  ASSERT_THAT(store_->CommitBatch("s", {Item("1", "a"), linked}, "c1").status(), IsOk());
  ASSERT_THAT(store_->CommitBatch("s", {Item("1", "a2")}, "c2").status(), IsOk());
  ASSERT_THAT(store_->DeleteRecords("s", {"2"}, std::nullopt).status(), IsOk());
  auto removed = store_->RemoveSource("s", false);
  ASSERT_THAT(removed.status(), IsOk());
  EXPECT_EQ(removed->records, 2);
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  for (const char* table : {"record_versions", "record_links", "record_unmapped"}) {
    sqlite3_stmt* count = nullptr;
    const std::string sql = std::string("SELECT COUNT(*) FROM ") + table + " WHERE record_id NOT IN (SELECT id FROM records)";
    ASSERT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &count, nullptr), SQLITE_OK);
    ASSERT_EQ(sqlite3_step(count), SQLITE_ROW);
    EXPECT_EQ(sqlite3_column_int64(count, 0), 0) << table;
    sqlite3_finalize(count);
  }
  sqlite3_close(db);
}

}  // namespace
}  // namespace crosswalk

namespace crosswalk {
namespace {

// A read that fails is an error, never an empty cursor (which would restart the source's sync)
// nor "not found" (which would hide a store that cannot answer).
TEST_F(SqliteStoreTest, AFailedReadIsAnErrorNotAnEmptyOrAbsentResult) {
  ASSERT_TRUE(store_->CommitBatch("s", {Item("1", "a")}, "c1").ok());
  ASSERT_TRUE(store_->CommitBatch("s", {Item("1", "a2")}, "c2").ok());
  SyncRunRecord run;
  run.source = "s";
  run.outcome = "ok";
  ASSERT_TRUE(store_->AddSyncRun(run).ok());
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "DROP TABLE sources; DROP TABLE records; DROP TABLE record_versions; DROP TABLE sync_runs;",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  auto cursor = store_->GetCursor("s");
  EXPECT_FALSE(cursor.ok()) << "cursor '" << cursor.value_or("") << "'";
  auto record = store_->GetRecord("s", "1");
  EXPECT_FALSE(record.ok());
  EXPECT_FALSE(absl::IsNotFound(record.status())) << record.status();
  EXPECT_FALSE(store_->History("s", "1").ok());
  EXPECT_FALSE(store_->Counts("s").ok());
  EXPECT_FALSE(store_->LastRuns().ok());
  EXPECT_FALSE(store_->ListNativeIds("s", "", 10).ok());
  EXPECT_FALSE(store_->RunsSinceReconciliation("s").ok());
}

}  // namespace
}  // namespace crosswalk
