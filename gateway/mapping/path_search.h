#ifndef CROSSWALK_GATEWAY_MAPPING_PATH_SEARCH_H_
#define CROSSWALK_GATEWAY_MAPPING_PATH_SEARCH_H_

// The path search behind MappingEngine::Map (internal to the mapping module): depth-first over the
// stated rows (and the organisation's rows), composing relationships soundly, and, when the query
// asks for them, the candidates the algebra cannot prove (MapResult::Tier).

#include <set>
#include <string>
#include <vector>

#include "gateway/mapping/mapping_data.h"
#include "gateway/mapping/mapping_engine.h"

namespace crosswalk::mapping {

// The organisation's confirmed and added decisions between known catalogs as rows with basis
// organisation (source "organisation decision #ID (VERDICT) by NAME", note = the reason, origin
// "decision:ID"). Rejections and decisions whose relationship is not a vocabulary name give none.
std::vector<CrosswalkRow> OrganisationRows(const std::vector<MappingDecision>& decisions);

// The items under `ref` in `catalog` (children, their children, …), in catalog order.
std::vector<const CatalogItem*> Descendants(const Catalog& catalog, const std::string& ref);

class PathSearch {
 public:
  // REQUIRES: every argument outlives the search.
  PathSearch(const MappingData& data, const std::vector<CrosswalkRow>& organisation_rows,
             const MapQuery& query, const Catalog& target)
      : data_(data), organisation_rows_(organisation_rows), query_(query), target_(target) {}

  // Appends every path from `item` of `catalog` to the target to answer.results (unordered,
  // candidates included when query.candidates), and the dead ends worth a note to answer.notes.
  void From(const Catalog& catalog, const CatalogItem& item, MapAnswer& answer);

 private:
  struct Edge {
    const CrosswalkRow* row;
    std::string far_catalog;
    std::string far_ref;
    Relationship relationship;
    bool inverted;
  };
  std::vector<Edge> EdgesOf(const std::string& catalog, const std::string& ref) const;
  void Extend(const Catalog& catalog, const CatalogItem& item, const MapResult& so_far);
  // `so_far` followed by `edge` (read from `via`, an ancestor of the path's last ref or the ref
  // itself) with `relations` as the composed relations.
  MapResult Step(const MapResult& so_far, const Edge& edge, const std::string& catalog,
                 const CatalogItem* via, RelationSet relations) const;
  void OfferCandidate(MapResult candidate, std::string reason);
  // The candidates read from the rows of the queried item's descendants.
  void ReadChildren(const Catalog& catalog, const CatalogItem& item, const MapResult& start);
  // Every result into a target ref with descendants, read for those parts.
  void ReadTargetParts(size_t first_result);

  const MappingData& data_;
  const std::vector<CrosswalkRow>& organisation_rows_;
  const MapQuery& query_;
  const Catalog& target_;
  MapAnswer* answer_ = nullptr;
  std::set<std::string> visited_;
};

// Orders `a` before `b` for --best and among candidates: a single relation over a vague one, a
// higher strength (none is lowest), fewer rows, then the higher lowest confidence.
bool Better(const MapResult& a, const MapResult& b);

}  // namespace crosswalk::mapping

#endif  // CROSSWALK_GATEWAY_MAPPING_PATH_SEARCH_H_
