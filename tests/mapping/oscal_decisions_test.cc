#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "gateway/mapping/oscal_mapping.h"
#include "tests/status_matchers.h"

namespace crosswalk::mapping {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

MappingDecision Decision(int64_t id, const std::string& to_ref, MappingDecision::Verdict verdict,
                         const std::string& relationship) {
  MappingDecision d;
  d.id = id;
  d.from = "iso27001:2022";
  d.from_ref = "A.8.32";
  d.to = "iso20000-1:2018";
  d.to_ref = to_ref;
  d.relationship = relationship;
  d.verdict = verdict;
  d.by = "aiko";
  d.reason = "why " + to_ref;
  d.decided_at = 1700000000;
  return d;
}

TEST(OscalDecisionsTest, WrittenDecisionsReadBackTheSame) {
  const std::vector<MappingDecision> decisions = {
      Decision(1, "8.5.1.1", MappingDecision::Verdict::kConfirm, "equal"),
      Decision(2, "8.5.1.3", MappingDecision::Verdict::kReject, "intersects-with"),
      Decision(3, "8.5.2", MappingDecision::Verdict::kAdd, "subset-of"),
      Decision(4, "8.5.3", MappingDecision::Verdict::kReject, ""),
  };
  auto text = ExportOscalDecisions(decisions, "2026-12-05T00:00:00Z");
  ASSERT_THAT(text, IsOk());
  EXPECT_THAT(*text, HasSubstr("\"relationship\": \"equal-to\""));
  EXPECT_THAT(*text, HasSubstr("\"relationship\": \"no-relationship\""));
  OscalDecisions read = ReadOscalDecisions(*text, "d.json");
  EXPECT_THAT(read.problems, IsEmpty());
  ASSERT_THAT(read.decisions, SizeIs(4));
  for (size_t i = 0; i < decisions.size(); ++i) {
    SCOPED_TRACE(i);
    const MappingDecision& want = decisions[i];
    const MappingDecision& got = read.decisions[i];
    EXPECT_EQ(got.from, want.from);
    EXPECT_EQ(got.from_ref, want.from_ref);
    EXPECT_EQ(got.to, want.to);
    EXPECT_EQ(got.to_ref, want.to_ref);
    EXPECT_EQ(got.relationship, want.relationship);
    EXPECT_EQ(got.verdict, want.verdict);
    EXPECT_EQ(got.by, want.by);
    EXPECT_EQ(got.reason, want.reason);
  }
  // The collection's uuid (its last member: keys are written in order) changes when the decisions
  // do, and stays when they do not.
  auto uuid = [](const std::string& document) { return document.substr(document.rfind("\"uuid\"")); };
  auto fewer = ExportOscalDecisions({decisions[0]}, "2026-12-05T00:00:00Z");
  ASSERT_THAT(fewer, IsOk());
  EXPECT_NE(uuid(*fewer), uuid(*text));
  EXPECT_EQ(uuid(*ExportOscalDecisions(decisions, "2027-01-01T00:00:00Z")), uuid(*text));
  EXPECT_THAT(ExportOscalDecisions({}, "2026-12-05T00:00:00Z"), StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST(OscalDecisionsTest, AnotherToolsMapIsAnAddAndWhatCannotBeReadIsAProblem) {
  const std::string text = R"({"mapping-collection": {"mappings": [
    {"source-resource": {"href": "urn:crosswalk:catalog:iso9001:2015"},
     "target-resource": {"props": [{"name": "catalog", "ns": "urn:crosswalk:oscal", "value": "iso20000-1:2018"}]},
     "maps": [
       {"relationship": "equivalent-to", "sources": [{"id-ref": "8.5.6"}], "targets": [{"id-ref": "8.5.1"}]},
       {"relationship": "subset-of", "sources": [{"id-ref": "8.5.6"}, {"id-ref": "8.5.5"}], "targets": [{"id-ref": "8.5.1"}]},
       {"relationship": "subset-of", "sources": [{"id-ref": ""}], "targets": [{"id-ref": "8.5.1"}]},
       {"relationship": "subset-of", "sources": [{"id-ref": "8.5.6"}], "targets": [{"id-ref": "8.5.1"}],
        "props": [{"name": "decision", "ns": "urn:crosswalk:oscal", "value": "maybe"}]}]},
    {"source-resource": {"href": "https://example.org/other"}, "target-resource": {}, "maps": []},
    7]}})";
  OscalDecisions read = ReadOscalDecisions(text, "o.json");
  ASSERT_THAT(read.decisions, SizeIs(1));
  EXPECT_EQ(read.decisions[0].from, "iso9001:2015");
  EXPECT_EQ(read.decisions[0].to, "iso20000-1:2018");
  EXPECT_EQ(read.decisions[0].relationship, "equivalent");
  EXPECT_EQ(read.decisions[0].verdict, MappingDecision::Verdict::kAdd);
  EXPECT_EQ(read.decisions[0].by, "");
  EXPECT_THAT(read.problems,
              ElementsAre(HasSubstr("o.json: /mapping-collection/mappings/0/maps/1: a map needs one source"),
                          HasSubstr("/mappings/0/maps/2: a map needs one source"),
                          HasSubstr("/mappings/0/maps/3: decision 'maybe' is not confirm, reject or add"),
                          HasSubstr("/mappings/1: source-resource and target-resource must name catalogs"),
                          HasSubstr("/mappings/2: source-resource and target-resource must name catalogs")));
  EXPECT_THAT(ReadOscalDecisions("{", "x.json").problems, ElementsAre("x.json: /: not valid JSON"));
  EXPECT_THAT(ReadOscalDecisions("[]", "x.json").problems, ElementsAre(HasSubstr("expected an array of mappings")));
}

}  // namespace
}  // namespace crosswalk::mapping
