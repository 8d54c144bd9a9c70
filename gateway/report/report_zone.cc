#include "gateway/report/report_zone.h"

#include <optional>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "gateway/core/unicode.h"

namespace crosswalk::report {
namespace {

// IANA names are ASCII letters, digits and "/_+-" (Etc/GMT+9), never a path out of the zoneinfo
// directory.
bool LooksLikeZoneName(const std::string& name) {
  if (name.empty() || name.size() > 64 || name.front() == '/' || name.find("..") != std::string::npos) return false;
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/' ||
                    c == '_' || c == '+' || c == '-';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

absl::StatusOr<ReportZone> LoadReportZone(const std::string& name) {
  ReportZone out;
  out.name = name;
  if (!LooksLikeZoneName(name) || !absl::LoadTimeZone(name, &out.zone)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "time zone '", TruncateUtf8(name, kQuotedTextBytes),
        "' is not known (expected an IANA name from the system zoneinfo, e.g. Asia/Tokyo, Europe/London or UTC)"));
  }
  return out;
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
