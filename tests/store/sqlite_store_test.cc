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

TEST_F(SqliteStoreTest, UpsertIsIdempotentAndVersionsOnlyOnChange) {
  auto first = store_->CommitBatch("s", {Item("1", "a"), Item("2", "b")}, "c1");
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(first->created, 2);
  auto again = store_->CommitBatch("s", {Item("1", "a"), Item("2", "b")}, "c2");
  EXPECT_EQ(again->unchanged, 2);
  EXPECT_EQ(again->created + again->updated, 0);
  auto changed = store_->CommitBatch("s", {Item("1", "a2")}, "c3");
  EXPECT_EQ(changed->updated, 1);
  auto record = store_->GetRecord("s", "1");
  ASSERT_TRUE(record.ok());
  EXPECT_EQ(record->version, 2);
  EXPECT_EQ(record->record.title, "title a2");
  auto history = store_->History("s", "1");
  ASSERT_EQ(history->size(), 1u);
  EXPECT_EQ((*history)[0].version, 1);
  EXPECT_EQ((*history)[0].record.title, "title a");
  EXPECT_EQ(*store_->GetCursor("s"), "c3");
  EXPECT_EQ(store_->Counts("s")->records, 2);
  EXPECT_EQ(store_->Counts("s")->versions, 3);
}

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

TEST_F(SqliteStoreTest, PagesCoverEveryRecordOnceAndFiltersApply) {
  std::vector<RecordToStore> batch;
  for (int i = 0; i < 250; ++i) batch.push_back(Item(std::to_string(i), "h", i % 5 == 0 ? "change" : "incident"));
  ASSERT_TRUE(store_->CommitBatch("s", batch, "c").ok());
  RecordFilter filter;
  filter.page_size = 100;
  int seen = 0, pages = 0;
  while (true) {
    auto page = store_->ListRecords(filter);
    ASSERT_TRUE(page.ok());
    seen += static_cast<int>(page->records.size());
    ++pages;
    if (page->next_page_token.empty()) break;
    filter.page_token = page->next_page_token;
  }
  EXPECT_EQ(seen, 250);
  EXPECT_EQ(pages, 3);
  RecordFilter changes;
  changes.kind = "change";
  changes.page_size = 1000;
  EXPECT_EQ(store_->ListRecords(changes)->records.size(), 50u);
  RecordFilter bad;
  bad.page_token = "not-a-token";
  EXPECT_THAT(store_->ListRecords(bad), StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST_F(SqliteStoreTest, ClauseFilterMatchesKindsOrLinks) {
  RecordToStore control = Item("c1", "h", "control");
  control.record.links.push_back({"implements", "iso27001:2022#A.5.24"});
  ASSERT_TRUE(store_->CommitBatch("s", {Item("i1", "h"), Item("x1", "h", "risk"), control}, "c").ok());
  RecordFilter filter;
  filter.clause_filter = true;
  filter.kinds = {"incident"};
  filter.link_targets = {"iso27001:2022#A.5.24"};
  auto page = store_->ListRecords(filter);
  ASSERT_EQ(page->records.size(), 2u);
  EXPECT_EQ(page->records[0].record.provenance.native_id, "i1");
  EXPECT_EQ(page->records[1].record.provenance.native_id, "c1");
}

TEST_F(SqliteStoreTest, UnmappedCountsFollowTheCurrentVersion) {
  RecordToStore a = Item("1", "a");
  a.unmapped = {{"status", "Waiting"}};
  RecordToStore b = Item("2", "b");
  b.unmapped = {{"status", "Waiting"}};
  ASSERT_TRUE(store_->CommitBatch("s", {a, b}, "c").ok());
  auto counts = store_->ListUnmapped({});
  ASSERT_EQ(counts->values.size(), 1u);
  EXPECT_EQ(counts->values[0].count, 2);
  RecordToStore fixed = Item("1", "a2");  // the value is now known
  ASSERT_TRUE(store_->CommitBatch("s", {fixed}, "c").ok());
  EXPECT_EQ(store_->ListUnmapped({.source = "s"})->values[0].count, 1);
}

// Before: ListUnmapped returned every value in one response, however many there were.
TEST_F(SqliteStoreTest, UnmappedPagesCoverEveryValueOnceBoundedByCountAndBytes) {
  std::vector<RecordToStore> items;
  for (int i = 0; i < 25; ++i) {
    items.push_back(Item(std::to_string(i), "h"));
    items.back().unmapped = {{"status", "v" + std::to_string(100 + i)}};
  }
  ASSERT_TRUE(store_->CommitBatch("s", items, "c").ok());
  const struct {
    const char* name;
    int page_size;
    size_t max_bytes;
    std::vector<size_t> pages;
  } kCases[] = {
      {"by count", 10, 0, {10, 10, 5}},
      {"by bytes", 100, 350, {3, 3, 3, 3, 3, 3, 3, 3, 1}},
      {"one value over the budget still makes a page", 100, 50, std::vector<size_t>(25, 1)},
  };
  for (const auto& c : kCases) {
    SCOPED_TRACE(c.name);
    UnmappedFilter filter{.page_size = c.page_size};
    if (c.max_bytes > 0) {
      filter.size_of = [](const UnmappedCount&) { return size_t{100}; };
      filter.max_bytes = c.max_bytes;
    }
    std::set<std::string> seen;
    std::vector<size_t> pages;
    do {
      auto page = store_->ListUnmapped(filter);
      ASSERT_TRUE(page.ok()) << page.status();
      pages.push_back(page->values.size());
      for (const UnmappedCount& value : page->values) EXPECT_TRUE(seen.insert(value.raw_value).second) << value.raw_value;
      filter.page_token = page->next_page_token;
    } while (!filter.page_token.empty());
    EXPECT_EQ(pages, c.pages);
    EXPECT_EQ(seen.size(), 25u);
  }
  EXPECT_EQ(store_->ListUnmapped({.page_token = "x"}).status().code(), absl::StatusCode::kInvalidArgument);
}

// Before: a page held page_size records however large they were.
TEST_F(SqliteStoreTest, RecordPagesStopAtTheByteBudget) {
  std::vector<RecordToStore> items;
  for (int i = 0; i < 10; ++i) items.push_back(Item(std::to_string(i), "h"));
  ASSERT_TRUE(store_->CommitBatch("s", items, "c").ok());
  RecordFilter filter;
  filter.page_size = 1000;
  filter.size_of = [](const StoredRecord& r) { return r.record.provenance.native_id == "4" ? size_t{1000} : size_t{100}; };
  filter.max_bytes = 350;
  std::vector<std::string> pages;
  do {
    auto page = store_->ListRecords(filter);
    ASSERT_TRUE(page.ok()) << page.status();
    std::string ids;
    for (const StoredRecord& r : page->records) ids += r.record.provenance.native_id;
    pages.push_back(ids);
    filter.page_token = page->next_page_token;
  } while (!filter.page_token.empty());
  // Record 4 alone is over the budget: it gets a page of its own rather than none.
  EXPECT_EQ(pages, (std::vector<std::string>{"012", "3", "4", "567", "89"}));
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

// What a reader sees of one source: key, version, content hash, body, links and unmapped values.
std::string Snapshot(Store& store, const std::string& source) {
  std::string out;
  RecordFilter filter;
  filter.source = source;
  filter.page_size = 1000;
  auto page = store.ListRecords(filter);
  EXPECT_TRUE(page.ok()) << page.status();
  for (const StoredRecord& r : page->records) {
    out += r.record.provenance.native_id + " v" + std::to_string(r.version) + " " + RecordToJson(r.record) + "\n";
    auto history = store.History(source, r.record.provenance.native_id);
    for (const StoredRecord& old : *history) out += "  was v" + std::to_string(old.version) + " " + RecordToJson(old.record) + "\n";
  }
  // Named, not `for (... : store.ListUnmapped(...)->values)`: the StatusOr temporary would be
  // destroyed before the loop reads the vector inside it (ASan: stack-use-after-scope).
  auto unmapped = store.ListUnmapped({.source = source, .page_size = 1000});
  EXPECT_THAT(unmapped, IsOk());
  for (const UnmappedCount& u : unmapped->values) {
    out += "unmapped " + u.field + "=" + u.raw_value + " x" + std::to_string(u.count) + " " + u.example_native_id + "\n";
  }
  return out + "cursor " + *store.GetCursor(source);
}

TEST_F(SqliteStoreTest, AbortRunPutsBackWhatTheRunChangedEvenAfterACrash) {
  RecordToStore one = Item("1", "a");
  one.record.links = {{"ci", "web-01"}};
  one.unmapped = {{"status", "odd"}};
  ASSERT_TRUE(store_->CommitBatch("s", {one, Item("2", "b")}, "c0").ok());
  ASSERT_TRUE(store_->CommitBatch("other", {Item("9", "z")}, "o0").ok());
  const std::string before = Snapshot(*store_, "s");

  ASSERT_TRUE(store_->BeginRun("s").ok());
  RecordToStore changed = Item("1", "a2");
  changed.record.links = {{"ci", "web-02"}};
  changed.unmapped = {{"status", "odder"}};
  ASSERT_TRUE(store_->CommitBatch("s", {changed, Item("3", "new")}, "c1").ok());
  ASSERT_TRUE(store_->CommitBatch("s", {Item("1", "a3"), Item("2", "b")}, "c2").ok());
  ASSERT_TRUE(store_->CommitBatch("other", {Item("9", "z2")}, "o1").ok());  // not part of the run
  ASSERT_NE(Snapshot(*store_, "s"), before);

  // A crash: the pending run is still known when the store is opened again.
  store_.reset();
  auto reopened = OpenSqliteStore(path_);
  ASSERT_TRUE(reopened.ok()) << reopened.status();
  store_ = std::move(*reopened);
  EXPECT_TRUE(*store_->RunPending("s"));
  EXPECT_FALSE(*store_->RunPending("other"));

  ASSERT_TRUE(store_->AbortRun("s").ok());
  EXPECT_EQ(Snapshot(*store_, "s"), before);
  EXPECT_FALSE(*store_->RunPending("s"));
  EXPECT_THAT(store_->GetRecord("s", "3"), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_EQ(store_->GetRecord("other", "9")->record.title, "title z2");
  RecordFilter by_ci;
  by_ci.clause_filter = true;
  by_ci.link_targets = {"web-01"};
  EXPECT_EQ(store_->ListRecords(by_ci)->records.size(), 1u);
  by_ci.link_targets = {"web-02"};
  EXPECT_TRUE(store_->ListRecords(by_ci)->records.empty());
}

TEST_F(SqliteStoreTest, AFinishedRunIsKeptAndABeganRunStartsOnce) {
  ASSERT_TRUE(store_->BeginRun("s").ok());
  ASSERT_TRUE(store_->CommitBatch("s", {Item("1", "a")}, "c1").ok());
  ASSERT_TRUE(store_->BeginRun("s").ok());  // resuming: still the same run
  ASSERT_TRUE(store_->CommitBatch("s", {Item("2", "b")}, "c2").ok());
  ASSERT_TRUE(store_->FinishRun("s").ok());
  ASSERT_TRUE(store_->AbortRun("s").ok());  // nothing pending: nothing undone
  EXPECT_EQ(store_->Counts("s")->records, 2);
  EXPECT_EQ(*store_->GetCursor("s"), "c2");

  ASSERT_TRUE(store_->BeginRun("s").ok());
  ASSERT_TRUE(store_->CommitBatch("s", {Item("3", "c")}, "c3").ok());
  ASSERT_TRUE(store_->AbortRun("s").ok());
  EXPECT_EQ(store_->Counts("s")->records, 2);
  EXPECT_EQ(*store_->GetCursor("s"), "c2");
}

TEST_F(SqliteStoreTest, ARecordTwiceInOneBatchIsOneRecordWithTwoVersions) {
  auto result = store_->CommitBatch("s", {Item("1", "a"), Item("1", "b"), Item("1", "b")}, "c1");
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->created, 1);
  EXPECT_EQ(result->updated, 1);
  EXPECT_EQ(result->unchanged, 1);
  EXPECT_EQ(store_->GetRecord("s", "1")->version, 2);
}

// What the store holds of `source`: "native id, version, link count" of every record in key
// order, the number of unmapped values and the cursor.
std::string Holding(Store& store, const std::string& source) {
  RecordFilter filter;
  filter.source = source;
  filter.page_size = 1000;
  std::string out;
  const absl::StatusOr<RecordPage> page = store.ListRecords(filter);
  if (!page.ok()) return page.status().ToString();
  for (const StoredRecord& r : page->records) {
    out += r.record.provenance.native_id + " v" + std::to_string(r.version) + " " +
           std::to_string(r.record.links.size()) + " links; ";
  }
  UnmappedFilter unmapped;
  unmapped.source = source;
  out += std::to_string(store.ListUnmapped(unmapped)->values.size()) + " unmapped; cursor " + *store.GetCursor(source);
  return out;
}

TEST_F(SqliteStoreTest, RemoveSourceTakesEverythingOfItInOneTransaction) {
  RecordToStore linked = Item("2", "b");
  linked.record.links.push_back({"relates-to", "x/9"});
  linked.unmapped.push_back({"status", "odd"});
  ASSERT_THAT(store_->CommitBatch("s", {Item("1", "a"), linked}, "c1").status(), IsOk());
  ASSERT_THAT(store_->CommitBatch("s", {Item("1", "a2")}, "c2").status(), IsOk());  // a second version of 1
  ASSERT_THAT(store_->CommitBatch("other", {Item("1", "z")}, "o1").status(), IsOk());
  SyncRunRecord run;
  run.source = "s";
  run.outcome = "ok";
  ASSERT_THAT(store_->AddSyncRun(run), IsOk());
  const std::string other = Holding(*store_, "other");
  const std::string before = Holding(*store_, "s");
  ASSERT_EQ(before, "1 v2 0 links; 2 v1 1 links; 1 unmapped; cursor c2");

  // A write failing half-way leaves everything as it was.
  store_.reset();
  int writes = 0;
  SqliteStoreOptions options;
  options.before_statement = [&](absl::string_view sql) {
    if (absl::StartsWith(sql, "DELETE FROM records") && ++writes == 1) return absl::UnavailableError("disk gone");
    return absl::OkStatus();
  };
  auto faulty = OpenSqliteStore(path_, options);
  ASSERT_THAT(faulty.status(), IsOk());
  EXPECT_FALSE((*faulty)->RemoveSource("s", false).ok());
  EXPECT_EQ(Holding(**faulty, "s"), before);
  faulty->reset();
  store_ = std::move(*OpenSqliteStore(path_));

  auto removed = store_->RemoveSource("s", false);
  ASSERT_THAT(removed.status(), IsOk());
  EXPECT_EQ(removed->records, 2);
  EXPECT_EQ(removed->versions, 1);
  EXPECT_TRUE(removed->existed);
  EXPECT_EQ(Holding(*store_, "s"), "0 unmapped; cursor ");
  EXPECT_EQ(Holding(*store_, "other"), other);
  auto runs = store_->LastRuns();
  ASSERT_THAT(runs.status(), IsOk());
  for (const SyncRunRecord& last : *runs) EXPECT_NE(last.source, "s");
  // No orphan rows: versions, links and unmapped values went with their records.
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
  auto nothing = store_->RemoveSource("s", false);
  ASSERT_THAT(nothing.status(), IsOk());
  EXPECT_FALSE(nothing->existed);
}

TEST_F(SqliteStoreTest, RemoveSourceCanKeepTheRecordsUnderAnotherName) {
  RecordToStore linked = Item("1", "a");
  linked.record.links.push_back({"relates-to", "x/9"});
  ASSERT_THAT(store_->CommitBatch("s", {linked}, "c1").status(), IsOk());
  ASSERT_THAT(store_->CommitBatch("s", {Item("1", "a2")}, "c2").status(), IsOk());
  auto kept = store_->RemoveSource("s", true);
  ASSERT_THAT(kept.status(), IsOk());
  EXPECT_EQ(kept->kept_as, "removed:s");
  EXPECT_EQ(Holding(*store_, "s"), "0 unmapped; cursor ");
  EXPECT_EQ(Holding(*store_, "removed:s"), "1 v2 0 links; 0 unmapped; cursor ");
  auto history = store_->History("removed:s", "1");
  ASSERT_THAT(history.status(), IsOk());
  EXPECT_EQ(history->size(), 1u);
  // A second keep under the same name is refused and changes nothing.
  ASSERT_THAT(store_->CommitBatch("s", {Item("1", "b")}, "c3").status(), IsOk());
  auto clash = store_->RemoveSource("s", true);
  EXPECT_EQ(clash.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(Holding(*store_, "s"), "1 v1 0 links; 0 unmapped; cursor c3");
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
