// The glpi connector against a fake GLPI on loopback (tests/connectors/fake_glpi.h): the session
// (user_token, Basic, App-Token, expiry), range paging with 206/Content-Range, empty collections,
// the server's time zone, the cursor, changes while paging, and what each fault says.
#include "connectors/glpi/glpi_connector.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "connectors/glpi/glpi_page.h"
#include "gateway/normalize/rule_set.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/connectors/fake_glpi.h"
#include "tests/connectors/glpi_fixture.h"
#include "tests/connectors/listed_ids.h"

namespace crosswalk::glpi {
namespace {

using ::testing::HasSubstr;

TEST_F(GlpiTest, ReadsATicketsFieldsWithTimesFromTheServerZoneInUtc) {
  FakeGlpi glpi(UserToken(), "Europe/Paris");
  FakeItem incident = Item("Ticket", 7, kT0);
  incident.status = 4;
  incident.category = "Network > VPN";
  glpi.Put(incident);
  FakeItem request = Item("Ticket", 8, kT0 + 1000);
  request.type = 2;
  request.status = 6;
  glpi.Put(request);
  auto connector = Make(glpi, {{"timezone", "Europe/Paris"}});
  ASSERT_TRUE(connector.ok()) << connector.status();
  std::string cursor;
  auto records = ReadAll(**connector, &cursor);
  ASSERT_TRUE(records.ok()) << records.status();
  ASSERT_EQ(records->size(), 2u);
  const RawRecord& first = (*records)[0];
  EXPECT_EQ(first.native_id, "Ticket/7");
  EXPECT_EQ(first.native_kind, "Ticket");
  EXPECT_EQ(first.location, "GLPI Ticket 7");
  EXPECT_EQ(Field(first, "kind"), "1");
  EXPECT_EQ(Field(first, "status"), "4");
  EXPECT_EQ(Field(first, "title"), "Ticket 7");
  EXPECT_EQ(Field(first, "category"), "Network > VPN");
  EXPECT_EQ(Field(first, "updated"), "2026-09-21T14:13:20Z");  // Paris wrote 16:13:20
  EXPECT_EQ(Field(first, "opened"), "2026-09-20T14:13:20Z");
  EXPECT_EQ(Field(first, "resolved"), "<absent>");  // null
  EXPECT_EQ(Field(first, "entities_id"), "Root entity");  // an extra
  EXPECT_EQ(Field((*records)[1], "kind"), "2");
  EXPECT_EQ(Field((*records)[1], "closed"), "2026-09-21T14:13:21Z");
  EXPECT_EQ(glpi.sessions_killed, 1);  // killSession at the end
}

TEST_F(GlpiTest, AServerZoneReadAsUtcShiftsEveryTime) {
  // The same wall clock read without the timezone key is 9 hours off: the key matters.
  FakeGlpi glpi(UserToken(), "Asia/Tokyo");
  glpi.Put(Item("Ticket", 1, kT0));
  std::string cursor;
  auto tokyo = Make(glpi, {{"timezone", "Asia/Tokyo"}});
  ASSERT_TRUE(tokyo.ok());
  auto right = ReadAll(**tokyo, &cursor);
  ASSERT_TRUE(right.ok()) << right.status();
  EXPECT_EQ(Field((*right)[0], "updated"), "2026-09-21T14:13:20Z");
  EXPECT_THAT(cursor, HasSubstr("\"watermark\":\"2026-09-21T14:13:20.000Z\""));
  std::string other;
  auto utc = Make(glpi);
  ASSERT_TRUE(utc.ok());
  auto wrong = ReadAll(**utc, &other);
  ASSERT_TRUE(wrong.ok());
  EXPECT_EQ(Field((*wrong)[0], "updated"), "2026-09-21T23:13:20Z");
}

TEST_F(GlpiTest, PagesByRangeWith206AndReportsContentRangesTotal) {
  FakeGlpi glpi(UserToken());
  for (int64_t id = 1; id <= 23; ++id) glpi.Put(Item("Ticket", id, kT0 + id * 1000));
  auto connector = Make(glpi, {{"page_size", "5"}});
  ASSERT_TRUE(connector.ok());
  std::string cursor;
  int64_t total = 0, position = 0;
  auto records = ReadAll(**connector, &cursor, 100, &total, &position);
  ASSERT_TRUE(records.ok()) << records.status();
  EXPECT_EQ(records->size(), 23u);
  EXPECT_EQ(Ids(*records).size(), 23u);
  EXPECT_EQ(total, 23);
  EXPECT_EQ(position, 23);
  // Each request after the first starts one item early (the drift check).
  ASSERT_GE(glpi.ranges.size(), 3u);
  EXPECT_EQ(glpi.ranges[0], "Ticket 0-4");
  EXPECT_EQ(glpi.ranges[1], "Ticket 4-9");
}

TEST_F(GlpiTest, AThousandItemsSharingOneSecondAreEachReadOnce) {
  FakeGlpi glpi(UserToken());
  for (int64_t id = 1; id <= 1000; ++id) glpi.Put(Item("Ticket", id, kT0));
  glpi.Put(Item("Ticket", 1001, kT0 + 5000));
  auto connector = Make(glpi, {{"page_size", "100"}});
  ASSERT_TRUE(connector.ok());
  std::string cursor;
  auto records = ReadAll(**connector, &cursor);
  ASSERT_TRUE(records.ok()) << records.status();
  EXPECT_EQ(records->size(), 1001u);
  const auto ids = Ids(*records);
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), 1001u);
  auto again = ReadAll(**connector, &cursor);  // the seen-set covers the shared second
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_TRUE(again->empty()) << again->size();
}

TEST_F(GlpiTest, EmptyCollectionsEndWhetherGlpiAnswers200OrRangeExceeded) {
  for (bool range_error : {false, true}) {
    SCOPED_TRACE(range_error);
    FakeGlpi glpi(UserToken());
    glpi.empty_is_range_error = range_error;
    glpi.Put(Item("Computer", 3, kT0));
    auto connector = Make(glpi, {{"itemtypes", "Ticket,Problem,Computer"}});
    ASSERT_TRUE(connector.ok());
    std::string cursor;
    int64_t total = -1;
    auto records = ReadAll(**connector, &cursor, 100, &total);
    ASSERT_TRUE(records.ok()) << records.status();
    ASSERT_EQ(records->size(), 1u);
    EXPECT_EQ((*records)[0].native_id, "Computer/3");
    EXPECT_EQ(Field((*records)[0], "kind"), "computer");
    EXPECT_EQ(total, 1);
  }
}

TEST_F(GlpiTest, AnExpiredSessionIsReopenedAndTheRequestRepeated) {
  FakeGlpi glpi(UserToken());
  glpi.session_requests = 2;
  for (int64_t id = 1; id <= 12; ++id) glpi.Put(Item("Ticket", id, kT0 + id * 1000));
  auto connector = Make(glpi, {{"page_size", "2"}});
  ASSERT_TRUE(connector.ok());
  std::string cursor;
  auto records = ReadAll(**connector, &cursor);
  ASSERT_TRUE(records.ok()) << records.status();
  EXPECT_EQ(Ids(*records).size(), 12u);
  EXPECT_EQ(records->size(), 12u);
  // Six collection requests answered, two per session: the third and fifth met a 401 first
  // and were repeated once each on a new session.
  EXPECT_EQ(glpi.collection_requests, 6);
  EXPECT_EQ(glpi.sessions_opened, 3);
}

TEST_F(GlpiTest, BasicAuthOpensTheSessionToo) {
  FakeGlpi glpi("Basic " + absl::Base64Escape("glpi-reader:s3cret"));
  glpi.Put(Item("Ticket", 1, kT0));
  auto connector = Make(glpi, {{"token_file", ""}, {"user", "glpi-reader"}, {"password_file", (dir_ / "password").string()}});
  ASSERT_TRUE(connector.ok()) << connector.status();
  std::string cursor;
  auto records = ReadAll(**connector, &cursor);
  ASSERT_TRUE(records.ok()) << records.status();
  EXPECT_EQ(records->size(), 1u);
}

TEST_F(GlpiTest, AMissingAppTokenIsRefusedAndNamesTheKey) {
  FakeGlpi glpi(UserToken(), "UTC", kAppToken);
  glpi.Put(Item("Ticket", 1, kT0));
  auto without = Make(glpi);
  ASSERT_TRUE(without.ok());
  std::string cursor;
  auto refused = ReadAll(**without, &cursor);
  ASSERT_FALSE(refused.ok());
  EXPECT_THAT(refused.status().message(), HasSubstr("ERROR_APP_TOKEN_PARAMETERS_MISSING"));
  EXPECT_THAT(refused.status().message(), HasSubstr("app_token_file"));
  EXPECT_THAT(refused.status().message(), ::testing::Not(HasSubstr(kUserToken)));
  auto with = Make(glpi, {{"app_token_file", (dir_ / "app-token").string()}});
  ASSERT_TRUE(with.ok());
  auto records = ReadAll(**with, &cursor);
  ASSERT_TRUE(records.ok()) << records.status();
  EXPECT_EQ(records->size(), 1u);
}

TEST_F(GlpiTest, AWrongUserTokenSaysWhatToCheck) {
  FakeGlpi glpi("user_token another");
  auto connector = Make(glpi);
  ASSERT_TRUE(connector.ok());
  std::string cursor;
  auto records = ReadAll(**connector, &cursor);
  ASSERT_FALSE(records.ok());
  EXPECT_THAT(records.status().message(), HasSubstr("token_file"));
  EXPECT_THAT(records.status().message(), ::testing::Not(HasSubstr(kUserToken)));
}

TEST_F(GlpiTest, TheNextRunReturnsOnlyWhatChangedAndRereadsTheOverlap) {
  FakeGlpi glpi(UserToken());
  for (int64_t id = 1; id <= 10; ++id) glpi.Put(Item("Ticket", id, kT0 + id * 1000));
  auto connector = Make(glpi, {{"page_size", "4"}, {"overlap", "60"}});
  ASSERT_TRUE(connector.ok());
  std::string cursor;
  ASSERT_TRUE(ReadAll(**connector, &cursor).ok());
  // Unchanged: nothing returned again.
  auto again = ReadAll(**connector, &cursor);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_TRUE(again->empty());
  // An edit, and an item committed late with a date_mod inside the overlap (before the watermark).
  FakeItem edited = Item("Ticket", 3, kT0 + 100'000);
  edited.status = 5;
  glpi.Put(edited);
  glpi.Put(Item("Ticket", 11, kT0 + 9'500));
  glpi.Put(Item("Ticket", 12, kT0 - 3'600'000));  // older than the overlap: not looked for
  auto changed = ReadAll(**connector, &cursor);
  ASSERT_TRUE(changed.ok()) << changed.status();
  EXPECT_EQ(Ids(*changed), (std::multiset<std::string>{"Ticket/11", "Ticket/3"}));
  EXPECT_THAT(cursor, HasSubstr("\"watermark\":\"2026-09-21T14:15:00.000Z\""));
}

TEST_F(GlpiTest, ARunCutAfterAPageGoesOnFromItsCursorWithoutLossOrRepeat) {
  FakeGlpi glpi(UserToken(), "Asia/Tokyo");
  for (int64_t id = 1; id <= 10; ++id) glpi.Put(Item("Ticket", id, kT0 + (id / 2) * 1000));  // pairs share a second
  glpi.Put(Item("Computer", 1, kT0));
  std::map<std::string, std::string> options = {{"timezone", "Asia/Tokyo"}, {"overlap", "0"}, {"page_size", "3"},
                                                {"itemtypes", "Ticket,Computer"}};
  auto first = Make(glpi, options);
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE((*first)->Start("").ok());
  auto page = (*first)->Pull(3);
  ASSERT_TRUE(page.ok()) << page.status();
  ASSERT_EQ(page->records.size(), 3u);
  ASSERT_FALSE(page->done);
  std::string cursor = page->next_cursor;  // the run stops here (a crash, a cancel)
  auto second = Make(glpi, options);
  ASSERT_TRUE(second.ok());
  auto rest = ReadAll(**second, &cursor, 3);
  ASSERT_TRUE(rest.ok()) << rest.status();
  std::multiset<std::string> all = Ids(page->records);
  for (const RawRecord& record : *rest) all.insert(record.native_id);
  EXPECT_EQ(all.size(), 11u);
  EXPECT_EQ(std::set<std::string>(all.begin(), all.end()).size(), 11u);  // none twice
}

TEST_F(GlpiTest, AnItemChangedWhilePagingDoesNotHideTheOthers) {
  FakeGlpi glpi(UserToken());
  for (int64_t id = 1; id <= 20; ++id) glpi.Put(Item("Ticket", id, kT0 + id * 1000));
  glpi.on_request = [](int request, Items& items) {
    // Before the third page: item 2 (read already) is edited and moves to the end; without the
    // drift check the pages after it shift back and one item is never read.
    if (request == 3) items[{"Ticket", 2}].date_mod_ms = kT0 + 60'000;
    if (request == 5) items.erase({"Ticket", 1});  // and one is trashed
  };
  auto connector = Make(glpi, {{"page_size", "4"}});
  ASSERT_TRUE(connector.ok());
  std::string cursor;
  auto records = ReadAll(**connector, &cursor);
  ASSERT_TRUE(records.ok()) << records.status();
  std::set<std::string> distinct;
  for (const RawRecord& record : *records) distinct.insert(record.native_id);
  EXPECT_EQ(distinct.size(), 20u);
  EXPECT_EQ(records->size(), 21u);  // Ticket/2 twice: as read, then as edited
  EXPECT_EQ(Field(records->back(), "updated"), "2026-09-21T14:14:20Z");
  // The drifts cost a step back of a page each, not a new walk from 0.
  EXPECT_EQ(std::count(glpi.ranges.begin(), glpi.ranges.end(), "Ticket 0-3"), 1) << ::testing::PrintToString(glpi.ranges);
  EXPECT_LE(glpi.collection_requests, 9) << ::testing::PrintToString(glpi.ranges);
}

TEST_F(GlpiTest, RowsCountedButNotReturnedLeaveTheTotalAboveThePosition) {
  FakeGlpi glpi(UserToken());
  glpi.total_lie = 2;
  for (int64_t id = 1; id <= 7; ++id) glpi.Put(Item("Ticket", id, kT0 + id * 1000));
  auto connector = Make(glpi, {{"page_size", "3"}});
  ASSERT_TRUE(connector.ok());
  std::string cursor;
  int64_t total = 0, position = 0;
  auto records = ReadAll(**connector, &cursor, 100, &total, &position);
  ASSERT_TRUE(records.ok()) << records.status();
  EXPECT_EQ(position, 7);
  EXPECT_EQ(total, 9);  // the sync engine fails such a run with DATA_LOSS
}

TEST_F(GlpiTest, BodiesThatAreNotCollectionsSayWhatTheyAre) {
  struct Case {
    int status;
    std::string body, type, expected;
  };
  const std::vector<Case> cases = {
      {200, "{not json", "application/json", "not a JSON array"},
      {200, R"(["ERROR_RIGHT_MISSING","You don't have permission to perform this action."])", "application/json",
       "ERROR_RIGHT_MISSING"},
      {200, "<html><head><title>GLPI - Authentication</title></head></html>", "text/html", "GLPI - Authentication"},
      {403, R"(["ERROR_RIGHT_MISSING","You don't have permission"])", "application/json", "Read on this itemtype"},
      {400, R"(["ERROR_RESOURCE_NOT_FOUND_NOR_COMMONDBTM","resource not found"])", "application/json",
       "ERROR_RESOURCE_NOT_FOUND_NOR_COMMONDBTM"},
      {200, R"([{"id":4,"name":"no date"}])", "application/json", "'date_mod' is not a GLPI time"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.body);
    FakeGlpi glpi(UserToken());
    glpi.status_override = c.status;
    glpi.body_override = c.body;
    glpi.content_type_override = c.type;
    auto connector = Make(glpi, {{"max_retries", "0"}});
    ASSERT_TRUE(connector.ok());
    std::string cursor;
    auto records = ReadAll(**connector, &cursor);
    ASSERT_FALSE(records.ok());
    EXPECT_THAT(records.status().message(), HasSubstr(c.expected));
    EXPECT_THAT(records.status().message(), HasSubstr("/apirest.php/Ticket"));
  }
}

TEST_F(GlpiTest, AMissingRightIsGlpis401AndSaysWhichRight) {
  FakeGlpi glpi(UserToken());
  glpi.right_missing = {"Problem"};
  glpi.Put(Item("Ticket", 1, kT0));
  auto connector = Make(glpi, {{"itemtypes", "Ticket,Problem"}});
  ASSERT_TRUE(connector.ok());
  std::string cursor;
  auto records = ReadAll(**connector, &cursor);
  ASSERT_FALSE(records.ok());
  EXPECT_EQ(records.status().code(), absl::StatusCode::kPermissionDenied) << records.status();
  EXPECT_THAT(records.status().message(), HasSubstr("ERROR_RIGHT_MISSING"));
  EXPECT_THAT(records.status().message(), HasSubstr("/apirest.php/Problem"));
  EXPECT_THAT(records.status().message(), HasSubstr("Read on this itemtype"));
}

TEST_F(GlpiTest, A429AndA503AreWaitedAndRetried) {
  FakeGlpi glpi(UserToken());
  glpi.rate_limit_at = 1;
  glpi.unavailable_at = 3;
  for (int64_t id = 1; id <= 6; ++id) glpi.Put(Item("Ticket", id, kT0 + id * 1000));
  auto connector = Make(glpi, {{"page_size", "2"}});
  ASSERT_TRUE(connector.ok());
  std::string cursor;
  auto records = ReadAll(**connector, &cursor);
  ASSERT_TRUE(records.ok()) << records.status();
  EXPECT_EQ(records->size(), 6u);
}

TEST_F(GlpiTest, OptionsAreChecked) {
  FakeGlpi glpi(UserToken());
  auto unknown = Make(glpi, {{"itemtypes", "Ticket,ticket"}});
  ASSERT_FALSE(unknown.ok());
  EXPECT_THAT(unknown.status().message(), HasSubstr("itemtypes: 'ticket'"));
  auto twice = Make(glpi, {{"itemtypes", "Ticket,Ticket"}});
  EXPECT_FALSE(twice.ok());
  auto zone = Make(glpi, {{"timezone", "Mars/Olympus"}});
  ASSERT_FALSE(zone.ok());
  EXPECT_THAT(zone.status().message(), HasSubstr("timezone"));
  auto cursor_connector = Make(glpi);
  ASSERT_TRUE(cursor_connector.ok());
  EXPECT_FALSE((*cursor_connector)->Start(R"({"watermark":"x"})").ok());
}

TEST(GlpiPageTest, TimesAndContentRangesParse) {
  absl::TimeZone paris;
  ASSERT_TRUE(absl::LoadTimeZone("Europe/Paris", &paris));
  EXPECT_EQ(ParseGlpiTime("2026-09-21 16:13:20", paris), kT0);
  EXPECT_EQ(ParseGlpiTime("2026-09-21 16:13", paris), kT0 - 20'000);
  EXPECT_FALSE(ParseGlpiTime("0000-00-00 00:00:00", paris).has_value());
  EXPECT_FALSE(ParseGlpiTime("yesterday", paris).has_value());
  auto range = ParseContentRange("0-49/200");
  ASSERT_TRUE(range.has_value());
  EXPECT_EQ(range->total, 200);
  EXPECT_FALSE(ParseContentRange("49-0/200").has_value());
  EXPECT_FALSE(ParseContentRange("bytes").has_value());
}

// The glpi value rules (mappings/rules/values.csv) read what the connector hands over.
TEST(GlpiRulesTest, TicketTypesItemtypesAndStatusesTranslate) {
  auto rules = RuleSet::Load(CROSSWALK_SOURCE_MAPPINGS_DIR);
  ASSERT_TRUE(rules.ok()) << rules.status();
  const std::vector<std::tuple<std::string, std::string, std::string, std::string>> cases = {
      {"Ticket", "kind", "1", "incident"},      {"Ticket", "kind", "2", "service-request"},
      {"Problem", "kind", "problem", "problem"}, {"Change", "kind", "change", "change"},
      {"Computer", "kind", "computer", "configuration-item"},
      {"SoftwareLicense", "kind", "softwarelicense", "licence-entitlement"},
      {"Item_SoftwareVersion", "kind", "item_softwareversion", "software-installation"},
      {"Ticket", "status", "1", "new"},         {"Ticket", "status", "2", "in-progress"},
      {"Ticket", "status", "3", "in-progress"}, {"Ticket", "status", "4", "on-hold"},
      {"Ticket", "status", "5", "resolved"},    {"Ticket", "status", "6", "closed"},
  };
  for (const auto& [kind, field, native, expected] : cases) {
    auto translated = (*rules)->Translate("glpi", kind, field, native);
    ASSERT_TRUE(translated.has_value()) << kind << " " << field << " " << native;
    EXPECT_EQ(translated->value, expected) << kind << " " << field << " " << native;
  }
}

}  // namespace
namespace {

// The id listing (issue 12: deletes): ListIds and StillPresent against the fake.

using testing_ids::ListAll;

TEST_F(GlpiTest, ListIdsIsCompleteOverSeveralPagesWithPullsScopeAndIds) {
  FakeGlpi glpi(UserToken());
  for (int64_t id = 1; id <= 5; ++id) glpi.Put(Item("Ticket", id, kT0 + (10 - id) * 1000));
  for (int64_t id = 21; id <= 23; ++id) glpi.Put(Item("Computer", id, kT0));
  glpi.Put(Item("Problem", 31, kT0));  // an itemtype the source does not read
  FakeItem trashed = Item("Ticket", 6, kT0);
  trashed.is_deleted = true;  // in GLPI's trash: not the source's
  glpi.Put(trashed);
  auto connector = Make(glpi, {{"itemtypes", "Ticket,Computer"}, {"page_size", "2"}});
  ASSERT_TRUE(connector.ok()) << connector.status();
  std::string cursor;
  auto records = ReadAll(**connector, &cursor);
  ASSERT_TRUE(records.ok()) << records.status();
  glpi.ranges.clear();
  auto listed = ListAll(**connector);  // Pull ended the session; the listing opens another
  ASSERT_TRUE(listed.ok()) << listed.status();
  std::set<std::string> pulled;
  for (const RawRecord& record : *records) pulled.insert(record.native_id);
  EXPECT_EQ(*listed, pulled);
  EXPECT_EQ(*listed, (std::set<std::string>{"Ticket/1", "Ticket/2", "Ticket/3", "Ticket/4", "Ticket/5", "Computer/21",
                                            "Computer/22", "Computer/23"}));
  EXPECT_EQ(glpi.ranges, (std::vector<std::string>{"Ticket 0-1", "Ticket 2-3", "Ticket 4-5", "Computer 0-1", "Computer 2-3"}));
}

TEST_F(GlpiTest, ListIdsTakesAnEmptyCollectionEitherWayGlpiSaysIt) {
  for (bool range_error : {false, true}) {
    FakeGlpi glpi(UserToken());
    glpi.empty_is_range_error = range_error;
    glpi.Put(Item("Computer", 4, kT0));
    auto connector = Make(glpi, {{"itemtypes", "Ticket,Computer"}});
    ASSERT_TRUE(connector.ok()) << connector.status();
    auto listed = ListAll(**connector);
    ASSERT_TRUE(listed.ok()) << listed.status();
    EXPECT_EQ(*listed, std::set<std::string>{"Computer/4"});
  }
}

TEST_F(GlpiTest, ListIdsStopsWithTheFirstErrorOfItsCallback) {
  FakeGlpi glpi(UserToken());
  for (int64_t id = 1; id <= 5; ++id) glpi.Put(Item("Ticket", id, kT0));
  auto connector = Make(glpi, {{"page_size", "2"}});
  ASSERT_TRUE(connector.ok()) << connector.status();
  int calls = 0;
  EXPECT_EQ(testing_ids::ListStoppingAt(**connector, 3, &calls), absl::AbortedError("enough"));
  EXPECT_EQ(calls, 3);
  EXPECT_EQ(glpi.collection_requests, 2);
}

TEST_F(GlpiTest, ListIdsGoesOnPastAShortPage) {
  FakeGlpi glpi(UserToken());
  for (int64_t id = 1; id <= 7; ++id) glpi.Put(Item("Ticket", id, kT0));
  glpi.short_page_at = 1;  // ids 1 and 2 of the 3 asked, Content-Range 0-1/7
  auto connector = Make(glpi, {{"page_size", "3"}});
  ASSERT_TRUE(connector.ok()) << connector.status();
  auto listed = ListAll(**connector);
  ASSERT_TRUE(listed.ok()) << listed.status();
  EXPECT_EQ(listed->size(), 7u);
  EXPECT_EQ(glpi.ranges, (std::vector<std::string>{"Ticket 0-2", "Ticket 2-4", "Ticket 5-7"}));
}

TEST_F(GlpiTest, ListIdsFailsWhenTheCollectionIsNotKnownComplete) {
  FakeGlpi glpi(UserToken());
  for (int64_t id = 1; id <= 5; ++id) glpi.Put(Item("Ticket", id, kT0));
  glpi.total_lie = 2;  // Content-Range counts two items no range returns
  auto connector = Make(glpi, {{"page_size", "2"}});
  ASSERT_TRUE(connector.ok()) << connector.status();
  auto listed = ListAll(**connector);
  EXPECT_EQ(listed.status().code(), absl::StatusCode::kUnavailable) << listed.status();
  EXPECT_THAT(listed.status().message(), HasSubstr("past the end"));

  // A 206 page without Content-Range.
  FakeGlpi bare(UserToken());
  bare.Put(Item("Ticket", 1, kT0));
  bare.status_override = 206;
  bare.body_override = R"([{"id":1}])";
  auto partial = Make(bare);
  ASSERT_TRUE(partial.ok()) << partial.status();
  listed = ListAll(**partial);
  EXPECT_EQ(listed.status().code(), absl::StatusCode::kFailedPrecondition) << listed.status();
}

TEST_F(GlpiTest, ListIdsFailsOnAnOutageAfterRetriesAndOnTheRequestBudget) {
  FakeGlpi glpi(UserToken());
  for (int64_t id = 1; id <= 5; ++id) glpi.Put(Item("Ticket", id, kT0));
  glpi.on_request = [&glpi](int request, Items&) {
    if (request == 2) glpi.status_override = 503;  // from the second page on
  };
  glpi.body_override = "<html><title>Service Unavailable</title></html>";
  glpi.content_type_override = "text/html";
  auto connector = Make(glpi, {{"page_size", "2"}, {"max_retries", "2"}});
  ASSERT_TRUE(connector.ok()) << connector.status();
  auto listed = ListAll(**connector);
  EXPECT_EQ(listed.status().code(), absl::StatusCode::kUnavailable) << listed.status();
  EXPECT_EQ(glpi.collection_requests, 4);  // the first page, then the second three times

  FakeGlpi healthy(UserToken());
  for (int64_t id = 1; id <= 5; ++id) healthy.Put(Item("Ticket", id, kT0));
  auto budgeted = Make(healthy, {{"page_size", "2"}, {"max_pages", "2"}});
  ASSERT_TRUE(budgeted.ok()) << budgeted.status();
  listed = ListAll(**budgeted);
  EXPECT_EQ(listed.status().code(), absl::StatusCode::kResourceExhausted) << listed.status();
}

TEST_F(GlpiTest, StillPresentReturnsExactlyTheItemsStillThereAndNotTrashed) {
  FakeGlpi glpi(UserToken());
  for (int64_t id = 1; id <= 4; ++id) glpi.Put(Item("Ticket", id, kT0));
  glpi.Put(Item("Computer", 7, kT0));
  glpi.Trash("Ticket", 2);
  glpi.Remove("Ticket", 3);  // purged
  auto connector = Make(glpi);  // itemtypes = Ticket: Computer/7 is out of the source's scope
  ASSERT_TRUE(connector.ok()) << connector.status();
  auto present = (*connector)->ids()->StillPresent(
      {"Ticket/1", "Ticket/2", "Ticket/3", "Computer/7", "Ticket/4", "Ticket/x", "Ticket/04", "bogus", "Ticket/1"});
  ASSERT_TRUE(present.ok()) << present.status();
  EXPECT_EQ(*present, (std::vector<std::string>{"Ticket/1", "Ticket/4"}));
  EXPECT_EQ(glpi.item_requests, 4);  // Ticket 1 to 4, each once

  // Any other answer fails the check instead of calling the item gone.
  glpi.right_missing = {"Ticket"};
  auto denied = (*connector)->ids()->StillPresent({"Ticket/1"});
  EXPECT_EQ(denied.status().code(), absl::StatusCode::kPermissionDenied) << denied.status();
}

TEST_F(GlpiTest, StillPresentFindsTheItemAListingSkippedWhenAnotherWasPurgedBetweenPages) {
  for (bool purge : {true, false}) {
    SCOPED_TRACE(purge ? "purged" : "trashed");
    FakeGlpi glpi(UserToken());
    for (int64_t id = 1; id <= 6; ++id) glpi.Put(Item("Ticket", id, kT0));
    // After the first page (1, 2), ticket 1 goes: range paging shifts 3 into the first page.
    glpi.on_request = [purge](int request, Items& items) {
      if (request != 2) return;
      if (purge) {
        items.erase({"Ticket", 1});
      } else {
        items[{"Ticket", 1}].is_deleted = true;
      }
    };
    auto connector = Make(glpi, {{"page_size", "2"}});
    ASSERT_TRUE(connector.ok()) << connector.status();
    auto listed = ListAll(**connector);
    ASSERT_TRUE(listed.ok()) << listed.status();
    EXPECT_EQ(*listed, (std::set<std::string>{"Ticket/1", "Ticket/2", "Ticket/4", "Ticket/5", "Ticket/6"}));  // 3 skipped
    auto present = (*connector)->ids()->StillPresent({"Ticket/1", "Ticket/3"});
    ASSERT_TRUE(present.ok()) << present.status();
    EXPECT_EQ(*present, std::vector<std::string>{"Ticket/3"});
  }
}

}  // namespace
}  // namespace crosswalk::glpi
