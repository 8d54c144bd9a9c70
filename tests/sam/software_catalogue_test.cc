// The software rules catalogue (mappings/rules/software.csv) on the data problems SAM tools meet:
// one publisher spelled three ways, versions, editions and architectures inside titles, Debian
// packages that are products only by explicit rules, updates and hotfixes that are no products,
// titles nobody knows kept and listed; and the catalogue's own checks.
#include "gateway/sam/software_catalogue.h"

#include <fstream>
#include <map>
#include <sstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/status_matchers.h"

namespace crosswalk::sam {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

class SoftwareCatalogueTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto loaded = SoftwareCatalogue::Load(CROSSWALK_SOURCE_MAPPINGS_DIR);
    ASSERT_THAT(loaded, IsOk());
    catalogue_ = loaded->release();
  }
  static NormalisedInstall N(const std::string& name, const std::string& publisher = "", const std::string& version = "",
                             const std::string& from = "registry") {
    return catalogue_->Normalise({name, version, publisher, "", from, ""});
  }
  static const SoftwareCatalogue* catalogue_;
};
const SoftwareCatalogue* SoftwareCatalogueTest::catalogue_ = nullptr;

TEST_F(SoftwareCatalogueTest, OnePublisherSpelledThreeWaysIsOne) {
  EXPECT_EQ(N("Adobe Acrobat Pro DC", "Adobe Systems Incorporated").publisher, "Adobe");
  EXPECT_EQ(N("Adobe Acrobat Pro DC", "Adobe Systems, Inc.").publisher, "Adobe");
  EXPECT_EQ(N("Adobe Acrobat Pro DC", "アドビ株式会社").publisher, "Adobe");
  const NormalisedInstall unknown_vendor = N("Kintai Pro 3", "Sakura Soft Co., Ltd.");
  EXPECT_EQ(unknown_vendor.publisher, "Sakura Soft");  // suffix stripped, no alias: the name as written
  EXPECT_THAT(unknown_vendor.rules, ElementsAre("sw.suf.co-ltd"));  // "3" alone is no version token
  EXPECT_EQ(N("x", "株式会社ジャストシステム").publisher, "JustSystems");
}

TEST_F(SoftwareCatalogueTest, VersionEditionAndArchitectureComeOutOfTitles) {
  const NormalisedInstall office = N("Microsoft Office Professional Plus 2019", "Microsoft Corporation", "16.0.10827.20181");
  EXPECT_EQ(office.kind, NormalisedInstall::Class::kProduct);
  EXPECT_EQ(office.publisher, "Microsoft");
  EXPECT_EQ(office.product, "Office");
  EXPECT_EQ(office.edition, "professional plus");
  EXPECT_EQ(office.version, "2019");
  EXPECT_THAT(office.rules, ElementsAre("sw.suf.corp", "sw.pub.microsoft", "sw.prod.office"));

  const NormalisedInstall sql = N("Microsoft SQL Server 2019 (64-bit)", "Microsoft Corporation", "15.0.2000.5");
  EXPECT_EQ(sql.product, "SQL Server");
  EXPECT_EQ(sql.version, "2019");
  EXPECT_EQ(sql.arch, "x64");
  EXPECT_THAT(sql.rules, ElementsAre("sw.suf.corp", "sw.pub.microsoft", "sw.tok.64bit", "sw.prod.sql-server"));

  const NormalisedInstall agent = N("FusionInventory Agent 2.3.19 (x64 edition)", "FusionInventory Team");
  EXPECT_EQ(agent.product, "FusionInventory Agent");
  EXPECT_EQ(agent.arch, "x64");
  EXPECT_EQ(agent.version, "2.3.19");

  const NormalisedInstall m365 = N("Microsoft 365 Apps for enterprise - ja-jp", "Microsoft Corporation", "16.0.17126.20132");
  EXPECT_EQ(m365.product, "Microsoft 365 Apps");
  EXPECT_EQ(m365.edition, "enterprise");  // the product rule's edition wins over the language token's
  EXPECT_EQ(m365.version, "16.0.17126.20132");

  const NormalisedInstall ichitaro = N("一太郎2023", "株式会社ジャストシステム");
  EXPECT_EQ(ichitaro.product, "一太郎");
  EXPECT_EQ(ichitaro.version, "2023");
}

TEST_F(SoftwareCatalogueTest, UpdatesHotfixesAndRuntimesAreNoProducts) {
  const NormalisedInstall update = N("Security Update for Microsoft Office 2016 (KB5002140) 64-Bit Edition", "Microsoft Corporation");
  EXPECT_EQ(update.kind, NormalisedInstall::Class::kExcluded);
  EXPECT_EQ(update.reason, "security update or hotfix");
  EXPECT_THAT(update.rules, ElementsAre("sw.ex.security-update"));
  EXPECT_EQ(N("Update for Windows 10 for x64-based Systems (KB4023057)").kind, NormalisedInstall::Class::kExcluded);
  EXPECT_EQ(N("Microsoft Visual C++ 2015-2022 Redistributable (x64) - 14.38.33130").reason, "runtime redistributable");
  EXPECT_EQ(N("Microsoft Office Proofing Tools 2016 - Japanese").reason, "language pack");
}

// An install its source says does not count (ServiceNow's inactive rows) is excluded with the
// source's reason, its product read as the rules read it.
TEST_F(SoftwareCatalogueTest, AnInstallTheSourceExcludesIsExcludedWithItsProductRead) {
  const NormalisedInstall counted = N("Microsoft Visio Professional 2019", "Microsoft Corporation");
  ASSERT_EQ(counted.kind, NormalisedInstall::Class::kProduct);
  const NormalisedInstall excluded =
      catalogue_->Normalise({"Microsoft Visio Professional 2019", "", "Microsoft Corporation", "", "registry", "", "inactive in ServiceNow"});
  EXPECT_EQ(excluded.kind, NormalisedInstall::Class::kExcluded);
  EXPECT_EQ(excluded.reason, "inactive in ServiceNow");
  EXPECT_EQ(excluded.publisher, counted.publisher);
  EXPECT_EQ(excluded.product, counted.product);
  EXPECT_EQ(excluded.rules.back(), "source-excluded");
  // A title an exclude rule names keeps that rule's reason.
  EXPECT_EQ(catalogue_->Normalise({"Update for Windows 10 for x64-based Systems (KB4023057)", "", "", "", "", "", "inactive"}).reason,
            "security update or hotfix");
}

TEST_F(SoftwareCatalogueTest, DebianPackagesAreProductsOnlyByExplicitRules) {
  const NormalisedInstall core = N("libreoffice-core", "Debian LibreOffice Maintainers", "4:7.4.7-1+deb12u1", "deb");
  EXPECT_EQ(core.kind, NormalisedInstall::Class::kProduct);
  EXPECT_EQ(core.publisher, "The Document Foundation");
  EXPECT_EQ(core.product, "LibreOffice");
  EXPECT_EQ(core.version, "4:7.4.7-1+deb12u1");
  const NormalisedInstall multiarch = N("firefox-esr:amd64", "https://www.mozilla.org/", "115.9.0esr-1", "deb");
  EXPECT_EQ(multiarch.product, "Firefox");  // dpkg's binary:Package, as ocsinventory-agent reports it
  const NormalisedInstall lib = N("libc6:amd64", "https://www.gnu.org/software/libc/libc.html", "2.36-9", "deb");
  EXPECT_EQ(lib.kind, NormalisedInstall::Class::kPackage);
  EXPECT_EQ(lib.product, "libc6");
  EXPECT_TRUE(lib.rules.empty());
}

// Free and open-source products are products (listed, counted in titles) that need no licence: a
// `free` rule on the canonical publisher and product says why; a licensed product has none.
TEST_F(SoftwareCatalogueTest, FreeProductsSayWhyTheyNeedNoLicence) {
  const NormalisedInstall firefox = N("Mozilla Firefox (x64 ja)", "Mozilla", "128.0");
  EXPECT_EQ(firefox.kind, NormalisedInstall::Class::kProduct);
  EXPECT_EQ(firefox.free, "open source (MPL 2.0)");
  EXPECT_THAT(firefox.rules, ElementsAre("sw.pub.mozilla", "sw.tok.64bit", "sw.prod.firefox", "sw.free.mozilla"));
  EXPECT_EQ(N("firefox-esr:amd64", "https://www.mozilla.org/", "115.9.0esr-1", "deb").free, "open source (MPL 2.0)");
  EXPECT_THAT(N("Google Chrome", "Google LLC", "131.0").free, HasSubstr("freeware"));
  EXPECT_EQ(N("Microsoft Office Professional Plus 2019", "Microsoft Corporation").free, "");
  EXPECT_EQ(N("jdk-17", "Oracle", "17.0.2", "rpm").free, "");  // Oracle's Java SE is licensed
  EXPECT_THAT(SoftwareCatalogue::Parse("id,step,pattern,value,note\na,free,x\\|y,,\n", "s.csv"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("the reason is missing")));
}

TEST_F(SoftwareCatalogueTest, ATitleNoRuleKnowsIsUnrecognisedAndKeptAsCleaned) {
  const NormalisedInstall tool = N("勤怠管理システム Ver 3.2 (64 ビット)", "株式会社サクラソフト");
  EXPECT_EQ(tool.kind, NormalisedInstall::Class::kUnrecognised);
  EXPECT_EQ(tool.publisher, "サクラソフト");
  EXPECT_EQ(tool.arch, "x64");
  EXPECT_EQ(tool.product, "勤怠管理システム");
  EXPECT_EQ(tool.version, "3.2");  // "Ver 3.2" at the end of the title
  EXPECT_EQ(std::string(ClassName(tool.kind)), "unrecognised");
}

// Every package the real ocsinventory-agent found on Debian 12 is a package or a product by an
// explicit rule, never a guess.
TEST_F(SoftwareCatalogueTest, TheRealAgentsDebianPackagesAreAllPackagesOrRuledProducts) {
  std::ifstream in(std::string(CROSSWALK_TEST_FIXTURES) + "/inventory/agents/ocs-2.10-debian12.ocs");
  std::stringstream text;
  text << in.rdbuf();
  const std::string xml = text.str();
  int read = 0;
  for (size_t at = xml.find("<NAME>"); at != std::string::npos; at = xml.find("<NAME>", at + 1)) {
    const std::string name = xml.substr(at + 6, xml.find("</NAME>", at) - at - 6);
    if (name == "vm") continue;
    const NormalisedInstall n = N(name, "", "", "deb");
    EXPECT_TRUE(n.kind == NormalisedInstall::Class::kPackage || (n.kind == NormalisedInstall::Class::kProduct && !n.rules.empty()))
        << name;
    ++read;
  }
  EXPECT_GE(read, 5);
}

TEST(SoftwareCatalogueLoadTest, BadRulesAreRefusedNamingTheirPlace) {
  const std::string header = "id,step,pattern,value,note\n";
  EXPECT_THAT(SoftwareCatalogue::Parse(header + "a,guess,x,y,\n", "s.csv"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("s.csv:2")));
  EXPECT_THAT(SoftwareCatalogue::Parse(header + "a,product,(,A|B,\n", "s.csv"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("bad RE2 pattern")));
  EXPECT_THAT(SoftwareCatalogue::Parse(header + "a,product,x,Office,\n", "s.csv"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("expected Publisher|Product")));
  EXPECT_THAT(SoftwareCatalogue::Parse(header + "a,token,x,bits=64,\n", "s.csv"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("arch=")));
  EXPECT_THAT(SoftwareCatalogue::Parse(header + "a,exclude,x,y,\na,exclude,z,y,\n", "s.csv"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("repeated rule id")));
}

}  // namespace
}  // namespace crosswalk::sam
