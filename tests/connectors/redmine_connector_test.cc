// The redmine connector against a fake Redmine 5 REST API on loopback
// (tests/connectors/fake_redmine.h): fields, offset paging re-anchored when issues change under
// it, Redmine's total_count, the cursor, trackers, and what each fault says.
#include "connectors/redmine/redmine_connector.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "connectors/redmine/redmine_page.h"
#include "gateway/core/unicode.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/connectors/listed_ids.h"
#include "tests/connectors/fake_redmine.h"

namespace crosswalk::redmine {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using testing_redmine::FakeIssue;
using testing_redmine::FakeRedmine;

constexpr char kKey[] = "0123456789abcdef0123456789abcdef01234567";
constexpr int64_t kT0 = 1'790'000'000;  // 2026-09-21T14:13:20Z

std::string Field(const RawRecord& record, const std::string& role) {
  for (const RawField& field : record.fields) {
    if (field.role == role) return field.value;
  }
  return "<absent>";
}

std::vector<std::string> Ids(const std::vector<RawRecord>& records) {
  std::vector<std::string> ids;
  for (const RawRecord& record : records) ids.push_back(record.native_id);
  return ids;
}

class RedmineConnectorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("redmine_connector_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
    std::ofstream(dir_ / "key") << kKey << "\n";
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  SourceConfig Config(std::map<std::string, std::string> extra = {}) {
    SourceConfig config{"redmine-desk", "redmine", {{"url", redmine_.url()}, {"token_file", (dir_ / "key").string()}}};
    for (auto& [key, value] : extra) config.options[key] = value;
    return config;
  }

  absl::StatusOr<std::unique_ptr<Connector>> Make(std::map<std::string, std::string> extra = {}) {
    ConnectorDeps deps{&clock_, NewHttplibClient};
    return RedmineConnectorFactory().create(Config(std::move(extra)), deps);
  }

  // Reads from `cursor` to the end; returns the records, and the last cursor in `cursor`.
  absl::StatusOr<std::vector<RawRecord>> ReadAll(Connector& connector, std::string* cursor,
                                                 int max_records = 100, ConnectorPage* last = nullptr) {
    if (auto status = connector.Start(*cursor); !status.ok()) return status;
    std::vector<RawRecord> out;
    for (int page = 1; page < 10'000; ++page) {
      auto pulled = connector.Pull(max_records);
      if (!pulled.ok()) return pulled.status();
      for (RawRecord& record : pulled->records) out.push_back(std::move(record));
      if (!pulled->next_cursor.empty()) *cursor = pulled->next_cursor;
      if (pulled->done) {
        if (last != nullptr) *last = *pulled;
        return out;
      }
    }
    return absl::InternalError("no end");
  }

  FakeIssue Issue(int64_t id, int64_t updated, std::string tracker = "障害") {
    FakeIssue issue;
    issue.id = id;
    issue.subject = "issue " + std::to_string(id);
    issue.tracker = std::move(tracker);
    issue.created = kT0 - 3600;
    issue.updated = updated;
    return issue;
  }

  std::filesystem::path dir_;
  ManualClock clock_;
  FakeRedmine redmine_{kKey};
};

TEST_F(RedmineConnectorTest, ReadsEachIssuesFieldsUnderTheirRolesAndCustomFieldsAsAttributes) {
  FakeIssue open = Issue(12, kT0, "問い合わせ");
  open.status = "進行中";
  open.priority = "急いで";
  open.assigned_to = "山田 太郎";
  open.custom = {{"影響範囲", {"全社"}}, {"対象システム", {"メール", "VPN"}}, {"空欄", {""}}};
  redmine_.Put(open);
  FakeIssue closed = Issue(13, kT0 + 1, "変更要求");
  closed.status = "終了";
  closed.closed = true;
  redmine_.Put(closed);
  auto connector = Make();
  ASSERT_TRUE(connector.ok()) << connector.status();
  std::string cursor;
  auto records = ReadAll(**connector, &cursor);
  ASSERT_TRUE(records.ok()) << records.status();
  ASSERT_EQ(records->size(), 2u);  // the closed issue too: status_id=*
  const RawRecord& first = (*records)[0];
  EXPECT_EQ(first.native_id, "12");
  EXPECT_EQ(first.native_kind, "issue");
  EXPECT_EQ(first.location, "Redmine issue 12");
  EXPECT_EQ(Field(first, "title"), "issue 12");
  EXPECT_EQ(Field(first, "kind"), "問い合わせ");
  EXPECT_EQ(Field(first, "tracker"), "問い合わせ");
  EXPECT_EQ(Field(first, "status"), "進行中");
  EXPECT_EQ(Field(first, "priority"), "急いで");
  EXPECT_EQ(Field(first, "owner"), "山田 太郎");
  EXPECT_EQ(Field(first, "requester"), "Redmine Admin");
  EXPECT_EQ(Field(first, "project"), "desk");
  EXPECT_EQ(Field(first, "opened"), "2026-09-21T13:13:20Z");
  EXPECT_EQ(Field(first, "updated"), "2026-09-21T14:13:20Z");
  EXPECT_EQ(Field(first, "started"), "2026-09-21");
  EXPECT_EQ(Field(first, "due"), "<absent>");       // null
  EXPECT_EQ(Field(first, "closed"), "<absent>");
  EXPECT_EQ(Field(first, "description"), "<absent>");  // empty
  EXPECT_EQ(Field(first, "影響範囲"), "全社");
  EXPECT_EQ(Field(first, "対象システム"), "メール, VPN");
  EXPECT_EQ(Field(first, "空欄"), "<absent>");
  EXPECT_EQ(Field(first, "private"), "false");
  EXPECT_EQ(Field(first, "is_private"), "<absent>");
  for (const RawField& field : first.fields) {
    if (field.role == "影響範囲") {
      EXPECT_TRUE(field.extra) << field.role;
    }
    if (field.role == "title") {
      EXPECT_FALSE(field.extra);
    }
  }
  EXPECT_EQ(Field((*records)[1], "closed"), "2026-09-21T14:13:21Z");
  EXPECT_EQ(cursor, R"({"seen":[13],"watermark":"2026-09-21T14:13:21Z"})");
}

TEST_F(RedmineConnectorTest, PagesByOffsetWithOneIssueOfOverlapAndEndsAtTotalCount) {
  for (int64_t id = 1; id <= 7; ++id) redmine_.Put(Issue(id, kT0 + id));
  auto connector = Make({{"page_size", "3"}});
  ASSERT_TRUE(connector.ok()) << connector.status();
  std::string cursor;
  auto records = ReadAll(**connector, &cursor);
  ASSERT_TRUE(records.ok()) << records.status();
  EXPECT_THAT(Ids(*records), ElementsAre("1", "2", "3", "4", "5", "6", "7"));
  // 3, then from the third (its check) 1+3, then from the sixth 1+1: offset 7 = total_count.
  EXPECT_THAT(redmine_.queries,
              ElementsAre("offset=0&limit=3&updated_on=&sort=updated_on:asc,id:asc",
                          "offset=2&limit=4&updated_on=&sort=updated_on:asc,id:asc",
                          "offset=5&limit=4&updated_on=&sort=updated_on:asc,id:asc"));
}

TEST_F(RedmineConnectorTest, AThousandIssuesSharingOneSecondAreEachReadOnce) {
  for (int64_t id = 1; id <= 1000; ++id) redmine_.Put(Issue(id, kT0));
  redmine_.Put(Issue(1001, kT0 + 5));
  auto connector = Make();
  ASSERT_TRUE(connector.ok()) << connector.status();
  std::string cursor;
  auto records = ReadAll(**connector, &cursor);
  ASSERT_TRUE(records.ok()) << records.status();
  std::set<std::string> ids;
  for (const RawRecord& record : *records) ids.insert(record.native_id);
  EXPECT_EQ(records->size(), 1001u);
  EXPECT_EQ(ids.size(), 1001u);
}

TEST_F(RedmineConnectorTest, AnIssueUpdatedBetweenPagesShiftsTheOffsetsButNothingIsLostOrRepeated) {
  for (int64_t id = 1; id <= 10; ++id) redmine_.Put(Issue(id, kT0 + id));
  // After the first page (1–3) issue 2 (read) is updated: every later offset moves down by one,
  // so offset 3 now holds issue 5 and issue 4 would be skipped by plain offset paging.
  redmine_.on_request = [](int request, std::map<int64_t, FakeIssue>& issues) {
    if (request != 2) return;
    issues[2].status = "解決";
    issues[2].updated = kT0 + 100;
  };
  auto connector = Make({{"page_size", "3"}});
  ASSERT_TRUE(connector.ok()) << connector.status();
  std::string cursor;
  ConnectorPage last;
  auto records = ReadAll(**connector, &cursor, 100, &last);
  ASSERT_TRUE(records.ok()) << records.status();
  // Issue 2 twice (before and after its update), every other issue exactly once.
  EXPECT_THAT(Ids(*records), ElementsAre("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "2"));
  EXPECT_EQ(Field(records->back(), "status"), "解決");
  EXPECT_EQ(last.total, last.position);
  EXPECT_THAT(last.notes, ElementsAre(HasSubstr("re-read from their updated_on 1 time")));
  // The drift was seen (offset 2 no longer held issue 3) and the query re-anchored at issue 3's second.
  ASSERT_GE(redmine_.queries.size(), 3u);
  EXPECT_EQ(redmine_.queries[2], "offset=0&limit=3&updated_on=>=2026-09-21T14:13:23Z&sort=updated_on:asc,id:asc");
}

TEST_F(RedmineConnectorTest, ANewIssueInTheSecondBeingReadIsNotLost) {
  for (int64_t id = 1; id <= 6; ++id) redmine_.Put(Issue(id * 10, kT0));  // 10..60, one second
  redmine_.on_request = [](int request, std::map<int64_t, FakeIssue>& issues) {
    if (request != 2) return;
    FakeIssue late;
    late.id = 15;  // sorts between read issues of the same second: offsets move up by one
    late.subject = "late";
    late.created = kT0;
    late.updated = kT0;
    issues[15] = late;
    issues[20].updated = kT0 + 50;  // and one read issue moves away: the offsets balance out
  };
  auto connector = Make({{"page_size", "3"}});
  ASSERT_TRUE(connector.ok()) << connector.status();
  std::string cursor;
  auto records = ReadAll(**connector, &cursor);
  ASSERT_TRUE(records.ok()) << records.status();
  std::set<std::string> ids;
  for (const RawRecord& record : *records) ids.insert(record.native_id);
  EXPECT_EQ(ids, (std::set<std::string>{"10", "15", "20", "30", "40", "50", "60"}));
  EXPECT_EQ(records->size(), 8u);  // 20 twice: before and after its update
  // The offsets check passed; the count did not (6 distinct issues read, total_count 7): the
  // query was read again from the second being read when the count grew.
  EXPECT_THAT(redmine_.queries.back(), HasSubstr("updated_on=>=2026-09-21T14:13:20Z"));
}

// As Redmine on SQLite: sub-second times order issues within a second (not by id), and
// updated_on>=T also lists issues of T-1 with a fraction of a second.
TEST_F(RedmineConnectorTest, SubSecondOrderAndTheSecondBeforeTheFilterAreHandled) {
  for (int64_t id = 1; id <= 6; ++id) {
    FakeIssue issue = Issue(id, kT0 + (id <= 3 ? 0 : 1));
    issue.micros = static_cast<int>(900'000 - id * 100'000);  // ids descending within each second
    redmine_.Put(issue);
  }
  std::string cursor;
  auto first = Make({{"overlap", "0"}, {"page_size", "2"}});
  ASSERT_TRUE(first.ok());
  auto records = ReadAll(**first, &cursor);
  ASSERT_TRUE(records.ok()) << records.status();
  EXPECT_THAT(Ids(*records), ElementsAre("3", "2", "1", "6", "5", "4"));
  EXPECT_EQ(cursor, R"({"seen":[4,5,6],"watermark":"2026-09-21T14:13:21Z"})");

  // The next run asks for >= kT0+1; Redmine also lists kT0's issues (fractions > 0): skipped.
  FakeIssue later = Issue(7, kT0 + 9);
  later.micros = 5;
  redmine_.Put(later);
  auto next = Make({{"overlap", "0"}});
  ASSERT_TRUE(next.ok());
  auto changes = ReadAll(**next, &cursor);
  ASSERT_TRUE(changes.ok()) << changes.status();
  EXPECT_THAT(Ids(*changes), ElementsAre("7"));
  EXPECT_THAT(redmine_.queries.back(), HasSubstr("updated_on=>=2026-09-21T14:13:21Z"));
}

TEST_F(RedmineConnectorTest, TheCursorResumesAtTheWatermarkAndTheOverlapReReadsItsWindow) {
  for (int64_t id = 1; id <= 5; ++id) redmine_.Put(Issue(id, kT0 + id));
  std::string cursor;
  {
    auto connector = Make({{"overlap", "0"}});
    ASSERT_TRUE(connector.ok()) << connector.status();
    ASSERT_TRUE(ReadAll(**connector, &cursor).ok());
  }
  EXPECT_EQ(cursor, R"({"seen":[5],"watermark":"2026-09-21T14:13:25Z"})");
  FakeIssue changed = Issue(3, kT0 + 5);  // updated in the watermark's own second
  changed.status = "フィードバック";
  redmine_.Put(changed);
  redmine_.Put(Issue(6, kT0 + 400));
  auto exact = Make({{"overlap", "0"}});
  ASSERT_TRUE(exact.ok()) << exact.status();
  std::string again = cursor;
  auto changes = ReadAll(**exact, &again);
  ASSERT_TRUE(changes.ok()) << changes.status();
  // Issue 5 was read at the watermark's second: the seen set skips it; 3 is new at that second.
  EXPECT_THAT(Ids(*changes), ElementsAre("3", "6"));
  EXPECT_THAT(redmine_.queries.back(), HasSubstr("updated_on=>=2026-09-21T14:13:25Z"));

  auto overlapping = Make({{"overlap", "300"}});
  ASSERT_TRUE(overlapping.ok());
  std::string window = cursor;
  auto reread = ReadAll(**overlapping, &window);
  ASSERT_TRUE(reread.ok()) << reread.status();
  EXPECT_THAT(Ids(*reread), ElementsAre("1", "2", "4", "3", "5", "6"));
  EXPECT_THAT(redmine_.queries.back(), HasSubstr("updated_on=>=2026-09-21T14:08:25Z"));  // 300 s before

  // Nothing new: the cursor stays where it was.
  auto none = Make({{"overlap", "0"}});
  ASSERT_TRUE(none.ok());
  std::string still = again;
  auto nothing = ReadAll(**none, &still);
  ASSERT_TRUE(nothing.ok()) << nothing.status();
  EXPECT_TRUE(nothing->empty());
  EXPECT_EQ(still, again);
}

TEST_F(RedmineConnectorTest, TheTotalIsReportedAndAShortfallLeavesItAboveThePosition) {
  for (int64_t id = 1; id <= 5; ++id) redmine_.Put(Issue(id, kT0 + id));
  auto connector = Make({{"page_size", "2"}});
  ASSERT_TRUE(connector.ok());
  ASSERT_TRUE((*connector)->Start("").ok());
  auto first = (*connector)->Pull(100);
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(first->total, 5);
  EXPECT_EQ(first->position, 2);
  EXPECT_FALSE(first->done);

  // A Redmine whose total_count says two more issues than it lists: the run ends on the page with
  // nothing new, its total above the records read (the sync engine fails such a run: DATA_LOSS).
  redmine_.total_bias = 2;
  std::string cursor;
  ConnectorPage last;
  auto records = ReadAll(**connector, &cursor, 100, &last);
  ASSERT_TRUE(records.ok()) << records.status();
  EXPECT_EQ(records->size(), 5u);
  EXPECT_TRUE(last.done);
  EXPECT_EQ(last.position, 5);
  EXPECT_EQ(last.total, 7);
}

TEST_F(RedmineConnectorTest, TrackersAndTheProjectFilterTheQuery) {
  redmine_.Put(Issue(1, kT0, "障害"));
  redmine_.Put(Issue(2, kT0, "変更要求"));
  redmine_.Put(Issue(3, kT0, "機能"));
  FakeIssue other = Issue(4, kT0, "障害");
  other.project = "ops";
  redmine_.Put(other);
  auto connector = Make({{"trackers", "障害, 6"}, {"project", "desk"}});
  ASSERT_TRUE(connector.ok()) << connector.status();
  std::string cursor;
  auto records = ReadAll(**connector, &cursor);
  ASSERT_TRUE(records.ok()) << records.status();
  EXPECT_THAT(Ids(*records), ElementsAre("1", "2"));

  auto unknown = Make({{"trackers", "苦情"}});
  ASSERT_TRUE(unknown.ok());
  auto failed = ReadAll(**unknown, &cursor);
  EXPECT_EQ(failed.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(failed.status().message(), HasSubstr("trackers: Redmine has no tracker '苦情' (it has: バグ, 機能"));

  auto missing = Make({{"project", "nope"}});
  ASSERT_TRUE(missing.ok());
  auto not_found = ReadAll(**missing, &cursor);
  EXPECT_EQ(not_found.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(not_found.status().message(), HasSubstr("project 'nope' must exist"));
}

TEST_F(RedmineConnectorTest, ARefusedKeySaysSoWithoutTheKey) {
  std::ofstream(dir_ / "key") << "wrong-key-0000\n";
  auto connector = Make();
  ASSERT_TRUE(connector.ok());
  std::string cursor;
  auto records = ReadAll(**connector, &cursor);
  ASSERT_FALSE(records.ok());
  EXPECT_EQ(records.status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_THAT(records.status().message(), HasSubstr("the server refused the credentials (HTTP 401"));
  EXPECT_THAT(records.status().message(), Not(HasSubstr("wrong-key")));
}

TEST_F(RedmineConnectorTest, A422ShowsRedminesErrors) {
  redmine_.status_override = 422;
  redmine_.body_override = R"({"errors":["Updated is not a valid date","Tracker is invalid"]})";
  auto connector = Make();
  ASSERT_TRUE(connector.ok());
  std::string cursor;
  auto records = ReadAll(**connector, &cursor);
  ASSERT_FALSE(records.ok());
  EXPECT_EQ(records.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(records.status().message(),
              HasSubstr("/issues.json offset 0: Redmine rejected the request (422): Updated is not a valid date; Tracker is invalid"));
}

// A long Japanese error (Redmine answers in the user's language) is shortened at a character
// boundary, and a terminal control in it is escaped: the message stays valid UTF-8 and safe to print.
TEST_F(RedmineConnectorTest, ALongJapaneseErrorIsShortenedAtACharacterAndEscaped) {
  redmine_.status_override = 422;
  std::string errors;
  for (int i = 0; i < 12; ++i) absl::StrAppend(&errors, i ? "\",\"" : "", "更新日は不正な値です\\u001b[31m");
  redmine_.body_override = absl::StrCat(R"({"errors":[")", errors, R"("]})");
  auto connector = Make();
  ASSERT_TRUE(connector.ok());
  std::string cursor;
  auto records = ReadAll(**connector, &cursor);
  ASSERT_FALSE(records.ok());
  const std::string message(records.status().message());
  EXPECT_THAT(message, HasSubstr("Redmine rejected the request (422): 更新日は不正な値です"));
  EXPECT_THAT(message, HasSubstr("…"));
  EXPECT_TRUE(IsValidUtf8(message)) << message;
  EXPECT_EQ(message.find('\x1b'), std::string::npos) << message;
  EXPECT_LT(message.size(), 400u);
}

TEST_F(RedmineConnectorTest, A403SaysToEnableTheRestApi) {
  redmine_.status_override = 403;
  auto connector = Make();
  ASSERT_TRUE(connector.ok());
  std::string cursor;
  auto records = ReadAll(**connector, &cursor);
  EXPECT_EQ(records.status().code(), absl::StatusCode::kPermissionDenied);
  EXPECT_THAT(records.status().message(), HasSubstr("is the REST API enabled"));
}

TEST_F(RedmineConnectorTest, BadJsonAndHtmlNameThePage) {
  redmine_.status_override = 200;
  redmine_.body_override = R"({"issues":[{"id":1,"updated_on":"2026-09-21T14:13:20Z"},{"id":2,"updated_on":"21/09/2026"}],"total_count":2})";
  auto connector = Make();
  ASSERT_TRUE(connector.ok());
  std::string cursor;
  auto records = ReadAll(**connector, &cursor);
  ASSERT_FALSE(records.ok());
  EXPECT_THAT(records.status().message(),
              HasSubstr("/issues.json offset 0: Redmine issues page, item 2 (id 2): 'updated_on' is not an ISO-8601 UTC time"));

  redmine_.body_override = "{\"issues\": [";
  records = ReadAll(**connector, &cursor);
  EXPECT_THAT(records.status().message(), HasSubstr("offset 0: Redmine issues page: the body is not a JSON object"));

  redmine_.content_type_override = "text/html";
  redmine_.body_override = "<html><body>Sign in</body></html>";
  records = ReadAll(**connector, &cursor);
  ASSERT_FALSE(records.ok());
  EXPECT_THAT(records.status().message(), HasSubstr("expected JSON, got an HTML page"));
}

TEST_F(RedmineConnectorTest, JournalsGiveEachIssuesStatusHistory) {
  FakeIssue changed = Issue(1, kT0 + 10, "障害");
  changed.status = "解決";
  changed.journals = {{kT0 + 5, "新規", "進行中"}, {kT0 + 10, "進行中", "解決"}};
  redmine_.Put(changed);
  redmine_.Put(Issue(2, kT0 + 11, "問い合わせ"));  // never changed status
  auto off = Make();
  ASSERT_TRUE(off.ok());
  std::string cursor;
  auto plain = ReadAll(**off, &cursor);
  ASSERT_TRUE(plain.ok()) << plain.status();
  EXPECT_EQ(Field((*plain)[0], "status_history"), "<absent>");
  EXPECT_EQ(redmine_.issue_requests, 0);

  auto on = Make({{"journals", "true"}});
  ASSERT_TRUE(on.ok()) << on.status();
  cursor.clear();
  auto records = ReadAll(**on, &cursor);
  ASSERT_TRUE(records.ok()) << records.status();
  ASSERT_EQ(records->size(), 2u);
  EXPECT_EQ(Field((*records)[0], "status_history"),
            "2026-09-21T14:13:25Z 新規→進行中 (Redmine Admin); 2026-09-21T14:13:30Z 進行中→解決 (Redmine Admin)");
  EXPECT_EQ(Field((*records)[1], "status_history"), "<absent>");
  EXPECT_EQ(redmine_.issue_requests, 2);  // one per issue

  auto bad = Make({{"journals", "yes"}});
  EXPECT_THAT(bad.status().message(), HasSubstr("journals: 'yes' is not true or false"));
}

TEST_F(RedmineConnectorTest, ThePageBudgetEndsARunLoudly) {
  for (int64_t id = 1; id <= 10; ++id) redmine_.Put(Issue(id, kT0 + id));
  auto connector = Make({{"page_size", "2"}, {"max_pages", "3"}});
  ASSERT_TRUE(connector.ok());
  std::string cursor;
  auto records = ReadAll(**connector, &cursor);
  ASSERT_FALSE(records.ok());
  EXPECT_EQ(records.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(records.status().message(), HasSubstr("page budget of 3"));
}

TEST_F(RedmineConnectorTest, BadConfigNamesTheKey) {
  auto big = Make({{"page_size", "500"}});
  EXPECT_THAT(big.status().message(), HasSubstr("page_size: '500' is not a whole number from 1 to 100"));
  auto project = Make({{"project", "Service Desk"}});
  EXPECT_THAT(project.status().message(), HasSubstr("project: 'Service Desk' is not a Redmine project identifier"));
  auto cursor = Make();
  ASSERT_TRUE(cursor.ok());
  EXPECT_THAT((*cursor)->Start(R"({"watermark":"yesterday"})").message(), HasSubstr("not a redmine cursor"));
}

TEST_F(RedmineConnectorTest, BasicAuthIsTheAlternativeToAKey) {
  std::ofstream(dir_ / "password") << "pw\n";
  SourceConfig config{"redmine-desk", "redmine",
                      {{"url", redmine_.url()}, {"user", "admin"}, {"password_file", (dir_ / "password").string()}}};
  ConnectorDeps deps{&clock_, NewHttplibClient};
  auto connector = RedmineConnectorFactory().create(config, deps);
  ASSERT_TRUE(connector.ok()) << connector.status();
  std::string cursor;
  auto refused = ReadAll(**connector, &cursor);
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kUnauthenticated);  // the fake knows no such user yet
  redmine_.Put(Issue(1, kT0));
  redmine_.basic_user = "admin";
  redmine_.basic_password = "pw";
  auto records = ReadAll(**connector, &cursor);
  ASSERT_TRUE(records.ok()) << records.status();
  EXPECT_THAT(Ids(*records), ElementsAre("1"));
}

// The id listing (issue 12: deletes by id reconciliation).

using testing_ids::ByNumber;
using testing_ids::ListAll;

TEST_F(RedmineConnectorTest, TheIdListingHoldsEveryIssueOverSeveralPagesAndNoDeletedOne) {
  for (int64_t id = 1; id <= 250; ++id) {
    FakeIssue issue = Issue(id, kT0 + (id % 9));
    issue.closed = id % 5 == 0;  // closed issues are listed too (status_id=*)
    redmine_.Put(issue);
  }
  for (int64_t id : {3, 100, 101, 250}) redmine_.Delete(id);
  auto connector = Make();
  ASSERT_TRUE(connector.ok());
  ASSERT_NE((*connector)->ids(), nullptr);
  auto listed = ListAll(**connector);
  ASSERT_TRUE(listed.ok()) << listed.status();
  const std::vector<std::string> ids = ByNumber(*listed);
  EXPECT_EQ(ids, redmine_.Ids());
  EXPECT_EQ(ids.size(), 246u);
  EXPECT_THAT(redmine_.queries, ElementsAre("offset=0&limit=100&updated_on=&sort=id", "offset=100&limit=100&updated_on=&sort=id",
                                            "offset=200&limit=100&updated_on=&sort=id"));
  EXPECT_EQ(redmine_.scopes[0], "status_id=*&project_id=&tracker_id=&issue_id=");
  // Pull's native ids are the listing's.
  std::string cursor;
  auto records = ReadAll(**connector, &cursor);
  ASSERT_TRUE(records.ok()) << records.status();
  std::vector<std::string> pulled = Ids(*records);
  std::sort(pulled.begin(), pulled.end(), [](const std::string& a, const std::string& b) { return std::stoll(a) < std::stoll(b); });
  EXPECT_EQ(pulled, ids);
}

TEST_F(RedmineConnectorTest, TheIdListingHasPullsScope) {
  int64_t id = 0;
  for (const char* project : {"desk", "ops"}) {
    for (const char* tracker : {"障害", "機能", "変更要求"}) {
      FakeIssue issue = Issue(++id, kT0 + id, tracker);
      issue.project = project;
      redmine_.Put(issue);
    }
  }
  auto connector = Make({{"project", "desk"}, {"trackers", "障害, 変更要求"}, {"page_size", "1"}});
  ASSERT_TRUE(connector.ok());
  std::string cursor;
  auto records = ReadAll(**connector, &cursor);
  ASSERT_TRUE(records.ok()) << records.status();
  auto listed = ListAll(**connector);
  ASSERT_TRUE(listed.ok()) << listed.status();
  const std::vector<std::string> ids = ByNumber(*listed);
  EXPECT_EQ(ids, (std::vector<std::string>{"1", "3"}));
  EXPECT_EQ(ids, Ids(*records));
  EXPECT_EQ(redmine_.scopes.back(), "status_id=*&project_id=desk&tracker_id=4|6&issue_id=");
  EXPECT_THAT(redmine_.queries, testing::IsSupersetOf({"offset=0&limit=1&updated_on=&sort=id", "offset=1&limit=1&updated_on=&sort=id"}));
}

TEST_F(RedmineConnectorTest, PagingFaultsFailTheIdListingInsteadOfShorteningIt) {
  for (int64_t id = 1; id <= 230; ++id) redmine_.Put(Issue(id, kT0));
  absl::Status status;
  {
    redmine_.short_page_at = 2;  // 99 issues where 100 were due
    auto connector = Make();
    ASSERT_TRUE(connector.ok());
    status = ListAll(**connector).status();
    EXPECT_EQ(status.code(), absl::StatusCode::kDataLoss) << status;
    EXPECT_THAT(status.message(), HasSubstr("offset 100: 99 issues came where total_count 230 and limit 100 say 100"));
    redmine_.short_page_at = 0;
  }
  {
    redmine_.total_bias = 1;  // a total_count the pages never reach
    auto connector = Make();
    ASSERT_TRUE(connector.ok());
    status = ListAll(**connector).status();
    EXPECT_EQ(status.code(), absl::StatusCode::kDataLoss) << status;
    EXPECT_THAT(status.message(), HasSubstr("offset 200: 30 issues came where total_count 231"));
    redmine_.total_bias = 0;
  }
  {
    redmine_.status_override = 503;  // the second page fails, retries included
    redmine_.status_override_from = static_cast<int>(redmine_.queries.size()) + 2;
    auto connector = Make({{"max_retries", "2"}});
    ASSERT_TRUE(connector.ok());
    status = ListAll(**connector).status();
    EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable) << status;
    redmine_.status_override = 0;
  }
  {
    auto connector = Make({{"max_pages", "2"}});  // the request budget covers the listing too
    ASSERT_TRUE(connector.ok());
    status = ListAll(**connector).status();
    EXPECT_EQ(status.code(), absl::StatusCode::kResourceExhausted) << status;
  }
}

TEST_F(RedmineConnectorTest, AnIssueDeletedWhileListingMakesTheNextBeSkippedAndStillPresentKeepsIt) {
  for (int64_t id = 1; id <= 150; ++id) redmine_.Put(Issue(id, kT0));
  // Before the second page, issue 10 (listed on the first) is deleted: every later offset moves
  // down by one, and issue 101 is never on a page.
  redmine_.on_request = [](int request, std::map<int64_t, FakeIssue>& issues) {
    if (request == 2) issues.erase(10);
  };
  auto connector = Make();
  ASSERT_TRUE(connector.ok());
  auto listed = ListAll(**connector);
  ASSERT_TRUE(listed.ok()) << listed.status();  // Redmine's counts agree: the skip cannot be seen here
  const std::vector<std::string> ids = ByNumber(*listed);
  EXPECT_EQ(listed->count("101"), 0u);
  EXPECT_EQ(listed->count("10"), 1u);
  EXPECT_EQ(ids.size(), 149u);
  // The sync engine asks by id before it deletes a stored issue the listing missed: 101 is kept.
  redmine_.on_request = nullptr;
  auto present = (*connector)->ids()->StillPresent({"101", "10"});
  ASSERT_TRUE(present.ok()) << present.status();
  EXPECT_EQ(*present, (std::vector<std::string>{"101"}));
}

TEST_F(RedmineConnectorTest, StillPresentGivesExactlyTheIssuesStillThereInScope) {
  FakeIssue kept = Issue(1, kT0);
  kept.closed = true;  // closed is still there
  redmine_.Put(kept);
  redmine_.Put(Issue(2, kT0));
  redmine_.Put(Issue(3, kT0, "機能"));  // another tracker: out of scope
  FakeIssue elsewhere = Issue(4, kT0);
  elsewhere.project = "ops";  // another project: out of scope
  redmine_.Put(elsewhere);
  redmine_.Put(Issue(5, kT0));
  redmine_.Delete(2);
  auto connector = Make({{"project", "desk"}, {"trackers", "障害"}, {"page_size", "1"}});  // one request whatever page_size
  ASSERT_TRUE(connector.ok());
  auto present = (*connector)->ids()->StillPresent({"1", "2", "3", "4", "5", "99", "x", "007"});
  ASSERT_TRUE(present.ok()) << present.status();
  std::vector<std::string> sorted = *present;
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(sorted, (std::vector<std::string>{"1", "5"}));
  EXPECT_EQ(redmine_.scopes.back(), "status_id=*&project_id=desk&tracker_id=4&issue_id=1,2,3,4,5,99");
  std::vector<std::string> many(IdLister::kMaxCheckedIds + 1, "1");
  EXPECT_EQ((*connector)->ids()->StillPresent(many).status().code(), absl::StatusCode::kInvalidArgument);
  redmine_.status_override = 500;
  EXPECT_FALSE((*connector)->ids()->StillPresent({"1"}).ok());  // never "none present"
  EXPECT_EQ((*connector)->ids()->policy().max_delete_percent, 10);
}

TEST(RedminePageTest, AnIdPageReadsOnlyTheIdsAndNamesWhatIsWrong) {
  // An issue Pull would report as bad (no updated_on) is still an id of the listing.
  auto page = ParseRedmineIdPage(R"({"issues":[{"id":5,"subject":"x"},{"id":"7"}],"total_count":9,"offset":2,"limit":2})");
  ASSERT_TRUE(page.ok()) << page.status();
  EXPECT_EQ(page->ids, (std::vector<int64_t>{5, 7}));
  EXPECT_EQ(page->total_count, 9);
  EXPECT_EQ(page->offset, 2);
  EXPECT_EQ(page->limit, 2);
  EXPECT_FALSE(ParseRedmineIdPage(R"({"issues":[]})")->total_count.has_value());
  EXPECT_THAT(ParseRedmineIdPage(R"({"issues":[{"id":-1}]})").status().message(), HasSubstr("item 1 (id -1): 'id' is not a positive integer"));
  EXPECT_THAT(ParseRedmineIdPage(R"({"issues":[3]})").status().message(), HasSubstr("item 1: 'id' is not a positive integer"));
  EXPECT_THAT(ParseRedmineIdPage(R"({"total_count":1})").status().message(), HasSubstr("no 'issues' list"));
}

TEST(RedminePageTest, ShapesAndErrors) {
  auto page = ParseRedminePage(R"({"issues":[],"total_count":0,"offset":0,"limit":25})");
  ASSERT_TRUE(page.ok()) << page.status();
  EXPECT_EQ(page->total_count, 0);
  auto bad_id = ParseRedminePage(R"({"issues":[{"id":"x"}]})");
  EXPECT_THAT(bad_id.status().message(), HasSubstr("item 1 (id x): 'id' is not a positive integer"));
  auto no_list = ParseRedminePage(R"({"errors":["nope"]})");
  EXPECT_THAT(no_list.status().message(), HasSubstr("no 'issues' list"));
  auto custom = ParseRedminePage(R"({"issues":[{"id":3,"updated_on":"2026-11-22T12:12:14Z","custom_fields":[{"id":1}]}]})");
  EXPECT_THAT(custom.status().message(), HasSubstr("item 1 (id 3): a custom field has no 'name'"));
  auto due = ParseRedminePage(R"({"issues":[{"id":3,"updated_on":"2026-11-22T12:12:14Z","due_date":"soon"}]})");
  EXPECT_THAT(due.status().message(), HasSubstr("'due_date' is not a date like 2026-11-22"));
  // A member the connector does not know is kept as an extra under its Redmine name.
  auto unknown = ParseRedminePage(R"({"issues":[{"id":3,"updated_on":"2026-11-22T12:12:14Z","watchers_count":4}]})");
  ASSERT_TRUE(unknown.ok()) << unknown.status();
  ASSERT_EQ(unknown->issues[0].record.fields.size(), 2u);  // updated, watchers_count
  EXPECT_EQ(unknown->issues[0].record.fields[1].role, "watchers_count");
  EXPECT_EQ(unknown->issues[0].record.fields[1].value, "4");
  EXPECT_TRUE(unknown->issues[0].record.fields[1].extra);
  EXPECT_EQ(RedmineErrors(R"({"errors":["Subject cannot be blank","Tracker is invalid"]})"),
            "Subject cannot be blank; Tracker is invalid");
  EXPECT_EQ(RedmineErrors("<html>"), "");
  auto history = ParseStatusHistory(R"({"issue":{"id":3,"journals":[{"id":1,"created_on":"2026-11-22T12:12:14Z","details":[{"property":"attr","name":"status_id","old_value":"1","new_value":"9"},{"property":"attr","name":"subject","old_value":"a","new_value":"b"}]}]}})",
                                     {{"1", "新規"}});
  ASSERT_TRUE(history.ok()) << history.status();
  EXPECT_EQ(*history, "2026-11-22T12:12:14Z 新規→9");  // an unknown status id stays a number
  auto no_journals = ParseStatusHistory(R"({"issue":{"id":3}})", {});
  EXPECT_THAT(no_journals.status().message(), HasSubstr("no 'journals' list"));
  auto bad_journal = ParseStatusHistory(R"({"issue":{"journals":[{"created_on":"today"}]}})", {});
  EXPECT_THAT(bad_journal.status().message(), HasSubstr("journal 1: not an object with an ISO-8601 UTC 'created_on'"));
}

}  // namespace
}  // namespace crosswalk::redmine
