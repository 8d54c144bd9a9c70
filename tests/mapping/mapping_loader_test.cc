#include "gateway/mapping/mapping_loader.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "gateway/core/unicode.h"
#include "tests/status_matchers.h"
#include "tests/mapping/test_data.h"

namespace crosswalk::mapping {
namespace {

using ::testing::HasSubstr;

TEST(MappingLoaderTest, MiniDataSetIsClean) {
  LoadResult result = LoadMappings(testing_data::MiniMappings());
  for (const Diagnostic& d : result.diagnostics) ADD_FAILURE() << d.ToString();
  ASSERT_EQ(result.data.catalogs.size(), 2u);
  EXPECT_EQ(result.data.catalogs[0].items.size(), 10u);
  EXPECT_EQ(result.data.crosswalks.size(), 6u);
  EXPECT_EQ(result.data.terms.size(), 4u);
  EXPECT_EQ(result.data.annotations.size(), 2u);
  EXPECT_EQ(result.data.topics.size(), 2u);
  const CrosswalkRow& row = result.data.crosswalks[2];
  EXPECT_EQ(row.from_ref, "A.10.3.1");
  EXPECT_EQ(row.strength, 7);
  EXPECT_EQ(row.origin.file, "crosswalks/fixture.csv");
  EXPECT_EQ(row.origin.line, 4);
  EXPECT_EQ(row.source_line, 14);
}

TEST(MappingLoaderTest, MissingDirectoryIsADiagnostic) {
  LoadResult result = LoadMappings("/nonexistent/mappings");
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_THAT(result.diagnostics[0].ToString(), HasSubstr("is not a directory"));
}

// One planted defect. The expected column is worked out from the planted line itself: one more
// than the code points before field number `field` (0-based) of an unquoted CSV line.
struct PlantedCase {
  std::string name;
  std::string file;
  bool append;       // append `text` as a new last line; otherwise replace the whole file
  std::string text;
  int line;          // expected line of the diagnostic
  int field;         // field index whose column is expected; -1: column as given in `column`
  int column;        // used when field < 0
  std::string message;
};

int ColumnOfField(const std::string& line_text, int field) {
  size_t pos = 0;
  for (int i = 0; i < field; ++i) pos = line_text.find(',', pos) + 1;
  return CodePointCount(line_text.substr(0, pos)) + 1;
}

std::string LastLine(const std::string& text) {
  std::string trimmed = text;
  while (!trimmed.empty() && trimmed.back() == '\n') trimmed.pop_back();
  return trimmed.substr(trimmed.rfind('\n') == std::string::npos ? 0 : trimmed.rfind('\n') + 1);
}

void PrintTo(const PlantedCase& c, std::ostream* os) { *os << c.name; }

class PlantedDefectTest : public testing::TestWithParam<PlantedCase> {};

TEST_P(PlantedDefectTest, ReportsFileLineColumnAndKeepsOtherRows) {
  const PlantedCase& c = GetParam();
  const std::string root = testing_data::CopyOfMiniMappings();
  if (c.append) {
    testing_data::AppendLine(root, c.file, c.text);
  } else {
    testing_data::WriteFile(root, c.file, c.text);
  }
  LoadResult result = LoadMappings(root);
  const int column = c.field >= 0 ? ColumnOfField(c.append ? c.text : LastLine(c.text), c.field)
                                  : c.column;
  std::string expected = c.file;
  if (c.line > 0) expected += ":" + std::to_string(c.line);
  if (c.line > 0 && column > 0) expected += ":" + std::to_string(column);
  expected += ": ";
  ASSERT_EQ(result.diagnostics.size(), 1u) << [&] {
    std::string all;
    for (const Diagnostic& d : result.diagnostics) all += d.ToString() + "\n";
    return all;
  }();
  const std::string text = result.diagnostics[0].ToString();
  EXPECT_THAT(text, testing::StartsWith(expected));
  EXPECT_THAT(text, HasSubstr(c.message));
  // Nothing half-stored: an appended defective row is left out, the good rows stay.
  if (c.append && c.file == "crosswalks/fixture.csv") {
    EXPECT_EQ(result.data.crosswalks.size(), 6u);
  }
  if (c.append && c.file == "catalogs/std-b.csv") {
    ASSERT_EQ(result.data.catalogs.size(), 2u);
    EXPECT_EQ(result.data.catalogs[1].items.size(), 7u);
  }
}

constexpr char kSeedRow[] = ",seed,high,JIP-ITSMS112-2.1 Table 5-1,10,";

INSTANTIATE_TEST_SUITE_P(
    Crosswalks, PlantedDefectTest,
    testing::Values(
        PlantedCase{"unknown_catalog", "crosswalks/fixture.csv", true,
                    std::string("std-x:2005,std-b:2011,A.6.2,6.1,intersects-with,functional,") +
                        kSeedRow,
                    8, 0, 0, "field 'from': unknown catalog 'std-x:2005'"},
        PlantedCase{"alias_instead_of_id", "crosswalks/fixture.csv", true,
                    std::string("std-a:2005,jis-b:2012,A.6.2,6.1,intersects-with,functional,") +
                        kSeedRow,
                    8, 1, 0, "write the catalog id 'std-b:2011', not its alias"},
        PlantedCase{"unknown_ref", "crosswalks/fixture.csv", true,
                    std::string("std-a:2005,std-b:2011,A.6.9,6.1,intersects-with,functional,") +
                        kSeedRow,
                    8, 2, 0, "field 'from_ref': unknown ref 'A.6.9' in catalog std-a:2005"},
        PlantedCase{"unknown_to_ref", "crosswalks/fixture.csv", true,
                    std::string("std-a:2005,std-b:2011,A.6.2,9.9,intersects-with,functional,") +
                        kSeedRow,
                    8, 3, 0, "field 'to_ref': unknown ref '9.9' in catalog std-b:2011"},
        PlantedCase{"duplicate_row", "crosswalks/fixture.csv", true,
                    "std-a:2005,std-b:2011,A.6.2,6.1,equivalent,semantic,,seed,medium,"
                    "JIP-ITSMS112-2.1 Table 5-1,11,",
                    8, 2, 0, "duplicate row: same from, to, from_ref, to_ref and source as "
                             "crosswalks/fixture.csv:2"},
        PlantedCase{"relationship_outside_vocabulary", "crosswalks/fixture.csv", true,
                    std::string("std-a:2005,std-b:2011,A.6.2.1,6.6,overlaps,functional,") +
                        kSeedRow,
                    8, 4, 0, "'overlaps' is not one of: equal, equivalent, subset-of"},
        PlantedCase{"rationale_outside_vocabulary", "crosswalks/fixture.csv", true,
                    std::string("std-a:2005,std-b:2011,A.6.2.1,6.6,intersects-with,vibes,") +
                        kSeedRow,
                    8, 5, 0, "field 'rationale': 'vibes' is not one of"},
        PlantedCase{"strength_above_10", "crosswalks/fixture.csv", true,
                    "std-a:2005,std-b:2011,A.6.2.1,6.6,intersects-with,functional,11,seed,high,"
                    "JIP-ITSMS112-2.1 Table 5-1,10,",
                    8, 6, 0, "field 'strength': '11' is not a whole number from 0 to 10"},
        PlantedCase{"strength_negative", "crosswalks/fixture.csv", true,
                    "std-a:2005,std-b:2011,A.6.2.1,6.6,intersects-with,functional,-1,seed,high,"
                    "JIP-ITSMS112-2.1 Table 5-1,10,",
                    8, 6, 0, "field 'strength': '-1' is not a whole number"},
        PlantedCase{"basis_outside_vocabulary", "crosswalks/fixture.csv", true,
                    "std-a:2005,std-b:2011,A.6.2.1,6.6,intersects-with,functional,,guess,high,"
                    "somewhere,,",
                    8, 7, 0, "field 'basis': 'guess' is not one of: seed, published, derived"},
        PlantedCase{"basis_organisation_in_a_data_file", "crosswalks/fixture.csv", true,
                    "std-a:2005,std-b:2011,A.6.2.1,6.6,intersects-with,functional,,organisation,high,"
                    "somewhere,,",
                    8, 7, 0, "field 'basis': 'organisation' is the basis of the organisation's own decisions"},
        PlantedCase{"confidence_outside_vocabulary", "crosswalks/fixture.csv", true,
                    "std-a:2005,std-b:2011,A.6.2.1,6.6,intersects-with,functional,,derived,sure,"
                    "somewhere,,",
                    8, 8, 0, "field 'confidence': 'sure' is not one of: high, medium, low"},
        PlantedCase{"missing_source", "crosswalks/fixture.csv", true,
                    "std-a:2005,std-b:2011,A.6.2.1,6.6,intersects-with,functional,,derived,low,,,",
                    8, 9, 0, "field 'source': a value is required"},
        PlantedCase{"seed_label_not_in_contract", "crosswalks/fixture.csv", true,
                    "std-a:2005,std-b:2011,A.6.2.1,6.6,intersects-with,functional,,seed,high,"
                    "JIP-ITSMS112-2.1 Table 9-9,10,",
                    8, 9, 0, "is not a seed source label"},
        PlantedCase{"seed_row_without_line", "crosswalks/fixture.csv", true,
                    "std-a:2005,std-b:2011,A.6.2.1,6.6,intersects-with,functional,,seed,high,"
                    "JIP-ITSMS112-2.1 Table 5-1,,",
                    8, 10, 0, "field 'source_line': a seed row needs the seed line"},
        PlantedCase{"source_line_not_a_number", "crosswalks/fixture.csv", true,
                    "std-a:2005,std-b:2011,A.6.2.1,6.6,intersects-with,functional,,seed,high,"
                    "JIP-ITSMS112-2.1 Table 5-1,p.12,",
                    8, 10, 0, "'p.12' is not a line number"},
        PlantedCase{"no_counterpart_needs_no_relationship", "crosswalks/fixture.csv", true,
                    std::string("std-a:2005,std-b:2011,A.6.2.1,,intersects-with,functional,") +
                        kSeedRow,
                    8, 3, 0, "empty to_ref states 'no counterpart'"},
        PlantedCase{"wrong_field_count", "crosswalks/fixture.csv", true,
                    "std-a:2005,std-b:2011,A.6.2.1,6.6,intersects-with", 8, -1, 1,
                    "row has 5 fields, the header has 12"},
        PlantedCase{"unclosed_quote", "crosswalks/fixture.csv", true,
                    "std-a:2005,std-b:2011,\"A.6.2.1,6.6", 8, -1, 23, "quoted field is never closed"},
        PlantedCase{"invalid_utf8", "crosswalks/fixture.csv", true,
                    std::string("std-a:2005,std-b:2011,A.6.2.1,6.6,intersects-with,functional,") +
                        ",seed,high,JIP-ITSMS112-2.1 Table 5-1,10,\x8a\xc7\x97\x9d",
                    8, 11, 0, "not valid UTF-8"},
        PlantedCase{"unknown_column", "crosswalks/fixture.csv", false,
                    "from,to,from_ref,to_ref,relationship,rationale,strength,basis,confidence,"
                    "source,source_line,note,weight\n",
                    1, 12, 0, "unknown column 'weight'"},
        PlantedCase{"missing_column", "crosswalks/fixture.csv", false,
                    "from,to,from_ref,to_ref,relationship,rationale,strength,basis,confidence,"
                    "source_line,note\n",
                    1, -1, 1, "missing column 'source' in the header"}),
    [](const testing::TestParamInfo<PlantedCase>& info) { return info.param.name; });

INSTANTIATE_TEST_SUITE_P(
    Catalogs, PlantedDefectTest,
    testing::Values(
        PlantedCase{"kind_outside_vocabulary", "catalogs/std-b.csv", true,
                    "7.2,7,chapter,Supplier management,供給者管理,,test fixture,,", 9, 2, 0,
                    "field 'kind': 'chapter' is not one of"},
        PlantedCase{"parent_not_defined_earlier", "catalogs/std-b.csv", true,
                    "9.1,9,clause,Configuration management,構成管理,,test fixture,,", 9, 1, 0,
                    "parent '9' is not a ref defined earlier in this catalog"},
        PlantedCase{"repeated_ref", "catalogs/std-b.csv", true,
                    "6.5,6,clause,Capacity management again,,,test fixture,,", 9, 0, 0,
                    "ref '6.5' already defined on line 4"},
        PlantedCase{"alias_clashes_with_ref", "catalogs/std-b.csv", true,
                    "7.2,7,clause,Supplier management,,6.6,test fixture,,", 9, 5, 0,
                    "'6.6' already defined on line 5"},
        PlantedCase{"missing_title", "catalogs/std-b.csv", true, "7.2,7,clause,,,,test fixture,,",
                    9, 3, 0, "field 'title_en': a value is required"},
        PlantedCase{"unlisted_catalog_file", "catalogs/std-c.csv", false,
                    "ref,parent,kind,title_en,title_ja,aliases,source,source_line,note\n", 0, -1, 0,
                    "catalog file is not listed in catalogs/catalogs.csv"},
        PlantedCase{"index_names_missing_file", "catalogs/catalogs.csv", true,
                    "std-c:2020,Standard C,2020,,std-c.csv,test fixture,", 4, 4, 0,
                    "catalogs/std-c.csv does not exist"}),
    [](const testing::TestParamInfo<PlantedCase>& info) { return info.param.name; });

INSTANTIATE_TEST_SUITE_P(
    TermsAnnotationsTopics, PlantedDefectTest,
    testing::Values(
        PlantedCase{"differs_not_boolean", "terms/fixture.csv", true,
                    "problem,問題,問題,yes,JIP-ITSMS112-2.1 Table B-1,110,", 6, 3, 0,
                    "field 'differs': 'yes' is not one of: true, false"},
        PlantedCase{"duplicate_term", "terms/fixture.csv", true,
                    "known error,既知の誤り,既知のエラー,true,JIP-ITSMS112-2.1 Table B-1,100,", 6, 0,
                    0, "duplicate term: same term_en and source as terms/fixture.csv:2"},
        PlantedCase{"term_without_jis", "terms/fixture.csv", true,
                    "problem,,問題,false,JIP-ITSMS112-2.1 Table B-1,110,", 6, 1, 0,
                    "field 'jis_ja': a value is required"},
        PlantedCase{"pdca_phase_outside_vocabulary", "annotations/fixture.csv", true,
                    "std-b:2011,6.5,pdca-phase,review,,JIP-ITSMS112-2.1 Table 7-8,41,", 4, 3, 0,
                    "field 'value_en': 'review' is not one of: plan, do, check, act"},
        PlantedCase{"annotation_unknown_ref", "annotations/fixture.csv", true,
                    "std-b:2011,6.9,purpose,x,,JIP-ITSMS112-2.1 Table 1-1,31,", 4, 1, 0,
                    "unknown ref '6.9' in catalog std-b:2011"},
        PlantedCase{"topic_region_outside_vocabulary", "topics/fixture.csv", true,
                    "Risk assessment,リスクアセスメント,both,,,medium,JIP-ITSMS112-2.1 Figure 5-5,52,",
                    4, 2, 0, "field 'region': 'both' is not one of"},
        PlantedCase{"topic_catalog_without_ref", "topics/fixture.csv", true,
                    "Risk assessment,リスクアセスメント,shared,std-b:2011,,medium,"
                    "JIP-ITSMS112-2.1 Figure 5-5,52,",
                    4, 4, 0, "field 'ref': catalog and ref are given together or not at all"}),
    [](const testing::TestParamInfo<PlantedCase>& info) { return info.param.name; });

TEST(MappingLoaderTest, IndexRepeatsAnAlias) {
  const std::string root = testing_data::CopyOfMiniMappings();
  testing_data::WriteFile(root, "catalogs/std-c.csv",
                          "ref,parent,kind,title_en,title_ja,aliases,source,source_line,note\n");
  testing_data::AppendLine(root, "catalogs/catalogs.csv",
                           "std-c:2020,Standard C,2020,jis-a:2006,std-c.csv,test fixture,");
  LoadResult result = LoadMappings(root);
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_EQ(result.diagnostics[0].ToString(),
            "catalogs/catalogs.csv:4:28: field 'aliases': 'jis-a:2006' is already an id or alias");
}

TEST(MappingLoaderTest, AllProblemsAreListedNotJustTheFirst) {
  const std::string root = testing_data::CopyOfMiniMappings();
  testing_data::AppendLine(root, "crosswalks/fixture.csv",
                           "std-a:2005,std-b:2011,A.6.9,6.1,overlaps,functional,12,seed,high,,,");
  testing_data::AppendLine(root, "terms/fixture.csv", "problem,問題,問題,maybe,,,");
  LoadResult result = LoadMappings(root);
  std::vector<std::string> flagged;
  for (const Diagnostic& d : result.diagnostics) {
    const size_t start = d.message.find('\'') + 1;
    flagged.push_back(d.file + " " + d.message.substr(start, d.message.find('\'', start) - start));
  }
  EXPECT_THAT(flagged, testing::UnorderedElementsAre(
                           "crosswalks/fixture.csv from_ref", "crosswalks/fixture.csv relationship",
                           "crosswalks/fixture.csv strength", "crosswalks/fixture.csv source",
                           "crosswalks/fixture.csv source_line", "terms/fixture.csv differs",
                           "terms/fixture.csv source"));
  EXPECT_EQ(result.data.crosswalks.size(), 6u);
  EXPECT_EQ(result.data.terms.size(), 4u);
}

TEST(MappingLoaderTest, LoadValidMappingsFailsWithFailedPrecondition) {
  const std::string root = testing_data::CopyOfMiniMappings();
  testing_data::AppendLine(root, "terms/fixture.csv", "problem,問題,問題,maybe,JIP-ITSMS112-2.1 Table B-1,1,");
  auto data = LoadValidMappings(root);
  EXPECT_THAT(data, StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("terms/fixture.csv:6:")));
  EXPECT_TRUE(LoadValidMappings(testing_data::MiniMappings()).ok());
}

}  // namespace
}  // namespace crosswalk::mapping
