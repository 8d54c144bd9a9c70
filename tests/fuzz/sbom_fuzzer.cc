// SBOMs (connectors/inventory/sbom.h): the same bytes read as a CycloneDX BOM and as an SPDX 2
// document.
#include <cstddef>
#include <cstdint>

#include "absl/strings/string_view.h"
#include "connectors/inventory/sbom.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const absl::string_view json(reinterpret_cast<const char*>(data), size);
  (void)crosswalk::inventory::ParseCycloneDx(json, "fuzz.cdx.json");
  (void)crosswalk::inventory::ParseSpdx(json, "fuzz.spdx.json");
  return 0;
}
