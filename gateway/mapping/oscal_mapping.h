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

// The rows stated between `from` and `to` (as Map() without refs lists them) as an OSCAL
// mapping-collection document. `timestamp` is the RFC 3339 last-modified time to record.
absl::StatusOr<std::string> ExportOscalMappingCollection(const MappingEngine& engine,
                                                         const std::string& from,
                                                         const std::string& to,
                                                         const std::string& timestamp);

struct OscalImport : ImportReport {};

// Reads an OSCAL mapping-collection. Checks: JSON syntax; the required provenance fields
// (method, matching-rationale, status, mapping-description) and their enums; every mapping's
// source and target resource resolve to a catalog (href `urn:crosswalk:catalog:<id>` or a
// `catalog` prop); every map's relationship is an OSCAL relationship, its rationale and
// confidence are in their vocabularies, every id-ref is a ref of its catalog, a crosswalk
// `strength` prop is 0-10. An n:m map becomes one row per source-target pair. A map with a
// problem is left out, never half-read.
OscalImport ImportOscalMappingCollection(const MappingEngine& engine, absl::string_view json_text,
                                         const std::string& file_name);

}  // namespace crosswalk::mapping

#endif  // CROSSWALK_GATEWAY_MAPPING_OSCAL_MAPPING_H_
