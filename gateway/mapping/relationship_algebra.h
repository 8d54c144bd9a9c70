#ifndef CROSSWALK_GATEWAY_MAPPING_RELATIONSHIP_ALGEBRA_H_
#define CROSSWALK_GATEWAY_MAPPING_RELATIONSHIP_ALGEBRA_H_

#include <cstdint>
#include <string>
#include <vector>

#include "gateway/mapping/vocabulary.h"

// Sound composition of set-theory relationships along a chain of mappings.
//
// Each item is read as the (non-empty) set of what it requires or covers. Between two such sets
// exactly one of five base relations holds (RCC5): equal (EQ), proper part (PP, "subset-of"),
// proper part inverse (PPI, "superset-of"), partial overlap (PO, "intersects-with": each has content
// the other lacks) and disjoint (DR, "no-relationship"). What a chain A→B→C tells about A and C is
// the set of base relations consistent with both hops: the composition. The table in the .cc file
// is proved against brute force over small sets by relationship_algebra_test.
namespace crosswalk::mapping {

enum class BaseRelation : uint8_t { kEqual = 0, kProperPart, kProperPartInverse, kOverlap, kDisjoint };

// A set of possible base relations, as a bit mask (bit i = BaseRelation i).
class RelationSet {
 public:
  constexpr RelationSet() = default;
  static RelationSet Of(BaseRelation relation);
  static RelationSet All();
  static constexpr RelationSet FromBits(uint8_t bits) { return RelationSet(bits); }
  // What a stated relationship means: equal and equivalent are EQ, and so on.
  static RelationSet FromRelationship(Relationship relationship);

  bool Contains(BaseRelation relation) const;
  bool empty() const { return bits_ == 0; }
  bool IsSingle() const;
  uint8_t bits() const { return bits_; }
  RelationSet Union(RelationSet other) const;
  std::vector<BaseRelation> Members() const;

  friend bool operator==(RelationSet a, RelationSet b) { return a.bits_ == b.bits_; }

 private:
  constexpr explicit RelationSet(uint8_t bits) : bits_(bits) {}
  uint8_t bits_ = 0;
};

// R(A,C) for every R(A,B) in `ab` and R(B,C) in `bc`.
RelationSet Compose(RelationSet ab, RelationSet bc);

// R(B,A) for every R(A,B) in `set`.
RelationSet Converse(RelationSet set);

// The most specific label that covers `set`:
// - one base relation: its relationship name (equal, subset-of, superset-of, intersects-with,
//   no-relationship);
// - several, none of them disjoint: "related" — the two overlap in some way, but how is not known
//   (e.g. superset-of∘subset-of: A and C both contain B);
// - several including disjoint: "unknown" — the chain supports no claim.
// `equivalent` stands in for equal when `semantic_equal` (some hop was equivalent, not equal).
std::string Label(RelationSet set, bool semantic_equal = false);

// The names of the base relations in `set`, joined with '|', e.g. "superset-of|intersects-with".
std::string Describe(RelationSet set);

}  // namespace crosswalk::mapping

#endif  // CROSSWALK_GATEWAY_MAPPING_RELATIONSHIP_ALGEBRA_H_
