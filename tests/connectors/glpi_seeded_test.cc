// The glpi connector under randomised fault runs (issue 12 Deliver 5), as jira_seeded_test: for
// each seed, a fake GLPI in a server zone far from UTC (every other seed with an App-Token, every
// third with sessions that expire after a few requests) whose tickets and computers change while
// the connector pages (edits that move an item to the end, new items, items trashed or purged),
// a transport injecting a seeded fault schedule, sync runs repeated until one completes, and the
// store then equal to a clean read of GLPI: no item missing or stale, and none trashed or purged
// still there (the id reconciliation after each successful run). CROSSWALK_SEEDED_RUNS=N runs seeds 1..N.
#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "connectors/glpi/glpi_connector.h"
#include "gtest/gtest.h"
#include "tests/connectors/fake_glpi.h"
#include "tests/connectors/seeded_sync.h"

namespace crosswalk {
namespace {

using testing_glpi::FakeGlpi;
using testing_glpi::FakeItem;
using testing_glpi::Items;

constexpr char kUserToken[] = "seeded-user-token";
constexpr char kAppToken[] = "seeded-app-token";
constexpr int64_t kStart = 1'750'000'000'000;  // ms

FakeItem Item(const std::string& itemtype, int64_t id, int64_t date_mod_ms, int type) {
  FakeItem item;
  item.itemtype = itemtype;
  item.id = id;
  item.name = absl::StrCat(itemtype, " ", id);
  item.type = type;
  item.date_ms = kStart;
  item.date_mod_ms = date_mod_ms;
  return item;
}

std::vector<uint64_t> Seeds() {
  int count = 12;
  if (const char* env = std::getenv("CROSSWALK_SEEDED_RUNS")) {
    int parsed = 0;
    if (absl::SimpleAtoi(env, &parsed) && parsed > 0) count = parsed;
  }
  std::vector<uint64_t> seeds;
  for (int i = 1; i <= count; ++i) seeds.push_back(static_cast<uint64_t>(i));
  return seeds;
}

TEST(GlpiSeededTest, EverySeededFaultScheduleEndsWithTheStoreEqualToGlpi) {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / absl::StrCat("glpi-seeded-", ::getpid());
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "user-token") << kUserToken << "\n";
  std::ofstream(dir / "app-token") << kAppToken << "\n";
  const char* zones[] = {"Pacific/Kiritimati", "Etc/GMT+12", "Europe/Paris", "America/Los_Angeles"};
  int64_t faults = 0, failed_runs = 0, deletes = 0;
  for (uint64_t seed : Seeds()) {
    SCOPED_TRACE(absl::StrCat("seed ", seed));
    const std::string zone = zones[seed % 4];
    const bool app_token = seed % 2 == 0;
    FakeGlpi glpi(absl::StrCat("user_token ", kUserToken), zone, app_token ? kAppToken : "");
    if (seed % 3 == 0) glpi.session_requests = 4;
    std::mt19937_64 random(seed);
    // 120 tickets and 40 computers over 8 minutes at second precision: pages end inside a second.
    for (int64_t id = 1; id <= 120; ++id) {
      glpi.Put(Item("Ticket", id, kStart + static_cast<int64_t>(random() % 480) * 1000, 1 + static_cast<int>(id % 2)));
    }
    for (int64_t id = 1; id <= 40; ++id) {
      glpi.Put(Item("Computer", id, kStart + static_cast<int64_t>(random() % 480) * 1000, 0));
    }
    std::atomic<bool> frozen{false};
    int64_t next_id = 121;
    int deleted = 0;
    glpi.on_request = [&](int, Items& items) {
      // The id listing (only_id=true) is left alone: an item gone after a run's listing read it is
      // the next reconciliation's, which a comparison right after this run cannot tell apart from
      // a miss.
      if (frozen || glpi.requested_ids_only) return;
      std::uniform_real_distribution<double> chance(0, 1);
      int64_t newest = 0;
      for (const auto& [key, item] : items) newest = std::max(newest, item.date_mod_ms);
      // Items of the itemtype being read change: an itemtype read to its end before another
      // change is the next run's to pick up, which a comparison right after this run cannot tell
      // apart from a loss.
      const std::string itemtype = glpi.requested_itemtype;
      if (chance(random) < 0.4 && !items.empty()) {  // an edit: the item moves to the end of date_mod order
        auto it = items.begin();
        std::advance(it, static_cast<long>(random() % items.size()));
        if (it->first.first != itemtype) return;
        it->second.date_mod_ms = newest + static_cast<int64_t>(random() % 90) * 1000;
        it->second.status = 1 + static_cast<int>(random() % 6);
        it->second.name = absl::StrCat(it->second.itemtype, " ", it->first.second, " edited ", random() % 1000);
      }
      if (chance(random) < 0.15) {
        items[{itemtype, next_id}] = Item(itemtype, next_id, newest, 1);
        ++next_id;
      }
      // An item of any itemtype trashed or purged, while paging or between runs; at most 10 (of
      // 160 or more: under the default max_delete_share of 10%).
      if (deleted < 10 && chance(random) < 0.1) {
        auto it = items.begin();
        std::advance(it, static_cast<long>(random() % items.size()));
        if (it->second.is_deleted) return;
        if (random() % 2 == 0) {
          it->second.is_deleted = true;
        } else {
          items.erase(it);
        }
        ++deleted;
      }
    };
    testing_sync::SeededSyncOptions options;
    options.seed = seed;
    options.fault_share = 0.3;
    options.page_size = 40;
    options.freeze_source = [&] { frozen = true; };
    // Once a run completed: two items trashed and two purged, after which one more sync must mark
    // exactly those four deleted.
    options.after_completed = [&] {
      frozen = true;
      std::vector<FakeItem> live;
      for (const auto& [key, item] : glpi.Snapshot()) {
        if (!item.is_deleted) live.push_back(item);
      }
      std::shuffle(live.begin(), live.end(), random);
      for (int i = 0; i < 2; ++i) glpi.Trash(live[i].itemtype, live[i].id);
      for (int i = 2; i < 4; ++i) glpi.Remove(live[i].itemtype, live[i].id);
    };
    SourceConfig config{"glpi-desk", "glpi",
                        {{"url", glpi.url()}, {"token_file", (dir / "user-token").string()},
                         {"itemtypes", "Ticket,Computer"}, {"timezone", zone}, {"page_size", "25"},
                         {"overlap", seed % 2 ? "0" : "300"}, {"max_retries", "3"}}};
    if (app_token) config.options["app_token_file"] = (dir / "app-token").string();
    const testing_sync::SeededSyncResult result =
        testing_sync::RunSeededSync(glpi::GlpiConnectorFactory(), config, options);
    EXPECT_TRUE(result.completed) << result.Describe(seed);
    EXPECT_TRUE(result.differences.empty()) << result.Describe(seed);
    EXPECT_EQ(result.deleted_after, 4) << result.Describe(seed);
    EXPECT_GE(result.records, 150) << result.Describe(seed);
    for (const std::string& failure : result.failures) EXPECT_FALSE(failure.empty());
    for (const auto& [name, count] : result.injected) faults += count;
    failed_runs += static_cast<int64_t>(result.failures.size());
    deletes += deleted;
  }
  EXPECT_GT(faults, 0);
  EXPECT_GT(failed_runs, 0);
  EXPECT_GT(deletes, 0);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace crosswalk
