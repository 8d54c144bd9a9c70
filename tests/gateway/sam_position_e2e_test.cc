// The licence position through the real crosswalkd and CLI (issue 13 Deliver 4 and 7): three
// GLPI inventories (tools/examples/sam/inventories) and the Japanese entitlement register
// (tools/examples/sam/ライセンス台帳.csv) synced as sources; `sam position` and `sam explain`
// as of 2026-12-07, every figure computed by hand below.
//
//   Firefox on PC-001 needs no licence (open source): not counted.
//   Office (device): LIC-0001 50 valid; PC-001 (2019) and PC-002 (2016, older than the register's
//     2019, downgrade rights はい) use one each: owned 50, consumed 2, position 48.
//   SQL Server (core): SRV-DB01, 2 processors of 6 cores, physical: every core, at least 4 per
//     processor: max(2 × 4, 12) = 12 (even); LIC-0002 16 cores allocated to SRV-DB01: owned 16,
//     consumed 12, position 4.
//   Acrobat (user): LIC-0003 25 users expired 2025-01-14: owned 0; suzuki.ichiro on PC-002 needs
//     1: consumed 1, shortfall 1, position −1, unlicensed.
//   Oracle Database (processor): LIC-0004 2, nothing installed: owned 2, consumed 0, position 2.
//
// With the CMDB register (tools/examples/sam/構成管理台帳.csv) the exceptions are:
//   PC-002 is in no CI (name and serial unknown to the CMDB): not-in-cmdb;
//   SRV-OLD01 (サーバ, 稼働中) matches no machine: no-recent-inventory;
//   CI-0002 PC-001 and CI-0005 PC-003 share serial 5CG1234ABC: duplicate-device;
//   LIC-0004 is allocated to SRV-DB02, which neither the CMDB nor an inventory knows: allocation-unknown;
//   CI-0001 SRV-DB01 names LIC-0004 (Oracle Database), not installed on SRV-DB01: licence-field-mismatch
//   (its LIC-0002 is the entitlement SRV-DB01's SQL Server consumed: no exception).
//   PC-099 is retired and in no inventory: nothing.
#include <filesystem>
#include <fstream>
#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "nlohmann/json.hpp"
#include "gtest/gtest.h"
#include "tests/gateway/gateway_fixture.h"

namespace crosswalk {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

class SamPositionTest : public GatewayTest {
 protected:
  void StartSynced() {
    WriteFile("crosswalkd.yaml",
              absl::StrCat("listen: 127.0.0.1:0\nstore: ", Path("sam.db"), "\nsources:\n",
                           "  - {name: agents, type: inventory, location: ", CROSSWALK_EXAMPLES "/sam/inventories}\n",
                           "  - {name: licences, type: file, preset: entitlements, location: ",
                           CROSSWALK_EXAMPLES "/sam/ライセンス台帳.csv}\n",
                           "  - {name: cmdb, type: file, preset: configuration-items, location: ",
                           CROSSWALK_EXAMPLES "/sam/構成管理台帳.csv}\n"));
    Start();
    for (const char* source : {"agents", "licences", "cmdb"}) {
      const ProcessResult sync = Cli({"sync", source});
      ASSERT_EQ(sync.exit_code, 0) << sync.err;
    }
  }
};

TEST_F(SamPositionTest, PositionPerProductAsComputedByHand) {
  StartSynced();
  const ProcessResult position = Cli({"sam", "position", "--as-of", "2026-12-07", "--format", "csv"});
  ASSERT_EQ(position.exit_code, 0) << position.err;
  EXPECT_THAT(position.out, StartsWith("publisher,product,metric,owned,consumed,position,shortfall,status,demands\n"));
  EXPECT_THAT(position.out, HasSubstr("\nAdobe,Acrobat,user,0,1,-1,1,unlicensed,1\n"));
  EXPECT_THAT(position.out, HasSubstr("\nMicrosoft,Office,device,50,2,48,0,licensed,2\n"));
  EXPECT_THAT(position.out, HasSubstr("\nMicrosoft,SQL Server,core,16,12,4,0,licensed,1\n"));
  EXPECT_THAT(position.out, HasSubstr("\nOracle,Database,processor,2,0,2,0,licensed,0\n"));
  // 7-Zip is a title no product rule knows and no register names; Firefox on PC-001 is a product
  // that needs no licence (sw.free.mozilla): neither is in the position.
  EXPECT_THAT(position.out, Not(HasSubstr("7-Zip")));
  EXPECT_THAT(position.out, Not(HasSubstr("Firefox")));
  const ProcessResult firefox = Cli({"sam", "installs", "--device", "PC-001", "--format", "json"});
  ASSERT_EQ(firefox.exit_code, 0) << firefox.err;
  EXPECT_THAT(firefox.out, HasSubstr("\"free\": \"open source (MPL 2.0)\""));

  // The inventory connector's own attributes (raw_name, publisher …) are known; a member of the
  // GLPI format it does not map (itemtype) is kept and counted.
  const ProcessResult unmapped = Cli({"records", "--unmapped", "--source", "agents", "--format", "csv"});
  ASSERT_EQ(unmapped.exit_code, 0) << unmapped.err;
  EXPECT_THAT(unmapped.out, HasSubstr("agents,(column),itemtype,3,"));
  EXPECT_THAT(unmapped.out, Not(HasSubstr("raw_name")));
  EXPECT_THAT(unmapped.out, Not(HasSubstr(",publisher,")));

  // Before LIC-0003 expired, the same Acrobat user was covered.
  const ProcessResult earlier = Cli({"sam", "position", "--product", "acrobat", "--as-of", "2024-12-01", "--format", "csv"});
  ASSERT_EQ(earlier.exit_code, 0) << earlier.err;
  EXPECT_EQ(earlier.out, "publisher,product,metric,owned,consumed,position,shortfall,status,demands\n"
                         "Adobe,Acrobat,user,25,1,24,0,licensed,1\n");
}

TEST_F(SamPositionTest, ExplainShowsEveryEntitlementConsideredAndWhy) {
  StartSynced();
  const ProcessResult pc2 = Cli({"sam", "explain", "--device", "pc-002", "--as-of", "2026-12-07", "--format", "csv"});
  ASSERT_EQ(pc2.exit_code, 0) << pc2.err;
  EXPECT_THAT(pc2.out, StartsWith("subject,publisher,product,metric,required,covered,basis,entitlement,consumed,why\n"));
  EXPECT_THAT(pc2.out, HasSubstr("\nsuzuki.ichiro,Adobe,Acrobat,user,1,0,1 per named user,LIC-0003,0,expired on 2025-01-14\n"));
  EXPECT_THAT(pc2.out, HasSubstr("\nPC-002,Microsoft,Office,device,1,1,\"1 per device, however many installs\",LIC-0001,1,consumed\n"));
  EXPECT_THAT(pc2.out, Not(HasSubstr("PC-001")));

  // The SQL Server demand: how 12 was worked out, and the allocated entitlement consumed.
  const ProcessResult sql = Cli({"sam", "explain", "--product", "sql server", "--as-of", "2026-12-07", "--format", "json"});
  ASSERT_EQ(sql.exit_code, 0) << sql.err;
  EXPECT_THAT(sql.out, HasSubstr("\"subject\": \"SRV-DB01\""));
  EXPECT_THAT(sql.out, HasSubstr("\"entitlement\": \"LIC-0002\""));
  EXPECT_THAT(sql.out, HasSubstr("physical, 12 cores, at least 4 per processor × 2, in 2-core packs = 12"));
  EXPECT_THAT(sql.out, HasSubstr("\"consumed\": 12"));
  EXPECT_THAT(sql.out, HasSubstr("\"entitlement_record\": \"licences/LIC-0002\""));
  // The machine is found by its serial too.
  const ProcessResult by_serial = Cli({"sam", "explain", "--device", "J8QK2T3", "--as-of", "2026-12-07", "--format", "csv"});
  ASSERT_EQ(by_serial.exit_code, 0) << by_serial.err;
  EXPECT_THAT(by_serial.out, HasSubstr("\nSRV-DB01,Microsoft,SQL Server,core,12,12,"));
}

TEST_F(SamPositionTest, ExceptionsOfTheReconciliationWithTheirEvidence) {
  StartSynced();
  const ProcessResult all = Cli({"sam", "exceptions", "--as-of", "2026-12-07", "--format", "csv"});
  ASSERT_EQ(all.exit_code, 0) << all.err;
  const std::vector<std::string> lines = absl::StrSplit(all.out, '\n', absl::SkipEmpty());
  ASSERT_EQ(lines.size(), 6u) << all.out;
  EXPECT_EQ(lines[0], "kind,subject,clause,detail,evidence");
  EXPECT_THAT(lines[1], StartsWith("allocation-unknown,SRV-DB02,8.2.5,"));
  EXPECT_THAT(lines[1], HasSubstr("licences/LIC-0004"));
  EXPECT_THAT(lines[2], StartsWith("duplicate-device,"));
  EXPECT_THAT(lines[2], HasSubstr("cmdb/CI-0002 cmdb/CI-0005"));
  EXPECT_THAT(lines[3], StartsWith("licence-field-mismatch,"));
  EXPECT_THAT(lines[3], HasSubstr("LIC-0004"));
  EXPECT_THAT(lines[3], Not(HasSubstr("LIC-0002")));
  EXPECT_THAT(lines[4], StartsWith("no-recent-inventory,SRV-OLD01,8.2.6,"));
  EXPECT_THAT(lines[5], StartsWith("not-in-cmdb,PC-002,8.2.6,"));
  EXPECT_THAT(lines[5], HasSubstr("agents/device/PC-002-2024-04-11-09-00-00"));

  const ProcessResult one = Cli({"sam", "exceptions", "--kind", "not-in-cmdb", "--format", "csv"});
  ASSERT_EQ(one.exit_code, 0) << one.err;
  EXPECT_THAT(one.out, HasSubstr("\nnot-in-cmdb,PC-002,"));
  EXPECT_THAT(one.out, Not(HasSubstr("SRV-OLD01")));
  const ProcessResult unknown = Cli({"sam", "exceptions", "--kind", "stale"});
  EXPECT_NE(unknown.exit_code, 0);
  EXPECT_THAT(unknown.err, HasSubstr("unknown exception kind 'stale' (not-in-cmdb, "));
}

// The syncs refresh the SAM evidence: 4 positions and 5 exceptions as records of source `sam`,
// which the coverage report counts. 8.2.5 (asset management): supported by the 6 installs
// (Firefox included), the 4 entitlements and the 3 licensed positions (13); against it the
// unlicensed Acrobat position (by its kind) and the 2 exceptions that name 8.2.5 (allocation-unknown, licence-field-mismatch),
// plus the 3 data exceptions through 19770-1:2017 data management, which the crosswalk relates to
// 8.2.5 as well as 8.2.6 (derived, shown with its path): 6. 8.2.6: the 3 data exceptions.
TEST_F(SamPositionTest, PositionsAndExceptionsAreEvidenceTheReportsCount) {
  StartSynced();
  const ProcessResult records = Cli({"records", "--source", "sam", "--format", "json"});
  ASSERT_EQ(records.exit_code, 0) << records.err;
  const nlohmann::json stored = nlohmann::json::parse(records.out);
  std::map<std::string, int> kinds;
  for (const nlohmann::json& r : stored) ++kinds[r["kind"].get<std::string>()];
  EXPECT_EQ(kinds["licence-position"], 4) << records.out;
  EXPECT_EQ(kinds["sam-exception"], 5) << records.out;

  const ProcessResult coverage = Cli({"report", "coverage", "--format", "json"});
  ASSERT_EQ(coverage.exit_code, 0) << coverage.err;
  const nlohmann::json report = nlohmann::json::parse(coverage.out);
  int seen = 0;
  for (const nlohmann::json& clause : report["coverage"]) {
    if (clause["clause"] == "8.2.5") {
      ++seen;
      EXPECT_EQ(clause["evidence"], 13);
      EXPECT_EQ(clause["against"], 6);
      bool acrobat = false;
      for (const nlohmann::json& r : clause["against_records"]) {
        if (r["native_id"] == "position/Adobe/Acrobat") {
          acrobat = true;
          EXPECT_EQ(r["polarity_rule"], "polarity.licence.short");
          EXPECT_THAT(r["location"].get<std::string>(), StartsWith("derived: "));
        }
        EXPECT_NE(r["native_id"], "position/Microsoft/Office");
      }
      EXPECT_TRUE(acrobat);
    } else if (clause["clause"] == "8.2.6") {
      ++seen;
      EXPECT_EQ(clause["against"], 3);
    }
  }
  EXPECT_EQ(seen, 2);

  // Nothing changed since the last sync's refresh: nothing new is written.
  const ProcessResult again = Cli({"sam", "refresh", "--format", "csv"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(again.out, "created,updated,unchanged,deleted\n0,0,9,0\n");
}

// One device's inventory changing: the next sync refreshes the position by reading that machine
// again (crosswalkd's log says how), and the position and its evidence record follow. PC-001
// gains Acrobat (its user tanaka.hanako needs a named-user licence: LIC-0003 has expired, so 2
// users are short now) in place of Office (one device fewer: 1 of 50).
TEST_F(SamPositionTest, OneInventoryChangingRefreshesByReadingItsMachineAgain) {
  std::filesystem::create_directories(dir_ / "inv");
  for (const auto& file : std::filesystem::directory_iterator(CROSSWALK_EXAMPLES "/sam/inventories")) {
    std::filesystem::copy_file(file.path(), dir_ / "inv" / file.path().filename());
  }
  WriteFile("crosswalkd.yaml",
            absl::StrCat("listen: 127.0.0.1:0\nstore: ", Path("sam.db"), "\nsources:\n",
                         "  - {name: agents, type: inventory, location: ", Path("inv"), "}\n",
                         "  - {name: licences, type: file, preset: entitlements, location: ",
                         CROSSWALK_EXAMPLES "/sam/ライセンス台帳.csv}\n"));
  Start();
  for (const char* source : {"agents", "licences"}) {
    const ProcessResult sync = Cli({"sync", source});
    ASSERT_EQ(sync.exit_code, 0) << sync.err;
  }
  const ProcessResult before = Cli({"sam", "position", "--format", "csv"});
  ASSERT_EQ(before.exit_code, 0) << before.err;
  EXPECT_THAT(before.out, HasSubstr("\nAdobe,Acrobat,user,0,1,-1,1,unlicensed,1\n"));

  std::string pc1 = ReadFile(dir_ / "inv" / "pc-001.json");
  const std::string office = "\"name\": \"Microsoft Office Professional Plus 2019\"";
  ASSERT_NE(pc1.find(office), std::string::npos);
  pc1.replace(pc1.find(office), office.size(), "\"name\": \"Adobe Acrobat Pro DC\"");
  WriteFile("inv/pc-001.json", pc1);
  const ProcessResult sync = Cli({"sync", "agents"});
  ASSERT_EQ(sync.exit_code, 0) << sync.err;
  const ProcessResult after = Cli({"sam", "position", "--format", "csv"});
  ASSERT_EQ(after.exit_code, 0) << after.err;
  EXPECT_THAT(after.out, HasSubstr("\nAdobe,Acrobat,user,0,2,-2,2,unlicensed,2\n"));
  EXPECT_THAT(after.out, HasSubstr("\nMicrosoft,Office,device,50,1,49,0,licensed,1\n"));
  EXPECT_THAT(ReadFile(dir_ / "crosswalkd.log"), HasSubstr("SAM evidence refreshed (1 machine read again)"));
  const ProcessResult record = Cli({"records", "--source", "sam", "--kind", "licence-position", "--format", "json"});
  ASSERT_EQ(record.exit_code, 0) << record.err;
  EXPECT_THAT(record.out, HasSubstr("Adobe Acrobat: unlicensed (user)"));
}

// Concurrent licences are counted from usage data (preset licence-usage): LIC-C01 gives 1 user
// at once; the license server measured peaks of 3 (2026-09-30) and 2 (2026-11-30). As of
// 2026-12-07 both are within 90 days: peak 3, 2 short. As of 2027-01-15 only November's: peak
// 2, 1 short. As of 2026-09-01 none: nothing can be counted, and the position says so.
TEST_F(SamPositionTest, ConcurrentLicencesAreCountedFromUsageData) {
  WriteFile("crosswalkd.yaml",
            absl::StrCat("listen: 127.0.0.1:0\nstore: ", Path("sam.db"), "\nsources:\n",
                         "  - {name: agents, type: inventory, location: ", CROSSWALK_EXAMPLES "/sam/inventories}\n",
                         "  - {name: licences, type: file, preset: entitlements, location: ",
                         CROSSWALK_EXAMPLES "/sam/usage/同時接続ライセンス.csv}\n",
                         "  - {name: usage, type: file, preset: licence-usage, location: ",
                         CROSSWALK_EXAMPLES "/sam/usage/使用状況.csv}\n"));
  Start();
  for (const char* source : {"agents", "licences", "usage"}) {
    const ProcessResult sync = Cli({"sync", source});
    ASSERT_EQ(sync.exit_code, 0) << sync.err;
  }
  auto position = [this](const char* day) {
    const ProcessResult p = Cli({"sam", "position", "--product", "acrobat", "--as-of", day, "--format", "json"});
    EXPECT_EQ(p.exit_code, 0) << p.err;
    return p.out;
  };
  const std::string december = position("2026-12-07");
  EXPECT_THAT(december, HasSubstr("\"metric\": \"concurrent\""));
  EXPECT_THAT(december, HasSubstr("\"consumed\": 3"));
  EXPECT_THAT(december, HasSubstr("\"shortfall\": 2"));
  EXPECT_THAT(december, HasSubstr("\"status\": \"under-licensed\""));
  const std::string january = position("2027-01-15");
  EXPECT_THAT(january, HasSubstr("\"consumed\": 2"));
  EXPECT_THAT(january, HasSubstr("\"position\": -1"));
  const std::string september = position("2026-09-01");
  EXPECT_THAT(september, HasSubstr("\"consumed\": 0"));
  EXPECT_THAT(september, HasSubstr("no usage data"));
  const ProcessResult trail = Cli({"sam", "explain", "--product", "acrobat", "--as-of", "2026-12-07", "--format", "csv"});
  ASSERT_EQ(trail.exit_code, 0) << trail.err;
  EXPECT_THAT(trail.out, HasSubstr("\npeak concurrent users,Adobe,Acrobat,concurrent,3,1,peak of 3 users at once (usage data),LIC-C01,1,consumed\n"));
}

TEST_F(SamPositionTest, TheSamSourceNameIsReserved) {
  StartSynced();
  const ProcessResult refused = Cli({"sources", "add", "sam", "--type", "inventory", "--set",
                                     "location=" CROSSWALK_EXAMPLES "/sam/inventories"});
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_THAT(refused.err, HasSubstr("the source name 'sam' is kept for the SAM evidence records"));
}

TEST_F(SamPositionTest, BadAsOfAndMisplacedFlagsAreRefused) {
  StartSynced();
  const ProcessResult bad = Cli({"sam", "position", "--as-of", "next week"});
  EXPECT_NE(bad.exit_code, 0);
  EXPECT_THAT(bad.err, HasSubstr("expected a date, YYYY-MM-DD"));
  const ProcessResult misplaced = Cli({"sam", "position", "--class", "product"});
  EXPECT_NE(misplaced.exit_code, 0);
  EXPECT_THAT(misplaced.err, HasSubstr("--class is not for 'sam position'"));
}

}  // namespace
}  // namespace crosswalk
