#include "tools/cli/map_table.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gateway/core/terminal_text.h"

namespace crosswalk::cli {
namespace {

// The base relation a Relationship of MappingResult.possible stands for (mapping_convert.cc).
std::optional<mapping::BaseRelation> BaseOf(v1::Relationship relationship) {
  switch (relationship) {
    case v1::RELATIONSHIP_EQUAL: return mapping::BaseRelation::kEqual;
    case v1::RELATIONSHIP_SUBSET_OF: return mapping::BaseRelation::kProperPart;
    case v1::RELATIONSHIP_SUPERSET_OF: return mapping::BaseRelation::kProperPartInverse;
    case v1::RELATIONSHIP_INTERSECTS_WITH: return mapping::BaseRelation::kOverlap;
    case v1::RELATIONSHIP_NO_RELATIONSHIP: return mapping::BaseRelation::kDisjoint;
    default: return std::nullopt;
  }
}

}  // namespace

MapRow MapRowOf(const mapping::MapResult& result) {
  MapRow row{result.from_ref, result.to_ref, result.relations, result.equivalent, result.strength,
             result.derived, result.inverted, result.path, {}, std::string(mapping::Name(result.tier)),
             result.reason, result.set_aside};
  for (const mapping::CrosswalkRow* stated : result.rows) {
    row.hops.push_back({stated->source, stated->source_line, stated->note, stated->basis, stated->confidence,
                        stated->rationale, absl::StrCat(stated->origin.file, ":", stated->origin.line)});
  }
  return row;
}

MapRow MapRowOf(const v1::MappingResult& result) {
  MapRow row;
  row.from_ref = result.from_ref();
  row.to_ref = result.to_ref();
  for (int relationship : result.possible()) {
    if (auto base = BaseOf(static_cast<v1::Relationship>(relationship))) row.relations = row.relations.Union(mapping::RelationSet::Of(*base));
  }
  row.equivalent = result.relationship() == v1::RELATIONSHIP_EQUIVALENT;
  if (result.has_strength()) row.strength = result.strength();
  row.derived = result.derived();
  row.inverted = result.inverted();
  if (!result.tier().empty()) row.tier = result.tier();
  row.reason = result.reason();
  row.set_aside = result.set_aside();
  for (const v1::PathHop& hop : result.path()) row.path.push_back({hop.catalog(), hop.ref()});
  for (const v1::Provenance& p : result.hops()) {
    row.hops.push_back({p.source(), p.source_line(), p.note(), mapping::ParseBasis(p.basis()).value_or(mapping::Basis::kSeed),
                        mapping::ParseConfidence(p.confidence()).value_or(mapping::Confidence::kHigh),
                        mapping::ParseRationale(p.rationale()), absl::StrCat(p.data_file(), ":", p.data_line())});
  }
  return row;
}

OutputTable MapTable() {
  OutputTable table;
  table.columns = {"from_ref", "to_ref", "relationship", "strength", "derived", "path", "source", "tier"};
  // route: "direct" for one stated row of the queried ref itself, else "chain"; set_aside: with
  // --best, how many other paths to the same to_ref this one was preferred to.
  table.json_extra_columns = {"possible", "hops", "source_line", "basis", "confidence", "rationale",
                              "note", "inverted", "origin", "reason", "route", "set_aside"};
  return table;
}

void AddMapRow(const MapRow& row, OutputTable& table) {
  std::vector<std::string> sources, lines, notes, origins;
  mapping::Basis basis = mapping::Basis::kSeed;
  mapping::Confidence confidence = mapping::Confidence::kHigh;
  for (const MapHop& hop : row.hops) {
    sources.push_back(hop.source);
    lines.push_back(hop.source_line > 0 ? std::to_string(hop.source_line) : "");
    if (!hop.note.empty()) notes.push_back(hop.note);
    origins.push_back(hop.origin);
    basis = std::max(basis, hop.basis);  // derived outranks published outranks seed
    confidence = std::max(confidence, hop.confidence);  // the lowest confidence
  }
  const bool single = row.hops.size() == 1;
  const int first_line = row.hops.empty() ? 0 : row.hops.front().source_line;
  table.rows.push_back({row.from_ref, row.to_ref, mapping::Label(row.relations, row.equivalent),
                        row.strength ? Cell(*row.strength) : Cell(), row.derived,
                        absl::StrJoin(row.path, ">", [](std::string* out, const mapping::PathHop& hop) { out->append(hop.ToString()); }),
                        absl::StrJoin(sources, " > "), row.tier});
  table.json_extra.push_back(
      {mapping::Describe(row.relations), static_cast<int>(row.hops.size()),
       single ? (first_line > 0 ? Cell(first_line) : Cell()) : Cell(absl::StrJoin(lines, " > ")),
       std::string(mapping::Name(basis)), std::string(mapping::Name(confidence)),
       single && row.hops.front().rationale ? Cell(std::string(mapping::Name(*row.hops.front().rationale))) : Cell(),
       absl::StrJoin(notes, " / "), row.inverted, absl::StrJoin(origins, " > "), row.reason,
       std::string(single && !row.derived ? "direct" : "chain"), row.set_aside});
}

void AddRejected(const std::vector<MapRow>& rejected, Format format, OutputTable& table, std::ostream& err) {
  for (const MapRow& row : rejected) {
    if (format == Format::kJson) {
      AddMapRow(row, table);
    } else {
      err << "note: candidate " << TerminalSafe(row.from_ref) << " > " << TerminalSafe(row.to_ref) << " left out: "
          << TerminalSafe(row.reason) << "\n";
    }
  }
}

}  // namespace crosswalk::cli
