// A store whose file is removed or replaced under a running process fails loudly instead of
// "succeeding" into an unlinked file.
#include "gateway/store/file_guarded_store.h"

#include <unistd.h>

#include <filesystem>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "gateway/store/sqlite_store.h"
#include "tests/status_matchers.h"

namespace crosswalk {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;

class FileGuardedStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           absl::StrCat("guard-", ::getpid(), "-", ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / "store.db").string();
    auto store = OpenSqliteStore(path_);
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = std::move(*store);
    ASSERT_TRUE(store_->CommitBatch("s", {Item("1")}, "c1").ok());
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  static RecordToStore Item(const std::string& id) {
    RecordToStore item;
    item.record.kind = "incident";
    item.record.provenance.source = "s";
    item.record.provenance.native_id = id;
    item.record.provenance.content_hash = "h" + id;
    return item;
  }
  // Every call fails with DATA_LOSS naming the file.
  void ExpectEveryCallFails(absl::string_view what) {
    const auto check = [&](const absl::Status& status, const char* call) {
      EXPECT_THAT(status, StatusIs(absl::StatusCode::kDataLoss,
                                   AllOf(HasSubstr(path_), HasSubstr(std::string(what)))))
          << call;
    };
    check(store_->CommitBatch("s", {Item("2")}, "c2").status(), "CommitBatch");
    check(store_->BeginRun("s"), "BeginRun");
    check(store_->GetCursor("s").status(), "GetCursor");
    check(store_->ListRecords(RecordFilter{}).status(), "ListRecords");
    check(store_->GetRecord("s", "1").status(), "GetRecord");
    check(store_->Counts("").status(), "Counts");
    check(store_->AddSyncRun(SyncRunRecord{"s"}), "AddSyncRun");
    check(store_->LastRuns().status(), "LastRuns");
  }

  std::filesystem::path dir_;
  std::string path_;
  std::unique_ptr<Store> store_;
};

TEST_F(FileGuardedStoreTest, AnUnlinkedStoreFileFailsEveryCall) {
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_ + suffix);
  ExpectEveryCallFails("was removed");
}

TEST_F(FileGuardedStoreTest, AReplacedStoreFileFailsEveryCall) {
  {
    auto other = OpenSqliteStore((dir_ / "other.db").string());
    ASSERT_TRUE(other.ok());
  }
  std::filesystem::rename(dir_ / "other.db", path_);
  ExpectEveryCallFails("was replaced");
}

TEST_F(FileGuardedStoreTest, TheSameFileKeepsWorking) {
  EXPECT_TRUE(store_->CommitBatch("s", {Item("2")}, "c2").ok());
  auto counts = store_->Counts("s");
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->records, 2);
}

}  // namespace
}  // namespace crosswalk
