#include "gateway/store/record_json.h"

#include <cstdint>
#include <limits>
#include <set>
#include <string>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/status_matchers.h"
#include "tests/store/record_fields.h"

namespace crosswalk {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;

// The fixture the round trips rely on: a comparison that passes because a leaf is empty on both
// sides, or because two leaves were swapped and hold the same value, proves nothing.
TEST(RecordFieldsTest, FullRecordFillsEveryLeafWithADistinctValue) {
  std::set<std::string> values;
  for (const RecordLeaf& leaf : RecordLeaves(FullRecord())) {
    SCOPED_TRACE(leaf.path);
    EXPECT_FALSE(leaf.is_default) << leaf.value;
    EXPECT_TRUE(values.insert(leaf.value).second) << "value shared with another leaf: " << leaf.value;
  }
  // Every member is visited: 11 scalars of Record, a list of 1 calendar date, 2 lists of 2 and 3
  // items, Provenance's 6 scalars and a list of 4 origins (list sizes count as leaves).
  EXPECT_EQ(values.size(), 11 + (1 + 1) + (1 + 2 * 2) + (1 + 3 * 3) + 6 + (1 + 4 * 3));
}

TEST(RecordFieldsTest, DifferingFieldsNamesTheLeaf) {
  Record changed = FullRecord();
  changed.provenance.origins[1].rule_id = "other";
  changed.effective.reset();
  EXPECT_THAT(DifferingFields(FullRecord(), changed),
              ::testing::ElementsAre("effective: -86400 vs absent",
                                     "provenance.origins[1].rule_id: \"servicenow.priority.2\" vs \"other\""));
}

TEST(RecordJsonTest, RoundTripKeepsEveryField) {
  const Record full = FullRecord();
  auto back = RecordFromJson(RecordToJson(full));
  ASSERT_THAT(back, IsOk());
  EXPECT_THAT(DifferingFields(full, *back), IsEmpty());
}

// Unset stays unset and set-to-zero stays set; empty lists and strings come back empty.
TEST(RecordJsonTest, RoundTripKeepsAbsentAndZeroApart) {
  Record sparse;
  sparse.kind = "control";
  sparse.opened = 0;
  sparse.closed = std::numeric_limits<int64_t>::min();
  sparse.effective = std::numeric_limits<int64_t>::max();
  auto back = RecordFromJson(RecordToJson(sparse));
  ASSERT_THAT(back, IsOk());
  EXPECT_THAT(DifferingFields(sparse, *back), IsEmpty());
  EXPECT_FALSE(back->updated.has_value());
  EXPECT_TRUE(back->opened.has_value());
}

TEST(RecordJsonTest, UnreadableStoredRecordIsDataLoss) {
  for (const std::string text : {"", "{", "[]", "{\"kind\":\"x\"}",
                                 "{\"kind\":\"x\",\"links\":[[1,2]],\"provenance\":{\"origins\":[]}}"}) {
    SCOPED_TRACE(text);
    EXPECT_THAT(RecordFromJson(text),
                StatusIs(absl::StatusCode::kDataLoss, ::testing::StartsWith("stored record is not readable: ")));
  }
}

// A ServiceNow-like incident as the normaliser leaves it: the kind's native value is the kind
// itself, the other origins translate a native code.
Record ServiceNowIncident() {
  Record r;
  r.kind = "incident";
  r.title = "Mail down";
  r.status = "new";
  r.priority = "critical";
  r.opened = 1735689600;
  r.attributes = {{"sys_id", "text", "cd61"}, {"made_sla", "bool", "true"}};
  Provenance& p = r.provenance;
  p.source = "sn";
  p.native_id = "INC1";
  p.native_kind = "incident";
  p.location = "incidents.json line 2";
  p.fetched_at = 1796648264;
  p.content_hash = "ab12";
  p.origins = {{"kind", "incident", "sn.kind.incident"},
               {"status", "1", "sn.incident.state.1"},
               {"made_sla", "true", "sn.flag.true"}};
  return r;
}

TEST(RecordJsonTest, WritesTheCompactLayout) {
  const std::string body = RecordToJson(ServiceNowIncident());
  // The kind origin drops its native value ("incident" is the kind); the status origin keeps "1";
  // made_sla's native "true" equals its attribute's value, so it drops it too. sys_id is text, so
  // its attribute has no type.
  const std::string expected =
      R"({"v":2,"k":"incident","t":"Mail down","s":"new","p":"critical","op":1735689600,)"
      R"("at":[["sys_id","cd61"],["made_sla","true","bool"]],)"
      R"("pv":{"s":"sn","n":"INC1","k":"incident","l":"incidents.json line 2","f":1796648264,"h":"ab12",)"
      R"("o":[["kind","sn.kind.incident"],["status","1","sn.incident.state.1"],["made_sla","sn.flag.true"]]}})";
  EXPECT_EQ(body, expected);
  // 79 + 52 + 95 + 100 bytes, the four literal pieces above.
  EXPECT_EQ(body.size(), 326u);
  auto back = RecordFromJson(body);
  ASSERT_THAT(back, IsOk());
  EXPECT_THAT(DifferingFields(ServiceNowIncident(), *back), IsEmpty());
}

// The same record as written before v2: long keys, typed text attributes, every origin in full.
// v2 is 114 bytes shorter: its keys save kind→k 3, title→t 4, status→s 5, priority→p 7,
// opened→op 4, attributes→at 8 (31), provenance→pv 8, source→s 5, native_id→n 8, native_kind→k 10,
// location→l 7, fetched_at→f 9, content_hash→h 11, origins→o 6 (64); sys_id's "text", 7; the
// origins' "incident", 11 and "true", 7; less its own "v":2, 6: 31 + 64 + 7 + 18 - 6 = 114.
constexpr char kV1Body[] =
    R"({"kind":"incident","title":"Mail down","status":"new","priority":"critical","opened":1735689600,)"
    R"("attributes":[["sys_id","text","cd61"],["made_sla","bool","true"]],)"
    R"("provenance":{"source":"sn","native_id":"INC1","native_kind":"incident","location":"incidents.json line 2",)"
    R"("fetched_at":1796648264,"content_hash":"ab12",)"
    R"("origins":[["kind","incident","sn.kind.incident"],["status","1","sn.incident.state.1"],)"
    R"(["made_sla","true","sn.flag.true"]]}})";

TEST(RecordJsonTest, ReadsTheBodyWrittenBeforeV2) {
  auto back = RecordFromJson(kV1Body);
  ASSERT_THAT(back, IsOk());
  EXPECT_THAT(DifferingFields(ServiceNowIncident(), *back), IsEmpty());
  EXPECT_EQ(std::string(kV1Body).size() - RecordToJson(*back).size(), 114u);
}

TEST(RecordJsonTest, OriginKeepsItsNativeValueUnlessItIsTheCanonicalOne) {
  Record r;
  r.kind = "control";
  r.status = "implemented";
  r.attributes = {{"owner", "text", "Sato"}, {"owner", "text", "Ito"}, {"applicable", "bool", "true"}};
  r.provenance.origins = {
      {"status", "implemented", "common.status.implemented"},  // equal: written as [field, rule]
      {"priority", "P9", ""},                                  // unmapped: always in full
      {"status", "implemented", ""},                           // equal but unmapped: in full
      {"owner", "Sato", "rule.owner"},                         // the first owner attribute: equal
      {"owner", "Ito", "rule.owner"},                          // not the first owner: in full
      {"applicable", "Yes", "common.flag.yes"},                // translated: in full
      {"effective", "reviewed", "preset:x:effective_from:reviewed"},  // no such field: in full
      {"kind", "", "preset:isms-soa"},                         // empty native value: in full
  };
  const std::string body = RecordToJson(r);
  EXPECT_THAT(body, HasSubstr(R"("o":[["status","common.status.implemented"],["priority","P9",""],)"
                              R"(["status","implemented",""],["owner","rule.owner"],["owner","Ito","rule.owner"],)"
                              R"(["applicable","Yes","common.flag.yes"],)"
                              R"(["effective","reviewed","preset:x:effective_from:reviewed"],["kind","","preset:isms-soa"]])"));
  auto back = RecordFromJson(body);
  ASSERT_THAT(back, IsOk());
  EXPECT_THAT(DifferingFields(r, *back), IsEmpty());
}

TEST(RecordJsonTest, UnreadableV2BodyIsDataLoss) {
  // An origin without its native value names a field the record does not have; an unknown version.
  for (const std::string text : {R"({"v":2,"k":"x","pv":{"o":[["owner","rule"]]}})", R"({"v":3,"k":"x"})",
                                 R"({"v":2,"k":"x"})", R"({"v":2,"k":"x","pv":{"o":[["a"]]}})"}) {
    SCOPED_TRACE(text);
    EXPECT_THAT(RecordFromJson(text),
                StatusIs(absl::StatusCode::kDataLoss, ::testing::StartsWith("stored record is not readable: ")));
  }
}

// A re-read that normalised the record the same is the same body whichever layout was stored;
// only when it was fetched may differ.
TEST(RecordJsonTest, SameNormalisedBodyComparesRecordsNotLayouts) {
  Record again = ServiceNowIncident();
  again.provenance.fetched_at += 3600;
  const std::string body = RecordToJson(again);
  EXPECT_TRUE(SameNormalisedBody(kV1Body, again, body));
  EXPECT_TRUE(SameNormalisedBody(RecordToJson(ServiceNowIncident()), again, body));

  Record changed = again;
  changed.provenance.origins[0].rule_id = "sn.kind.other";
  EXPECT_FALSE(SameNormalisedBody(kV1Body, changed, RecordToJson(changed)));
  changed = again;
  changed.attributes[0].type = "number";
  EXPECT_FALSE(SameNormalisedBody(RecordToJson(ServiceNowIncident()), changed, RecordToJson(changed)));
  EXPECT_FALSE(SameNormalisedBody("{", again, body));
}

}  // namespace
}  // namespace crosswalk
