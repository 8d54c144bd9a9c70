// The servicenow connector under randomised fault runs (the rt_seeded_test pattern): for each seed
// of a fixed list, a fake ServiceNow with two tables whose rows change while the connector pages
// (updates in the reader's own second and later ones, new rows, deletes), a transport injecting a
// seeded fault schedule, sync runs repeated until one completes, and the store then equal to a
// clean read of the fake: a deleted row is no longer among the store's records. Deletes are found
// through sys_audit_delete alone (reconcile_every: 0, a quarter of the seeds), by id
// reconciliation alone (audit_deletes: false, a quarter; sys_audit_delete answering 403, a
// quarter), or by both.
// CROSSWALK_SEEDED_RUNS=N runs seeds 1..N instead (the soak).
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "connectors/servicenow/servicenow_connector.h"
#include "gtest/gtest.h"
#include "tests/connectors/fake_servicenow.h"
#include "gateway/normalize/normalizer.h"
#include "gateway/normalize/rule_set.h"
#include "gateway/store/sqlite_store.h"
#include "gateway/sync/sync_engine.h"
#include "tests/connectors/seeded_sync.h"

namespace crosswalk {
namespace {

using testing_servicenow::FakeRow;
using testing_servicenow::FakeServiceNow;
using testing_servicenow::SysId;

constexpr char kToken[] = "seeded-oauth-token";
constexpr int64_t kStart = 1'750'000'000;

std::vector<uint64_t> Seeds() {
  int count = 16;
  if (const char* env = std::getenv("CROSSWALK_SEEDED_RUNS")) {
    int parsed = 0;
    if (absl::SimpleAtoi(env, &parsed) && parsed > 0) count = parsed;
  }
  std::vector<uint64_t> seeds;
  for (int i = 1; i <= count; ++i) seeds.push_back(static_cast<uint64_t>(i));
  return seeds;
}

TEST(ServiceNowSeededTest, EverySeededFaultScheduleEndsWithTheStoreEqualToServiceNow) {
  const std::filesystem::path token =
      std::filesystem::temp_directory_path() / absl::StrCat("servicenow-seeded-", ::getpid(), ".token");
  std::ofstream(token) << kToken << "\n";
  int64_t faults = 0, failed_runs = 0, total_deletes = 0;
  for (uint64_t seed : Seeds()) {
    SCOPED_TRACE(absl::StrCat("seed ", seed));
    FakeServiceNow sn("unused", "unused", kToken);
    std::mt19937_64 random(seed);
    // 150 rows in two tables over 40 seconds: many share a second, some pages end inside one.
    for (int64_t n = 1; n <= 150; ++n) {
      FakeRow row;
      row.table = n % 3 == 0 ? "problem" : "incident";
      row.sys_id = SysId(n * 7919 % 1000);  // sys_id order unrelated to insertion order
      row.number = absl::StrCat("INC", n);
      row.short_description = absl::StrCat("row ", n);
      row.updated = kStart + static_cast<int64_t>(random() % 40);
      sn.Put(row);
    }
    std::atomic<bool> frozen{false};
    int64_t next = 1000;
    int deletes = 0;
    sn.now_seconds = kStart + 100;
    if (seed % 4 == 3) sn.forbidden_tables = {"sys_audit_delete"};
    sn.on_request = [&](int, std::map<std::string, FakeRow>& rows) {
      // Rows change only while a page of rows is read: a change after the run's last read of
      // its table (its sys_id listing, a by-id check, the audit read) is the next run's to find,
      // which a comparison right after this run cannot tell apart from a loss.
      if (frozen || !absl::StrContains(sn.requested_query, "ORDERBYsys_updated_on")) return;
      std::uniform_real_distribution<double> chance(0, 1);
      int64_t newest = 0;
      for (const auto& [id, row] : rows) newest = std::max(newest, row.updated);
      // Rows of the table being read change: a table read to its end before another change is
      // the next run's to pick up, which a comparison right after this run cannot tell apart
      // from a loss.
      if (chance(random) < 0.4) {  // a row updated while paging: in the newest second or after it
        auto it = rows.begin();
        std::advance(it, static_cast<long>(random() % rows.size()));
        if (it->second.table != sn.requested_table) return;
        it->second.updated = newest + static_cast<int64_t>(random() % 2);
        it->second.short_description = absl::StrCat("row ", it->first, " edited ", random() % 1000);
      }
      if (deletes < 10 && chance(random) < 0.2) {  // a row deleted (at most 10: under the 10% guard)
        auto it = rows.begin();
        std::advance(it, static_cast<long>(random() % rows.size()));
        if (it->second.table == sn.requested_table) {
          ++sn.now_seconds;
          sn.DeleteLocked(rows, std::string(it->first));
          ++deletes;
        }
      }
      if (chance(random) < 0.15) {  // a new row
        FakeRow row;
        row.table = sn.requested_table;
        row.sys_id = SysId(next);
        row.short_description = absl::StrCat("new row ", next);
        row.updated = newest;
        rows[row.sys_id] = row;
        ++next;
      }
    };
    testing_sync::SeededSyncOptions options;
    options.seed = seed;
    options.fault_share = 0.35;
    options.page_size = 40;
    options.freeze_source = [&] { frozen = true; };
    const SourceConfig config{"snow", "servicenow",
                              {{"url", sn.url()}, {"token_file", token.string()}, {"tables", "incident,problem"},
                               {"overlap", seed % 2 ? "0" : "300"}, {"max_retries", "3"},
                               {"audit_deletes", seed % 4 == 1 ? "false" : "true"},
                               {"reconcile_every", seed % 4 == 0 ? "0" : "1"}}};
    const testing_sync::SeededSyncResult result =
        testing_sync::RunSeededSync(servicenow::ServiceNowConnectorFactory(), config, options);
    EXPECT_TRUE(result.completed) << result.Describe(seed);
    EXPECT_TRUE(result.differences.empty()) << result.Describe(seed);
    EXPECT_GE(result.records + deletes, 150) << result.Describe(seed);
    total_deletes += deletes;
    for (const std::string& failure : result.failures) EXPECT_FALSE(failure.empty());
    for (const auto& [name, count] : result.injected) faults += count;
    failed_runs += static_cast<int64_t>(result.failures.size());
  }
  EXPECT_GT(faults, 0);
  EXPECT_GT(failed_runs, 0);
  EXPECT_GT(total_deletes, 0);
  std::filesystem::remove(token);
}

// The native ids of the live (not deleted) records of `source` in `store`.
std::set<std::string> LiveIds(Store& store, const std::string& source) {
  std::set<std::string> ids;
  std::string after;
  while (true) {
    auto page = store.ListNativeIds(source, after, 100);
    EXPECT_TRUE(page.ok()) << page.status();
    if (!page.ok() || page->empty()) return ids;
    ids.insert(page->begin(), page->end());
    after = page->back();
  }
}

// A sync after rows were deleted in ServiceNow marks exactly those deleted: first the two
// sys_audit_delete recorded (reconcile_every: 0, so the audit alone), then the one it did not
// record, by the id listing; the store's live records are then ServiceNow's rows.
TEST(ServiceNowDeletesTest, ASyncAfterDeletesMarksExactlyTheRowsServiceNowNoLongerHolds) {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / absl::StrCat("servicenow-deletes-", ::getpid());
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "token") << kToken << "\n";
  FakeServiceNow sn("unused", "unused", kToken);
  for (int64_t n = 1; n <= 25; ++n) {
    FakeRow row;
    row.table = n <= 20 ? "incident" : "problem";
    row.sys_id = SysId(n);
    row.number = absl::StrCat("INC", n);
    row.short_description = absl::StrCat("row ", n);
    row.updated = kStart + n;
    sn.Put(row);
  }
  auto rules = RuleSet::Load(CROSSWALK_SOURCE_MAPPINGS_DIR);
  ASSERT_TRUE(rules.ok()) << rules.status();
  Normalizer normalizer(rules->get(), [](const std::string&, const std::string&, bool, std::string*) {
    return std::optional<std::string>();
  });
  ConnectorRegistry registry;
  registry.Register(servicenow::ServiceNowConnectorFactory());
  ManualClock clock(kStart + 1000);
  ConnectorDeps deps;
  deps.clock = &clock;
  deps.http = NewHttplibClient;
  auto store = OpenSqliteStore((dir / "store.db").string());
  ASSERT_TRUE(store.ok()) << store.status();
  SyncEngine engine(store->get(), &registry, &normalizer, deps, 10);
  SourceDefinition audit_only;
  audit_only.config = {"snow", "servicenow",
                       {{"url", sn.url()}, {"token_file", (dir / "token").string()}, {"tables", "incident,problem"},
                        {"page_size", "7"}, {"reconcile_every", "0"}}};
  auto first = engine.Run(audit_only, nullptr);
  ASSERT_TRUE(first.ok()) << first.status();
  ASSERT_EQ(first->outcome, "ok") << first->message;
  EXPECT_EQ(first->totals.created, 25);

  sn.now_seconds = kStart + 1100;
  ASSERT_TRUE(sn.Delete(SysId(3)));
  ASSERT_TRUE(sn.Delete(SysId(22)));
  sn.audit_deletes = false;  // a delete sys_audit_delete did not record (a table not audited)
  ASSERT_TRUE(sn.Delete(SysId(9)));
  clock.SetNowSeconds(kStart + 2000);
  auto second = engine.Run(audit_only, nullptr);
  ASSERT_TRUE(second.ok()) << second.status();
  ASSERT_NE(second->outcome, "failed") << second->message;
  EXPECT_EQ(second->totals.deleted, 2);
  std::set<std::string> expected;
  for (int64_t n = 1; n <= 25; ++n) {
    if (n != 3 && n != 22) expected.insert(SysId(n));
  }
  EXPECT_EQ(LiveIds(**store, "snow"), expected);
  auto gone = (*store)->GetRecord("snow", SysId(22));
  ASSERT_TRUE(gone.ok()) << gone.status();
  EXPECT_NE(gone->deleted_at, 0);

  SourceDefinition reconciling = audit_only;
  reconciling.config.options["reconcile_every"] = "1";
  auto third = engine.Run(reconciling, nullptr);
  ASSERT_TRUE(third.ok()) << third.status();
  ASSERT_NE(third->outcome, "failed") << third->message;
  EXPECT_EQ(third->totals.deleted, 1);
  expected.erase(SysId(9));
  EXPECT_EQ(LiveIds(**store, "snow"), expected);
  std::set<std::string> source;
  for (const FakeRow& row : sn.Rows()) source.insert(row.sys_id);
  EXPECT_EQ(LiveIds(**store, "snow"), source);
  auto counts = (*store)->Counts("snow");
  ASSERT_TRUE(counts.ok()) << counts.status();
  EXPECT_EQ(counts->records, 22);
  EXPECT_EQ(counts->deleted, 3);
  store->reset();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace crosswalk
