#include "gateway/mapping/path_search.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "gateway/core/organisation_text.h"

namespace crosswalk::mapping {
namespace {

// What "member is subset-of ancestor" and "ancestor is `stated` to X" give for "member … X";
// nullopt when nothing follows (see MapResult::derived).
std::optional<Relationship> InheritedRelationship(const CatalogItem& ancestor, Relationship stated) {
  const bool control_group =
      ancestor.kind == "annex" || ancestor.kind == "domain" || ancestor.kind == "objective";
  switch (stated) {
    case Relationship::kEqual:
    case Relationship::kEquivalent:
    case Relationship::kSubsetOf:
      return Relationship::kSubsetOf;
    case Relationship::kNoRelationship:
      return Relationship::kNoRelationship;
    case Relationship::kSupersetOf:
    case Relationship::kIntersectsWith:
      if (control_group) return Relationship::kIntersectsWith;
      return std::nullopt;
  }
  return std::nullopt;
}

// The hypothesis a candidate offers: the two overlap somehow (the relations without disjoint).
RelationSet Overlapping(RelationSet relations) {
  return RelationSet::FromBits(relations.bits() &
                               ~RelationSet::Of(BaseRelation::kDisjoint).bits());
}

std::string Describe(const std::vector<PathHop>& path) {
  std::string out;
  for (const PathHop& hop : path) absl::StrAppend(&out, out.empty() ? "" : ">", hop.ToString());
  return out;
}

}  // namespace

std::vector<CrosswalkRow> OrganisationRows(const std::vector<MappingDecision>& decisions) {
  std::vector<CrosswalkRow> rows;
  for (const MappingDecision& decision : decisions) {
    if (decision.verdict == MappingDecision::Verdict::kReject) continue;
    auto relationship = ParseRelationship(decision.relationship);
    if (!relationship) continue;
    CrosswalkRow row;
    row.from = decision.from;
    row.to = decision.to;
    row.from_ref = decision.from_ref;
    row.to_ref = decision.to_ref;
    row.relationship = *relationship;
    row.basis = Basis::kOrganisation;
    row.confidence = Confidence::kHigh;  // the organisation's own statement about itself
    row.source = absl::StrCat("organisation decision #", decision.id, " (", VerdictName(decision.verdict),
                              ") by ", decision.by);
    row.note = decision.reason;
    row.origin.file = "decision";
    row.origin.line = static_cast<int>(decision.id);
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<const CatalogItem*> Descendants(const Catalog& catalog, const std::string& ref) {
  // Parents come before their children in a catalog (mappings/README.md), so one pass suffices.
  std::set<std::string> under = {ref};
  std::vector<const CatalogItem*> out;
  for (const CatalogItem& item : catalog.items) {
    if (!item.parent.empty() && under.count(item.parent)) {
      under.insert(item.ref);
      out.push_back(&item);
    }
  }
  return out;
}

void PathSearch::From(const Catalog& catalog, const CatalogItem& item, MapAnswer& answer) {
  answer_ = &answer;
  const size_t first_result = answer.results.size();
  MapResult start;
  start.from_ref = item.ref;
  start.relations = RelationSet::Of(BaseRelation::kEqual);
  start.path.push_back(PathHop{catalog.id, item.ref});
  visited_ = {catalog.id};
  Extend(catalog, item, start);
  if (!query_.candidates || query_.direct_only) return;
  ReadChildren(catalog, item, start);
  ReadTargetParts(first_result);
}

std::vector<PathSearch::Edge> PathSearch::EdgesOf(const std::string& catalog, const std::string& ref) const {
  std::vector<Edge> edges;
  for (const std::vector<CrosswalkRow>* rows : {&data_.crosswalks, &organisation_rows_}) {
    for (const CrosswalkRow& row : *rows) {
      if (row.from == catalog && row.from_ref == ref) {
        edges.push_back({&row, row.to, row.to_ref, row.relationship, false});
      } else if (row.to == catalog && row.to_ref == ref && !row.from_ref.empty()) {
        edges.push_back({&row, row.from, row.from_ref, Inverse(row.relationship), true});
      }
    }
  }
  return edges;
}

MapResult PathSearch::Step(const MapResult& so_far, const Edge& edge, const std::string& catalog,
                           const CatalogItem* via, RelationSet relations) const {
  MapResult next = so_far;
  next.relations = relations;
  next.equivalent = so_far.equivalent || edge.row->relationship == Relationship::kEquivalent;
  next.derived = so_far.derived || via != nullptr;
  next.inverted = so_far.inverted || edge.inverted;
  next.strength = next.rows.empty() ? edge.row->strength
                  : (so_far.strength && edge.row->strength)
                      ? std::optional<int>(std::min(*so_far.strength, *edge.row->strength))
                      : std::nullopt;
  if (via != nullptr) next.path.push_back(PathHop{catalog, via->ref});
  next.path.push_back(PathHop{edge.far_catalog, edge.far_ref});
  next.rows.push_back(edge.row);
  if (edge.far_catalog == target_.id) next.to_ref = edge.far_ref;
  return next;
}

void PathSearch::OfferCandidate(MapResult candidate, std::string reason) {
  candidate.relations = Overlapping(candidate.relations);
  if (candidate.relations.empty() || candidate.to_ref.empty()) return;
  candidate.tier = MapResult::Tier::kCandidate;
  candidate.reason = std::move(reason);
  answer_->results.push_back(std::move(candidate));
}

// Follows every row of `item` and of its ancestors out of `catalog`.
void PathSearch::Extend(const Catalog& catalog, const CatalogItem& item, const MapResult& so_far) {
  std::vector<const CatalogItem*> chain = {&item};
  for (const CatalogItem* up = &item; !up->parent.empty();) {
    up = catalog.Find(up->parent);
    if (up == nullptr) break;
    chain.push_back(up);
  }
  const bool candidates = query_.candidates && !query_.direct_only;
  for (size_t level = 0; level < chain.size(); ++level) {
    if (level > 0 && query_.direct_only) break;
    const CatalogItem* via = level > 0 ? chain[level] : nullptr;
    for (const Edge& edge : EdgesOf(catalog.id, chain[level]->ref)) {
      if (visited_.count(edge.far_catalog)) continue;
      const bool to_target = edge.far_catalog == target_.id;
      if (!to_target && query_.direct_only) continue;
      std::optional<Relationship> hop = edge.relationship;
      if (via != nullptr) hop = InheritedRelationship(*via, edge.relationship);
      if (!hop) {
        if (candidates && to_target) {
          // item ⊂ ancestor, ancestor R far: what the ancestor's row may say about its part.
          RelationSet part = Compose(RelationSet::Of(BaseRelation::kProperPart),
                                     RelationSet::FromRelationship(edge.relationship));
          OfferCandidate(Step(so_far, edge, catalog.id, via, Compose(so_far.relations, part)),
                         absl::StrCat("a parent's row read for its part: ", via->ref, " is ",
                                      Name(edge.relationship), " ", edge.far_ref, ", which does not pass down to ",
                                      item.ref));
        }
        continue;
      }
      const RelationSet composed = Compose(so_far.relations, RelationSet::FromRelationship(*hop));
      if (Label(composed) == "unknown") {
        // No claim, and none further on; at the target it is worth a review.
        if (candidates && to_target) {
          OfferCandidate(Step(so_far, edge, catalog.id, via, composed),
                         absl::StrCat("an unprovable chain: ", Label(so_far.relations), " then ",
                                      Name(*hop), " (", so_far.path.back().ToString(), " is ",
                                      Name(*hop), " ", edge.far_ref, ")"));
        }
        continue;
      }
      MapResult next = Step(so_far, edge, catalog.id, via, composed);
      if (to_target) {
        answer_->results.push_back(std::move(next));
        continue;
      }
      if (edge.far_ref.empty()) {
        // Only the queried item's own statement is worth a note; deeper dead ends are noise.
        if (!so_far.rows.empty()) continue;
        answer_->notes.push_back(absl::StrCat(
            so_far.from_ref, ": the path ", Describe(next.path), " ends in a stated \"no counterpart\" (",
            edge.row->source, ")"));
        continue;
      }
      if (static_cast<int>(next.rows.size()) >= query_.max_hops) continue;
      const Catalog* far = data_.FindCatalog(edge.far_catalog);
      const CatalogItem* far_item = far ? far->Find(edge.far_ref) : nullptr;
      if (far_item == nullptr) continue;
      visited_.insert(far->id);
      Extend(*far, *far_item, next);
      visited_.erase(far->id);
    }
  }
}

// item ⊃ child, child R target ref: the child's direct rows into the target read for its parent.
// Sound when the child is equal to or a superset of the target ref (then so is the parent), else a
// candidate. Only one row deep: a child's long chains are the child's own answer.
void PathSearch::ReadChildren(const Catalog& catalog, const CatalogItem& item, const MapResult& start) {
  const RelationSet contains = RelationSet::Of(BaseRelation::kProperPartInverse);
  for (const CatalogItem* child : Descendants(catalog, item.ref)) {
    for (const Edge& edge : EdgesOf(catalog.id, child->ref)) {
      if (edge.far_catalog != target_.id || edge.far_ref.empty()) continue;
      MapResult from_child = start;
      from_child.path.push_back(PathHop{catalog.id, child->ref});
      MapResult candidate = Step(from_child, edge, catalog.id, nullptr,
                                 Compose(contains, RelationSet::FromRelationship(edge.relationship)));
      candidate.derived = true;
      if (candidate.relations.IsSingle()) {  // the child is equal to or contains the target ref
        answer_->results.push_back(std::move(candidate));
        continue;
      }
      OfferCandidate(std::move(candidate),
                     absl::StrCat("a child's row read for its parent: ", child->ref, " (part of ", item.ref,
                                  ") is ", Name(edge.relationship), " ", edge.far_ref));
    }
  }
}

// result R T, T ⊃ part: a sound path into T read for each of T's parts. Sound when the result is
// equal to or a superset of T (then it contains the part too), else a candidate.
void PathSearch::ReadTargetParts(size_t first_result) {
  const size_t end = answer_->results.size();
  const RelationSet contains = RelationSet::Of(BaseRelation::kProperPartInverse);
  for (size_t i = first_result; i < end; ++i) {
    const MapResult result = answer_->results[i];  // a copy: the loop appends to the vector
    if (result.tier != MapResult::Tier::kSound || result.to_ref.empty()) continue;
    if (result.relations == RelationSet::Of(BaseRelation::kDisjoint)) continue;
    for (const CatalogItem* part : Descendants(target_, result.to_ref)) {
      MapResult candidate = result;
      candidate.to_ref = part->ref;
      candidate.path.push_back(PathHop{target_.id, part->ref});
      candidate.relations = Compose(result.relations, contains);
      candidate.derived = true;
      if (candidate.relations.IsSingle()) {  // equal or superset-of T: provably superset-of its part
        answer_->results.push_back(std::move(candidate));
        continue;
      }
      std::string reason = absl::StrCat("a parent's row read for its part: ", result.from_ref, " is ",
                                        result.label(), " ", result.to_ref, ", of which ", part->ref,
                                        " is a part");
      OfferCandidate(std::move(candidate), std::move(reason));
    }
  }
}

bool Better(const MapResult& a, const MapResult& b) {
  const bool a_single = a.relations.IsSingle(), b_single = b.relations.IsSingle();
  if (a_single != b_single) return a_single;
  const int a_strength = a.strength.value_or(-1), b_strength = b.strength.value_or(-1);
  if (a_strength != b_strength) return a_strength > b_strength;
  if (a.rows.size() != b.rows.size()) return a.rows.size() < b.rows.size();
  auto weakest = [](const MapResult& r) {
    int worst = 0;
    for (const CrosswalkRow* row : r.rows) worst = std::max(worst, static_cast<int>(row->confidence));
    return worst;
  };
  return weakest(a) < weakest(b);
}

}  // namespace crosswalk::mapping
