#ifndef CROSSWALK_GATEWAY_MAPPING_CISO_ASSISTANT_IMPORT_H_
#define CROSSWALK_GATEWAY_MAPPING_CISO_ASSISTANT_IMPORT_H_

#include <string>
#include <vector>

#include "gateway/mapping/import_report.h"
#include "gateway/mapping/mapping_engine.h"

// Import of CISO Assistant library YAML: frameworks (requirement nodes with urn, ref_id, depth,
// parent_urn; name and ref_id may be missing) and requirement mapping sets (requirement_mapping_set,
// or the list requirement_mapping_sets). That project's loader accepts defective data silently;
// this one reports each defect with file, line and column and leaves the mapping out: a
// requirement URN that is not a node of its framework (when the framework's file is given too)
// or not a ref of the crosswalk catalog, a relationship outside
// equal/subset/superset/intersect/not_related, a strength_of_relationship outside 0-10 (CISO
// Assistant's sets also use 50 and 90, a percent scale: reported, not rescaled), a node of the
// wrong YAML shape. A free-text rationale (not syntactic/semantic/functional) is a bad label on
// good data: the row is kept with the text in its note and no rationale, and a note says so.
// Every row is checked, also in a set whose framework is no crosswalk catalog (reported once).
// Any YAML shape gives problems, never an exception.
namespace crosswalk::mapping {

struct CisoAssistantFile {
  std::string name;  // for messages
  std::string text;  // the YAML
};

struct CisoAssistantImport : ImportReport {
  std::vector<CatalogItem> catalog_items;  // from a lone framework, as a crosswalk catalog
};

// Framework URNs are matched to crosswalk catalogs by their last segment (`iso27001-2022` →
// `iso27001:2022`, `itil4` → `itil:4`). A node URN names a crosswalk ref by its last segment (the
// slug: `…:itil4:strategy-management` → `strategy-management`, also through the catalog's aliases
// and case-insensitively: `a.5.7` is `A.5.7`); only when the slug is no ref of the catalog is the
// node's ref_id tried (needs the framework's file). With the framework's file, a URN must also be
// one of its nodes. `catalog_items` is filled only when the files hold exactly one framework and
// no mapping set.
CisoAssistantImport ImportCisoAssistant(const MappingEngine& engine,
                                        const std::vector<CisoAssistantFile>& files);

}  // namespace crosswalk::mapping

#endif  // CROSSWALK_GATEWAY_MAPPING_CISO_ASSISTANT_IMPORT_H_
