#include "gateway/mapping/mapping_engine.h"

#include <map>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "gateway/mapping/mapping_loader.h"
#include "tests/status_matchers.h"
#include "tests/mapping/test_data.h"

namespace crosswalk::mapping {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

class MappingEngineTest : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto data = LoadValidMappings(testing_data::MiniMappings());
    ASSERT_TRUE(data.ok()) << data.status();
    engine_ = new MappingEngine(std::move(*data));
  }
  static void TearDownTestSuite() { delete engine_; }

  // "from_ref>to_ref relationship derived path" per result, for compact expectations.
  static std::vector<std::string> Describe(const std::vector<MapResult>& results) {
    std::vector<std::string> out;
    for (const MapResult& r : results) {
      std::string path;
      for (const PathHop& hop : r.path) path += (path.empty() ? "" : ">") + hop.ToString();
      out.push_back(r.from_ref + ">" + r.to_ref + " " + r.label() +
                    (r.derived ? " derived " : " direct ") + path);
    }
    return out;
  }

  static std::vector<std::string> Query(MapQuery query) {
    auto results = engine_->Map(query);
    EXPECT_TRUE(results.ok()) << results.status();
    return results.ok() ? Describe(results->results) : std::vector<std::string>{};
  }

  static MappingEngine* engine_;
};

MappingEngine* MappingEngineTest::engine_ = nullptr;

TEST_F(MappingEngineTest, NoRefsListsEveryRowBetweenTheCatalogsInBothDirections) {
  EXPECT_THAT(Query({"std-a:2005", "std-b:2011", {}, false}),
              ElementsAre("A.6.2>6.1 intersects-with direct std-a:2005:A.6.2>std-b:2011:6.1",
                          "A.6.2.2>7.1 intersects-with direct std-a:2005:A.6.2.2>std-b:2011:7.1",
                          "A.10.3.1>6.5 subset-of direct std-a:2005:A.10.3.1>std-b:2011:6.5",
                          "A>6.6 intersects-with direct std-a:2005:A>std-b:2011:6.6",
                          "A.6.2.1>7.1 equivalent direct std-a:2005:A.6.2.1>std-b:2011:7.1",
                          ">6.5 no-relationship direct std-a:2005:(none)>std-b:2011:6.5"));
}

TEST_F(MappingEngineTest, ReverseQueryInvertsRelationships) {
  auto results = engine_->Map({"std-b:2011", "std-a:2005", {"6.5"}, true});
  ASSERT_TRUE(results.ok());
  EXPECT_THAT(Describe(results->results),
              ElementsAre("6.5>A.10.3.1 superset-of direct std-b:2011:6.5>std-a:2005:A.10.3.1",
                          "6.5> no-relationship direct std-b:2011:6.5>std-a:2005:(none)"));
  EXPECT_TRUE(results->results[0].inverted);
  EXPECT_FALSE(results->results[1].inverted);
  EXPECT_EQ(results->results[0].strength, 7);
  EXPECT_EQ(results->results[0].rows[0]->source, "JIP-ITSMS112-2.1 Table 5-1");
  EXPECT_EQ(results->results[0].rows[0]->origin.line, 4);
}

TEST_F(MappingEngineTest, ControlInheritsObjectiveAndAnnexRows) {
  EXPECT_THAT(
      Query({"std-a:2005", "std-b:2011", {"A.6.2.2"}, false}),
      ElementsAre("A.6.2.2>7.1 intersects-with direct std-a:2005:A.6.2.2>std-b:2011:7.1",
                  "A.6.2.2>6.1 intersects-with derived "
                  "std-a:2005:A.6.2.2>std-a:2005:A.6.2>std-b:2011:6.1",
                  "A.6.2.2>6.6 intersects-with derived std-a:2005:A.6.2.2>std-a:2005:A>std-b:2011:6.6"));
}

TEST_F(MappingEngineTest, DirectOnlyLeavesInheritedRowsOut) {
  EXPECT_THAT(Query({"std-a:2005", "std-b:2011", {"A.6.2.2"}, true}),
              ElementsAre("A.6.2.2>7.1 intersects-with direct std-a:2005:A.6.2.2>std-b:2011:7.1"));
}

TEST_F(MappingEngineTest, ClauseParentPassesDownOnlyWhatFollowsSoundly) {
  // "A intersects-with 6.6" says nothing about the sub-clause 6.6.1.
  EXPECT_THAT(Query({"std-b:2011", "std-a:2005", {"6.6.1"}, false}), testing::IsEmpty());
  // A row stated from B to A ("7.1 equivalent A.6.2.1") is read backwards, and the control also
  // inherits the rows of its objective and of the whole annex.
  EXPECT_THAT(Query({"std-a:2005", "std-b:2011", {"A.6.2.1"}, false}),
              ElementsAre("A.6.2.1>7.1 equivalent direct std-a:2005:A.6.2.1>std-b:2011:7.1",
                          "A.6.2.1>6.1 intersects-with derived "
                          "std-a:2005:A.6.2.1>std-a:2005:A.6.2>std-b:2011:6.1",
                          "A.6.2.1>6.6 intersects-with derived "
                          "std-a:2005:A.6.2.1>std-a:2005:A>std-b:2011:6.6"));
}

TEST_F(MappingEngineTest, ClauseParentPassesDownEquivalenceAsSubset) {
  auto data = LoadValidMappings(testing_data::MiniMappings());
  ASSERT_TRUE(data.ok());
  CrosswalkRow row = data->crosswalks[0];
  row.from = "std-b:2011";
  row.to = "std-a:2005";
  row.from_ref = "6.6";
  row.to_ref = "A.10.3";
  row.relationship = Relationship::kEquivalent;
  data->crosswalks.push_back(row);
  row.to_ref = "A.6.2";
  row.relationship = Relationship::kNoRelationship;
  data->crosswalks.push_back(row);
  MappingEngine engine(std::move(*data));
  auto results = engine.Map({"std-b:2011", "std-a:2005", {"6.6.1"}, false});
  ASSERT_TRUE(results.ok());
  EXPECT_THAT(Describe(results->results),
              ElementsAre("6.6.1>A.10.3 subset-of derived std-b:2011:6.6.1>std-b:2011:6.6>std-a:2005:A.10.3",
                          "6.6.1>A.6.2 no-relationship derived "
                          "std-b:2011:6.6.1>std-b:2011:6.6>std-a:2005:A.6.2"));
}

TEST_F(MappingEngineTest, SubsetRowInheritedStaysSubset) {
  auto data = LoadValidMappings(testing_data::MiniMappings());
  ASSERT_TRUE(data.ok());
  // Make 6.6 equivalent to A.10.3 so that a member (A.10.3.1) must come out as subset-of.
  CrosswalkRow row = data->crosswalks[0];
  row.from_ref = "A.10.3";
  row.to_ref = "6.6";
  row.relationship = Relationship::kEquivalent;
  data->crosswalks.push_back(row);
  MappingEngine engine(std::move(*data));
  auto results = engine.Map({"std-a:2005", "std-b:2011", {"A.10.3.1"}, false});
  ASSERT_TRUE(results.ok());
  EXPECT_THAT(Describe(results->results),
              ElementsAre("A.10.3.1>6.5 subset-of direct std-a:2005:A.10.3.1>std-b:2011:6.5",
                          "A.10.3.1>6.6 subset-of derived "
                          "std-a:2005:A.10.3.1>std-a:2005:A.10.3>std-b:2011:6.6",
                          "A.10.3.1>6.6 intersects-with derived "
                          "std-a:2005:A.10.3.1>std-a:2005:A>std-b:2011:6.6"));
}

TEST_F(MappingEngineTest, CatalogsResolveByAliasAndCase) {
  auto catalog = engine_->ResolveCatalog("jis-b:2012b");
  ASSERT_TRUE(catalog.ok());
  EXPECT_EQ((*catalog)->id, "std-b:2011");
  EXPECT_TRUE(engine_->ResolveCatalog("ＳＴＤ-A:2005").ok());
}

TEST_F(MappingEngineTest, UnknownCatalogNamesTheNearest) {
  auto catalog = engine_->ResolveCatalog("std-b:2018");
  EXPECT_THAT(catalog, StatusIs(absl::StatusCode::kNotFound,
                               HasSubstr("unknown catalog 'std-b:2018'; nearest known: std-b:2011")));
}

TEST_F(MappingEngineTest, RefsResolveByAliasCasePrefixAndTitle) {
  const Catalog& a = **engine_->ResolveCatalog("std-a:2005");
  const Catalog& b = **engine_->ResolveCatalog("std-b:2011");
  EXPECT_EQ((*engine_->ResolveRef(b, "SLM"))->ref, "6.1");
  EXPECT_EQ((*engine_->ResolveRef(a, "a.6.2.2"))->ref, "A.6.2.2");
  EXPECT_EQ((*engine_->ResolveRef(a, "６.２"))->ref, "A.6.2");        // full-width, no prefix
  EXPECT_EQ((*engine_->ResolveRef(a, "5.1"))->ref, "5.1");            // a clause wins over A.5.1
  EXPECT_EQ((*engine_->ResolveRef(b, "容量・能力管理"))->ref, "6.5");  // Japanese title
  EXPECT_EQ((*engine_->ResolveRef(b, "capacity MANAGEMENT"))->ref, "6.5");
}

TEST_F(MappingEngineTest, UnknownRefNamesTheNearest) {
  const Catalog& b = **engine_->ResolveCatalog("std-b:2011");
  auto item = engine_->ResolveRef(b, "6.7");
  EXPECT_THAT(item, StatusIs(absl::StatusCode::kNotFound, HasSubstr("nearest known: 6.1")));
  EXPECT_THAT(engine_->Map({"std-b:2011", "std-a:2005", {"6.7"}, false}),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(MappingEngineTest, SameCatalogBothSidesIsInvalid) {
  EXPECT_THAT(engine_->Map({"std-a:2005", "jis-a:2006", {}, false}),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

std::vector<std::string> TermNames(const std::vector<const Term*>& terms) {
  std::vector<std::string> out;
  for (const Term* term : terms) out.push_back(term->term_en);
  return out;
}

TEST_F(MappingEngineTest, TermsMatchAnyColumnAfterNfkcAndCaseFolding) {
  EXPECT_THAT(TermNames(engine_->FindTerms("ＫＮＯＷＮ ERROR")), ElementsAre("known error"));
  EXPECT_THAT(TermNames(engine_->FindTerms("既知のエラー")), ElementsAre("known error"));
  EXPECT_THAT(TermNames(engine_->FindTerms("既知の誤り")), ElementsAre("known error"));
  EXPECT_THAT(TermNames(engine_->FindTerms("管理策")), ElementsAre("control"));
  EXPECT_THAT(TermNames(engine_->FindTerms("ＣＩ")), ElementsAre("configuration item"));
  EXPECT_THAT(TermNames(engine_->FindTerms("構成品目")), ElementsAre("configuration item"));
}

TEST_F(MappingEngineTest, TermsFallBackToPartialMatches) {
  EXPECT_THAT(TermNames(engine_->FindTerms("known")),
              ElementsAre("known error", "known error database"));
  EXPECT_THAT(TermNames(engine_->FindTerms("")), testing::SizeIs(4));
  EXPECT_THAT(TermNames(engine_->FindTerms("no such term")), testing::IsEmpty());
}

TEST_F(MappingEngineTest, AnnotationsOfAnItem) {
  const Catalog& b = **engine_->ResolveCatalog("std-b:2011");
  auto notes = engine_->AnnotationsOf(b, "6.1");
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0]->attribute, "purpose");
  EXPECT_TRUE(engine_->AnnotationsOf(b, "7.1").empty());
}


// A chain through a third catalog, built in memory: A.10.3.1 ⊂ 6.5 (stated), 6.5 = C:x, C:x ⊂ C2:y.
TEST_F(MappingEngineTest, ChainsComposeAcrossCatalogs) {
  auto data = LoadValidMappings(testing_data::MiniMappings());
  ASSERT_TRUE(data.ok());
  Catalog c;
  c.id = "std-c:2020";
  for (const char* ref : {"x", "y"}) {
    CatalogItem item;
    item.ref = ref;
    item.kind = "clause";
    item.title_en = ref;
    c.items.push_back(item);
  }
  c.Index();
  data->catalogs.push_back(c);
  CrosswalkRow hop = data->crosswalks[2];  // A.10.3.1 subset-of 6.5, strength 7
  hop.from = "std-b:2011";
  hop.from_ref = "6.5";
  hop.to = "std-c:2020";
  hop.to_ref = "x";
  hop.relationship = Relationship::kEquivalent;
  hop.strength = 9;
  data->crosswalks.push_back(hop);
  hop.from_ref = "6.1";
  hop.to_ref = "y";
  hop.relationship = Relationship::kSubsetOf;  // 6.1 ⊂ y
  hop.strength = 4;
  data->crosswalks.push_back(hop);
  MappingEngine engine(std::move(*data));

  auto answer = engine.Map({"std-a:2005", "std-c:2020", {"A.10.3.1"}});
  ASSERT_TRUE(answer.ok()) << answer.status();
  EXPECT_THAT(Describe(answer->results),
              ElementsAre("A.10.3.1>x subset-of direct std-a:2005:A.10.3.1>std-b:2011:6.5>std-c:2020:x"));
  EXPECT_EQ(answer->results[0].strength, 7);  // the weakest hop
  EXPECT_EQ(answer->results[0].rows.size(), 2u);

  // A.6.2.2 ⊂? A.6.2 (control group, intersects-with 6.1) and 6.1 ⊂ y: overlap∘subset gives
  // "overlaps or is part of", which is reported as related.
  answer = engine.Map({"std-a:2005", "std-c:2020", {"A.6.2.2"}});
  ASSERT_TRUE(answer.ok());
  ASSERT_EQ(answer->results.size(), 1u);
  EXPECT_EQ(answer->results[0].label(), "related");
  EXPECT_EQ(::crosswalk::mapping::Describe(answer->results[0].relations), "subset-of|intersects-with");

  // --max-hops 1 stops before the second catalog; --direct-only likewise.
  MapQuery bounded{"std-a:2005", "std-c:2020", {"A.10.3.1"}};
  bounded.max_hops = 1;
  EXPECT_TRUE(engine.Map(bounded)->results.empty());
  bounded.max_hops = 5;
  bounded.direct_only = true;
  EXPECT_TRUE(engine.Map(bounded)->results.empty());
}

TEST_F(MappingEngineTest, BestKeepsTheStrongestPathPerTarget) {
  MapQuery query{"std-a:2005", "std-b:2011", {"A.6.2.1"}};
  query.best = true;
  auto answer = engine_->Map(query);
  ASSERT_TRUE(answer.ok());
  // 7.1 (stated, strength 9), 6.1 and 6.6 (inherited): one path each.
  EXPECT_EQ(answer->results.size(), 3u);
  query.max_hops = 0;
  EXPECT_THAT(engine_->Map(query), StatusIs(absl::StatusCode::kInvalidArgument));
}

// Candidates (issue 10, Deliver 2): what the algebra cannot prove comes after the sound results,
// with its tier and reason, and only when asked for.
std::vector<std::string> Tiered(const std::vector<MapResult>& results) {
  std::vector<std::string> out;
  for (const MapResult& r : results) {
    out.push_back(r.from_ref + ">" + r.to_ref + " " + r.label() + " " + std::string(Name(r.tier)) +
                  (r.reason.empty() ? "" : " (" + r.reason + ")"));
  }
  return out;
}

TEST_F(MappingEngineTest, AParentsRowIsACandidateForItsPart) {
  MapQuery query{"std-a:2005", "std-b:2011", {"A.6.2.2"}};
  EXPECT_EQ(engine_->Map(query)->results.size(), 3u);  // sound only by default
  query.candidates = true;
  auto answer = engine_->Map(query);
  ASSERT_TRUE(answer.ok()) << answer.status();
  // A.6.2.2 inherits "A intersects-with 6.6"; 6.6.1 is a part of 6.6: the overlap may miss it.
  EXPECT_THAT(Tiered(answer->results),
              ElementsAre("A.6.2.2>7.1 intersects-with sound", "A.6.2.2>6.1 intersects-with sound",
                          "A.6.2.2>6.6 intersects-with sound",
                          "A.6.2.2>6.6.1 related candidate (a parent's row read for its part: A.6.2.2 is "
                          "intersects-with 6.6, of which 6.6.1 is a part)"));
  EXPECT_TRUE(answer->results.back().derived);

  // The source side: "6.6 intersects-with A" does not pass down to 6.6.1 soundly.
  auto reverse = engine_->Map({"std-b:2011", "std-a:2005", {"6.6.1"}, false, 5, false, true});
  ASSERT_TRUE(reverse.ok());
  EXPECT_THAT(Tiered(reverse->results),
              ElementsAre("6.6.1>A related candidate (a parent's row read for its part: 6.6 is "
                          "intersects-with A, which does not pass down to 6.6.1)"));
}

TEST_F(MappingEngineTest, AChildsRowIsReadForItsParent) {
  MapQuery query{"std-a:2005", "std-b:2011", {"A.6.2"}};
  query.candidates = true;
  auto answer = engine_->Map(query);
  ASSERT_TRUE(answer.ok());
  // A.6.2 contains A.6.2.1, which is equivalent to 7.1: A.6.2 is provably superset-of 7.1 (sound,
  // derived). A.6.2.2 only intersects 7.1, so that reading alone would be a candidate; the sound
  // result outranks it.
  EXPECT_THAT(Tiered(answer->results),
              ElementsAre("A.6.2>6.1 intersects-with sound", "A.6.2>6.6 intersects-with sound",
                          "A.6.2>7.1 superset-of sound",
                          "A.6.2>6.6.1 related candidate (a parent's row read for its part: A.6.2 is "
                          "intersects-with 6.6, of which 6.6.1 is a part)"));
}

TEST_F(MappingEngineTest, AnUnprovableChainIsACandidate) {
  auto data = LoadValidMappings(testing_data::MiniMappings());
  ASSERT_TRUE(data.ok());
  Catalog c;
  c.id = "std-c:2020";
  CatalogItem x;
  x.ref = "x";
  x.kind = "clause";
  x.title_en = "x";
  c.items.push_back(x);
  c.Index();
  data->catalogs.push_back(c);
  CrosswalkRow row = data->crosswalks[0];
  row.from = "std-a:2005";
  row.from_ref = "A.10.3.1";
  row.to = "std-c:2020";
  row.to_ref = "x";
  row.relationship = Relationship::kIntersectsWith;  // A.10.3.1 overlaps x
  data->crosswalks.push_back(row);
  row.from = "std-c:2020";
  row.from_ref = "x";
  row.to = "std-b:2011";
  row.to_ref = "7.1";
  row.relationship = Relationship::kSupersetOf;  // x contains 7.1: the overlap may lie outside it
  data->crosswalks.push_back(row);
  MappingEngine engine(std::move(*data));
  MapQuery query{"std-a:2005", "std-b:2011", {"A.10.3.1"}};
  auto without = engine.Map(query);
  ASSERT_TRUE(without.ok());
  EXPECT_THAT(Tiered(without->results), testing::Not(testing::Contains(HasSubstr(">7.1 "))));
  query.candidates = true;
  auto answer = engine.Map(query);
  ASSERT_TRUE(answer.ok());
  EXPECT_THAT(Tiered(answer->results),
              testing::Contains("A.10.3.1>7.1 related candidate (an unprovable chain: intersects-with then "
                                "superset-of (std-c:2020:x is superset-of 7.1))"));
  // --sound-only's engine side: the same query without candidates has none.
  query.candidates = false;
  auto sound = engine.Map(query);
  ASSERT_TRUE(sound.ok());
  for (const MapResult& result : sound->results) EXPECT_EQ(result.tier, MapResult::Tier::kSound);
}

TEST_F(MappingEngineTest, AStatedNoCounterpartOutweighsCandidates) {
  // 6.5 is stated to have no counterpart in std-a; no candidate is offered beside that statement.
  auto answer = engine_->Map({"std-b:2011", "std-a:2005", {"6.5"}, false, 5, false, true});
  ASSERT_TRUE(answer.ok());
  for (const MapResult& result : answer->results) EXPECT_EQ(result.tier, MapResult::Tier::kSound);
}

// Decisions (Deliver 3): a confirmation makes the candidate a sound row with basis organisation;
// a rejection removes it and says so; an added row takes part like any stated row.
TEST_F(MappingEngineTest, DecisionsConfirmRejectAndAdd) {
  MappingDecision confirm;
  confirm.id = 7;
  confirm.from = "std-a:2005";
  confirm.from_ref = "A.6.2.2";
  confirm.to = "std-b:2011";
  confirm.to_ref = "6.6.1";
  confirm.relationship = "subset-of";
  confirm.verdict = MappingDecision::Verdict::kConfirm;
  confirm.by = "Sato";
  confirm.reason = "our access rights procedure is part of the security policy";
  std::vector<MappingDecision> decisions = {confirm};
  MapQuery query{"std-a:2005", "std-b:2011", {"A.6.2.2"}};
  query.candidates = true;
  query.decisions = &decisions;
  auto confirmed = engine_->Map(query);
  ASSERT_TRUE(confirmed.ok());
  const MapResult* to_661 = nullptr;
  for (const MapResult& result : confirmed->results) {
    if (result.to_ref == "6.6.1") {
      EXPECT_EQ(to_661, nullptr) << "one answer for 6.6.1";
      to_661 = &result;
    }
  }
  ASSERT_NE(to_661, nullptr);
  EXPECT_EQ(to_661->tier, MapResult::Tier::kSound);
  EXPECT_EQ(to_661->label(), "subset-of");
  ASSERT_EQ(to_661->rows.size(), 1u);
  EXPECT_EQ(to_661->rows[0]->basis, Basis::kOrganisation);
  EXPECT_EQ(to_661->rows[0]->source, "organisation decision #7 (confirm) by Sato");
  EXPECT_EQ(to_661->rows[0]->note, confirm.reason);

  MappingDecision reject = confirm;
  reject.id = 8;
  reject.verdict = MappingDecision::Verdict::kReject;
  reject.relationship = "";
  reject.reason = "access rights are not policy";
  decisions = {reject};
  auto rejected = engine_->Map(query);
  ASSERT_TRUE(rejected.ok());
  for (const MapResult& result : rejected->results) EXPECT_NE(result.to_ref, "6.6.1");
  ASSERT_EQ(rejected->rejected.size(), 1u);
  EXPECT_EQ(rejected->rejected[0].tier, MapResult::Tier::kRejected);
  EXPECT_THAT(rejected->rejected[0].reason,
              HasSubstr("rejected by Sato (decision #8): access rights are not policy; the candidate: "));

  // An added row between items nothing related before (reverse direction, read backwards).
  MappingDecision add = confirm;
  add.id = 9;
  add.verdict = MappingDecision::Verdict::kAdd;
  add.from = "std-b:2011";
  add.from_ref = "6.5";
  add.to = "std-a:2005";
  add.to_ref = "A.6.2.2";
  add.relationship = "intersects-with";
  decisions = {add};
  auto added = engine_->Map(query);
  ASSERT_TRUE(added.ok());
  EXPECT_THAT(Tiered(added->results), testing::Contains("A.6.2.2>6.5 intersects-with sound"));
}

TEST_F(MappingEngineTest, GapsSayCandidateAndReachedThroughParts) {
  auto gaps = engine_->Gaps("std-a:2005", "std-b:2011");
  ASSERT_TRUE(gaps.ok()) << gaps.status();
  std::map<std::string, std::pair<std::string, std::string>> by_ref;
  for (const Gap& gap : *gaps) by_ref[gap.to_ref] = {std::string(Name(gap.status)), gap.note};
  EXPECT_EQ(by_ref["6.6.1"].first, "candidate");
  EXPECT_THAT(by_ref["6.6.1"].second, HasSubstr("reached only by candidates, which count for nothing until confirmed: "));
  EXPECT_THAT(by_ref["6.6.1"].second, HasSubstr("(candidate, a parent's row read for its part; "));
  EXPECT_EQ(by_ref["6"].first, "partial");
  EXPECT_THAT(by_ref["6"].second, HasSubstr("reached only through its parts 6.1"));
  EXPECT_FALSE(by_ref.count("7.1")) << "A.6.2 contains A.6.2.1, which is equivalent to 7.1: covered";

  // A confirmed candidate counts as what it was confirmed as.
  MappingDecision confirm;
  confirm.id = 1;
  confirm.from = "std-a:2005";
  confirm.from_ref = "A.6.2.2";
  confirm.to = "std-b:2011";
  confirm.to_ref = "6.6.1";
  confirm.relationship = "equivalent";
  confirm.by = "Sato";
  std::vector<MappingDecision> decisions = {confirm};
  gaps = engine_->Gaps("std-a:2005", "std-b:2011", 5, &decisions);
  ASSERT_TRUE(gaps.ok());
  for (const Gap& gap : *gaps) EXPECT_NE(gap.to_ref, "6.6.1") << "covered by the confirmed row";
}

}  // namespace
}  // namespace crosswalk::mapping
