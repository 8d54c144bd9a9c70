// Dates, date-times and UTC offsets as sources write them (gateway/core/time_text.h); a parsed
// time within RFC 3339's four-digit years (0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z, UTC) must
// format and parse back to itself. Outside them (year 0001 shifted back by an offset, 9999 shifted
// forward) the formatter's output is not RFC 3339, and is not asked to round-trip (found by this
// fuzzer: "0000/1/1" at +09:00). ParseIsoDate (organisation_text.h), the API's and config's
// YYYY-MM-DD, gives back midnight of the same date. A parsed calendar date (midnight UTC, never
// shifted by the zone) from 1873-01-01 (Meiji's Gregorian start) to 2117-12-31 (令和99) is written
// by exactly one era form, and reads back from 年月日 and from its Excel serial where it has one.
#include <cstdio>
#include <cstdlib>
#include <string>

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
  if (seconds.ok() && *seconds % 86400 == 0) {
    const std::string date = crosswalk::FormatDate(*seconds);
    int year = 0, month = 0, day = 0;
    if (std::sscanf(date.c_str(), "%d-%d-%d", &year, &month, &day) == 3 && year >= 1873 && year <= 2117) {
      auto kanji = crosswalk::ParseTimestamp(std::to_string(year) + "年" + std::to_string(month) + "月" +
                                             std::to_string(day) + "日", -5 * 3600);
      if (!kanji.ok() || *kanji != *seconds) std::abort();
      // Eras and the Gregorian year of their first year; a date belongs to exactly one.
      constexpr struct { char initial; int first_year; } kEras[] = {
          {'R', 2019}, {'H', 1989}, {'S', 1926}, {'T', 1912}, {'M', 1868}};
      int readings = 0;
      for (const auto& era : kEras) {
        const int era_year = year - era.first_year + 1;
        if (era_year < 1 || era_year > 99) continue;
        const std::string text = std::string(1, era.initial) + std::to_string(era_year) + "." +
                                 std::to_string(month) + "." + std::to_string(day);
        auto read = crosswalk::ParseTimestamp(text, 9 * 3600);
        if (read.ok() && *read != *seconds) std::abort();
        readings += read.ok();
      }
      if (readings != 1) std::abort();
      const int64_t serial = *seconds / 86400 + 25569;  // days since 1899-12-30
      if (serial >= 10000 && serial <= 99999 &&
          crosswalk::ParseExcelSerial(std::to_string(serial), 9 * 3600) != *seconds) {
        std::abort();
      }
    }
  }
  if (auto serial = crosswalk::ParseExcelSerial(text, 9 * 3600); serial.has_value()) {
    if (*serial < -1345161600 - 9 * 3600 || *serial >= 6430752000 + 86400) std::abort();
  }
  // A date the API accepts (YYYY-MM-DD) is a midnight that formats back to the same text.
  if (auto date = crosswalk::ParseIsoDate(text); date.ok()) {
    if (*date % 86400 != 0 || crosswalk::FormatDate(*date) != text) std::abort();
  }
  return 0;
}
