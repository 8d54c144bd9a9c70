// The installs per device over a real SQLite store (issue 13 Deliver 3): devices that share a host
// name, serial or UUID are one machine; a package two agents list is one install with two
// evidences; unrecognised titles are counted, not dropped; the device and class filters. Records
// are shaped as the inventory connector and the normaliser store them.
#include "gateway/sam/install_view.h"

#include "gateway/sam/sam_report.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/sam/sam_store_fixture.h"
#include "tests/status_matchers.h"

namespace crosswalk::sam {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using Class = NormalisedInstall::Class;

RecordToStore Stored(Record record) {
  RecordToStore item;
  item.record = std::move(record);
  return item;
}

// A device record as the inventory connector makes it.
RecordToStore Device(const std::string& source, const std::string& id, const std::string& host, const std::string& serial,
                     const std::string& uuid, const std::string& format) {
  Record r;
  r.kind = "configuration-item";
  r.title = host.empty() ? id : host;
  r.provenance = {source, absl::StrCat("device/", id), "device", absl::StrCat(id, ".xml"), {}, 1, ""};
  for (const auto& [key, value] : std::map<std::string, std::string>{
           {"device_id", id}, {"host_name", host}, {"serial", serial}, {"uuid", uuid}, {"format", format}}) {
    if (!value.empty()) r.attributes.push_back({key, "text", value});
  }
  return Stored(std::move(r));
}

struct Software {
  std::string name, version, publisher, arch, from;
};

// An installation record as the inventory connector makes it, on device `id` named `host`.
RecordToStore Install(const std::string& source, const std::string& id, const std::string& host, const Software& s,
                      const std::string& format) {
  Record r;
  r.kind = "software-installation";
  r.title = s.name;
  r.links.push_back({"ci", host.empty() ? id : host});
  const std::string native_id = absl::StrCat("install/", id, "/", s.name, "/", s.version, "/", s.arch);
  r.provenance = {source, native_id, "software-installation", absl::StrCat(id, ".xml"), {}, 1, ""};
  for (const auto& [key, value] : std::vector<std::pair<std::string, std::string>>{
           {"device_id", id}, {"raw_name", s.name}, {"version", s.version}, {"publisher", s.publisher},
           {"arch", s.arch}, {"from", s.from}, {"evidence", "installed"}, {"format", format}}) {
    if (!value.empty()) r.attributes.push_back({key, "text", value});
  }
  return Stored(std::move(r));
}

class InstallViewTest : public SamStoreTest {
 protected:
  void SetUp() override {
    SamStoreTest::SetUp();
    const Software adduser{"adduser", "3.134", "", "all", "deb"};
    const Software kintai{"Kintai Pro 3", "3.1", "Sakura Soft Co., Ltd.", "", "registry"};
    // agent-a (ocsinventory-agent): PC-001 with its serial, PC-002, PC-003; adduser without a publisher.
    // A package whose device file is gone still counts, on a device named by its ci link.
    ASSERT_THAT(store_->CommitBatch("agent-a",
                                    {Device("agent-a", "pc-001-2026-11-22", "PC-001", "SN-0001", "", "ocs-xml"),
                                     Install("agent-a", "pc-001-2026-11-22", "PC-001", adduser, "ocs-xml"),
                                     Device("agent-a", "pc-002-2026-11-22", "PC-002", "SN-0002", "", "ocs-xml"),
                                     Install("agent-a", "pc-002-2026-11-22", "PC-002", kintai, "ocs-xml"),
                                     Install("agent-a", "pc-002-2026-11-22", "PC-002",
                                             {"Microsoft Office Professional Plus 2019", "16.0.10827.20181",
                                              "Microsoft Corporation", "", "registry"},
                                             "ocs-xml"),
                                     Device("agent-a", "pc-003-2026-11-22", "PC-003", "", "", "ocs-xml"),
                                     Install("agent-a", "pc-003-2026-11-22", "PC-003", kintai, "ocs-xml"),
                                     Install("agent-a", "ghost", "GHOST-PC", {"curl", "7.88.1-10", "", "amd64", "deb"}, "ocs-xml")},
                                    "c1"),
                IsOk());
    // agent-b (FusionInventory): the same PC-001, its host name in other case, with the UUID;
    // adduser again, now with publisher "Debian".
    Software adduser_debian = adduser;
    adduser_debian.publisher = "Debian";
    ASSERT_THAT(store_->CommitBatch("agent-b",
                                    {Device("agent-b", "pc-001-2026-11-22-12-13-17", "pc-001", "", "4C4C4544-0042-3510-8052-B4C04F565432",
                                            "fusioninventory-xml"),
                                     Install("agent-b", "pc-001-2026-11-22-12-13-17", "pc-001", adduser_debian, "fusioninventory-xml")},
                                    "c1"),
                IsOk());
    // glpi: renamed since, but the same UUID (lower case): the same machine; Kintai on it.
    ASSERT_THAT(store_->CommitBatch("glpi",
                                    {Device("glpi", "PC-001-NEW-2026-12-01", "PC-001-NEW", "", "4c4c4544-0042-3510-8052-b4c04f565432",
                                            "glpi-inventory"),
                                     Install("glpi", "PC-001-NEW-2026-12-01", "PC-001-NEW", kintai, "glpi-inventory")},
                                    "c1"),
                IsOk());
  }

  InstallView View(const std::string& device = "", const std::string& kind = "") {
    auto view = BuildInstallView(*store_, *catalogue_, {device, kind});
    EXPECT_THAT(view, IsOk());
    return view.ok() ? *view : InstallView{};
  }

  static std::vector<std::string> Rows(const InstallView& view) {
    std::vector<std::string> rows;
    for (const InstallRow& r : view.installs) {
      rows.push_back(absl::StrCat(r.device, "|", ClassName(r.kind), "|", r.publisher, "|", r.product, "|", r.version, "|",
                                  r.edition, "|", r.arch, "|", r.evidences.size()));
    }
    return rows;
  }
};

TEST_F(InstallViewTest, OneMachineSeenByThreeToolsAndOnePackageSeenByTwoIsOneInstall) {
  const InstallView view = View();
  // PC-001 (agent-a), pc-001 (agent-b, same host name) and PC-001-NEW (glpi, agent-b's UUID) are
  // one machine, shown by its smallest host name.
  EXPECT_THAT(Rows(view), ElementsAre("GHOST-PC|package||curl|7.88.1-10||amd64|1",
                                      "PC-001|unrecognised|Sakura Soft|Kintai Pro 3|3.1|||1",
                                      "PC-001|package|Debian|adduser|3.134||all|2",
                                      "PC-002|product|Microsoft|Office|2019|professional plus||1",
                                      "PC-002|unrecognised|Sakura Soft|Kintai Pro 3|3.1|||1",
                                      "PC-003|unrecognised|Sakura Soft|Kintai Pro 3|3.1|||1"));
  const InstallRow& adduser = view.installs[2];
  ASSERT_EQ(adduser.evidences.size(), 2u);
  EXPECT_EQ(adduser.evidences[0].source, "agent-a");
  EXPECT_EQ(adduser.evidences[0].native_id, "install/pc-001-2026-11-22/adduser/3.134/all");
  EXPECT_EQ(adduser.evidences[0].format, "ocs-xml");
  EXPECT_EQ(adduser.evidences[0].from, "deb");
  EXPECT_EQ(adduser.evidences[0].evidence, "installed");
  EXPECT_EQ(adduser.evidences[0].publisher, "");  // the row's publisher is the first one given
  EXPECT_EQ(adduser.evidences[1].source, "agent-b");
  EXPECT_EQ(adduser.evidences[1].format, "fusioninventory-xml");
  EXPECT_THAT(view.installs[3].rules, ElementsAre("sw.suf.corp", "sw.pub.microsoft", "sw.prod.office"));
}

TEST_F(InstallViewTest, TitlesAreCountedMostInstalledFirstUnrecognisedOnesIncluded) {
  const InstallView view = View();
  ASSERT_EQ(view.titles.size(), 4u);
  EXPECT_EQ(view.titles[0].kind, Class::kUnrecognised);
  EXPECT_EQ(view.titles[0].publisher, "Sakura Soft");
  EXPECT_EQ(view.titles[0].product, "Kintai Pro 3");
  EXPECT_EQ(view.titles[0].installs, 3);
  EXPECT_EQ(view.titles[0].devices, 3);
  // Then by class and key: Office (product), then the packages adduser and curl by name (a
  // package's publisher is no part of its key), each once.
  EXPECT_EQ(view.titles[1].product, "Office");
  EXPECT_EQ(view.titles[2].product, "adduser");
  EXPECT_EQ(view.titles[2].publisher, "Debian");
  EXPECT_EQ(view.titles[3].product, "curl");
  for (size_t i = 1; i < 4; ++i) EXPECT_EQ(view.titles[i].installs, 1) << view.titles[i].product;
}

TEST_F(InstallViewTest, APackageIsOneTitleWhateverEachToolCallsItsPublisher) {
  ASSERT_THAT(store_->CommitBatch("agent-a", {Install("agent-a", "pc-002-2026-11-22", "PC-002",
                                                      {"adduser", "3.134", "https://salsa.debian.org/debian/adduser", "all", "deb"},
                                                      "ocs-xml")},
                                  "c2"),
              IsOk());
  const InstallView view = View("", "package");
  ASSERT_EQ(view.titles.size(), 2u);
  EXPECT_EQ(view.titles[0].product, "adduser");
  EXPECT_EQ(view.titles[0].publisher, "Debian");  // PC-001's row comes first
  EXPECT_EQ(view.titles[0].installs, 2);
  EXPECT_EQ(view.titles[0].devices, 2);
}

TEST_F(InstallViewTest, DeviceFilterMatchesAnyIdentifierOfTheMergedMachine) {
  const std::vector<std::string> pc001 = {"PC-001|unrecognised|Sakura Soft|Kintai Pro 3|3.1|||1",
                                          "PC-001|package|Debian|adduser|3.134||all|2"};
  EXPECT_EQ(Rows(View("pc-001-new")), pc001);                            // another tool's host name
  EXPECT_EQ(Rows(View("sn-0001")), pc001);                               // the serial, case folded
  EXPECT_EQ(Rows(View("4C4C4544-0042-3510-8052-B4C04F565432")), pc001);  // the UUID
  EXPECT_EQ(Rows(View("pc-001-2026-11-22-12-13-17")), pc001);            // a device id
  EXPECT_EQ(Rows(View("ＰＣ－００２")).size(), 2u);                      // full-width: NFKC
  EXPECT_THAT(View("nosuch").installs, IsEmpty());
  EXPECT_THAT(View("nosuch").titles, IsEmpty());
}

TEST_F(InstallViewTest, ClassFilter) {
  EXPECT_THAT(Rows(View("", "package")), ElementsAre("GHOST-PC|package||curl|7.88.1-10||amd64|1",
                                                     "PC-001|package|Debian|adduser|3.134||all|2"));
  const InstallView unrecognised = View("", "unrecognised");
  EXPECT_EQ(unrecognised.installs.size(), 3u);
  ASSERT_EQ(unrecognised.titles.size(), 1u);
  EXPECT_EQ(unrecognised.titles[0].devices, 3);
  EXPECT_THAT(Rows(View("pc-002", "product")), ElementsAre("PC-002|product|Microsoft|Office|2019|professional plus||1"));
  EXPECT_THAT(BuildInstallView(*store_, *catalogue_, {"", "licensed"}),
              StatusIs(absl::StatusCode::kInvalidArgument, ::testing::HasSubstr("unknown class 'licensed'")));
}

TEST_F(InstallViewTest, ReadsPastOnePageAndLeavesDeletedRecordsOut) {
  std::vector<RecordToStore> many;
  for (int i = 0; i < 1200; ++i) {
    many.push_back(Install("agent-a", "pc-003-2026-11-22", "PC-003", {absl::StrCat("lib", i), "1.0", "", "amd64", "deb"}, "ocs-xml"));
  }
  ASSERT_THAT(store_->CommitBatch("agent-a", many, "c2"), IsOk());
  EXPECT_EQ(View("PC-003", "package").installs.size(), 1200u);
  ASSERT_THAT(store_->DeleteRecords("agent-b", {"install/pc-001-2026-11-22-12-13-17/adduser/3.134/all"}, std::nullopt), IsOk());
  EXPECT_THAT(Rows(View("PC-001", "package")), ElementsAre("PC-001|package||adduser|3.134||all|1"));
}

// Serials and UUIDs firmware fills with placeholders identify no machine: two desktops whose
// BIOS says "To be filled by O.E.M." and whose UUID is all zeros stay two devices.
TEST_F(InstallViewTest, PlaceholderSerialsAndUuidsMergeNothing) {
  const Software kintai{"Kintai Pro 3", "3.1", "Sakura Soft Co., Ltd.", "", "registry"};
  ASSERT_THAT(store_->CommitBatch("whitebox",
                                  {Device("whitebox", "desk-a", "DESK-A", "To be filled by O.E.M.",
                                          "00000000-0000-0000-0000-000000000000", "ocs-xml"),
                                   Install("whitebox", "desk-a", "DESK-A", kintai, "ocs-xml"),
                                   Device("whitebox", "desk-b", "DESK-B", "To Be Filled By O.E.M.",
                                          "00000000-0000-0000-0000-000000000000", "ocs-xml"),
                                   Install("whitebox", "desk-b", "DESK-B", kintai, "ocs-xml")},
                                  "c1"),
              IsOk());
  EXPECT_EQ(View("DESK-A").installs.size(), 1u);
  EXPECT_EQ(View("DESK-B").installs.size(), 1u);
  EXPECT_EQ(View("DESK-A").installs.at(0).device, "DESK-A");
  EXPECT_EQ(View("DESK-B").installs.at(0).device, "DESK-B");
}

// Install records of another shape (a live connector's, without device_id): each is on the CI
// its ci link names, or a device of its own — never all on one device.
TEST_F(InstallViewTest, InstallsWithoutADeviceIdAreNotOneDevice) {
  auto install = [](const std::string& id, const std::string& ci) {
    Record r;
    r.kind = "software-installation";
    r.title = "Microsoft Visio Professional 2019";
    r.provenance = {"glpi", id, "item_softwareversion", "glpi", {}, 1, id};
    if (!ci.empty()) r.links.push_back({"ci", ci});
    return Stored(std::move(r));
  };
  ASSERT_THAT(store_->CommitBatch("glpi", {install("isv-1", "WS-9"), install("isv-2", "WS-8"), install("isv-3", ""),
                                           install("isv-4", "")}, "c"),
              IsOk());
  std::vector<std::string> devices;
  for (const InstallRow& row : View("", "product").installs) {
    if (row.product == "Visio") devices.push_back(row.device);
  }
  EXPECT_THAT(devices, ElementsAre("WS-8", "WS-9", "record:isv-3", "record:isv-4"));
}

// A live tool's CI that its discovery keeps (a last_seen: GLPI's last_inventory_update,
// ServiceNow's last_discovered) is a machine and a CMDB CI at once: its tool's installs, which
// name it by device_id, are on it; an agent that reports its serial is the same machine; the
// reconciliation finds it in the CMDB (itself) and ages it by its own last_seen. An install its
// source excludes (ServiceNow's inactive rows) is listed as excluded, not counted.
TEST_F(InstallViewTest, ALiveToolsDiscoveredCiIsAMachineAndACmdbCi) {
  auto ci = [](const std::string& id, const std::string& name, const std::string& serial, const std::string& last_seen) {
    Record r;
    r.kind = "configuration-item";
    r.title = name;
    r.status = "in-service";
    r.provenance = {"itsm", id, "Computer", "glpi", {}, 1, id};
    r.attributes.push_back({"serial_number", "text", serial});
    if (!last_seen.empty()) r.attributes.push_back({"last_seen", "text", last_seen});
    r.attributes.push_back({"cores", "number", "8"});
    return Stored(std::move(r));
  };
  auto install = [](const std::string& id, const std::string& device_id, const std::string& name, const std::string& excluded) {
    Record r;
    r.kind = "software-installation";
    r.title = name;
    r.provenance = {"itsm", id, "Item_SoftwareVersion", "glpi", {}, 1, id};
    r.attributes.push_back({"device_id", "text", device_id});
    r.attributes.push_back({"publisher", "text", "Microsoft Corporation"});
    if (!excluded.empty()) r.attributes.push_back({"excluded", "text", excluded});
    return Stored(std::move(r));
  };
  // WS-071 discovered on 2026-12-01; WS-072 last discovered on 2026-08-01; WS-073 entered by hand.
  ASSERT_THAT(store_->CommitBatch("itsm",
                                  {ci("Computer/71", "WS-071", "SN-0002", "2026-12-01T08:00:00Z"),
                                   ci("Computer/72", "WS-072", "SN-7200", "2026-08-01T08:00:00Z"), ci("Computer/73", "WS-073", "SN-7300", ""),
                                   install("isv-1", "Computer/71", "Microsoft Visio Professional 2019", ""),
                                   install("isv-2", "Computer/72", "Microsoft Visio Professional 2019", ""),
                                   install("isv-3", "Computer/72", "Microsoft Project Professional 2019", "inactive in the source"),
                                   install("isv-4", "Computer/73", "Microsoft Visio Professional 2019", "")},
                                  "c"),
              IsOk());
  std::map<std::string, std::string> visio;  // device → class
  for (const InstallRow& row : View().installs) {
    if (row.product == "Visio" || row.product == "Project") visio[absl::StrCat(row.device, " ", row.product)] = ClassName(row.kind);
  }
  // WS-071 has SN-0002, PC-002's serial (agent-a): one machine, named by its smallest host name.
  // WS-073 has no last_seen: no machine of its own; its install is on "Computer/73".
  EXPECT_THAT(visio, ElementsAre(std::pair<const std::string, std::string>("Computer/73 Visio", "product"),
                                 std::pair<const std::string, std::string>("PC-002 Visio", "product"),
                                 std::pair<const std::string, std::string>("WS-072 Project", "excluded"),
                                 std::pair<const std::string, std::string>("WS-072 Visio", "product")));

  constexpr int64_t kDecember7 = 1796601600;  // 2026-12-07T00:00:00Z
  auto report = BuildSamReport(*store_, *catalogue_, kDecember7, 30);
  ASSERT_THAT(report, IsOk());
  std::vector<std::string> found;
  for (const SamException& e : report->exceptions) {
    if (e.kind == std::string("not-in-cmdb") || e.kind == std::string("no-recent-inventory")) found.push_back(absl::StrCat(e.kind, " ", e.subject));
  }
  // In the CMDB: every machine of the itsm tool (each is its own CI; WS-073's install machine
  // matches CI WS-073 by its id). The agents' PC-001, PC-003 and GHOST-PC are in no CMDB.
  // Stale: WS-072, last seen 2026-08-01, 128 days before 2026-12-07 (> 30). WS-071 was seen 6
  // days before; WS-073's installs were entered by hand: a machine of unknown age, not stale.
  EXPECT_THAT(found, ElementsAre("no-recent-inventory WS-072", "not-in-cmdb GHOST-PC",
                                 "not-in-cmdb PC-001", "not-in-cmdb PC-003"));
}

}  // namespace
}  // namespace crosswalk::sam
