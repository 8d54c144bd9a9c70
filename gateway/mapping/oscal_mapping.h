#ifndef CROSSWALK_GATEWAY_MAPPING_OSCAL_MAPPING_H_
#define CROSSWALK_GATEWAY_MAPPING_OSCAL_MAPPING_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "gateway/mapping/import_report.h"
#include "gateway/mapping/mapping_engine.h"

// OSCAL 1.2 `mapping-collection` JSON: export of the rows between two catalogs, and import back
// into crosswalk rows. One OSCAL map per row (one source, one target); crosswalk's own fields
// (basis, source, source line, strength, catalog id) travel as props in the namespace
// kCrosswalkNamespace, the note as remarks, confidence as a confidence-score category. A stated
// "no counterpart" (empty to_ref) becomes a group of props on the mapping (`no-counterpart` or
// `no-counterpart-in-source` with the ref, plus basis, confidence, source, source-line,
// matching-rationale and note), since an OSCAL map needs a target. Export then import gives back
// the same rows.
namespace crosswalk::mapping {

inline constexpr absl::string_view kCrosswalkNamespace = "urn:crosswalk:oscal";
// A resource href naming a crosswalk catalog: this prefix and the catalog id.
inline constexpr absl::string_view kCatalogHrefPrefix = "urn:crosswalk:catalog:";

// The rows stated between `from` and `to` (as Map() without refs lists them) as an OSCAL
// mapping-collection document. `timestamp` is the RFC 3339 last-modified time to record.
absl::StatusOr<std::string> ExportOscalMappingCollection(const MappingEngine& engine,
                                                         const std::string& from,
                                                         const std::string& to,
                                                         const std::string& timestamp);

// The organisation's mapping decisions (gateway/core/organisation.h) as an OSCAL mapping-collection:
// one mapping per pair of catalogs, in the order the decisions first name it. A confirmed or added
// row is a map (props basis `organisation`, decision, decision-id, by, decided-at; the reason as
// remarks); a rejected candidate, which states no relationship of its own, is a group of props on
// its mapping (rejected-candidate "FROM_REF > TO_REF", the relationship rejected if any, by,
// decided-at, reason). Resources name the catalogs by crosswalk's href. FAILED_PRECONDITION when
// there is no decision.
absl::StatusOr<std::string> ExportOscalDecisions(const std::vector<MappingDecision>& decisions,
                                                 const std::string& timestamp);

// The decisions read from an OSCAL mapping-collection (oscal_decisions_import.cc), unchecked
// against the catalogs and vocabularies: the API edge checks each when it is added.
struct OscalDecisions {
  std::vector<MappingDecision> decisions;
  std::vector<std::string> problems;  // "FILE: /json/pointer: what"; a map with one is left out
};

// Every map of every mapping as a decision between the mapping's source and target catalogs (href
// urn:crosswalk:catalog:ID or a crosswalk `catalog` prop): one source and one target id-ref each,
// none empty;
// the verdict from crosswalk's `decision` prop (default add); the relationship from the map
// (equal-to and equivalent-to as crosswalk's equal and equivalent), for a reject from the
// `rejected-relationship` prop; `by` from the `by` prop and the reason from remarks (empty when
// absent: the caller fills them). Reads what ExportOscalDecisions writes. Never fails: what it
// cannot read is a problem.
OscalDecisions ReadOscalDecisions(absl::string_view text, const std::string& file);

struct OscalImport : ImportReport {};

// Reads an OSCAL mapping-collection (oscal_mapping_import.cc). Checks: JSON syntax; the shape of
// every member crosswalk reads against the OSCAL 1.2.1 mapping model (a problem names its JSON
// pointer and the expected type); the required provenance fields (method, matching-rationale,
// status, mapping-description) and their enums; every mapping's source and target resource
// resolve to a catalog (href `urn:crosswalk:catalog:<id>` or a `catalog` prop); every map's
// relationship is an OSCAL relationship, its rationale in its vocabulary, every id-ref a ref of
// its catalog, a crosswalk `strength` prop 0-10. Accepts what the model allows: mapping-level
// method, matching-rationale (its maps' default) and status, qualifiers, links, coverage as a
// number (drafts' object too), any confidence category (`unspecified` and others become low,
// said in the note). Rows are basis `derived` with the source "OSCAL <title> (version <v>)"
// unless crosswalk's own props say otherwise. An n:m map becomes one row per source-target pair.
// A map with a problem is left out, never half-read (a row problem); any other problem is a
// document problem. A document that yields no row and no problem is a problem too.
OscalImport ImportOscalMappingCollection(const MappingEngine& engine, absl::string_view json_text,
                                         const std::string& file_name);

}  // namespace crosswalk::mapping

#endif  // CROSSWALK_GATEWAY_MAPPING_OSCAL_MAPPING_H_
