// GLPI native inventory JSON (connectors/inventory/glpi_inventory.h) on hand-written inventories
// shaped like glpi-agent's: a Windows workstation, a Linux KVM guest, a partial inventory, and
// input it must refuse.
#include "connectors/inventory/glpi_inventory.h"

#include <fstream>
#include <sstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/status_matchers.h"

namespace crosswalk::inventory {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::Pair;

std::string Fixture(const std::string& name) {
  std::ifstream in(std::string(CROSSWALK_TEST_FIXTURES) + "/inventory/glpi/" + name, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(GlpiInventoryTest, WindowsWorkstationDevice) {
  const absl::StatusOr<InventoryDocument> parsed = ParseGlpiInventory(Fixture("windows_workstation.json"), "ws.json");
  ASSERT_THAT(parsed, IsOk());
  EXPECT_EQ(parsed->format, "glpi-inventory");
  const InventoryDevice& device = parsed->device;
  EXPECT_EQ(device.id, "WS-TOKYO-042-2023-04-18-09-31-07");
  EXPECT_EQ(device.tool, "GLPI-Agent_v1.7.1");
  EXPECT_FALSE(device.partial);
  EXPECT_EQ(device.name, "WS-TOKYO-042");
  EXPECT_EQ(device.serial, "7XK2QJ3");
  EXPECT_EQ(device.uuid, "4C4C4544-0058-4B10-8032-B7C04F514A33");
  EXPECT_EQ(device.manufacturer, "Dell Inc.");
  EXPECT_EQ(device.model, "Precision 7960 Tower");
  EXPECT_EQ(device.os_name, "Microsoft Windows 11 Pro for Workstations");
  EXPECT_EQ(device.os_version, "23H2");
  // Two sockets of 8 cores and 16 threads each (dmidecode's per-processor thread count).
  EXPECT_EQ(device.processors, 2);
  EXPECT_EQ(device.cores, 16);
  EXPECT_EQ(device.threads, 32);
  EXPECT_EQ(device.virtualization, "");
  EXPECT_EQ(device.host, "");
  EXPECT_EQ(device.user, "yamada.taro");
  EXPECT_EQ(device.last_seen, "2024-03-05 09:12:44");
  EXPECT_THAT(device.extra, Contains(Pair("action", "inventory")));
  EXPECT_THAT(device.extra, Contains(Pair("itemtype", "Computer")));
  EXPECT_THAT(device.extra, Contains(Pair("tag", "tokyo")));
  EXPECT_THAT(device.extra, Contains(Pair("hardware.vmsystem", "Physical")));
  EXPECT_THAT(device.extra, Contains(Pair("hardware.memory", "65208")));
  EXPECT_THAT(device.extra, Contains(Pair("hardware.winowner", "山田 太郎")));
  EXPECT_THAT(device.extra, Contains(Pair("hardware.winprodid", "00330-80000-00000-AA123")));
  EXPECT_THAT(device.extra, Contains(Pair("bios.mmodel", "0R6JFH")));
  EXPECT_THAT(device.extra, Contains(Pair("operatingsystem.name", "Windows")));
  EXPECT_THAT(device.extra, Contains(Pair("operatingsystem.fqdn", "WS-TOKYO-042.corp.example.co.jp")));
  EXPECT_THAT(device.extra, Contains(Pair("operatingsystem.timezone.name", "東京 (標準時)")));
  EXPECT_THAT(device.extra, Contains(Pair("operatingsystem.timezone.offset", "+0900")));
  EXPECT_THAT(device.extra, Contains(Pair("operatingsystem.service_pack", "")));
  EXPECT_THAT(device.extra, Contains(Pair("licenseinfos[0].fullname", "Microsoft Office Professional Plus 2019")));
  EXPECT_THAT(device.extra, Contains(Pair("licenseinfos[0].productid", "00405-10000-00000-AA456")));
  EXPECT_THAT(device.extra, Contains(Pair("licenseinfos[0].trial", "false")));
  // Mapped values are not repeated in extra; sections other than these are named in a note.
  EXPECT_THAT(device.extra, Not(Contains(Pair("hardware.name", ::testing::_))));
  EXPECT_THAT(device.extra, Not(Contains(Pair("bios.ssn", ::testing::_))));
  EXPECT_THAT(parsed->notes, ElementsAre("content sections not read: memories"));
}

TEST(GlpiInventoryTest, LicenceKeysAreKeptOnlyAsTheirLastFiveCharacters) {
  const absl::StatusOr<InventoryDocument> parsed = ParseGlpiInventory(Fixture("windows_workstation.json"), "ws.json");
  ASSERT_THAT(parsed, IsOk());
  EXPECT_THAT(parsed->device.extra, Contains(Pair("licenseinfos[0].key", "*****-7F3QB")));
  EXPECT_THAT(parsed->device.extra, Contains(Pair("hardware.winprodkey", "*****-2YT43")));
  for (const auto& [name, value] : parsed->device.extra) {
    EXPECT_THAT(value, Not(HasSubstr("NPPR9"))) << name;
    EXPECT_THAT(value, Not(HasSubstr("XXXXX-XXXXX"))) << name;
  }
  // A key of 5 characters or fewer is not shown at all.
  const std::string short_key =
      R"({"deviceid": "d", "content": {"versionclient": "v", "licenseinfos": [{"key": "AB-12"}]}})";
  const absl::StatusOr<InventoryDocument> short_parsed = ParseGlpiInventory(short_key, "short.json");
  ASSERT_THAT(short_parsed, IsOk());
  EXPECT_THAT(short_parsed->device.extra, ElementsAre(Pair("licenseinfos[0].key", "*****")));
}

TEST(GlpiInventoryTest, WindowsWorkstationSoftware) {
  const absl::StatusOr<InventoryDocument> parsed = ParseGlpiInventory(Fixture("windows_workstation.json"), "ws.json");
  ASSERT_THAT(parsed, IsOk());
  ASSERT_EQ(parsed->software.size(), 3u);
  const DiscoveredSoftware& office = parsed->software[0];
  EXPECT_EQ(office.name, "Microsoft Office Professional Plus 2019");
  EXPECT_EQ(office.version, "16.0.10405.20015");
  EXPECT_EQ(office.publisher, "Microsoft Corporation");
  EXPECT_EQ(office.arch, "x86_64");
  EXPECT_EQ(office.from, "registry");
  EXPECT_EQ(office.install_date, "2023-04-18");
  EXPECT_EQ(office.guid, "{90160000-008C-0000-1000-0000000FF1CE}");
  EXPECT_EQ(office.evidence, "installed");
  EXPECT_EQ(office.line, 87);
  EXPECT_THAT(office.extra,
              ElementsAre(Pair("system_category", "application"),
                          Pair("uninstall_string", "\"C:\\Program Files\\Common Files\\Microsoft Shared\\ClickToRun\\"
                                                   "OfficeClickToRun.exe\" scenario=install")));
  EXPECT_EQ(parsed->software[1].name, "GLPI Agent 1.7.1 (x64 edition)");
  EXPECT_EQ(parsed->software[1].publisher, "Teclib'");
  EXPECT_EQ(parsed->software[1].line, 98);
  const DiscoveredSoftware& zip = parsed->software[2];
  EXPECT_EQ(zip.name, "7-Zip 23.01");
  EXPECT_EQ(zip.version, "23.01");  // trimmed
  EXPECT_EQ(zip.arch, "i586");
  EXPECT_EQ(zip.guid, "");
  EXPECT_EQ(zip.line, 108);
  EXPECT_THAT(zip.extra, ElementsAre(Pair("comments", "7-Zip"), Pair("filesize", "5439488"), Pair("no_remove", "false"),
                                     Pair("username", "yamada.taro")));
}

TEST(GlpiInventoryTest, LinuxVirtualMachine) {
  const absl::StatusOr<InventoryDocument> parsed = ParseGlpiInventory(Fixture("linux_vm.json"), "vm.json");
  ASSERT_THAT(parsed, IsOk());
  const InventoryDevice& device = parsed->device;
  EXPECT_EQ(device.id, "app-osaka-01-2024-02-01-10-00-00");
  EXPECT_EQ(device.name, "app-osaka-01.example.jp");  // no hardware.name: the FQDN
  EXPECT_EQ(device.virtualization, "KVM");
  EXPECT_EQ(device.serial, "Not Specified");          // as written, not judged
  EXPECT_EQ(device.manufacturer, "Red Hat");          // the motherboard's: no smanufacturer
  EXPECT_EQ(device.model, "RHEL-AV");
  EXPECT_EQ(device.os_name, "Rocky");                 // no full_name
  EXPECT_EQ(device.os_version, "9.3");
  EXPECT_EQ(device.user, "suzuki");                   // users[0]: no lastloggeduser
  EXPECT_EQ(device.last_seen, "");
  EXPECT_EQ(device.processors, 1);
  EXPECT_EQ(device.cores, 4);                         // corecount: no core
  EXPECT_EQ(device.threads, 4);                       // thread 1 < 4 cores: 1 per core
  EXPECT_THAT(device.extra, Contains(Pair("users[0].domain", "app-osaka-01")));
  EXPECT_THAT(device.extra, Contains(Pair("users[1].login", "deploy")));
  EXPECT_THAT(device.extra, Contains(Pair("bios.bmanufacturer", "SeaBIOS")));
  EXPECT_THAT(device.extra, Not(Contains(Pair("bios.mmanufacturer", ::testing::_))));
  EXPECT_THAT(device.extra, Not(Contains(Pair("operatingsystem.fqdn", ::testing::_))));
  EXPECT_THAT(parsed->notes, ElementsAre("manufacturer is the motherboard's (bios.mmanufacturer): no bios.smanufacturer",
                                         "model is the motherboard's (bios.mmodel): no bios.smodel",
                                         "cpus thread below core: read as threads per core (thread × core)",
                                         "content sections not read: storages"));
  ASSERT_EQ(parsed->software.size(), 3u);
  EXPECT_EQ(parsed->software[0].name, "bash");
  EXPECT_EQ(parsed->software[0].install_date, "2024-01-15 03:12:45");
  EXPECT_EQ(parsed->software[0].from, "rpm");
  EXPECT_EQ(parsed->software[0].line, 31);
  EXPECT_THAT(parsed->software[0].extra,
              ElementsAre(Pair("filesize", "7738634"), Pair("system_category", "System Environment/Shells")));
  EXPECT_EQ(parsed->software[1].name, "ipa-gothic-fonts");
  EXPECT_EQ(parsed->software[1].arch, "noarch");
  EXPECT_THAT(parsed->software[1].extra, ElementsAre(Pair("comments", "IPA ゴシック（等幅）フォント")));
  EXPECT_EQ(parsed->software[1].line, 34);
  EXPECT_EQ(parsed->software[2].name, "日本語入力 Mozc");
  EXPECT_EQ(parsed->software[2].publisher, "");
  EXPECT_EQ(parsed->software[2].line, 42);
}

TEST(GlpiInventoryTest, PartialInventoryListsOnlyItsSoftware) {
  const absl::StatusOr<InventoryDocument> parsed = ParseGlpiInventory(Fixture("partial_softwares.json"), "p.json");
  ASSERT_THAT(parsed, IsOk());
  EXPECT_TRUE(parsed->device.partial);
  EXPECT_EQ(parsed->device.id, "desk-kyoto-07-2024-05-02-08-15-33");
  EXPECT_EQ(parsed->device.name, "");
  EXPECT_EQ(parsed->device.processors, std::nullopt);
  EXPECT_EQ(parsed->device.cores, std::nullopt);
  EXPECT_THAT(parsed->device.extra, ElementsAre(Pair("itemtype", "Computer")));
  EXPECT_THAT(parsed->notes, ::testing::IsEmpty());
  ASSERT_EQ(parsed->software.size(), 2u);
  EXPECT_EQ(parsed->software[0].publisher, "Debian LibreOffice Maintainers <debian-openoffice@lists.debian.org>");
  EXPECT_EQ(parsed->software[0].version, "4:7.4.7-1+deb12u1");
  EXPECT_EQ(parsed->software[0].from, "deb");
  EXPECT_EQ(parsed->software[0].line, 4);
  EXPECT_EQ(parsed->software[1].name, "fonts-noto-cjk");
  EXPECT_EQ(parsed->software[1].line, 11);
}

TEST(GlpiInventoryTest, RepeatedAndEscapedMembersKeepTheDomsValueAndDropLinesTheScanCannotTrust) {
  // A repeated "softwares": the DOM keeps the last, and so do the lines.
  const std::string repeated = "{\"deviceid\": \"d\", \"content\": {\"versionclient\": \"v\",\n"
                               "\"softwares\": [{\"name\": \"old\"}],\n"
                               "\"softwares\": [\n{\"name\": \"a\"},\n{\"name\": \"b\"}]}}";
  absl::StatusOr<InventoryDocument> parsed = ParseGlpiInventory(repeated, "r.json");
  ASSERT_THAT(parsed, IsOk());
  ASSERT_EQ(parsed->software.size(), 2u);
  EXPECT_EQ(parsed->software[0].line, 4);
  EXPECT_EQ(parsed->software[1].line, 5);
  // An escaped member name the scan cannot match: the entries are read, their lines unknown.
  const std::string escaped = "{\"deviceid\": \"d\", \"content\": {\"versionclient\": \"v\",\n"
                              "\"softw\\u0061res\": [{\"name\": \"a\"}]}}";
  parsed = ParseGlpiInventory(escaped, "e.json");
  ASSERT_THAT(parsed, IsOk());
  ASSERT_EQ(parsed->software.size(), 1u);
  EXPECT_EQ(parsed->software[0].line, 0);
}

TEST(GlpiInventoryTest, AnEscapedNameBesideTheListDropsTheLinesOfTheListTheScanSaw) {
  // The DOM keeps the escaped (last) "softwares"; the scan only saw the first: no line is trusted.
  const std::string text = "{\"deviceid\": \"d\", \"content\": {\"versionclient\": \"v\",\n"
                           "\"softwares\": [{\"name\": \"a\"},\n{\"name\": \"b\"}],\n"
                           "\"softw\\u0061res\": [{\"name\": \"c\"}]}}";
  const absl::StatusOr<InventoryDocument> parsed = ParseGlpiInventory(text, "e.json");
  ASSERT_THAT(parsed, IsOk());
  ASSERT_EQ(parsed->software.size(), 1u);
  EXPECT_EQ(parsed->software[0].name, "c");
  EXPECT_EQ(parsed->software[0].line, 0);
}

TEST(GlpiInventoryTest, NotJsonDoesNotEchoTheInput) {
  // A line break inside a string: nlohmann's message would repeat the string read so far.
  const absl::Status status = ParseGlpiInventory("{\"deviceid\": \"NPPR9-FWDCX\n\"}", "k.json").status();
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("k.json:1:26: not JSON: syntax error")));
  EXPECT_THAT(status.message(), Not(HasSubstr("NPPR9")));
}

TEST(GlpiInventoryTest, NotJsonNamesFileLineAndColumn) {
  const std::string windows = Fixture("windows_workstation.json");
  EXPECT_THAT(ParseGlpiInventory(windows.substr(0, 600), "cut.json"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("cut.json:")));
  EXPECT_THAT(ParseGlpiInventory("{\n  \"deviceid\": \"d\",\n  \"content\": {,}\n}", "bad.json"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("bad.json:3:15: not JSON")));
  EXPECT_THAT(ParseGlpiInventory("", "empty.json"), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("empty.json:1:1")));
  EXPECT_THAT(ParseGlpiInventory("<REQUEST><DEVICEID>x</DEVICEID></REQUEST>", "ocs.xml"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("ocs.xml:1:1: not JSON")));
  EXPECT_THAT(ParseGlpiInventory("[1, 2]", "array.json"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("array.json: expected a JSON object")));
}

TEST(GlpiInventoryTest, MissingOrMistypedMembersAreNamed) {
  const auto error = [](const std::string& text) { return ParseGlpiInventory(text, "f.json").status(); };
  EXPECT_THAT(error(R"({"content": {"versionclient": "v"}})"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("f.json: member deviceid: required")));
  EXPECT_THAT(error(R"({"deviceid": 42, "content": {"versionclient": "v"}})"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("member deviceid: expected a string")));
  EXPECT_THAT(error(R"({"deviceid": "d"})"), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("member content: required")));
  EXPECT_THAT(error(R"({"deviceid": "d", "content": []})"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("member content: expected an object")));
  EXPECT_THAT(error(R"({"deviceid": "d", "content": {}})"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("member content.versionclient: required")));
  EXPECT_THAT(error(R"({"deviceid": "d", "partial": "yes", "content": {"versionclient": "v"}})"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("member partial: expected true or false")));
  EXPECT_THAT(error(R"({"deviceid": "d", "content": {"versionclient": "v", "softwares": {"name": "x"}}})"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("member content.softwares: expected an array")));
  EXPECT_THAT(error(R"({"deviceid": "d", "content": {"versionclient": "v", "hardware": {"name": ["a"]}}})"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("member content.hardware.name: expected a string")));
  EXPECT_THAT(error(R"({"deviceid": "d", "content": {"versionclient": "v", "cpus": [{"core": 2.5}]}})"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("member content.cpus[0].core: expected a whole number")));
  EXPECT_THAT(error(R"({"deviceid": "d", "content": {"versionclient": "v", "cpus": [{"core": 99999999999999999999999}]}})"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("member content.cpus[0].core")));
  EXPECT_THAT(error(R"({"deviceid": "d", "content": {"versionclient": "v", "cpus": [{"thread": 18446744073709551615}]}})"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("content.cpus[0].thread: expected a count")));
  EXPECT_THAT(error(R"({"deviceid": "d", "content": {"versionclient": "v", "cpus": [{"core": -1}]}})"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("content.cpus[0].core: expected a count")));
}

TEST(GlpiInventoryTest, ASoftwareEntryWithoutANameIsNamedByIndexAndPosition) {
  const std::string text = "{\"deviceid\": \"d\", \"content\": {\"versionclient\": \"v\", \"softwares\": [\n"
                           "  {\"name\": \"bash\"},\n"
                           "  {\"version\": \"1.0\", \"from\": \"rpm\"}\n"
                           "]}}";
  EXPECT_THAT(ParseGlpiInventory(text, "s.json"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("s.json:3:3: member content.softwares[1]: software entry 2 has no name")));
  const std::string blank = R"({"deviceid": "d", "content": {"versionclient": "v", "softwares": [{"name": "  "}]}})";
  EXPECT_THAT(ParseGlpiInventory(blank, "b.json"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("softwares[0]: software entry 1 has no name")));
  const std::string not_object = R"({"deviceid": "d", "content": {"versionclient": "v", "softwares": ["bash"]}})";
  EXPECT_THAT(ParseGlpiInventory(not_object, "n.json"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("content.softwares[0]: expected an object")));
}

TEST(GlpiInventoryTest, NestingDeeperThan64LevelsIsRefusedBeforeParsing) {
  std::string deep = R"({"deviceid": "d", "content": {"versionclient": "v", "x": )";
  for (int i = 0; i < 100000; ++i) deep += "[";
  // 57 bytes at depth 2, then the 63rd "[" (byte 120) is level 65.
  EXPECT_THAT(ParseGlpiInventory(deep, "deep.json"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("deep.json:1:120: nesting deeper than 64 levels")));
  // 64 levels are read; brackets inside strings do not count.
  std::string fine = R"({"deviceid": "[[[[", "content": {"versionclient": "v", "x": )";
  for (int i = 0; i < 62; ++i) fine += "[";
  for (int i = 0; i < 62; ++i) fine += "]";
  fine += "}}";
  EXPECT_THAT(ParseGlpiInventory(fine, "fine.json"), IsOk());
}

TEST(GlpiInventoryTest, AHugeMemberNameOverManyValuesIsRefusedNotRepeated) {
  // Each of the 20000 values would be kept under the 100 KB name: 2 GB from a 140 KB file.
  std::string text = R"({"deviceid": "d", "content": {"versionclient": "v", "hardware": {")";
  text += std::string(100000, 'k');
  text += "\": [0";
  for (int i = 1; i < 20000; ++i) text += ",0";
  text += "]}}}";
  EXPECT_THAT(ParseGlpiInventory(text, "huge.json"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("member names and values too long to keep")));
}

}  // namespace
}  // namespace crosswalk::inventory
