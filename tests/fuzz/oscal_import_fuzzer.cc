// OSCAL mapping-collection import (gateway/mapping/oscal_mapping.h) against the shipped catalogs.
#include <cstdlib>
#include <memory>

#include "gateway/mapping/mapping_engine.h"
#include "gateway/mapping/mapping_loader.h"
#include "gateway/mapping/oscal_mapping.h"

namespace {
std::unique_ptr<crosswalk::mapping::MappingEngine> engine;
}

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  auto data = crosswalk::mapping::LoadValidMappings(CROSSWALK_SOURCE_MAPPINGS_DIR);
  if (!data.ok()) std::abort();
  engine = std::make_unique<crosswalk::mapping::MappingEngine>(std::move(*data));
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  (void)crosswalk::mapping::ImportOscalMappingCollection(
      *engine, absl::string_view(reinterpret_cast<const char*>(data), size), "fuzz.json");
  return 0;
}
