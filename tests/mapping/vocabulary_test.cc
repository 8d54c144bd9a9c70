#include "gateway/mapping/vocabulary.h"

#include "gtest/gtest.h"

namespace crosswalk::mapping {
namespace {

TEST(VocabularyTest, EveryNameParsesBack) {
  for (absl::string_view name : RelationshipNames()) {
    auto parsed = ParseRelationship(name);
    ASSERT_TRUE(parsed.has_value()) << name;
    EXPECT_EQ(Name(*parsed), name);
  }
  for (absl::string_view name : RationaleNames()) EXPECT_EQ(Name(*ParseRationale(name)), name);
  for (absl::string_view name : BasisNames()) EXPECT_EQ(Name(*ParseBasis(name)), name);
  for (absl::string_view name : ConfidenceNames()) EXPECT_EQ(Name(*ParseConfidence(name)), name);
  EXPECT_FALSE(ParseRelationship("Subset-Of").has_value());
  EXPECT_FALSE(ParseBasis("").has_value());
}

TEST(VocabularyTest, InverseSwapsSubsetAndSupersetOnly) {
  EXPECT_EQ(Inverse(Relationship::kSubsetOf), Relationship::kSupersetOf);
  EXPECT_EQ(Inverse(Relationship::kSupersetOf), Relationship::kSubsetOf);
  for (Relationship r : {Relationship::kEqual, Relationship::kEquivalent,
                         Relationship::kIntersectsWith, Relationship::kNoRelationship}) {
    EXPECT_EQ(Inverse(r), r);
  }
  for (absl::string_view name : RelationshipNames()) {
    const Relationship r = *ParseRelationship(name);
    EXPECT_EQ(Inverse(Inverse(r)), r);
  }
}

}  // namespace
}  // namespace crosswalk::mapping
