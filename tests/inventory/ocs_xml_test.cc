// The OCS Inventory XML envelope, read from real agent output (ocsinventory-agent 2.10 --local and
// fusioninventory-inventory 2.6 on Debian 12, trimmed to five packages) and from hand-made
// variants for what those runs did not show (a Windows machine with two processors, errors).
#include "connectors/inventory/ocs_xml.h"

#include <fstream>
#include <sstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/status_matchers.h"

namespace crosswalk::inventory {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::Pair;

std::string Fixture(const std::string& name) {
  std::ifstream in(std::string(CROSSWALK_TEST_FIXTURES) + "/inventory/agents/" + name, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(OcsXmlTest, OcsInventoryAgentOutput) {
  auto document = ParseOcsXml(Fixture("ocs-2.10-debian12.ocs"), "ocs-2.10-debian12.ocs");
  ASSERT_THAT(document, IsOk());
  EXPECT_EQ(document->format, "ocs-xml");
  const InventoryDevice& device = document->device;
  EXPECT_EQ(device.id, "vm-2026-11-22-12-13-03");
  EXPECT_EQ(device.name, "vm");
  EXPECT_EQ(device.os_name, "Debian GNU/Linux 12");
  EXPECT_EQ(device.os_version, "12");
  EXPECT_EQ(device.processors, 1);  // NBSOCKET
  EXPECT_EQ(device.cores, 2);
  EXPECT_EQ(device.threads, 2);     // LOGICAL_CPUS
  EXPECT_EQ(device.virtualization, "");
  EXPECT_THAT(device.extra, Contains(Pair("HARDWARE/INSTALLDATE", "1970-00-01")));  // kept raw, invalid as it is
  ASSERT_EQ(document->software.size(), 5u);
  const DiscoveredSoftware& first = document->software[0];
  EXPECT_EQ(first.name, "adduser");
  EXPECT_EQ(first.version, "3.134");
  EXPECT_EQ(first.arch, "all");
  EXPECT_EQ(first.from, "deb");
  EXPECT_EQ(first.install_date, "2025/04/20 00:00:00");
  EXPECT_EQ(first.publisher, "");
  EXPECT_EQ(first.evidence, "installed");
  EXPECT_THAT(first.extra, Contains(Pair("COMMENTS", "add and remove users and groups")));
  EXPECT_GT(first.line, 1);
  EXPECT_EQ(document->software[2].publisher, "https://www.alsa-project.org/");  // a deb's Homepage, as OCS reports it
  EXPECT_THAT(document->notes, Contains(HasSubstr("sections not read: CONTROLLERS, DRIVES, NETWORKS, STORAGES")));
}

TEST(OcsXmlTest, FusionInventoryOutput) {
  auto document = ParseOcsXml(Fixture("fusioninventory-2.6-debian12.xml"), "fi.xml");
  ASSERT_THAT(document, IsOk());
  EXPECT_EQ(document->format, "fusioninventory-xml");
  const InventoryDevice& device = document->device;
  EXPECT_EQ(device.id, "vm-2026-11-22-12-13-17");
  EXPECT_EQ(device.tool, "FusionInventory-Inventory_v2.6-3");
  EXPECT_EQ(device.os_name, "Debian GNU/Linux 12 (bookworm)");  // OPERATINGSYSTEM/FULL_NAME
  EXPECT_EQ(device.virtualization, "Docker");
  EXPECT_EQ(device.last_seen, "2026-11-22 12:13:17");
  EXPECT_EQ(device.processors, 1);
  EXPECT_EQ(device.cores, 2);
  EXPECT_EQ(device.threads, 2);
  EXPECT_THAT(device.extra, Contains(Pair("OPERATINGSYSTEM/TIMEZONE/OFFSET", "+0000")));
  ASSERT_EQ(document->software.size(), 5u);
  EXPECT_EQ(document->software[0].arch, "all");       // ARCH, not ARCHITECTURE
  EXPECT_EQ(document->software[0].publisher, "Debian");
  EXPECT_THAT(document->software[0].extra, Contains(Pair("SYSTEM_CATEGORY", "admin")));
}

// What the Linux runs did not show: a physical Windows server with two processors, registry
// software with a GUID and a name that carries edition and architecture.
TEST(OcsXmlTest, TwoProcessorsAreSummedAndRegistrySoftwareKeepsItsGuid) {
  const std::string xml = R"(<?xml version="1.0" encoding="UTF-8"?>
<REQUEST><CONTENT>
  <HARDWARE><NAME>SRV-DB01</NAME><OSNAME>Microsoft Windows Server 2019 Standard</OSNAME><VMSYSTEM>Physical</VMSYSTEM>
    <UUID>4C4C4544-0042-3510-8052-B4C04F4B4E32</UUID><LASTLOGGEDUSER>CORP\tanaka</LASTLOGGEDUSER></HARDWARE>
  <BIOS><SSN>JP12345XYZ</SSN><SMANUFACTURER>Dell Inc.</SMANUFACTURER><SMODEL>PowerEdge R740</SMODEL></BIOS>
  <CPUS><CORE>8</CORE><THREAD>16</THREAD><NAME>Intel Xeon Silver 4110</NAME></CPUS>
  <CPUS><CORE>8</CORE><THREAD>16</THREAD><NAME>Intel Xeon Silver 4110</NAME></CPUS>
  <SOFTWARES><NAME>Microsoft SQL Server 2019 (64-bit)</NAME><VERSION>15.0.2000.5</VERSION>
    <PUBLISHER>Microsoft Corporation</PUBLISHER><GUID>{F5D1E4B6-0F1B-4E8F-9A9E-3E2C1F0C2D11}</GUID>
    <INSTALLDATE>18/04/2023</INSTALLDATE><FROM>registry</FROM></SOFTWARES>
  <VERSIONCLIENT>FusionInventory-Agent_v2.6</VERSIONCLIENT>
</CONTENT><DEVICEID>SRV-DB01-2026-11-30-09-00-00</DEVICEID><QUERY>INVENTORY</QUERY></REQUEST>)";
  auto document = ParseOcsXml(xml, "srv.xml");
  ASSERT_THAT(document, IsOk());
  const InventoryDevice& device = document->device;
  EXPECT_EQ(device.processors, 2);
  EXPECT_EQ(device.cores, 16);
  EXPECT_EQ(device.threads, 32);
  EXPECT_EQ(device.virtualization, "");  // "Physical"
  EXPECT_EQ(device.serial, "JP12345XYZ");
  EXPECT_EQ(device.manufacturer, "Dell Inc.");
  EXPECT_EQ(device.model, "PowerEdge R740");
  EXPECT_EQ(device.user, "CORP\\tanaka");
  ASSERT_EQ(document->software.size(), 1u);
  EXPECT_EQ(document->software[0].guid, "{F5D1E4B6-0F1B-4E8F-9A9E-3E2C1F0C2D11}");
  EXPECT_EQ(document->software[0].install_date, "18/04/2023");  // DD/MM/YYYY as FusionInventory writes it on Windows
  EXPECT_EQ(document->software[0].line, 8);
}

TEST(OcsXmlTest, WhatIsNotAnInventoryIsRefusedNamingWhere) {
  EXPECT_THAT(ParseOcsXml("<INVENTORY/>", "x.ocs"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("x.ocs:1:1: the root element is INVENTORY")));
  EXPECT_THAT(ParseOcsXml("<REQUEST><CONTENT/><QUERY>INVENTORY</QUERY></REQUEST>", "x.ocs"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("no DEVICEID")));
  EXPECT_THAT(ParseOcsXml("<REQUEST><DEVICEID>d</DEVICEID><QUERY>PROLOG</QUERY></REQUEST>", "x.ocs"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("QUERY is PROLOG")));
  EXPECT_THAT(ParseOcsXml("<REQUEST><CONTENT>\n<SOFTWARES><VERSION>1</VERSION></SOFTWARES></CONTENT><DEVICEID>d</DEVICEID></REQUEST>", "x.ocs"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("x.ocs:2:1: a SOFTWARES entry without NAME")));
  EXPECT_THAT(ParseOcsXml("<REQUEST><CONTENT><CPUS><CORES>many</CORES></CPUS></CONTENT><DEVICEID>d</DEVICEID></REQUEST>", "x.ocs"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("CPUS/CORES is 'many'; expected a whole number")));
  EXPECT_THAT(ParseOcsXml(Fixture("ocs-2.10-debian12.ocs").substr(0, 900), "cut.ocs"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("cut.ocs:")));
}

}  // namespace
}  // namespace crosswalk::inventory
