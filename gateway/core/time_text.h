#ifndef CROSSWALK_GATEWAY_CORE_TIME_TEXT_H_
#define CROSSWALK_GATEWAY_CORE_TIME_TEXT_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace crosswalk {

// Parses a date or date-time as exports write them and returns Unix seconds (UTC):
//   2024-05-02, 2024/5/2, 2024.5.2, 2024年5月2日,
//   Japanese era dates: 令和6年5月2日, 令和元年5月1日, R6.5.2, R6/5/2, H31.4.30, 平成31年4月30日
//   (令和 R, 平成 H, 昭和 S, 大正 T, 明治 M from 1873; a date outside its era is an error),
//   2024-05-02 11:14, 2024/5/2 9:05, 2024-05-02 11:14:07, 2024-05-02T11:14:07[.123],
//   any of the date-times followed by Z or an offset (+09:00, +0900, -05).
// A date without a time of day is a calendar date and reads as midnight UTC of that date, whatever
// `utc_offset_seconds` (a review held on 13 June stays 13 June). A date-time without Z or offset
// is wall-clock time at `utc_offset_seconds` east of UTC (the source's configured time zone; 0 for
// sources that write UTC, as ServiceNow's `value` does). Full-width digits are accepted.
// INVALID_ARGUMENT says what was expected. `date_only`, when given, is set to whether the text was
// a calendar date without a time of day.
absl::StatusOr<int64_t> ParseTimestamp(absl::string_view text, int utc_offset_seconds = 0,
                                       bool* date_only = nullptr);

// An Excel serial date as a spreadsheet saved as CSV writes a date cell formatted General:
// five integer digits, 10000 (1927-05-18) to 99999 (2173-10-13), in the 1900 date system, with an
// optional fraction of a day. A whole number is a calendar date (midnight UTC, as above); a
// fraction is wall-clock time at `utc_offset_seconds`. std::nullopt for any other text.
// `date_only` as for ParseTimestamp.
std::optional<int64_t> ParseExcelSerial(absl::string_view text, int utc_offset_seconds = 0,
                                        bool* date_only = nullptr);

// Parses "+09:00", "-0500", "Z", "UTC" or "Asia/Tokyo"-free fixed offsets into seconds east of UTC.
absl::StatusOr<int> ParseUtcOffset(absl::string_view text);

// RFC 3339 in UTC: "2024-05-02T09:14:07Z", for times in years 0001 to 9999 (UTC); outside them the
// text has the same shape with the year as it is and is not RFC 3339.
std::string FormatTimestamp(int64_t unix_seconds);

inline constexpr int64_t kSecondsPerDay = 86400;

// "2024-05-02" (the UTC date).
std::string FormatDate(int64_t unix_seconds);

// Days since 1970-01-01 of a proleptic Gregorian date (no range checks beyond the caller's).
int64_t DaysFromCivil(int64_t year, unsigned month, unsigned day);

}  // namespace crosswalk

#endif  // CROSSWALK_GATEWAY_CORE_TIME_TEXT_H_
