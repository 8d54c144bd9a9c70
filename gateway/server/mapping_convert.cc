#include "gateway/server/mapping_convert.h"

namespace crosswalk::server {
namespace {

// The provenance every row of the mapping data has: its source, line, note and data file.
template <typename Row>
void SetProvenance(const Row& row, v1::Provenance* provenance) {
  provenance->set_source(row.source);
  provenance->set_source_line(row.source_line);
  provenance->set_note(row.note);
  provenance->set_data_file(row.origin.file);
  provenance->set_data_line(row.origin.line);
}

}  // namespace

v1::Relationship ToProto(mapping::Relationship relationship) {
  switch (relationship) {
    case mapping::Relationship::kEqual: return v1::RELATIONSHIP_EQUAL;
    case mapping::Relationship::kEquivalent: return v1::RELATIONSHIP_EQUIVALENT;
    case mapping::Relationship::kSubsetOf: return v1::RELATIONSHIP_SUBSET_OF;
    case mapping::Relationship::kSupersetOf: return v1::RELATIONSHIP_SUPERSET_OF;
    case mapping::Relationship::kIntersectsWith: return v1::RELATIONSHIP_INTERSECTS_WITH;
    case mapping::Relationship::kNoRelationship: return v1::RELATIONSHIP_NO_RELATIONSHIP;
  }
  return v1::RELATIONSHIP_UNSPECIFIED;
}

v1::CatalogSummary ToProto(const mapping::Catalog& catalog) {
  v1::CatalogSummary out;
  out.set_id(catalog.id);
  out.set_title(catalog.title);
  out.set_edition(catalog.edition);
  for (const std::string& alias : catalog.aliases) out.add_aliases(alias);
  out.set_items(static_cast<int32_t>(catalog.items.size()));
  return out;
}

v1::CatalogItem ToProto(const mapping::CatalogItem& item) {
  v1::CatalogItem out;
  out.set_ref(item.ref);
  out.set_parent(item.parent);
  out.set_kind(item.kind);
  out.set_title_en(item.title_en);
  out.set_title_ja(item.title_ja);
  for (const std::string& alias : item.aliases) out.add_aliases(alias);
  SetProvenance(item, out.mutable_provenance());
  return out;
}

namespace {

v1::Provenance RowProvenance(const mapping::CrosswalkRow& row) {
  v1::Provenance provenance;
  SetProvenance(row, &provenance);
  provenance.set_basis(std::string(mapping::Name(row.basis)));
  provenance.set_confidence(std::string(mapping::Name(row.confidence)));
  if (row.rationale) provenance.set_rationale(std::string(mapping::Name(*row.rationale)));
  return provenance;
}

v1::Relationship BaseRelationToProto(mapping::BaseRelation relation) {
  switch (relation) {
    case mapping::BaseRelation::kEqual: return v1::RELATIONSHIP_EQUAL;
    case mapping::BaseRelation::kProperPart: return v1::RELATIONSHIP_SUBSET_OF;
    case mapping::BaseRelation::kProperPartInverse: return v1::RELATIONSHIP_SUPERSET_OF;
    case mapping::BaseRelation::kOverlap: return v1::RELATIONSHIP_INTERSECTS_WITH;
    case mapping::BaseRelation::kDisjoint: return v1::RELATIONSHIP_NO_RELATIONSHIP;
  }
  return v1::RELATIONSHIP_UNSPECIFIED;
}

}  // namespace

v1::MappingResult ToProto(const mapping::MapResult& result) {
  v1::MappingResult out;
  out.set_from_ref(result.from_ref);
  out.set_to_ref(result.to_ref);
  for (mapping::BaseRelation relation : result.relations.Members()) {
    out.add_possible(BaseRelationToProto(relation));
  }
  if (!result.relations.IsSingle()) {
    out.set_relationship(v1::RELATIONSHIP_RELATED);
  } else if (result.relations.Contains(mapping::BaseRelation::kEqual) && result.equivalent) {
    out.set_relationship(v1::RELATIONSHIP_EQUIVALENT);
  } else {
    out.set_relationship(BaseRelationToProto(result.relations.Members().front()));
  }
  if (result.strength) out.set_strength(*result.strength);
  out.set_derived(result.derived);
  out.set_inverted(result.inverted);
  for (const mapping::PathHop& hop : result.path) {
    v1::PathHop* step = out.add_path();
    step->set_catalog(hop.catalog);
    step->set_ref(hop.ref);
  }
  for (const mapping::CrosswalkRow* row : result.rows) *out.add_hops() = RowProvenance(*row);
  if (!result.rows.empty()) *out.mutable_provenance() = RowProvenance(*result.rows.front());
  out.set_tier(std::string(mapping::Name(result.tier)));
  out.set_reason(result.reason);
  out.set_set_aside(result.set_aside);
  return out;
}

v1::Term ToProto(const mapping::Term& term) {
  v1::Term out;
  out.set_term_en(term.term_en);
  out.set_jis_ja(term.jis_ja);
  out.set_itil_ja(term.itil_ja);
  out.set_differs(term.differs);
  SetProvenance(term, out.mutable_provenance());
  return out;
}

}  // namespace crosswalk::server
