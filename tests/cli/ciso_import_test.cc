// `crosswalk import` of CISO Assistant libraries through the real binary, on fixtures with the
// shapes of that project's published files (tests/fixtures/ciso-assistant/README.md) and on
// malformed YAML generated here (issue 15, "Interop on real files").

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gateway/core/unicode.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/cli/run_process.h"

namespace crosswalk {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using testing_process::ProcessResult;
using testing_process::NonEmptyLines;
using testing_process::RunProcess;

const std::string kCiso = std::string(CROSSWALK_TEST_FIXTURES) + "/ciso-assistant/";
const std::string kFramework = kCiso + "framework-itil4.yaml";
const std::string kMapping = kCiso + "mapping-iso27001-2022-to-itil4.yaml";
const std::string kRecyf = kCiso + "mapping-recyf-and-iso27001-2022.yaml";

ProcessResult Crosswalk(std::vector<std::string> args) {
  args.insert(args.begin(), CROSSWALK_BINARY);
  return RunProcess(args);
}

std::string Write(const std::string& name, const std::string& text) {
  const std::string path = ::testing::TempDir() + "/" + name;
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
  return path;
}

constexpr char kNote[] = "Imported from CISO Assistant (community mapping, not a published table)";

TEST(CisoImportTest, DefectsAreListedAndNothingIsWrittenWithoutSkipInvalid) {
  const std::string out = ::testing::TempDir() + "/ciso-never-written.csv";
  std::filesystem::remove(out);
  ProcessResult r = Crosswalk({"import", kFramework, kMapping, "--out", out});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_FALSE(std::filesystem::exists(out));
  EXPECT_THAT(r.err, HasSubstr(kMapping + ":20:33: target_requirement_urn "
                               "'urn:intuitem:risk:req_node:itil4:change-enablement' is not a node "
                               "of framework urn:intuitem:risk:framework:itil4 (nearest node: "
                               "change-control)"));
  EXPECT_THAT(r.err, HasSubstr(kMapping + ":32:35: strength_of_relationship 50 is not a whole "
                               "number from 0 to 10"));
  EXPECT_THAT(r.err, HasSubstr(kMapping + ":40:35: strength_of_relationship 90 is not a whole "
                               "number from 0 to 10"));
  EXPECT_THAT(r.err, HasSubstr("3 problem(s) in"));
  // The node's ref_id (ITIL4-GEN-12) is not what crosswalk calls the practice: no false errors.
  EXPECT_THAT(r.err, Not(HasSubstr("ITIL4-GEN-12'")));
  EXPECT_THAT(r.err, Not(HasSubstr("unknown ref")));
  // Free-text rationales are notes, not problems.
  EXPECT_THAT(r.err, HasSubstr("note: " + kMapping + ":36:20: rationale 'Correspondance partielle"));
}

TEST(CisoImportTest, SkipInvalidImportsTheValidRowsWithCrosswalkRefs) {
  ProcessResult r = Crosswalk({"import", kFramework, kMapping, "--skip-invalid"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("3 problem(s) in"));
  EXPECT_THAT(r.err, HasSubstr("3 row(s) skipped, 3 imported"));
  EXPECT_THAT(r.err, HasSubstr(kMapping + ":32:35: strength_of_relationship 50"));
  const std::string source = "CISO Assistant mapping-iso27001-2022-to-itil4 (test)";
  EXPECT_THAT(
      NonEmptyLines(r.out),
      ElementsAre(
          "from,to,from_ref,to_ref,relationship,rationale,strength,basis,confidence,source,"
          "source_line,note",
          // URN slug strategy-management (ref_id ITIL4-GEN-12), French free-text rationale kept.
          absl::StrCat("iso27001:2022,itil:4,4.1,strategy-management,intersects-with,,,derived,"
                       "medium,", source, ",,\"", kNote, ". Rationale as given: Comprendre "
                       "l'organisation est un intrant clé pour formuler la stratégie (ITIL4-GEN-12).\""),
          // Slug information-security: an alias of crosswalk's information-security-management.
          absl::StrCat("iso27001:2022,itil:4,A.5.7,information-security-management,intersects-with,"
                       "semantic,6,derived,medium,", source, ",,\"", kNote,
                       ": Threat intelligence feeds information security management.\""),
          // `\_` in a double-quoted scalar is U+00A0 as UTF-8 (C2 A0), not a raw A0 byte.
          absl::StrCat("iso27001:2022,itil:4,A.5.7,change-enablement,intersects-with,,,derived,"
                       "medium,", source, ",,\"", kNote, ". Rationale as given: Correspondance "
                       "partielle\xC2\xA0: la veille alimente l'évaluation des changements\"")));
  EXPECT_TRUE(IsValidUtf8(r.out));
  EXPECT_TRUE(IsValidUtf8(r.err));
}

TEST(CisoImportTest, CleanFilesImportWhole) {
  ProcessResult r = Crosswalk({"import", kCiso + "mapping-clean.yaml"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.err.empty()) << r.err;
  const std::string source = "CISO Assistant mapping-clean (test)";
  EXPECT_THAT(NonEmptyLines(r.out),
              ElementsAre("from,to,from_ref,to_ref,relationship,rationale,strength,basis,confidence,"
                          "source,source_line,note",
                          absl::StrCat("iso27001:2013,iso27001:2022,A.12.6.1,A.8.8,subset-of,semantic,"
                                       "8,derived,medium,", source, ",,\"", kNote, ".\""),
                          absl::StrCat("iso27001:2013,iso27001:2022,A.16.1.1,A.5.24,equal,,,derived,"
                                       "medium,", source, ",,\"", kNote, ".\"")));
  ProcessResult not_yaml = Crosswalk({"import", kCiso + "README.md"});
  EXPECT_EQ(not_yaml.exit_code, 2);
  ProcessResult preset = Crosswalk({"--server", "127.0.0.1:1", "import", "--preset", "x", "--skip-invalid", kMapping});
  EXPECT_EQ(preset.exit_code, 2);
  EXPECT_THAT(preset.err, HasSubstr("--skip-invalid is for mapping files"));
}

TEST(CisoImportTest, EscapedNoBreakSpaceIsUtf8InTheCatalog) {
  ProcessResult r = Crosswalk({"import", kFramework});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(IsValidUtf8(r.out));
  EXPECT_THAT(NonEmptyLines(r.out),
              Contains("ITIL4-GEN-03,ITIL4-GEN,control,Gestion de la sécurité de l’information "
                       "(ISO\xC2\xA0" "27001),,,CISO Assistant framework "
                       "urn:intuitem:risk:framework:itil4,,"));
  // A node without name or ref_id is still a node: its slug names it.
  EXPECT_THAT(NonEmptyLines(r.out), Contains("root,,clause,root,,,CISO Assistant framework "
                                     "urn:intuitem:risk:framework:itil4,,"));
}

TEST(CisoImportTest, ASetWhoseFrameworkIsNoCatalogStillHasEveryRowChecked) {
  ProcessResult r = Crosswalk({"import", kRecyf, "--skip-invalid"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_THAT(r.err, HasSubstr(kRecyf + ":10:27: framework urn:intuitem:risk:framework:recyf is "
                               "not a crosswalk catalog"));
  for (const char* defect :
       {":16:33: strength_of_relationship 90 is not a whole number from 0 to 10",
        ":20:33: strength_of_relationship 50 is not a whole number from 0 to 10",
        ":22:31: target_requirement_urn 'urn:intuitem:risk:req_node:iso27001-2022:a.99.1': "
        "unknown ref 'a.99.1' in iso27001:2022",
        ":27:21: relationship 'equivalent' is not one of",
        ":28:33: strength_of_relationship 90"}) {
    EXPECT_THAT(r.err, HasSubstr(kRecyf + defect));
  }
  EXPECT_THAT(r.err, HasSubstr("6 problem(s) in"));
  EXPECT_THAT(r.err, HasSubstr("no valid row, nothing was written"));
}

TEST(CisoImportTest, ManyProblemsAreCappedWithACount) {
  std::string yaml =
      "objects:\n  requirement_mapping_set:\n"
      "    source_framework_urn: urn:intuitem:risk:framework:recyf\n"
      "    target_framework_urn: urn:intuitem:risk:framework:iso27001-2022\n"
      "    requirement_mappings:\n";
  for (int i = 0; i < 150; ++i) {
    absl::StrAppend(&yaml, "    - source_requirement_urn: urn:intuitem:risk:req_node:recyf:", i,
                    "\n      target_requirement_urn: urn:intuitem:risk:req_node:iso27001-2022:a.5.9"
                    "\n      relationship: intersect\n      strength_of_relationship: 90\n");
  }
  const std::string file = Write("many.yaml", yaml);
  ProcessResult r = Crosswalk({"import", file});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr("… 51 more problem(s) not shown"));
  EXPECT_THAT(r.err, HasSubstr("151 problem(s) in"));
  EXPECT_EQ(NonEmptyLines(r.err).size(), 102u);
}

TEST(CisoImportTest, NoYamlShapeAborts) {
  struct Case {
    const char* name;
    std::string yaml;
    std::string error;  // after "<file>"
  };
  const std::string set =
      "objects:\n  requirement_mapping_set:\n"
      "    source_framework_urn: urn:intuitem:risk:framework:iso27001-2022\n"
      "    target_framework_urn: urn:intuitem:risk:framework:itil4\n";
  const std::string row =
      set + "    requirement_mappings:\n"
            "    - source_requirement_urn: urn:intuitem:risk:req_node:iso27001-2022:a.5.7\n"
            "      target_requirement_urn: urn:intuitem:risk:req_node:itil4:change-control\n";
  const std::string framework =
      "objects:\n  framework:\n    urn: urn:intuitem:risk:framework:itil4\n";
  const std::vector<Case> cases = {
      {"a scalar document", "hello", ":1:1: expected a CISO Assistant library (a map with "
                                     "'objects'), found a single value"},
      {"a list document", "- a\n- b\n", ":1:1: expected a CISO Assistant library"},
      {"an empty document", "", ": expected a CISO Assistant library (a map with 'objects'), found null"},
      {"objects a scalar", "objects: x\n", ":1:10: 'objects' must be a map, found a single value"},
      {"objects a list", "objects: [1, 2]\n", ":1:10: 'objects' must be a map, found a list"},
      {"framework a scalar", "objects:\n  framework: x\n", ":2:14: a framework must be a map"},
      {"framework urn a list", "objects:\n  framework:\n    urn: [a]\n",
       ":3:10: 'urn' must be a single value, found a list"},
      {"requirement_nodes a scalar", framework + "    requirement_nodes: x\n",
       ":4:24: framework without a requirement_nodes list (found a single value)"},
      {"a node a scalar", framework + "    requirement_nodes: [x]\n",
       ":4:25: a requirement node must be a map, found a single value"},
      {"a node's urn a map", framework + "    requirement_nodes:\n    - urn: {a: b}\n",
       ":5:12: 'urn' must be a single value, found a map"},
      {"a node without urn", framework + "    requirement_nodes:\n    - name: x\n",
       ":5:7: requirement node without a urn"},
      {"requirement_mapping_sets a scalar", "objects:\n  requirement_mapping_sets: x\n",
       ":2:29: 'requirement_mapping_sets' must be a list of mapping sets, found a single value"},
      {"a mapping set a scalar", "objects:\n  requirement_mapping_sets: [x]\n",
       ":2:30: a requirement mapping set must be a map, found a single value"},
      {"a set's framework urn a list",
       "objects:\n  requirement_mapping_set:\n    source_framework_urn: [a]\n",
       ":3:27: 'source_framework_urn' must be a single value, found a list"},
      {"a set without framework urns", "objects:\n  requirement_mapping_set: {a: b}\n",
       ":2:28: mapping set without a source_framework_urn"},
      {"requirement_mappings a scalar", set + "    requirement_mappings: x\n",
       ":5:27: mapping set without a requirement_mappings list (found a single value)"},
      {"a mapping a scalar", set + "    requirement_mappings: [x]\n",
       ":5:28: a requirement mapping must be a map, found a single value"},
      {"a mapping null", set + "    requirement_mappings:\n    - \n",
       ":7:1: a requirement mapping must be a map, found null"},  // where yaml-cpp puts a null
      {"a mapping a list", set + "    requirement_mappings:\n    - [a, b]\n",
       ":6:7: a requirement mapping must be a map, found a list"},
      {"strength a map", row + "      relationship: equal\n      strength_of_relationship: {a: 1}\n",
       ":9:33: 'strength_of_relationship' must be a single value, found a map"},
      {"relationship a list", row + "      relationship: [equal]\n",
       ":8:21: 'relationship' must be a single value, found a list"},
      {"terminal escapes in a value", row + "      relationship: \"\\e[2J\\e]0;pwned\\a\"\n",
       ":8:21: relationship '\\x1b[2J\\x1b]0;pwned\\x07' is not one of"},
      {"source urn null",
       set + "    requirement_mappings:\n    - source_requirement_urn: null\n"
             "      target_requirement_urn: urn:intuitem:risk:req_node:itil4:change-control\n"
             "      relationship: equal\n",
       ":6:31: missing source_requirement_urn"},
      {"not YAML", "objects: [\n", ":2:1: not valid YAML"},
      {"not UTF-8", "objects:\n  framework: \"caf\xe9\"\n", ":2:18: not valid UTF-8 (byte 0xE9)"},
      {"an alias of its own parent", "objects: &o\n  requirement_mapping_set: *o\n",
       ":1:10: mapping set without a source_framework_urn"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const std::string file = Write("shape.yaml", c.yaml);
    ProcessResult r = Crosswalk({"import", file});
    EXPECT_EQ(r.exit_code, 1) << r.err;  // never -1 (killed by SIGABRT)
    EXPECT_THAT(r.err, HasSubstr(file + c.error));
    EXPECT_TRUE(r.out.empty());
    EXPECT_EQ(r.err.find('\x1b'), std::string::npos);
  }
}

}  // namespace
}  // namespace crosswalk
