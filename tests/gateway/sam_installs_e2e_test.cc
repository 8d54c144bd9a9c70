// Installations through the real crosswalkd and CLI (issue 13 Deliver 3): the two committed agent
// inventories of one Debian machine ("vm", from ocsinventory-agent and FusionInventory) synced by
// one `inventory` source are one device, and a package both agents list is one install with two
// evidences; titles are counted; the device filter; a read token suffices; a bad software rules
// file stops crosswalkd at start.
#include <filesystem>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/gateway/gateway_fixture.h"

namespace crosswalk {
namespace {

using ::testing::HasSubstr;
using ::testing::EndsWith;
using ::testing::StartsWith;

constexpr char kReadToken[] = "read-token-0123456789abcdef";

class SamInstallsTest : public GatewayTest {
 protected:
  // crosswalkd with the two agent inventories in one folder, synced.
  void StartSynced(const std::string& extra = "") {
    std::filesystem::create_directories(dir_ / "inv");
    for (const char* file : {"ocs-2.10-debian12.ocs", "fusioninventory-2.6-debian12.xml"}) {
      std::filesystem::copy_file(absl::StrCat(CROSSWALK_TEST_FIXTURES "/inventory/agents/", file), dir_ / "inv" / file);
    }
    WriteFile("crosswalkd.yaml", absl::StrCat("listen: 127.0.0.1:0\nstore: ", Path("sam.db"),
                                              "\nsources:\n  - {name: agents, type: inventory, location: ", Path("inv"), "}\n", extra));
    Start();
    const ProcessResult sync = Cli(WithToken({"sync", "agents"}));
    ASSERT_EQ(sync.exit_code, 0) << sync.err;
  }
  std::vector<std::string> WithToken(std::vector<std::string> args) const {
    if (!token_.empty()) args.insert(args.begin(), {"--token-file", token_});
    return args;
  }
  std::string token_;
};

TEST_F(SamInstallsTest, APackageBothAgentsListIsOneInstallWithTwoEvidences) {
  StartSynced();
  const ProcessResult installs = Cli({"sam", "installs", "--format", "csv"});
  ASSERT_EQ(installs.exit_code, 0) << installs.err;
  EXPECT_THAT(installs.out, StartsWith("device,publisher,product,version,edition,arch,class,raw_name,rule,evidence\n"));
  // OCS gives adduser no publisher, FusionInventory "Debian": one install all the same.
  EXPECT_THAT(installs.out, HasSubstr("\nvm,Debian,adduser,3.134,,all,package,adduser,,2\n"));
  // OCS writes the homepage as the publisher; the first evidence (by source and native id) with one wins.
  EXPECT_THAT(installs.out, HasSubstr(",alsa-ucm-conf,1.2.8-1,,all,package,alsa-ucm-conf,,2\n"));
  // Both samples list the same five packages of one machine (host name vm): five installs, each
  // with both agents' records as evidence.
  const std::vector<std::string> lines = absl::StrSplit(installs.out, '\n', absl::SkipEmpty());
  ASSERT_EQ(lines.size(), 6u) << installs.out;
  for (size_t i = 1; i < lines.size(); ++i) {
    EXPECT_THAT(lines[i], StartsWith("vm,"));
    EXPECT_THAT(lines[i], HasSubstr(",package,"));
    EXPECT_THAT(lines[i], EndsWith(",,2"));  // no rule names a package's product; two evidences
  }

  const ProcessResult json = Cli({"sam", "installs", "--device", "VM", "--format", "json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  EXPECT_THAT(json.out, HasSubstr("agents/install/vm-2026-11-22-12-13-03/adduser/3.134/all (ocs-xml, deb, installed): adduser; "
                                  "agents/install/vm-2026-11-22-12-13-17/adduser/3.134/all (fusioninventory-xml, deb, installed): adduser"));

  const ProcessResult titles = Cli({"sam", "titles", "--class", "package", "--format", "csv"});
  ASSERT_EQ(titles.exit_code, 0) << titles.err;
  EXPECT_THAT(titles.out, StartsWith("class,publisher,product,installs,devices\n"));
  EXPECT_THAT(titles.out, HasSubstr("\npackage,Debian,adduser,1,1\n"));

  const ProcessResult none = Cli({"sam", "installs", "--device", "nosuch", "--format", "csv"});
  ASSERT_EQ(none.exit_code, 0) << none.err;
  EXPECT_EQ(none.out, "device,publisher,product,version,edition,arch,class,raw_name,rule,evidence\n");

  const ProcessResult bad_class = Cli({"sam", "titles", "--class", "licensed"});
  EXPECT_EQ(bad_class.exit_code, 2);
  EXPECT_THAT(bad_class.err, HasSubstr("unknown class 'licensed'"));
  const ProcessResult bad_sub = Cli({"sam", "devices"});
  EXPECT_EQ(bad_sub.exit_code, 2);
  EXPECT_THAT(bad_sub.err, HasSubstr("'sam' takes 'installs"));
}

TEST_F(SamInstallsTest, AReadTokenMayListInstalls) {
  WriteFile("read.token", absl::StrCat(kReadToken, "\n"));
  WriteFile("sync.token", "sync-token-0123456789abcdef\n");
  token_ = Path("sync.token");
  StartSynced(absl::StrCat("tokens:\n  - {name: auditor, role: read, file: ", Path("read.token"),
                           "}\n  - {name: robot, role: sync, file: ", Path("sync.token"), "}\n"));
  const ProcessResult read = Cli({"--token-file", Path("read.token"), "sam", "titles", "--format", "csv"});
  ASSERT_EQ(read.exit_code, 0) << read.err;
  EXPECT_THAT(read.out, HasSubstr("package,Debian,adduser,1,1\n"));
  const ProcessResult anonymous = Cli({"sam", "installs"});
  EXPECT_NE(anonymous.exit_code, 0);
  EXPECT_THAT(anonymous.err, HasSubstr("UNAUTHENTICATED"));
}

TEST_F(SamInstallsTest, ABadSoftwareRulesFileStopsTheStart) {
  std::filesystem::copy(CROSSWALK_SOURCE_MAPPINGS_DIR, dir_ / "mappings", std::filesystem::copy_options::recursive);
  std::ofstream(dir_ / "mappings" / "rules" / "software.csv", std::ios::app) << "sw.bad,guess,x,y,\n";
  WriteFile("crosswalkd.yaml", absl::StrCat("listen: 127.0.0.1:0\nstore: ", Path("t.db"), "\nmappings: ", Path("mappings"), "\n"));
  const ProcessResult start = RunProcess({CROSSWALKD_BINARY, "--config", Path("crosswalkd.yaml")});
  EXPECT_EQ(start.exit_code, 1);
  EXPECT_THAT(start.err, HasSubstr("software.csv"));
}

}  // namespace
}  // namespace crosswalk
