// The servicenow connector against a fake ServiceNow Table API on loopback
// (tests/connectors/fake_servicenow.h): fields, keyset paging through ties and updates while
// paging, several tables, the cursor and its overlap, the count check, auth, rate limits, and
// what each fault says.
#include "connectors/servicenow/servicenow_connector.h"

#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "connectors/servicenow/servicenow_page.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "httplib.h"
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

TEST_F(ServiceNowConnectorTest, AThousandRowsSharingOneSecondAreEachReadOnceByKeyset) {
  for (int64_t n = 1; n <= 1000; ++n) sn_.Put(Row(n, kT0));
  sn_.Put(Row(1001, kT0 + 5));
  auto connector = Make({{"page_size", "100"}});
  ASSERT_TRUE(connector.ok()) << connector.status();
  std::string cursor;
  int pages = 0;
  auto records = ReadAll(**connector, &cursor, 10'000, &pages);
  ASSERT_TRUE(records.ok()) << records.status();
  const std::vector<std::string> ids = Ids(*records);
  EXPECT_EQ(ids.size(), 1001u);
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), 1001u);
  EXPECT_EQ(pages, 11);  // 10 × 100 + 1: the last page holds all X-Total-Count said was left
  ASSERT_EQ(sn_.queries.size(), 11u);
  EXPECT_EQ(sn_.queries[1], absl::StrCat("incident: sys_updated_on>2026-09-21 14:13:20^NQsys_updated_on=2026-09-21 "
                                         "14:13:20^sys_id>", SysId(100), "^ORDERBYsys_updated_on^ORDERBYsys_id"));
  EXPECT_THAT(sn_.limits, ::testing::Each("100"));
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

// --- deletes (issue 12): the id listing, the by-id check and sys_audit_delete ---

// Every id ListIds gives, or its error.
absl::StatusOr<std::vector<std::string>> Listed(Connector& connector) {
  std::vector<std::string> ids;
  absl::Status status = connector.ids()->ListIds([&](const std::string& id) {
    ids.push_back(id);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return ids;
}

std::set<std::string> AsSet(const std::vector<std::string>& ids) { return {ids.begin(), ids.end()}; }

TEST_F(ServiceNowConnectorTest, TheIdListingHoldsPullsIdsOfEveryTableBySysIdKeysetOverSeveralPages) {
  for (int64_t n = 1; n <= 7; ++n) sn_.Put(Row(n, kT0 + 10 - n));  // sys_id order is not update order
  for (int64_t n = 8; n <= 10; ++n) sn_.Put(Row(n, kT0, "problem"));
  sn_.Put(Row(11, kT0, "change_request"));  // a table the source does not read
  auto connector = Make({{"tables", "incident,problem"}, {"page_size", "3"}});
  ASSERT_TRUE(connector.ok()) << connector.status();
  std::string cursor;
  auto records = ReadAll(**connector, &cursor);
  ASSERT_TRUE(records.ok()) << records.status();
  sn_.queries.clear();
  sn_.fields.clear();
  auto listed = Listed(**connector);
  ASSERT_TRUE(listed.ok()) << listed.status();
  EXPECT_EQ(listed->size(), 10u);
  EXPECT_EQ(AsSet(*listed), AsSet(Ids(*records)));  // the same scope, the same bare sys_ids
  EXPECT_THAT(sn_.queries,
              ElementsAre("incident: ORDERBYsys_id", absl::StrCat("incident: sys_id>", SysId(3), "^ORDERBYsys_id"),
                          absl::StrCat("incident: sys_id>", SysId(6), "^ORDERBYsys_id"), "problem: ORDERBYsys_id"));
  EXPECT_THAT(sn_.fields, ElementsAre("sys_id", "sys_id", "sys_id", "sys_id"));
}

TEST_F(ServiceNowConnectorTest, AnIdDeletedBetweenListingPagesMakesNoOtherMissed) {
  for (int64_t n = 1; n <= 9; ++n) sn_.Put(Row(n, kT0 + n));
  auto connector = Make({{"page_size", "3"}});
  ASSERT_TRUE(connector.ok()) << connector.status();
  ASSERT_TRUE((*connector)->Start("").ok());
  // Before the listing's second page, row 2 (listed) and row 5 (not yet) are deleted: offset
  // paging would now skip row 4; the sys_id keyset cannot.
  sn_.on_request = [&](int request, std::map<std::string, FakeRow>& rows) {
    if (request != 2) return;
    sn_.DeleteLocked(rows, SysId(2));
    sn_.DeleteLocked(rows, SysId(5));
  };
  auto listed = Listed(**connector);
  ASSERT_TRUE(listed.ok()) << listed.status();
  EXPECT_THAT(*listed, ElementsAre(SysId(1), SysId(2), SysId(3), SysId(4), SysId(6), SysId(7), SysId(8), SysId(9)));
  // Row 2 was listed before it went: the check by id, which the sync engine makes before a
  // delete, finds it gone.
  auto present = (*connector)->ids()->StillPresent({SysId(2), SysId(4)});
  ASSERT_TRUE(present.ok()) << present.status();
  EXPECT_THAT(*present, ElementsAre(SysId(4)));
}

TEST_F(ServiceNowConnectorTest, AListingPageShortOfItsCountFailsTheListing) {
  for (int64_t n = 1; n <= 7; ++n) sn_.Put(Row(n, kT0 + n));
  auto connector = Make({{"page_size", "3"}});
  ASSERT_TRUE(connector.ok()) << connector.status();
  ASSERT_TRUE((*connector)->Start("").ok());
  sn_.hidden_row_at = 2;  // the second page leaves out a row it counts (an ACL)
  auto listed = Listed(**connector);
  ASSERT_FALSE(listed.ok());
  EXPECT_EQ(listed.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(listed.status().message(), HasSubstr("listing the sys_ids of ServiceNow table incident (nothing is deleted)"));
  EXPECT_THAT(listed.status().message(), HasSubstr("page 2 holds 2 rows where X-Total-Count says 4 remain"));
}

TEST_F(ServiceNowConnectorTest, AListingWhoseCountIsNeverReachedOrMissingFails) {
  for (int64_t n = 1; n <= 5; ++n) sn_.Put(Row(n, kT0 + n));
  auto connector = Make({{"page_size", "2"}});
  ASSERT_TRUE(connector.ok()) << connector.status();
  ASSERT_TRUE((*connector)->Start("").ok());
  sn_.count_extra = 1;  // one more row counted than there is: the last page comes up short
  auto short_of_total = Listed(**connector);
  ASSERT_FALSE(short_of_total.ok());
  EXPECT_EQ(short_of_total.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(short_of_total.status().message(), HasSubstr("page 3 holds 1 rows where X-Total-Count says 2 remain"));

  sn_.count_extra = 0;
  sn_.omit_count = true;
  auto uncounted = Listed(**connector);
  ASSERT_FALSE(uncounted.ok());
  EXPECT_EQ(uncounted.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(uncounted.status().message(), HasSubstr("came without X-Total-Count"));

  sn_.omit_count = false;
  auto whole = Listed(**connector);
  ASSERT_TRUE(whole.ok()) << whole.status();
  EXPECT_EQ(whole->size(), 5u);
}

TEST_F(ServiceNowConnectorTest, A503AfterTheRetriesFailsTheListingAsUnavailable) {
  for (int64_t n = 1; n <= 5; ++n) sn_.Put(Row(n, kT0 + n));
  auto connector = Make({{"page_size", "2"}, {"max_retries", "2"}});
  ASSERT_TRUE(connector.ok()) << connector.status();
  ASSERT_TRUE((*connector)->Start("").ok());
  sn_.on_request = [&](int request, std::map<std::string, FakeRow>&) {
    if (request == 1) sn_.status_override = 503;  // every request after the first page
  };
  sn_.body_override = R"({"error":{"message":"Service Unavailable","detail":"node restarting"},"status":"failure"})";
  int seen = 0;
  absl::Status status = (*connector)->ids()->ListIds([&](const std::string&) {
    ++seen;
    return absl::OkStatus();
  });
  EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable) << status;
  EXPECT_THAT(status.message(), HasSubstr("listing the sys_ids of ServiceNow table incident"));
  EXPECT_EQ(seen, 2);  // the first page's ids came; the listing as a whole failed
}

TEST_F(ServiceNowConnectorTest, TheListingCountsAgainstTheRunsPageBudgetAndStopsWithEachsError) {
  for (int64_t n = 1; n <= 5; ++n) sn_.Put(Row(n, kT0 + n));
  auto connector = Make({{"page_size", "3"}, {"max_pages", "3"}});
  ASSERT_TRUE(connector.ok()) << connector.status();
  std::string cursor;
  ASSERT_TRUE(ReadAll(**connector, &cursor).ok());  // two requests
  auto listed = Listed(**connector);                 // needs two more
  ASSERT_FALSE(listed.ok());
  EXPECT_EQ(listed.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(listed.status().message(), HasSubstr("page budget of 3"));

  ASSERT_TRUE((*connector)->Start("").ok());  // a new run: a whole budget
  int calls = 0;
  absl::Status stopped = (*connector)->ids()->ListIds([&](const std::string&) {
    return ++calls == 2 ? absl::CancelledError("enough") : absl::OkStatus();
  });
  EXPECT_EQ(stopped.code(), absl::StatusCode::kCancelled);
  EXPECT_EQ(calls, 2);
}

TEST_F(ServiceNowConnectorTest, StillPresentReturnsExactlyTheIdsStillInScope) {
  for (int64_t n = 1; n <= 4; ++n) sn_.Put(Row(n, kT0 + n));
  sn_.Put(Row(5, kT0, "problem"));
  sn_.Put(Row(6, kT0, "problem"));
  sn_.Put(Row(7, kT0, "change_request"));  // out of scope: a table the source does not read
  ASSERT_TRUE(sn_.Delete(SysId(2)));
  ASSERT_TRUE(sn_.Delete(SysId(6)));
  auto connector = Make({{"tables", "incident,problem"}});
  ASSERT_TRUE(connector.ok()) << connector.status();
  ASSERT_TRUE((*connector)->Start("").ok());
  sn_.queries.clear();
  auto present = (*connector)->ids()->StillPresent(
      {SysId(1), SysId(2), SysId(5), SysId(6), SysId(7), SysId(99), "INC0001^ORDERBYsys_id", SysId(1)});
  ASSERT_TRUE(present.ok()) << present.status();
  EXPECT_THAT(*present, ElementsAre(SysId(1), SysId(5)));
  // Each table is asked only for the ids not found yet; what is not a sys_id is never sent.
  EXPECT_THAT(sn_.queries,
              ElementsAre(absl::StrCat("incident: sys_idIN", SysId(1), ",", SysId(2), ",", SysId(5), ",", SysId(6), ",",
                                       SysId(7), ",", SysId(99)),
                          absl::StrCat("problem: sys_idIN", SysId(2), ",", SysId(5), ",", SysId(6), ",", SysId(7), ",",
                                       SysId(99))));
  std::vector<std::string> too_many;
  for (int64_t n = 1; n <= 51; ++n) too_many.push_back(SysId(n));
  EXPECT_EQ((*connector)->ids()->StillPresent(too_many).status().code(), absl::StatusCode::kInvalidArgument);

  sn_.hidden_row_at = static_cast<int>(sn_.queries.size()) + 1;  // the next answer hides a row it counts
  auto hidden = (*connector)->ids()->StillPresent({SysId(1), SysId(3)});
  ASSERT_FALSE(hidden.ok());
  EXPECT_EQ(hidden.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(hidden.status().message(), HasSubstr("X-Total-Count says 2 match but 1 were returned"));
}

TEST_F(ServiceNowConnectorTest, ThePolicyIsTheSourcesReconcileKeys) {
  auto connector = Make({{"reconcile_every", "4"}, {"max_delete_share", "25"}});
  ASSERT_TRUE(connector.ok()) << connector.status();
  ASSERT_NE((*connector)->ids(), nullptr);
  EXPECT_EQ((*connector)->ids()->policy().every_runs, 4);
  EXPECT_EQ((*connector)->ids()->policy().max_delete_percent, 25);
}

// Reads from `cursor` to the end; the deleted ids of every page, in order.
absl::StatusOr<std::vector<std::string>> DeletedIds(Connector& connector, std::string* cursor, int max_records,
                                                    std::vector<std::string>* notes = nullptr) {
  if (auto status = connector.Start(*cursor); !status.ok()) return status;
  std::vector<std::string> deleted;
  for (int page = 1; page < 1000; ++page) {
    auto pulled = connector.Pull(max_records);
    if (!pulled.ok()) return pulled.status();
    if (!pulled->deleted.empty() && !pulled->records.empty()) return absl::InternalError("deletes on a page with records");
    deleted.insert(deleted.end(), pulled->deleted.begin(), pulled->deleted.end());
    if (notes != nullptr) notes->insert(notes->end(), pulled->notes.begin(), pulled->notes.end());
    if (!pulled->next_cursor.empty()) *cursor = pulled->next_cursor;
    if (pulled->done) return deleted;
  }
  return absl::InternalError("no end");
}

TEST_F(ServiceNowConnectorTest, RowsDeletedSinceTheLastRunComeFromSysAuditDeleteOnPagesWithoutRecords) {
  for (int64_t n = 1; n <= 5; ++n) sn_.Put(Row(n, kT0 + n));
  sn_.Put(Row(6, kT0, "problem"));
  sn_.Put(Row(7, kT0, "change_request"));
  clock_.SetNowSeconds(kT0 + 1000);
  sn_.now_seconds = kT0 + 100;
  ASSERT_TRUE(sn_.Delete(SysId(5)));  // before the first run's window (now − overlap, twice): never read
  SourceConfig config = Config({{"tables", "incident,problem"}});
  config.options.erase("audit_deletes");  // on by default
  ConnectorDeps deps{&clock_, NewHttplibClient};
  auto connector = ServiceNowConnectorFactory().create(config, deps);
  ASSERT_TRUE(connector.ok()) << connector.status();
  std::string cursor;
  auto first = DeletedIds(**connector, &cursor, 100);
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_TRUE(first->empty());
  EXPECT_EQ(sn_.queries.back(), "sys_audit_delete: tablenameINincident,problem^sys_created_on>=2026-09-21 14:25:00^"
                                "ORDERBYsys_created_on^ORDERBYsys_id");
  EXPECT_THAT(cursor, HasSubstr(R"("deletes":{"seen":[],"watermark":"2026-09-21T14:25:00Z"})"));

  // Deleted through the API (DELETE /api/now/v2/table/{table}/{sys_id}): ServiceNow audits them.
  sn_.now_seconds = kT0 + 1500;
  httplib::Client api(sn_.url());
  const httplib::Headers bearer = {{"Authorization", absl::StrCat("Bearer ", kToken)}};
  ASSERT_EQ(api.Delete(absl::StrCat("/api/now/v2/table/incident/", SysId(2)), bearer)->status, 204);
  ASSERT_EQ(api.Delete(absl::StrCat("/api/now/v2/table/problem/", SysId(6)), bearer)->status, 204);
  ASSERT_EQ(api.Delete(absl::StrCat("/api/now/v2/table/problem/", SysId(6)), bearer)->status, 404);
  ASSERT_TRUE(sn_.Delete(SysId(7)));  // another table's: not asked for
  ASSERT_EQ(sn_.AuditRows().size(), 4u);
  clock_.SetNowSeconds(kT0 + 2000);
  auto next = ServiceNowConnectorFactory().create(config, deps);
  ASSERT_TRUE(next.ok());
  auto second = DeletedIds(**next, &cursor, 100);
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_THAT(*second, ElementsAre(SysId(2), SysId(6)));
  EXPECT_THAT(cursor, HasSubstr(R"("watermark":"2026-09-21T14:38:20Z")"));  // the last audit row's second
  // Each deleted id was checked gone before it was reported.
  EXPECT_THAT(sn_.queries, ::testing::Contains(absl::StrCat("incident: sys_idIN", SysId(2))));
}

TEST_F(ServiceNowConnectorTest, AuditedDeletesResumedFromAPagesCursorAreNeitherLostNorRepeated) {
  sn_.Put(Row(1, kT0));
  for (int64_t n = 10; n <= 16; ++n) sn_.Put(Row(n, kT0 + n));
  clock_.SetNowSeconds(kT0 + 1000);
  std::string cursor;
  {
    auto connector = Make({{"audit_deletes", "true"}, {"overlap", "0"}});
    ASSERT_TRUE(connector.ok()) << connector.status();
    ASSERT_TRUE(DeletedIds(**connector, &cursor, 100).ok());
  }
  // Seven deletes, three of them in one second, read two a page.
  for (int64_t n = 10; n <= 16; ++n) {
    sn_.now_seconds = kT0 + 1000 + (n <= 12 ? 5 : n);
    ASSERT_TRUE(sn_.Delete(SysId(n)));
  }
  auto connector = Make({{"audit_deletes", "true"}, {"overlap", "0"}});
  ASSERT_TRUE(connector.ok());
  ASSERT_TRUE((*connector)->Start(cursor).ok());
  std::vector<std::string> deleted;
  std::string crash_cursor;
  for (int page = 0; page < 10; ++page) {
    auto pulled = (*connector)->Pull(2);
    ASSERT_TRUE(pulled.ok()) << pulled.status();
    deleted.insert(deleted.end(), pulled->deleted.begin(), pulled->deleted.end());
    if (!pulled->deleted.empty()) {  // the first page of deletes: the sync engine stored it, then crashed
      crash_cursor = pulled->next_cursor;
      break;
    }
    ASSERT_FALSE(pulled->done);
  }
  ASSERT_EQ(deleted.size(), 2u);
  auto resumed = Make({{"audit_deletes", "true"}, {"overlap", "0"}});
  ASSERT_TRUE(resumed.ok());
  auto rest = DeletedIds(**resumed, &crash_cursor, 2);
  ASSERT_TRUE(rest.ok()) << rest.status();
  deleted.insert(deleted.end(), rest->begin(), rest->end());
  EXPECT_THAT(deleted, ElementsAre(SysId(10), SysId(11), SysId(12), SysId(13), SysId(14), SysId(15), SysId(16)));
  EXPECT_THAT(sn_.queries, ::testing::Contains(HasSubstr("^sys_created_on=2026-09-21 14:30:05^sys_idNOT IN")));

  // With an overlap the resumed run re-reads its window: repeats (harmless), nothing lost.
  auto overlapping = Make({{"audit_deletes", "true"}, {"overlap", "300"}});
  ASSERT_TRUE(overlapping.ok());
  auto again = DeletedIds(**overlapping, &cursor, 2);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(AsSet(*again), AsSet(deleted));
}

TEST_F(ServiceNowConnectorTest, A403OnSysAuditDeleteIsOneWarningAndTheRunGoesOn) {
  for (int64_t n = 1; n <= 3; ++n) sn_.Put(Row(n, kT0 + n));
  sn_.forbidden_tables = {"sys_audit_delete"};
  auto connector = Make({{"audit_deletes", "true"}});
  ASSERT_TRUE(connector.ok()) << connector.status();
  std::string cursor;
  std::vector<std::string> notes;
  ASSERT_TRUE(DeletedIds(**connector, &cursor, 100, &notes).ok());
  std::string again = cursor;
  auto second_pass = DeletedIds(**connector, &again, 100, &notes);  // the sync engine's second pass
  ASSERT_TRUE(second_pass.ok()) << second_pass.status();
  EXPECT_THAT(notes, ElementsAre("warning: sys_audit_delete not readable (403): deletes found by id reconciliation only"));
  int audit_requests = 0;
  for (const std::string& query : sn_.queries) audit_requests += absl::StartsWith(query, "sys_audit_delete:");
  EXPECT_EQ(audit_requests, 1);  // not asked again by the second pass
  EXPECT_THAT(cursor, HasSubstr(R"("deletes":)"));  // the watermark is kept for when it becomes readable
  std::string fresh;
  auto records = ReadAll(**connector, &fresh);
  ASSERT_TRUE(records.ok()) << records.status();
  EXPECT_EQ(records->size(), 3u);
}

TEST_F(ServiceNowConnectorTest, ARowRestoredAfterItsDeleteIsNotReportedDeleted) {
  for (int64_t n = 1; n <= 3; ++n) sn_.Put(Row(n, kT0 + n));
  clock_.SetNowSeconds(kT0 + 1000);
  std::string cursor;
  auto first = Make({{"audit_deletes", "true"}});
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(DeletedIds(**first, &cursor, 100).ok());
  sn_.now_seconds = kT0 + 1100;
  const FakeRow kept = sn_.Rows()[1];  // SysId(2)
  ASSERT_TRUE(sn_.Delete(SysId(2)));
  ASSERT_TRUE(sn_.Delete(SysId(3)));
  sn_.Put(kept);  // "Restore Record" from the deleted records: back under the same sys_id
  auto next = Make({{"audit_deletes", "true"}});
  ASSERT_TRUE(next.ok());
  auto deleted = DeletedIds(**next, &cursor, 100);
  ASSERT_TRUE(deleted.ok()) << deleted.status();
  EXPECT_THAT(*deleted, ElementsAre(SysId(3)));
}

TEST_F(ServiceNowConnectorTest, ACursorWithoutADeleteWatermarkIsReadAndGainsOne) {
  sn_.Put(Row(1, kT0));
  clock_.SetNowSeconds(kT0 + 1000);
  auto connector = Make({{"audit_deletes", "true"}, {"overlap", "0"}});
  ASSERT_TRUE(connector.ok());
  std::string cursor = absl::StrCat(R"({"tables":{"incident":{"watermark":"2026-09-21T14:13:20Z","seen":[")", SysId(1), R"("]}}})");
  auto deleted = DeletedIds(**connector, &cursor, 100);
  ASSERT_TRUE(deleted.ok()) << deleted.status();
  EXPECT_EQ(sn_.queries.back(), "sys_audit_delete: tablenameINincident^sys_created_on>=2026-09-21 14:30:00^"
                                "ORDERBYsys_created_on^ORDERBYsys_id");
  EXPECT_THAT(cursor, HasSubstr(R"("deletes":{"seen":[],"watermark":"2026-09-21T14:30:00Z"})"));
  EXPECT_THAT((*connector)->Start(R"({"tables":{},"deletes":{"watermark":"soon"}})").message(), HasSubstr("run sync --full"));
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
