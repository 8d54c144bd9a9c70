// The shipped mapping data (mappings/): clean under the validator, and each seed table holds
// exactly the rows the seed states. The expected pairs below were read from the seed
// (shared/seeds/001_1b9a2e7ca3217135.txt) independently of the CSV files; docs/seed-transcription.md
// gives the line ranges.

#include <map>
#include <set>

#include "absl/strings/match.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "gateway/mapping/mapping_engine.h"
#include "gateway/mapping/mapping_loader.h"

namespace crosswalk::mapping {
namespace {

using ::testing::UnorderedElementsAreArray;

class ShippedDataTest : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    LoadResult result = LoadMappings(CROSSWALK_SOURCE_MAPPINGS_DIR);
    diagnostics_ = new std::vector<Diagnostic>(result.diagnostics);
    engine_ = new MappingEngine(std::move(result.data));
  }
  static void TearDownTestSuite() {
    delete engine_;
    delete diagnostics_;
  }

  static const Catalog& CatalogOf(const std::string& id) {
    auto catalog = engine_->ResolveCatalog(id);
    EXPECT_TRUE(catalog.ok()) << catalog.status();
    return **catalog;
  }

  // "from_ref>to_ref" of the direct rows with `label` between two catalogs, in the rows' own
  // direction.
  static std::vector<std::string> Pairs(const std::string& label, const std::string& from,
                                        const std::string& to) {
    std::vector<std::string> pairs;
    for (const CrosswalkRow& row : engine_->data().crosswalks) {
      if (row.source == "JIP-ITSMS112-2.1 " + label && row.from == from && row.to == to) {
        pairs.push_back(row.from_ref + ">" + row.to_ref);
      }
    }
    return pairs;
  }

  static std::map<std::string, int> KindCounts(const Catalog& catalog) {
    std::map<std::string, int> counts;
    for (const CatalogItem& item : catalog.items) ++counts[item.kind];
    return counts;
  }

  static MappingEngine* engine_;
  static std::vector<Diagnostic>* diagnostics_;
};

MappingEngine* ShippedDataTest::engine_ = nullptr;
std::vector<Diagnostic>* ShippedDataTest::diagnostics_ = nullptr;

TEST_F(ShippedDataTest, ValidatorIsClean) {
  for (const Diagnostic& d : *diagnostics_) ADD_FAILURE() << d.ToString();
}

TEST_F(ShippedDataTest, CatalogIdsAndJisAliases) {
  const std::map<std::string, std::string> aliases = {
      {"jisq20000-1:2012", "iso20000-1:2011"}, {"jisq27001:2006", "iso27001:2005"},
      {"jisq9001:2008", "iso9001:2008"},       {"jisx0164-1:2010", "iso19770-1:2006"}};
  for (const auto& [alias, id] : aliases) EXPECT_EQ(CatalogOf(alias).id, id) << alias;
  for (const char* id : {"itil:v3-2011", "iso19770-1:2012", "iso20000-4:2010"}) {
    EXPECT_EQ(CatalogOf(id).id, id);
  }
  // As registers write them: with spaces, "ISO/IEC", full-width.
  const std::map<std::string, std::string> written = {
      {"JIS Q 20000-1:2020", "iso20000-1:2018"}, {"ISO/IEC 27001:2022", "iso27001:2022"},
      {"ＪＩＳ Ｑ ２７００１：２０２３", "iso27001:2022"}, {"ISO 9001:2015", "iso9001:2015"}};
  for (const auto& [text, id] : written) EXPECT_EQ(CatalogOf(text).id, id) << text;
}

TEST_F(ShippedDataTest, Iso27001AnnexAHasItsFullStructure) {
  const Catalog& annex = CatalogOf("iso27001:2005");
  const std::map<std::string, int> expected = {
      {"annex", 1}, {"domain", 11}, {"objective", 39}, {"control", 133}};
  EXPECT_EQ(KindCounts(annex), expected);
  EXPECT_EQ(annex.items.front().ref, "A");
}

TEST_F(ShippedDataTest, Iso20000Part1EditionTwoClauses) {
  const Catalog& clauses = CatalogOf("iso20000-1:2011");
  for (const char* ref : {"4", "4.1.4", "4.2", "4.3.3", "4.4.2", "4.5.1", "4.5.4.2", "4.5.4.3",
                          "4.5.5.2", "5.4", "6.3.3", "6.4", "6.6.3", "7.2", "8.2", "9.3"}) {
    EXPECT_NE(clauses.Find(ref), nullptr) << ref;
  }
  EXPECT_EQ(KindCounts(clauses), (std::map<std::string, int>{{"clause", 53}}));
}

TEST_F(ShippedDataTest, ItilProcessesAndFunctionsByStage) {
  const Catalog& itil = CatalogOf("itil:v3-2011");
  EXPECT_EQ(KindCounts(itil),
            (std::map<std::string, int>{{"stage", 5}, {"process", 26}, {"function", 4}}));
  std::map<std::string, int> per_stage;
  for (const CatalogItem& item : itil.items) {
    if (item.kind == "process") ++per_stage[item.parent];
    if (item.kind == "function") {
      EXPECT_EQ(item.parent, "service-operation") << item.ref;
    }
  }
  EXPECT_EQ(per_stage, (std::map<std::string, int>{{"service-strategy", 5},
                                                   {"service-design", 8},
                                                   {"service-transition", 7},
                                                   {"service-operation", 5},
                                                   {"continual-service-improvement", 1}}));
}

TEST_F(ShippedDataTest, SamAndProcessReferenceModelCatalogs) {
  EXPECT_EQ(KindCounts(CatalogOf("iso19770-1:2012")), (std::map<std::string, int>{{"tier", 4}}));
  EXPECT_EQ(KindCounts(CatalogOf("iso20000-4:2010")).at("process"), 26);
  EXPECT_EQ(KindCounts(CatalogOf("iso19770-1:2006")).at("process-area"), 3);
}

// Seed lines 5660-5965: 13 clause rows, 48 (control, clause) pairs.
TEST_F(ShippedDataTest, Table5_1IsExactlyTheSeedsPairs) {
  const std::vector<std::string> expected = {
      "A.10.2.3>5.2",
      "A.5.1.1>6.1",  "A.6.1.5>6.1",  "A.6.2>6.1",    "A.10.2.1>6.1",  "A.11.3>6.1",
      "A.5.1.1>6.2",  "A.6.1.5>6.2",  "A.6.1.6>6.2",  "A.6.2.2>6.2",   "A.10.2.3>6.2",
      "A.10.10>6.2",
      "A.10.5>6.3",   "A.14>6.3",
      "A.10.3.1>6.5", "A.10.10.2>6.5",
      "A>6.6",
      "A.5.1.2>7.1",  "A.6.2.2>7.1",  "A.10.9.1>7.1", "A.11.2.4>7.1",  "A.11.3>7.1",
      "A.5.1.2>7.2",  "A.6.1.5>7.2",  "A.6.1.8>7.2",  "A.6.2.1>7.2",   "A.6.2.3>7.2",
      "A.10.2>7.2",   "A.12.5.5>7.2",
      "A.6.1.6>8.1",  "A.8.2.2>8.1",  "A.10.4.1>8.1", "A.13>8.1",
      "A.5.1.2>8.2",  "A.6.1.7>8.2",  "A.10.4.1>8.2", "A.10.10.5>8.2", "A.12.6>8.2",
      "A.13.2>8.2",
      "A.7.1>9.1",    "A.7.2>9.1",    "A.15.1>9.1",
      "A.10.1.2>9.2", "A.10.2.3>9.2", "A.12.5.1>9.2", "A.12.5.3>9.2",
      "A.10.3.2>9.3", "A.12.5.2>9.3"};
  EXPECT_THAT(Pairs("Table 5-1", "iso27001:2005", "iso20000-1:2011"),
              UnorderedElementsAreArray(expected));
  // Every Table 5-1 row carries the table's closing caution.
  for (const CrosswalkRow& row : engine_->data().crosswalks) {
    if (row.source != "JIP-ITSMS112-2.1 Table 5-1") continue;
    EXPECT_NE(row.note.find("満たしていることを示すものではない"), std::string::npos)
        << row.origin.file << ":" << row.origin.line;
  }
}

// Seed lines 7305-7388: ITIL V3 2011 processes named for each clause (prose for 4 and 5).
TEST_F(ShippedDataTest, Table7_7IsExactlyTheSeedsPairs) {
  const std::vector<std::string> expected = {
      "strategy-management-for-it-services>4", "supplier-management>4",
      "service-level-management>4",            "design-coordination>5",
      "change-management>5",                   "release-and-deployment-management>5",
      "service-level-management>6.1",          "it-service-continuity-management>6.3",
      "availability-management>6.3",           "financial-management-for-it-services>6.4",
      "capacity-management>6.5",               "demand-management>6.5",
      "information-security-management>6.6",   "business-relationship-management>7.1",
      "supplier-management>7.2",               "incident-management>8.1",
      "request-fulfilment>8.1",                "problem-management>8.2",
      "service-asset-and-configuration-management>9.1", "change-management>9.2",
      "release-and-deployment-management>9.3"};
  EXPECT_THAT(Pairs("Table 7-7", "itil:v3-2011", "iso20000-1:2011"),
              UnorderedElementsAreArray(expected));
  // "6.2: no corresponding process" is an explicit no-counterpart statement.
  EXPECT_THAT(Pairs("Table 7-7", "iso20000-1:2011", "itil:v3-2011"), testing::Contains("6.2>"));
}

// Seed lines 9953-9991: only the processes whose names differ.
TEST_F(ShippedDataTest, TableA_1IsExactlyTheSeedsPairs) {
  const std::vector<std::string> expected = {
      "financial-management-for-it-services>6.4", "it-service-continuity-management>6.3",
      "availability-management>6.3",              "capacity-management>6.5",
      "supplier-management>7.2",                  "service-asset-and-configuration-management>9.1",
      "incident-management>8.1",                  "request-fulfilment>8.1",
      "release-and-deployment-management>9.3"};
  EXPECT_THAT(Pairs("Table A-1", "itil:v3-2011", "iso20000-1:2011"),
              UnorderedElementsAreArray(expected));
}

// Seed lines 10015-10289: every row, 38 of them marked ⇔.
TEST_F(ShippedDataTest, TableB_1HasEveryRow) {
  int rows = 0, differs = 0;
  std::set<std::string> english;
  for (const Term& term : engine_->data().terms) {
    if (term.source != "JIP-ITSMS112-2.1 Table B-1") continue;
    ++rows;
    differs += term.differs;
    english.insert(term.term_en);
  }
  EXPECT_EQ(rows, 118);
  EXPECT_EQ(differs, 38);
  EXPECT_EQ(english.size(), static_cast<size_t>(rows));
  for (const char* term : {"accounting", "known error", "configuration management database",
                           "service level agreement", "workload"}) {
    EXPECT_EQ(english.count(term), 1u) << term;
  }
}


// Seed lines 6217-6489: the pairs Section 6.2 states, and its "no counterpart in 9001" statements.
TEST_F(ShippedDataTest, Section6_2StatesThePairsAndTheMissingCounterparts) {
  const std::vector<std::string> pairs = Pairs("Section 6.2", "iso9001:2008", "iso20000-1:2011");
  for (const char* pair : {"8.2.2>4.5.4.2", "5.6>4.5.4.3", "5.2>7.1", "8.2.1>7.1", "7.4>7.2",
                           "7.5.3>9.1", "7.5.4>6.6", "8.3>8.1", "8.4>4.5.5", "7.3>5", "7.6>"}) {
    EXPECT_THAT(pairs, testing::Contains(pair));
  }
  EXPECT_EQ(pairs.size(), 53u);
  EXPECT_THAT(Pairs("Section 6.2", "iso20000-1:2011", "iso9001:2008"),
              UnorderedElementsAreArray({"6.3>", "6.4>", "6.5>", "6.6>"}));
  // The wording decides the relationship: "the same" is equivalent, "20000 adds" is subset-of.
  for (const CrosswalkRow& row : engine_->data().crosswalks) {
    if (row.source != "JIP-ITSMS112-2.1 Section 6.2") continue;
    if (row.from_ref == "8.2.2" && row.to_ref == "4.5.4.2") {
      EXPECT_EQ(row.relationship, Relationship::kEquivalent);
    }
    if (row.from_ref == "7.4") {
      EXPECT_EQ(row.relationship, Relationship::kSubsetOf);
    }
  }
}

// Seed lines 7867-7909: only what the text supports.
TEST_F(ShippedDataTest, Section8_4MapsOnlyWhatTheTextStates) {
  EXPECT_THAT(Pairs("Section 8.4", "iso19770-1:2006", "iso20000-1:2011"),
              UnorderedElementsAreArray({"4.7.2>9.2", "4.7.5>9.3", "4.7.6>9.3", "4.7.8>8.2",
                                         "4.4>9.1", "4.4.2>9.1", "4.4.3>9.1", "4.4.4>9.1"}));
}

std::map<std::string, std::string> AnnotationValues(const MappingData& data,
                                                    const std::string& attribute) {
  std::map<std::string, std::string> values;
  for (const Annotation& note : data.annotations) {
    if (note.attribute == attribute) values[note.ref] = note.value_en;
  }
  return values;
}

// Seed lines 7458-7478 (Table 7-8) and 342-426 (Table 1-1).
TEST_F(ShippedDataTest, Tables7_8And1_1) {
  const std::map<std::string, std::string> phases = {
      {"4.5.2", "plan"},    {"4.5.3", "do"},      {"4.5.4", "check"},
      {"4.5.4.1", "check"}, {"4.5.4.2", "check"}, {"4.5.4.3", "check"},
      {"4.5.5", "act"},     {"4.5.5.1", "act"},   {"4.5.5.2", "act"}};
  EXPECT_EQ(AnnotationValues(engine_->data(), "pdca-phase"), phases);
  std::vector<std::string> refs;
  for (const auto& [ref, value] : AnnotationValues(engine_->data(), "purpose")) refs.push_back(ref);
  EXPECT_THAT(refs, UnorderedElementsAreArray({"5", "6.1", "6.2", "6.3", "6.4", "6.5", "6.6", "7.1",
                                               "7.2", "8.1", "8.2", "9.1", "9.2", "9.3"}));
}

// Seed lines 5629-5658: every bulleted topic, with the regions the flattened layout supports.
TEST_F(ShippedDataTest, Figure5_5Topics) {
  std::map<std::string, int> regions;
  for (const Topic& topic : engine_->data().topics) ++regions[topic.region];
  EXPECT_EQ(regions, (std::map<std::string, int>{
                         {"27001-only", 2}, {"shared", 10}, {"20000-1-only", 3}, {"unplaced", 5}}));
}


TEST_F(ShippedDataTest, CurrentEditionCatalogs) {
  EXPECT_EQ(KindCounts(CatalogOf("jisq27001:2023")),
            (std::map<std::string, int>{{"annex", 1}, {"domain", 4}, {"control", 93}, {"clause", 41}}));
  EXPECT_EQ(KindCounts(CatalogOf("jisq27001:2014")),
            (std::map<std::string, int>{
                {"annex", 1}, {"domain", 14}, {"objective", 35}, {"control", 114}, {"clause", 35}}));
  EXPECT_EQ(KindCounts(CatalogOf("jisq20000-1:2020")), (std::map<std::string, int>{{"clause", 77}}));
  EXPECT_NE(CatalogOf("iso20000-1:2018").Find("8.7.3.3"), nullptr);
  EXPECT_EQ(KindCounts(CatalogOf("itil:4")).at("practice"), 34);
  EXPECT_EQ(CatalogOf("itil:4").Find("change-control")->ref, "change-enablement");
  EXPECT_EQ(KindCounts(CatalogOf("iso19770-1:2017")).at("process-area"), 15);
  EXPECT_EQ(KindCounts(CatalogOf("jisq9001:2015")).at("clause"), 91);
}

// ISO/IEC 27002:2022 Annex B: every 2013 control has a 2022 counterpart (18.2.3 has two, 115 pairs)
// and the 11 new 2022 controls are stated to have none.
TEST_F(ShippedDataTest, Annex27002BMapsEvery2013Control) {
  std::set<std::string> mapped;
  int pairs = 0;
  std::vector<std::string> new_in_2022;
  for (const CrosswalkRow& row : engine_->data().crosswalks) {
    if (row.source != "ISO/IEC 27002:2022 Annex B") continue;
    EXPECT_EQ(row.basis, Basis::kPublished);
    if (row.from == "iso27001:2013") {
      mapped.insert(row.from_ref);
      ++pairs;
    } else {
      EXPECT_TRUE(row.to_ref.empty());
      new_in_2022.push_back(row.from_ref);
    }
  }
  EXPECT_EQ(pairs, 115);
  EXPECT_THAT(new_in_2022, UnorderedElementsAreArray({"A.5.7", "A.5.23", "A.5.30", "A.7.4", "A.8.9",
                                                      "A.8.10", "A.8.11", "A.8.12", "A.8.16",
                                                      "A.8.23", "A.8.28"}));
  for (const CatalogItem& item : CatalogOf("iso27001:2013").items) {
    if (item.kind == "control") {
      EXPECT_EQ(mapped.count(item.ref), 1u) << item.ref;
    }
  }
}

// Rows the project derived say so: no derived row claims to be published or from the seed.
TEST_F(ShippedDataTest, CrossEditionRowsCarryTheirBasis) {
  for (const CrosswalkRow& row : engine_->data().crosswalks) {
    if (absl::StartsWith(row.source, "crosswalk derivation")) {
      EXPECT_EQ(row.basis, Basis::kDerived) << row.origin.file << ":" << row.origin.line;
      EXPECT_NE(row.confidence, Confidence::kHigh) << row.origin.file << ":" << row.origin.line;
    }
    if (row.from == "iso20000-1:2011" && row.to == "iso20000-1:2018") {
      EXPECT_EQ(row.basis, Basis::kDerived);
    }
    // Strength: our estimate on derived rows, never invented for seed or published rows.
    const std::string where = row.origin.file + ":" + std::to_string(row.origin.line);
    if (row.basis == Basis::kDerived && !row.to_ref.empty()) {
      EXPECT_TRUE(row.strength.has_value()) << where;
    }
    if (row.basis != Basis::kDerived) {
      EXPECT_FALSE(row.strength.has_value()) << where;
    }
  }
}

}  // namespace
}  // namespace crosswalk::mapping
