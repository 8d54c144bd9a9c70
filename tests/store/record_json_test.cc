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

}  // namespace
}  // namespace crosswalk
