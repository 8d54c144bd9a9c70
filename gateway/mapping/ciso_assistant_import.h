#ifndef CROSSWALK_GATEWAY_MAPPING_CISO_ASSISTANT_IMPORT_H_
#define CROSSWALK_GATEWAY_MAPPING_CISO_ASSISTANT_IMPORT_H_

#include <string>
#include <vector>

#include "gateway/mapping/mapping_engine.h"

// Import of CISO Assistant library YAML: frameworks (requirement nodes with urn, ref_id, depth,
// parent_urn) and requirement mapping sets (requirement_mapping_set, or the list
// requirement_mapping_sets). That project's loader accepts defective data silently; this one
// reports each defect with file, line and column and leaves the mapping out: a requirement URN
// that is not a node of its framework (when the framework's file is given too) or not a ref of the
// crosswalk catalog, a relationship outside equal/subset/superset/intersect/not_related, a
// rationale outside syntactic/semantic/functional, a strength_of_relationship outside 0-10.
namespace crosswalk::mapping {

struct CisoAssistantFile {
  std::string name;  // for messages
  std::string text;  // the YAML
};

struct CisoAssistantImport {
  std::vector<CrosswalkRow> rows;         // from the mapping sets
  std::vector<CatalogItem> catalog_items; // from a lone framework, as a crosswalk catalog
  std::vector<std::string> problems;      // "file:line:column: what is wrong"
};

// Framework URNs are matched to crosswalk catalogs by their last segment (`iso27001-2022` →
// `iso27001:2022`, `itil4` → `itil:4`); node URNs to refs through the framework's own ref_id when
// its file is given, else through the catalog (case-insensitively: `a.5.7` is `A.5.7`).
// `catalog_items` is filled only when the files hold exactly one framework and no mapping set.
CisoAssistantImport ImportCisoAssistant(const MappingEngine& engine,
                                        const std::vector<CisoAssistantFile>& files);

}  // namespace crosswalk::mapping

#endif  // CROSSWALK_GATEWAY_MAPPING_CISO_ASSISTANT_IMPORT_H_
