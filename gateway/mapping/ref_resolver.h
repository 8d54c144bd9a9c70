#ifndef CROSSWALK_GATEWAY_MAPPING_REF_RESOLVER_H_
#define CROSSWALK_GATEWAY_MAPPING_REF_RESOLVER_H_

#include <functional>
#include <optional>
#include <string>

#include "gateway/mapping/mapping_engine.h"

namespace crosswalk::mapping {

// Resolves a ref as a source writes it ("5.1", "A.5.1", "a.5.1") against the catalogs — the
// normaliser's CatalogRefResolver (gateway/normalize/normalizer.h). `prefer_annex` takes the
// Annex A control first when the ref has no "A." (a statement of applicability's "5.1" is
// A.5.1, not clause 5.1). Sets `catalog_id` to the canonical catalog id; std::nullopt when the
// catalog or the ref is unknown. REQUIRES: `engine` outlives the function.
std::function<std::optional<std::string>(const std::string& catalog, const std::string& ref,
                                         bool prefer_annex, std::string* catalog_id)>
RefResolverFor(const MappingEngine* engine);

}  // namespace crosswalk::mapping

#endif  // CROSSWALK_GATEWAY_MAPPING_REF_RESOLVER_H_
