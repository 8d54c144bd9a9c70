#include "tests/store/store_conformance.h"

#include <atomic>
#include <set>
#include <thread>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gateway/store/record_json.h"
#include "gmock/gmock.h"
#include "tests/status_matchers.h"

namespace crosswalk::testing_store {

void StoreConformanceTest::SetUp() {
  place_ = absl::StrCat("conformance-", ::getpid(), "-",
                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
  for (char& c : place_) {
    if (c == '/') c = '_';
  }
  GetParam().remove(place_);
  Reopen();
}

void StoreConformanceTest::TearDown() {
  store_.reset();
  GetParam().remove(place_);
}

void StoreConformanceTest::Reopen(WriteHook hook) {
  store_.reset();
  auto store = GetParam().open(place_, std::move(hook), &clock_);
  ASSERT_THAT(store, IsOk());
  store_ = std::move(*store);
}

RecordToStore StoreConformanceTest::Item(const std::string& id, const std::string& hash, const std::string& kind) {
  RecordToStore item;
  item.record.kind = kind;
  item.record.title = "title " + hash;
  item.record.provenance.source = "s";
  item.record.provenance.native_id = id;
  item.record.provenance.content_hash = hash;
  item.record.effective = 1000;
  return item;
}

std::string StoreConformanceTest::Snapshot(const std::string& source) {
  std::string out;
  RecordFilter filter;
  filter.source = source;
  filter.page_size = 1000;
  auto page = store_->ListRecords(filter);
  if (!page.ok()) return page.status().ToString();
  std::set<std::string> ids;
  for (const StoredRecord& r : page->records) ids.insert(r.record.provenance.native_id);
  for (int i = 0; i < 30; ++i) ids.insert(std::to_string(i));  // the tests' ids, deleted ones included
  for (const std::string& id : ids) {
    auto record = store_->GetRecord(source, id);
    if (absl::IsNotFound(record.status())) continue;
    if (!record.ok()) return record.status().ToString();
    absl::StrAppend(&out, id, " v", record->version, record->deleted_at ? " deleted" : "", " ",
                    RecordToJson(record->record), "\n");
    auto history = store_->History(source, id);
    if (!history.ok()) return history.status().ToString();
    for (const StoredRecord& old : *history) {
      absl::StrAppend(&out, "  was v", old.version, old.deleted_at ? " deleted " : " ", RecordToJson(old.record), "\n");
    }
  }
  for (const StoredRecord& r : page->records) absl::StrAppend(&out, "listed ", r.record.provenance.native_id, "\n");
  UnmappedFilter unmapped_filter;
  unmapped_filter.source = source;
  auto unmapped = store_->ListUnmapped(unmapped_filter);
  if (!unmapped.ok()) return unmapped.status().ToString();
  for (const UnmappedCount& u : unmapped->values) {
    absl::StrAppend(&out, "unmapped ", u.field, "=", u.raw_value, " x", u.count, " ", u.example_native_id, "\n");
  }
  auto counts = store_->Counts(source);
  auto cursor = store_->GetCursor(source);
  auto pending = store_->RunPending(source);
  if (!counts.ok() || !cursor.ok() || !pending.ok()) return "counts, cursor or run state unreadable";
  absl::StrAppend(&out, "counts ", counts->records, "/", counts->versions, "/", counts->deleted, " cursor ", *cursor,
                  *pending ? " pending" : "");
  return out;
}

int StoreConformanceTest::ExpectAllOrNothing(const std::function<absl::Status(Store&)>& operation,
                                             const std::vector<std::string>& sources) {
  std::vector<std::string> before;
  for (const std::string& source : sources) before.push_back(Snapshot(source));
  for (int fail_at = 1;; ++fail_at) {
    std::atomic<int> statements{0};
    std::atomic<bool> armed{false};  // from the operation on, not while the store opens
    Reopen([&statements, &armed, fail_at](absl::string_view) {
      return armed && ++statements == fail_at ? absl::UnavailableError("injected write failure") : absl::OkStatus();
    });
    if (HasFatalFailure()) return fail_at;
    armed = true;
    const absl::Status status = operation(*store_);
    Reopen();
    if (status.ok()) return fail_at;
    for (size_t i = 0; i < sources.size(); ++i) {
      EXPECT_EQ(Snapshot(sources[i]), before[i]) << "write statement " << fail_at << " failed: " << status;
    }
    if (HasFailure() || fail_at > 10'000) return fail_at;
  }
}

RecordToStore StoreConformanceTest::WithProvenance(const std::string& id, const std::string& status_rule) {
  RecordToStore item = Item(id, "h" + id + status_rule);
  Record& r = item.record;
  r.status = "new";
  r.attributes = {{"sys_id", "text", "sys-" + id}, {"made_sla", "bool", "true"}};
  r.provenance.location = "incidents.json line " + id;
  r.provenance.origins = {{"status", "1", status_rule}, {"made_sla", "true", "sn.flag.true"}, {"priority", "P9", ""}};
  return item;
}

namespace {

using ::testing::ElementsAre;

TEST_P(StoreConformanceTest, UpsertIsIdempotentAndVersionsOnlyOnChange) {
  auto first = store_->CommitBatch("s", {Item("1", "a"), Item("2", "b")}, "c1");
  ASSERT_THAT(first, IsOk());
  EXPECT_EQ(first->created, 2);
  auto again = store_->CommitBatch("s", {Item("1", "a"), Item("2", "b")}, "c2");
  EXPECT_EQ(again->unchanged, 2);
  EXPECT_EQ(again->created + again->updated, 0);
  clock_.SetNowSeconds(1'750'000'100);
  auto changed = store_->CommitBatch("s", {Item("1", "a2")}, "c3");
  EXPECT_EQ(changed->updated, 1);
  auto record = store_->GetRecord("s", "1");
  ASSERT_THAT(record, IsOk());
  EXPECT_EQ(record->version, 2);
  EXPECT_EQ(record->stored_at, 1'750'000'100);  // the injected clock
  EXPECT_EQ(record->record.title, "title a2");
  auto history = store_->History("s", "1");
  ASSERT_EQ(history->size(), 1u);
  EXPECT_EQ((*history)[0].version, 1);
  EXPECT_EQ((*history)[0].record.title, "title a");
  EXPECT_EQ(*store_->GetCursor("s"), "c3");
  EXPECT_EQ(store_->Counts("s")->records, 2);
  EXPECT_EQ(store_->Counts("s")->versions, 3);
  EXPECT_EQ(*store_->GetCursor("never-synced"), "");
  EXPECT_THAT(store_->GetRecord("s", "9"), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(store_->History("s", "9"), StatusIs(absl::StatusCode::kNotFound));

  // A prepared record (Store::Prepare, off the lock) is stored as the record itself is.
  RecordToStore prepared = Item("3", "c");
  prepared.prepared = store_->Prepare(prepared.record);
  ASSERT_THAT(store_->CommitBatch("s", {prepared}, "c4"), IsOk());
  EXPECT_EQ(store_->GetRecord("s", "3")->record.title, "title c");
}

TEST_P(StoreConformanceTest, ARecordTwiceInOneBatchIsOneRecordWithTwoVersions) {
  auto result = store_->CommitBatch("s", {Item("1", "a"), Item("1", "b"), Item("1", "b")}, "c1");
  ASSERT_THAT(result, IsOk());
  EXPECT_EQ(result->created, 1);
  EXPECT_EQ(result->updated, 1);
  EXPECT_EQ(result->unchanged, 1);
  EXPECT_EQ(store_->GetRecord("s", "1")->version, 2);
}

TEST_P(StoreConformanceTest, ABatchAndItsCursorAreAllOrNothing) {
  RecordToStore linked = Item("1", "a");
  linked.record.links = {{"ci", "web-01"}};
  linked.unmapped = {{"status", "odd"}};
  ASSERT_THAT(store_->CommitBatch("s", {linked, Item("2", "b")}, "c1"), IsOk());
  RecordToStore changed = Item("1", "a2");
  changed.record.links = {{"ci", "web-02"}};
  const int attempts = ExpectAllOrNothing([&](Store& store) {
    return store.CommitBatch("s", {changed, Item("2", "b"), Item("3", "new")}, "c2").status();
  });
  EXPECT_GT(attempts, 3);
  EXPECT_EQ(*store_->GetCursor("s"), "c2");
  EXPECT_EQ(store_->Counts("s")->records, 3);
}

TEST_P(StoreConformanceTest, PagesCoverEveryRecordOnceAndFiltersApply) {
  std::vector<RecordToStore> batch;
  for (int i = 0; i < 250; ++i) {
    batch.push_back(Item(absl::StrCat("r", i), "h", i % 5 == 0 ? "change" : "incident"));
    batch.back().record.effective = 1000 + i;
  }
  ASSERT_THAT(store_->CommitBatch("s", batch, "c"), IsOk());
  ASSERT_THAT(store_->CommitBatch("other", {Item("x", "h")}, "c"), IsOk());
  RecordFilter filter;
  filter.source = "s";
  filter.page_size = 100;
  std::set<std::string> seen;
  int pages = 0;
  while (true) {
    auto page = store_->ListRecords(filter);
    ASSERT_THAT(page, IsOk());
    for (const StoredRecord& r : page->records) EXPECT_TRUE(seen.insert(r.record.provenance.native_id).second);
    ++pages;
    if (page->next_page_token.empty()) break;
    filter.page_token = page->next_page_token;
  }
  EXPECT_EQ(seen.size(), 250u);
  EXPECT_EQ(pages, 3);
  RecordFilter changes;
  changes.kind = "change";
  changes.page_size = 1000;
  EXPECT_EQ(store_->ListRecords(changes)->records.size(), 50u);
  RecordFilter dated;
  dated.effective_from = 1100;
  dated.effective_to = 1109;
  dated.source = "s";
  EXPECT_EQ(store_->ListRecords(dated)->records.size(), 10u);
  RecordFilter bad;
  bad.page_token = "not-a-token";
  EXPECT_THAT(store_->ListRecords(bad), StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST_P(StoreConformanceTest, ClauseFilterMatchesKindsOrLinks) {
  RecordToStore control = Item("c1", "h", "control");
  control.record.links.push_back({"implements", "iso27001:2022#A.5.24"});
  ASSERT_THAT(store_->CommitBatch("s", {Item("i1", "h"), Item("x1", "h", "risk"), control}, "c"), IsOk());
  RecordFilter filter;
  filter.clause_filter = true;
  filter.kinds = {"incident"};
  filter.link_targets = {"iso27001:2022#A.5.24"};
  auto page = store_->ListRecords(filter);
  ASSERT_EQ(page->records.size(), 2u);
  EXPECT_EQ(page->records[0].record.provenance.native_id, "i1");
  EXPECT_EQ(page->records[1].record.provenance.native_id, "c1");
}

TEST_P(StoreConformanceTest, UnmappedCountsFollowTheCurrentVersion) {
  RecordToStore a = Item("1", "a");
  a.unmapped = {{"status", "Waiting"}};
  RecordToStore b = Item("2", "b");
  b.unmapped = {{"status", "Waiting"}};
  ASSERT_THAT(store_->CommitBatch("s", {a, b}, "c"), IsOk());
  auto counts = store_->ListUnmapped({});
  ASSERT_EQ(counts->values.size(), 1u);
  EXPECT_EQ(counts->values[0].count, 2);
  ASSERT_THAT(store_->CommitBatch("s", {Item("1", "a2")}, "c"), IsOk());  // the value is now known
  UnmappedFilter of_s;
  of_s.source = "s";
  EXPECT_EQ(store_->ListUnmapped(of_s)->values[0].count, 1);
}

TEST_P(StoreConformanceTest, UnmappedPagesCoverEveryValueOnceBoundedByCountAndBytes) {
  std::vector<RecordToStore> items;
  for (int i = 0; i < 25; ++i) {
    items.push_back(Item(std::to_string(i), "h"));
    items.back().unmapped = {{"status", "v" + std::to_string(100 + i)}};
  }
  ASSERT_THAT(store_->CommitBatch("s", items, "c"), IsOk());
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
    UnmappedFilter filter;
    filter.page_size = c.page_size;
    if (c.max_bytes > 0) {
      filter.size_of = [](const UnmappedCount&) { return size_t{100}; };
      filter.max_bytes = c.max_bytes;
    }
    std::set<std::string> seen;
    std::vector<size_t> pages;
    do {
      auto page = store_->ListUnmapped(filter);
      ASSERT_THAT(page, IsOk());
      pages.push_back(page->values.size());
      for (const UnmappedCount& value : page->values) EXPECT_TRUE(seen.insert(value.raw_value).second) << value.raw_value;
      filter.page_token = page->next_page_token;
    } while (!filter.page_token.empty());
    EXPECT_EQ(pages, c.pages);
    EXPECT_EQ(seen.size(), 25u);
  }
  UnmappedFilter bad;
  bad.page_token = "x";
  EXPECT_THAT(store_->ListUnmapped(bad), StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST_P(StoreConformanceTest, RecordPagesStopAtTheByteBudget) {
  std::vector<RecordToStore> items;
  for (int i = 0; i < 10; ++i) items.push_back(Item(std::to_string(i), "h"));
  ASSERT_THAT(store_->CommitBatch("s", items, "c"), IsOk());
  RecordFilter filter;
  filter.page_size = 1000;
  filter.size_of = [](const StoredRecord& r) { return r.record.provenance.native_id == "4" ? size_t{1000} : size_t{100}; };
  filter.max_bytes = 350;
  std::vector<std::string> pages;
  do {
    auto page = store_->ListRecords(filter);
    ASSERT_THAT(page, IsOk());
    std::string ids;
    for (const StoredRecord& r : page->records) ids += r.record.provenance.native_id;
    pages.push_back(ids);
    filter.page_token = page->next_page_token;
  } while (!filter.page_token.empty());
  // Record 4 alone is over the budget: it gets a page of its own rather than none.
  EXPECT_EQ(pages, (std::vector<std::string>{"012", "3", "4", "567", "89"}));
}

TEST_P(StoreConformanceTest, AbortRunPutsBackWhatTheRunChangedAndDeletedEvenAfterACrash) {
  RecordToStore one = Item("1", "a");
  one.record.links = {{"ci", "web-01"}};
  one.unmapped = {{"status", "odd"}};
  ASSERT_THAT(store_->CommitBatch("s", {one, Item("2", "b"), Item("4", "d")}, "c0"), IsOk());
  ASSERT_THAT(store_->DeleteRecords("s", {"4"}, std::nullopt), IsOk());  // before the run: stays deleted
  ASSERT_THAT(store_->CommitBatch("other", {Item("9", "z")}, "o0"), IsOk());
  const std::string before = Snapshot();

  ASSERT_THAT(store_->BeginRun("s"), IsOk());
  RecordToStore changed = Item("1", "a2");
  changed.record.links = {{"ci", "web-02"}};
  changed.unmapped = {{"status", "odder"}};
  ASSERT_THAT(store_->CommitBatch("s", {changed, Item("3", "new"), Item("4", "d")}, "c1"), IsOk());  // 4 back
  ASSERT_THAT(store_->CommitBatch("s", {Item("1", "a3"), Item("2", "b")}, "c2"), IsOk());
  ASSERT_THAT(store_->DeleteRecords("s", {"2", "3"}, std::string("c3")), IsOk());
  ASSERT_THAT(store_->CommitBatch("other", {Item("9", "z2")}, "o1"), IsOk());  // not part of the run
  ASSERT_NE(Snapshot(), before);

  Reopen();  // a crash: the pending run is still known
  EXPECT_TRUE(*store_->RunPending("s"));
  EXPECT_FALSE(*store_->RunPending("other"));
  ASSERT_THAT(store_->AbortRun("s"), IsOk());
  EXPECT_EQ(Snapshot(), before);
  EXPECT_EQ(store_->GetRecord("other", "9")->record.title, "title z2");
  RecordFilter by_ci;
  by_ci.clause_filter = true;
  by_ci.link_targets = {"web-01"};
  EXPECT_EQ(store_->ListRecords(by_ci)->records.size(), 1u);
  by_ci.link_targets = {"web-02"};
  EXPECT_TRUE(store_->ListRecords(by_ci)->records.empty());
}

TEST_P(StoreConformanceTest, AFinishedRunIsKeptAndABeganRunStartsOnce) {
  ASSERT_THAT(store_->BeginRun("s"), IsOk());
  ASSERT_THAT(store_->CommitBatch("s", {Item("1", "a")}, "c1"), IsOk());
  ASSERT_THAT(store_->BeginRun("s"), IsOk());  // resuming: still the same run
  ASSERT_THAT(store_->CommitBatch("s", {Item("2", "b")}, "c2"), IsOk());
  ASSERT_THAT(store_->FinishRun("s"), IsOk());
  ASSERT_THAT(store_->AbortRun("s"), IsOk());  // nothing pending: nothing undone
  EXPECT_EQ(store_->Counts("s")->records, 2);
  EXPECT_EQ(*store_->GetCursor("s"), "c2");

  ASSERT_THAT(store_->BeginRun("s"), IsOk());
  ASSERT_THAT(store_->CommitBatch("s", {Item("3", "c")}, "c3"), IsOk());
  ASSERT_THAT(store_->AbortRun("s"), IsOk());
  EXPECT_EQ(store_->Counts("s")->records, 2);
  EXPECT_EQ(*store_->GetCursor("s"), "c2");
}

TEST_P(StoreConformanceTest, AnAbortIsAllOrNothing) {
  ASSERT_THAT(store_->CommitBatch("s", {Item("1", "a"), Item("2", "b")}, "c0"), IsOk());
  ASSERT_THAT(store_->BeginRun("s"), IsOk());
  ASSERT_THAT(store_->CommitBatch("s", {Item("1", "a2"), Item("3", "c")}, "c1"), IsOk());
  ASSERT_THAT(store_->DeleteRecords("s", {"2"}, std::nullopt), IsOk());
  EXPECT_GT(ExpectAllOrNothing([](Store& store) { return store.AbortRun("s"); }), 2);
  EXPECT_EQ(store_->Counts("s")->records, 2);
  EXPECT_EQ(store_->GetRecord("s", "1")->record.title, "title a");
}

// What RemoveSource leaves of `source`: "native id vN, K links" of each record, unmapped count
// and the cursor.
std::string Holding(Store& store, const std::string& source) {
  RecordFilter filter;
  filter.source = source;
  filter.page_size = 1000;
  std::string out;
  auto page = store.ListRecords(filter);
  if (!page.ok()) return page.status().ToString();
  for (const StoredRecord& r : page->records) {
    absl::StrAppend(&out, r.record.provenance.native_id, " v", r.version, " ", r.record.links.size(), " links; ");
  }
  UnmappedFilter unmapped;
  unmapped.source = source;
  absl::StrAppend(&out, store.ListUnmapped(unmapped)->values.size(), " unmapped; cursor ", *store.GetCursor(source));
  return out;
}

TEST_P(StoreConformanceTest, RemoveSourceTakesEverythingOfItInOneTransaction) {
  RecordToStore linked = Item("2", "b");
  linked.record.links.push_back({"relates-to", "x/9"});
  linked.unmapped.push_back({"status", "odd"});
  ASSERT_THAT(store_->CommitBatch("s", {Item("1", "a"), linked, Item("3", "c")}, "c1"), IsOk());
  ASSERT_THAT(store_->CommitBatch("s", {Item("1", "a2")}, "c2"), IsOk());  // a second version of 1
  ASSERT_THAT(store_->DeleteRecords("s", {"3"}, std::nullopt), IsOk());
  ASSERT_THAT(store_->CommitBatch("other", {Item("1", "z")}, "o1"), IsOk());
  SyncRunRecord run;
  run.source = "s";
  run.outcome = "ok";
  ASSERT_THAT(store_->AddSyncRun(run), IsOk());
  const std::string other = Holding(*store_, "other");
  ASSERT_EQ(Holding(*store_, "s"), "1 v2 0 links; 2 v1 1 links; 1 unmapped; cursor c2");

  EXPECT_GT(ExpectAllOrNothing([](Store& store) { return store.RemoveSource("s", false).status(); }, {"s", "other"}), 2);
  EXPECT_EQ(Holding(*store_, "s"), "0 unmapped; cursor ");
  EXPECT_EQ(Holding(*store_, "other"), other);
  EXPECT_THAT(store_->GetRecord("s", "3"), StatusIs(absl::StatusCode::kNotFound));  // deleted ones go too
  auto runs = store_->LastRuns();
  ASSERT_THAT(runs, IsOk());
  for (const SyncRunRecord& last : *runs) EXPECT_NE(last.source, "s");
  auto nothing = store_->RemoveSource("s", false);
  ASSERT_THAT(nothing, IsOk());
  EXPECT_FALSE(nothing->existed);
}

// Whatever a body refers to, the record reads back whole: through every read, after a reopen,
// and after a commit that failed once it had added terms (the rolled-back terms are not reused).
TEST_P(StoreConformanceTest, RecordsReadBackWholeWithTheirTerms) {
  const RecordToStore a = WithProvenance("1", "sn.incident.state.1");
  ASSERT_THAT(store_->CommitBatch("s", {a}, "c1"), IsOk());
  auto read = store_->GetRecord("s", "1");
  ASSERT_THAT(read, IsOk());
  EXPECT_EQ(RecordToJson(read->record), RecordToJson(a.record));
  // A second record with the same text is prepared outside the transaction from committed terms.
  RecordToStore b = WithProvenance("2", "sn.incident.state.1");
  b.prepared = store_->Prepare(b.record);
  EXPECT_NE(b.prepared, nullptr);
  ASSERT_THAT(store_->CommitBatch("s", {b}, "c2"), IsOk());

  // The records' insert fails after a new term was added; the store goes on without a reopen.
  std::atomic<bool> failed{false};
  Reopen([&failed](absl::string_view sql) {
    if (!failed && absl::StrContains(sql, "INSERT INTO records")) {
      failed = true;
      return absl::UnavailableError("injected write failure");
    }
    return absl::OkStatus();
  });
  const RecordToStore c = WithProvenance("3", "sn.incident.state.2");
  EXPECT_THAT(store_->CommitBatch("s", {c}, "c3"), StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_TRUE(failed);
  const RecordToStore d = WithProvenance("4", "sn.incident.state.7");
  ASSERT_THAT(store_->CommitBatch("s", {d, c}, "c4"), IsOk());
  for (int reopened = 0; reopened < 2; ++reopened) {
    for (const RecordToStore* item : std::initializer_list<const RecordToStore*>{&a, &b, &c, &d}) {
      const std::string& id = item->record.provenance.native_id;
      SCOPED_TRACE(id);
      auto got = store_->GetRecord("s", id);
      ASSERT_THAT(got, IsOk());
      EXPECT_EQ(RecordToJson(got->record), RecordToJson(item->record));
    }
    RecordFilter filter;
    filter.source = "s";
    auto page = store_->ListRecords(filter);
    ASSERT_THAT(page, IsOk());
    ASSERT_EQ(page->records.size(), 4u);
    EXPECT_EQ(page->records[3].record.provenance.origins[0].rule_id, "sn.incident.state.2");
    Reopen();
  }
  // A version superseded keeps its text too.
  ASSERT_THAT(store_->CommitBatch("s", {WithProvenance("1", "sn.incident.state.6")}, "c5"), IsOk());
  auto history = store_->History("s", "1");
  ASSERT_THAT(history, IsOk());
  ASSERT_EQ(history->size(), 1u);
  EXPECT_EQ(RecordToJson((*history)[0].record), RecordToJson(a.record));
}

TEST_P(StoreConformanceTest, RemoveSourceCanKeepTheRecordsUnderAnotherName) {
  RecordToStore linked = Item("1", "a");
  linked.record.links.push_back({"relates-to", "x/9"});
  ASSERT_THAT(store_->CommitBatch("s", {linked}, "c1"), IsOk());
  ASSERT_THAT(store_->CommitBatch("s", {Item("1", "a2")}, "c2"), IsOk());
  auto kept = store_->RemoveSource("s", true);
  ASSERT_THAT(kept, IsOk());
  EXPECT_EQ(kept->kept_as, "removed:s");
  EXPECT_EQ(Holding(*store_, "s"), "0 unmapped; cursor ");
  EXPECT_EQ(Holding(*store_, "removed:s"), "1 v2 0 links; 0 unmapped; cursor ");
  EXPECT_EQ(store_->History("removed:s", "1")->size(), 1u);
  // The kept record still names the source it came from.
  EXPECT_EQ(store_->GetRecord("removed:s", "1")->record.provenance.source, "s");
  // A second keep under the same name is refused and changes nothing.
  ASSERT_THAT(store_->CommitBatch("s", {Item("1", "b")}, "c3"), IsOk());
  EXPECT_THAT(store_->RemoveSource("s", true), StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_EQ(Holding(*store_, "s"), "1 v1 0 links; 0 unmapped; cursor c3");
}

TEST_P(StoreConformanceTest, ADeletedRecordLeavesListingsButKeepsItsVersions) {
  RecordToStore two = Item("2", "b");
  two.record.links = {{"ci", "ci-2"}};
  two.unmapped = {{"status", "odd-2"}};
  RecordToStore one = Item("1", "a");
  one.unmapped = {{"status", "odd-1"}};
  ASSERT_THAT(store_->CommitBatch("s", {one, two, Item("3", "c")}, "c1"), IsOk());
  two.record.provenance.content_hash = "b2";
  two.record.title = "title b2";
  ASSERT_THAT(store_->CommitBatch("s", {two}, "c2"), IsOk());
  clock_.SetNowSeconds(1'750'000'600);
  auto deletion = store_->DeleteRecords("s", {"2", "3", "9"}, std::string("c3"));
  ASSERT_THAT(deletion, IsOk());
  EXPECT_EQ(deletion->deleted, 2);
  EXPECT_EQ(deletion->absent, 1);  // "9" was never stored
  RecordFilter of_s;
  of_s.source = "s";
  ASSERT_EQ(store_->ListRecords(of_s)->records.size(), 1u);
  EXPECT_EQ(*store_->GetCursor("s"), "c3");
  const SourceCounts counts = *store_->Counts("s");
  EXPECT_EQ(counts.records, 1);
  EXPECT_EQ(counts.versions, 1);
  EXPECT_EQ(counts.deleted, 2);
  EXPECT_THAT(*store_->ListNativeIds("s", "", 10), ElementsAre("1"));

  auto gone = store_->GetRecord("s", "2");
  ASSERT_THAT(gone, IsOk());
  EXPECT_EQ(gone->deleted_at, 1'750'000'600);
  EXPECT_EQ(gone->version, 3);  // b, b2, then the tombstone
  auto history = store_->History("s", "2");
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[1].record.title, "title b2");  // the last content it had
  EXPECT_EQ((*history)[1].deleted_at, 0);
  RecordFilter by_ci;
  by_ci.clause_filter = true;
  by_ci.link_targets = {"ci-2"};
  EXPECT_TRUE(store_->ListRecords(by_ci)->records.empty());
  UnmappedFilter all;
  all.source = "s";
  auto unmapped = store_->ListUnmapped(all);
  ASSERT_EQ(unmapped->values.size(), 1u);
  EXPECT_EQ(unmapped->values[0].raw_value, "odd-1");

  auto again = store_->DeleteRecords("s", {"2"}, std::nullopt);  // already deleted: nothing changes
  EXPECT_EQ(again->deleted, 0);
  EXPECT_EQ(again->absent, 1);
  EXPECT_EQ(store_->GetRecord("s", "2")->version, 3);
  EXPECT_EQ(*store_->GetCursor("s"), "c3");  // no cursor given: kept
}

TEST_P(StoreConformanceTest, ADeletedRecordTheSourceHasAgainComesBackAsANewVersion) {
  RecordToStore one = Item("1", "a");
  one.record.links = {{"ci", "ci-1"}};
  ASSERT_THAT(store_->CommitBatch("s", {one}, "c1"), IsOk());
  ASSERT_THAT(store_->DeleteRecords("s", {"1"}, std::nullopt), IsOk());
  auto back = store_->CommitBatch("s", {one}, "c2");  // the same content as before
  ASSERT_THAT(back, IsOk());
  EXPECT_EQ(back->updated, 1);
  EXPECT_EQ(back->unchanged, 0);
  auto record = store_->GetRecord("s", "1");
  EXPECT_EQ(record->deleted_at, 0);
  EXPECT_EQ(record->version, 3);
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

TEST_P(StoreConformanceTest, ADeletionAndItsCursorAreAllOrNothing) {
  RecordToStore one = Item("1", "a");
  one.record.links = {{"ci", "ci-1"}};
  one.unmapped = {{"status", "odd"}};
  ASSERT_THAT(store_->CommitBatch("s", {one, Item("2", "b"), Item("3", "c")}, "c1"), IsOk());
  EXPECT_GT(ExpectAllOrNothing([](Store& store) {
              return store.DeleteRecords("s", {"1", "2"}, std::string("c2")).status();
            }),
            3);
  EXPECT_EQ(store_->Counts("s")->deleted, 2);
  EXPECT_EQ(*store_->GetCursor("s"), "c2");
}

TEST_P(StoreConformanceTest, NativeIdsPageInByteOrder) {
  std::vector<RecordToStore> items;
  for (const char* id : {"b", "a", "c", "aa", "é", "B"}) items.push_back(Item(id, "h"));
  ASSERT_THAT(store_->CommitBatch("s", items, "c"), IsOk());
  ASSERT_THAT(store_->DeleteRecords("s", {"c"}, std::nullopt), IsOk());
  std::vector<std::string> ids;
  for (std::string after;;) {
    auto page = store_->ListNativeIds("s", after, 2);
    ASSERT_THAT(page, IsOk());
    ids.insert(ids.end(), page->begin(), page->end());
    if (page->size() < 2) break;
    after = page->back();
  }
  EXPECT_THAT(ids, ElementsAre("B", "a", "aa", "b", "é"));
}

TEST_P(StoreConformanceTest, RunsSinceReconciliationCountFromTheLastReconciledRun) {
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
  EXPECT_EQ(store_->LastRuns()->at(0).totals.deleted, 4);
  EXPECT_TRUE(store_->LastRuns()->at(0).reconciled);
  add("ok", false);
  EXPECT_EQ(*store_->RunsSinceReconciliation("s"), 1);
  EXPECT_EQ(*store_->RunsSinceReconciliation("other"), 0);
}

// Readers on other threads while batches commit: every read sees whole batches (a count is a
// multiple of the batch size), and never fails.
TEST_P(StoreConformanceTest, ConcurrentReadersSeeWholeBatches) {
  constexpr int kBatches = 20, kPerBatch = 50;
  std::atomic<bool> done{false};
  std::atomic<int> reads{0}, torn{0}, failed{0};
  auto reader = [&] {
    while (!done) {
      auto counts = store_->Counts("s");
      RecordFilter filter;
      filter.source = "s";
      filter.page_size = 1000;
      auto page = store_->ListRecords(filter);
      if (!counts.ok() || !page.ok()) {
        ++failed;
        continue;
      }
      if (counts->records % kPerBatch != 0) ++torn;
      ++reads;
    }
  };
  std::thread first(reader), second(reader);
  for (int b = 0; b < kBatches; ++b) {
    // Interleaved, not timed: each batch waits until the readers have read at least once since
    // the one before, so reads fall between (and during) the commits however loaded the machine.
    while (reads.load() + failed.load() < b) std::this_thread::yield();
    std::vector<RecordToStore> batch;
    for (int i = 0; i < kPerBatch; ++i) batch.push_back(Item(absl::StrCat("b", b, "-", i), "h"));
    ASSERT_THAT(store_->CommitBatch("s", batch, absl::StrCat("c", b)), IsOk());
  }
  done = true;
  first.join();
  second.join();
  EXPECT_GE(reads.load(), kBatches - 1);
  EXPECT_EQ(torn.load(), 0);
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(store_->Counts("s")->records, kBatches * kPerBatch);
}

}  // namespace
}  // namespace crosswalk::testing_store
