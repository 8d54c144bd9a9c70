// `crosswalk sources add` (issue 12 Deliver 4) against the real crosswalkd and a fake RT: a source
// added to the running gateway is checked as the config is, kept across restarts, scheduled,
// tested, synced and removed; an API admin cannot make crosswalkd read a secret from anywhere but
// its secrets_dir or a CROSSWALK_SECRET_* variable, nor name a file on the server.
#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/connectors/fake_rt.h"
#include "tests/gateway/gateway_fixture.h"

namespace crosswalk {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kAdminToken[] = "admin-token-0123456789abcdef";
constexpr char kReadToken[] = "read-token-0123456789abcdef";

class SourceAddTest : public GatewayTest {
 protected:
  void SetUp() override {
    GatewayTest::SetUp();
    for (int64_t id = 1; id <= 3; ++id) {
      rt_.Put({.id = id, .subject = absl::StrCat("ticket ", id), .created = 1'700'000'000, .updated = 1'700'000'000 + id});
    }
    std::filesystem::create_directories(Path("secrets"));
    WriteFile("secrets/rt.token", "good-token\n");
    WriteFile("outside.token", "good-token\n");
    WriteFile("read.token", std::string(kReadToken) + "\n");
    std::filesystem::create_symlink(Path("outside.token"), Path("secrets/link.token"));
    WriteFile("crosswalkd.yaml",
              absl::StrCat("listen: 127.0.0.1:0\nstore: ", Path("add.db"), "\nsecrets_dir: secrets\n",
                           "tokens:\n  - {name: ops, role: admin, env: CW_ADMIN}\n",
                           "  - {name: auditor, role: read, file: read.token}\n",
                           "sources:\n  - {name: capa, type: file, preset: qms-nc, location: estate/capa-log.csv}\n"));
    StartAdmin();
  }
  void StartAdmin() { Start({}, {absl::StrCat("CW_ADMIN=", kAdminToken), "CROSSWALK_SECRET_RT=good-token"}); }

  ProcessResult Admin(std::vector<std::string> args) { return Cli(std::move(args), {absl::StrCat("CROSSWALK_TOKEN=", kAdminToken)}); }
  ProcessResult Add(const std::string& name, const std::vector<std::string>& settings,
                    const std::vector<std::string>& more = {}) {
    std::vector<std::string> args = {"sources", "add", name, "--type", "rt", "--set", "url=" + rt_.url()};
    for (const std::string& setting : settings) {
      args.push_back("--set");
      args.push_back(setting);
    }
    args.insert(args.end(), more.begin(), more.end());
    return Admin(args);
  }

  testing_rt::FakeRt rt_{"good-token"};
};

TEST_F(SourceAddTest, AnAddedSourceIsKeptTestedSyncedAndRemoved) {
  ProcessResult added = Add("desk", {"token_file=rt.token", "page_size=2"});
  ASSERT_EQ(added.exit_code, 0) << added.err;
  EXPECT_THAT(added.out, HasSubstr("added source desk (rt, on demand)"));

  ProcessResult shown = Admin({"sources", "show", "desk", "--format", "csv"});
  EXPECT_THAT(shown.out, HasSubstr("origin,added"));
  EXPECT_THAT(shown.out, HasSubstr("option token_file,\"(secret, read from a file)"));
  EXPECT_THAT(shown.out, Not(HasSubstr("good-token")));
  ProcessResult tested = Admin({"sources", "test", "desk", "--format", "csv"});
  EXPECT_EQ(tested.exit_code, 0) << tested.out << tested.err;
  EXPECT_THAT(tested.out, HasSubstr("records_visible,3"));
  ProcessResult synced = Admin({"sync", "desk"});
  ASSERT_EQ(synced.exit_code, 0) << synced.err;
  EXPECT_THAT(synced.err, HasSubstr("desk: done (3 new, 0 changed, 0 unchanged)"));

  // Kept across a restart: listed, and its cursor goes on.
  daemon_->Stop(SIGTERM);
  StartAdmin();
  EXPECT_EQ(SourceCounts({absl::StrCat("CROSSWALK_TOKEN=", kAdminToken)})["desk"], std::make_pair(3, 3));
  rt_.Put({.id = 4, .subject = "ticket 4", .created = 1'700'000'000, .updated = 1'700'000'100});
  ProcessResult again = Admin({"sync", "desk"});
  EXPECT_THAT(again.err, HasSubstr("desk: done (1 new"));

  ProcessResult removed = Admin({"sources", "remove", "desk"});
  ASSERT_EQ(removed.exit_code, 0) << removed.err;
  EXPECT_THAT(removed.out, HasSubstr("its definition (added through the API) is removed too"));
  daemon_->Stop(SIGTERM);
  StartAdmin();
  EXPECT_EQ(SourceCounts({absl::StrCat("CROSSWALK_TOKEN=", kAdminToken)}).count("desk"), 0u);
  // Removed, the name can be added again.
  EXPECT_EQ(Add("desk", {"token_env=CROSSWALK_SECRET_RT"}).exit_code, 0);
}

// A scheduled added source is synced by the scheduler from the moment it is added.
TEST_F(SourceAddTest, AScheduledAddedSourceIsSyncedByTheScheduler) {
  ProcessResult added = Add("desk", {"token_env=CROSSWALK_SECRET_RT"}, {"--schedule", "1h"});
  ASSERT_EQ(added.exit_code, 0) << added.err;
  EXPECT_THAT(added.out, HasSubstr("(rt, every 1h)"));
  std::string outcome;
  for (int attempt = 0; attempt < 200 && outcome.find("last_outcome,ok") == std::string::npos; ++attempt) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    outcome = Admin({"sources", "show", "desk", "--format", "csv"}).out;
  }
  EXPECT_THAT(outcome, HasSubstr("last_outcome,ok"));
  EXPECT_THAT(outcome, HasSubstr("records,3"));
}

TEST_F(SourceAddTest, WhatAnAdminMayNotAdd) {
  struct Case {
    std::string name;
    std::vector<std::string> args;
    int exit_code;
    std::string error;
  };
  const std::string url = "url=" + rt_.url();
  const Case cases[] = {
      {"a secret file outside secrets_dir", {"x", "--set", url, "--set", "token_file=/etc/hostname"}, 2, "is not in crosswalkd's secrets_dir"},
      {"a relative path out of secrets_dir", {"x", "--set", url, "--set", "token_file=../outside.token"}, 2, "is not in crosswalkd's secrets_dir"},
      {"a symlink in secrets_dir pointing out", {"x", "--set", url, "--set", "token_file=link.token"}, 2, "is not in crosswalkd's secrets_dir"},
      {"any environment variable", {"x", "--set", url, "--set", "token_env=HOME"}, 2, "variables named CROSSWALK_SECRET_"},
      {"an inline secret", {"x", "--set", url, "--set", "token=good-token"}, 2, "token"},
      {"a key the type does not have", {"x", "--set", url, "--set", "token_file=rt.token", "--set", "colour=red"}, 2, "colour"},
      {"a missing secret file", {"x", "--set", url, "--set", "token_file=none.token"}, 2, "none.token"},
      {"a configured name", {"capa", "--set", url, "--set", "token_file=rt.token"}, 1, "ALREADY_EXISTS"},
      {"a reserved name", {"import:x", "--set", url, "--set", "token_file=rt.token"}, 2, "kept for `crosswalk import`"},
      {"a bad schedule", {"x", "--set", url, "--set", "token_file=rt.token", "--schedule", "often"}, 2, "often"},
      {"a --set without =", {"x", "--set", "url"}, 2, "--set takes KEY=VALUE"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    std::vector<std::string> args = {"sources", "add"};
    args.insert(args.end(), c.args.begin(), c.args.end());
    args.insert(args.end(), {"--type", "rt"});
    ProcessResult refused = Admin(args);
    EXPECT_EQ(refused.exit_code, c.exit_code) << refused.err;
    EXPECT_THAT(refused.err, HasSubstr(c.error));
    EXPECT_THAT(refused.err, Not(HasSubstr("good-token")));
  }
  ProcessResult file = Admin({"sources", "add", "f", "--type", "file", "--set", "location=/etc/passwd", "--set", "preset=qms-nc"});
  EXPECT_EQ(file.exit_code, 2);
  EXPECT_THAT(file.err, HasSubstr("a file source cannot be added through the API"));
  ProcessResult reader = Cli({"--token-file", Path("read.token"), "sources", "add", "x", "--type", "rt", "--set", url,
                              "--set", "token_file=rt.token"});
  EXPECT_EQ(reader.exit_code, 1);
  EXPECT_THAT(reader.err, HasSubstr("this call needs admin"));
  // Nothing of the refused sources was kept.
  ProcessResult listed = Admin({"sources", "--format", "csv"});
  EXPECT_THAT(listed.out, Not(HasSubstr("\nx,")));
  EXPECT_THAT(listed.out, Not(HasSubstr("\nf,")));

  ProcessResult twice = Add("desk", {"token_file=rt.token"});
  ASSERT_EQ(twice.exit_code, 0) << twice.err;
  ProcessResult again = Add("desk", {"token_file=rt.token"});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_THAT(again.err, HasSubstr("ALREADY_EXISTS"));
}

// A server without secrets_dir: secret files are refused with what to set; variables still work.
TEST_F(SourceAddTest, WithoutSecretsDirOnlyVariablesServe) {
  daemon_->Stop(SIGTERM);
  WriteFile("crosswalkd.yaml", absl::StrCat("listen: 127.0.0.1:0\nstore: ", Path("add.db"), "\n",
                                            "tokens:\n  - {name: ops, role: admin, env: CW_ADMIN}\n"));
  StartAdmin();
  ProcessResult file = Add("desk", {"token_file=" + Path("secrets/rt.token")});
  EXPECT_EQ(file.exit_code, 1);
  EXPECT_THAT(file.err, HasSubstr("FAILED_PRECONDITION"));
  EXPECT_THAT(file.err, HasSubstr("secrets_dir"));
  EXPECT_EQ(Add("desk", {"token_env=CROSSWALK_SECRET_RT"}).exit_code, 0);
}

}  // namespace
}  // namespace crosswalk
