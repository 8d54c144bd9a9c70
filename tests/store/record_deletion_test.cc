// Store::DeleteRecords on the real SQLite file: a deleted record leaves every listing, count and
// link filter but keeps its versions; it comes back as a new version when the source has it
// again; a deletion is all-or-nothing with its cursor, and AbortRun undoes it across a reopen.
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>

#include "absl/strings/match.h"
#include "gateway/store/record_json.h"
#include "gateway/store/sqlite_store.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/status_matchers.h"

namespace crosswalk {
namespace {

class RecordDeletionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = (std::filesystem::temp_directory_path() /
             ("deletion-" + std::to_string(::getpid()) + "-" +
              ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db"))
                .string();
    Remove();
    Reopen();
  }
  void TearDown() override {
    store_.reset();
    Remove();
  }
  void Remove() {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_ + suffix);
  }
  void Reopen() {
    store_.reset();
    SqliteStoreOptions options;
    options.before_statement = [this](absl::string_view sql) -> absl::Status {
      if (!fail_on_.empty() && absl::StrContains(sql, fail_on_)) return absl::UnavailableError("injected I/O error");
      return absl::OkStatus();
    };
    auto store = OpenSqliteStore(path_, std::move(options));
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = std::move(*store);
  }

  static RecordToStore Item(const std::string& id, const std::string& hash) {
    RecordToStore item;
    item.record.kind = "incident";
    item.record.title = "title " + hash;
    item.record.provenance.source = "s";
    item.record.provenance.native_id = id;
    item.record.provenance.content_hash = hash;
    item.record.effective = 1000;
    item.record.links = {{"ci", "ci-" + id}};
    item.unmapped = {{"status", "odd-" + id}};
    return item;
  }

  std::vector<std::string> Listed() {
    std::vector<std::string> ids;
    RecordFilter filter;
    filter.source = "s";
    auto page = store_->ListRecords(filter);
    EXPECT_THAT(page, IsOk());
    for (const StoredRecord& r : page->records) ids.push_back(r.record.provenance.native_id);
    return ids;
  }

  // Everything a reader can see of source "s", deleted records included.
  std::string Snapshot() {
    std::string out;
    for (const char* id : {"1", "2", "3"}) {
      auto record = store_->GetRecord("s", id);
      if (!record.ok()) {
        out += std::string(id) + " absent\n";
        continue;
      }
      out += std::string(id) + " v" + std::to_string(record->version) + (record->deleted_at ? " deleted " : " ") +
             RecordToJson(record->record) + "\n";
      for (const StoredRecord& old : *store_->History("s", id)) {
        out += "  was v" + std::to_string(old.version) + (old.deleted_at ? " deleted" : "") + "\n";
      }
    }
    auto unmapped = store_->ListUnmapped({.source = "s", .page_size = 100});
    EXPECT_THAT(unmapped, IsOk());
    for (const UnmappedCount& u : unmapped->values) out += "unmapped " + u.raw_value + "\n";
    for (const std::string& id : Listed()) out += "listed " + id + "\n";
    const SourceCounts counts = *store_->Counts("s");
    out += "counts " + std::to_string(counts.records) + "/" + std::to_string(counts.versions) + "/" +
           std::to_string(counts.deleted) + "\n";
    return out + "cursor " + *store_->GetCursor("s");
  }

  std::string path_;
  std::string fail_on_;
  std::unique_ptr<Store> store_;
};

TEST_F(RecordDeletionTest, ADeletedRecordLeavesListingsButKeepsItsVersions) {
  ASSERT_THAT(store_->CommitBatch("s", {Item("1", "a"), Item("2", "b"), Item("3", "c")}, "c1"), IsOk());
  ASSERT_THAT(store_->CommitBatch("s", {Item("2", "b2")}, "c2"), IsOk());
  auto deletion = store_->DeleteRecords("s", {"2", "3", "9"}, std::string("c3"));
  ASSERT_THAT(deletion, IsOk());
  EXPECT_EQ(deletion->deleted, 2);
  EXPECT_EQ(deletion->absent, 1);  // "9" was never stored
  EXPECT_THAT(Listed(), ::testing::ElementsAre("1"));
  EXPECT_EQ(*store_->GetCursor("s"), "c3");
  const SourceCounts counts = *store_->Counts("s");
  EXPECT_EQ(counts.records, 1);
  EXPECT_EQ(counts.versions, 1);
  EXPECT_EQ(counts.deleted, 2);
  EXPECT_THAT(*store_->ListNativeIds("s", "", 10), ::testing::ElementsAre("1"));

  auto gone = store_->GetRecord("s", "2");
  ASSERT_THAT(gone, IsOk());
  EXPECT_GT(gone->deleted_at, 0);
  EXPECT_EQ(gone->version, 3);  // b, b2, then the tombstone
  auto history = store_->History("s", "2");
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[1].record.title, "title b2");  // the last content it had
  EXPECT_EQ((*history)[1].deleted_at, 0);

  // Its links and unmapped values no longer count.
  RecordFilter by_ci;
  by_ci.clause_filter = true;
  by_ci.link_targets = {"ci-2", "ci-3"};
  EXPECT_TRUE(store_->ListRecords(by_ci)->records.empty());
  auto unmapped = store_->ListUnmapped({.source = "s"});
  ASSERT_EQ(unmapped->values.size(), 1u);
  EXPECT_EQ(unmapped->values[0].raw_value, "odd-1");

  // Deleting again changes nothing.
  auto again = store_->DeleteRecords("s", {"2"}, std::nullopt);
  EXPECT_EQ(again->deleted, 0);
  EXPECT_EQ(again->absent, 1);
  EXPECT_EQ(store_->GetRecord("s", "2")->version, 3);
  EXPECT_EQ(*store_->GetCursor("s"), "c3");  // no cursor given: kept
}

TEST_F(RecordDeletionTest, ADeletedRecordTheSourceHasAgainComesBackAsANewVersion) {
  ASSERT_THAT(store_->CommitBatch("s", {Item("1", "a")}, "c1"), IsOk());
  ASSERT_THAT(store_->DeleteRecords("s", {"1"}, std::nullopt), IsOk());
  auto back = store_->CommitBatch("s", {Item("1", "a")}, "c2");  // the same content as before
  ASSERT_THAT(back, IsOk());
  EXPECT_EQ(back->updated, 1);
  EXPECT_EQ(back->unchanged, 0);
  auto record = store_->GetRecord("s", "1");
  EXPECT_EQ(record->deleted_at, 0);
  EXPECT_EQ(record->version, 3);
  EXPECT_THAT(Listed(), ::testing::ElementsAre("1"));
  RecordFilter by_ci;
  by_ci.clause_filter = true;
  by_ci.link_targets = {"ci-1"};
  EXPECT_EQ(store_->ListRecords(by_ci)->records.size(), 1u);
  auto history = store_->History("s", "1");
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[0].deleted_at, 0);
  EXPECT_GT((*history)[1].deleted_at, 0);  // the tombstone is a version of its own
  EXPECT_EQ(store_->Counts("s")->deleted, 0);
}

TEST_F(RecordDeletionTest, AFailedDeletionChangesNothingNotEvenTheCursor) {
  ASSERT_THAT(store_->CommitBatch("s", {Item("1", "a"), Item("2", "b"), Item("3", "c")}, "c1"), IsOk());
  const std::string before = Snapshot();
  // Each statement of the deletion in turn fails: the second record's, then the cursor's.
  for (const char* statement : {"DELETE FROM record_unmapped", "UPDATE records SET version", "INSERT INTO sources"}) {
    SCOPED_TRACE(statement);
    fail_on_ = statement;
    EXPECT_THAT(store_->DeleteRecords("s", {"1", "2"}, std::string("c2")), StatusIs(absl::StatusCode::kUnavailable));
    fail_on_.clear();
    EXPECT_EQ(Snapshot(), before);
  }
}

TEST_F(RecordDeletionTest, AbortRunBringsBackWhatTheRunDeletedEvenAfterACrash) {
  ASSERT_THAT(store_->CommitBatch("s", {Item("1", "a"), Item("2", "b"), Item("3", "c")}, "c1"), IsOk());
  ASSERT_THAT(store_->DeleteRecords("s", {"3"}, std::nullopt), IsOk());  // before the run: stays deleted
  const std::string before = Snapshot();

  ASSERT_THAT(store_->BeginRun("s"), IsOk());
  ASSERT_THAT(store_->CommitBatch("s", {Item("1", "a2"), Item("3", "c")}, "c2"), IsOk());  // 3 comes back
  ASSERT_THAT(store_->DeleteRecords("s", {"1", "2"}, std::string("c3")), IsOk());
  ASSERT_NE(Snapshot(), before);

  Reopen();  // a crash: the run is still pending
  EXPECT_TRUE(*store_->RunPending("s"));
  ASSERT_THAT(store_->AbortRun("s"), IsOk());
  EXPECT_EQ(Snapshot(), before);
}

TEST_F(RecordDeletionTest, RunsSinceReconciliationCountFromTheLastReconciledRun) {
  auto add = [&](const std::string& outcome, bool reconciled) {
    SyncRunRecord run;
    run.source = "s";
    run.outcome = outcome;
    run.reconciled = reconciled;
    run.totals.deleted = reconciled ? 4 : 0;
    ASSERT_THAT(store_->AddSyncRun(run), IsOk());
  };
  EXPECT_EQ(*store_->RunsSinceReconciliation("s"), 0);
  add("ok", false);
  add("failed", false);
  add("warning", false);
  EXPECT_EQ(*store_->RunsSinceReconciliation("s"), 2);  // failed runs do not count
  add("ok", true);
  EXPECT_EQ(*store_->RunsSinceReconciliation("s"), 0);
  add("ok", false);
  EXPECT_EQ(*store_->RunsSinceReconciliation("s"), 1);
  EXPECT_EQ(*store_->RunsSinceReconciliation("other"), 0);
  auto last = store_->LastRuns();
  ASSERT_EQ(last->size(), 1u);
  EXPECT_FALSE((*last)[0].reconciled);
}

}  // namespace
}  // namespace crosswalk
