// SAM over a live ServiceNow (issue 13): crosswalkd reads cmdb_ci_computer and
// cmdb_sam_sw_install from a fake ServiceNow Table API on loopback through the servicenow
// connector (display_value=all), an entitlement register as a file source, and answers
// `sam position`, `installs`, `explain` and `exceptions` as of 2026-12-07 (00:00 UTC, day 20'794),
// sam.stale_days 30. Every figure by hand:
//
// Computers (cmdb_ci_computer; each with last_discovered is a machine and a CMDB CI; no host_name
// is sent, so each machine is named by its CI name):
//   SNW-SQL-01  physical, cpu_count 2, cpu_core_count 12 (ServiceNow's "number of cores per CPU"):
//               2 × 12 = 24 cores, discovered 2026-12-01 08:00: 5 days.
//   SNW-VM-02   virtual, 1 × 2 cores, discovered 2026-11-07 00:00: exactly 30 days (30 × 86'400 s),
//               not more than 30: not stale.
//   SNW-PC-03   install_status 7 (Retired), discovered 2026-05-11: retired, so never stale.
//   SNW-PC-04   in service, never discovered (no last_discovered): a CI only, no machine.
//   SNW-PC-05   in service, discovered 2026-10-20 09:00: 2026-10-20 → 2026-12-07 is 11 + 30 + 7 =
//               48 calendar days, 47 days 15 h before 00:00: 47 whole days > 30: stale.
// Installs (cmdb_sam_sw_install):
//   SQL Server 2019 Standard on SNW-SQL-01 and SNW-VM-02; Office Professional Plus 2019 on
//   SNW-VM-02, SNW-PC-05 and SNW-PC-03 (retired); Office on SNW-SQL-01 with active=false (excluded).
// Register: LIC-SN-01 SQL Server Standard 2019, 24 cores; LIC-SN-02 Office Professional Plus 2019,
//   1 device. No allocations, same priority.
//
// SQL Server (core; demands in machine-name order):
//   SNW-SQL-01 physical: every core, at least 4 per processor: max(2 × 4, 24) = 24 (even).
//   SNW-VM-02 virtual: max(4, 2) = 4 (even).
//   owned 24, consumed 24 + 4 = 28, position 24 − 28 = −4, shortfall 4, under-licensed, 2 demands;
//   SNW-SQL-01 takes all 24, SNW-VM-02 gets 0 (used up by earlier demands).
// Office (device): SNW-PC-03, SNW-PC-05, SNW-VM-02 need 1 each (the inactive row on SNW-SQL-01
//   counts nothing; were it counted, 4): owned 1, consumed 3, position −2, shortfall 2,
//   under-licensed, 3 demands; SNW-PC-03 (first by name) takes the one licence.
// Exceptions (sorted by kind, subject):
//   install-on-retired-ci SNW-PC-03 (1 product install: Microsoft Office);
//   no-recent-inventory SNW-PC-04 (no inventory has seen it);
//   no-recent-inventory SNW-PC-05 (47 days);
//   nothing else: every machine is its own CI (no not-in-cmdb), SNW-VM-02 is at the bound, the
//   retired SNW-PC-03 is not checked, the serials are distinct.
#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/connectors/fake_servicenow.h"
#include "tests/gateway/gateway_fixture.h"

namespace crosswalk {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;
using testing_servicenow::FakeRow;
using testing_servicenow::FakeServiceNow;
using testing_servicenow::SysId;

constexpr int64_t kUpdated = 1'790'000'000;  // sys_updated_on of every row: 2026-09-21 14:13:20 UTC
constexpr char kAsOf[] = "2026-12-07";
constexpr int kSql01 = 0x11, kVm02 = 0x12, kPc03 = 0x13, kPc04 = 0x14, kPc05 = 0x15;

// A row with only `fields` (the config asks for these, so none of the fake's task fields).
FakeRow Row(const std::string& table, int n, std::map<std::string, std::string> fields) {
  FakeRow row;
  row.table = table;
  row.sys_id = SysId(n);
  row.updated = kUpdated;
  row.extra = std::move(fields);
  return row;
}

class SamServiceNowTest : public GatewayTest {
 protected:
  void SetUp() override {
    GatewayTest::SetUp();
    auto computer = [this](int n, const std::string& name, std::map<std::string, std::string> more) {
      more.insert({{"name", name}, {"sys_class_name", "cmdb_ci_computer"}, {"serial_number", absl::StrCat("SER-", name)}});
      FakeRow row = Row("cmdb_ci_computer", n, std::move(more));
      row.displays["install_status"] = row.extra["install_status"] == "7" ? "Retired" : "Installed";
      sn_.Put(row);
    };
    computer(kSql01, "SNW-SQL-01", {{"install_status", "1"}, {"cpu_count", "2"}, {"cpu_core_count", "12"},
                                    {"virtual", "false"}, {"last_discovered", "2026-12-01 08:00:00"}});
    computer(kVm02, "SNW-VM-02", {{"install_status", "1"}, {"cpu_count", "1"}, {"cpu_core_count", "2"},
                                  {"virtual", "true"}, {"last_discovered", "2026-11-07 00:00:00"}});
    computer(kPc03, "SNW-PC-03", {{"install_status", "7"}, {"cpu_count", "1"}, {"cpu_core_count", "4"},
                                  {"virtual", "false"}, {"last_discovered", "2026-05-11 10:00:00"}});
    computer(kPc04, "SNW-PC-04", {{"install_status", "1"}, {"cpu_count", "1"}, {"cpu_core_count", "4"}, {"virtual", "false"}});
    computer(kPc05, "SNW-PC-05", {{"install_status", "1"}, {"cpu_count", "1"}, {"cpu_core_count", "4"},
                                  {"virtual", "false"}, {"last_discovered", "2026-10-20 09:00:00"}});

    const std::map<int, std::string> names = {{kSql01, "SNW-SQL-01"}, {kVm02, "SNW-VM-02"}, {kPc03, "SNW-PC-03"}, {kPc05, "SNW-PC-05"}};
    auto install = [&](int n, int on, const std::string& title, const std::string& version, bool active) {
      FakeRow row = Row("cmdb_sam_sw_install", n,
                        {{"display_name", title},
                         {"publisher", "Microsoft Corporation"},
                         {"version", version},
                         {"installed_on", SysId(on)},
                         {"active", active ? "true" : "false"}});
      row.displays["installed_on"] = names.at(on);
      sn_.Put(row);
    };
    const std::string sql = "Microsoft SQL Server 2019 Standard Edition", office = "Microsoft Office Professional Plus 2019";
    install(0x101, kSql01, sql, "15.0.2000.5", true);
    install(0x102, kVm02, sql, "15.0.2000.5", true);
    install(0x103, kVm02, office, "16.0.10405.20015", true);
    install(0x104, kPc05, office, "16.0.10405.20015", true);
    install(0x105, kPc03, office, "16.0.10405.20015", true);
    install(0x106, kSql01, office, "16.0.10405.20015", false);

    WriteFile("licences.csv",
              "ライセンス管理番号,製品名,メーカー,対象バージョン,エディション,ライセンス形態,数量,購入日,有効期限,保守期限,"
              "ダウングレード権,割当先,優先度,発注番号,管理部署\n"
              "LIC-SN-01,Microsoft SQL Server Standard,Microsoft Corporation,2019,Standard,コア,24,2024-04-01,,2027-03-31,"
              "はい,,1,PO-2024-0501,情報システム部\n"
              "LIC-SN-02,Microsoft Office Professional Plus,Microsoft Corporation,2019,Professional Plus,デバイス,1,"
              "2024-04-01,,2027-03-31,はい,,1,PO-2024-0502,情報システム部\n");
    WriteFile("snow.password", "integration-pw-88\n");
    WriteFile("crosswalkd.yaml",
              absl::StrCat("listen: 127.0.0.1:0\nstore: ", Path("sam.db"), "\nsam: {stale_days: 30}\nsources:\n",
                           "  - {name: snow, type: servicenow, url: ", sn_.url(),
                           ", user: crosswalk, password_file: snow.password, tables: 'cmdb_ci_computer,cmdb_sam_sw_install', ",
                           "fields: 'name,sys_class_name,install_status,serial_number,cpu_count,cpu_core_count,last_discovered,",
                           "virtual,display_name,publisher,version,installed_on,active', audit_deletes: false, max_retries: 0}\n",
                           "  - {name: licences, type: file, preset: entitlements, location: ", Path("licences.csv"), "}\n"));
    Start();
    for (const char* source : {"snow", "licences"}) {
      const ProcessResult sync = Cli({"sync", source});
      ASSERT_EQ(sync.exit_code, 0) << sync.err;
    }
  }

  // The output of a `sam` subcommand as of kAsOf, its exit code checked.
  std::string Sam(std::vector<std::string> args) {
    args.insert(args.begin(), "sam");
    args.insert(args.end(), {"--as-of", kAsOf});
    const ProcessResult result = Cli(args);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return result.out;
  }

  FakeServiceNow sn_{"crosswalk", "integration-pw-88", "unused-token"};
};

TEST_F(SamServiceNowTest, PositionCountsTheActiveInstallsOnTheDiscoveredComputers) {
  EXPECT_EQ(SourceCounts()["snow"].first, 11);  // 5 computers + 6 installs
  const std::string position = Sam({"position", "--format", "csv"});
  EXPECT_EQ(position,
            "publisher,product,metric,owned,consumed,position,shortfall,status,demands\n"
            "Microsoft,Office,device,1,3,-2,2,under-licensed,3\n"
            "Microsoft,SQL Server,core,24,28,-4,4,under-licensed,2\n");
}

TEST_F(SamServiceNowTest, InstallsAreOnMachinesNamedByTheirCisAndTheInactiveRowIsExcluded) {
  const ProcessResult installs = Cli({"sam", "installs", "--format", "csv"});
  ASSERT_EQ(installs.exit_code, 0) << installs.err;
  std::vector<std::string> lines = absl::StrSplit(installs.out, '\n', absl::SkipEmpty());
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines[0], "device,publisher,product,version,edition,arch,class,raw_name,rule,evidence");
  // The product installs as "device product": each on the machine of its CI's name.
  std::vector<std::string> products;
  for (const std::string& line : lines) {
    const std::vector<std::string> cells = absl::StrSplit(line, ',');
    if (cells.size() > 6 && cells[6] == "product") products.push_back(absl::StrCat(cells[0], " ", cells[2]));
  }
  std::sort(products.begin(), products.end());
  EXPECT_THAT(products, ElementsAre("SNW-PC-03 Office", "SNW-PC-05 Office", "SNW-SQL-01 SQL Server", "SNW-VM-02 Office",
                                    "SNW-VM-02 SQL Server"));

  const ProcessResult excluded = Cli({"sam", "installs", "--class", "excluded", "--format", "json"});
  ASSERT_EQ(excluded.exit_code, 0) << excluded.err;
  const nlohmann::json rows = nlohmann::json::parse(excluded.out);
  ASSERT_EQ(rows.size(), 1u) << excluded.out;
  EXPECT_EQ(rows[0]["device"], "SNW-SQL-01");
  EXPECT_EQ(rows[0]["raw_name"], "Microsoft Office Professional Plus 2019");
  EXPECT_EQ(rows[0]["product"], "Office");  // read by the title rules, then excluded by its source
  EXPECT_EQ(rows[0]["rule"], "source-excluded");
  EXPECT_THAT(rows[0]["evidences"].get<std::string>(), StartsWith(absl::StrCat("snow/", SysId(0x106), " ")));
  // In the csv too, on its machine beside the SQL Server row.
  const ProcessResult server = Cli({"sam", "installs", "--device", "SNW-SQL-01", "--format", "csv"});
  ASSERT_EQ(server.exit_code, 0) << server.err;
  EXPECT_THAT(server.out, HasSubstr("\nSNW-SQL-01,Microsoft,Office,2019,professional plus,,excluded,"
                                    "Microsoft Office Professional Plus 2019,source-excluded,1\n"));
  EXPECT_THAT(server.out, HasSubstr("\nSNW-SQL-01,Microsoft,SQL Server,2019,standard,,product,"
                                    "Microsoft SQL Server 2019 Standard Edition,sw.prod.sql-server,1\n"));
}

TEST_F(SamServiceNowTest, ExplainNamesTheInstallRecordsAndHowEachNeedWasWorkedOut) {
  const std::string sql01 = Sam({"explain", "--device", "SNW-SQL-01", "--format", "csv"});
  EXPECT_EQ(sql01,
            "subject,publisher,product,metric,required,covered,basis,entitlement,consumed,why\n"
            "SNW-SQL-01,Microsoft,SQL Server,core,24,24,\"physical, 24 cores, at least 4 per processor × 2, in "
            "2-core packs = 24\",LIC-SN-01,24,consumed\n");
  const nlohmann::json trail = nlohmann::json::parse(Sam({"explain", "--device", "snw-sql-01", "--format", "json"}));
  ASSERT_EQ(trail.size(), 1u) << trail.dump();
  EXPECT_EQ(trail[0]["installs"], absl::StrCat("snow/", SysId(0x101))) << trail.dump();  // the install record
  EXPECT_THAT(trail.dump(), HasSubstr("\"licences/LIC-SN-01\""));

  // The VM comes after SNW-SQL-01: the 24 cores are used up; its Office after SNW-PC-03's.
  const std::string vm = Sam({"explain", "--device", "SNW-VM-02", "--format", "csv"});
  EXPECT_THAT(vm, HasSubstr("\nSNW-VM-02,Microsoft,Office,device,1,0,\"1 per device, however many installs\",LIC-SN-02,0,"
                            "used up by earlier demands\n"));
  EXPECT_THAT(vm, HasSubstr("\nSNW-VM-02,Microsoft,SQL Server,core,4,0,\"virtual machine, 2 virtual cores, at least 4, in 2-core "
                            "packs = 4\",LIC-SN-01,0,used up by earlier demands\n"));
}

TEST_F(SamServiceNowTest, ExceptionsOnlyWhereTheRulesSay) {
  const std::string all = Sam({"exceptions", "--format", "csv"});
  const std::vector<std::string> lines = absl::StrSplit(all, '\n', absl::SkipEmpty());
  ASSERT_EQ(lines.size(), 4u) << all;
  EXPECT_EQ(lines[0], "kind,subject,clause,detail,evidence");
  EXPECT_THAT(lines[1], StartsWith("install-on-retired-ci,SNW-PC-03,8.2.5,"));
  EXPECT_THAT(lines[1], HasSubstr("1 product installs on a machine the CMDB records as retired (SNW-PC-03); needing a licence: Microsoft Office"));
  EXPECT_THAT(lines[1], HasSubstr(absl::StrCat("snow/", SysId(kPc03))));
  EXPECT_THAT(lines[2], StartsWith("no-recent-inventory,SNW-PC-04,8.2.6,no inventory has seen it,"));
  EXPECT_THAT(lines[3], StartsWith("no-recent-inventory,SNW-PC-05,8.2.6,\"last inventoried 2026-10-20, 47 days before 2026-12-07\","));
  EXPECT_THAT(all, Not(HasSubstr("not-in-cmdb")));
  EXPECT_THAT(all, Not(HasSubstr("SNW-VM-02")));

  // A day later SNW-VM-02's 30 days become 31: stale too.
  const ProcessResult later = Cli({"sam", "exceptions", "--kind", "no-recent-inventory", "--as-of", "2026-12-08", "--format", "csv"});
  ASSERT_EQ(later.exit_code, 0) << later.err;
  EXPECT_THAT(later.out, HasSubstr("\nno-recent-inventory,SNW-VM-02,8.2.6,\"last inventoried 2026-11-07, 31 days before 2026-12-08\","));
}

}  // namespace
}  // namespace crosswalk
