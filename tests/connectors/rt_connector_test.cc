// The rt connector against a fake RT 5 REST2 server on loopback (tests/connectors/fake_rt.h):
// fields, keyset paging through ties and updates while paging, RT's end markers, the cursor, and
// what each fault says.
#include "connectors/rt/rt_connector.h"

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <algorithm>

#include "connectors/rt/rt_page.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/connectors/listed_ids.h"
#include "tests/connectors/fake_rt.h"

namespace crosswalk::rt {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using testing_rt::FakeRt;
using testing_rt::FakeTicket;

constexpr char kToken[] = "1-14-s3cr3t-token-value";
constexpr int64_t kT0 = 1'790'000'000;  // 2026-09-21T14:13:20Z

std::string Field(const RawRecord& record, const std::string& role) {
  for (const RawField& field : record.fields) {
    if (field.role == role) return field.value;
  }
  return "<absent>";
}

class RtConnectorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("rt_connector_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
    std::ofstream(dir_ / "token") << kToken << "\n";
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  SourceConfig Config(std::map<std::string, std::string> extra = {}) {
    SourceConfig config{"rt-desk", "rt", {{"url", rt_.url()}, {"token_file", (dir_ / "token").string()}}};
    for (auto& [key, value] : extra) config.options[key] = value;
    return config;
  }

  absl::StatusOr<std::unique_ptr<Connector>> Make(std::map<std::string, std::string> extra = {}) {
    ConnectorDeps deps{&clock_, NewHttplibClient};
    return RtConnectorFactory().create(Config(std::move(extra)), deps);
  }

  // Reads from `cursor` to RT's end; returns the records, and the last cursor in `cursor`.
  absl::StatusOr<std::vector<RawRecord>> ReadAll(Connector& connector, std::string* cursor,
                                                 int max_records = 100, int* pages = nullptr) {
    if (auto status = connector.Start(*cursor); !status.ok()) return status;
    std::vector<RawRecord> out;
    for (int page = 1; page < 10'000; ++page) {
      auto pulled = connector.Pull(max_records);
      if (!pulled.ok()) return pulled.status();
      for (RawRecord& record : pulled->records) out.push_back(std::move(record));
      if (!pulled->next_cursor.empty()) *cursor = pulled->next_cursor;
      if (pulled->done) {
        if (pages != nullptr) *pages = page;
        return out;
      }
    }
    return absl::InternalError("no end");
  }

  FakeTicket Ticket(int64_t id, int64_t updated, std::string queue = "General") {
    FakeTicket t;
    t.id = id;
    t.subject = "ticket " + std::to_string(id);
    t.queue = std::move(queue);
    t.requestors = {"user" + std::to_string(id) + "@example.com"};
    t.created = kT0 - 3600;
    t.updated = updated;
    return t;
  }

  std::filesystem::path dir_;
  ManualClock clock_;
  FakeRt rt_{kToken};
};

TEST_F(RtConnectorTest, ReadsEachTicketsFieldsUnderTheirRoles) {
  FakeTicket open = Ticket(12, kT0);
  open.status = "open";
  open.owner = "alice";
  open.requestors = {"bob@example.com", "carol@example.com"};
  open.due = kT0 + 86400;
  open.custom = "Tokyo";
  rt_.Put(open);
  rt_.Put(Ticket(13, kT0 + 1));  // owner Nobody, unset due and resolved
  auto connector = Make();
  ASSERT_TRUE(connector.ok()) << connector.status();
  std::string cursor;
  auto records = ReadAll(**connector, &cursor);
  ASSERT_TRUE(records.ok()) << records.status();
  ASSERT_EQ(records->size(), 2u);
  const RawRecord& first = (*records)[0];
  EXPECT_EQ(first.native_id, "12");
  EXPECT_EQ(first.native_kind, "ticket");
  EXPECT_EQ(first.location, "RT ticket 12");
  EXPECT_EQ(Field(first, "title"), "ticket 12");
  EXPECT_EQ(Field(first, "status"), "open");
  EXPECT_EQ(Field(first, "priority"), "50");
  EXPECT_EQ(Field(first, "kind"), "General");
  EXPECT_EQ(Field(first, "category"), "General");
  EXPECT_EQ(Field(first, "owner"), "alice");
  EXPECT_EQ(Field(first, "requester"), "bob@example.com, carol@example.com");
  EXPECT_EQ(Field(first, "opened"), "2026-09-21T13:13:20Z");
  EXPECT_EQ(Field(first, "updated"), "2026-09-21T14:13:20Z");
  EXPECT_EQ(Field(first, "due"), "2026-09-22T14:13:20Z");
  EXPECT_EQ(Field(first, "resolved"), "<absent>");  // 1970-01-01T00:00:00Z is RT's unset date
  EXPECT_EQ(Field(first, "Site"), "Tokyo");          // unknown members kept as extras
  bool site_extra = false;
  for (const RawField& field : first.fields) site_extra |= field.role == "Site" && field.extra;
  EXPECT_TRUE(site_extra);
  const RawRecord& second = (*records)[1];
  EXPECT_EQ(Field(second, "owner"), "<absent>");  // Nobody: unassigned
  EXPECT_EQ(Field(second, "due"), "<absent>");
  EXPECT_EQ(cursor, R"({"seen":[13],"watermark":"2026-09-21T14:13:21Z"})");
}

TEST_F(RtConnectorTest, AThousandTicketsSharingOneSecondAreEachReadOnce) {
  for (int64_t id = 1; id <= 1000; ++id) rt_.Put(Ticket(id, kT0));
  rt_.Put(Ticket(1001, kT0 + 5));
  auto connector = Make();
  ASSERT_TRUE(connector.ok()) << connector.status();
  std::string cursor;
  int pages = 0;
  auto records = ReadAll(**connector, &cursor, 100, &pages);
  ASSERT_TRUE(records.ok()) << records.status();
  std::set<std::string> ids;
  for (const RawRecord& record : *records) ids.insert(record.native_id);
  EXPECT_EQ(records->size(), 1001u);
  EXPECT_EQ(ids.size(), 1001u);
  EXPECT_EQ(pages, 11);
  // The second request continued inside the shared second by id, not by page number.
  ASSERT_GE(rt_.queries.size(), 2u);
  EXPECT_THAT(rt_.queries[1], HasSubstr("OR id > 100)"));
}

TEST_F(RtConnectorTest, ATicketUpdatedWhilePagingIsNeitherLostNorLeftStale) {
  for (int64_t id = 1; id <= 10; ++id) rt_.Put(Ticket(id, kT0 + id));
  // After the first page (ids 1–3) RT records an update of ticket 2 (read) and ticket 5 (not yet).
  rt_.on_request = [this](int request, std::map<int64_t, FakeTicket>& tickets) {
    if (request != 2) return;
    tickets[2].status = "resolved";
    tickets[2].updated = kT0 + 100;
    tickets[5].status = "stalled";
    tickets[5].updated = kT0 + 101;
  };
  auto connector = Make({{"page_size", "3"}});
  ASSERT_TRUE(connector.ok()) << connector.status();
  std::string cursor;
  auto records = ReadAll(**connector, &cursor);
  ASSERT_TRUE(records.ok()) << records.status();
  std::map<std::string, std::string> last_status;
  for (const RawRecord& record : *records) last_status[record.native_id] = Field(record, "status");
  EXPECT_EQ(last_status.size(), 10u);
  EXPECT_EQ(last_status["2"], "resolved");
  EXPECT_EQ(last_status["5"], "stalled");
  EXPECT_EQ(records->size(), 11u);  // ticket 2 twice (before and after), ticket 5 once
}

TEST_F(RtConnectorTest, AShortPageIsNotTheEndAndWithoutTotalAnEmptyPageIs) {
  for (int64_t id = 1; id <= 7; ++id) rt_.Put(Ticket(id, kT0 + id));
  rt_.short_page_at = 1;
  rt_.omit_total = true;
  auto connector = Make({{"page_size", "3"}});
  ASSERT_TRUE(connector.ok()) << connector.status();
  std::string cursor;
  int pages = 0;
  auto records = ReadAll(**connector, &cursor, 100, &pages);
  ASSERT_TRUE(records.ok()) << records.status();
  EXPECT_EQ(records->size(), 7u);
  EXPECT_EQ(pages, 4);  // 2 + 3 + 2, then the empty page past the end
}

TEST_F(RtConnectorTest, TheCursorResumesAtTheWatermarkAndTheOverlapReReadsItsWindow) {
  for (int64_t id = 1; id <= 5; ++id) rt_.Put(Ticket(id, kT0 + id));
  std::string cursor;
  {
    auto connector = Make({{"overlap", "0"}});
    ASSERT_TRUE(connector.ok()) << connector.status();
    ASSERT_TRUE(ReadAll(**connector, &cursor).ok());
  }
  FakeTicket changed = Ticket(3, kT0 + 5);  // updated in the watermark's own second
  changed.status = "open";
  rt_.Put(changed);
  rt_.Put(Ticket(6, kT0 + 400));
  auto exact = Make({{"overlap", "0"}});
  ASSERT_TRUE(exact.ok()) << exact.status();
  std::string again = cursor;
  auto changes = ReadAll(**exact, &again);
  ASSERT_TRUE(changes.ok()) << changes.status();
  std::vector<std::string> ids;
  for (const RawRecord& record : *changes) ids.push_back(record.native_id);
  // Ticket 5 was read at the watermark's second: the seen set skips it; 3 is new at that second.
  EXPECT_THAT(ids, ::testing::ElementsAre("3", "6"));

  auto overlapping = Make({{"overlap", "300"}});
  ASSERT_TRUE(overlapping.ok());
  std::string window = cursor;
  auto reread = ReadAll(**overlapping, &window);
  ASSERT_TRUE(reread.ok()) << reread.status();
  ids.clear();
  for (const RawRecord& record : *reread) ids.push_back(record.native_id);
  EXPECT_THAT(ids, ::testing::ElementsAre("1", "2", "4", "3", "5", "6"));
}

TEST_F(RtConnectorTest, QueuesFilterTheSearch) {
  rt_.Put(Ticket(1, kT0, "Incidents"));
  rt_.Put(Ticket(2, kT0, "Changes"));
  rt_.Put(Ticket(3, kT0, "Sales"));
  auto connector = Make({{"queues", "Incidents, Changes"}});
  ASSERT_TRUE(connector.ok()) << connector.status();
  std::string cursor;
  auto records = ReadAll(**connector, &cursor);
  ASSERT_TRUE(records.ok()) << records.status();
  ASSERT_EQ(records->size(), 2u);
  EXPECT_THAT(rt_.queries[0], HasSubstr("(Queue = 'Incidents' OR Queue = 'Changes')"));
}

TEST_F(RtConnectorTest, TheTotalIsReportedForProgress) {
  for (int64_t id = 1; id <= 5; ++id) rt_.Put(Ticket(id, kT0 + id));
  auto connector = Make({{"page_size", "2"}});
  ASSERT_TRUE(connector.ok());
  ASSERT_TRUE((*connector)->Start("").ok());
  auto first = (*connector)->Pull(100);
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(first->total, 5);
  EXPECT_EQ(first->position, 2);
  EXPECT_FALSE(first->done);
  auto second = (*connector)->Pull(100);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->total, 5);
  EXPECT_EQ(second->position, 4);
}

TEST_F(RtConnectorTest, ARefusedTokenSaysSoWithoutTheToken) {
  std::ofstream(dir_ / "token") << "1-14-wrong-token\n";
  auto connector = Make();
  ASSERT_TRUE(connector.ok());
  std::string cursor;
  auto records = ReadAll(**connector, &cursor);
  ASSERT_FALSE(records.ok());
  EXPECT_EQ(records.status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_THAT(records.status().message(), HasSubstr("the server refused the credentials (HTTP 401"));
  EXPECT_THAT(records.status().message(), Not(HasSubstr("wrong-token")));
}

TEST_F(RtConnectorTest, A400ShowsRtsMessageShortened) {
  rt_.status_override = 400;
  rt_.body_override = R"({"message":"Unknown field: Foo; Incomplete query at /usr/share/request-tracker5/lib/RT/Tickets.pm line 3187.)" +
                      std::string(500, 'x') + "\"}";
  auto connector = Make();
  ASSERT_TRUE(connector.ok());
  std::string cursor;
  auto records = ReadAll(**connector, &cursor);
  ASSERT_FALSE(records.ok());
  EXPECT_EQ(records.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(records.status().message(), HasSubstr("RT rejected the search (400): Unknown field: Foo"));
  EXPECT_LT(records.status().message().size(), 400u);
}

// history: true adds each ticket's status changes, every page of its history, oldest first; a
// ticket that never changed status gets none; without the key no history is asked for.
TEST_F(RtConnectorTest, HistoryGivesEachTicketsStatusChanges) {
  FakeTicket changed{.id = 1, .subject = "Mail down", .status = "resolved", .created = kT0, .updated = kT0 + 20};
  changed.history = {{kT0 + 5, "new", "open", "root"}, {kT0 + 10, "open", "stalled", "alice"}, {kT0 + 20, "stalled", "resolved", "root"}};
  rt_.Put(changed);
  rt_.Put({.id = 2, .subject = "VPN", .created = kT0, .updated = kT0 + 30});
  rt_.history_page_cap = 2;  // the Create and three changes: two pages

  auto off = Make();
  ASSERT_TRUE(off.ok()) << off.status();
  std::string cursor;
  auto plain = ReadAll(**off, &cursor);
  ASSERT_TRUE(plain.ok()) << plain.status();
  EXPECT_EQ(rt_.history_requests, 0);
  EXPECT_EQ(Field((*plain)[0], "status_history"), "<absent>");

  auto on = Make({{"history", "true"}});
  ASSERT_TRUE(on.ok()) << on.status();
  cursor.clear();
  auto records = ReadAll(**on, &cursor);
  ASSERT_TRUE(records.ok()) << records.status();
  ASSERT_EQ(records->size(), 2u);
  EXPECT_EQ(Field((*records)[0], "status_history"),
            "2026-09-21T14:13:25Z new→open (root); 2026-09-21T14:13:30Z open→stalled (alice); "
            "2026-09-21T14:13:40Z stalled→resolved (root)");
  EXPECT_EQ(Field((*records)[1], "status_history"), "<absent>");
  EXPECT_EQ(rt_.history_requests, 3);  // two pages for ticket 1, one for ticket 2

  auto assets = Make({{"history", "true"}, {"what", "assets"}});
  ASSERT_FALSE(assets.ok());
  EXPECT_THAT(assets.status().message(), HasSubstr("history: applies to tickets, not assets"));
}

TEST_F(RtConnectorTest, AnHtmlPageWhereJsonWasExpectedIsAnError) {
  rt_.status_override = 200;
  rt_.content_type_override = "text/html";
  rt_.body_override = "<html><body>Login</body></html>";
  auto connector = Make();
  ASSERT_TRUE(connector.ok());
  std::string cursor;
  auto records = ReadAll(**connector, &cursor);
  ASSERT_FALSE(records.ok());
  EXPECT_THAT(records.status().message(), HasSubstr("expected JSON, got an HTML page"));
}

TEST_F(RtConnectorTest, ThePageBudgetEndsARunLoudly) {
  for (int64_t id = 1; id <= 10; ++id) rt_.Put(Ticket(id, kT0 + id));
  auto connector = Make({{"page_size", "2"}, {"max_pages", "3"}});
  ASSERT_TRUE(connector.ok());
  std::string cursor;
  auto records = ReadAll(**connector, &cursor);
  ASSERT_FALSE(records.ok());
  EXPECT_EQ(records.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(records.status().message(), HasSubstr("page budget of 3"));
}

TEST_F(RtConnectorTest, BadConfigNamesTheKey) {
  auto big = Make({{"page_size", "500"}});
  EXPECT_THAT(big.status().message(), HasSubstr("page_size: '500' is not a whole number from 1 to 100"));
  auto both = Make({{"user", "root"}, {"password_file", (dir_ / "token").string()}});
  EXPECT_THAT(both.status().message(), HasSubstr("set either token_file (or token_env), or user with password_file"));
  auto what = Make({{"what", "users"}});
  EXPECT_THAT(what.status().message(), HasSubstr("what: 'users' is not tickets or assets"));
  SourceConfig missing = Config();
  missing.options["token_file"] = (dir_ / "nope").string();
  ConnectorDeps deps{&clock_, NewHttplibClient};
  auto unreadable = RtConnectorFactory().create(missing, deps);
  EXPECT_THAT(unreadable.status().message(), HasSubstr("token_file: cannot read"));
}

// The id listing (issue 12: deletes by id reconciliation).

using testing_ids::ByNumber;
using testing_ids::ListAll;

TEST_F(RtConnectorTest, TheIdListingHoldsEveryLiveTicketOverSeveralPagesAndNoDeletedOne) {
  for (int64_t id = 1; id <= 250; ++id) rt_.Put(Ticket(id, kT0 + (id % 7)));
  for (int64_t id : {3, 100, 101, 250}) rt_.Delete(id);
  auto connector = Make();
  ASSERT_TRUE(connector.ok());
  ASSERT_NE((*connector)->ids(), nullptr);
  auto listed = ListAll(**connector);
  ASSERT_TRUE(listed.ok()) << listed.status();
  const std::vector<std::string> ids = ByNumber(*listed);
  EXPECT_EQ(ids, rt_.LiveIds());
  EXPECT_EQ(ids.size(), 246u);
  ASSERT_EQ(rt_.queries.size(), 3u);  // 100 + 100 + 46, keyset by id
  EXPECT_EQ(rt_.queries[0], "id > 0");
  EXPECT_EQ(rt_.queries[1], "id > 103");
  EXPECT_EQ(rt_.queries[2], "id > 203");
  // Pull's native ids are the listing's.
  std::string cursor;
  auto records = ReadAll(**connector, &cursor);
  ASSERT_TRUE(records.ok()) << records.status();
  std::vector<std::string> pulled;
  for (const RawRecord& record : *records) pulled.push_back(record.native_id);
  std::sort(pulled.begin(), pulled.end(), [](const std::string& a, const std::string& b) { return std::stoll(a) < std::stoll(b); });
  EXPECT_EQ(pulled, ids);
}

TEST_F(RtConnectorTest, TheIdListingHasPullsScopeWithoutItsLastUpdatedBound) {
  rt_.Put(Ticket(1, kT0, "Incidents"));
  rt_.Put(Ticket(2, kT0, "Sales"));
  rt_.Put(Ticket(3, kT0 + 5, "Changes"));
  auto connector = Make({{"queues", "Incidents, Changes"}, {"page_size", "1"}});
  ASSERT_TRUE(connector.ok());
  std::string cursor;
  ASSERT_TRUE(ReadAll(**connector, &cursor).ok());  // a cursor: Pull's next search has a LastUpdated bound
  const size_t pulls = rt_.queries.size();
  auto listed = ListAll(**connector);
  ASSERT_TRUE(listed.ok()) << listed.status();
  const std::vector<std::string> ids = ByNumber(*listed);
  EXPECT_EQ(ids, (std::vector<std::string>{"1", "3"}));
  ASSERT_EQ(rt_.queries.size(), pulls + 2);  // page_size ids a page
  EXPECT_EQ(rt_.queries[pulls], "(Queue = 'Incidents' OR Queue = 'Changes') AND id > 0");
  EXPECT_EQ(rt_.queries[pulls + 1], "(Queue = 'Incidents' OR Queue = 'Changes') AND id > 1");
}

TEST_F(RtConnectorTest, PagingFaultsFailTheIdListingInsteadOfShorteningIt) {
  for (int64_t id = 1; id <= 230; ++id) rt_.Put(Ticket(id, kT0));
  absl::Status status;
  {
    rt_.short_page_at = 2;  // a page of 99 where 100 were due: RT's total is not reached
    auto connector = Make();
    ASSERT_TRUE(connector.ok());
    status = ListAll(**connector).status();
    EXPECT_EQ(status.code(), absl::StatusCode::kDataLoss) << status;
    EXPECT_THAT(status.message(), HasSubstr("99 ids came where RT's total of 130 and per_page 100 say 100"));
    rt_.short_page_at = 0;
  }
  {
    rt_.status_override = 503;  // the second page fails, retries included
    rt_.status_override_from = rt_.queries.size() + 2;
    rt_.body_override = R"({"message":"busy"})";
    auto connector = Make({{"max_retries", "2"}});
    ASSERT_TRUE(connector.ok());
    status = ListAll(**connector).status();
    EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable) << status;
    rt_.status_override = 0;
  }
  {
    rt_.omit_total = true;  // a user who may not see every ticket: RT gives no total
    auto connector = Make();
    ASSERT_TRUE(connector.ok());
    status = ListAll(**connector).status();
    EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition) << status;
    EXPECT_THAT(status.message(), HasSubstr("RT gave no total"));
    rt_.omit_total = false;
  }
  {
    auto connector = Make({{"max_pages", "2"}});  // the request budget covers the listing too
    ASSERT_TRUE(connector.ok());
    status = ListAll(**connector).status();
    EXPECT_EQ(status.code(), absl::StatusCode::kResourceExhausted) << status;
  }
  {
    auto connector = Make();  // the callback's error ends the listing
    ASSERT_TRUE(connector.ok());
    int calls = 0;
    status = testing_ids::ListStoppingAt(**connector, 3, &calls);
    EXPECT_EQ(status.code(), absl::StatusCode::kAborted);
    EXPECT_EQ(calls, 3);
  }
}

TEST_F(RtConnectorTest, ATicketDeletedBetweenListingPagesMakesNoOtherMissed) {
  for (int64_t id = 1; id <= 150; ++id) rt_.Put(Ticket(id, kT0));
  // Before the second page: two tickets of the first page are deleted. Offset paging would now
  // skip tickets 101 and 102; the keyset by id cannot.
  rt_.on_request = [](int request, std::map<int64_t, FakeTicket>& tickets) {
    if (request == 2) tickets[10].status = tickets[20].status = "deleted";
  };
  auto connector = Make();
  ASSERT_TRUE(connector.ok());
  auto listed = ListAll(**connector);
  ASSERT_TRUE(listed.ok()) << listed.status();
  const std::vector<std::string> ids = ByNumber(*listed);
  EXPECT_EQ(ids.size(), 150u);  // 10 and 20 were listed before their delete; every other one too
  for (const std::string& id : rt_.LiveIds()) EXPECT_EQ(listed->count(id), 1u) << id;
}

TEST_F(RtConnectorTest, StillPresentGivesExactlyTheLiveTicketsInScope) {
  rt_.Put(Ticket(1, kT0, "Incidents"));
  rt_.Put(Ticket(2, kT0, "Incidents"));
  rt_.Put(Ticket(3, kT0, "Sales"));  // out of scope
  rt_.Put(Ticket(4, kT0, "Changes"));
  rt_.Delete(2);
  auto connector = Make({{"queues", "Incidents, Changes"}, {"page_size", "1"}});  // one request whatever page_size
  ASSERT_TRUE(connector.ok());
  auto present = (*connector)->ids()->StillPresent({"1", "2", "3", "4", "99", "x"});
  ASSERT_TRUE(present.ok()) << present.status();
  EXPECT_EQ(*present, (std::vector<std::string>{"1", "4"}));
  EXPECT_EQ(rt_.queries.back(), "(Queue = 'Incidents' OR Queue = 'Changes') AND (id = 1 OR id = 2 OR id = 3 OR id = 4 OR id = 99)");
  std::vector<std::string> many(IdLister::kMaxCheckedIds + 1, "1");
  EXPECT_EQ((*connector)->ids()->StillPresent(many).status().code(), absl::StatusCode::kInvalidArgument);
  rt_.status_override = 500;
  auto failed = (*connector)->ids()->StillPresent({"1"});
  EXPECT_FALSE(failed.ok());  // never "none present"
  EXPECT_EQ((*connector)->ids()->policy().every_runs, 1);
}

TEST_F(RtConnectorTest, ADeletedTicketPullSeesIsReportedDeletedNotStored) {
  for (int64_t id = 1; id <= 4; ++id) rt_.Put(Ticket(id, kT0 + id));
  rt_.Delete(2);
  rt_.list_deleted = true;  // an RT whose search would show it
  auto connector = Make();
  ASSERT_TRUE(connector.ok());
  ASSERT_TRUE((*connector)->Start("").ok());
  auto page = (*connector)->Pull(100);
  ASSERT_TRUE(page.ok()) << page.status();
  std::vector<std::string> ids;
  for (const RawRecord& record : page->records) ids.push_back(record.native_id);
  EXPECT_EQ(ids, (std::vector<std::string>{"1", "3", "4"}));
  EXPECT_EQ(page->deleted, (std::vector<std::string>{"2"}));
  EXPECT_TRUE(page->done);
  EXPECT_EQ(page->total, page->position);  // the deleted one is not a record the run missed
}

TEST(RtPageTest, AnIdPageTakesIdsAsNumbersOrStringsAndNamesWhatIsWrong) {
  auto page = ParseRtIdPage(R"({"total":3,"per_page":2,"count":2,"items":[{"id":4,"type":"ticket"},{"id":"9"}]})");
  ASSERT_TRUE(page.ok()) << page.status();
  EXPECT_EQ(page->ids, (std::vector<int64_t>{4, 9}));
  EXPECT_EQ(page->total, 3);
  EXPECT_EQ(page->per_page, 2);
  auto hidden = ParseRtIdPage(R"({"total":null,"items":[]})");
  ASSERT_TRUE(hidden.ok());
  EXPECT_FALSE(hidden->total.has_value());
  EXPECT_THAT(ParseRtIdPage(R"({"items":[{"id":0}]})").status().message(), HasSubstr("item 1: no positive integer 'id'"));
  EXPECT_THAT(ParseRtIdPage(R"({"items":["4"]})").status().message(), HasSubstr("item 1: no positive integer 'id'"));
  EXPECT_THAT(ParseRtIdPage(R"({"count":1,"items":[]})").status().message(), HasSubstr("'count' is 1 but 0 items came"));
  EXPECT_FALSE(ParseRtIdPage("<html>").ok());
}

TEST(RtPageTest, APagePastTheEndHasNoItemsAndBadItemsAreNamed) {
  auto past = ParseRtPage(R"({"page":3,"per_page":2,"count":0,"total":4,"pages":2,"items":[],"prev_page":"x"})", "ticket");
  ASSERT_TRUE(past.ok()) << past.status();
  EXPECT_TRUE(past->items.empty());
  EXPECT_EQ(past->pages, 2);
  auto bad_date = ParseRtPage(R"({"items":[{"id":"7","LastUpdated":"yesterday"}]})", "ticket");
  EXPECT_THAT(bad_date.status().message(), HasSubstr("item 1 (id 7): 'LastUpdated' is not an ISO-8601 UTC time"));
  auto bad_count = ParseRtPage(R"({"count":2,"items":[]})", "ticket");
  EXPECT_THAT(bad_count.status().message(), HasSubstr("'count' is 2 but 0 items came"));
  auto not_json = ParseRtPage("<html>", "ticket");
  EXPECT_FALSE(not_json.ok());
  auto asset = ParseRtPage(R"({"items":[{"id":"4","Name":"LAPTOP-0042","Status":"in-use","Catalog":{"Name":"General assets"},"LastUpdated":"2026-11-22T12:12:14Z"}]})", "asset");
  ASSERT_TRUE(asset.ok()) << asset.status();
  EXPECT_EQ(asset->items[0].record.location, "RT asset 4");
  EXPECT_EQ(Field(asset->items[0].record, "title"), "LAPTOP-0042");
  EXPECT_EQ(Field(asset->items[0].record, "class"), "General assets");
}

}  // namespace
}  // namespace crosswalk::rt
