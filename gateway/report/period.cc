#include "gateway/report/period.h"

#include <cstdio>

#include "gateway/core/time_text.h"

namespace crosswalk::report {
namespace {

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

// Year and month of a day count since 1970-01-01 (the inverse of DaysFromCivil; H. Hinnant's
// civil_from_days).
void CivilFromDays(int64_t days, int64_t* year, unsigned* month) {
  days += 719468;
  const int64_t era = FloorDiv(days, 146097);
  const int64_t doe = days - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  *month = static_cast<unsigned>(mp < 10 ? mp + 3 : mp - 9);
  *year = yoe + era * 400 + (*month <= 2 ? 1 : 0);
}

}  // namespace

PeriodGrid::PeriodGrid(PeriodOptions options) : options_(options) {}

int64_t PeriodGrid::StartOf(int64_t unix_seconds) const {
  if (options_.length_seconds > 0) {
    const int64_t length = options_.length_seconds;
    return options_.origin + FloorDiv(unix_seconds - options_.origin, length) * length;
  }
  int64_t year = 0;
  unsigned month = 0;
  CivilFromDays(FloorDiv(unix_seconds, 86400), &year, &month);
  return DaysFromCivil(year, month, 1) * 86400;
}

Period PeriodGrid::At(int64_t start) const {
  Period period;
  period.start = start;
  if (options_.length_seconds > 0) {
    period.end = start + options_.length_seconds;
    period.label = FloorDiv(start, 86400) * 86400 == start ? FormatDate(start) : FormatTimestamp(start);
    return period;
  }
  int64_t year = 0;
  unsigned month = 0;
  CivilFromDays(FloorDiv(start, 86400), &year, &month);
  const int64_t next = month == 12 ? DaysFromCivil(year + 1, 1, 1) : DaysFromCivil(year, month + 1, 1);
  period.end = next * 86400;
  char label[32];
  std::snprintf(label, sizeof label, "%04lld-%02u", static_cast<long long>(year), month);
  period.label = label;
  return period;
}

}  // namespace crosswalk::report
