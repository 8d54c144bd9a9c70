// kill -9 of crosswalkd between the pages of an API source (issue 12 Deliver 5): the real
// crosswalkd syncs a fake RT, is killed while it waits for the third page, restarts and syncs
// again; the store then holds exactly what a clean read of RT gives (same ids, same content
// hashes), nothing lost or twice.
#include <signal.h>

#include <condition_variable>
#include <mutex>
#include <thread>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/connectors/fake_rt.h"
#include "tests/gateway/gateway_fixture.h"

namespace crosswalk {
namespace {

using ::testing::HasSubstr;

TEST_F(GatewayTest, KillNineBetweenApiPagesThenResumeEqualsACleanRead) {
  testing_rt::FakeRt rt("good-token");
  for (int64_t id = 1; id <= 60; ++id) {
    rt.Put({.id = id, .subject = absl::StrCat("ticket ", id), .created = 1'700'000'000,
            .updated = 1'700'000'000 + id / 3});  // three tickets a second: pages end inside seconds
  }
  std::mutex mutex;
  std::condition_variable changed;
  bool waiting = false, released = false;
  rt.on_request = [&](int request, std::map<int64_t, testing_rt::FakeTicket>& tickets) {
    if (request != 3) return;
    tickets[7].subject = "ticket 7 edited before the kill";  // an update the resumed run must see
    tickets[7].updated = 1'700'000'100;
    std::unique_lock<std::mutex> lock(mutex);
    waiting = true;
    changed.notify_all();
    changed.wait(lock, [&] { return released; });
  };
  WriteFile("rt.token", "good-token\n");
  const std::string rt_source = absl::StrCat("type: rt, url: ", rt.url(), ", token_file: rt.token, page_size: 10");
  WriteFile("crosswalkd.yaml", absl::StrCat("listen: 127.0.0.1:0\nstore: ", Path("kill.db"), "\nsync: {batch_size: 10}\n",
                                            "sources:\n  - {name: desk, ", rt_source, "}\n",
                                            "  - {name: desk-clean, ", rt_source, "}\n"));
  Start();
  ProcessResult interrupted;
  std::thread sync([&] { interrupted = Cli({"sync", "desk"}); });
  {
    std::unique_lock<std::mutex> lock(mutex);
    changed.wait(lock, [&] { return waiting; });
  }
  daemon_->Stop(SIGKILL);  // while the reader waits for page 3
  {
    std::lock_guard<std::mutex> lock(mutex);
    released = true;
  }
  changed.notify_all();
  sync.join();
  EXPECT_NE(interrupted.exit_code, 0);

  Start();
  ProcessResult resumed = Cli({"sync", "desk"});
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  ProcessResult clean = Cli({"sync", "desk-clean"});
  ASSERT_EQ(clean.exit_code, 0) << clean.err;
  EXPECT_THAT(clean.err, HasSubstr("desk-clean: done (60 new"));
  const auto stored = KeysAndHashes(Cli({"records", "--source", "desk", "--limit", "1000", "--format", "json"}).out);
  const auto expected = KeysAndHashes(Cli({"records", "--source", "desk-clean", "--limit", "1000", "--format", "json"}).out);
  EXPECT_EQ(stored.size(), 60u);
  EXPECT_EQ(stored, expected);
  EXPECT_THAT(Cli({"records", "--source", "desk", "--limit", "1000", "--format", "json"}).out,
              HasSubstr("ticket 7 edited before the kill"));
}

}  // namespace
}  // namespace crosswalk
