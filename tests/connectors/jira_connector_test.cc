// The jira connector against a fake Jira on loopback (tests/connectors/fake_jira.h): fields,
// Cloud (nextPageToken) and Data Center (startAt/total) paging, the account time zone JQL reads
// its times in, the cursor, changes while paging, and what each fault says.
#include "connectors/jira/jira_connector.h"

#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "connectors/jira/jira_page.h"
#include "gateway/normalize/rule_set.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/connectors/fake_jira.h"
#include "tests/connectors/listed_ids.h"

namespace crosswalk::jira {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using testing_jira::FakeIssue;
using testing_jira::FakeJira;

constexpr char kEmail[] = "ops@example.com";
constexpr char kApiToken[] = "ATATT3xFfGF0-fake-api-token";
constexpr char kPat[] = "NjM2-fake-personal-access-token";
constexpr int64_t kT0 = 1'790'000'000'000;  // 2026-09-21T14:13:20Z, in ms

std::string Basic() { return "Basic " + absl::Base64Escape(absl::StrCat(kEmail, ":", kApiToken)); }

std::string Field(const RawRecord& record, const std::string& role) {
  for (const RawField& field : record.fields) {
    if (field.role == role) return field.value;
  }
  return "<absent>";
}

FakeIssue Issue(int64_t id, int64_t updated_ms) {
  FakeIssue issue;
  issue.id = id;
  issue.summary = absl::StrCat("issue ", id);
  issue.created_ms = kT0 - 86'400'000;
  issue.updated_ms = updated_ms;
  return issue;
}

class JiraTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("jira_connector_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
    std::ofstream(dir_ / "api-token") << kApiToken << "\n";
    std::ofstream(dir_ / "pat") << kPat << "\n";
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // A Cloud source (Basic e-mail + API token), or Data Center (Bearer PAT) with datacenter.
  absl::StatusOr<std::unique_ptr<Connector>> Make(const FakeJira& jira, std::map<std::string, std::string> extra = {},
                                                  bool datacenter = false) {
    SourceConfig config{"jira-desk", "jira", {{"url", jira.url()}}};
    if (datacenter) {
      config.options["flavor"] = "datacenter";
      config.options["token_file"] = (dir_ / "pat").string();
    } else {
      config.options["user"] = kEmail;
      config.options["password_file"] = (dir_ / "api-token").string();
    }
    for (auto& [key, value] : extra) config.options[key] = value;
    ConnectorDeps deps{&clock_, NewHttplibClient};
    return JiraConnectorFactory().create(config, deps);
  }

  // Reads from `cursor` to the end; returns the records, the last cursor in `cursor`, the last
  // page's total in `total`.
  absl::StatusOr<std::vector<RawRecord>> ReadAll(Connector& connector, std::string* cursor, int max_records = 100,
                                                 int64_t* total = nullptr) {
    if (auto status = connector.Start(*cursor); !status.ok()) return status;
    std::vector<RawRecord> out;
    for (int page = 1; page < 10'000; ++page) {
      auto pulled = connector.Pull(max_records);
      if (!pulled.ok()) return pulled.status();
      for (RawRecord& record : pulled->records) out.push_back(std::move(record));
      if (!pulled->next_cursor.empty()) *cursor = pulled->next_cursor;
      if (pulled->done) {
        if (total != nullptr) *total = pulled->total;
        return out;
      }
    }
    return absl::InternalError("no end");
  }

  std::filesystem::path dir_;
  ManualClock clock_;
};

std::multiset<std::string> Ids(const std::vector<RawRecord>& records) {
  std::multiset<std::string> ids;
  for (const RawRecord& record : records) ids.insert(record.native_id);
  return ids;
}

TEST_F(JiraTest, ReadsAnIssuesFieldsUnderTheirRolesWithTimesInUtc) {
  FakeJira jira(Basic(), "Asia/Tokyo");
  FakeIssue issue = Issue(10001, kT0);
  issue.issuetype = "Service request";
  issue.status = "Waiting for support";
  issue.status_category = "indeterminate";
  issue.assignee = "Alice Agent";
  issue.request_type = "Get IT help";
  issue.custom = "Tokyo office";
  issue.resolved_ms = kT0 + 1000;
  jira.Put(issue);
  auto connector = Make(jira, {{"request_type_field", "customfield_10010"}, {"fields", "summary,status,issuetype,assignee,reporter,created,resolutiondate,customfield_10042"}});
  ASSERT_TRUE(connector.ok()) << connector.status();
  std::string cursor;
  auto records = ReadAll(**connector, &cursor);
  ASSERT_TRUE(records.ok()) << records.status();
  ASSERT_EQ(records->size(), 1u);
  const RawRecord& r = (*records)[0];
  EXPECT_EQ(r.native_id, "10001");
  EXPECT_EQ(r.native_kind, "issue");
  EXPECT_EQ(r.location, "Jira issue ITSM-10001");
  EXPECT_EQ(Field(r, "key"), "ITSM-10001");
  EXPECT_EQ(Field(r, "title"), "issue 10001");
  EXPECT_EQ(Field(r, "kind"), "Service request");
  EXPECT_EQ(Field(r, "status"), "Waiting for support");
  EXPECT_EQ(Field(r, "status_category"), "indeterminate");
  EXPECT_EQ(Field(r, "priority"), "Medium");
  EXPECT_EQ(Field(r, "owner"), "Alice Agent");
  EXPECT_EQ(Field(r, "requester"), "Rita Reporter");
  EXPECT_EQ(Field(r, "request_type"), "Get IT help");
  EXPECT_EQ(Field(r, "customfield_10042"), "Tokyo office");
  // Jira wrote 2026-09-21T23:13:20.000+0900; the record says the same instant in UTC.
  EXPECT_EQ(Field(r, "updated"), "2026-09-21T14:13:20Z");
  EXPECT_EQ(Field(r, "resolved"), "2026-09-21T14:13:21Z");
  EXPECT_EQ(Field(r, "opened"), "2026-09-20T14:13:20Z");
  EXPECT_EQ(Field(r, "project"), "ITSM");
}

TEST(JiraTimeTest, ParsesJiraOffsetsWithAndWithoutColonsAndMillis) {
  EXPECT_EQ(ParseJiraTime("2024-01-02T10:20:30.000+0900"), 1704158430000);
  EXPECT_EQ(ParseJiraTime("2024-01-02T01:20:30.000+0000"), 1704158430000);
  EXPECT_EQ(ParseJiraTime("2024-01-01T15:20:30.250-1000"), 1704158430250);
  EXPECT_EQ(ParseJiraTime("2024-01-02T10:20:30+09:00"), 1704158430000);
  EXPECT_EQ(ParseJiraTime("2024-01-02T01:20:30.000Z"), 1704158430000);
  EXPECT_EQ(ParseJiraTime("2024-01-02 10:20"), std::nullopt);
  EXPECT_EQ(ParseJiraTime("2024-01-02T10:20:30.000"), std::nullopt);
}

TEST(JqlLowerBoundTest, WritesTheAccountZonesWallClockMinute) {
  absl::TimeZone tokyo, la, kiritimati, minus12;
  ASSERT_TRUE(absl::LoadTimeZone("Asia/Tokyo", &tokyo));
  ASSERT_TRUE(absl::LoadTimeZone("America/Los_Angeles", &la));
  ASSERT_TRUE(absl::LoadTimeZone("Pacific/Kiritimati", &kiritimati));
  ASSERT_TRUE(absl::LoadTimeZone("Etc/GMT+12", &minus12));
  const absl::Time at = absl::FromUnixMillis(kT0 + 59'999);  // 14:14:19.999Z
  EXPECT_EQ(JqlLowerBound(at, tokyo).text, "2026/09/21 23:14");
  EXPECT_EQ(JqlLowerBound(at, la).text, "2026/09/21 07:14");
  EXPECT_EQ(JqlLowerBound(at, kiritimati).text, "2026/09/22 04:14");
  EXPECT_EQ(JqlLowerBound(at, minus12).text, "2026/09/21 02:14");
  EXPECT_EQ(absl::ToUnixMillis(JqlLowerBound(at, tokyo).earliest), kT0 + 40'000);  // 14:14:00Z
}

TEST(JqlLowerBoundTest, InARepeatedHourBothReadingsAreNotAfterTheInstant) {
  absl::TimeZone la;
  ASSERT_TRUE(absl::LoadTimeZone("America/Los_Angeles", &la));
  // 2026-11-01 01:30 PDT (08:30Z): the wall clock 01:30 comes again at 09:30Z (PST).
  const absl::Time first = absl::FromCivil(absl::CivilMinute(2026, 11, 1, 8, 30), absl::UTCTimeZone());
  const JqlBound bound = JqlLowerBound(first, la);
  EXPECT_EQ(bound.text, "2026/11/01 00:30");
  EXPECT_LE(bound.earliest, first);
  // 01:30 PST (09:30Z), the second time: 01:30 is right whichever reading Jira takes.
  EXPECT_EQ(JqlLowerBound(first + absl::Hours(1), la).text, "2026/11/01 01:30");
}

TEST_F(JiraTest, CloudPagesByFreshQueriesAndAShortPageIsNotTheEnd) {
  FakeJira jira(Basic(), "UTC");
  for (int64_t id = 1; id <= 35; ++id) jira.Put(Issue(id, kT0 + id * 60'000));
  jira.short_page_at = 1;  // 9 issues and a nextPageToken: not the end
  auto connector = Make(jira);
  ASSERT_TRUE(connector.ok()) << connector.status();
  std::string cursor;
  auto records = ReadAll(**connector, &cursor, 10);
  ASSERT_TRUE(records.ok()) << records.status();
  std::multiset<std::string> expected;
  for (int id = 1; id <= 35; ++id) expected.insert(std::to_string(id));
  EXPECT_EQ(Ids(*records), expected);
  ASSERT_GE(jira.queries.size(), 4u);
  EXPECT_EQ(jira.queries[0], "ORDER BY updated ASC, key ASC");
  EXPECT_THAT(jira.queries[1], HasSubstr("updated >= \"2026/09/21 14:22\""));  // issue 9's minute
}

TEST_F(JiraTest, CloudFollowsNextPageTokenThroughOneCrowdedMinute) {
  FakeJira jira(Basic(), "Asia/Tokyo");
  for (int64_t id = 1; id <= 45; ++id) jira.Put(Issue(id, kT0 + 1000));  // 45 issues, one minute
  jira.Put(Issue(46, kT0 + 120'000));
  auto connector = Make(jira);
  ASSERT_TRUE(connector.ok()) << connector.status();
  std::string cursor;
  auto records = ReadAll(**connector, &cursor, 10);
  ASSERT_TRUE(records.ok()) << records.status();
  EXPECT_EQ(records->size(), 46u);
  EXPECT_EQ(Ids(*records).size(), 46u);
  std::set<std::string> distinct;
  for (const auto& id : Ids(*records)) distinct.insert(id);
  EXPECT_EQ(distinct.size(), 46u);
}

// Jira's JQL reads minutes: a thousand issues updated in one second (a bulk edit) all fall in
// one bound, and each is read once, on Cloud (tokens) and Data Center (startAt).
TEST_F(JiraTest, AThousandIssuesSharingOneSecondAreEachReadOnce) {
  for (const bool datacenter : {false, true}) {
    SCOPED_TRACE(datacenter ? "datacenter" : "cloud");
    FakeJira jira(datacenter ? "Bearer " + std::string(kPat) : Basic(), "Asia/Tokyo", !datacenter);
    for (int64_t id = 1; id <= 1000; ++id) jira.Put(Issue(id, kT0 + 1000));
    jira.Put(Issue(1001, kT0 + 120'000));
    auto connector = Make(jira, {}, datacenter);
    ASSERT_TRUE(connector.ok()) << connector.status();
    std::string cursor;
    auto records = ReadAll(**connector, &cursor, 100);
    ASSERT_TRUE(records.ok()) << records.status();
    const auto ids = Ids(*records);
    EXPECT_EQ(ids.size(), 1001u);
    EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), 1001u);
    // The next run finds nothing new: the seen-set covers the shared second.
    auto again = ReadAll(**connector, &cursor, 100);
    ASSERT_TRUE(again.ok()) << again.status();
    EXPECT_TRUE(again->empty()) << again->size();
  }
}

TEST_F(JiraTest, DataCenterPagesByStartAtAndReportsJirasTotal) {
  FakeJira jira("Bearer " + std::string(kPat), "Europe/Berlin", /*cloud=*/false);
  for (int64_t id = 1; id <= 25; ++id) jira.Put(Issue(id, kT0 + (id / 3) * 60'000));
  auto connector = Make(jira, {}, /*datacenter=*/true);
  ASSERT_TRUE(connector.ok()) << connector.status();
  std::string cursor;
  int64_t total = 0;
  auto records = ReadAll(**connector, &cursor, 7, &total);
  ASSERT_TRUE(records.ok()) << records.status();
  EXPECT_EQ(records->size(), 25u);
  EXPECT_EQ(Ids(*records).size(), 25u);
  EXPECT_EQ(total, 25);
}

TEST_F(JiraTest, CloudAgainstTheRetiredSearchSays410AndFlavorCloud) {
  FakeJira jira("Bearer " + std::string(kPat), "UTC", /*cloud=*/true);
  jira.Put(Issue(1, kT0));
  auto connector = Make(jira, {}, /*datacenter=*/true);
  ASSERT_TRUE(connector.ok()) << connector.status();
  std::string cursor;
  auto records = ReadAll(**connector, &cursor);
  ASSERT_FALSE(records.ok());
  EXPECT_EQ(records.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(records.status().message(), HasSubstr("410 Gone"));
  EXPECT_THAT(records.status().message(), HasSubstr("flavor = cloud"));
  EXPECT_THAT(records.status().message(), HasSubstr("/rest/api/2/search"));
}

TEST_F(JiraTest, ABadJqlIsJirasOwn400MessageNeverAnEmptyResult) {
  FakeJira jira(Basic(), "UTC");
  jira.Put(Issue(1, kT0));
  auto connector = Make(jira, {{"jql", "projekt ~ ITSM"}});
  ASSERT_TRUE(connector.ok()) << connector.status();
  std::string cursor;
  auto records = ReadAll(**connector, &cursor);
  ASSERT_FALSE(records.ok());
  EXPECT_EQ(records.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(records.status().message(), HasSubstr("Error in the JQL Query"));
  EXPECT_THAT(records.status().message(), HasSubstr("jql = projekt ~ ITSM"));
}

TEST_F(JiraTest, TheJqlOptionFiltersTheSearch) {
  FakeJira jira(Basic(), "UTC");
  jira.Put(Issue(1, kT0));
  FakeIssue other = Issue(2, kT0);
  other.project = "HR";
  jira.Put(other);
  auto connector = Make(jira, {{"jql", "project = ITSM"}});
  ASSERT_TRUE(connector.ok()) << connector.status();
  std::string cursor;
  auto records = ReadAll(**connector, &cursor);
  ASSERT_TRUE(records.ok()) << records.status();
  EXPECT_EQ(Ids(*records), std::multiset<std::string>{"1"});
  EXPECT_EQ(jira.queries[0], "(project = ITSM) ORDER BY updated ASC, key ASC");
}

TEST_F(JiraTest, ABodyThatIsNotJsonOrAnHtmlPageSaysSoAndWhere) {
  FakeJira jira(Basic(), "UTC");
  jira.Put(Issue(1, kT0));
  jira.status_override = 200;
  jira.body_override = "{\"issues\": [";
  auto connector = Make(jira);
  ASSERT_TRUE(connector.ok()) << connector.status();
  std::string cursor;
  auto records = ReadAll(**connector, &cursor);
  ASSERT_FALSE(records.ok());
  EXPECT_THAT(records.status().message(), HasSubstr("not a JSON object"));
  EXPECT_THAT(records.status().message(), HasSubstr("/rest/api/3/search/jql"));

  jira.body_override = "<html><body>Log in to Atlassian</body></html>";
  jira.content_type_override = "text/html";
  auto again = Make(jira);
  ASSERT_TRUE(again.ok());
  cursor.clear();
  records = ReadAll(**again, &cursor);
  ASSERT_FALSE(records.ok());
  EXPECT_THAT(records.status().message(), HasSubstr("HTML"));
}

TEST_F(JiraTest, AnIssueWithoutAnUpdatedTimeNamesTheIssueAndField) {
  const std::string body = R"({"issues":[{"id":"7","key":"ITSM-7","fields":{"summary":"x","updated":"yesterday"}}],"isLast":true})";
  auto page = ParseJiraPage(body, "");
  ASSERT_FALSE(page.ok());
  EXPECT_THAT(page.status().message(), HasSubstr("ITSM-7"));
  EXPECT_THAT(page.status().message(), HasSubstr("fields.updated"));
  auto error = ParseJiraPage(R"({"errorMessages":["Field 'projekt' does not exist."],"errors":{}})", "");
  ASSERT_FALSE(error.ok());
  EXPECT_THAT(error.status().message(), HasSubstr("Field 'projekt' does not exist."));
}

TEST_F(JiraTest, A429WithRetryAfterIsWaitedAndRetried) {
  FakeJira jira(Basic(), "UTC");
  for (int64_t id = 1; id <= 5; ++id) jira.Put(Issue(id, kT0 + id * 60'000));
  jira.rate_limit_at = 2;
  auto connector = Make(jira, {{"max_retries", "3"}});
  ASSERT_TRUE(connector.ok()) << connector.status();
  std::string cursor;
  auto records = ReadAll(**connector, &cursor, 2);
  ASSERT_TRUE(records.ok()) << records.status();
  EXPECT_EQ(records->size(), 5u);
  EXPECT_GE(clock_.slept_nanos(), 1'000'000'000);
}

TEST_F(JiraTest, CloudRefusesABearerTokenAndNamesTheKeysToUse) {
  FakeJira jira(Basic(), "UTC");
  SourceConfig config{"jira-desk", "jira", {{"url", jira.url()}, {"token_file", (dir_ / "pat").string()}}};
  ConnectorDeps deps{&clock_, NewHttplibClient};
  auto connector = JiraConnectorFactory().create(config, deps);
  ASSERT_FALSE(connector.ok());
  EXPECT_THAT(connector.status().message(), HasSubstr("flavor = datacenter"));
  EXPECT_THAT(connector.status().message(), Not(HasSubstr(kPat)));
}

TEST_F(JiraTest, AJiraIgnoringTheOrderFailsLoudly) {
  FakeJira jira(Basic(), "UTC");
  for (int64_t id = 1; id <= 5; ++id) jira.Put(Issue(id, kT0 + id * 60'000));
  jira.ignore_order = true;
  auto connector = Make(jira);
  ASSERT_TRUE(connector.ok()) << connector.status();
  std::string cursor;
  auto records = ReadAll(**connector, &cursor);
  ASSERT_FALSE(records.ok());
  EXPECT_EQ(records.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(records.status().message(), HasSubstr("out of order"));
}

TEST_F(JiraTest, WithoutAnAccountZoneTheMessageNamesTimeZoneAndTheKeyIsUsed) {
  FakeJira jira(Basic(), "Asia/Tokyo");
  jira.Put(Issue(1, kT0));
  jira.myself_override = R"({"accountId":"x"})";
  auto connector = Make(jira);
  ASSERT_TRUE(connector.ok()) << connector.status();
  std::string cursor;
  auto records = ReadAll(**connector, &cursor);
  ASSERT_FALSE(records.ok());
  EXPECT_THAT(records.status().message(), HasSubstr("/rest/api/3/myself"));
  EXPECT_THAT(records.status().message(), HasSubstr("time_zone"));

  auto keyed = Make(jira, {{"time_zone", "Asia/Tokyo"}, {"overlap", "0"}});
  ASSERT_TRUE(keyed.ok()) << keyed.status();
  auto read = ReadAll(**keyed, &cursor);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(read->size(), 1u);
  jira.Put(Issue(2, kT0 + 1000));
  auto again = Make(jira, {{"time_zone", "Asia/Tokyo"}, {"overlap", "0"}});
  ASSERT_TRUE(again.ok());
  auto incremental = ReadAll(**again, &cursor);
  ASSERT_TRUE(incremental.ok()) << incremental.status();
  EXPECT_EQ(Ids(*incremental), std::multiset<std::string>{"2"});
  EXPECT_THAT(jira.queries.back(), HasSubstr("updated >= \"2026/09/21 23:13\""));  // Tokyo's wall clock
  EXPECT_FALSE(Make(jira, {{"time_zone", "Mars/Olympus"}}).ok());
}

TEST_F(JiraTest, AStoredCursorOfAnotherFormIsRefused) {
  FakeJira jira(Basic(), "UTC");
  auto connector = Make(jira);
  ASSERT_TRUE(connector.ok());
  const absl::Status status = (*connector)->Start(R"({"watermark":"2026-09-21T14:13:20Z"})");
  EXPECT_THAT(status.message(), HasSubstr("sync --full"));
}

// Changes while paging: an issue already read is updated (it moves to the end and is read again,
// as its new version) and one not yet read is updated (it must not be skipped).
class JiraPagingChangeTest : public JiraTest, public ::testing::WithParamInterface<bool> {};

TEST_P(JiraPagingChangeTest, AnIssueUpdatedWhilePagingIsNeitherLostNorSkipsAnother) {
  const bool datacenter = GetParam();
  FakeJira jira(datacenter ? "Bearer " + std::string(kPat) : Basic(), "America/Los_Angeles", !datacenter);
  for (int64_t id = 1; id <= 40; ++id) jira.Put(Issue(id, kT0 + id * 60'000));
  jira.on_request = [](int request, std::map<int64_t, FakeIssue>& issues) {
    if (request != 3) return;
    issues[3].updated_ms = kT0 + 50 * 60'000;   // read on page 1: moves to the end
    issues[3].summary = "issue 3 edited";
    issues[30].updated_ms = kT0 + 51 * 60'000;  // not read yet: moves to the end too
  };
  auto connector = Make(jira, {}, datacenter);
  ASSERT_TRUE(connector.ok()) << connector.status();
  std::string cursor;
  int64_t total = 0;
  auto records = ReadAll(**connector, &cursor, 10, &total);
  ASSERT_TRUE(records.ok()) << records.status();
  std::multiset<std::string> ids = Ids(*records);
  for (int id = 1; id <= 40; ++id) EXPECT_GE(ids.count(std::to_string(id)), 1u) << "issue " << id << " lost";
  EXPECT_EQ(ids.count("3"), 2u);  // both versions
  EXPECT_EQ(records->back().native_id, "30");
  if (datacenter) {
    EXPECT_LE(total, static_cast<int64_t>(records->size()));
  }
}

INSTANTIATE_TEST_SUITE_P(Flavors, JiraPagingChangeTest, ::testing::Values(false, true),
                         [](const auto& info) { return info.param ? "DataCenter" : "Cloud"; });

// The Jira time-zone bug family: JQL compares `updated` in the account's zone at minute
// precision. For accounts from UTC−12 to UTC+14, an incremental run after updates near the
// watermark (the same millisecond, the same second, the same minute, the next minute, hours
// later) returns every one of them and nothing the first run returned unchanged.
class JiraZoneTest : public JiraTest, public ::testing::WithParamInterface<std::tuple<std::string, int>> {};

TEST_P(JiraZoneTest, AnIncrementalRunLosesNothingAndDuplicatesNothing) {
  const auto& [zone, overlap] = GetParam();
  FakeJira jira(Basic(), zone);
  for (int64_t id = 1; id <= 30; ++id) jira.Put(Issue(id, kT0 + id * 17'000));  // 17 s apart
  const int64_t watermark = kT0 + 30 * 17'000;
  auto first = Make(jira, {{"overlap", std::to_string(overlap)}});
  ASSERT_TRUE(first.ok()) << first.status();
  std::string cursor;
  auto before = ReadAll(**first, &cursor, 8);
  ASSERT_TRUE(before.ok()) << before.status();
  ASSERT_EQ(before->size(), 30u);
  ASSERT_THAT(cursor, HasSubstr("\"watermark\""));

  // Updates near the watermark, in this order of time.
  FakeIssue same_ms = Issue(101, watermark);           // a new issue at the watermark's very ms
  FakeIssue same_second = Issue(5, watermark + 400);   // an old issue edited within that second
  FakeIssue same_minute = Issue(102, watermark + 20'000);
  FakeIssue next_minute = Issue(7, watermark + 61'000);
  FakeIssue hours_later = Issue(103, watermark + 5 * 3'600'000);
  FakeIssue late_commit = Issue(104, watermark - 90'000);  // stamped before the watermark, seen late
  for (const FakeIssue& issue : {same_ms, same_second, same_minute, next_minute, hours_later, late_commit}) jira.Put(issue);

  auto second = Make(jira, {{"overlap", std::to_string(overlap)}});
  ASSERT_TRUE(second.ok()) << second.status();
  auto after = ReadAll(**second, &cursor, 3);
  ASSERT_TRUE(after.ok()) << after.status();
  std::multiset<std::string> expected = {"101", "5", "102", "7", "103"};
  if (overlap > 0) expected.insert("104");  // only an overlap can catch a late commit
  EXPECT_EQ(Ids(*after), expected) << "zone " << zone << ", queries: " << jira.queries.back();

  // And a third run with nothing new returns nothing.
  auto third = Make(jira, {{"overlap", std::to_string(overlap)}});
  ASSERT_TRUE(third.ok());
  auto nothing = ReadAll(**third, &cursor, 3);
  ASSERT_TRUE(nothing.ok()) << nothing.status();
  EXPECT_TRUE(nothing->empty()) << "zone " << zone << ": " << nothing->size() << " records again";
}

INSTANTIATE_TEST_SUITE_P(
    Zones, JiraZoneTest,
    ::testing::Combine(::testing::Values("Etc/GMT+12", "America/Los_Angeles", "UTC", "Asia/Kathmandu", "Asia/Tokyo",
                                         "Pacific/Kiritimati"),
                       ::testing::Values(0, 300)),
    [](const auto& info) {
      std::string name = std::get<0>(info.param) + "_overlap" + std::to_string(std::get<1>(info.param));
      for (char& c : name) if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
      return name;
    });

}  // namespace
}  // namespace crosswalk::jira

namespace crosswalk::jira {
namespace {

// The jira value rules (mappings/rules/values.csv) read the issue types and statuses the
// connector hands over as kind and status.
TEST(JiraRulesTest, IssueTypesAndStatusesTranslate) {
  auto rules = RuleSet::Load(CROSSWALK_SOURCE_MAPPINGS_DIR);
  ASSERT_TRUE(rules.ok()) << rules.status();
  const std::map<std::string, std::string> kinds = {
      {"Incident", "incident"}, {"[System] Incident", "incident"}, {"Service request", "service-request"},
      {"Service request with approvals", "service-request"}, {"Problem", "problem"}, {"Change", "change"},
      {"Bug", "problem"}, {"Post-incident review", "problem"}, {"インシデント", "incident"}};
  for (const auto& [native, kind] : kinds) {
    auto translated = (*rules)->Translate("jira", "issue", "kind", native);
    ASSERT_TRUE(translated.has_value()) << native;
    EXPECT_EQ(translated->value, kind) << native;
  }
  const std::map<std::string, std::string> statuses = {
      {"Waiting for support", "new"}, {"In Progress", "in-progress"}, {"Waiting for customer", "on-hold"},
      {"Waiting for approval", "pending-approval"}, {"Awaiting implementation", "scheduled"},
      {"Done", "resolved"}, {"Closed", "closed"}, {"Canceled", "cancelled"}, {"Backlog", "new"}};
  for (const auto& [native, status] : statuses) {
    auto translated = (*rules)->Translate("jira", "issue", "status", native);
    ASSERT_TRUE(translated.has_value()) << native;
    EXPECT_EQ(translated->value, status) << native;
  }
  EXPECT_FALSE((*rules)->Translate("jira", "issue", "kind", "Epic").has_value());
}

}  // namespace
namespace {

// The id listing (issue 12: deletes): ListIds and StillPresent against the fake, on Cloud and on
// Data Center.

using testing_ids::ListAll;

// Seven ITSM issues and two HR ones, created one minute apart.
void PutScopedIssues(FakeJira& jira) {
  for (int64_t id = 10001; id <= 10009; ++id) {
    FakeIssue issue = Issue(id, kT0 + id);
    issue.created_ms = kT0 - (10010 - id) * 60'000;
    if (id == 10003 || id == 10008) issue.project = "HR";
    jira.Put(issue);
  }
}

TEST_F(JiraTest, ListIdsIsCompleteOverSeveralPagesWithPullsScopeAndIds) {
  for (bool datacenter : {false, true}) {
    SCOPED_TRACE(datacenter ? "datacenter" : "cloud");
    FakeJira jira(datacenter ? "Bearer " + std::string(kPat) : Basic(), "UTC", !datacenter);
    PutScopedIssues(jira);
    auto connector = Make(jira, {{"jql", "project = ITSM"}, {"page_size", "2"}}, datacenter);
    ASSERT_TRUE(connector.ok()) << connector.status();
    std::string cursor;
    auto records = ReadAll(**connector, &cursor);
    ASSERT_TRUE(records.ok()) << records.status();
    const int searches_by_pull = jira.searches;
    auto listed = ListAll(**connector);
    ASSERT_TRUE(listed.ok()) << listed.status();
    // The same ids as Pull's records, in the same scope (the HR issues are not this source's).
    const std::multiset<std::string> pulled = Ids(*records);
    EXPECT_EQ(*listed, std::set<std::string>(pulled.begin(), pulled.end()));
    EXPECT_EQ(*listed, (std::set<std::string>{"10001", "10002", "10004", "10005", "10006", "10007", "10009"}));
    EXPECT_EQ(jira.searches - searches_by_pull, 4);  // 7 ids, 2 a page
    EXPECT_EQ(jira.queries.back(), "(project = ITSM) ORDER BY created ASC, key ASC");
  }
}

TEST_F(JiraTest, ListIdsGoesOnPastAShortCloudPage) {
  FakeJira jira(Basic(), "UTC");
  PutScopedIssues(jira);
  jira.short_page_at = 2;  // a page of one issue that is not the last
  auto connector = Make(jira, {{"page_size", "3"}});
  ASSERT_TRUE(connector.ok()) << connector.status();
  auto listed = ListAll(**connector);
  ASSERT_TRUE(listed.ok()) << listed.status();
  EXPECT_EQ(listed->size(), 9u);
  EXPECT_EQ(jira.queries.back(), "ORDER BY created ASC, key ASC");
}

TEST_F(JiraTest, ListIdsFailsOnACloudPageThatIsNotLastWithoutAToken) {
  FakeJira jira(Basic(), "UTC");
  PutScopedIssues(jira);
  jira.last_without_token = true;
  auto connector = Make(jira, {{"page_size", "3"}});
  ASSERT_TRUE(connector.ok()) << connector.status();
  auto listed = ListAll(**connector);
  EXPECT_EQ(listed.status().code(), absl::StatusCode::kDataLoss) << listed.status();
  EXPECT_THAT(listed.status().message(), HasSubstr("isLast false but gave no nextPageToken"));
}

TEST_F(JiraTest, ListIdsFailsWhenDataCentersTotalIsNotReached) {
  FakeJira jira("Bearer " + std::string(kPat), "UTC", /*cloud=*/false);
  PutScopedIssues(jira);
  jira.total_lie = 2;  // two issues counted that no page returns
  auto connector = Make(jira, {{"page_size", "4"}}, /*datacenter=*/true);
  ASSERT_TRUE(connector.ok()) << connector.status();
  auto listed = ListAll(**connector);
  EXPECT_EQ(listed.status().code(), absl::StatusCode::kDataLoss) << listed.status();
  EXPECT_THAT(listed.status().message(), HasSubstr("before Jira's total of 11 issues"));
}

TEST_F(JiraTest, ListIdsFailsOnAnOutageAfterRetriesAndOnTheRequestBudget) {
  for (bool datacenter : {false, true}) {
    SCOPED_TRACE(datacenter ? "datacenter" : "cloud");
    FakeJira jira(datacenter ? "Bearer " + std::string(kPat) : Basic(), "UTC", !datacenter);
    PutScopedIssues(jira);
    jira.on_request = [&jira](int request, std::map<int64_t, FakeIssue>&) {
      if (request == 2) jira.status_override = 503;  // from the third request on
    };
    jira.body_override = "<html><title>Service Unavailable</title></html>";
    jira.content_type_override = "text/html";
    auto connector = Make(jira, {{"page_size", "3"}, {"max_retries", "2"}}, datacenter);
    ASSERT_TRUE(connector.ok()) << connector.status();
    auto listed = ListAll(**connector);
    EXPECT_EQ(listed.status().code(), absl::StatusCode::kUnavailable) << listed.status();
    EXPECT_EQ(jira.searches, 5);  // two pages, then the third three times

    FakeJira healthy(datacenter ? "Bearer " + std::string(kPat) : Basic(), "UTC", !datacenter);
    PutScopedIssues(healthy);
    auto budgeted = Make(healthy, {{"page_size", "3"}, {"max_pages", "2"}}, datacenter);
    ASSERT_TRUE(budgeted.ok()) << budgeted.status();
    listed = ListAll(**budgeted);
    EXPECT_EQ(listed.status().code(), absl::StatusCode::kResourceExhausted) << listed.status();
  }
}

TEST_F(JiraTest, StillPresentReturnsExactlyTheIssuesStillInScope) {
  for (bool datacenter : {false, true}) {
    SCOPED_TRACE(datacenter ? "datacenter" : "cloud");
    FakeJira jira(datacenter ? "Bearer " + std::string(kPat) : Basic(), "UTC", !datacenter);
    PutScopedIssues(jira);
    jira.Delete(10002);
    jira.Delete(10006);
    auto connector = Make(jira, {{"jql", "project = ITSM"}, {"page_size", "2"}}, datacenter);
    ASSERT_TRUE(connector.ok()) << connector.status();
    // 10003 is HR (out of scope), 10002 and 10006 deleted, "x1" and "0" no issue ids at all.
    auto present = (*connector)->ids()->StillPresent({"10001", "10002", "10003", "10005", "10006", "x1", "0", "10009"});
    ASSERT_TRUE(present.ok()) << present.status();
    EXPECT_EQ(*present, (std::vector<std::string>{"10001", "10005", "10009"}));
    if (datacenter) {
      // validateQuery=warn: the deleted ids are dropped by Jira, no issue asked by id.
      EXPECT_EQ(jira.issue_requests, 0);
      EXPECT_EQ(jira.queries.front(), "(project = ITSM) AND id in (10001, 10002, 10003, 10005, 10006, 10009) ORDER BY created ASC, key ASC");
    } else {
      // Strict validation rejected the JQL: each id asked, then the scope once more for those left,
      // with reconcileIssues for read-after-write consistency.
      EXPECT_EQ(jira.issue_requests, 6);
      EXPECT_EQ(jira.queries.back(), "(project = ITSM) AND id in (10001, 10003, 10005, 10009) ORDER BY created ASC, key ASC");
      EXPECT_EQ(jira.reconciled.back(), "10001,10003,10005,10009");
    }
    auto none = (*connector)->ids()->StillPresent({"10002"});
    ASSERT_TRUE(none.ok()) << none.status();
    EXPECT_TRUE(none->empty());
  }
}

TEST_F(JiraTest, StillPresentFindsTheIssueAListingSkippedWhenAnotherWasDeletedBetweenPages) {
  for (bool datacenter : {false, true}) {
    SCOPED_TRACE(datacenter ? "datacenter" : "cloud");
    FakeJira jira(datacenter ? "Bearer " + std::string(kPat) : Basic(), "UTC", !datacenter);
    for (int64_t id = 1; id <= 6; ++id) {
      FakeIssue issue = Issue(id, kT0);
      issue.created_ms = kT0 + id;
      jira.Put(issue);
    }
    // After the first page (1, 2, 3), issue 1 is deleted: offset paging shifts 4 into the first page.
    jira.on_request = [](int request, std::map<int64_t, FakeIssue>& issues) {
      if (request == 2) issues.erase(1);
    };
    auto connector = Make(jira, {{"page_size", "3"}}, datacenter);
    ASSERT_TRUE(connector.ok()) << connector.status();
    auto listed = ListAll(**connector);
    ASSERT_TRUE(listed.ok()) << listed.status();
    EXPECT_EQ(*listed, (std::set<std::string>{"1", "2", "3", "5", "6"}));  // 4 skipped
    // The sync engine re-checks the stored ids the listing missed: 4 is kept, 1 is not.
    jira.on_request = nullptr;
    auto present = (*connector)->ids()->StillPresent({"4"});
    ASSERT_TRUE(present.ok()) << present.status();
    EXPECT_EQ(*present, std::vector<std::string>{"4"});
  }
}

TEST_F(JiraTest, ListIdsStopsWithTheFirstErrorOfItsCallback) {
  FakeJira jira(Basic(), "UTC");
  PutScopedIssues(jira);
  auto connector = Make(jira, {{"page_size", "2"}});
  ASSERT_TRUE(connector.ok()) << connector.status();
  int calls = 0;
  EXPECT_EQ(testing_ids::ListStoppingAt(**connector, 3, &calls), absl::AbortedError("enough"));
  EXPECT_EQ(calls, 3);
  EXPECT_EQ(jira.searches, 2);
}

TEST_F(JiraTest, StillPresentTakesAtMostFiftyIds) {
  FakeJira jira(Basic(), "UTC");
  auto connector = Make(jira);
  ASSERT_TRUE(connector.ok()) << connector.status();
  std::vector<std::string> ids;
  for (int id = 1; id <= 51; ++id) ids.push_back(absl::StrCat(id));
  EXPECT_EQ((*connector)->ids()->StillPresent(ids).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ((*connector)->ids()->policy().every_runs, 1);
}

}  // namespace
}  // namespace crosswalk::jira
