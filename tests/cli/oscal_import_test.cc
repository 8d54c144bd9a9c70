// `crosswalk import` of OSCAL mapping-collections through the real binary: every shape checked,
// third-party provenance kept honest, every shape the OSCAL 1.2.1 mapping model allows accepted
// (issue 15, "Interop on real files").

#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/cli/run_process.h"

namespace crosswalk {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing_process::ProcessResult;
using testing_process::NonEmptyLines;
using testing_process::RunProcess;

ProcessResult Import(const std::string& json, std::vector<std::string> flags = {}) {
  const std::string path = ::testing::TempDir() + "/third-party.json";
  std::ofstream(path, std::ios::binary | std::ios::trunc) << json;
  std::vector<std::string> args = {CROSSWALK_BINARY, "import", path};
  args.insert(args.end(), flags.begin(), flags.end());
  return RunProcess(args);
}

// A third-party document in the 1.2.1 shape ($MAPS replaced), as BSI and others publish them:
// no crosswalk props, metadata with title and version, mapping-level flags.
std::string Document(const std::string& maps) {
  return absl::StrReplaceAll(R"({"mapping-collection": {
  "uuid": "11111111-1111-4111-8111-111111111111",
  "metadata": {"title": "Third-party 27001:2013 to 2022", "last-modified": "2026-01-01T00:00:00Z",
               "version": "2.5", "oscal-version": "1.2.1"},
  "provenance": {"method": "hybrid", "matching-rationale": "semantic", "status": "complete",
                 "mapping-description": "Published by a third party."},
  "mappings": [{
    "uuid": "22222222-2222-4222-8222-222222222222",
    "method": "human", "matching-rationale": "functional", "status": "draft",
    "source-resource": {"type": "catalog", "href": "urn:crosswalk:catalog:iso27001:2013"},
    "target-resource": {"type": "catalog", "href": "urn:crosswalk:catalog:iso27001:2022"},
    "mapping-description": "Annex A.",
    "confidence-score": {"category": "medium"}, "coverage": 0.5,
    "maps": $MAPS
  }]
}})", {{"$MAPS", maps}});
}

constexpr char kHeader[] =
    "from,to,from_ref,to_ref,relationship,rationale,strength,basis,confidence,source,source_line,note";

TEST(OscalImportTest, ThirdPartyRowsAreDerivedAndNamedFromTheMetadata) {
  ProcessResult r = Import(Document(R"([
      {"uuid": "33333333-3333-4333-8333-333333333333", "relationship": "equivalent-to",
       "sources": [{"type": "control", "id-ref": "A.12.6.1"}],
       "targets": [{"type": "statement", "id-ref": "A.8.8"}],
       "confidence-score": {"category": "unspecified"}, "coverage": 0.9,
       "qualifiers": [{"subject": "target", "predicate": "has-requirement", "category": "addressable",
                       "description": "Only for technical vulnerabilities."}],
       "links": [{"href": "https://example.org", "rel": "reference"}],
       "props": [{"name": "reviewed", "value": "yes"}]},
      {"uuid": "44444444-4444-4444-8444-444444444444", "relationship": "subset-of",
       "matching-rationale": "syntactic",
       "sources": [{"type": "control", "id-ref": "A.16.1.1"}],
       "targets": [{"type": "control", "id-ref": "A.5.24"}],
       "confidence-score": {"percentage": 0.85}}])"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(NonEmptyLines(r.out),
              ElementsAre(kHeader,
                          "iso27001:2013,iso27001:2022,A.12.6.1,A.8.8,equivalent,functional,,"
                          "derived,low,OSCAL Third-party 27001:2013 to 2022 (version 2.5),,"
                          "OSCAL confidence unspecified / OSCAL target coverage 0.9",
                          "iso27001:2013,iso27001:2022,A.16.1.1,A.5.24,subset-of,syntactic,,derived,"
                          "high,OSCAL Third-party 27001:2013 to 2022 (version 2.5),,"
                          "OSCAL confidence 0.85"));
}

TEST(OscalImportTest, EveryShapeErrorNamesItsPointerAndExpectedType) {
  struct Case {
    const char* name;
    std::string json;
    std::string error;  // after "<file>: "
  };
  const std::string map_start =
      R"({"uuid": "33333333-3333-4333-8333-333333333333", "relationship": "equal-to", )";
  const std::vector<Case> cases = {
      {"maps a string", Document(R"("x")"),
       "/mapping-collection/mappings/0/maps: expected an array, found a string"},
      {"maps empty", Document("[]"),
       "/mapping-collection/mappings/0/maps: expected at least one map"},
      {"a map a number", Document("[7]"),
       "/mapping-collection/mappings/0/maps/0: expected an object, found a number"},
      {"sources an object", Document("[" + map_start + R"("sources": {}, "targets": []}])"),
       "/mapping-collection/mappings/0/maps/0/sources: expected an array, found an object"},
      {"a source a string", Document("[" + map_start + R"("sources": ["A.5.1"], "targets": []}])"),
       "/mapping-collection/mappings/0/maps/0/sources/0: expected an object, found a string"},
      {"id-ref a number",
       Document("[" + map_start + R"("sources": [{"type": "control", "id-ref": 5}], "targets": []}])"),
       "/mapping-collection/mappings/0/maps/0/sources/0/id-ref: expected a string, found a number"},
      {"confidence-score a string",
       Document("[" + map_start + R"("confidence-score": "high", "sources": [], "targets": []}])"),
       "/mapping-collection/mappings/0/maps/0/confidence-score: expected an object, found a string"},
      {"percentage above 1",
       Document("[" + map_start + R"("confidence-score": {"percentage": 60}, "sources": [], "targets": []}])"),
       "/mapping-collection/mappings/0/maps/0/confidence-score/percentage: expected a number from 0 to 1"},
      {"coverage a string",
       Document("[" + map_start + R"("coverage": "most", "sources": [], "targets": []}])"),
       "/mapping-collection/mappings/0/maps/0/coverage: expected a number, found a string"},
      {"props an object",
       Document("[" + map_start + R"("props": {"name": "x"}, "sources": [], "targets": []}])"),
       "/mapping-collection/mappings/0/maps/0/props: expected an array, found an object"},
      {"remarks a number", Document("[" + map_start + R"("remarks": 1, "sources": [], "targets": []}])"),
       "/mapping-collection/mappings/0/maps/0/remarks: expected a string, found a number"},
      {"mappings an object", R"({"mapping-collection": {"metadata": {"title": "t", "version": "1"},
          "provenance": {"method": "human", "matching-rationale": "semantic", "status": "draft",
                         "mapping-description": "d"}, "mappings": {}}})",
       "/mapping-collection/mappings: expected an array, found an object"},
      {"a mapping a string", R"({"mapping-collection": {"metadata": {"title": "t", "version": "1"},
          "provenance": {"method": "human", "matching-rationale": "semantic", "status": "draft",
                         "mapping-description": "d"}, "mappings": ["x"]}})",
       "/mapping-collection/mappings/0: expected an object, found a string"},
      {"mapping-collection an array", R"({"mapping-collection": []})",
       "/mapping-collection: expected an object, found an array"},
      {"no mappings at all", R"({"mapping-collection": {"metadata": {"title": "t", "version": "1"},
          "provenance": {"method": "human", "matching-rationale": "semantic", "status": "draft",
                         "mapping-description": "d"}, "mappings": []}})",
       "/mapping-collection/mappings: no map was read"},
      {"a crosswalk prop's ns a number (nlohmann's value() used to throw)",
       R"({"mapping-collection": {"metadata": {"title": "t", "version": "1"},
          "provenance": {"method": "human", "matching-rationale": "semantic", "status": "draft",
                         "mapping-description": "d"}, "mappings": [{
          "source-resource": {"type": "catalog", "href": "urn:crosswalk:catalog:iso27001:2013"},
          "target-resource": {"type": "catalog", "href": "urn:crosswalk:catalog:iso27001:2022"},
          "props": [{"name": "no-counterpart", "ns": 7, "value": "A.5.1", "group": "no-counterpart-1"}],
          "maps": [{"uuid": "33333333-3333-4333-8333-333333333333", "relationship": "same",
                    "sources": [{"type": "control", "id-ref": "A.5.1"}],
                    "targets": [{"type": "control", "id-ref": "A.5.1"}]}]}]}})",
       "/mapping-collection/mappings/0/maps/0/relationship: 'same' is not one of"},
      {"a document of another model", R"({"catalog": {}})", "/: missing required 'mapping-collection'"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    ProcessResult r = Import(c.json);
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_THAT(r.err, HasSubstr("third-party.json: " + c.error));
    EXPECT_TRUE(r.out.empty());
  }
}

TEST(OscalImportTest, SkipInvalidImportsTheGoodMapsOnly) {
  const std::string json = Document(R"([
      {"uuid": "33333333-3333-4333-8333-333333333333", "relationship": "equal-to",
       "sources": [{"type": "control", "id-ref": "A.12.6.1"}],
       "targets": [{"type": "control", "id-ref": "A.8.8"}]},
      {"uuid": "44444444-4444-4444-8444-444444444444", "relationship": "overlaps",
       "sources": [{"type": "control", "id-ref": "A.16.1.1"}],
       "targets": [{"type": "control", "id-ref": "A.5.24"}]}])");
  ProcessResult strict = Import(json);
  EXPECT_EQ(strict.exit_code, 1);
  EXPECT_TRUE(strict.out.empty());
  ProcessResult r = Import(json, {"--skip-invalid"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("/mapping-collection/mappings/0/maps/1/relationship: 'overlaps'"));
  EXPECT_THAT(r.err, HasSubstr("1 row(s) skipped, 1 imported"));
  EXPECT_EQ(NonEmptyLines(r.out).size(), 2u);
  // A document problem (here the provenance) is never skipped.
  ProcessResult broken = Import(absl::StrReplaceAll(json, {{R"("status": "complete")", R"("status": "done")"}}),
                                {"--skip-invalid"});
  EXPECT_EQ(broken.exit_code, 1);
  EXPECT_THAT(broken.err, HasSubstr("/mapping-collection/provenance/status: 'done' is not one of"));
  EXPECT_TRUE(broken.out.empty());
}

}  // namespace
}  // namespace crosswalk
