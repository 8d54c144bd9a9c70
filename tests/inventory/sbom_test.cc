// CycloneDX and SPDX JSON SBOMs read as contained-software evidence (connectors/inventory/sbom.h),
// from hand-written samples in tests/fixtures/inventory/sbom/ shaped after the formats' schemas.
#include "connectors/inventory/sbom.h"

#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

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
  std::ifstream in(absl::StrCat(CROSSWALK_TEST_FIXTURES, "/inventory/sbom/", name), std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The fields every SBOM entry shares, and its own, as one line to compare.
std::string Summary(const DiscoveredSoftware& software) {
  EXPECT_EQ(software.from, "sbom");
  EXPECT_EQ(software.evidence, "contained");
  return absl::StrCat(software.name, " | ", software.version, " | ", software.publisher, " | ", software.tag_id, " @",
                      software.line);
}

// The device's id, name, last_seen and tool as one line to compare.
std::string DeviceSummary(const InventoryDevice& device) {
  return absl::StrCat(device.id, " | ", device.name, " | ", device.last_seen, " | ", device.tool);
}

struct BadInput {
  std::string json;
  std::string message;  // a part of the INVALID_ARGUMENT message, the file named "t.json"
};

void ExpectRefused(absl::StatusOr<InventoryDocument> (*parse)(absl::string_view, const std::string&),
                   const std::vector<BadInput>& inputs) {
  for (const BadInput& input : inputs) {
    SCOPED_TRACE(input.json.substr(0, 120));
    EXPECT_THAT(parse(input.json, "t.json"), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(input.message)));
  }
}

TEST(CycloneDxTest, WebApplication15WithToolsObjectNestedAndFileComponents) {
  const absl::StatusOr<InventoryDocument> read = ParseCycloneDx(Fixture("tsuki-shop.cdx.json"), "tsuki-shop.cdx.json");
  ASSERT_THAT(read, IsOk());
  const InventoryDocument& document = *read;
  EXPECT_EQ(document.format, "cyclonedx");
  EXPECT_EQ(DeviceSummary(document.device),
            "tsuki-shop@2.3.0 | tsuki-shop | 2024-05-14T09:12:45.118Z | "
            "@cyclonedx/cyclonedx-npm 1.19.0, @cyclonedx/cyclonedx-library 6.10.0");
  EXPECT_THAT(document.device.extra,
              ElementsAre(Pair("specVersion", "1.5"), Pair("serialNumber", "urn:uuid:6f1c2b7e-3d4a-4e8b-9c1d-2a5f7e9b0c31"),
                          Pair("version", "1"), Pair("metadata.component.type", "application"),
                          Pair("metadata.component.version", "2.3.0"),
                          Pair("metadata.component.purl", "pkg:npm/tsuki-shop@2.3.0")));
  ASSERT_EQ(document.software.size(), 5u);
  EXPECT_EQ(Summary(document.software[0]), "express | 4.19.2 | TJ Holowaychuk | pkg:npm/express@4.19.2 @36");
  EXPECT_THAT(document.software[0].extra,
              ElementsAre(Pair("type", "library"), Pair("bom-ref", "express@4.19.2"), Pair("licenses", "MIT"),
                          Pair("hashes", "1"), Pair("scope", "required")));
  EXPECT_EQ(Summary(document.software[1]), "runtime | 7.24.5 | Babel | pkg:npm/%40babel/runtime@7.24.5 @59");
  EXPECT_THAT(document.software[1].extra,
              ElementsAre(Pair("type", "library"), Pair("group", "@babel"), Pair("bom-ref", "@babel/runtime@7.24.5"),
                          Pair("licenses", "MIT OR Apache-2.0"), Pair("scope", "optional")));
  EXPECT_EQ(Summary(document.software[2]), "body-parser | 1.20.2 |  | pkg:npm/body-parser@1.20.2 @79");
  EXPECT_THAT(document.software[2].extra,
              ElementsAre(Pair("type", "library"), Pair("bom-ref", "body-parser@1.20.2"),
                          Pair("licenses", "MIT, Custom notice (see NOTICE.md)")));
  // Nested in body-parser: listed right after it.
  EXPECT_EQ(Summary(document.software[3]), "raw-body | 2.5.2 |  | pkg:npm/raw-body@2.5.2 @98");
  EXPECT_THAT(document.software[3].extra,
              ElementsAre(Pair("type", "library"), Pair("bom-ref", "body-parser@1.20.2|raw-body@2.5.2")));
  // An operating system is listed too, its type said; its CPE is its tag id (no purl).
  EXPECT_EQ(Summary(document.software[4]),
            "alpine | 3.19.1 | Alpine Linux | cpe:2.3:o:alpinelinux:alpine_linux:3.19.1:*:*:*:*:*:*:* @118");
  EXPECT_THAT(document.software[4].extra, ElementsAre(Pair("type", "operating-system"), Pair("bom-ref", "alpine@3.19.1")));
  EXPECT_THAT(document.notes, ElementsAre("1 file component not read"));
}

TEST(CycloneDxTest, DesktopApplication14WithToolsListSwidAndCpe) {
  const absl::StatusOr<InventoryDocument> read =
      ParseCycloneDx(Fixture("kaikei-desktop.cdx.json"), "kaikei-desktop.cdx.json");
  ASSERT_THAT(read, IsOk());
  const InventoryDocument& document = *read;
  // No bom-ref on the subject: the id is name@version.
  EXPECT_EQ(DeviceSummary(document.device),
            "Contoso 会計 Desktop@8.1.2 | Contoso 会計 Desktop | 2023-11-02T01:30:00Z | "
            "CycloneDX CycloneDX module for .NET 2.7.0");
  EXPECT_THAT(document.device.extra,
              ElementsAre(Pair("specVersion", "1.4"), Pair("serialNumber", "urn:uuid:0b6c9a52-7e1d-4f3a-8c2b-5d9e4a1f6c07"),
                          Pair("version", "3"), Pair("metadata.component.type", "application"),
                          Pair("metadata.component.version", "8.1.2")));
  ASSERT_EQ(document.software.size(), 3u);
  EXPECT_EQ(Summary(document.software[0]),
            "Newtonsoft.Json | 13.0.3 | James Newton-King | pkg:nuget/Newtonsoft.Json@13.0.3 @22");
  EXPECT_THAT(document.software[0].extra, ElementsAre(Pair("type", "library"),
                                                      Pair("bom-ref", "pkg:nuget/Newtonsoft.Json@13.0.3"),
                                                      Pair("licenses", "MIT")));
  EXPECT_EQ(Summary(document.software[1]),
            "Contoso Reporting Engine | 5.2 | Contoso Ltd. | contoso.com-ContosoReportingEngine-5.2 @35");
  EXPECT_THAT(document.software[1].extra, ElementsAre(Pair("type", "library")));
  EXPECT_EQ(Summary(document.software[2]),
            "Microsoft .NET Runtime | 6.0.25 | Microsoft Corporation | cpe:2.3:a:microsoft:.net:6.0.25:*:*:*:*:*:*:* @46");
  EXPECT_THAT(document.software[2].extra, ElementsAre(Pair("type", "framework")));
  EXPECT_THAT(document.notes, IsEmpty());
}

TEST(CycloneDxTest, OtherIdentifiersStayInExtraAndNoSubjectIsSaid) {
  const absl::StatusOr<InventoryDocument> read = ParseCycloneDx(R"({"bomFormat": "CycloneDX", "specVersion": "1.6",
 "components": [{"type": "library", "name": " zlib ", "version": "1.3.1",
   "authors": [{"name": "Jean-loup Gailly"}, {"name": "Mark Adler"}],
   "purl": "pkg:generic/zlib@1.3.1", "cpe": "cpe:2.3:a:zlib:zlib:1.3.1:*:*:*:*:*:*:*",
   "swid": {"tagId": "zlib.net-zlib-1.3.1", "name": "zlib"}}]})",
                                                                "sbom.json");
  ASSERT_THAT(read, IsOk());
  EXPECT_EQ(read->device.id, "");
  EXPECT_THAT(read->notes, ElementsAre("no metadata.component: the SBOM does not name its subject"));
  ASSERT_EQ(read->software.size(), 1u);
  EXPECT_EQ(Summary(read->software[0]), "zlib | 1.3.1 | Jean-loup Gailly, Mark Adler | pkg:generic/zlib@1.3.1 @2");
  EXPECT_THAT(read->software[0].extra,
              ElementsAre(Pair("type", "library"), Pair("cpe", "cpe:2.3:a:zlib:zlib:1.3.1:*:*:*:*:*:*:*"),
                          Pair("swid.tagId", "zlib.net-zlib-1.3.1")));
}

TEST(CycloneDxTest, RefusesWhatIsNotACycloneDxBom) {
  const std::string head = "{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.5\",\n";
  ExpectRefused(ParseCycloneDx,
                {{"{\n  \"bomFormat\": \"CycloneDX\",\n  oops\n}", "t.json:3:3: not JSON: syntax error"},
                 {"", "t.json:1:1: "},
                 {head + "\"name\": \"\xff\"}", "t.json:2:"},
                 {"[1, 2]", "t.json: expected a CycloneDX BOM"},
                 {Fixture("debian-12.spdx.json"), "t.json: member bomFormat: expected \"CycloneDX\""},
                 {R"({"bomFormat": "CycloneDX"})", "t.json: member specVersion: expected"},
                 {R"({"bomFormat": "CycloneDX", "specVersion": 1.5})", "t.json: member specVersion: expected a string"}});
}

TEST(CycloneDxTest, AComponentWithoutANameOrOfTheWrongShapeIsNamed) {
  const std::string head = "{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.5\",\n";
  ExpectRefused(
      ParseCycloneDx,
      {{Fixture("nameless-component.cdx.json"),
        "t.json:11:9: member components[0].components[0]: a component needs a name"},
       {head + "\"components\": [{\"name\": \"a\"},\n {\"name\": \"b\", \"version\": 2}]}",
        "t.json:3:2: member components[1].version: expected a string"},
       {head + "\"components\": {\"name\": \"a\"}}", "t.json: member components: expected a list"},
       {head + "\"components\": [\"express\"]}", "member components[0]: expected a component"},
       {head + "\"components\": [{\"name\": \"a\", \"licenses\": [{\"license\": \"MIT\"}]}]}",
        "member components[0].licenses[0].license: expected an object"},
       {head + "\"metadata\": {\"tools\": \"syft\"}}", "member metadata.tools: expected a list of tools"}});
}

TEST(CycloneDxTest, HugeNumbersAndDeepNesting) {
  using absl::StatusCode::kInvalidArgument;
  EXPECT_THAT(ParseCycloneDx(R"({"bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1e999})", "n.json"),
              StatusIs(kInvalidArgument, HasSubstr("n.json: number overflow parsing '1e999'")));
  EXPECT_THAT(ParseCycloneDx(R"({"bomFormat": "CycloneDX", "specVersion": "1.5",
                                 "version": 123456789012345678901234567890})",
                             "n.json"),
              IsOk());
  EXPECT_THAT(ParseCycloneDx(std::string(100000, '['), "deep.json"),
              StatusIs(kInvalidArgument, HasSubstr("deep.json:1:65: nesting deeper than 64 levels")));
  // Components nested in components: 31 levels fit in 64 levels of JSON, 40 do not.
  auto nested = [](int levels) {
    std::string bom = "{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.5\"";
    for (int i = 0; i < levels; ++i) bom += absl::StrCat(",\n\"components\": [{\"name\": \"c", i, "\"");
    for (int i = 0; i < levels; ++i) bom += "}]";
    return bom + "}";
  };
  const absl::StatusOr<InventoryDocument> deep = ParseCycloneDx(nested(31), "nested.json");
  ASSERT_THAT(deep, IsOk());
  ASSERT_EQ(deep->software.size(), 31u);
  EXPECT_EQ(Summary(deep->software[30]), "c30 |  |  |  @32");
  EXPECT_THAT(ParseCycloneDx(nested(40), "nested.json"),
              StatusIs(kInvalidArgument, HasSubstr("nested.json:33:16: nesting deeper than 64 levels")));
}

TEST(SpdxTest, DebianImageWithDescribesRelationship) {
  const absl::StatusOr<InventoryDocument> read = ParseSpdx(Fixture("debian-12.spdx.json"), "debian-12.spdx.json");
  ASSERT_THAT(read, IsOk());
  const InventoryDocument& document = *read;
  EXPECT_EQ(document.format, "spdx");
  EXPECT_EQ(DeviceSummary(document.device),
            "debian:12.5 | debian | 2024-05-20T06:45:12Z | Organization: Anchore, Inc, Tool: syft-1.4.1");
  EXPECT_THAT(document.device.extra,
              ElementsAre(Pair("spdxVersion", "SPDX-2.3"),
                          Pair("documentNamespace",
                               "https://anchore.com/syft/image/debian-12.5-3c5a1b2e-9f4d-4e7a-b8c6-1d2e3f4a5b6c"),
                          Pair("dataLicense", "CC0-1.0")));
  // The image itself (what the document DESCRIBES) is the subject, not contained software.
  ASSERT_EQ(document.software.size(), 3u);
  EXPECT_EQ(Summary(document.software[0]),
            "apt | 2.6.1 | Debian | pkg:deb/debian/apt@2.6.1?arch=amd64&distro=debian-12 @16");
  EXPECT_THAT(document.software[0].extra,
              ElementsAre(Pair("SPDXID", "SPDXRef-Package-deb-apt-5e0f2b8a1c9d3e47"),
                          Pair("licenseConcluded", "NOASSERTION"), Pair("licenseDeclared", "GPL-2.0-or-later"),
                          Pair("downloadLocation", "NOASSERTION"),
                          Pair("externalRefs.cpe23Type", "cpe:2.3:a:apt:apt:2.6.1:*:*:*:*:*:*:*"),
                          Pair("originator", "Person: APT Development Team (deity@lists.debian.org)")));
  // supplier NOASSERTION: the originator is the publisher.
  EXPECT_EQ(Summary(document.software[1]),
            "libc6 | 2.36-9+deb12u7 | GNU Libc Maintainers (debian-glibc@lists.debian.org) | "
            "pkg:deb/debian/libc6@2.36-9%2Bdeb12u7?arch=amd64&upstream=glibc&distro=debian-12 @41");
  EXPECT_THAT(document.software[1].extra,
              ElementsAre(Pair("SPDXID", "SPDXRef-Package-deb-libc6-9a7c4e1f0b2d6e38"),
                          Pair("licenseConcluded", "NOASSERTION"),
                          Pair("licenseDeclared", "GPL-2.0-only AND LGPL-2.1-or-later"),
                          Pair("downloadLocation", "NOASSERTION")));
  // No purl: the CPE is the tag id.
  EXPECT_EQ(Summary(document.software[2]),
            "tzdata | 2024a-0+deb12u1 | Debian | cpe:2.3:a:tzdata:tzdata:2024a-0\\+deb12u1:*:*:*:*:*:*:* @60");
  EXPECT_THAT(document.notes,
              ElementsAre("package \"debian\" (SPDXRef-DocumentRoot-Image-debian) is what the document describes: its "
                          "subject, not contained software",
                          "1 file not read"));
}

TEST(SpdxTest, DocumentDescribesAndDescribedByNameTheSubject) {
  const std::string packages = R"(,
  "packages": [{"SPDXID": "SPDXRef-Package-app", "name": "販売管理", "versionInfo": "3.0"},
               {"SPDXID": "SPDXRef-Package-lib", "name": "openssl", "supplier": "Person: OpenSSL Team"}]})";
  const absl::StatusOr<InventoryDocument> describes = ParseSpdx(
      R"({"spdxVersion": "SPDX-2.2", "documentNamespace": "https://example.co.jp/spdx/hanbai-3.0",
  "documentDescribes": ["SPDXRef-Package-app"])" + packages,
      "d.json");
  ASSERT_THAT(describes, IsOk());
  EXPECT_EQ(describes->device.id, "https://example.co.jp/spdx/hanbai-3.0");
  EXPECT_EQ(describes->device.name, "販売管理");
  ASSERT_EQ(describes->software.size(), 1u);
  EXPECT_EQ(Summary(describes->software[0]), "openssl |  | OpenSSL Team |  @4");

  const absl::StatusOr<InventoryDocument> described_by = ParseSpdx(
      R"({"spdxVersion": "SPDX-2.3", "SPDXID": "SPDXRef-DOCUMENT", "name": "hanbai",
  "relationships": [{"spdxElementId": "SPDXRef-Package-lib", "relationshipType": "DESCRIBED_BY",
                     "relatedSpdxElement": "SPDXRef-DOCUMENT"}])" + packages,
      "d.json");
  ASSERT_THAT(described_by, IsOk());
  EXPECT_EQ(described_by->device.name, "openssl");
  ASSERT_EQ(described_by->software.size(), 1u);
  EXPECT_EQ(described_by->software[0].name, "販売管理");
}

TEST(SpdxTest, RefusesWhatIsNotAnSpdx2Document) {
  const std::string head = "{\"spdxVersion\": \"SPDX-2.3\",\n";
  ExpectRefused(
      ParseSpdx,
      {{Fixture("truncated.spdx.json"), "t.json:9:1: "},
       {Fixture("tsuki-shop.cdx.json"), "t.json: member spdxVersion: expected an SPDX 2 version"},
       {R"({"spdxVersion": "SPDX-3.0"})", "t.json: member spdxVersion"},
       {"\"SPDX-2.3\"", "t.json: expected an SPDX"},
       {head + "\"packages\": [{\"SPDXID\": \"SPDXRef-a\"}]}", "t.json:2:14: member packages[0]: a package needs a name"},
       {head + "\"packages\": [{\"name\": \"a\", \"externalRefs\": {}}]}",
        "t.json:2:14: member packages[0].externalRefs: expected a list"},
       {head + "\"packages\": {}}", "t.json: member packages: expected a list"},
       {head + "\"creationInfo\": {\"creators\": [\"Tool: x\", 3]}}",
        "t.json: member creationInfo.creators[1]: expected a string"},
       {head + "\"relationships\": [[]]}", "t.json: member relationships[0]: expected a relationship"},
       {std::string(70, '{'), "t.json:1:65: nesting deeper than 64 levels"}});
}

}  // namespace
}  // namespace crosswalk::inventory
