// The jira connector under randomised fault runs (issue 12 Deliver 5), as rt_seeded_test: for
// each seed, a fake Jira in an account zone far from UTC (every third seed a Data Center site)
// whose issues change while the connector pages (updates in the newest minute and after it, new
// issues, deleted issues), a transport injecting a seeded fault schedule, sync runs repeated until
// one completes, and the store then equal to a clean read of Jira: no issue missing or stale, and
// none Jira deleted still there (the id reconciliation after each successful run). CROSSWALK_SEEDED_RUNS=N runs seeds 1..N.
#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "connectors/jira/jira_connector.h"
#include "gtest/gtest.h"
#include "tests/connectors/fake_jira.h"
#include "tests/connectors/seeded_sync.h"

namespace crosswalk {
namespace {

using testing_jira::FakeIssue;
using testing_jira::FakeJira;

constexpr char kEmail[] = "seeded@example.com";
constexpr char kApiToken[] = "ATATT-seeded-api-token";
constexpr int64_t kStart = 1'750'000'000'000;  // ms

FakeIssue Issue(int64_t id, int64_t created_ms, int64_t updated_ms) {
  FakeIssue issue;
  issue.id = id;
  issue.summary = absl::StrCat("issue ", id);
  issue.created_ms = created_ms;
  issue.updated_ms = updated_ms;
  return issue;
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

TEST(JiraSeededTest, EverySeededFaultScheduleEndsWithTheStoreEqualToJira) {
  const std::filesystem::path secret =
      std::filesystem::temp_directory_path() / absl::StrCat("jira-seeded-", ::getpid(), ".token");
  std::ofstream(secret) << kApiToken << "\n";
  const std::string basic = "Basic " + absl::Base64Escape(absl::StrCat(kEmail, ":", kApiToken));
  const char* zones[] = {"Pacific/Kiritimati", "Etc/GMT+12", "Asia/Tokyo", "America/Los_Angeles"};
  int64_t faults = 0, failed_runs = 0, deletes = 0;
  for (uint64_t seed : Seeds()) {
    SCOPED_TRACE(absl::StrCat("seed ", seed));
    // Every third seed is a Data Center site (startAt/total, a personal access token).
    const bool datacenter = seed % 3 == 0;
    FakeJira jira(datacenter ? absl::StrCat("Bearer ", kApiToken) : basic, zones[seed % 4], !datacenter);
    std::mt19937_64 random(seed);
    // 150 issues over 8 minutes, at second precision: many share a minute, pages end inside one.
    for (int64_t id = 1; id <= 150; ++id) {
      jira.Put(Issue(id, kStart, kStart + static_cast<int64_t>(random() % 480) * 1000));
    }
    std::atomic<bool> frozen{false};
    int64_t next_id = 151;
    int deleted = 0;
    jira.on_request = [&](int, std::map<int64_t, FakeIssue>& issues) {
      // The id listing (fields=id) is left alone: an issue deleted after a run's listing read it
      // is the next reconciliation's, which a comparison right after this run cannot tell apart
      // from a miss.
      if (frozen || jira.requested_fields == "id") return;
      std::uniform_real_distribution<double> chance(0, 1);
      int64_t newest = 0;
      for (const auto& [id, issue] : issues) newest = std::max(newest, issue.updated_ms);
      if (chance(random) < 0.4) {  // an issue updated while paging: in the newest minute or after
        auto it = issues.begin();
        std::advance(it, static_cast<long>(random() % issues.size()));
        it->second.updated_ms = newest + static_cast<int64_t>(random() % 90) * 1000;
        it->second.summary = absl::StrCat("issue ", it->first, " edited ", random() % 1000);
      }
      if (chance(random) < 0.15) {
        issues[next_id] = Issue(next_id, newest, newest);
        ++next_id;
      }
      // An issue deleted, while paging or between runs; at most 8 (of 150 or more: under the
      // default max_delete_share of 10%).
      if (deleted < 8 && chance(random) < 0.1) {
        auto it = issues.begin();
        std::advance(it, static_cast<long>(random() % issues.size()));
        issues.erase(it);
        ++deleted;
      }
    };
    testing_sync::SeededSyncOptions options;
    options.seed = seed;
    options.fault_share = 0.35;
    options.page_size = 40;
    options.freeze_source = [&] { frozen = true; };
    // Once a run completed: three issues deleted and one moved to another project (out of the
    // jql), after which one more sync must mark exactly those four deleted.
    options.after_completed = [&] {
      frozen = true;
      std::vector<FakeIssue> issues = jira.Issues();
      std::shuffle(issues.begin(), issues.end(), random);
      for (int i = 0; i < 3; ++i) jira.Delete(issues[i].id);
      issues[3].project = "HR";
      jira.Put(issues[3]);
    };
    SourceConfig config{"jira-desk", "jira",
                        {{"url", jira.url()}, {"jql", "project = ITSM"}, {"overlap", seed % 2 ? "0" : "300"},
                         {"max_retries", "3"}}};
    if (datacenter) {
      config.options["flavor"] = "datacenter";
      config.options["token_file"] = secret.string();
    } else {
      config.options["user"] = kEmail;
      config.options["password_file"] = secret.string();
    }
    const testing_sync::SeededSyncResult result =
        testing_sync::RunSeededSync(jira::JiraConnectorFactory(), config, options);
    EXPECT_TRUE(result.completed) << result.Describe(seed);
    EXPECT_TRUE(result.differences.empty()) << result.Describe(seed);
    EXPECT_EQ(result.deleted_after, 4) << result.Describe(seed);
    EXPECT_GE(result.records, 142) << result.Describe(seed);
    for (const std::string& failure : result.failures) EXPECT_FALSE(failure.empty());
    for (const auto& [name, count] : result.injected) faults += count;
    failed_runs += static_cast<int64_t>(result.failures.size());
    deletes += deleted;
  }
  EXPECT_GT(faults, 0);
  EXPECT_GT(failed_runs, 0);
  EXPECT_GT(deletes, 0);
  std::filesystem::remove(secret);
}

}  // namespace
}  // namespace crosswalk
