#include "gateway/mapping/ref_resolver.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace crosswalk::mapping {

std::function<std::optional<std::string>(const std::string&, const std::string&, bool, std::string*)>
RefResolverFor(const MappingEngine* engine) {
  return [engine](const std::string& catalog_id, const std::string& ref, bool prefer_annex,
                  std::string* canonical) -> std::optional<std::string> {
    auto catalog = engine->ResolveCatalog(catalog_id);
    if (!catalog.ok()) return std::nullopt;
    *canonical = (*catalog)->id;
    if (prefer_annex && !absl::StartsWithIgnoreCase(ref, "a")) {
      if (const CatalogItem* item = (*catalog)->Find(absl::StrCat("A.", ref))) return item->ref;
    }
    auto item = engine->ResolveRef(**catalog, ref);
    if (!item.ok()) return std::nullopt;
    return (*item)->ref;
  };
}

}  // namespace crosswalk::mapping
