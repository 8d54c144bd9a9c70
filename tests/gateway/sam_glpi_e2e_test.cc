// SAM reading GLPI's inventory through its connector (issue 13), end to end: a fake GLPI on
// loopback (server zone Asia/Tokyo), the real crosswalkd syncing it with `itemtypes:
// Computer,Item_SoftwareVersion` and an entitlement register, and the real CLI's `sam position`,
// `installs`, `exceptions` and `explain` as of 2026-12-07 (00:00 UTC), stale_days 30. Every
// figure computed by hand:
//
// Computers (last_inventory_update is GLPI's wall clock in Tokyo, UTC+9):
//   101 WS-001  In use   tanaka  2026-12-01 09:00 JST = 2026-12-01T00:00Z:  6 days before: fresh
//   102 WS-002  In use   suzuki  2026-11-06 10:00 JST = 2026-11-06T01:00Z: 30 days 23 h, 30 whole
//                                days, not more than 30: fresh
//   103 WS-003  In use   sato    2026-08-29 08:00 JST = 2026-08-28T23:00Z: 100 days 1 h (Aug 28
//                                23:00 → Aug 29 1 h; Aug 29 → Dec 7: 3 + 30 + 31 + 30 + 6 = 100
//                                days), 100 > 30: stale (read as UTC it would be 2026-08-29, 99)
//   104 SRV-OLD Retired  —       2026-03-02 09:00 JST: retired, so never "no recent inventory"
// Installations (Item_SoftwareVersion):
//   501 Office 2019 on WS-001, 502 on WS-002, 503 on SRV-OLD; 504 Acrobat Pro DC on WS-001, 505 on
//   WS-002 with is_deleted_item 1 (in GLPI's trash: excluded); 506–509 Firefox on all four; 510
//   "Contoso Asset Helper" (no rule knows it) on WS-003.
// Register: LIC-0101 Office Professional Plus 2019, device, 2, perpetual; LIC-0102 Acrobat Pro DC,
//   named user, 1, 2026-01-15 to 2027-01-14.
//
//   Office (device): installs on retired CIs count — gateway/sam/sam_inputs.cc MachineInstalls
//     counts every product install on every machine, whatever its CI's status; the retired CI is
//     reported by install-on-retired-ci instead. WS-001, WS-002, SRV-OLD: 3 devices; owned 2;
//     position 2 − 3 = −1, shortfall 1, under-licensed (owned > 0), 3 demands.
//   Acrobat (user): tanaka on WS-001 needs 1; 505 (suzuki on WS-002) is excluded and needs
//     nothing (counted, it would make consumed 2, position −1): owned 1, consumed 1, position 0.
//   Firefox: Mozilla|Firefox is free (sw.free.mozilla, open source (MPL 2.0)): in no position.
//   Contoso: unrecognised, in no register: in no position.
//
// Exceptions: each GLPI computer is a machine and a CMDB CI, so none is not-in-cmdb; no serial is
// shared (the fake's serials are SN-{id}); there are no allocations or licence fields. Left:
//   install-on-retired-ci SRV-OLD (8.2.5: Office and Firefox, 2 product installs) and
//   no-recent-inventory WS-003 (8.2.6): 2.
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/connectors/fake_glpi.h"
#include "tests/gateway/gateway_fixture.h"

namespace crosswalk {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;
using testing_glpi::FakeGlpi;
using testing_glpi::FakeItem;

constexpr char kSecret[] = "glpi-sam-user-token-0123456789";
constexpr int64_t kT0 = 1'795'000'000'000;  // 2026-11-18T11:06:40Z, in ms: every item's date_mod

FakeItem Item(const std::string& itemtype, int64_t id, const std::string& name,
              std::map<std::string, std::string> fields = {},
              std::map<std::string, std::pair<int64_t, std::string>> dropdowns = {}) {
  FakeItem item;
  item.itemtype = itemtype;
  item.id = id;
  item.name = name;
  item.date_ms = kT0 - 86'400'000;
  item.date_mod_ms = kT0;
  item.fields = std::move(fields);
  item.dropdowns = std::move(dropdowns);
  return item;
}

class SamGlpiTest : public GatewayTest {
 protected:
  void SetUp() override {
    GatewayTest::SetUp();
    const std::pair<int64_t, std::string> in_use{1, "In use"}, retired{4, "Retired"};
    auto computer = [this](int64_t id, const std::string& name, const std::string& inventoried,
                           std::pair<int64_t, std::string> state, std::pair<int64_t, std::string> user) {
      std::map<std::string, std::pair<int64_t, std::string>> dropdowns = {{"states_id", state}};
      if (user.first != 0) dropdowns["users_id"] = user;
      glpi_.Put(Item("Computer", id, name, {{"last_inventory_update", inventoried}}, dropdowns));
    };
    computer(101, "WS-001", "2026-12-01 09:00:00", in_use, {5, "tanaka"});
    computer(102, "WS-002", "2026-11-06 10:00:00", in_use, {6, "suzuki"});
    computer(103, "WS-003", "2026-08-29 08:00:00", in_use, {7, "sato"});
    computer(104, "SRV-OLD", "2026-03-02 09:00:00", retired, {0, ""});
    auto software = [this](int64_t id, const std::string& name, std::pair<int64_t, std::string> manufacturer,
                           int64_t version_id, const std::string& version) {
      glpi_.Put(Item("Software", id, name, {}, {{"manufacturers_id", manufacturer}}));
      glpi_.Put(Item("SoftwareVersion", version_id, version, {{"softwares_id", std::to_string(id)}}));
    };
    software(11, "Microsoft Office Professional Plus 2019", {1, "Microsoft Corporation"}, 21, "16.0.10827.20181");
    software(12, "Adobe Acrobat Pro DC", {2, "Adobe Systems Incorporated"}, 22, "23.008.20470");
    software(13, "Mozilla Firefox", {3, "Mozilla"}, 23, "120.0.1");
    software(14, "Contoso Asset Helper", {4, "Contoso Ltd."}, 24, "1.2");
    auto install = [this](int64_t id, int64_t computer_id, int64_t version_id, const char* trashed) {
      glpi_.Put(Item("Item_SoftwareVersion", id, "",
                     {{"items_id", std::to_string(computer_id)}, {"itemtype", "Computer"},
                      {"softwareversions_id", std::to_string(version_id)}, {"is_deleted_item", trashed},
                      {"date_install", "2026-04-01"}, {"is_dynamic", "1"}}));
    };
    install(501, 101, 21, "0");
    install(502, 102, 21, "0");
    install(503, 104, 21, "0");
    install(504, 101, 22, "0");
    install(505, 102, 22, "1");
    for (int64_t c = 101; c <= 104; ++c) install(505 + (c - 100), c, 23, "0");  // 506–509
    install(510, 103, 24, "0");

    WriteFile("secret", absl::StrCat(kSecret, "\n"));
    WriteFile("licences.csv",
              "ライセンス管理番号,製品名,メーカー,対象バージョン,エディション,ライセンス形態,数量,購入日,有効期限,保守期限,"
              "ダウングレード権,割当先,優先度,発注番号,管理部署\n"
              "LIC-0101,Microsoft Office Professional Plus,Microsoft Corporation,2019,Professional Plus,デバイス,2,"
              "2025-04-01,,,はい,,1,PO-2025-0401,情報システム部\n"
              "LIC-0102,Adobe Acrobat Pro,Adobe Inc.,DC,Pro,指名ユーザー,1,2026-01-15,2027-01-14,,いいえ,,1,"
              "PO-2026-0115,総務部\n");
    WriteFile("crosswalkd.yaml",
              absl::StrCat("listen: 127.0.0.1:0\nstore: ", Path("sam.db"), "\nsam: {stale_days: 30}\nsources:\n",
                           "  - {name: glpi, type: glpi, url: '", glpi_.url(),
                           "', token_file: secret, itemtypes: 'Computer,Item_SoftwareVersion', timezone: Asia/Tokyo}\n",
                           "  - {name: licences, type: file, preset: entitlements, location: ", Path("licences.csv"), "}\n"));
    Start();
    for (const char* source : {"glpi", "licences"}) {
      const ProcessResult sync = Cli({"sync", source});
      ASSERT_EQ(sync.exit_code, 0) << sync.err;
    }
  }

  std::string Sam(std::vector<std::string> args) {
    args.insert(args.begin(), "sam");
    const ProcessResult result = Cli(args);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return result.out;
  }

  FakeGlpi glpi_{absl::StrCat("user_token ", kSecret), "Asia/Tokyo"};
};

constexpr char kPositionHeader[] = "publisher,product,metric,owned,consumed,position,shortfall,status,demands\n";

TEST_F(SamGlpiTest, PositionCountsGlpiInstallationsButNotTrashedOnes) {
  const std::string position = Sam({"position", "--as-of", "2026-12-07", "--format", "csv"});
  // Exactly the two products a register names; Firefox (free) and Contoso (unrecognised) are not.
  EXPECT_EQ(position, absl::StrCat(kPositionHeader,
                                   "Adobe,Acrobat,user,1,1,0,0,licensed,1\n"
                                   "Microsoft,Office,device,2,3,-1,1,under-licensed,3\n"));
}

TEST_F(SamGlpiTest, InstallsAreOnTheGlpiComputersWithCanonicalPublishers) {
  const std::string installs = Sam({"installs", "--format", "csv"});
  ASSERT_THAT(installs, StartsWith("device,publisher,product,version,edition,arch,class,raw_name,rule,evidence\n"));
  // "Microsoft Corporation" and "Adobe Systems Incorporated" as the rules' canonical publishers.
  EXPECT_THAT(installs, HasSubstr("\nWS-001,Microsoft,Office,2019,"));
  EXPECT_THAT(installs, HasSubstr("\nWS-002,Microsoft,Office,2019,"));
  EXPECT_THAT(installs, HasSubstr("\nSRV-OLD,Microsoft,Office,2019,"));
  EXPECT_THAT(installs, HasSubstr("\nWS-001,Adobe,Acrobat,"));
  EXPECT_THAT(installs, HasSubstr("\nWS-003,Mozilla,Firefox,"));
  EXPECT_THAT(installs, Not(HasSubstr("Microsoft Corporation")));
  EXPECT_THAT(installs, Not(HasSubstr("Systems Incorporated")));
  // No machine is named after a GLPI id: every install landed on its computer.
  EXPECT_THAT(installs, Not(HasSubstr("Computer/")));
  // 4 computers × Firefox + Office ×3 + Acrobat ×2 + Contoso = 10 installs, one line each.
  const std::vector<std::string> lines = absl::StrSplit(installs, '\n', absl::SkipEmpty());
  EXPECT_EQ(lines.size(), 1u + 10u) << installs;

  EXPECT_THAT(installs, HasSubstr("\nWS-001,Microsoft,Office,2019,professional plus,,product,"
                                  "Microsoft Office Professional Plus 2019,sw.prod.office,1\n"));

  // The trashed row is the one excluded install, on WS-002: excluded by its source (the rule that
  // decided it, after the title's own rules normalised it).
  const std::string excluded = Sam({"installs", "--class", "excluded", "--format", "csv"});
  EXPECT_EQ(excluded, "device,publisher,product,version,edition,arch,class,raw_name,rule,evidence\n"
                      "WS-002,Adobe,Acrobat,dc,pro,,excluded,Adobe Acrobat Pro DC,source-excluded,1\n");
  const std::string trashed = Sam({"installs", "--class", "excluded", "--format", "json"});
  EXPECT_THAT(trashed, HasSubstr("glpi/Item_SoftwareVersion/505"));
  EXPECT_THAT(trashed, HasSubstr("\"reason\": \"the asset is in GLPI's trash\""));
  const std::string firefox = Sam({"installs", "--device", "WS-003", "--format", "json"});
  EXPECT_THAT(firefox, HasSubstr("\"free\": \"open source (MPL 2.0)\""));
  EXPECT_THAT(firefox, HasSubstr("\"class\": \"unrecognised\""));  // Contoso Asset Helper
}

TEST_F(SamGlpiTest, ExceptionsRetiredAndStaleComputersButNoneMissingFromTheCmdb) {
  const std::string all = Sam({"exceptions", "--as-of", "2026-12-07", "--format", "csv"});
  const std::vector<std::string> lines = absl::StrSplit(all, '\n', absl::SkipEmpty());
  ASSERT_EQ(lines.size(), 3u) << all;
  EXPECT_EQ(lines[0], "kind,subject,clause,detail,evidence");
  EXPECT_THAT(lines[1], StartsWith("install-on-retired-ci,SRV-OLD,8.2.5,"));
  // SRV-OLD's product installs: Office and Firefox (free, but a product install all the same): 2;
  // the one that needs a licence is named.
  EXPECT_THAT(lines[1], HasSubstr("2 product installs on a machine the CMDB records as retired (SRV-OLD); "
                                  "needing a licence: Microsoft Office"));
  EXPECT_THAT(lines[1], HasSubstr("glpi/Computer/104"));
  // The age in whole days from the Tokyo wall clock converted to UTC.
  EXPECT_THAT(lines[2], StartsWith("no-recent-inventory,WS-003,8.2.6,\"last inventoried 2026-08-28, 100 days before 2026-12-07\","));
  EXPECT_THAT(all, Not(HasSubstr("not-in-cmdb")));

  // With stale_days 30, WS-002's 30 days 23 hours are 30 whole days: not stale; a day later, they
  // are 31 and it is.
  const std::string later = Sam({"exceptions", "--kind", "no-recent-inventory", "--as-of", "2026-12-08", "--format", "csv"});
  EXPECT_THAT(later, HasSubstr("\nno-recent-inventory,WS-002,8.2.6,\"last inventoried 2026-11-06, 31 days before 2026-12-08\","));
  EXPECT_THAT(later, HasSubstr("\nno-recent-inventory,WS-003,8.2.6,"));
}

TEST_F(SamGlpiTest, ExplainNamesTheGlpiInstallationRecords) {
  const std::string csv = Sam({"explain", "--device", "WS-001", "--as-of", "2026-12-07", "--format", "csv"});
  ASSERT_THAT(csv, StartsWith("subject,publisher,product,metric,required,covered,basis,entitlement,consumed,why\n"));
  EXPECT_THAT(csv, HasSubstr("\ntanaka,Adobe,Acrobat,user,1,1,1 per named user,LIC-0102,1,consumed\n"));
  EXPECT_THAT(csv, HasSubstr("\nWS-001,Microsoft,Office,device,1,"));
  EXPECT_THAT(csv, Not(HasSubstr("WS-002")));
  const std::string json = Sam({"explain", "--device", "ws-001", "--as-of", "2026-12-07", "--format", "json"});
  EXPECT_THAT(json, HasSubstr("glpi/Item_SoftwareVersion/501"));  // Office
  EXPECT_THAT(json, HasSubstr("glpi/Item_SoftwareVersion/504"));  // Acrobat
  EXPECT_THAT(json, Not(HasSubstr("Item_SoftwareVersion/505")));
  // The machine is found by the serial GLPI holds too.
  const std::string by_serial = Sam({"explain", "--device", "SN-101", "--as-of", "2026-12-07", "--format", "csv"});
  EXPECT_THAT(by_serial, HasSubstr("\nWS-001,Microsoft,Office,device,1,"));
}

// GLPI's manufacturer respelled ("Microsoft Corporation" → "Microsoft"; GLPI moves the software's
// date_mod): the next sync writes its installations again with the new raw publisher; both spell
// the canonical Microsoft, so the position is the same.
TEST_F(SamGlpiTest, ARespelledManufacturerIsReadAgainAndTheProductStaysTheSame) {
  const std::string before = Sam({"position", "--as-of", "2026-12-07", "--format", "csv"});
  const ProcessResult stored = Cli({"records", "--source", "glpi", "--format", "json"});
  ASSERT_EQ(stored.exit_code, 0) << stored.err;
  EXPECT_THAT(stored.out, HasSubstr("publisher=Microsoft Corporation;"));
  // last_inventory_update, Tokyo's wall clock, stored as UTC (−9 h).
  EXPECT_THAT(stored.out, HasSubstr("last_seen=2026-08-28T23:00:00Z; serial=SN-103"));
  EXPECT_THAT(stored.out, HasSubstr("last_seen=2026-11-06T01:00:00Z; serial=SN-102"));

  FakeItem office = Item("Software", 11, "Microsoft Office Professional Plus 2019", {}, {{"manufacturers_id", {1, "Microsoft"}}});
  office.date_mod_ms = kT0 + 60'000;
  glpi_.Put(office);
  const ProcessResult sync = Cli({"sync", "glpi"});
  ASSERT_EQ(sync.exit_code, 0) << sync.err;

  const ProcessResult after = Cli({"records", "--source", "glpi", "--format", "json"});
  ASSERT_EQ(after.exit_code, 0) << after.err;
  EXPECT_THAT(after.out, Not(HasSubstr("publisher=Microsoft Corporation;")));
  // Office's three installations (501–503), each written again.
  const std::vector<std::string> respelled = absl::StrSplit(after.out, "publisher=Microsoft;");
  EXPECT_EQ(respelled.size(), 1u + 3u) << after.out;
  EXPECT_EQ(Sam({"position", "--as-of", "2026-12-07", "--format", "csv"}), before);
  EXPECT_THAT(Sam({"installs", "--device", "WS-001", "--format", "csv"}), HasSubstr("\nWS-001,Microsoft,Office,2019,"));
}

}  // namespace
}  // namespace crosswalk
