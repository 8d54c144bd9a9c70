// The servicenow connector against a fake ServiceNow Table API on loopback
// (tests/connectors/fake_servicenow.h): fields, keyset paging through ties and updates while
// paging, several tables, the cursor and its overlap, the count check, auth, rate limits, and
// what each fault says.
#include "connectors/servicenow/servicenow_connector.h"

#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "connectors/servicenow/servicenow_page.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/connectors/fake_servicenow.h"

namespace crosswalk::servicenow {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using testing_servicenow::FakeRow;
using testing_servicenow::FakeServiceNow;
using testing_servicenow::SysId;

constexpr char kUser[] = "crosswalk.integration";
constexpr char kPassword[] = "pw-Zq9-secret";
constexpr char kToken[] = "oauth-access-token-7781";
constexpr int64_t kT0 = 1'790'000'000;  // 2026-09-21 14:13:20 UTC

std::string Field(const RawRecord& record, const std::string& role) {
  for (const RawField& field : record.fields) {
    if (field.role == role) return field.value;
  }
  return "<absent>";
}

class ServiceNowConnectorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("servicenow_connector_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
    std::ofstream(dir_ / "token") << kToken << "\n";
    std::ofstream(dir_ / "password") << kPassword << "\n";
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // The tests of table paging leave sys_audit_delete out (its request would come after theirs);
  // the deletes tests below turn it on.
  SourceConfig Config(std::map<std::string, std::string> extra = {}) {
    SourceConfig config{"snow", "servicenow",
                        {{"url", sn_.url()},
                         {"token_file", (dir_ / "token").string()},
                         {"tables", "incident"},
                         {"audit_deletes", "false"}}};
    for (auto& [key, value] : extra) config.options[key] = value;
    return config;
  }

  absl::StatusOr<std::unique_ptr<Connector>> Make(std::map<std::string, std::string> extra = {}) {
    ConnectorDeps deps{&clock_, NewHttplibClient};
    return ServiceNowConnectorFactory().create(Config(std::move(extra)), deps);
  }

  // Reads from `cursor` to the end; returns the records, the last cursor in `cursor`, and the
  // last page in `last`.
  absl::StatusOr<std::vector<RawRecord>> ReadAll(Connector& connector, std::string* cursor, int max_records = 10'000,
                                                 int* pages = nullptr, ConnectorPage* last = nullptr) {
    if (auto status = connector.Start(*cursor); !status.ok()) return status;
    std::vector<RawRecord> out;
    for (int page = 1; page < 10'000; ++page) {
      auto pulled = connector.Pull(max_records);
      if (!pulled.ok()) return pulled.status();
      for (RawRecord& record : pulled->records) out.push_back(record);
      if (!pulled->next_cursor.empty()) *cursor = pulled->next_cursor;
      if (pulled->done) {
        if (pages != nullptr) *pages = page;
        if (last != nullptr) *last = *pulled;
        return out;
      }
    }
    return absl::InternalError("no end");
  }

  FakeRow Row(int64_t n, int64_t updated, std::string table = "incident") {
    FakeRow row;
    row.table = std::move(table);
    row.sys_id = SysId(n);
    row.number = absl::StrCat("INC", 1'000'000 + n);
    row.short_description = absl::StrCat("incident ", n);
    row.updated = updated;
    return row;
  }

  static std::vector<std::string> Ids(const std::vector<RawRecord>& records) {
    std::vector<std::string> ids;
    for (const RawRecord& record : records) ids.push_back(record.native_id);
    return ids;
  }

  std::filesystem::path dir_;
  ManualClock clock_;
  FakeServiceNow sn_{kUser, kPassword, kToken};
};

TEST_F(ServiceNowConnectorTest, ReadsEachRowsFieldsUnderTheirRoles) {
  FakeRow row = Row(12, kT0);
  row.state = "2";
  row.priority = "2";
  row.assigned_to = "alice.admin";
  row.opened = kT0 - 3600;
  row.extra["u_site"] = "Tokyo";
  sn_.Put(row);
  auto connector = Make();
  ASSERT_TRUE(connector.ok()) << connector.status();
  std::string cursor;
  auto records = ReadAll(**connector, &cursor);
  ASSERT_TRUE(records.ok()) << records.status();
  ASSERT_EQ(records->size(), 1u);
  const RawRecord& first = (*records)[0];
  EXPECT_EQ(first.native_id, SysId(12));
  EXPECT_EQ(first.native_kind, "incident");
  EXPECT_EQ(first.location, "ServiceNow incident INC1000012");
  EXPECT_EQ(Field(first, "title"), "incident 12");
  EXPECT_EQ(Field(first, "status"), "2");
  EXPECT_EQ(Field(first, "state.display"), "In Progress");
  EXPECT_EQ(Field(first, "priority"), "2");
  EXPECT_EQ(Field(first, "assigned_to"), "alice.admin");  // people by name, not sys_id
  EXPECT_EQ(Field(first, "updated"), "2026-09-21T14:13:20Z");
  EXPECT_EQ(Field(first, "opened"), "2026-09-21T13:13:20Z");
  EXPECT_EQ(Field(first, "number"), "INC1000012");
  EXPECT_EQ(Field(first, "u_site"), "Tokyo");
  bool site_extra = false;
  for (const RawField& field : first.fields) site_extra |= field.role == "u_site" && field.extra;
  EXPECT_TRUE(site_extra);
  EXPECT_EQ(cursor, absl::StrCat(R"({"tables":{"incident":{"seen":[")", SysId(12),
                                 R"("],"watermark":"2026-09-21T14:13:20Z"}}})"));
  // Asked for display values and without reference links, ordered by the keyset.
  EXPECT_THAT(sn_.queries, ElementsAre("incident: ORDERBYsys_updated_on^ORDERBYsys_id"));
}

TEST_F(ServiceNowConnectorTest, TwoHundredFiftyRowsSharingOneSecondAreEachReadOnceByKeyset) {
  for (int64_t n = 1; n <= 250; ++n) sn_.Put(Row(n, kT0));
  sn_.Put(Row(251, kT0 + 5));
  auto connector = Make({{"page_size", "100"}});
  ASSERT_TRUE(connector.ok()) << connector.status();
  std::string cursor;
  int pages = 0;
  auto records = ReadAll(**connector, &cursor, 10'000, &pages);
  ASSERT_TRUE(records.ok()) << records.status();
  const std::vector<std::string> ids = Ids(*records);
  EXPECT_EQ(ids.size(), 251u);
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), 251u);
  EXPECT_EQ(pages, 3);  // 100 + 100 + 51: the last page holds all X-Total-Count said was left
  ASSERT_EQ(sn_.queries.size(), 3u);
  EXPECT_EQ(sn_.queries[1], absl::StrCat("incident: sys_updated_on>2026-09-21 14:13:20^NQsys_updated_on=2026-09-21 "
                                         "14:13:20^sys_id>", SysId(100), "^ORDERBYsys_updated_on^ORDERBYsys_id"));
  EXPECT_THAT(sn_.limits, ElementsAre("100", "100", "100"));
}

TEST_F(ServiceNowConnectorTest, ARowUpdatedWhilePagingIsNeitherLostNorLeftStale) {
  for (int64_t n = 1; n <= 10; ++n) sn_.Put(Row(n, kT0 + n));
  // After the first page (1–3) the instance records an update of row 2 (read) and row 5 (not yet).
  sn_.on_request = [](int request, std::map<std::string, FakeRow>& rows) {
    if (request != 2) return;
    rows[SysId(2)].state = "7";
    rows[SysId(2)].updated = kT0 + 100;
    rows[SysId(5)].state = "2";
    rows[SysId(5)].updated = kT0 + 101;
  };
  auto connector = Make({{"page_size", "3"}});
  ASSERT_TRUE(connector.ok()) << connector.status();
  std::string cursor;
  auto records = ReadAll(**connector, &cursor);
  ASSERT_TRUE(records.ok()) << records.status();
  std::map<std::string, std::string> last_state;
  for (const RawRecord& record : *records) last_state[record.native_id] = Field(record, "status");
  EXPECT_EQ(last_state.size(), 10u);
  EXPECT_EQ(last_state[SysId(2)], "7");
  EXPECT_EQ(last_state[SysId(5)], "2");
  EXPECT_EQ(records->size(), 11u);  // row 2 twice (before and after), row 5 once
}

TEST_F(ServiceNowConnectorTest, TheCursorResumesAtTheWatermarkAndTheOverlapReReadsItsWindow) {
  for (int64_t n = 1; n <= 5; ++n) sn_.Put(Row(n, kT0 + n));
  std::string cursor;
  {
    auto connector = Make({{"overlap", "0"}});
    ASSERT_TRUE(connector.ok()) << connector.status();
    ASSERT_TRUE(ReadAll(**connector, &cursor).ok());
  }
  FakeRow changed = Row(3, kT0 + 5);  // updated in the watermark's own second, a lower sys_id
  changed.state = "2";
  sn_.Put(changed);
  sn_.Put(Row(6, kT0 + 400));
  auto exact = Make({{"overlap", "0"}});
  ASSERT_TRUE(exact.ok()) << exact.status();
  std::string again = cursor;
  auto changes = ReadAll(**exact, &again);
  ASSERT_TRUE(changes.ok()) << changes.status();
  // Row 5 was read at the watermark's second: the seen set skips it; 3 is new at that second.
  EXPECT_THAT(Ids(*changes), ElementsAre(SysId(3), SysId(6)));
  EXPECT_THAT(sn_.queries.back(), HasSubstr(absl::StrCat("^NQsys_updated_on=2026-09-21 14:13:25^sys_idNOT IN", SysId(5))));

  auto overlapping = Make({{"overlap", "300"}});
  ASSERT_TRUE(overlapping.ok());
  std::string window = cursor;
  auto reread = ReadAll(**overlapping, &window);
  ASSERT_TRUE(reread.ok()) << reread.status();
  EXPECT_THAT(Ids(*reread), ElementsAre(SysId(1), SysId(2), SysId(4), SysId(3), SysId(5), SysId(6)));
  EXPECT_EQ(sn_.queries.back(), "incident: sys_updated_on>=2026-09-21 14:08:25^ORDERBYsys_updated_on^ORDERBYsys_id");
}

TEST_F(ServiceNowConnectorTest, TablesAreReadInTurnEachWithItsOwnWatermark) {
  sn_.Put(Row(1, kT0 + 10, "incident"));
  sn_.Put(Row(2, kT0 + 20, "incident"));
  sn_.Put(Row(3, kT0 + 5, "problem"));
  auto connector = Make({{"tables", "incident, problem"}, {"overlap", "0"}});
  ASSERT_TRUE(connector.ok()) << connector.status();
  std::string cursor;
  auto records = ReadAll(**connector, &cursor);
  ASSERT_TRUE(records.ok()) << records.status();
  EXPECT_THAT(Ids(*records), ElementsAre(SysId(1), SysId(2), SysId(3)));
  EXPECT_EQ((*records)[2].native_kind, "problem");
  EXPECT_THAT(cursor, HasSubstr(R"("problem":{"seen":[")"));
  EXPECT_THAT(cursor, HasSubstr(R"("watermark":"2026-09-21T14:13:25Z")"));  // problem's own
  EXPECT_THAT(cursor, HasSubstr(R"("watermark":"2026-09-21T14:13:40Z")"));  // incident's
  // Nothing new: each table's query starts after its own watermark and finds nothing.
  auto next = Make({{"tables", "incident, problem"}, {"overlap", "0"}});
  ASSERT_TRUE(next.ok());
  auto none = ReadAll(**next, &cursor);
  ASSERT_TRUE(none.ok()) << none.status();
  EXPECT_TRUE(none->empty());
}

TEST_F(ServiceNowConnectorTest, BasicAuthWorksAndRefusedCredentialsSaySoWithoutTheSecret) {
  sn_.Put(Row(1, kT0));
  SourceConfig config = Config();
  config.options.erase("token_file");
  config.options["user"] = kUser;
  config.options["password_file"] = (dir_ / "password").string();
  ConnectorDeps deps{&clock_, NewHttplibClient};
  auto connector = ServiceNowConnectorFactory().create(config, deps);
  ASSERT_TRUE(connector.ok()) << connector.status();
  std::string cursor;
  auto records = ReadAll(**connector, &cursor);
  ASSERT_TRUE(records.ok()) << records.status();
  EXPECT_EQ(records->size(), 1u);

  std::ofstream(dir_ / "password") << "wrong-pw-4411\n";
  auto refused = ServiceNowConnectorFactory().create(config, deps);
  ASSERT_TRUE(refused.ok());
  cursor.clear();
  auto denied = ReadAll(**refused, &cursor);
  ASSERT_FALSE(denied.ok());
  EXPECT_EQ(denied.status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_THAT(denied.status().message(), HasSubstr("HTTP 401"));
  EXPECT_THAT(denied.status().message(), Not(HasSubstr("wrong-pw")));
}

TEST_F(ServiceNowConnectorTest, A429IsRetriedAfterTheWaitItAsks) {
  for (int64_t n = 1; n <= 3; ++n) sn_.Put(Row(n, kT0 + n));
  sn_.rate_limit_first = 2;
  auto connector = Make();
  ASSERT_TRUE(connector.ok());
  std::string cursor;
  auto records = ReadAll(**connector, &cursor);
  ASSERT_TRUE(records.ok()) << records.status();
  EXPECT_EQ(records->size(), 3u);
  EXPECT_EQ(clock_.slept_nanos(), 4'000'000'000);  // Retry-After: 2, twice; no real sleeping
}

TEST_F(ServiceNowConnectorTest, AnErrorBodyOnA200IsAnErrorWithServiceNowsMessage) {
  sn_.status_override = 200;
  sn_.body_override = R"({"error":{"message":"Invalid table incidnt","detail":null},"status":"failure"})";
  auto connector = Make();
  ASSERT_TRUE(connector.ok());
  std::string cursor;
  auto records = ReadAll(**connector, &cursor);
  ASSERT_FALSE(records.ok());
  EXPECT_EQ(records.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(records.status().message(), HasSubstr("Invalid table incidnt"));
}

TEST_F(ServiceNowConnectorTest, AHibernatingInstancesHtmlPageIsAnError) {
  sn_.status_override = 200;
  sn_.content_type_override = "text/html";
  sn_.body_override = "<html><head><title>Instance Hibernating page</title></head><body>wake it</body></html>";
  auto connector = Make();
  ASSERT_TRUE(connector.ok());
  std::string cursor;
  auto records = ReadAll(**connector, &cursor);
  ASSERT_FALSE(records.ok());
  EXPECT_THAT(records.status().message(), HasSubstr("HTML page"));
}

TEST_F(ServiceNowConnectorTest, ABodyThatIsNotJsonNamesTheTableAndPage) {
  sn_.status_override = 200;
  sn_.body_override = R"({"result":[{"sys_id":{"value":"00)";
  auto connector = Make();
  ASSERT_TRUE(connector.ok());
  std::string cursor;
  auto records = ReadAll(**connector, &cursor);
  ASSERT_FALSE(records.ok());
  EXPECT_EQ(records.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(records.status().message(), HasSubstr("ServiceNow incident page 1: the body is not JSON"));
}

TEST_F(ServiceNowConnectorTest, A400ShowsServiceNowsMessage) {
  sn_.status_override = 400;
  sn_.body_override = R"({"error":{"message":"Invalid query","detail":"unknown field u_foo"},"status":"failure"})";
  auto connector = Make();
  ASSERT_TRUE(connector.ok());
  std::string cursor;
  auto records = ReadAll(**connector, &cursor);
  ASSERT_FALSE(records.ok());
  EXPECT_EQ(records.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(records.status().message(), HasSubstr("rejected the query (400): Invalid query"));
  EXPECT_THAT(records.status().message(), HasSubstr("unknown field u_foo"));
}

TEST_F(ServiceNowConnectorTest, A403NamesTheTableAndTheV1NoRecordFound404IsAnEmptyPage) {
  sn_.status_override = 403;
  sn_.body_override = R"({"error":{"message":"Operation Failed","detail":"ACL Exception Delete Failed due to security constraints"},"status":"failure"})";
  auto denied = Make();
  ASSERT_TRUE(denied.ok());
  std::string cursor;
  auto records = ReadAll(**denied, &cursor);
  ASSERT_FALSE(records.ok());
  EXPECT_EQ(records.status().code(), absl::StatusCode::kPermissionDenied);
  EXPECT_THAT(records.status().message(), HasSubstr("denied the read (403): Operation Failed"));
  EXPECT_THAT(records.status().message(), HasSubstr("may read table incident"));

  sn_.status_override = 404;
  sn_.body_override = R"({"error":{"message":"No Record found","detail":"Records matching query not found. Check query parameter or offset parameter"},"status":"failure"})";
  auto empty = Make();
  ASSERT_TRUE(empty.ok());
  ConnectorPage last;
  auto none = ReadAll(**empty, &cursor, 10'000, nullptr, &last);
  ASSERT_TRUE(none.ok()) << none.status();
  EXPECT_TRUE(none->empty());
  EXPECT_EQ(last.total, 0);

  sn_.body_override = R"({"error":{"message":"Invalid table incidnt","detail":null},"status":"failure"})";
  auto missing = Make();
  ASSERT_TRUE(missing.ok());
  auto not_found = ReadAll(**missing, &cursor);
  ASSERT_FALSE(not_found.ok());
  EXPECT_EQ(not_found.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(not_found.status().message(), HasSubstr("no table incident or no Table API there (404): Invalid table incidnt"));
}

TEST_F(ServiceNowConnectorTest, ACmdbSubclassRowIsReadAsAConfigurationItem) {
  FakeRow server = Row(40, kT0, "cmdb_ci_server");
  server.number.clear();
  server.short_description.clear();
  server.state.clear();
  server.extra = {{"name", "web01"}, {"install_status", "1"}, {"sys_class_name", "cmdb_ci_server"},
                  {"serial_number", "SN-0042"}};
  sn_.Put(server);
  auto connector = Make({{"tables", "cmdb_ci_server"}});
  ASSERT_TRUE(connector.ok()) << connector.status();
  std::string cursor;
  auto records = ReadAll(**connector, &cursor);
  ASSERT_TRUE(records.ok()) << records.status();
  ASSERT_EQ(records->size(), 1u);
  const RawRecord& ci = (*records)[0];
  EXPECT_EQ(ci.native_kind, "cmdb_ci_server");
  EXPECT_EQ(ci.location, absl::StrCat("ServiceNow cmdb_ci_server ", SysId(40)));
  EXPECT_EQ(Field(ci, "title"), "web01");
  EXPECT_EQ(Field(ci, "status"), "1");
  EXPECT_EQ(Field(ci, "class"), "cmdb_ci_server");
  EXPECT_EQ(Field(ci, "serial_number"), "SN-0042");
}

TEST_F(ServiceNowConnectorTest, ACursorSeenListTooLongToSendContinuesAfterItsHighestSysId) {
  for (int64_t n = 1; n <= 150; ++n) sn_.Put(Row(n, kT0));
  std::string cursor;
  {
    auto connector = Make({{"overlap", "0"}});
    ASSERT_TRUE(connector.ok());
    ASSERT_TRUE(ReadAll(**connector, &cursor).ok());
  }
  sn_.Put(Row(151, kT0));
  auto next = Make({{"overlap", "0"}});
  ASSERT_TRUE(next.ok());
  auto records = ReadAll(**next, &cursor);
  ASSERT_TRUE(records.ok()) << records.status();
  EXPECT_THAT(Ids(*records), ElementsAre(SysId(151)));
  EXPECT_THAT(sn_.queries.back(), HasSubstr(absl::StrCat("^sys_id>", SysId(150), "^")));
  EXPECT_THAT(sn_.queries.back(), Not(HasSubstr("NOT IN")));
}

TEST_F(ServiceNowConnectorTest, AStoredCursorOfAnotherShapeAsksForAFullSync) {
  auto connector = Make();
  ASSERT_TRUE(connector.ok());
  EXPECT_THAT((*connector)->Start(R"({"watermark":"2026-09-21T14:13:20Z","seen":[1]})").message(),
              HasSubstr("not a servicenow cursor"));
  EXPECT_THAT((*connector)->Start(R"({"tables":{"incident":{"watermark":"yesterday","seen":[]}}})").message(),
              HasSubstr("run sync --full"));
  EXPECT_TRUE((*connector)->Start(R"({"tables":{"problem":{"watermark":"2026-09-21T14:13:20Z","seen":[]}}})").ok());
}

TEST_F(ServiceNowConnectorTest, AShortPageIsNotTheEndAndRowsCountedButNotReturnedRaiseTheTotal) {
  for (int64_t n = 1; n <= 7; ++n) sn_.Put(Row(n, kT0 + n));
  sn_.hidden_row_at = 1;  // the first page leaves row 1 out but counts it (an ACL)
  auto connector = Make({{"page_size", "3"}});
  ASSERT_TRUE(connector.ok()) << connector.status();
  std::string cursor;
  int pages = 0;
  ConnectorPage last;
  auto records = ReadAll(**connector, &cursor, 10'000, &pages, &last);
  ASSERT_TRUE(records.ok()) << records.status();
  EXPECT_EQ(records->size(), 6u);  // 2 + 3 + 1: the short first page did not end the table
  EXPECT_EQ(pages, 3);
  // The sync engine fails a run whose records fall short of its total.
  EXPECT_EQ(last.position, 6);
  EXPECT_EQ(last.total, 7);
}

TEST_F(ServiceNowConnectorTest, ATotalTheRowsDoNotReachIsReported) {
  for (int64_t n = 1; n <= 5; ++n) sn_.Put(Row(n, kT0 + n));
  sn_.count_extra = 2;
  auto connector = Make({{"page_size", "2"}});
  ASSERT_TRUE(connector.ok());
  ASSERT_TRUE((*connector)->Start("").ok());
  auto first = (*connector)->Pull(100);
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(first->total, 7);
  EXPECT_EQ(first->position, 2);
  EXPECT_FALSE(first->done);
  std::string cursor;
  ConnectorPage last;
  auto records = ReadAll(**connector, &cursor, 100, nullptr, &last);
  ASSERT_TRUE(records.ok()) << records.status();
  EXPECT_EQ(records->size(), 5u);
  EXPECT_GT(last.total, last.position);
}

TEST_F(ServiceNowConnectorTest, AUserTimeZoneOtherThanUtcIsAWarning) {
  sn_.Put(Row(1, kT0));
  sn_.user_offset_seconds = 9 * 3600;
  auto connector = Make();
  ASSERT_TRUE(connector.ok());
  ASSERT_TRUE((*connector)->Start("").ok());
  auto page = (*connector)->Pull(100);
  ASSERT_TRUE(page.ok()) << page.status();
  ASSERT_EQ(page->notes.size(), 1u);
  EXPECT_THAT(page->notes[0], HasSubstr("warning: the ServiceNow user's time zone is not UTC"));
  EXPECT_THAT(page->notes[0], HasSubstr("2026-09-21 23:13:20"));
}

TEST_F(ServiceNowConnectorTest, ThePageBudgetEndsARunLoudly) {
  for (int64_t n = 1; n <= 10; ++n) sn_.Put(Row(n, kT0 + n));
  auto connector = Make({{"page_size", "2"}, {"max_pages", "3"}});
  ASSERT_TRUE(connector.ok());
  std::string cursor;
  auto records = ReadAll(**connector, &cursor);
  ASSERT_FALSE(records.ok());
  EXPECT_EQ(records.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(records.status().message(), HasSubstr("page budget of 3"));
}

TEST_F(ServiceNowConnectorTest, BadConfigNamesTheKey) {
  EXPECT_THAT(Make({{"page_size", "20000"}}).status().message(),
              HasSubstr("page_size: '20000' is not a whole number from 1 to 10000"));
  EXPECT_THAT(Make({{"tables", "incident,Problem"}}).status().message(),
              HasSubstr("tables: 'Problem' is not a ServiceNow table name"));
  EXPECT_THAT(Make({{"tables", "incident;drop"}}).status().message(), HasSubstr("tables: 'incident;drop'"));
  EXPECT_THAT(Make({{"tables", "cmdb_ci,cmdb_ci_server"}}).status().message(),
              HasSubstr("tables: 'cmdb_ci_server' is a class below cmdb_ci"));
  EXPECT_THAT(Make({{"tables", "incident,incident"}}).status().message(), HasSubstr("named twice"));
  EXPECT_TRUE(Make({{"tables", "cmdb_ci_server,cmdb_rel_ci"}}).ok());
  EXPECT_THAT(Make({{"fields", "number,caller_id.user_name,x y"}}).status().message(),
              HasSubstr("fields: 'x y' is not a ServiceNow field name"));
  SourceConfig defaults = Config();
  defaults.options.erase("tables");
  ConnectorDeps deps{&clock_, NewHttplibClient};
  EXPECT_TRUE(ServiceNowConnectorFactory().create(defaults, deps).ok());
}

TEST_F(ServiceNowConnectorTest, FieldsAreAskedForWithTheKeysetFields) {
  sn_.Put(Row(1, kT0));
  auto connector = Make({{"fields", "number,short_description"}});
  ASSERT_TRUE(connector.ok()) << connector.status();
  std::string cursor;
  ASSERT_TRUE(ReadAll(**connector, &cursor).ok());
  EXPECT_THAT(sn_.fields, ElementsAre("number,short_description,sys_id,sys_updated_on"));
}

TEST(ServiceNowPageTest, RowsThatAreNotTheTableApisShapeAreNamed) {
  const PagePlace place{.table = "change_request", .page = 4};
  auto plain = ParseServiceNowPage(absl::StrCat(R"({"result":[{"sys_id":")", SysId(9),
                                                R"(","sys_updated_on":"2026-11-22 12:12:14","state":"-5",)"
                                                R"("cmdb_ci":{"link":"https://x/api/now/table/cmdb_ci/1","value":"abc"}}]})"),
                                   place);
  ASSERT_TRUE(plain.ok()) << plain.status();
  ASSERT_EQ(plain->items.size(), 1u);
  EXPECT_EQ(Field(plain->items[0].record, "status"), "-5");
  EXPECT_EQ(Field(plain->items[0].record, "ci"), "abc");
  EXPECT_EQ(plain->items[0].record.location, absl::StrCat("ServiceNow change_request ", SysId(9)));
  auto bad_id = ParseServiceNowPage(R"({"result":[{"sys_id":"42","sys_updated_on":"2026-11-22 12:12:14"}]})", place);
  EXPECT_THAT(bad_id.status().message(), HasSubstr("ServiceNow change_request page 4, row 1: 'sys_id' is not 32 hex digits"));
  auto bad_time = ParseServiceNowPage(
      absl::StrCat(R"({"result":[{"sys_id":")", SysId(1), R"(","sys_updated_on":{"value":"22/11/2026 12:12"}}]})"), place);
  EXPECT_THAT(bad_time.status().message(),
              HasSubstr(absl::StrCat("row 1 (sys_id ", SysId(1), "): 'sys_updated_on' is not a UTC time")));
  auto bad_opened = ParseServiceNowPage(absl::StrCat(R"({"result":[{"sys_id":")", SysId(1),
                                                     R"(","sys_updated_on":"2026-11-22 12:12:14","opened_at":"2026-02-30 01:00:00"}]})"),
                                        place);
  EXPECT_THAT(bad_opened.status().message(), HasSubstr("'opened_at' is not a UTC time"));
  auto error = ParseServiceNowPage(R"({"error":{"message":"No Record found","detail":"x"},"status":"failure"})", place);
  EXPECT_THAT(error.status().message(), HasSubstr("ServiceNow answered an error: No Record found"));
  EXPECT_THAT(ParseServiceNowPage("<html><title>Hibernating</title></html>", place).status().message(),
              HasSubstr("an HTML page came where JSON was expected (Hibernating)"));
  EXPECT_THAT(ParseServiceNowPage(R"({"records":[]})", place).status().message(), HasSubstr("no 'result' list"));
  EXPECT_THAT(ParseServiceNowPage(R"({"result":[7]})", place).status().message(), HasSubstr("row 1: not a JSON object"));
  EXPECT_EQ(ParseServiceNowTime("2026-11-22 12:12:14"), 1'795'349'534);
  EXPECT_EQ(ParseServiceNowTime("2026-11-22T12:12:14Z"), std::nullopt);
}

}  // namespace
}  // namespace crosswalk::servicenow
