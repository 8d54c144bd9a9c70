// The sync engine in process, with a fake connector: cancellation (crosswalkd's SIGTERM) ends a
// run between pages, and a fault or crash at any store call or SQL statement of a run, followed by
// a resume, ends in exactly what an uninterrupted run stores (DESIGN.md §7; leveldb's
// fault-injection tests as the model).
#include "gateway/sync/sync_engine.h"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "gateway/normalize/rule_set.h"
#include "gateway/store/forwarding_store.h"
#include "gateway/store/sqlite_store.h"
#include "tests/sync/fake_connector.h"
#include "tests/sync/fault_injecting_store.h"

namespace crosswalk {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using testing_sync::FakeSource;
using testing_sync::Fault;
using testing_sync::FaultInjectingStore;
using testing_sync::FaultPlan;

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

  std::unique_ptr<Store> OpenStore(const std::string& name, SqliteStoreOptions options = {}) {
    auto store = OpenSqliteStore((dir_ / name).string(), std::move(options));
    EXPECT_TRUE(store.ok()) << store.status();
    return store.ok() ? std::move(*store) : nullptr;
  }
  std::unique_ptr<SyncEngine> Engine(Store* store) {
    ConnectorDeps deps;
    deps.clock = &clock_;
    return std::make_unique<SyncEngine>(store, &registry_, &normalizer_, deps, page_size_);
  }
  // What a store holds after a run: every record's content hash and version, the cursor, and
  // whether a run is left pending.
  struct State {
    std::map<std::string, std::pair<std::string, int>> records;
    std::string cursor;
    bool pending = false;
    bool operator==(const State& other) const {
      return records == other.records && cursor == other.cursor && pending == other.pending;
    }
  };
  State StateOf(Store& store) {
    State state{Contents(store)};
    state.cursor = store.GetCursor(definition_.config.name).value_or("?");
    state.pending = store.RunPending(definition_.config.name).value_or(true);
    return state;
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
  int page_size_ = kPage;
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

// A store shared with another gateway that holds the source's lease for its first `busy_polls`
// asks, and whose lease is lost after `alive_checks` checks (-1: never).
class LeasedStore : public ForwardingStore {
 public:
  LeasedStore(std::unique_ptr<Store> target, int busy_polls, int alive_checks)
      : ForwardingStore(std::move(target)), busy_polls_(busy_polls), alive_checks_(alive_checks) {}
  absl::StatusOr<std::unique_ptr<SourceLease>> TryLeaseSource(const std::string&) override {
    ++polls;
    if (polls <= busy_polls_) return nullptr;
    return std::make_unique<Lease>(this);
  }
  int polls = 0;

 private:
  struct Lease : SourceLease {
    explicit Lease(LeasedStore* store) : store(store) {}
    absl::Status Check() override {
      if (store->alive_checks_ >= 0 && store->checks_++ >= store->alive_checks_) {
        return absl::UnavailableError("the lease on syncing fake-source was lost");
      }
      return absl::OkStatus();
    }
    LeasedStore* store;
  };
  const int busy_polls_;
  const int alive_checks_;
  int checks_ = 0;
};

// Another gateway syncs the source: the run waits (polling each second on the injected clock),
// says so, then reads from the cursor that gateway left.
TEST_F(SyncEngineTest, ARunWaitsForTheLeaseAnotherGatewayHolds) {
  source_.records = 30;
  LeasedStore store(OpenStore("waits.db"), /*busy_polls=*/3, /*alive_checks=*/-1);
  std::vector<std::string> phases;
  auto run = Engine(&store)->Run(definition_, [&](const SyncProgress& p) {
    phases.push_back(p.phase);
    if (p.phase == "waiting") EXPECT_THAT(p.message, HasSubstr("another gateway sharing the store syncs fake-source"));
  });
  ASSERT_TRUE(run.ok()) << run.status();
  EXPECT_EQ(run->outcome, "ok") << run->message;
  EXPECT_EQ(store.polls, 4);
  EXPECT_EQ(std::count(phases.begin(), phases.end(), "waiting"), 1);
  EXPECT_EQ(run->waited_for, "waited for a sync of fake-source by another gateway sharing the store");
  EXPECT_EQ(clock_.slept_nanos(), 3'000'000'000);
  EXPECT_EQ(run->totals.created, 30);
}

// The lease is lost mid-run (the gateway's session to the shared database ended): the run stops
// before its next commit, fails UNAVAILABLE-like, and the next run completes from the cursor.
TEST_F(SyncEngineTest, ARunWhoseLeaseIsLostStopsBeforeItsNextCommit) {
  source_.records = 5 * kPage;
  auto clean_store = OpenStore("clean.db");
  ASSERT_EQ(Engine(clean_store.get())->Run(definition_, nullptr)->outcome, "ok");
  LeasedStore store(OpenStore("lost.db"), 0, /*alive_checks=*/2);
  auto lost = Engine(&store)->Run(definition_, nullptr);
  ASSERT_TRUE(lost.ok()) << lost.status();
  EXPECT_EQ(lost->outcome, "failed");
  EXPECT_THAT(lost->message, HasSubstr("the lease on syncing fake-source was lost"));
  EXPECT_EQ(Contents(store).size(), 2u * kPage) << "two pages committed under the lease, none after";
  LeasedStore again(OpenStore("lost.db"), 0, -1);
  auto resumed = Engine(&again)->Run(definition_, nullptr);
  ASSERT_TRUE(resumed.ok());
  EXPECT_EQ(resumed->outcome, "ok") << resumed->message;
  EXPECT_EQ(Contents(again), Contents(*clean_store));
}

// A source that holds no record ends the run with a warning, not a quiet success; an unchanged
// source re-read does not.
TEST_F(SyncEngineTest, ZeroRecordsIsAWarningNotASilentSuccess) {
  auto store = OpenStore("empty.db");
  source_.records = 0;
  std::vector<std::string> phases;
  auto empty = Engine(store.get())->Run(definition_, [&](const SyncProgress& p) { phases.push_back(p.phase); });
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty->outcome, "warning");
  EXPECT_THAT(empty->message, HasSubstr("no records read"));
  ASSERT_FALSE(phases.empty());
  EXPECT_EQ(phases.back(), "warning");

  source_.records = 5;
  ASSERT_EQ(Engine(store.get())->Run(definition_, nullptr)->outcome, "ok");
  auto unchanged = Engine(store.get())->Run(definition_, nullptr);  // read past its cursor
  ASSERT_TRUE(unchanged.ok());
  EXPECT_EQ(unchanged->outcome, "ok") << unchanged->message;

  // Every row bad and skipped: nothing stored.
  source_.records = 2;
  source_.all_bad = true;
  definition_.on_error = "skip";
  auto skipped = Engine(store.get())->Run(definition_, nullptr);
  ASSERT_TRUE(skipped.ok());
  EXPECT_EQ(skipped->outcome, "warning");
  EXPECT_THAT(skipped->message, HasSubstr("no records stored: 2 bad rows skipped"));
}

// A connector that takes a short page for the last (it says done after 23 of the 40 records its
// source reports) fails the run loudly, under either on_error, and sets the cursor back to where
// the run started, so the next run, reading rightly, completes it.
TEST_F(SyncEngineTest, FewerRecordsThanTheSourcesTotalFailTheRunAndTheNextCompletesIt) {
  for (const char* on_error : {"reject", "skip"}) {
    SCOPED_TRACE(on_error);
    auto store = OpenStore(absl::StrCat("short-", on_error, ".db"));
    definition_.on_error = on_error;
    source_.records = 40;
    source_.reported_total = 40;
    source_.ends_at = 23;
    const std::string before = store->GetCursor(definition_.config.name).value_or("?");
    auto short_run = Engine(store.get())->Run(definition_, nullptr);
    ASSERT_TRUE(short_run.ok()) << short_run.status();
    EXPECT_EQ(short_run->outcome, "failed");
    EXPECT_THAT(short_run->message, HasSubstr("read 23 of the 40 records the source reported"));
    EXPECT_NE(store->GetCursor(definition_.config.name).value_or("?"), before);  // settings kept …
    EXPECT_THAT(store->GetCursor(definition_.config.name).value_or("?"), Not(HasSubstr(":23")));  // … not the 23 read

    source_.ends_at = -1;
    auto next = Engine(store.get())->Run(definition_, nullptr);
    ASSERT_TRUE(next.ok()) << next.status();
    EXPECT_EQ(next->outcome, "ok") << next->message;
    EXPECT_EQ(Contents(*store).size(), 40u);
    EXPECT_FALSE(store->RunPending(definition_.config.name).value_or(true));
  }
}

// A total the run meets is no failure.
TEST_F(SyncEngineTest, AMetTotalPasses) {
  auto store = OpenStore("met.db");
  source_.records = 25;
  source_.reported_total = 25;
  auto run = Engine(store.get())->Run(definition_, nullptr);
  ASSERT_TRUE(run.ok());
  EXPECT_EQ(run->outcome, "ok") << run->message;
}

// Progress through the stream: pages committed, the run's rate on the monotonic clock, and an ETA
// when the source gives a total (-1 when it does not).
TEST_F(SyncEngineTest, ProgressCountsPagesWithRateAndEta) {
  auto store = OpenStore("progress.db");
  source_.records = 40;
  source_.reported_total = 40;
  source_.clock = &clock_;
  source_.nanos_per_page = 1'000'000'000;  // a second a page
  std::vector<SyncProgress> reports;
  auto run = Engine(store.get())->Run(definition_, [&](const SyncProgress& p) { reports.push_back(p); });
  ASSERT_TRUE(run.ok());
  ASSERT_EQ(reports.size(), 5u);  // four pages of 10, then done
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(reports[i].pages, i + 1);
    EXPECT_EQ(reports[i].records, 10 * (i + 1));
    // The reader runs ahead of the commits: at page i+1 between i+1 and 5 seconds have passed.
    EXPECT_GE(reports[i].rate, 10.0 * (i + 1) / 5 - 1e-9);
    EXPECT_LE(reports[i].rate, 10.0 + 1e-9);
    EXPECT_GE(reports[i].eta_seconds, 0);
    EXPECT_LE(reports[i].eta_seconds, (40 - 10 * (i + 1)) / (10.0 * (i + 1) / 5) + 1);
  }
  EXPECT_EQ(reports[3].eta_seconds, 0);

  source_.reported_total = 0;  // a file: no total, no ETA
  source_.title = "changed";
  reports.clear();
  ASSERT_TRUE(Engine(store.get())->Run(definition_, [&](const SyncProgress& p) { reports.push_back(p); }).ok());
  ASSERT_FALSE(reports.empty());
  EXPECT_EQ(reports.front().eta_seconds, -1);
}

// The second run of a source (the first stored 12 records), as the scenarios change it.
// Deletes found by reconciling the source's ids (Connector::ids) after a run.
TEST_F(SyncEngineTest, RecordsTheSourceNoLongerHoldsAreMarkedDeletedAfterTheRun) {
  source_.records = 30;
  source_.lists_ids = true;
  auto store = OpenStore("store.db");
  auto first = Engine(store.get())->Run(definition_, nullptr);
  ASSERT_TRUE(first.ok() && first->outcome == "ok") << first->message;
  EXPECT_TRUE(first->reconciled);
  EXPECT_EQ(first->totals.deleted, 0);

  source_.gone = {3, 7};
  source_.unlisted = {11};  // the listing skips it (offset paging under a delete): asked by id, kept
  std::vector<std::string> phases;
  auto second = Engine(store.get())->Run(definition_, [&](const SyncProgress& p) {
    phases.push_back(p.phase);
    if (p.phase == "done") {
      EXPECT_EQ(p.totals.deleted, 2);
    }
  });
  ASSERT_TRUE(second.ok() && second->outcome == "ok") << second->message;
  EXPECT_EQ(second->totals.deleted, 2);
  EXPECT_THAT(phases, ::testing::Contains("reconciling"));
  const auto contents = Contents(*store);
  EXPECT_EQ(contents.size(), 28u);
  EXPECT_FALSE(contents.count("r3"));
  EXPECT_FALSE(contents.count("r7"));
  EXPECT_TRUE(contents.count("r11"));
  EXPECT_GT(store->GetRecord("fake-source", "r3")->deleted_at, 0);
  EXPECT_EQ(store->LastRuns()->at(0).totals.deleted, 2);

  // The source has r3 again: it comes back.
  source_.gone = {7};
  source_.title = "title";  // unchanged content, read from the start as a changed source would be
  auto third = Engine(store.get())->Run(definition_, nullptr, /*full=*/true);
  ASSERT_TRUE(third.ok() && third->outcome == "ok") << third->message;
  EXPECT_TRUE(Contents(*store).count("r3"));
  EXPECT_EQ(store->GetRecord("fake-source", "r3")->deleted_at, 0);
}

TEST_F(SyncEngineTest, MoreDeletesThanTheGuardAllowsAreRefusedWhole) {
  source_.records = 100;
  source_.lists_ids = true;
  source_.policy.max_delete_percent = 10;
  auto store = OpenStore("store.db");
  ASSERT_EQ(Engine(store.get())->Run(definition_, nullptr)->outcome, "ok");
  for (int i = 0; i < 11; ++i) source_.gone.insert(i * 9);  // 11 of 100: more than 10%
  auto refused = Engine(store.get())->Run(definition_, nullptr);
  ASSERT_TRUE(refused.ok());
  EXPECT_EQ(refused->outcome, "failed");
  EXPECT_THAT(refused->message, HasSubstr("no longer holds 11 of the 100 stored records"));
  EXPECT_THAT(refused->message, HasSubstr("max_delete_share"));
  EXPECT_THAT(refused->message, HasSubstr("nothing deleted"));
  EXPECT_EQ(Contents(*store).size(), 100u);
  EXPECT_EQ(store->Counts("fake-source")->deleted, 0);

  source_.gone.erase(0);  // 10 of 100: allowed
  auto allowed = Engine(store.get())->Run(definition_, nullptr);
  ASSERT_EQ(allowed->outcome, "ok") << allowed->message;
  EXPECT_EQ(allowed->totals.deleted, 10);
  EXPECT_EQ(Contents(*store).size(), 90u);

  // A small source may always lose a few records (the guard's floor), but never its last ones.
  source_ = FakeSource{.records = 6, .title = "small", .lists_ids = true};
  definition_.config.name = "small";
  ASSERT_EQ(Engine(store.get())->Run(definition_, nullptr)->outcome, "ok");
  source_.gone = {0, 1, 2, 3, 4};
  EXPECT_EQ(Engine(store.get())->Run(definition_, nullptr)->totals.deleted, 5);  // 83%, but only 5
  source_.gone = {0, 1, 2, 3, 4, 5};  // a listing with no id at all is refused whatever the share
  auto empty = Engine(store.get())->Run(definition_, nullptr);
  EXPECT_EQ(empty->outcome, "failed");
  EXPECT_THAT(empty->message, HasSubstr("lists no record at all"));
  EXPECT_EQ(store->Counts("small")->records, 1);
}

TEST_F(SyncEngineTest, AFailedListingDeletesNothingAndTheNextRunReconciles) {
  source_.records = 20;
  source_.lists_ids = true;
  auto store = OpenStore("store.db");
  ASSERT_EQ(Engine(store.get())->Run(definition_, nullptr)->outcome, "ok");
  source_.gone = {4};
  source_.listing_fails = true;
  auto failed = Engine(store.get())->Run(definition_, nullptr);
  EXPECT_EQ(failed->outcome, "failed");
  EXPECT_THAT(failed->message, HasSubstr("listing the source's ids to find deletes failed, nothing deleted"));
  EXPECT_FALSE(failed->reconciled);
  EXPECT_EQ(Contents(*store).size(), 20u);
  source_.listing_fails = false;
  auto next = Engine(store.get())->Run(definition_, nullptr);
  EXPECT_EQ(next->outcome, "ok") << next->message;
  EXPECT_EQ(next->totals.deleted, 1);
}

TEST_F(SyncEngineTest, ReconcileEveryNRunsListsIdsOnlyOnThoseRuns) {
  source_.records = 10;
  source_.lists_ids = true;
  source_.policy.every_runs = 3;
  auto store = OpenStore("store.db");
  std::vector<int64_t> deleted;
  source_.gone = {1};
  for (int run = 1; run <= 6; ++run) {
    auto result = Engine(store.get())->Run(definition_, nullptr);
    ASSERT_EQ(result->outcome, "ok") << result->message;
    deleted.push_back(result->totals.deleted);
    if (run == 4) source_.gone.insert(2);
  }
  EXPECT_EQ(source_.listings, 2);  // runs 3 and 6
  EXPECT_THAT(deleted, ::testing::ElementsAre(0, 0, 0, 0, 0, 1));
  // r1 was never stored (the source never had it on a read); r2 was, and is deleted.
  EXPECT_FALSE(Contents(*store).count("r2"));

  source_.policy.every_runs = 0;  // never
  source_.gone.insert(3);
  EXPECT_EQ(Engine(store.get())->Run(definition_, nullptr)->totals.deleted, 0);
  EXPECT_EQ(source_.listings, 2);
}

TEST_F(SyncEngineTest, DeletesAPageReportsAreAppliedWithItsCursor) {
  source_.records = 12;
  source_.lists_ids = false;  // no listing: only what the source reports
  auto store = OpenStore("store.db");
  ASSERT_EQ(Engine(store.get())->Run(definition_, nullptr)->outcome, "ok");
  source_.title = "again";
  source_.gone = {5, 6};
  source_.reported = {5, 6};
  auto run = Engine(store.get())->Run(definition_, nullptr);
  ASSERT_EQ(run->outcome, "ok") << run->message;
  EXPECT_EQ(run->totals.deleted, 2);
  EXPECT_EQ(Contents(*store).size(), 10u);
}

struct Scenario {
  const char* name;
  int records;      // the source now
  int bad_record;   // -1: none
  const char* on_error;
  const char* outcome;  // of the run without faults
  std::set<int> gone = {};      // records the source no longer holds (found by reconciliation)
  std::set<int> reported = {};  // of those, the ones the source reports deleted on its page
  bool lists_ids = true;        // the connector reconciles ids after the run
};
const Scenario kScenarios[] = {
    {"12 records changed and 3 new", 15, -1, "reject", "ok"},
    {"a bad row at the end rejects the run whole", 15, 13, "reject", "failed"},
    {"a bad row skipped", 15, 13, "skip", "ok"},
    {"2 deleted found by reconciliation, 1 reported by the source", 15, -1, "reject", "ok", {2, 5, 9}, {9}},
    {"deletes and a bad row: nothing of the run kept", 15, 13, "reject", "failed", {2, 9}, {9}},
    {"deletes the source reports, no reconciliation", 15, -1, "reject", "ok", {1, 6, 10}, {1, 6, 10}, false},
};

class CrashSafetyTest : public SyncEngineTest {
 protected:
  // The store after the first run: 12 records, version 1, closed (so the file is complete).
  void SetUp() override {
    SyncEngineTest::SetUp();
    page_size_ = 4;
    source_.records = 12;
    source_.lists_ids = true;
    source_.policy.max_delete_percent = 50;
    auto store = OpenStore("template.db");
    auto first = Engine(store.get())->Run(definition_, nullptr);
    ASSERT_TRUE(first.ok() && first->outcome == "ok");
  }
  // A fresh copy of the template named `name`.
  void CopyTemplate(const std::string& name) {
    std::filesystem::copy_file(dir_ / "template.db", dir_ / name, std::filesystem::copy_options::overwrite_existing);
    for (const char* suffix : {"-wal", "-shm"}) std::filesystem::remove(dir_ / (name + suffix));
  }
  void Apply(const Scenario& scenario) {
    source_.records = scenario.records;
    source_.bad_record = scenario.bad_record;
    source_.title = "changed";
    source_.gone = scenario.gone;
    source_.reported = scenario.reported;
    source_.lists_ids = scenario.lists_ids;
    definition_.on_error = scenario.on_error;
  }
  // The state an uninterrupted second run leaves.
  State Reference(const Scenario& scenario) {
    Apply(scenario);
    CopyTemplate("reference.db");
    auto store = OpenStore("reference.db");
    EXPECT_TRUE(Engine(store.get())->Run(definition_, nullptr).ok());
    return StateOf(*store);
  }

  // Runs the second run with a fault at point `at` of `fault` — a store call that writes when
  // `statements` is false, an SQL statement when true — then resumes as crosswalkd would: after a
  // crash from a reopened store, after a failure with another run in the same process. Returns
  // the state after the resume and how many fault points the faulted run passed.
  std::pair<State, int> RunWithFault(const Scenario& scenario, Fault fault, int at, bool statements) {
    Apply(scenario);
    CopyTemplate("faulted.db");
    FaultPlan plan(fault, at);
    SqliteStoreOptions options;
    bool armed = false;  // faults count from the run on, not while the store opens
    if (statements) {
      options.before_statement = [&plan, &armed](absl::string_view) { return armed ? plan.BeforeEvent() : absl::OkStatus(); };
    }
    std::unique_ptr<Store> store = OpenStore("faulted.db", std::move(options));
    if (store == nullptr) return {};
    if (!statements) store = std::make_unique<FaultInjectingStore>(std::move(store), &plan);
    armed = true;
    auto faulted = Engine(store.get())->Run(definition_, nullptr);
    if (at == 0) {
      EXPECT_TRUE(faulted.ok() && faulted->outcome == scenario.outcome)
          << scenario.name << ": " << faulted.status() << (faulted.ok() ? faulted->message : "");
    }
    const int points = plan.count();
    if (plan.dead()) store = OpenStore("faulted.db");  // the crash: reopened from the file alone
    auto resumed = Engine(store.get())->Run(definition_, nullptr);
    EXPECT_TRUE(resumed.ok()) << resumed.status();
    return {StateOf(*store), points};
  }

  void CheckEveryFaultPoint(bool statements) {
    for (const Scenario& scenario : kScenarios) {
      const State reference = Reference(scenario);
      ASSERT_FALSE(reference.pending) << scenario.name;
      const int points = RunWithFault(scenario, Fault::kFail, 0, statements).second;  // counts them
      ASSERT_GT(points, statements ? 60 : 4) << scenario.name;
      for (Fault fault : {Fault::kFail, Fault::kCrash, Fault::kCrashAfter}) {
        if (statements && fault == Fault::kCrashAfter) continue;  // is kCrash at the next statement
        for (int at = 1; at <= points; ++at) {
          SCOPED_TRACE(absl::StrCat(scenario.name, ", fault ", static_cast<int>(fault), " at point ", at, " of ", points));
          const State state = RunWithFault(scenario, fault, at, statements).first;
          EXPECT_EQ(state.records, reference.records);
          EXPECT_EQ(state.cursor, reference.cursor);
          EXPECT_FALSE(state.pending);
          if (HasFailure()) return;
        }
      }
    }
  }
};

TEST_F(CrashSafetyTest, AFaultAtAnyStoreCallThenAResumeEqualsAnUninterruptedRun) { CheckEveryFaultPoint(false); }

TEST_F(CrashSafetyTest, AFaultAtAnyStatementThenAResumeEqualsAnUninterruptedRun) { CheckEveryFaultPoint(true); }

}  // namespace
}  // namespace crosswalk
