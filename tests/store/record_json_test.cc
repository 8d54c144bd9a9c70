#include "gateway/store/record_json.h"

#include <cstdint>
#include <limits>
#include <set>
#include <string>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/status_matchers.h"
#include "tests/store/memory_terms.h"
#include "tests/store/record_fields.h"

namespace crosswalk {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;

// The row's columns a v3 body leaves out, for `record`.
StoredRowKey KeyOf(const Record& record) {
  return {record.provenance.native_id, record.provenance.content_hash};
}

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
  auto back = RecordFromJson(RecordToJson(full), KeyOf(full), nullptr);
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
  auto back = RecordFromJson(RecordToJson(sparse), KeyOf(sparse), nullptr);
  ASSERT_THAT(back, IsOk());
  EXPECT_THAT(DifferingFields(sparse, *back), IsEmpty());
  EXPECT_FALSE(back->updated.has_value());
  EXPECT_TRUE(back->opened.has_value());
}

TEST(RecordJsonTest, UnreadableStoredRecordIsDataLoss) {
  for (const std::string text : {"", "{", "[]", "{\"kind\":\"x\"}",
                                 "{\"kind\":\"x\",\"links\":[[1,2]],\"provenance\":{\"origins\":[]}}"}) {
    SCOPED_TRACE(text);
    EXPECT_THAT(RecordFromJson(text, {}, nullptr),
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
  // its attribute has no type. Native id and content hash are the row's: not in the body.
  const std::string expected =
      R"({"v":3,"k":"incident","t":"Mail down","s":"new","p":"critical","op":1735689600,)"
      R"("at":[["sys_id","cd61"],["made_sla","true","bool"]],)"
      R"("pv":{"s":"sn","k":"incident","l":"incidents.json line 2","f":1796648264,)"
      R"("o":[["kind","sn.kind.incident"],["status","1","sn.incident.state.1"],["made_sla","sn.flag.true"]]}})";
  EXPECT_EQ(body, expected);
  // 79 + 52 + 73 + 100 bytes, the four literal pieces above.
  EXPECT_EQ(body.size(), 304u);
  auto back = RecordFromJson(body, KeyOf(ServiceNowIncident()), nullptr);
  ASSERT_THAT(back, IsOk());
  EXPECT_THAT(DifferingFields(ServiceNowIncident(), *back), IsEmpty());
}

// With a term table, attribute keys, the location before its line number and every translated
// origin are ids, numbered here in the order the encoder first asks for them.
TEST(RecordJsonTest, WritesRecurringTextAsTermIds) {
  MemoryTerms terms;
  auto body = RecordToJson(ServiceNowIncident(), terms);
  ASSERT_THAT(body, IsOk());
  EXPECT_EQ(*body, R"({"v":3,"k":"incident","t":"Mail down","s":"new","p":"critical","op":1735689600,)"
                   R"("at":[[1,"cd61"],[2,"true","bool"]],"pv":{"s":"sn","k":"incident","l":[3,"2"],"f":1796648264,)"
                   R"("o":[4,5,6]}})");
  EXPECT_EQ(terms.cache().Get(3)->text, "incidents.json line ");
  EXPECT_EQ(terms.cache().Get(4)->text, R"(["kind","incident","sn.kind.incident"])");
  EXPECT_EQ(terms.cache().Get(6)->origin->native_value, "true");
  auto back = RecordFromJson(*body, KeyOf(ServiceNowIncident()), &terms);
  ASSERT_THAT(back, IsOk());
  EXPECT_THAT(DifferingFields(ServiceNowIncident(), *back), IsEmpty());
  // A second record of the source adds no term.
  Record next = ServiceNowIncident();
  next.provenance.location = "incidents.json line 3";
  next.provenance.native_id = "INC2";
  ASSERT_THAT(RecordToJson(next, terms), IsOk());
  EXPECT_EQ(terms.cache().Find("incidents.json line 3"), std::nullopt);
  EXPECT_EQ(terms.cache().Get(7), nullptr);

  // Without the table, or with one that lacks the id, the body does not read.
  EXPECT_THAT(RecordFromJson(*body, KeyOf(ServiceNowIncident()), nullptr),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("refers to body term 1")));
  MemoryTerms empty;
  EXPECT_THAT(RecordFromJson(*body, KeyOf(ServiceNowIncident()), &empty), StatusIs(absl::StatusCode::kDataLoss));
  // An origin that refers to a term which is no origin (an attribute key) is damage, not a guess.
  EXPECT_THAT(RecordFromJson(R"({"v":3,"k":"x","pv":{"o":[1]}})", {}, &terms),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("no origin")));
}

// What is written out rather than kept as a term: an unmapped value (no rule), a native value too
// long to be worth a term, a location without a prefix.
TEST(RecordJsonTest, KeepsOneOffTextOutOfTheTermTable) {
  Record r;
  r.kind = "incident";
  r.title = std::string(300, 'x');
  r.provenance.source = "sn";
  r.provenance.location = "42";
  r.provenance.origins = {{"priority", "P9", ""}, {"title", r.title, "rule.title"}, {"status", "1", "rule.status"}};
  MemoryTerms terms;
  auto body = RecordToJson(r, terms);
  ASSERT_THAT(body, IsOk());
  EXPECT_THAT(*body, HasSubstr(R"("l":"42")"));
  EXPECT_THAT(*body, HasSubstr(R"("o":[["priority","P9",""],["title","rule.title"],1]})"));
  auto back = RecordFromJson(*body, KeyOf(r), &terms);
  ASSERT_THAT(back, IsOk());
  EXPECT_THAT(DifferingFields(r, *back), IsEmpty());
}

// A full table takes no new terms: the transaction writes new text out, and keeps using the terms
// the table already holds.
TEST(BodyTermsTest, AFullTableTakesNoNewTerms) {
  BodyTermCache cache;
  int inserted = 0;
  auto insert = [&](absl::string_view) -> absl::StatusOr<int64_t> { return 100 + ++inserted; };
  auto select = [](int64_t) -> absl::StatusOr<std::string> { return absl::NotFoundError("none"); };
  TransactionTerms first(cache, insert, select);
  ASSERT_THAT(RecordToJson(ServiceNowIncident(), first), IsOk());
  first.Commit();
  EXPECT_EQ(inserted, 6);
  cache.SetTableSize(kMaxBodyTerms);
  Record other = ServiceNowIncident();
  other.provenance.origins[1].native_value = "2";
  TransactionTerms second(cache, insert, select);
  auto body = RecordToJson(other, second);
  ASSERT_THAT(body, IsOk());
  EXPECT_EQ(inserted, 6);
  EXPECT_THAT(*body, HasSubstr(R"("o":[104,["status","2","sn.incident.state.1"],106])"));
  auto back = RecordFromJson(*body, KeyOf(other), &second);
  ASSERT_THAT(back, IsOk());
  EXPECT_THAT(DifferingFields(other, *back), IsEmpty());
}

// The same record as v2 wrote it: native id and content hash in the body, no term ids.
constexpr char kV2Body[] =
    R"({"v":2,"k":"incident","t":"Mail down","s":"new","p":"critical","op":1735689600,)"
    R"("at":[["sys_id","cd61"],["made_sla","true","bool"]],)"
    R"("pv":{"s":"sn","n":"INC1","k":"incident","l":"incidents.json line 2","f":1796648264,"h":"ab12",)"
    R"("o":[["kind","sn.kind.incident"],["status","1","sn.incident.state.1"],["made_sla","sn.flag.true"]]}})";

TEST(RecordJsonTest, ReadsTheV2BodyWithItsOwnKey) {
  auto back = RecordFromJson(kV2Body, {"row-id", "row-hash"}, nullptr);
  ASSERT_THAT(back, IsOk());
  EXPECT_THAT(DifferingFields(ServiceNowIncident(), *back), IsEmpty());
}

// The same record as written before v2: long keys, typed text attributes, every origin in full.
// v3 written out in full is 136 bytes shorter: its keys save kind→k 3, title→t 4, status→s 5,
// priority→p 7, opened→op 4, attributes→at 8 (31), provenance→pv 8, source→s 5, native_kind→k 10,
// location→l 7, fetched_at→f 9, origins→o 6 (45); native id and content hash leave, "native_id":
// "INC1", 19 and ,"content_hash":"ab12" 22 (41); sys_id's "text", 7; the origins' "incident", 11
// and "true", 7; less its own "v":3, 6: 31 + 45 + 41 + 7 + 18 - 6 = 136.
constexpr char kV1Body[] =
    R"({"kind":"incident","title":"Mail down","status":"new","priority":"critical","opened":1735689600,)"
    R"("attributes":[["sys_id","text","cd61"],["made_sla","bool","true"]],)"
    R"("provenance":{"source":"sn","native_id":"INC1","native_kind":"incident","location":"incidents.json line 2",)"
    R"("fetched_at":1796648264,"content_hash":"ab12",)"
    R"("origins":[["kind","incident","sn.kind.incident"],["status","1","sn.incident.state.1"],)"
    R"(["made_sla","true","sn.flag.true"]]}})";

TEST(RecordJsonTest, ReadsTheBodyWrittenBeforeV2) {
  auto back = RecordFromJson(kV1Body, {"row-id", "row-hash"}, nullptr);
  ASSERT_THAT(back, IsOk());
  EXPECT_THAT(DifferingFields(ServiceNowIncident(), *back), IsEmpty());
  EXPECT_EQ(std::string(kV1Body).size() - RecordToJson(*back).size(), 136u);
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
  auto back = RecordFromJson(body, KeyOf(r), nullptr);
  ASSERT_THAT(back, IsOk());
  EXPECT_THAT(DifferingFields(r, *back), IsEmpty());
}

TEST(RecordJsonTest, UnreadableCompactBodyIsDataLoss) {
  // An origin without its native value names a field the record does not have; an unknown version;
  // no provenance; a location that is neither text nor [term, number]; a term id that is no integer.
  for (const std::string text : {R"({"v":2,"k":"x","pv":{"o":[["owner","rule"]]}})", R"({"v":4,"k":"x"})",
                                 R"({"v":2,"k":"x"})", R"({"v":3,"k":"x"})", R"({"v":2,"k":"x","pv":{"o":[["a"]]}})",
                                 R"({"v":3,"k":"x","pv":{"l":[1]}})", R"({"v":3,"k":"x","pv":{"l":["a","1"]}})",
                                 R"({"v":3,"k":"x","at":[[1.5,"a"]],"pv":{}})"}) {
    SCOPED_TRACE(text);
    EXPECT_THAT(RecordFromJson(text, {}, nullptr),
                StatusIs(absl::StatusCode::kDataLoss, ::testing::StartsWith("stored record is not readable: ")));
  }
}

// A re-read that normalised the record the same is the same body whichever layout was stored;
// only when it was fetched may differ.
TEST(RecordJsonTest, SameNormalisedBodyComparesRecordsNotLayouts) {
  Record again = ServiceNowIncident();
  again.provenance.fetched_at += 3600;
  const StoredRowKey key = KeyOf(again);
  MemoryTerms terms;
  auto with_terms = RecordToJson(ServiceNowIncident(), terms);
  ASSERT_THAT(with_terms, IsOk());
  for (const std::string& stored : {std::string(kV1Body), std::string(kV2Body), RecordToJson(ServiceNowIncident()), *with_terms}) {
    SCOPED_TRACE(stored);
    EXPECT_TRUE(SameNormalisedBody(stored, key, &terms, again));
    Record changed = again;
    changed.provenance.origins[0].rule_id = "sn.kind.other";
    EXPECT_FALSE(SameNormalisedBody(stored, key, &terms, changed));
    changed = again;
    changed.attributes[0].type = "number";
    EXPECT_FALSE(SameNormalisedBody(stored, key, &terms, changed));
  }
  EXPECT_FALSE(SameNormalisedBody("{", key, &terms, again));
}

}  // namespace
}  // namespace crosswalk
