#include "gateway/mapping/relationship_algebra.h"

#include "absl/strings/str_join.h"

namespace crosswalk::mapping {
namespace {

constexpr uint8_t kEq = 1 << 0;
constexpr uint8_t kPp = 1 << 1;
constexpr uint8_t kPpi = 1 << 2;
constexpr uint8_t kPo = 1 << 3;
constexpr uint8_t kDr = 1 << 4;
constexpr uint8_t kAll = kEq | kPp | kPpi | kPo | kDr;

// kTable[r1][r2] = R(A,C) given R(A,B) = r1 and R(B,C) = r2; rows and columns in BaseRelation
// order (EQ, PP, PPI, PO, DR). The RCC5 composition table.
constexpr uint8_t kTable[5][5] = {
    /* EQ  */ {kEq, kPp, kPpi, kPo, kDr},
    /* PP  */ {kPp, kPp, kAll, kDr | kPo | kPp, kDr},
    /* PPI */ {kPpi, kEq | kPp | kPpi | kPo, kPpi, kPo | kPpi, kDr | kPo | kPpi},
    /* PO  */ {kPo, kPo | kPp, kDr | kPo | kPpi, kAll, kDr | kPo | kPpi},
    /* DR  */ {kDr, kDr | kPo | kPp, kDr, kDr | kPo | kPp, kAll},
};

}  // namespace

RelationSet RelationSet::Of(BaseRelation relation) {
  return RelationSet(static_cast<uint8_t>(1 << static_cast<int>(relation)));
}

RelationSet RelationSet::All() { return RelationSet(kAll); }

RelationSet RelationSet::FromRelationship(Relationship relationship) {
  switch (relationship) {
    case Relationship::kEqual:
    case Relationship::kEquivalent:
      return Of(BaseRelation::kEqual);
    case Relationship::kSubsetOf:
      return Of(BaseRelation::kProperPart);
    case Relationship::kSupersetOf:
      return Of(BaseRelation::kProperPartInverse);
    case Relationship::kIntersectsWith:
      return Of(BaseRelation::kOverlap);
    case Relationship::kNoRelationship:
      return Of(BaseRelation::kDisjoint);
  }
  return All();
}

bool RelationSet::Contains(BaseRelation relation) const {
  return (bits_ >> static_cast<int>(relation)) & 1;
}

bool RelationSet::IsSingle() const { return bits_ != 0 && (bits_ & (bits_ - 1)) == 0; }

RelationSet RelationSet::Union(RelationSet other) const { return RelationSet(bits_ | other.bits_); }

std::vector<BaseRelation> RelationSet::Members() const {
  std::vector<BaseRelation> out;
  for (int i = 0; i < 5; ++i) {
    if ((bits_ >> i) & 1) out.push_back(static_cast<BaseRelation>(i));
  }
  return out;
}

RelationSet Compose(RelationSet ab, RelationSet bc) {
  RelationSet out;
  for (BaseRelation r1 : ab.Members()) {
    for (BaseRelation r2 : bc.Members()) {
      out = out.Union(RelationSet::FromBits(kTable[static_cast<int>(r1)][static_cast<int>(r2)]));
    }
  }
  return out;
}

RelationSet Converse(RelationSet set) {
  RelationSet out;
  for (BaseRelation r : set.Members()) {
    if (r == BaseRelation::kProperPart) {
      r = BaseRelation::kProperPartInverse;
    } else if (r == BaseRelation::kProperPartInverse) {
      r = BaseRelation::kProperPart;
    }
    out = out.Union(RelationSet::Of(r));
  }
  return out;
}

namespace {

const char* BaseName(BaseRelation relation, bool semantic_equal) {
  switch (relation) {
    case BaseRelation::kEqual: return semantic_equal ? "equivalent" : "equal";
    case BaseRelation::kProperPart: return "subset-of";
    case BaseRelation::kProperPartInverse: return "superset-of";
    case BaseRelation::kOverlap: return "intersects-with";
    case BaseRelation::kDisjoint: return "no-relationship";
  }
  return "?";
}

}  // namespace

std::string Label(RelationSet set, bool semantic_equal) {
  if (set.IsSingle()) return BaseName(set.Members().front(), semantic_equal);
  if (set.empty()) return "unknown";
  return set.Contains(BaseRelation::kDisjoint) ? "unknown" : "related";
}

std::string Describe(RelationSet set) {
  std::vector<std::string> names;
  for (BaseRelation r : set.Members()) names.push_back(BaseName(r, false));
  return absl::StrJoin(names, "|");
}

}  // namespace crosswalk::mapping
