#include "gateway/report/report_zone.h"

#include <optional>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "gateway/core/status_macros.h"
#include "gateway/core/time_zone.h"

namespace crosswalk::report {

absl::StatusOr<ReportZone> LoadReportZone(const std::string& name) {
  CW_ASSIGN_OR_RETURN(absl::TimeZone zone, LoadIanaZone(name));
  return ReportZone{name, zone};
}

int64_t ToReportClock(int64_t unix_seconds, const ReportZone& zone) {
  return unix_seconds + zone.zone.At(absl::FromUnixSeconds(unix_seconds)).offset;
}

void ToReportClock(Record& record, const ReportZone& zone) {
  const std::pair<const char*, std::optional<int64_t>*> times[] = {
      {"opened", &record.opened}, {"updated", &record.updated}, {"resolved", &record.resolved},
      {"closed", &record.closed}, {"effective", &record.effective}};
  for (const auto& time : times) {
    if (time.second->has_value() && !record.IsCalendarDate(time.first)) {
      *time.second = ToReportClock(**time.second, zone);
    }
  }
}

int64_t TodayOnReportClock(int64_t now, const ReportZone& zone) {
  const int64_t local = ToReportClock(now, zone);
  return local - ((local % 86400) + 86400) % 86400;
}

}  // namespace crosswalk::report
