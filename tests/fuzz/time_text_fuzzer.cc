// Dates, date-times and UTC offsets as sources write them (gateway/core/time_text.h); a parsed
// time must format and parse back to itself.
#include <cstdlib>

#include "gateway/core/time_text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const absl::string_view text(reinterpret_cast<const char*>(data), size);
  (void)crosswalk::ParseUtcOffset(text);
  auto seconds = crosswalk::ParseTimestamp(text, 9 * 3600);
  if (seconds.ok()) {
    auto again = crosswalk::ParseTimestamp(crosswalk::FormatTimestamp(*seconds));
    if (!again.ok() || *again != *seconds) std::abort();
  }
  return 0;
}
