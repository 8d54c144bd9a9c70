#include "gateway/core/time_zone.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "gateway/core/time_text.h"
#include "gateway/core/unicode.h"

namespace crosswalk {
namespace {

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

absl::StatusOr<absl::TimeZone> LoadIanaZone(const std::string& name) {
  absl::TimeZone zone;
  if (!LooksLikeZoneName(name) || !absl::LoadTimeZone(name, &zone)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "time zone '", TruncateUtf8(name, kQuotedTextBytes),
        "' is not known (expected an IANA name from the system zoneinfo, e.g. Asia/Tokyo, Europe/London or UTC)"));
  }
  return zone;
}

std::string ShowDate(int64_t unix_seconds, bool calendar_date, absl::TimeZone zone) {
  if (calendar_date) return FormatDate(unix_seconds);
  return absl::FormatTime("%Y-%m-%d", absl::FromUnixSeconds(unix_seconds), zone);
}

std::string ShowTime(int64_t unix_seconds, bool calendar_date, absl::TimeZone zone) {
  if (calendar_date) return FormatDate(unix_seconds);
  return absl::FormatTime("%Y-%m-%dT%H:%M:%S%Ez", absl::FromUnixSeconds(unix_seconds), zone);
}

}  // namespace crosswalk
