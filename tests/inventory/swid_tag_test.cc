// ISO/IEC 19770-2 SWID tags (connectors/inventory/swid_tag.h): 2015 and 2014-DIS SoftwareIdentity,
// 2009 and 2008 software_identification_tag, tags that are not installations, and refused input.
// Samples: tests/fixtures/inventory/swid/.
#include "connectors/inventory/swid_tag.h"

#include <fstream>
#include <sstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/status_matchers.h"

namespace crosswalk::inventory {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Pair;

std::string Fixture(const std::string& name) {
  std::ifstream in(std::string(CROSSWALK_TEST_FIXTURES "/inventory/swid/") + name, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

absl::StatusOr<InventoryDocument> ParseFixture(const std::string& name) { return ParseSwidTag(Fixture(name), name); }

// The first value of extra `key`, or "(absent)".
std::string Extra(const DiscoveredSoftware& software, const std::string& key) {
  for (const auto& [name, value] : software.extra) {
    if (name == key) return value;
  }
  return "(absent)";
}

constexpr char k2015[] = "http://standards.iso.org/iso/19770/-2/2015/schema.xsd";

TEST(SwidTagTest, ReadsAnRpm2swidtagTagWithAnUnknownVersionSchemeAndEvidence) {
  absl::StatusOr<InventoryDocument> document = ParseFixture("pkg1-1.2.0-1.fc28.x86_64.swidtag");
  ASSERT_THAT(document, IsOk());
  EXPECT_EQ(document->format, "swid");
  EXPECT_EQ(document->device.id, "machine.example.test");
  EXPECT_EQ(document->device.last_seen, "2018-01-01T12:13:14Z");
  EXPECT_THAT(document->notes, IsEmpty());
  ASSERT_EQ(document->software.size(), 1u);
  const DiscoveredSoftware& pkg1 = document->software[0];
  EXPECT_EQ(pkg1.name, "pkg1");
  EXPECT_EQ(pkg1.version, "1.2.0-1.fc28.x86_64");
  EXPECT_EQ(pkg1.tag_id, "unavailable.invalid.pkg1-1.2.0-1.fc28.x86_64");
  EXPECT_EQ(pkg1.publisher, "");  // the tagCreator's name, empty as written
  EXPECT_EQ(pkg1.arch, "x86_64");
  EXPECT_EQ(pkg1.edition, "");
  EXPECT_EQ(pkg1.from, "swid");
  EXPECT_EQ(pkg1.evidence, "installed");
  EXPECT_EQ(pkg1.line, 2);
  EXPECT_THAT(pkg1.extra, ElementsAre(Pair("lang", "en-US"), Pair("versionScheme", "rpm"),
                                      Pair("entity.tagCreator.name", ""),
                                      Pair("entity.tagCreator.regid", "invalid.unavailable"), Pair("Meta.product", "pkg1"),
                                      Pair("Meta.colloquialVersion", "1.2.0"), Pair("Meta.revision", "1.fc28"),
                                      Pair("Meta.summary", "Example rpm package"), Pair("Evidence.pathSeparator", "/"),
                                      Pair("Evidence/File", "3"), Pair("Evidence/Directory", "1"),
                                      Pair("Evidence/Resource", "1")));
}

TEST(SwidTagTest, ReadsAWindowsProductTagWithEditionArchAndEveryEntityRole) {
  absl::StatusOr<InventoryDocument> document = ParseFixture("microsoft-windows-10-pro.swidtag");
  ASSERT_THAT(document, IsOk());
  EXPECT_EQ(document->device.id, "PC-TOKYO-042");
  EXPECT_EQ(document->device.last_seen, "2026-11-30T09:15:00+09:00");
  EXPECT_THAT(document->notes, IsEmpty());
  ASSERT_EQ(document->software.size(), 1u);
  const DiscoveredSoftware& windows = document->software[0];
  EXPECT_EQ(windows.name, "Windows 10 Pro");
  EXPECT_EQ(windows.version, "10.0.19045.3803");
  EXPECT_EQ(windows.tag_id, "regid.1991-06.com.microsoft-Windows-10-Pro-x64-ja-JP");
  EXPECT_EQ(windows.publisher, "Microsoft Corporation");
  EXPECT_EQ(windows.edition, "Professional");
  EXPECT_EQ(windows.arch, "x64");
  EXPECT_EQ(windows.line, 2);
  EXPECT_EQ(Extra(windows, "lang"), "ja-JP");
  EXPECT_EQ(Extra(windows, "versionScheme"), "multipartnumeric");
  EXPECT_EQ(Extra(windows, "tagVersion"), "2");
  EXPECT_EQ(Extra(windows, "entity.softwareCreator.regid"), "regid.1991-06.com.microsoft");
  EXPECT_EQ(Extra(windows, "entity.licensor.regid"), "regid.1991-06.com.microsoft");
  EXPECT_EQ(Extra(windows, "entity.tagCreator.name"), "Microsoft Corporation");
  EXPECT_EQ(Extra(windows, "entity.distributor.name"), "株式会社サンプル販売");
  EXPECT_EQ(Extra(windows, "Link.supersedes"), "swid:regid.1991-06.com.microsoft-Windows-8.1-Pro-x64");
  EXPECT_EQ(Extra(windows, "Meta.product"), "Windows");
  EXPECT_EQ(Extra(windows, "Meta.colloquialVersion"), "10");
  EXPECT_EQ(Extra(windows, "Meta.revision"), "22H2");
  EXPECT_EQ(Extra(windows, "Meta.productFamily"), "Windows");
  EXPECT_EQ(Extra(windows, "Meta.summary"), "Windows 10 Pro 日本語版");
  EXPECT_EQ(Extra(windows, "Meta.entitlementDataRequired"), "true");
  EXPECT_EQ(Extra(windows, "Meta.persistentId"), "regid.1991-06.com.microsoft-Windows-10");
  EXPECT_EQ(Extra(windows, "Meta.edition"), "(absent)");  // mapped, not repeated
  EXPECT_EQ(Extra(windows, "Payload"), "1");
  EXPECT_EQ(Extra(windows, "Payload/Directory"), "1");
  EXPECT_EQ(Extra(windows, "Payload/File"), "2");
  EXPECT_THAT(Extra(windows, "schemaLocation"), HasSubstr("2015-current/schema.xsd"));
}

TEST(SwidTagTest, ReadsThe2014DisNamespaceAndTakesTheLicensorAsPublisherWithoutASoftwareCreator) {
  absl::StatusOr<InventoryDocument> document = ParseFixture("gridgain-2014-dis.swidtag");
  ASSERT_THAT(document, IsOk());
  EXPECT_EQ(document->device.id, "");  // no Evidence: the connector names the device
  ASSERT_EQ(document->software.size(), 1u);
  const DiscoveredSoftware& gridgain = document->software[0];
  EXPECT_EQ(gridgain.name, "GridGain Enterprise Edition");
  EXPECT_EQ(gridgain.version, "9.0.4");
  EXPECT_EQ(gridgain.publisher, "GridGain Systems, Inc.");
  EXPECT_EQ(gridgain.edition, "Enterprise");
  EXPECT_EQ(Extra(gridgain, "versionScheme"), "semver");
  EXPECT_EQ(Extra(gridgain, "entity.licensor.regid"), "regid.2010-03.com.gridgain");
}

TEST(SwidTagTest, ReadsThe2015CurrentNamespaceAndDefaultsTheVersionToZeroZero) {
  const std::string tag = absl::StrCat(
      "<SoftwareIdentity xmlns=\"http://standards.iso.org/iso/19770/-2/2015-current/schema.xsd\" name=\" 秀丸エディタ \"\n"
      " tagId=\"jp.co.maruo.hidemaru\"><Entity name=\"有限会社サイトー企画\" regid=\"jp.co.maruo\" role=\"softwareCreator tagCreator\"/>"
      "</SoftwareIdentity>");
  absl::StatusOr<InventoryDocument> document = ParseSwidTag(tag, "hidemaru.swidtag");
  ASSERT_THAT(document, IsOk());
  ASSERT_EQ(document->software.size(), 1u);
  EXPECT_EQ(document->software[0].name, "秀丸エディタ");  // trimmed
  EXPECT_EQ(document->software[0].version, "0.0");
  EXPECT_EQ(document->software[0].publisher, "有限会社サイトー企画");
  EXPECT_EQ(document->software[0].line, 1);
}

TEST(SwidTagTest, Reads2009ElementTagsWithRegidsAndLicenseLinkageInExtra) {
  absl::StatusOr<InventoryDocument> document = ParseFixture("acrobat-x-pro-2009.swidtag");
  ASSERT_THAT(document, IsOk());
  EXPECT_EQ(document->format, "swid");
  EXPECT_THAT(document->notes, IsEmpty());
  ASSERT_EQ(document->software.size(), 1u);
  const DiscoveredSoftware& acrobat = document->software[0];
  EXPECT_EQ(acrobat.name, "Acrobat X Pro");
  EXPECT_EQ(acrobat.version, "10.0");
  EXPECT_EQ(acrobat.publisher, "Adobe Systems Incorporated");
  EXPECT_EQ(acrobat.tag_id, "AcrobatPro-AS1-Win-GM-MUL");
  EXPECT_EQ(acrobat.from, "swid");
  EXPECT_EQ(acrobat.line, 2);
  EXPECT_THAT(acrobat.extra,
              ElementsAre(Pair("schemaLocation", HasSubstr("2009/schema.xsd")), Pair("entitlement_required_indicator", "true"),
                          Pair("software_creator/regid", "regid.1986-12.com.adobe"),
                          Pair("software_licensor/name", "Adobe Systems Incorporated"),
                          Pair("software_licensor/regid", "regid.1986-12.com.adobe"),
                          Pair("software_id/tag_creator_regid", "regid.1986-12.com.adobe"),
                          Pair("tag_creator/name", "Adobe Systems Incorporated"),
                          Pair("tag_creator/regid", "regid.1986-12.com.adobe"), Pair("license_linkage", "present"),
                          Pair("license_linkage/activation_status", "unlicensed"),
                          Pair("license_linkage/channel_type", "VOLUME"), Pair("license_linkage/customer_type", "VOLUME"),
                          Pair("serial_number", "970787XXXXXXXXXXXXXXXXXX"), Pair("product_version/numeric/major", "10"),
                          Pair("product_version/numeric/minor", "0"), Pair("product_version/numeric/build", "0"),
                          Pair("product_version/numeric/review", "0")));
}

TEST(SwidTagTest, A2008TagWithoutAVersionNameJoinsTheNumericPartsItHas) {
  const std::string tag =
      "<swid:software_identification_tag xmlns:swid=\"http://standards.iso.org/iso/19770/-2/2008/schema.xsd\">"
      "<swid:product_title>Photoshop CS5</swid:product_title>"
      "<swid:product_version><swid:numeric><swid:major>12</swid:major><swid:minor>0</swid:minor><swid:build>1</swid:build>"
      "</swid:numeric></swid:product_version>"
      "<swid:software_id><swid:unique_id>Photoshop-CS5-Win-GM</swid:unique_id></swid:software_id><swid:license_linkage/>"
      "<swid:extended_information><a><b><c><d>deep</d></c></b></a></swid:extended_information>"
      "</swid:software_identification_tag>";
  absl::StatusOr<InventoryDocument> document = ParseSwidTag(tag, "ps.swidtag");
  ASSERT_THAT(document, IsOk());
  ASSERT_EQ(document->software.size(), 1u);
  EXPECT_EQ(document->software[0].version, "12.0.1");
  EXPECT_EQ(document->software[0].publisher, "");
  EXPECT_THAT(document->software[0].extra, ElementsAre(Pair("license_linkage", "present"), Pair("extended_information/a/b/c/…/d", "deep")));
}

TEST(SwidTagTest, PatchSupplementalAndCorpusTagsAreNotInstallations) {
  absl::StatusOr<InventoryDocument> patch = ParseFixture("patch-kb5034441.swidtag");
  ASSERT_THAT(patch, IsOk());
  EXPECT_THAT(patch->software, IsEmpty());
  EXPECT_THAT(patch->notes, ElementsAre("Security Update for Windows 10 (KB5034441): a patch tag describes a patch to "
                                        "another product, not an installed product"));

  absl::StatusOr<InventoryDocument> supplemental = ParseFixture("supplemental-pkg1.swidtag");
  ASSERT_THAT(supplemental, IsOk());
  EXPECT_THAT(supplemental->software, IsEmpty());
  EXPECT_THAT(supplemental->notes, ElementsAre("Supplementing pkg1: a supplemental tag adds details to another product's "
                                               "tag, not an installed product"));

  absl::StatusOr<InventoryDocument> corpus = ParseFixture("corpus-pkg1.swidtag");
  ASSERT_THAT(corpus, IsOk());
  EXPECT_THAT(corpus->software, IsEmpty());
  EXPECT_THAT(corpus->notes, ElementsAre("pkg1: a corpus tag describes installation media, not an installed product"));
}

TEST(SwidTagTest, ATagWithoutATagCreatorIsReadWithANote) {
  const std::string tag = absl::StrCat("<SoftwareIdentity xmlns=\"", k2015,
                                       "\" name=\"Notepad++\" tagId=\"notepad-plus-plus\" version=\"8.6.2\" patch=\"false\">"
                                       "<Entity name=\"Don Ho\" regid=\"org.notepad-plus-plus\" role=\"softwareCreator\"/>"
                                       "</SoftwareIdentity>");
  absl::StatusOr<InventoryDocument> document = ParseSwidTag(tag, "npp.swidtag");
  ASSERT_THAT(document, IsOk());
  ASSERT_EQ(document->software.size(), 1u);
  EXPECT_EQ(document->software[0].publisher, "Don Ho");
  EXPECT_THAT(document->notes, ElementsAre("Notepad++: no tagCreator entity (required by 19770-2)"));
}

TEST(SwidTagTest, AnEntityWithManyRolesKeepsItsRoleListOnceAndStillCountsAsTagCreator) {
  std::string roles;
  for (int i = 0; i < 20; ++i) absl::StrAppend(&roles, "role", i, " ");
  const std::string tag = absl::StrCat("<SoftwareIdentity xmlns=\"", k2015, "\" name=\"n\" tagId=\"t\"><Entity name=\"E\" role=\"",
                                       roles, "tagCreator\"/></SoftwareIdentity>");
  absl::StatusOr<InventoryDocument> document = ParseSwidTag(tag, "roles.swidtag");
  ASSERT_THAT(document, IsOk());
  EXPECT_THAT(document->notes, IsEmpty());
  const DiscoveredSoftware& software = document->software[0];
  EXPECT_EQ(software.extra.size(), 9u);  // entity.role + name under the first 8 roles
  EXPECT_THAT(Extra(software, "entity.role"), HasSubstr("role19 tagCreator"));
  EXPECT_EQ(Extra(software, "entity.role7.name"), "E");
}

TEST(SwidTagTest, DeepAndWideElementsAreCountedWithinBounds) {
  std::string tag = absl::StrCat("<SoftwareIdentity xmlns=\"", k2015, "\" name=\"n\" tagId=\"t\"><Payload>");
  for (int i = 0; i < 150; ++i) absl::StrAppend(&tag, "<File", i, "/>");
  for (int i = 0; i < 20000; ++i) tag += "<d>";
  for (int i = 0; i < 20000; ++i) tag += "</d>";
  tag += "</Payload></SoftwareIdentity>";
  absl::StatusOr<InventoryDocument> document = ParseSwidTag(tag, "wide.swidtag");
  ASSERT_THAT(document, IsOk());
  const DiscoveredSoftware& software = document->software[0];
  EXPECT_EQ(Extra(software, "Payload"), "1");
  EXPECT_EQ(Extra(software, "Payload/File0"), "1");
  EXPECT_EQ(Extra(software, "Payload/File98"), "1");
  EXPECT_EQ(Extra(software, "Payload/File99"), "(absent)");  // 100 distinct keys kept
  EXPECT_EQ(Extra(software, "elements.other"), "20051");  // 51 File elements and 20000 d
}

TEST(SwidTagTest, RefusesATagWithoutANameOrTagId) {
  EXPECT_THAT(ParseSwidTag(absl::StrCat("<?xml version=\"1.0\"?>\n  <SoftwareIdentity xmlns=\"", k2015, "\" tagId=\"t\"/>"), "a.swidtag"),
              StatusIs(absl::StatusCode::kInvalidArgument, "a.swidtag:2:3: SoftwareIdentity has no name (required by 19770-2)"));
  EXPECT_THAT(ParseSwidTag(absl::StrCat("<SoftwareIdentity xmlns=\"", k2015, "\" name=\"  \" tagId=\"t\"/>"), "b.swidtag"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("b.swidtag:1:1: SoftwareIdentity has no name")));
  EXPECT_THAT(ParseSwidTag(absl::StrCat("<SoftwareIdentity xmlns=\"", k2015, "\" name=\"n\"/>"), "c.swidtag"),
              StatusIs(absl::StatusCode::kInvalidArgument, "c.swidtag:1:1: SoftwareIdentity has no tagId (required by 19770-2)"));
  EXPECT_THAT(ParseSwidTag("<s:software_identification_tag xmlns:s=\"http://standards.iso.org/iso/19770/-2/2009/schema.xsd\">\n"
                           "<s:software_id><s:unique_id>x</s:unique_id></s:software_id></s:software_identification_tag>",
                           "d.swidtag"),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "d.swidtag:1:1: software_identification_tag has no product_title (required by 19770-2)"));
}

TEST(SwidTagTest, RefusesAnUnknownNamespaceOrRootNamingTheNamespacesRead) {
  const auto unknown = ParseSwidTag(
      "<?xml version=\"1.0\"?>\n<SoftwareIdentity xmlns=\"http://standards.iso.org/iso/19770/-2/2016/schema.xsd\" name=\"n\" tagId=\"t\"/>",
      "future.swidtag");
  EXPECT_THAT(unknown, StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("future.swidtag:2:1: not a 19770-2 SWID tag")));
  EXPECT_THAT(unknown, StatusIs(absl::StatusCode::kInvalidArgument,
                                HasSubstr("http://standards.iso.org/iso/19770/-2/2014-DIS/schema.xsd")));
  EXPECT_THAT(unknown, StatusIs(absl::StatusCode::kInvalidArgument,
                                HasSubstr("found SoftwareIdentity in namespace http://standards.iso.org/iso/19770/-2/2016/schema.xsd")));
  EXPECT_THAT(ParseSwidTag("<SoftwareIdentity name=\"n\" tagId=\"t\"/>", "nons.swidtag"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("found SoftwareIdentity in no namespace")));
  EXPECT_THAT(ParseSwidTag("<REQUEST><CONTENT/></REQUEST>", "host.ocs"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("host.ocs:1:1: not a 19770-2 SWID tag")));
  // The element-based root in the SoftwareIdentity namespace is neither schema.
  EXPECT_THAT(ParseSwidTag(absl::StrCat("<software_identification_tag xmlns=\"", k2015, "\"/>"), "mixed.swidtag"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("not a 19770-2 SWID tag")));
}

TEST(SwidTagTest, RefusesADoctypeAndTruncatedOrEmptyInput) {
  EXPECT_THAT(ParseSwidTag(absl::StrCat("<?xml version=\"1.0\"?>\n<!DOCTYPE SoftwareIdentity [<!ENTITY x \"xx\">]>\n"
                                        "<SoftwareIdentity xmlns=\"", k2015, "\" name=\"&x;\" tagId=\"t\"/>"),
                           "dtd.swidtag"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("dtd.swidtag:2:")));
  const std::string whole = Fixture("microsoft-windows-10-pro.swidtag");
  ASSERT_GT(whole.size(), 1000u);
  EXPECT_THAT(ParseSwidTag(whole.substr(0, whole.size() / 2), "cut.swidtag"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("cut.swidtag:")));
  EXPECT_THAT(ParseSwidTag(whole.substr(0, whole.size() - 3), "cut.swidtag"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("not well-formed")));
  EXPECT_THAT(ParseSwidTag("", "empty.swidtag"), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("empty.swidtag:")));
}

}  // namespace
}  // namespace crosswalk::inventory
