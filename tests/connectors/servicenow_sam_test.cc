// The servicenow connector's software installations (cmdb_sam_sw_install, cmdb_software_instance)
// and CIs in the shape the SAM views read (docs/connectors/servicenow.md "Software asset
// management"): read from a fake Table API on loopback, then normalised with the shipped rules,
// and the page parser over plain values.
#include <filesystem>
#include <fstream>
#include <set>

#include "absl/strings/str_cat.h"
#include "connectors/servicenow/servicenow_connector.h"
#include "connectors/servicenow/servicenow_page.h"
#include "gateway/core/time_text.h"
#include "gateway/normalize/normalizer.h"
#include "gateway/normalize/rule_set.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "httplib.h"
#include "tests/connectors/fake_servicenow.h"

namespace crosswalk::servicenow {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;
using testing_servicenow::FakeRow;
using testing_servicenow::FakeServiceNow;
using testing_servicenow::SysId;

constexpr int64_t kT0 = 1'790'000'000;  // 2026-09-21 14:13:20 UTC
constexpr char kInactive[] = "inactive in ServiceNow: a duplicate reported by another discovery source, or on an excluded CI";

// The non-extra field of `role` as "value (type)", or "<absent>".
std::string Role(const RawRecord& record, const std::string& role) {
  for (const RawField& field : record.fields) {
    if (field.role == role && !field.extra) return absl::StrCat(field.value, " (", field.type, ")");
  }
  return "<absent>";
}

std::vector<std::string> Extras(const RawRecord& record) {
  std::vector<std::string> out;
  for (const RawField& field : record.fields) {
    if (field.extra) out.push_back(absl::StrCat(field.role, "=", field.value));
  }
  return out;
}

// A row with none of the fake's task fields (number, state …), only `fields`.
FakeRow Bare(const std::string& table, int64_t n, std::map<std::string, std::string> fields) {
  FakeRow row;
  row.table = table;
  row.sys_id = SysId(n);
  row.number = row.short_description = row.state = row.priority = "";
  row.updated = kT0;
  row.extra = std::move(fields);
  return row;
}

const RawRecord* ById(const std::vector<RawRecord>& records, const std::string& id) {
  for (const RawRecord& record : records) {
    if (record.native_id == id) return &record;
  }
  return nullptr;
}

class ServiceNowSamTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("servicenow_sam_test_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
    std::ofstream(dir_ / "token") << "oauth-access-token-7781\n";
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // Two computers and two installs on them, as display_value=all sends them.
  void PutInventory() {
    FakeRow laptop = Bare("cmdb_ci_computer", 0x51,
                          {{"name", "TKY-LT-0142"}, {"sys_class_name", "cmdb_ci_computer"}, {"install_status", "1"},
                           {"serial_number", "5CG1234XYZ"}, {"host_name", "tky-lt-0142"}, {"cpu_count", "1"},
                           {"cpu_core_count", "8"}, {"last_discovered", "2026-11-20 08:00:00"}, {"virtual", "false"}});
    laptop.assigned_to = "Hanako Sato";  // the fake sends a sys_id as its value, the name as display
    sn_.Put(laptop);
    sn_.Put(Bare("cmdb_ci_computer", 0x52,
                 {{"name", "TKY-SQL-07"}, {"sys_class_name", "cmdb_ci_computer"}, {"cpu_count", "2"},
                  {"cpu_core_count", "16"}, {"virtual", "true"}}));
    FakeRow sql = Bare("cmdb_sam_sw_install", 0x101,
                       {{"display_name", "Microsoft SQL Server 2019 Standard Edition"},
                        {"publisher", "Microsoft Corporation"},
                        {"version", "15.0.2000.5"},
                        {"installed_on", SysId(0x52)},
                        {"active", "true"},
                        {"install_date", "2026-03-02"},
                        {"instance_key", "MSSQLSERVER"},
                        {"discovery_model", SysId(0x900)}});
    sql.displays = {{"installed_on", "TKY-SQL-07"}, {"discovery_model", "Microsoft SQL Server 2019 Standard"}};
    sn_.Put(sql);
    FakeRow office = Bare("cmdb_sam_sw_install", 0x102,
                          {{"display_name", "Microsoft Office Professional Plus 2021"},
                           {"publisher", "Microsoft Corporation"},
                           {"version", "16.0.14332.20447"},
                           {"installed_on", SysId(0x51)},
                           {"active", "false"}});
    office.displays = {{"installed_on", "TKY-LT-0142"}};
    sn_.Put(office);
  }

  // Every record of a run over the computers and installs; the fields asked for leave the fake's
  // task fields (number, state …) out, so every extra is one the rows really carry.
  std::vector<RawRecord> ReadInventory() {
    SourceConfig config{"snow", "servicenow",
                        {{"url", sn_.url()},
                         {"token_file", (dir_ / "token").string()},
                         {"tables", "cmdb_ci_computer,cmdb_sam_sw_install"},
                         {"fields", "name,sys_class_name,install_status,serial_number,host_name,cpu_count,cpu_core_count,"
                                    "last_discovered,virtual,assigned_to,display_name,publisher,version,installed_on,"
                                    "active,install_date,instance_key,discovery_model"},
                         {"audit_deletes", "false"}}};
    ConnectorDeps deps{&clock_, NewHttplibClient};
    auto connector = ServiceNowConnectorFactory().create(config, deps);
    EXPECT_TRUE(connector.ok()) << connector.status();
    if (!connector.ok()) return {};
    shape_ = (*connector)->Shape();
    EXPECT_TRUE((*connector)->Start("").ok());
    std::vector<RawRecord> out;
    for (int page = 0; page < 10; ++page) {
      auto pulled = (*connector)->Pull(100);
      EXPECT_TRUE(pulled.ok()) << pulled.status();
      if (!pulled.ok()) break;
      out.insert(out.end(), pulled->records.begin(), pulled->records.end());
      if (pulled->done) break;
    }
    return out;
  }

  std::filesystem::path dir_;
  ManualClock clock_;
  FakeServiceNow sn_{"crosswalk.integration", "unused", "oauth-access-token-7781"};
  SourceShape shape_;
};

TEST_F(ServiceNowSamTest, ComputersAndInstallsCarryTheRolesTheSamViewsRead) {
  PutInventory();
  const std::vector<RawRecord> records = ReadInventory();
  ASSERT_EQ(records.size(), 4u);

  const RawRecord* laptop = ById(records, SysId(0x51));
  ASSERT_NE(laptop, nullptr);
  EXPECT_EQ(laptop->native_kind, "cmdb_ci_computer");
  EXPECT_EQ(Role(*laptop, "title"), "TKY-LT-0142 (text)");
  EXPECT_EQ(Role(*laptop, "cores_per_processor"), "8 (number)");
  EXPECT_EQ(Role(*laptop, "processors"), "1 (number)");
  EXPECT_EQ(Role(*laptop, "last_seen"), "2026-11-20T08:00:00Z (datetime)");
  EXPECT_EQ(Role(*laptop, "host_name"), "tky-lt-0142 (text)");
  EXPECT_EQ(Role(*laptop, "serial_number"), "5CG1234XYZ (text)");
  EXPECT_EQ(Role(*laptop, "user"), "Hanako Sato (text)");  // the person's name, not the sys_id
  EXPECT_EQ(Role(*laptop, "assigned_to"), "Hanako Sato (text)");
  EXPECT_EQ(Role(*laptop, "virtualization"), "<absent>");  // virtual = false
  // Not even assigned_to's label: the name is already the user's.
  EXPECT_THAT(Extras(*laptop), IsEmpty());

  const RawRecord* server = ById(records, SysId(0x52));
  ASSERT_NE(server, nullptr);
  EXPECT_EQ(Role(*server, "virtualization"), "virtual (text)");
  EXPECT_EQ(Role(*server, "cores_per_processor"), "16 (number)");
  EXPECT_EQ(Role(*server, "last_seen"), "<absent>");
  EXPECT_THAT(Extras(*server), IsEmpty());

  const RawRecord* sql = ById(records, SysId(0x101));
  ASSERT_NE(sql, nullptr);
  EXPECT_EQ(sql->native_kind, "cmdb_sam_sw_install");
  EXPECT_EQ(Role(*sql, "title"), "Microsoft SQL Server 2019 Standard Edition (text)");
  EXPECT_EQ(Role(*sql, "raw_name"), "Microsoft SQL Server 2019 Standard Edition (text)");
  EXPECT_EQ(Role(*sql, "publisher"), "Microsoft Corporation (text)");
  EXPECT_EQ(Role(*sql, "version"), "15.0.2000.5 (text)");
  EXPECT_EQ(Role(*sql, "device_id"), absl::StrCat(SysId(0x52), " (text)"));  // the CI record's native id
  EXPECT_EQ(Role(*sql, "ci"), "TKY-SQL-07 (text)");
  EXPECT_EQ(Role(*sql, "install_date"), "2026-03-02 (text)");
  EXPECT_EQ(Role(*sql, "excluded"), "<absent>");  // active = true
  EXPECT_THAT(Extras(*sql), UnorderedElementsAre("instance_key=MSSQLSERVER", absl::StrCat("discovery_model=", SysId(0x900)),
                                                 "discovery_model.display=Microsoft SQL Server 2019 Standard"));

  const RawRecord* office = ById(records, SysId(0x102));
  ASSERT_NE(office, nullptr);
  EXPECT_EQ(Role(*office, "excluded"), absl::StrCat(kInactive, " (text)"));
  EXPECT_EQ(Role(*office, "device_id"), absl::StrCat(SysId(0x51), " (text)"));
  EXPECT_EQ(Role(*office, "ci"), "TKY-LT-0142 (text)");
  EXPECT_THAT(Extras(*office), IsEmpty());
}

// What the normaliser makes of those roles with the shipped servicenow rules: kinds from the
// table names, last_seen kept as a datetime attribute ParseTimestamp reads, the ci role a link,
// and only the real extras listed as unknown columns.
TEST_F(ServiceNowSamTest, NormalisedTheyAreMachinesAndInstallsWithTypedAttributes) {
  PutInventory();
  const std::vector<RawRecord> records = ReadInventory();
  ASSERT_EQ(records.size(), 4u);
  auto rules = RuleSet::Load(CROSSWALK_SOURCE_MAPPINGS_DIR);
  ASSERT_TRUE(rules.ok()) << rules.status();
  Normalizer normalizer(rules->get(), [](const std::string&, const std::string&, bool, std::string*) {
    return std::optional<std::string>();
  });

  auto laptop = normalizer.Normalize(*ById(records, SysId(0x51)), shape_, kT0);
  ASSERT_TRUE(laptop.ok()) << laptop.status();
  const Record& machine = laptop->record;
  EXPECT_EQ(machine.kind, "configuration-item");
  const Attribute* seen = machine.FindAttribute("last_seen");
  ASSERT_NE(seen, nullptr);
  EXPECT_EQ(seen->type, "datetime");
  EXPECT_EQ(seen->value, "2026-11-20T08:00:00Z");
  // 2026-11-20 is day 20'777 since 1970 (2026-01-01 is day 20'454, + 323 days); 08:00 adds 28'800 s:
  // 20'777 × 86'400 + 28'800 = 1'795'161'600.
  EXPECT_EQ(ParseTimestamp(seen->value).value_or(0), 1'795'161'600);
  EXPECT_FALSE(machine.effective.has_value());  // an attribute, not one of the record's own dates
  ASSERT_NE(machine.FindAttribute("cores_per_processor"), nullptr);
  EXPECT_EQ(machine.FindAttribute("cores_per_processor")->type, "number");
  EXPECT_EQ(machine.FindAttribute("cores_per_processor")->value, "8");
  ASSERT_NE(machine.FindAttribute("user"), nullptr);
  EXPECT_EQ(machine.FindAttribute("user")->value, "Hanako Sato");
  for (const UnmappedValue& unmapped : laptop->unmapped) EXPECT_NE(unmapped.field, "(column)") << unmapped.raw_value;

  auto sql = normalizer.Normalize(*ById(records, SysId(0x101)), shape_, kT0);
  ASSERT_TRUE(sql.ok()) << sql.status();
  const Record& install = sql->record;
  EXPECT_EQ(install.kind, "software-installation");
  EXPECT_EQ(install.title, "Microsoft SQL Server 2019 Standard Edition");
  ASSERT_NE(install.FindAttribute("device_id"), nullptr);
  EXPECT_EQ(install.FindAttribute("device_id")->value, SysId(0x52));
  ASSERT_NE(install.FindAttribute("raw_name"), nullptr);
  ASSERT_EQ(install.links.size(), 1u);
  EXPECT_EQ(install.links[0].relation, "ci");
  EXPECT_EQ(install.links[0].target, "TKY-SQL-07");
  std::set<std::string> columns;
  for (const UnmappedValue& unmapped : sql->unmapped) {
    if (unmapped.field == "(column)") columns.insert(unmapped.raw_value);
  }
  EXPECT_THAT(columns, ElementsAre("discovery_model", "discovery_model.display", "instance_key"));

  auto office = normalizer.Normalize(*ById(records, SysId(0x102)), shape_, kT0);
  ASSERT_TRUE(office.ok()) << office.status();
  ASSERT_NE(office->record.FindAttribute("excluded"), nullptr);
  EXPECT_EQ(office->record.FindAttribute("excluded")->value, kInactive);
}

// display_value=false sends plain values: an install's CI is then known by its sys_id alone, which
// names its ci too; the legacy table's title falls back to its own name.
TEST(ServiceNowSamPageTest, PlainValuesNameTheCiBySysIdAndTheLegacyTitleByName) {
  auto installs = ParseServiceNowPage(
      absl::StrCat(R"({"result":[{"sys_id":")", SysId(0x101), R"(","sys_updated_on":"2026-11-22 12:12:14",)",
                   R"("display_name":"Adobe Acrobat Pro","publisher":"Adobe Inc.","installed_on":")", SysId(0x51),
                   R"(","active":"true","cpu_count":"4"}]})"),
      {.table = "cmdb_sam_sw_install", .page = 1});
  ASSERT_TRUE(installs.ok()) << installs.status();
  ASSERT_EQ(installs->items.size(), 1u);
  const RawRecord& install = installs->items[0].record;
  EXPECT_EQ(Role(install, "device_id"), absl::StrCat(SysId(0x51), " (text)"));
  EXPECT_EQ(Role(install, "ci"), absl::StrCat(SysId(0x51), " (text)"));
  EXPECT_EQ(Role(install, "raw_name"), "Adobe Acrobat Pro (text)");
  EXPECT_EQ(Role(install, "publisher"), "Adobe Inc. (text)");
  EXPECT_EQ(Role(install, "excluded"), "<absent>");
  // A CI's field on an install table is not a CI's: kept as an extra.
  EXPECT_THAT(Extras(install), ElementsAre("cpu_count=4"));

  const std::string legacy_row = absl::StrCat(R"({"sys_id":")", SysId(0x201), R"(","sys_updated_on":"2026-11-22 12:12:14",)",
                                              R"("name":"acrobat.exe","installed_on":")", SysId(0x51), R"(","software":)");
  auto by_name = ParseServiceNowPage(absl::StrCat(R"({"result":[)", legacy_row, "\"", SysId(0x300), "\"}]}"),
                                     {.table = "cmdb_software_instance", .page = 1});
  ASSERT_TRUE(by_name.ok()) << by_name.status();
  EXPECT_EQ(Role(by_name->items[0].record, "title"), "acrobat.exe (text)");
  EXPECT_THAT(Extras(by_name->items[0].record), ElementsAre(absl::StrCat("software=", SysId(0x300))));
  auto by_package = ParseServiceNowPage(
      absl::StrCat(R"({"result":[)", legacy_row, R"({"value":")", SysId(0x300), R"(","display_value":"Adobe Acrobat DC"}}]})"),
      {.table = "cmdb_software_instance", .page = 1});
  ASSERT_TRUE(by_package.ok()) << by_package.status();
  EXPECT_EQ(Role(by_package->items[0].record, "title"), "Adobe Acrobat DC (text)");
  EXPECT_EQ(Role(by_package->items[0].record, "raw_name"), "Adobe Acrobat DC (text)");
  EXPECT_THAT(Extras(by_package->items[0].record), ElementsAre("name=acrobat.exe"));
  EXPECT_EQ(Role(by_package->items[0].record, "device_id"), absl::StrCat(SysId(0x51), " (text)"));

  auto bad_seen = ParseServiceNowPage(absl::StrCat(R"({"result":[{"sys_id":")", SysId(0x51),
                                                   R"(","sys_updated_on":"2026-11-22 12:12:14","last_discovered":"20/11/2026 08:00"}]})"),
                                      {.table = "cmdb_ci", .page = 2});
  EXPECT_THAT(bad_seen.status().message(),
              HasSubstr("ServiceNow cmdb_ci page 2, row 1 (sys_id 00000000000000000000000000000051): 'last_discovered' is not a UTC time"));
}

}  // namespace
}  // namespace crosswalk::servicenow
