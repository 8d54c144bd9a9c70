// Agent inventories in the OCS XML envelope (connectors/inventory/ocs_xml.h): what any file in an
// inventory folder holds; read as such and through the connector's format detection.
#include <string>
#include <string_view>

#include "connectors/inventory/inventory_connector.h"
#include "connectors/inventory/ocs_xml.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  (void)crosswalk::inventory::ParseOcsXml(bytes, "fuzz.ocs");
  (void)crosswalk::inventory::ParseInventory("auto", bytes, "fuzz.xml");
  return 0;
}
