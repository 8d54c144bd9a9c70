#ifndef CROSSWALK_GATEWAY_REPORT_REPORT_ZONE_H_
#define CROSSWALK_GATEWAY_REPORT_REPORT_ZONE_H_

// The time zone a report is reckoned in (docs/reports.md "Time zone"): service-report months, the
// report date and the age of evidence.
//
// Inside a report every time is wall-clock time of that zone, counted in seconds as if the wall
// clock were UTC ("report clock"). Calendar arithmetic is then plain day arithmetic, the UTC
// formatters print the zone's dates, and a calendar date (Record::calendar_dates, stored as
// midnight UTC of the date) is midnight of that same date in every zone: 13 June stays 13 June.
// Durations between two times across a daylight-saving change are off by the change (an hour);
// zones without daylight saving, such as Asia/Tokyo, are exact.

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "gateway/core/record.h"

namespace crosswalk::report {

struct ReportZone {
  std::string name = "UTC";  // as given: "Asia/Tokyo", "UTC"
  absl::TimeZone zone = absl::UTCTimeZone();
};

// An IANA zone name ("Asia/Tokyo", "Europe/London", "UTC") from the system zoneinfo (Debian
// tzdata). INVALID_ARGUMENT naming `name` when it is empty, not a zone name, or not installed.
absl::StatusOr<ReportZone> LoadReportZone(const std::string& name);

// The report clock's reading of the instant `unix_seconds`.
int64_t ToReportClock(int64_t unix_seconds, const ReportZone& zone);

// `record` with its times on the report clock; its calendar dates are left as they are.
void ToReportClock(Record& record, const ReportZone& zone);

// The start of the date that holds the instant `now` in the zone, on the report clock: the
// default report date.
int64_t TodayOnReportClock(int64_t now, const ReportZone& zone);

}  // namespace crosswalk::report

#endif  // CROSSWALK_GATEWAY_REPORT_REPORT_ZONE_H_
