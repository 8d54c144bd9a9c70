// The servicenow connector through the real crosswalkd over loopback: crosswalkd lists the type,
// `sources test` reaches a fake ServiceNow Table API, `sync` stores its incidents and changes
// normalised by the servicenow rules, a second sync picks up exactly what changed, a kill -9
// between pages resumes to what a clean read gives, and rows the
// instance counted but did not return fail the run loudly (the sync engine checks X-Total-Count).
#include <signal.h>

#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/connectors/fake_servicenow.h"
#include "tests/gateway/gateway_fixture.h"

namespace crosswalk {
namespace {

using ::testing::HasSubstr;
using testing_servicenow::FakeRow;
using testing_servicenow::FakeServiceNow;
using testing_servicenow::SysId;

constexpr int64_t kT0 = 1'790'000'000;

class ServiceNowE2eTest : public GatewayTest {
 protected:
  void SetUp() override {
    GatewayTest::SetUp();
    for (int64_t n = 1; n <= 25; ++n) {
      FakeRow row;
      row.table = n <= 20 ? "incident" : "change_request";
      row.sys_id = SysId(n);
      row.number = absl::StrCat(n <= 20 ? "INC" : "CHG", 1000 + n);
      row.short_description = absl::StrCat("row ", n);
      row.state = n <= 20 ? (n % 2 ? "1" : "7") : "-5";
      row.updated = kT0 + n / 4;  // four rows a second: pages end inside seconds
      sn_.Put(row);
    }
    WriteFile("snow.password", "integration-pw-88\n");
    const std::string source = absl::StrCat(
        "type: servicenow, url: ", sn_.url(),
        ", user: crosswalk, password_file: snow.password, tables: 'incident,change_request', page_size: 7, overlap: 0, "
        "max_retries: 0");
    WriteFile("crosswalkd.yaml",
              absl::StrCat("listen: 127.0.0.1:0\nstore: ", Path("snow.db"), "\nsync: {batch_size: 10}\nsources:\n",
                           "  - {name: snow, ", source, "}\n", "  - {name: snow-clean, ", source, "}\n"));
    Start();
  }

  std::string Records() { return Cli({"records", "--source", "snow", "--limit", "1000", "--format", "json"}).out; }

  FakeServiceNow sn_{"crosswalk", "integration-pw-88", "unused-token"};
};

TEST_F(ServiceNowE2eTest, CrosswalkdListsTheType) {
  ProcessResult types = RunProcess({CROSSWALKD_BINARY, "--source-types"});
  EXPECT_EQ(types.exit_code, 0) << types.err;
  EXPECT_THAT(types.out, HasSubstr("servicenow"));
  EXPECT_THAT(types.out, HasSubstr("tables"));
}

TEST_F(ServiceNowE2eTest, SyncStoresNormalisedRowsAndTheNextSyncOnlyWhatChanged) {
  ProcessResult probe = Cli({"sources", "test", "snow", "--format", "csv"});
  EXPECT_EQ(probe.exit_code, 0) << probe.err << probe.out;
  EXPECT_THAT(probe.out, HasSubstr("authenticated,yes\npermitted,yes\n"));

  ProcessResult first = Cli({"sync", "snow"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_THAT(first.err, HasSubstr("snow: done (25 new"));
  EXPECT_EQ(SourceCounts()["snow"].first, 25);
  const std::string stored = Records();
  EXPECT_THAT(stored, HasSubstr("INC1001"));
  EXPECT_THAT(stored, HasSubstr("sn.incident.state.7"));
  EXPECT_THAT(stored, HasSubstr("sn.change.state.-5"));
  EXPECT_THAT(stored, HasSubstr("\"change\""));

  FakeRow changed = sn_.Rows()[2];  // SysId(3)
  changed.short_description = "row 3 edited";
  changed.updated = kT0 + 60;
  sn_.Put(changed);
  FakeRow added;
  added.sys_id = SysId(26);
  added.number = "INC1026";
  added.short_description = "row 26";
  added.updated = kT0 + 61;
  sn_.Put(added);
  ProcessResult second = Cli({"sync", "snow"});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_THAT(second.err, HasSubstr("snow: done (1 new, 1 changed"));
  EXPECT_THAT(Records(), HasSubstr("row 3 edited"));
  EXPECT_EQ(SourceCounts()["snow"].first, 26);
}

// kill -9 of crosswalkd while it waits for the third page, a row changed meanwhile; after a
// restart the next sync leaves the store equal to a clean read (same ids, same content hashes).
TEST_F(ServiceNowE2eTest, KillNineBetweenPagesThenResumeEqualsACleanRead) {
  std::mutex mutex;
  std::condition_variable changed;
  bool waiting = false, released = false;
  sn_.on_request = [&](int request, std::map<std::string, FakeRow>& rows) {
    if (request != 3) return;
    rows[SysId(4)].short_description = "row 4 edited before the kill";
    rows[SysId(4)].updated = kT0 + 100;
    std::unique_lock<std::mutex> lock(mutex);
    waiting = true;
    changed.notify_all();
    changed.wait(lock, [&] { return released; });
  };
  ProcessResult interrupted;
  std::thread sync([&] { interrupted = Cli({"sync", "snow"}); });
  {
    std::unique_lock<std::mutex> lock(mutex);
    changed.wait(lock, [&] { return waiting; });
  }
  daemon_->Stop(SIGKILL);
  {
    std::lock_guard<std::mutex> lock(mutex);
    released = true;
  }
  changed.notify_all();
  sync.join();
  EXPECT_NE(interrupted.exit_code, 0);

  Start();
  ProcessResult resumed = Cli({"sync", "snow"});
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  ProcessResult clean = Cli({"sync", "snow-clean"});
  ASSERT_EQ(clean.exit_code, 0) << clean.err;
  EXPECT_THAT(clean.err, HasSubstr("snow-clean: done (25 new"));
  const auto stored = KeysAndHashes(Records());
  const auto expected = KeysAndHashes(Cli({"records", "--source", "snow-clean", "--limit", "1000", "--format", "json"}).out);
  EXPECT_EQ(stored.size(), 25u);
  EXPECT_EQ(stored, expected);
  EXPECT_THAT(Records(), HasSubstr("row 4 edited before the kill"));
}

TEST_F(ServiceNowE2eTest, RowsCountedButNotReturnedFailTheRun) {
  sn_.hidden_row_at = 2;  // the second page leaves a row out that X-Total-Count counted (an ACL)
  ProcessResult sync = Cli({"sync", "snow"});
  EXPECT_NE(sync.exit_code, 0) << sync.err;
  EXPECT_THAT(sync.err, HasSubstr("snow: failed (24 new, 0 changed, 0 unchanged): read 24 of the 25 records the source reported"));
}

}  // namespace
}  // namespace crosswalk

namespace crosswalk {
namespace {

// Deletes in the instance reach the store through the real crosswalkd: rows sys_audit_delete
// names and rows the id reconciliation no longer finds are marked deleted (out of records and
// counts, counted by `sources show`), and a mass deletion past max_delete_share is refused whole.
TEST_F(ServiceNowE2eTest, DeletesReachTheStoreAndTheGuardStopsAMassDelete) {
  ProcessResult first = Cli({"sync", "snow"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  ASSERT_EQ(SourceCounts()["snow"].first, 25);

  ASSERT_TRUE(sn_.Delete(SysId(3)));   // audited: read from sys_audit_delete
  ASSERT_TRUE(sn_.Delete(SysId(22)));  // a change_request
  sn_.audit_deletes = false;
  ASSERT_TRUE(sn_.Delete(SysId(9)));   // not audited: found by the id reconciliation
  ProcessResult second = Cli({"sync", "snow"});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_THAT(second.err, HasSubstr("3 deleted"));
  EXPECT_EQ(SourceCounts()["snow"].first, 22);
  const std::string records = Records();
  for (int64_t n : {3, 9, 22}) EXPECT_THAT(records, ::testing::Not(HasSubstr(SysId(n)))) << n;
  EXPECT_THAT(records, HasSubstr(SysId(4)));
  ProcessResult show = Cli({"sources", "show", "snow", "--format", "csv"});
  EXPECT_THAT(show.out, HasSubstr("deleted in the source,3\n")) << show.out;

  // Nothing changed since: an incremental run that finds nothing new is done, not a warning.
  ProcessResult quiet = Cli({"sync", "snow"});
  EXPECT_EQ(quiet.exit_code, 0) << quiet.err;
  EXPECT_THAT(quiet.err, HasSubstr("snow: done (0 new, 0 changed, 0 unchanged)"));

  // Ten more of 22 gone at once (45%, past the default 10%): refused, nothing deleted.
  for (int64_t n = 10; n <= 19; ++n) ASSERT_TRUE(sn_.Delete(SysId(n)));
  ProcessResult refused = Cli({"sync", "snow"});
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_THAT(refused.err, HasSubstr("max_delete_share"));
  EXPECT_THAT(refused.err, HasSubstr("nothing deleted"));
  EXPECT_EQ(SourceCounts()["snow"].first, 22);
}

}  // namespace
}  // namespace crosswalk
