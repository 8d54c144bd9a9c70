// kill -9 of crosswalkd between the pages of each live API source (issue 12 Deliver 5: "kill -9
// of crosswalkd between pages", for each API): the real crosswalkd syncs a fake Jira (Cloud and
// Data Center), GLPI or Redmine through a proxy that holds the fourth request; a record changes,
// crosswalkd is killed while it waits, restarts and syncs again; the store then holds exactly
// what a clean read of the same fake gives (same ids, same content hashes), nothing lost or twice.
// RT and ServiceNow have their own (api_kill_e2e_test.cc, servicenow_e2e_test.cc).
#include <signal.h>

#include <functional>
#include <memory>
#include <thread>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/connectors/fake_glpi.h"
#include "tests/connectors/fake_jira.h"
#include "tests/connectors/fake_redmine.h"
#include "tests/gateway/blocking_proxy.h"
#include "tests/gateway/gateway_fixture.h"

namespace crosswalk {
namespace {

using ::testing::HasSubstr;

constexpr int kRecords = 60;
constexpr int64_t kT0 = 1'760'000'000;
constexpr char kSecret[] = "kill-test-secret-0123456789";

// One API: its fake with kRecords records, three a second (pages end inside seconds), the
// source's options but its url, and a change to one record.
struct Api {
  std::string url;
  std::string options;  // "type: …, token_file: secret, …"
  std::function<void(int64_t n, const std::string& text)> edit;
  std::shared_ptr<void> fake;  // keeps it serving
};

Api Jira(bool cloud) {
  auto jira = std::make_shared<testing_jira::FakeJira>(
      cloud ? absl::StrCat("Basic ", absl::Base64Escape(absl::StrCat("desk@example.com:", kSecret)))
            : absl::StrCat("Bearer ", kSecret),
      "Asia/Tokyo", cloud);
  auto put = [jira](int64_t n, const std::string& summary, int64_t updated) {
    testing_jira::FakeIssue issue;
    issue.id = 10000 + n;
    issue.summary = summary;
    issue.created_ms = kT0 * 1000;
    issue.updated_ms = updated * 1000;
    jira->Put(issue);
  };
  for (int64_t n = 1; n <= kRecords; ++n) put(n, absl::StrCat("issue ", n), kT0 + n / 3);
  return {jira->url(),
          absl::StrCat("type: jira, flavor: ", cloud ? "cloud, user: desk@example.com, password_file: secret"
                                                     : "datacenter, token_file: secret",
                       ", jql: 'project = ITSM', page_size: 10, overlap: 0"),
          [put](int64_t n, const std::string& text) { put(n, text, kT0 + 100); }, jira};
}

Api Glpi() {
  auto glpi = std::make_shared<testing_glpi::FakeGlpi>(absl::StrCat("user_token ", kSecret), "Asia/Tokyo");
  auto put = [glpi](int64_t n, const std::string& name, int64_t updated) {
    testing_glpi::FakeItem item;
    item.id = n;
    item.name = name;
    item.date_ms = kT0 * 1000;
    item.date_mod_ms = updated * 1000;
    glpi->Put(item);
  };
  for (int64_t n = 1; n <= kRecords; ++n) put(n, absl::StrCat("ticket ", n), kT0 + n / 3);
  return {glpi->url(),
          "type: glpi, token_file: secret, itemtypes: Ticket, timezone: Asia/Tokyo, page_size: 10, overlap: 0",
          [put](int64_t n, const std::string& text) { put(n, text, kT0 + 100); }, glpi};
}

Api Redmine() {
  auto redmine = std::make_shared<testing_redmine::FakeRedmine>(kSecret);
  auto put = [redmine](int64_t n, const std::string& subject, int64_t updated) {
    testing_redmine::FakeIssue issue;
    issue.id = n;
    issue.subject = subject;
    issue.created = kT0;
    issue.updated = updated;
    redmine->Put(issue);
  };
  for (int64_t n = 1; n <= kRecords; ++n) put(n, absl::StrCat("issue ", n), kT0 + n / 3);
  return {redmine->url(), "type: redmine, token_file: secret, page_size: 10, overlap: 0",
          [put](int64_t n, const std::string& text) { put(n, text, kT0 + 100); }, redmine};
}

struct Case {
  const char* name;
  std::function<Api()> make;
  friend void PrintTo(const Case& c, std::ostream* out) { *out << c.name; }
};

class ApiKillTest : public GatewayTest, public ::testing::WithParamInterface<Case> {};

TEST_P(ApiKillTest, KillNineBetweenPagesThenResumeEqualsACleanRead) {
  Api api = GetParam().make();
  testing_gateway::BlockingProxy proxy(api.url, 4);
  WriteFile("secret", absl::StrCat(kSecret, "\n"));
  WriteFile("crosswalkd.yaml",
            absl::StrCat("listen: 127.0.0.1:0\nstore: ", Path("kill.db"), "\nsync: {batch_size: 10}\nsources:\n",
                         "  - {name: desk, url: '", proxy.url(), "', ", api.options, "}\n",
                         "  - {name: desk-clean, url: '", api.url, "', ", api.options, "}\n"));
  Start();
  ProcessResult interrupted;
  std::thread sync([&] { interrupted = Cli({"sync", "desk"}); });
  proxy.WaitUntilBlocked();
  api.edit(7, "record 7 edited before the kill");  // a change the resumed run must see
  daemon_->Stop(SIGKILL);                           // while the reader waits for that request
  proxy.Release();
  sync.join();
  EXPECT_NE(interrupted.exit_code, 0);

  Start();
  EXPECT_GT(SourceCounts()["desk"].first, 0) << "no page was stored before the kill: the test kills too early";
  ProcessResult resumed = Cli({"sync", "desk"});
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  ProcessResult clean = Cli({"sync", "desk-clean"});
  ASSERT_EQ(clean.exit_code, 0) << clean.err;
  const auto stored = KeysAndHashes(Cli({"records", "--source", "desk", "--limit", "1000", "--format", "json"}).out);
  const auto expected =
      KeysAndHashes(Cli({"records", "--source", "desk-clean", "--limit", "1000", "--format", "json"}).out);
  EXPECT_EQ(stored.size(), static_cast<size_t>(kRecords));
  EXPECT_EQ(stored, expected);
  EXPECT_THAT(Cli({"records", "--source", "desk", "--limit", "1000", "--format", "json"}).out,
              HasSubstr("record 7 edited before the kill"));
}

INSTANTIATE_TEST_SUITE_P(Apis, ApiKillTest,
                         ::testing::Values(Case{"jira_cloud", [] { return Jira(true); }},
                                           Case{"jira_datacenter", [] { return Jira(false); }},
                                           Case{"glpi", Glpi}, Case{"redmine", Redmine}),
                         [](const ::testing::TestParamInfo<Case>& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace crosswalk
