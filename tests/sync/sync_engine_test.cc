// The sync engine in process, with a fake connector: cancellation (crosswalkd's SIGTERM) ends a
// run between pages, and the next run resumes to exactly what an uninterrupted run stores.
#include "gateway/sync/sync_engine.h"

#include <unistd.h>

#include <filesystem>
#include <map>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "gateway/normalize/rule_set.h"
#include "gateway/store/sqlite_store.h"
#include "tests/sync/fake_connector.h"

namespace crosswalk {
namespace {

using ::testing::HasSubstr;
using testing_sync::FakeSource;

class SyncEngineTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto rules = RuleSet::Load(CROSSWALK_SOURCE_MAPPINGS_DIR);
    ASSERT_TRUE(rules.ok()) << rules.status();
    rules_ = rules->release();
  }
  static void TearDownTestSuite() { delete rules_; }

  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           absl::StrCat("sync-", ::getpid(), "-", ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    registry_.Register(testing_sync::FakeConnectorFactory(&source_));
    definition_.config = {"fake-source", "fake", {}};
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::unique_ptr<Store> OpenStore(const std::string& name) {
    auto store = OpenSqliteStore((dir_ / name).string());
    EXPECT_TRUE(store.ok()) << store.status();
    return store.ok() ? std::move(*store) : nullptr;
  }
  std::unique_ptr<SyncEngine> Engine(Store* store) {
    ConnectorDeps deps;
    deps.clock = &clock_;
    return std::make_unique<SyncEngine>(store, &registry_, &normalizer_, deps, kPage);
  }
  // native id → (content hash, version) of every record.
  static std::map<std::string, std::pair<std::string, int>> Contents(Store& store) {
    std::map<std::string, std::pair<std::string, int>> contents;
    RecordFilter filter;
    filter.page_size = 1000;
    while (true) {
      auto page = store.ListRecords(filter);
      EXPECT_TRUE(page.ok()) << page.status();
      if (!page.ok()) break;
      for (const StoredRecord& r : page->records) {
        contents[r.record.provenance.native_id] = {r.record.provenance.content_hash, r.version};
      }
      if (page->next_page_token.empty()) break;
      filter.page_token = page->next_page_token;
    }
    return contents;
  }

  static constexpr int kPage = 10;
  static const RuleSet* rules_;
  Normalizer normalizer_{rules_, [](const std::string&, const std::string&, bool, std::string*) {
                           return std::optional<std::string>();
                         }};
  testing_sync::FixedClock clock_;
  ConnectorRegistry registry_;
  FakeSource source_;
  SourceDefinition definition_;
  std::filesystem::path dir_;
};
const RuleSet* SyncEngineTest::rules_ = nullptr;

TEST_F(SyncEngineTest, ACancelledRunStopsBetweenPagesAndResumesToTheSameStore) {
  source_.records = 95;
  auto clean_store = OpenStore("clean.db");
  auto clean = Engine(clean_store.get())->Run(definition_, nullptr);
  ASSERT_TRUE(clean.ok());
  ASSERT_EQ(clean->outcome, "ok") << clean->message;

  auto store = OpenStore("cancelled.db");
  auto engine = Engine(store.get());
  // Cancelled once the third page is committed (as SIGTERM does, from another thread).
  auto cancelled = engine->Run(definition_, [&](const SyncProgress& progress) {
    if (progress.records == 3 * kPage) engine->CancelAll();
  });
  ASSERT_TRUE(cancelled.ok()) << cancelled.status();
  EXPECT_EQ(cancelled->outcome, "failed");
  EXPECT_THAT(cancelled->message, HasSubstr("crosswalkd is stopping"));
  const size_t kept = Contents(*store).size();
  EXPECT_EQ(kept, 3u * kPage) << "the run stops before the next page's commit";
  // Once cancelled, the engine starts nothing more.
  EXPECT_EQ(engine->Run(definition_, nullptr).status().code(), absl::StatusCode::kCancelled);

  auto resumed = Engine(store.get())->Run(definition_, nullptr);
  ASSERT_TRUE(resumed.ok());
  ASSERT_EQ(resumed->outcome, "ok") << resumed->message;
  EXPECT_EQ(resumed->totals.created, static_cast<int64_t>(95 - kept));
  EXPECT_EQ(Contents(*store), Contents(*clean_store));
}

}  // namespace
}  // namespace crosswalk
