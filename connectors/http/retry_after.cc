#include "connectors/http/retry_after.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "gateway/core/time_text.h"

namespace crosswalk {
namespace {

constexpr const char* kDays[] = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};  // 1970-01-01 was a Thursday
constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// Reads exactly `width` ASCII digits at text[*pos].
bool Digits(absl::string_view text, size_t* pos, int width, int* out) {
  if (*pos + width > text.size()) return false;
  int value = 0;
  for (int i = 0; i < width; ++i) {
    const char c = text[*pos + i];
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
    value = value * 10 + (c - '0');
  }
  *pos += width;
  *out = value;
  return true;
}

bool Literal(absl::string_view text, size_t* pos, absl::string_view literal) {
  if (text.substr(*pos, literal.size()) != literal) return false;
  *pos += literal.size();
  return true;
}

bool ValidDate(int year, int month, int day) {
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  static constexpr int kLength[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return day <= kLength[month - 1] + (month == 2 && leap ? 1 : 0);
}

int64_t UnixSeconds(int year, int month, int day, int hour, int minute, int second) {
  return DaysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
}

// A non-negative integer of at most 18 digits (so it cannot overflow), nothing else.
std::optional<int64_t> PlainInteger(absl::string_view text) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  int64_t value = 0;
  for (char c : text) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

// "yyyy-MM-ddTHH:mm[:ss]Z".
std::optional<int64_t> ParseIsoMinuteUtc(absl::string_view text) {
  size_t pos = 0;
  int year, month, day, hour, minute, second = 0;
  if (!Digits(text, &pos, 4, &year) || !Literal(text, &pos, "-") || !Digits(text, &pos, 2, &month) ||
      !Literal(text, &pos, "-") || !Digits(text, &pos, 2, &day) || !Literal(text, &pos, "T") ||
      !Digits(text, &pos, 2, &hour) || !Literal(text, &pos, ":") || !Digits(text, &pos, 2, &minute)) {
    return std::nullopt;
  }
  if (Literal(text, &pos, ":") && !Digits(text, &pos, 2, &second)) return std::nullopt;
  if (!Literal(text, &pos, "Z") || pos != text.size()) return std::nullopt;
  if (!ValidDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return std::nullopt;
  return UnixSeconds(year, month, day, hour, minute, second);
}

}  // namespace

std::optional<int64_t> ParseHttpDate(absl::string_view text) {
  // "Sun, 06 Nov 1994 08:49:37 GMT": exactly 29 characters.
  if (text.size() != 29) return std::nullopt;
  size_t pos = 5;
  int day, year, hour, minute, second, month = 0;
  if (text.substr(3, 2) != ", " || !Digits(text, &pos, 2, &day) || !Literal(text, &pos, " ")) {
    return std::nullopt;
  }
  for (int i = 0; i < 12 && month == 0; ++i) {
    if (text.substr(pos, 3) == kMonths[i]) month = i + 1;
  }
  pos += 3;
  if (month == 0 || !Literal(text, &pos, " ") || !Digits(text, &pos, 4, &year) ||
      !Literal(text, &pos, " ") || !Digits(text, &pos, 2, &hour) || !Literal(text, &pos, ":") ||
      !Digits(text, &pos, 2, &minute) || !Literal(text, &pos, ":") ||
      !Digits(text, &pos, 2, &second) || !Literal(text, &pos, " GMT")) {
    return std::nullopt;
  }
  // No leap second (60): no server asks to wait until one, and it would not format back.
  if (!ValidDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return std::nullopt;
  const int64_t seconds = UnixSeconds(year, month, day, hour, minute, second);
  const int64_t days = DaysFromCivil(year, month, day);
  if (text.substr(0, 3) != kDays[((days % 7) + 7) % 7]) return std::nullopt;
  return seconds;
}

std::string FormatHttpDate(int64_t unix_seconds) {
  // By hand rather than absl::FormatTime, whose %Y does not pad years before 1000 to four digits.
  const absl::CivilSecond civil =
      absl::ToCivilSecond(absl::FromUnixSeconds(unix_seconds), absl::UTCTimeZone());
  const int64_t days = unix_seconds >= 0 ? unix_seconds / 86400 : (unix_seconds - 86399) / 86400;
  return absl::StrFormat("%s, %02d %s %04d %02d:%02d:%02d GMT", kDays[((days % 7) + 7) % 7],
                         civil.day(), kMonths[civil.month() - 1], civil.year(), civil.hour(),
                         civil.minute(), civil.second());
}

std::optional<int64_t> ParseRetryAfter(absl::string_view value, int64_t now_seconds) {
  value = absl::StripAsciiWhitespace(value);
  if (std::optional<int64_t> delay = PlainInteger(value)) return delay;
  if (std::optional<int64_t> date = ParseHttpDate(value)) return std::max<int64_t>(0, *date - now_seconds);
  return std::nullopt;
}

std::optional<int64_t> ParseRateLimitReset(absl::string_view value, int64_t now_seconds) {
  value = absl::StripAsciiWhitespace(value);
  if (std::optional<int64_t> number = PlainInteger(value)) {
    if (*number < kRateLimitResetUnixThreshold) return number;
    return std::max<int64_t>(0, *number - now_seconds);
  }
  if (std::optional<int64_t> time = ParseIsoMinuteUtc(value)) {
    return std::max<int64_t>(0, *time - now_seconds);
  }
  return std::nullopt;
}

std::optional<int64_t> ServerRequestedWaitSeconds(const HttpResponse& response,
                                                  int64_t now_seconds) {
  if (std::optional<int64_t> wait = ParseRetryAfter(response.Header("retry-after"), now_seconds)) {
    return wait;
  }
  return ParseRateLimitReset(response.Header("x-ratelimit-reset"), now_seconds);
}

}  // namespace crosswalk
