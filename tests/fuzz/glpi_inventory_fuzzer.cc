// GLPI native inventory JSON (connectors/inventory/glpi_inventory.h): whatever a file dropped in
// the inventory folder holds.
#include "absl/strings/string_view.h"
#include "connectors/inventory/glpi_inventory.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const absl::string_view text(reinterpret_cast<const char*>(data), size);
  (void)crosswalk::inventory::ParseGlpiInventory(text, "fuzz.json");
  return 0;
}
