// CMDB reconciliation on hand-made inputs (issue 13 Deliver 5): one test per exception kind with
// its negatives (a matched, recently seen CI gives nothing; placeholder serials match and
// duplicate nothing; a retired CI without installs; a licence key in a licence field; case- and
// width-folded matching), and the order of the output.
#include "gateway/sam/reconciliation.h"

#include <algorithm>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace crosswalk::sam {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

int64_t Day(int y, int m, int d) { return absl::ToUnixSeconds(absl::FromCivil(absl::CivilDay(y, m, d), absl::UTCTimeZone())); }

const ReconcileOptions kOptions{Day(2026, 12, 7), 30};

InventoryMachine Machine(const std::string& host, std::optional<int64_t> last_seen = Day(2026, 12, 6)) {
  InventoryMachine m;
  m.name = host;
  m.host_names = {host};
  m.device_ids = {"dev-" + host};
  m.records = {"ocs/device/" + host};
  m.last_seen = last_seen;
  return m;
}

CmdbItem Ci(const std::string& name, const std::string& ci_class, const std::string& status = "in service") {
  CmdbItem ci;
  ci.record = "cmdb/" + name;
  ci.id = "CI-" + name;
  ci.name = name;
  ci.ci_class = ci_class;
  ci.status = status;
  return ci;
}

Entitlement Licence(const std::string& id, const std::string& publisher, const std::string& product) {
  Entitlement e;
  e.id = id;
  e.publisher = publisher;
  e.product = product;
  e.quantity = 4;
  e.record = "licences/" + id;
  return e;
}

std::vector<SamException> OfKind(const std::vector<SamException>& all, const std::string& kind) {
  std::vector<SamException> out;
  std::copy_if(all.begin(), all.end(), std::back_inserter(out), [&kind](const SamException& e) { return e.kind == kind; });
  return out;
}

std::vector<std::string> Details(const std::vector<SamException>& exceptions) {
  std::vector<std::string> out;
  for (const SamException& e : exceptions) out.push_back(e.subject + ": " + e.detail);
  return out;
}

TEST(ReconcileTest, MatchedRecentlySeenMachineGivesNothing) {
  InventoryMachine db = Machine("SRV-DB01");
  db.uuids = {"4c4c4544-0042"};
  db.user = "tanaka";
  db.installs = 1;
  db.products = {"Microsoft|SQL Server"};
  CmdbItem ci = Ci("db-server", "サーバ");
  ci.uuid = "4C4C4544-0042";  // matched by UUID, case-folded
  ci.software_licence = "LIC-1";
  Demand demand{"Microsoft", "SQL Server", Metric::kCore, "SRV-DB01", "", 4, 4, {}, {{"LIC-1", 4, ""}}};
  const std::vector<AllocationRef> allocations = {{"LIC-1", "licences/LIC-1", "srv-db01"}, {"LIC-1", "licences/LIC-1", "Tanaka"}};
  EXPECT_THAT(Reconcile({db}, {ci}, {Licence("LIC-1", "Microsoft", "SQL Server")}, allocations, {demand}, kOptions), IsEmpty());
}

TEST(ReconcileTest, NotInCmdb) {
  InventoryMachine db = Machine("SRV-DB01");
  db.serials = {"To be filled by O.E.M."};
  InventoryMachine tanaka = Machine("PC-TANAKA");
  tanaka.serials = {"JP1234"};
  InventoryMachine ws = Machine("ws-007");
  CmdbItem db_ci = Ci("ｓｒｖ-db01", "サーバ");  // full-width, lower case: still SRV-DB01
  CmdbItem pc_ci = Ci("PC-001", "PC");
  pc_ci.serial = "jp1234";
  CmdbItem oem = Ci("OEM-BOX", "PC");
  oem.serial = "To be filled by O.E.M.";  // matches neither SRV-DB01 nor anything else
  const auto all = Reconcile({db, tanaka, ws}, {db_ci, pc_ci, oem}, {}, {}, {}, kOptions);
  const auto missing = OfKind(all, kNotInCmdb);
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_EQ(missing[0].subject, "ws-007");
  EXPECT_EQ(missing[0].detail, "no CMDB CI has any of its identifiers: dev-ws-007, ws-007");
  EXPECT_EQ(missing[0].clause, "8.2.6");
  EXPECT_THAT(missing[0].evidence, ElementsAre("ocs/device/ws-007"));
  // The placeholder serial matched no machine: OEM-BOX is the only other exception.
  EXPECT_THAT(Details(OfKind(all, kNoRecentInventory)), ElementsAre("OEM-BOX: no inventory has seen it"));
  EXPECT_EQ(all.size(), 2u);
}

TEST(ReconcileTest, NoRecentInventory) {
  InventoryMachine db = Machine("SRV-DB01", Day(2026, 9, 1));  // Sep 1 → Dec 7: 29 + 31 + 30 + 7 = 97 days
  InventoryMachine ap = Machine("SRV-AP01", Day(2026, 11, 7));  // Nov 7 → Dec 7: 30 days, not more than 30
  InventoryMachine x = Machine("SRV-X", std::nullopt);         // age unknown: not stale
  CmdbItem unnamed_class = Ci("UNKNOWN-1", "");
  unnamed_class.serial = "ABC-1";  // an empty class with a serial is a device
  const std::vector<CmdbItem> items = {Ci("SRV-DB01", "サーバ"),         Ci("SRV-AP01", "cmdb_ci_linux_server"),
                                       Ci("SRV-X", "Server"),           Ci("SRV-GONE", "仮想マシン"),
                                       Ci("SRV-OLD", "サーバー", "retired"), Ci("田中", "ユーザー"),
                                       Ci("NOTHING", ""),               unnamed_class};
  const auto stale = OfKind(Reconcile({db, ap, x}, items, {}, {}, {}, kOptions), kNoRecentInventory);
  EXPECT_THAT(Details(stale), ElementsAre("SRV-DB01: last inventoried 2026-09-01, 97 days before 2026-12-07",
                                          "SRV-GONE: no inventory has seen it", "UNKNOWN-1: no inventory has seen it"));
  EXPECT_THAT(stale[0].evidence, ElementsAre("cmdb/SRV-DB01", "ocs/device/SRV-DB01"));
  EXPECT_EQ(stale[0].clause, "8.2.6");
  // With 29 days allowed, SRV-AP01's 30 days are stale too.
  ReconcileOptions strict = kOptions;
  strict.stale_days = 29;
  EXPECT_EQ(OfKind(Reconcile({db, ap, x}, items, {}, {}, {}, strict), kNoRecentInventory).size(), 4u);
}

TEST(ReconcileTest, InstallOnRetiredCi) {
  InventoryMachine old = Machine("PC-OLD");
  old.installs = 7;
  old.products = {"Adobe|Acrobat", "Microsoft|Office", "Microsoft|Visio", "Microsoft|Project", "Oracle|Java", "Zoom|Zoom", "7-Zip|7-Zip"};
  InventoryMachine idle = Machine("PC-IDLE");  // no installs: its retired CI is no exception
  const auto all = Reconcile({old, idle}, {Ci("PC-OLD", "PC", "retired"), Ci("pc-idle", "ノートＰＣ", "retired")}, {}, {}, {}, kOptions);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].kind, kInstallOnRetiredCi);
  EXPECT_EQ(all[0].subject, "PC-OLD");
  // Sorted: 7-Zip, Adobe, Microsoft Office, Project, Visio | Oracle Java, Zoom = 5 named and 2 more.
  EXPECT_EQ(all[0].detail,
            "7 product installs on a machine the CMDB records as retired (PC-OLD); needing a licence: 7-Zip 7-Zip, Adobe Acrobat, "
            "Microsoft Office, Microsoft Project, Microsoft Visio and 2 more");
  EXPECT_EQ(all[0].clause, "8.2.5");
  EXPECT_THAT(all[0].evidence, ElementsAre("cmdb/PC-OLD", "ocs/device/PC-OLD"));
}

TEST(ReconcileTest, AllocationToRetired) {
  CmdbItem old = Ci("SRV-OLD", "サーバ", "retired");
  old.id = "CI0001";
  old.serial = "SN-OLD-9";
  const std::vector<CmdbItem> items = {old, Ci("田中 太郎", "ユーザー", "retired"), Ci("SRV-REUSED", "サーバ", "retired"),
                                       Ci("srv-reused", "サーバ")};
  const std::vector<AllocationRef> allocations = {{"LIC-1", "licences/LIC-1", "ci0001"},       // by id
                                                  {"LIC-2", "licences/LIC-2", "田中　太郎"},   // full-width space
                                                  {"LIC-3", "licences/LIC-3", "SRV-REUSED"},   // a live CI has the name
                                                  {"LIC-4", "licences/LIC-4", "SN-OLD-9"}};    // by serial
  const auto retired = OfKind(Reconcile({}, items, {}, allocations, {}, kOptions), kAllocationToRetired);
  EXPECT_THAT(Details(retired), ElementsAre("SN-OLD-9: LIC-4 is allocated to SN-OLD-9, which the CMDB records as retired (SRV-OLD)",
                                            "ci0001: LIC-1 is allocated to ci0001, which the CMDB records as retired (SRV-OLD)",
                                            "田中　太郎: LIC-2 is allocated to 田中　太郎, which the CMDB records as retired (田中 太郎)"));
  EXPECT_THAT(retired[0].evidence, ElementsAre("cmdb/SRV-OLD", "licences/LIC-4"));
  EXPECT_EQ(retired[0].clause, "8.2.5");
}

TEST(ReconcileTest, AllocationUnknown) {
  InventoryMachine tanaka = Machine("PC-TANAKA");
  tanaka.user = "tanaka";
  tanaka.serials = {"JP1234"};
  tanaka.device_ids = {"DEV-77"};
  const std::vector<AllocationRef> allocations = {
      {"LIC-9", "licences/LIC-9", "PC-001"},     {"LIC-9", "licences/LIC-9", "pc-tanaka"}, {"LIC-9", "licences/LIC-9", "ＤＥＶ-77"},
      {"LIC-9", "licences/LIC-9", "jp1234"},     {"LIC-9", "licences/LIC-9", "Tanaka"},    {"LIC-9", "licences/LIC-9", ""},
      {"LIC-9", "licences/LIC-9", "PC-999"},     {"LIC-9", "licences/LIC-9", "To be filled by O.E.M."}};
  const auto unknown = OfKind(Reconcile({tanaka}, {Ci("PC-001", "PC")}, {}, allocations, {}, kOptions), kAllocationUnknown);
  EXPECT_THAT(Details(unknown),
              ElementsAre("PC-999: LIC-9 is allocated to PC-999, which is no CMDB CI, no inventoried machine and no inventory user",
                          "To be filled by O.E.M.: LIC-9 is allocated to To be filled by O.E.M., which is no CMDB CI, no "
                          "inventoried machine and no inventory user"));
  EXPECT_THAT(unknown[0].evidence, ElementsAre("licences/LIC-9"));
}

TEST(ReconcileTest, DuplicateDevice) {
  CmdbItem db1 = Ci("SRV-DB01", "サーバ"), db1_old = Ci("SRV-DB01-OLD", "サーバ");
  db1.serial = "SN-100";
  db1_old.serial = "sn-100";
  CmdbItem ap1 = Ci("SRV-AP01", "Server"), ap2 = Ci("SRV-AP02", "Server");
  ap1.uuid = ap2.uuid = "4C4C4544-0001";
  CmdbItem oem1 = Ci("PC-A", "PC"), oem2 = Ci("PC-B", "PC");  // a placeholder is no shared serial
  oem1.serial = oem2.serial = "To be filled by O.E.M.";
  CmdbItem x1 = Ci("SRV-X", "Server"), x2 = Ci("ＳＲＶ-ｘ", "Server");  // the same name folded
  x1.serial = x2.serial = "SN-200";
  CmdbItem y = Ci("SRV-Y", "Server"), y_old = Ci("SRV-Y-OLD", "Server", "retired");  // a retired CI is no duplicate
  y.serial = y_old.serial = "SN-300";
  InventoryMachine web = Machine("SRV-WEB");
  web.host_names = {"SRV-WEB", "web01"};
  web.uuids = {"1111-2222"};
  web.records = {"ocs/device/a", "fusion/device/b"};
  InventoryMachine z = Machine("SRV-Z");
  z.host_names = {"SRV-Z", "srv-z"};
  const auto all = Reconcile({web, z}, {db1, db1_old, ap1, ap2, oem1, oem2, x1, x2, y, y_old}, {}, {}, {}, kOptions);
  const auto duplicates = OfKind(all, kDuplicateDevice);
  EXPECT_THAT(Details(duplicates), ElementsAre("4C4C4544-0001: UUID 4C4C4544-0001 is on 2 CMDB CIs: SRV-AP01, SRV-AP02",
                                               "SN-100: serial SN-100 is on 2 CMDB CIs: SRV-DB01, SRV-DB01-OLD",
                                               "SRV-WEB: one machine seen as SRV-WEB and web01 with the same UUID 1111-2222"));
  EXPECT_THAT(duplicates[1].evidence, ElementsAre("cmdb/SRV-DB01", "cmdb/SRV-DB01-OLD"));
  EXPECT_THAT(duplicates[2].evidence, ElementsAre("fusion/device/b", "ocs/device/a"));
  EXPECT_EQ(duplicates[2].clause, "8.2.6");
}

TEST(ReconcileTest, LicenceFieldMismatch) {
  Entitlement lic1 = Licence("LIC-1", "Microsoft", "SQL Server");
  lic1.purchase_ref = "PO-2024-001";
  Entitlement lic2 = Licence("LIC-2", "Microsoft", "SQL Server");
  lic2.valid_to = Day(2025, 1, 14);
  const std::vector<Entitlement> entitlements = {lic1, lic2, Licence("LIC-3", "Adobe", "Acrobat"), Licence("LIC-4", "Microsoft", "SQL Server")};
  InventoryMachine db1 = Machine("SRV-DB01"), db2 = Machine("SRV-DB02");
  db1.installs = db2.installs = 1;
  db1.products = db2.products = {"Microsoft|SQL Server"};
  const std::vector<Demand> demands = {
      {"microsoft", "sql server", Metric::kCore, "SRV-DB01", "", 4, 4, {}, {{"LIC-1", 4, ""}, {"LIC-4", 0, "used up"}}},
      {"Microsoft", "SQL Server", Metric::kCore, "SRV-DB02", "", 4, 0, {}, {{"LIC-1", 0, "used up"}, {"LIC-4", 0, "used up"}}}};
  CmdbItem ci1 = Ci("SRV-DB01", "サーバ"), ci2 = Ci("SRV-DB02", "サーバ"), ci3 = Ci("SRV-DB03", "サーバ");
  // LIC-1 consumed: fine; the purchase ref and the 29-character key with 4 dashes are ignored.
  ci1.software_licence = "LIC-1, lic-2；LIC-3 / LIC-9 PO-2024-001 ABCDE-12345-FGHIJ-67890-KLMNO LIC-4";
  ci2.software_licence = "LIC-4";
  ci3.software_licence = "LIC-1";  // no machine: nothing to check it against
  const auto mismatches = OfKind(Reconcile({db1, db2}, {ci1, ci2, ci3}, entitlements, {}, demands, kOptions), kLicenceFieldMismatch);
  EXPECT_THAT(Details(mismatches),
              ElementsAre("SRV-DB01: names LIC-2, which is expired on 2025-01-14 (as of 2026-12-07)",
                          "SRV-DB01: names LIC-3, but SRV-DB01 has no install of Adobe Acrobat",
                          "SRV-DB01: names LIC-4, but the demand of SRV-DB01 for SQL Server consumed LIC-1 (4) and nothing of LIC-4",
                          "SRV-DB01: names LIC-9, which is in no entitlement register",
                          "SRV-DB02: names LIC-4, but the demand of SRV-DB02 for SQL Server consumed nothing: a shortfall of 4"));
  EXPECT_THAT(mismatches[1].evidence, ElementsAre("cmdb/SRV-DB01", "licences/LIC-3", "ocs/device/SRV-DB01"));
  EXPECT_THAT(mismatches[3].evidence, ElementsAre("cmdb/SRV-DB01"));
  EXPECT_EQ(mismatches[0].clause, "8.2.5");
}

// A check runs only when both of its sides exist: a CMDB synced before any inventory does not
// make every CI "not recently inventoried", an inventory before any CMDB does not make every
// machine "not in the CMDB", a licence field is not checked before any register is, and an
// allocation is not "unknown" when there is nothing yet to know it by. The CMDB's own duplicates
// are reported all the same.
TEST(ReconcileTest, ChecksThatNeedBothSidesWaitForBoth) {
  CmdbItem server = Ci("SRV-DB01", "サーバ");
  server.software_licence = "LIC-0002";
  CmdbItem twin = Ci("SRV-DB02", "サーバ");
  server.serial = twin.serial = "J8QK2T3";
  const std::vector<SamException> cmdb_only = Reconcile({}, {server, twin}, {}, {}, {}, kOptions);
  EXPECT_THAT(Details(cmdb_only), ElementsAre("J8QK2T3: serial J8QK2T3 is on 2 CMDB CIs: SRV-DB01, SRV-DB02"));
  EXPECT_THAT(Reconcile({Machine("PC-001")}, {}, {}, {}, {}, kOptions), IsEmpty());
  const AllocationRef allocation{"LIC-0001", "licences/LIC-0001", "PC-404"};
  EXPECT_THAT(Reconcile({}, {}, {Licence("LIC-0001", "Microsoft", "Office")}, {allocation}, {}, kOptions), IsEmpty());
  // With an inventory, the same allocation is to something unknown.
  EXPECT_THAT(Details(OfKind(Reconcile({Machine("PC-001")}, {}, {Licence("LIC-0001", "Microsoft", "Office")}, {allocation}, {},
                                       kOptions),
                             kAllocationUnknown)),
              ElementsAre("PC-404: LIC-0001 is allocated to PC-404, which is no CMDB CI, no inventoried machine and no inventory user"));
}

TEST(ReconcileTest, SortedByKindSubjectDetailWhateverTheInputOrder) {
  std::vector<InventoryMachine> machines = {Machine("ws-007"), Machine("PC-100")};
  std::vector<CmdbItem> items = {Ci("SRV-GONE", "Server"), Ci("PC-200", "PC")};
  std::vector<AllocationRef> allocations = {{"LIC-2", "licences/LIC-2", "nobody"}, {"LIC-1", "licences/LIC-1", "ghost"}};
  const auto forward = Reconcile(machines, items, {}, allocations, {}, kOptions);
  std::reverse(machines.begin(), machines.end());
  std::reverse(items.begin(), items.end());
  std::reverse(allocations.begin(), allocations.end());
  const auto backward = Reconcile(machines, items, {}, allocations, {}, kOptions);
  std::vector<std::string> order;
  for (const SamException& e : forward) order.push_back(e.kind + " " + e.subject);
  // Kinds in byte order ("no-" before "not"), then subjects ("PC-100" before "ws-007").
  EXPECT_THAT(order, ElementsAre("allocation-unknown ghost", "allocation-unknown nobody", "no-recent-inventory PC-200",
                                 "no-recent-inventory SRV-GONE", "not-in-cmdb PC-100", "not-in-cmdb ws-007"));
  ASSERT_EQ(backward.size(), forward.size());
  for (size_t i = 0; i < forward.size(); ++i) {
    EXPECT_EQ(backward[i].subject, forward[i].subject);
    EXPECT_EQ(backward[i].detail, forward[i].detail);
    EXPECT_EQ(backward[i].evidence, forward[i].evidence);
  }
}

}  // namespace
}  // namespace crosswalk::sam
