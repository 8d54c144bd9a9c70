#include "gateway/mapping/relationship_algebra.h"

#include "gtest/gtest.h"

namespace crosswalk::mapping {
namespace {

// The base relation between two non-empty sets given as bit masks.
BaseRelation Between(unsigned a, unsigned b) {
  if (a == b) return BaseRelation::kEqual;
  if ((a & b) == 0) return BaseRelation::kDisjoint;
  if ((a & b) == a) return BaseRelation::kProperPart;
  if ((a & b) == b) return BaseRelation::kProperPartInverse;
  return BaseRelation::kOverlap;
}

// Every triple of non-empty subsets of a 5-element universe: for each pair of base relations
// (A,B) and (B,C), the relations (A,C) that actually occur must be exactly the table's composition.
// Five elements are enough for every consistent configuration of three sets (each of the seven
// regions of a three-set Venn diagram gets its own element, with room to spare).
TEST(RelationshipAlgebraTest, CompositionTableEqualsBruteForce) {
  constexpr unsigned kSets = (1u << 5) - 1;
  RelationSet seen[5][5];
  for (unsigned a = 1; a <= kSets; ++a) {
    for (unsigned b = 1; b <= kSets; ++b) {
      for (unsigned c = 1; c <= kSets; ++c) {
        const int ab = static_cast<int>(Between(a, b));
        const int bc = static_cast<int>(Between(b, c));
        seen[ab][bc] = seen[ab][bc].Union(RelationSet::Of(Between(a, c)));
      }
    }
  }
  for (int r1 = 0; r1 < 5; ++r1) {
    for (int r2 = 0; r2 < 5; ++r2) {
      const RelationSet composed = Compose(RelationSet::Of(static_cast<BaseRelation>(r1)),
                                           RelationSet::Of(static_cast<BaseRelation>(r2)));
      EXPECT_EQ(composed, seen[r1][r2])
          << Describe(RelationSet::Of(static_cast<BaseRelation>(r1))) << " ∘ "
          << Describe(RelationSet::Of(static_cast<BaseRelation>(r2))) << ": table says "
          << Describe(composed) << ", sets say " << Describe(seen[r1][r2]);
    }
  }
}

// Composition is associative, so a chain's result does not depend on how it is grouped.
TEST(RelationshipAlgebraTest, CompositionIsAssociativeOverAllSets) {
  for (unsigned x = 1; x < 32; ++x) {
    for (unsigned y = 1; y < 32; ++y) {
      for (unsigned z = 1; z < 32; ++z) {
        const RelationSet a = RelationSet::FromBits(x), b = RelationSet::FromBits(y),
                          c = RelationSet::FromBits(z);
        ASSERT_EQ(Compose(Compose(a, b), c), Compose(a, Compose(b, c)));
      }
    }
  }
}

TEST(RelationshipAlgebraTest, ConverseMatchesReadingBackwards) {
  for (unsigned a = 1; a < 32; ++a) {
    for (unsigned b = 1; b < 32; ++b) {
      EXPECT_EQ(Converse(RelationSet::Of(Between(a, b))), RelationSet::Of(Between(b, a)));
    }
  }
}

RelationSet Of(Relationship r) { return RelationSet::FromRelationship(r); }

TEST(RelationshipAlgebraTest, TheDesignExamples) {
  using R = Relationship;
  EXPECT_EQ(Label(Compose(Of(R::kSubsetOf), Of(R::kSubsetOf))), "subset-of");
  EXPECT_EQ(Label(Compose(Of(R::kSubsetOf), Of(R::kNoRelationship))), "no-relationship");
  EXPECT_EQ(Label(Compose(Of(R::kIntersectsWith), Of(R::kEqual))), "intersects-with");
  // No claim beyond "related": A contains B and C contains B, nothing more is known.
  EXPECT_EQ(Label(Compose(Of(R::kSupersetOf), Of(R::kSubsetOf))), "related");
  EXPECT_EQ(Describe(Compose(Of(R::kSupersetOf), Of(R::kSubsetOf))),
            "equal|subset-of|superset-of|intersects-with");
  // A contains B, which overlaps C: A overlaps C and may contain it.
  EXPECT_EQ(Describe(Compose(Of(R::kSupersetOf), Of(R::kIntersectsWith))),
            "superset-of|intersects-with");
  // no-relationship∘anything is not no-relationship (the published "transitivity table" error).
  EXPECT_EQ(Label(Compose(Of(R::kNoRelationship), Of(R::kSubsetOf))), "unknown");
  EXPECT_EQ(Label(Compose(Of(R::kNoRelationship), Of(R::kSupersetOf))), "no-relationship");
  EXPECT_EQ(Label(Compose(Of(R::kEquivalent), Of(R::kEquivalent)), true), "equivalent");
}

TEST(RelationshipAlgebraTest, FourHopChain) {
  using R = Relationship;
  // subset-of, equal, subset-of, equivalent: still a subset.
  RelationSet chain = Of(R::kSubsetOf);
  for (R hop : {R::kEqual, R::kSubsetOf, R::kEquivalent}) chain = Compose(chain, Of(hop));
  EXPECT_EQ(Label(chain, true), "subset-of");
  // One intersects-with hop in a subset chain leaves overlap-or-part.
  chain = Compose(Compose(Compose(Of(R::kSubsetOf), Of(R::kIntersectsWith)), Of(R::kEqual)),
                  Of(R::kSupersetOf));
  EXPECT_EQ(Label(chain), "unknown");
}

}  // namespace
}  // namespace crosswalk::mapping
