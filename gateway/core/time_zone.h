#ifndef CROSSWALK_GATEWAY_CORE_TIME_ZONE_H_
#define CROSSWALK_GATEWAY_CORE_TIME_ZONE_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace crosswalk {

// An IANA zone name ("Asia/Tokyo", "Europe/London", "UTC") from the system zoneinfo (Debian
// tzdata). INVALID_ARGUMENT naming `name` when it is empty, not a zone name (only ASCII letters,
// digits and "/_+-", never a path out of the zoneinfo directory), or not installed.
absl::StatusOr<absl::TimeZone> LoadIanaZone(const std::string& name);

// How a stored time is shown to people: a calendar date (the source wrote a date without a time
// of day, Record::calendar_dates) as that date, in no zone; an instant as its date, or its
// RFC 3339 time with the zone's offset ("2024-10-01T08:00:00+09:00"), on the zone's clock.
std::string ShowDate(int64_t unix_seconds, bool calendar_date, absl::TimeZone zone);
std::string ShowTime(int64_t unix_seconds, bool calendar_date, absl::TimeZone zone);

}  // namespace crosswalk

#endif  // CROSSWALK_GATEWAY_CORE_TIME_ZONE_H_
