#include "gateway/report/record_listing.h"

#include <string>
#include <vector>

#include "absl/strings/str_format.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/report/test_records.h"

namespace crosswalk::report {
namespace {

using ::testing::ElementsAre;

std::vector<std::string> Ids(const std::vector<RecordKey>& table, const RecordRefs& refs) {
  std::vector<std::string> ids;
  for (uint32_t ref : refs) ids.push_back(table.at(ref).native_id);
  return ids;
}

// Offered in descending key order, every record displaces the largest kept one: 10,000 offers to
// two listings keep 2 and 3 keys, the union of both (the 3 smallest) is all the table holds, and
// keys dropped by both were released (their slots reused, or the table would hold more).
TEST(RecordListingsTest, KeepsTheSmallestKeysAndReleasesTheRest) {
  RecordListings listings(3);
  ListingId all = kNoListing, even = kNoListing;
  for (int i = 9999; i >= 0; --i) {
    const Record record = RecordBuilder("incident", absl::StrFormat("INC%05d", i), "sn");
    ListingCandidate candidate(record);
    listings.Offer(&all, candidate);
    if (i % 2 == 0) listings.Offer(&even, candidate);
    listings.Offer(&all, candidate);  // again: no effect
  }
  const std::vector<RecordKey> table = listings.Seal();
  EXPECT_EQ(table.size(), 4u);  // INC00000-00002 and INC00004
  const RecordRefs refs_all = listings.Refs(all), refs_even = listings.Refs(even);
  EXPECT_EQ(refs_all.size(), 10000u);
  EXPECT_THAT(Ids(table, refs_all), ElementsAre("INC00000", "INC00001", "INC00002"));
  EXPECT_EQ(refs_even.size(), 5000u);
  EXPECT_THAT(Ids(table, refs_even), ElementsAre("INC00000", "INC00002", "INC00004"));
  EXPECT_EQ(listings.Refs(kNoListing), RecordRefs());
}

// Keys order by source, then native id, then location (KeyLess): "a/9" before "b/1".
TEST(RecordListingsTest, OrdersBySourceThenNativeId) {
  RecordListings listings(2);
  ListingId id = kNoListing;
  for (const auto& [source, native_id] : std::vector<std::pair<std::string, std::string>>{
           {"b", "1"}, {"a", "9"}, {"c", "0"}}) {
    const Record record = RecordBuilder("change", native_id, source);
    ListingCandidate candidate(record);
    listings.Offer(&id, candidate);
  }
  const std::vector<RecordKey> table = listings.Seal();
  ASSERT_EQ(table.size(), 2u);
  EXPECT_EQ(table[0].source, "a");
  EXPECT_EQ(table[1].source, "b");
  EXPECT_EQ(listings.Refs(id), RecordRefs(3, {0, 1}));
}

// max_listed 0 counts without keeping anything.
TEST(RecordListingsTest, ZeroMaxListedCountsOnly) {
  RecordListings listings(0);
  ListingId id = kNoListing;
  const Record record = RecordBuilder("incident", "INC1");
  ListingCandidate candidate(record);
  listings.Offer(&id, candidate);
  EXPECT_TRUE(listings.Seal().empty());
  EXPECT_EQ(listings.Refs(id), RecordRefs(1, {}));
}

}  // namespace
}  // namespace crosswalk::report
