// The direct current-edition crosswalks (issue 10, Deliver 1; DESIGN.md §5): from ISO/IEC
// 27001:2022, ISO 9001:2015, ITIL 4 and ISO/IEC 19770-1:2017 to ISO/IEC 20000-1:2018, every leaf
// clause of 20000-1 has a stated relation or an explicit no-counterpart row, every requirement of
// the source has a row, and `gaps` lists no clause as unmapped. The expected relations at the end are
// the ones a practitioner names first; each was read from the two standards' clause and control
// titles, not from the CSV files.

#include <cctype>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "gateway/mapping/mapping_engine.h"
#include "gateway/mapping/mapping_loader.h"

namespace crosswalk::mapping {
namespace {

constexpr char kTarget[] = "iso20000-1:2018";

class CurrentEditionTest : public testing::TestWithParam<std::string> {
 protected:
  static void SetUpTestSuite() {
    LoadResult result = LoadMappings(CROSSWALK_SOURCE_MAPPINGS_DIR);
    ASSERT_TRUE(result.diagnostics.empty()) << result.diagnostics.front().ToString();
    engine_ = new MappingEngine(std::move(result.data));
  }
  static void TearDownTestSuite() { delete engine_; }

  static const Catalog& CatalogOf(const std::string& id) { return **engine_->ResolveCatalog(id); }

  static std::set<std::string> Leaves(const Catalog& catalog) {
    std::set<std::string> parents, leaves;
    for (const CatalogItem& item : catalog.items) parents.insert(item.parent);
    for (const CatalogItem& item : catalog.items) {
      if (!parents.count(item.ref)) leaves.insert(item.ref);
    }
    return leaves;
  }

  static MappingEngine* engine_;
};

MappingEngine* CurrentEditionTest::engine_ = nullptr;

// A row stated between the source and 20000-1:2018 names the leaf (either direction; a
// no-counterpart row of the leaf counts: it is a statement too).
TEST_P(CurrentEditionTest, EveryLeafClauseHasAStatedRow) {
  const std::string source = GetParam();
  std::set<std::string> stated;
  for (const CrosswalkRow& row : engine_->data().crosswalks) {
    if (row.from == source && row.to == kTarget && !row.to_ref.empty()) stated.insert(row.to_ref);
    if (row.from == kTarget && row.to == source) stated.insert(row.from_ref);
  }
  for (const std::string& leaf : Leaves(CatalogOf(kTarget))) {
    EXPECT_EQ(stated.count(leaf), 1u) << source << " states nothing about 20000-1:2018 " << leaf;
  }
}

// Every requirement of the source (a leaf clause, control, practice or process area) has a row.
TEST_P(CurrentEditionTest, EveryRequirementOfTheSourceHasARow) {
  const std::string source = GetParam();
  std::set<std::string> stated;
  for (const CrosswalkRow& row : engine_->data().crosswalks) {
    if (row.from == source && row.to == kTarget) stated.insert(row.from_ref);
    if (row.from == kTarget && row.to == source && !row.to_ref.empty()) stated.insert(row.to_ref);
  }
  const Catalog& catalog = CatalogOf(source);
  const std::set<std::string> leaves = Leaves(catalog);
  for (const CatalogItem& item : catalog.items) {
    if (!leaves.count(item.ref) || item.kind == "tier") continue;
    EXPECT_EQ(stated.count(item.ref), 1u) << source << " " << item.ref << " has no row to " << kTarget;
  }
}

TEST_P(CurrentEditionTest, GapsListNoClauseAsUnmapped) {
  auto gaps = engine_->Gaps(GetParam(), kTarget);
  ASSERT_TRUE(gaps.ok()) << gaps.status();
  for (const Gap& gap : *gaps) {
    EXPECT_NE(gap.status, Gap::Status::kUnmapped) << GetParam() << " leaves " << gap.to_ref
                                                  << " unmapped: " << gap.note;
  }
}

TEST_P(CurrentEditionTest, DerivedRowsSayWhatTheyRestOn) {
  for (const CrosswalkRow& row : engine_->data().crosswalks) {
    const bool ours = (row.from == GetParam() && row.to == kTarget) ||
                      (row.from == kTarget && row.to == GetParam());
    if (!ours || row.basis != Basis::kDerived) continue;
    const std::string where = row.origin.file + ":" + std::to_string(row.origin.line);
    EXPECT_GE(row.note.size(), 20u) << where;
    EXPECT_TRUE(row.rationale.has_value() || row.to_ref.empty()) << where;
  }
}

INSTANTIATE_TEST_SUITE_P(FourSources, CurrentEditionTest,
                         testing::Values("iso27001:2022", "iso9001:2015", "itil:4", "iso19770-1:2017"),
                         [](const testing::TestParamInfo<std::string>& info) {
                           std::string name;
                           for (char c : info.param) name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
                           return name;
                         });

// The relations practitioners name first. `reaches` means: `map` (sound paths, any relationship but
// no-relationship) returns a result with that 20000-1 clause.
struct Expected {
  const char* source;
  const char* ref;
  std::vector<std::string> reaches;
};

class ExpectedRelationsTest : public CurrentEditionTest {};

TEST_F(ExpectedRelationsTest, PractitionersRelationsAreReached) {
  const std::vector<Expected> cases = {
      {"iso27001:2022", "A.5.26", {"8.6.1", "8.7.3.3"}},  // response to information security incidents
      {"iso27001:2022", "A.5.24", {"8.6.1", "8.6.3", "8.7.3.3"}},  // incident management planning
      {"iso27001:2022", "A.5.30", {"8.7.2"}},           // ICT readiness for business continuity
      {"iso27001:2022", "A.5.9", {"8.2.5"}},            // inventory of assets
      {"iso27001:2022", "A.5.19", {"8.3.4"}},           // supplier relationships
      {"iso27001:2022", "A.8.32", {"8.5.1"}},           // change management
      {"iso27001:2022", "9.2", {"9.2"}},                // internal audit
      {"iso9001:2015", "9.2", {"9.2"}},
      {"iso9001:2015", "8.4", {"8.3.4"}},               // externally provided processes
      {"itil:4", "incident-management", {"8.6.1"}},
      {"itil:4", "change-enablement", {"8.5.1"}},
      {"itil:4", "service-request-management", {"8.6.2"}},
      {"itil:4", "problem-management", {"8.6.3"}},
      {"itil:4", "service-level-management", {"8.3.3"}},
      {"itil:4", "service-configuration-management", {"8.2.6"}},
      {"itil:4", "service-continuity-management", {"8.7.2"}},
      {"itil:4", "information-security-management", {"8.7.3"}},
  };
  for (const Expected& expected : cases) {
    MapQuery query;
    query.from = expected.source;
    query.to = kTarget;
    query.refs = {expected.ref};
    auto answer = engine_->Map(query);
    ASSERT_TRUE(answer.ok()) << expected.source << " " << expected.ref << ": " << answer.status();
    std::set<std::string> reached;
    for (const MapResult& result : answer->results) {
      if (result.label() != "no-relationship") reached.insert(result.to_ref);
    }
    for (const std::string& clause : expected.reaches) {
      EXPECT_EQ(reached.count(clause), 1u) << expected.source << " " << expected.ref << " does not reach " << clause;
    }
  }
}

}  // namespace
}  // namespace crosswalk::mapping
