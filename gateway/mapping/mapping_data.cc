#include "absl/strings/string_view.h"
#include "gateway/mapping/mapping_data.h"

namespace crosswalk::mapping {

const CatalogItem* Catalog::Find(absl::string_view ref) const {
  auto it = by_ref_.find(std::string(ref));
  return it == by_ref_.end() ? nullptr : &items[it->second];
}

void Catalog::Index() {
  by_ref_.clear();
  for (size_t i = 0; i < items.size(); ++i) {
    by_ref_.emplace(items[i].ref, i);
    for (const std::string& alias : items[i].aliases) by_ref_.emplace(alias, i);
  }
}

const Catalog* MappingData::FindCatalog(absl::string_view id) const {
  for (const Catalog& catalog : catalogs) {
    if (catalog.id == id) return &catalog;
    for (const std::string& alias : catalog.aliases) {
      if (alias == id) return &catalog;
    }
  }
  return nullptr;
}

}  // namespace crosswalk::mapping
