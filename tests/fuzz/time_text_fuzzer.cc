// Dates, date-times and UTC offsets as sources write them (gateway/core/time_text.h); a parsed
// time within RFC 3339's four-digit years (0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z, UTC) must
// format and parse back to itself. Outside them (year 0001 shifted back by an offset, 9999 shifted
// forward) the formatter's output is not RFC 3339, and is not asked to round-trip (found by this
// fuzzer: "0000/1/1" at +09:00). ParseIsoDate (organisation_text.h), the API's and config's
// YYYY-MM-DD, gives back midnight of the same date.
#include <cstdlib>

#include "gateway/core/organisation_text.h"
#include "gateway/core/time_text.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const absl::string_view text(reinterpret_cast<const char*>(data), size);
  (void)crosswalk::ParseUtcOffset(text);
  auto seconds = crosswalk::ParseTimestamp(text, 9 * 3600);
  constexpr int64_t kFirst = -62135596800, kLast = 253402300799;  // 0001-01-01, 9999-12-31T23:59:59Z
  if (seconds.ok() && *seconds >= kFirst && *seconds <= kLast) {
    auto again = crosswalk::ParseTimestamp(crosswalk::FormatTimestamp(*seconds));
    if (!again.ok() || *again != *seconds) std::abort();
  }
  // A date the API accepts (YYYY-MM-DD) is a midnight that formats back to the same text.
  if (auto date = crosswalk::ParseIsoDate(text); date.ok()) {
    if (*date % 86400 != 0 || crosswalk::FormatDate(*date) != text) std::abort();
  }
  return 0;
}
