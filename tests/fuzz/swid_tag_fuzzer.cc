// ISO/IEC 19770-2 SWID tags (connectors/inventory/swid_tag.h): any bytes a .swidtag file may hold,
// read as a tag of any of the schemas.
#include <cstddef>
#include <cstdint>

#include "absl/strings/string_view.h"
#include "connectors/inventory/swid_tag.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const absl::string_view bytes(reinterpret_cast<const char*>(data), size);
  (void)crosswalk::inventory::ParseSwidTag(bytes, "fuzz.swidtag");
  return 0;
}
