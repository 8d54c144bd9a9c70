#include "gateway/core/time_text.h"

#include <algorithm>
#include <cstdio>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "gateway/core/unicode.h"

namespace crosswalk {
namespace {

// Cursor over ASCII text (after NFKC, so full-width digits and 年月日 separators are handled by the
// caller's mapping of 年/月 to '-' and 日 to nothing).
struct Scanner {
  absl::string_view s;
  size_t i = 0;
  bool AtEnd() const { return i >= s.size(); }
  bool Peek(char c) const { return i < s.size() && s[i] == c; }
  bool Eat(char c) {
    if (!Peek(c)) return false;
    ++i;
    return true;
  }
  // Reads 1..max_digits digits.
  bool Number(int max_digits, int& out) {
    int n = 0, value = 0;
    while (i < s.size() && n < max_digits && absl::ascii_isdigit(s[i])) {
      value = value * 10 + (s[i] - '0');
      ++i;
      ++n;
    }
    out = value;
    return n > 0;
  }
};

// A Japanese era: its name, its Latin initial, the Gregorian year of its first year and the
// first and last calendar days (inclusive) it covers. Meiji is accepted from 1873-01-01, the day
// Japan adopted the Gregorian calendar (earlier Meiji dates are lunisolar).
struct Era {
  const char* name;
  char initial;
  int first_year;
  int from[3];
  int to[3];
};

constexpr Era kEras[] = {
    {"\xE4\xBB\xA4\xE5\x92\x8C", 'r', 2019, {2019, 5, 1}, {9999, 12, 31}},   // 令和
    {"\xE5\xB9\xB3\xE6\x88\x90", 'h', 1989, {1989, 1, 8}, {2019, 4, 30}},    // 平成
    {"\xE6\x98\xAD\xE5\x92\x8C", 's', 1926, {1926, 12, 25}, {1989, 1, 7}},   // 昭和
    {"\xE5\xA4\xA7\xE6\xAD\xA3", 't', 1912, {1912, 7, 30}, {1926, 12, 24}},  // 大正
    {"\xE6\x98\x8E\xE6\xB2\xBB", 'm', 1868, {1873, 1, 1}, {1912, 7, 29}},    // 明治
};

// The era `key` starts with ("令和6年…", "r6.4.1"; `key` is a MatchKey, so ㋿ is already 令和 and
// Ｒ is r), with `key` advanced past it; nullptr (and `key` untouched) when it starts with none.
// An initial counts only when a digit follows, so words are not eras.
const Era* StripEra(absl::string_view& key) {
  for (const Era& era : kEras) {
    if (absl::ConsumePrefix(&key, era.name)) return &era;
    if (key.size() >= 2 && key[0] == era.initial && absl::ascii_isdigit(key[1])) {
      key.remove_prefix(1);
      return &era;
    }
  }
  return nullptr;
}

// The text the scanner reads: NFKC (full-width digits, colons and slashes become ASCII), 年 and 月
// become the separator '-', 日 goes, 元 (the first year of an era) becomes 1, and 'T'/'Z' are upper
// case again after MatchKey's case folding.
std::string Canonical(absl::string_view key) {
  std::string out;
  out.reserve(key.size());
  for (size_t i = 0; i < key.size();) {
    const absl::string_view rest = key.substr(i);
    // 年 E5 B9 B4, 月 E6 9C 88, 日 E6 97 A5, 元 E5 85 83
    if (absl::StartsWith(rest, "\xE5\xB9\xB4") || absl::StartsWith(rest, "\xE6\x9C\x88")) {
      out.push_back('-');
      i += 3;
    } else if (absl::StartsWith(rest, "\xE6\x97\xA5")) {
      i += 3;
    } else if (absl::StartsWith(rest, "\xE5\x85\x83")) {
      out.push_back('1');
      i += 3;
    } else {
      out.push_back(key[i] == 't' ? 'T' : key[i] == 'z' ? 'Z' : key[i]);
      ++i;
    }
  }
  return out;
}

absl::Status Expected(absl::string_view text) {
  return absl::InvalidArgumentError(absl::StrCat(
      "'", TruncateUtf8(text, kQuotedTextBytes),
      "' is not a date or date-time (expected e.g. 2024-05-02, 2024/5/2 9:05, 2024年5月2日, 令和6年5月2日, R6.5.2, ",
      "2024-05-02T11:14:07Z or 2024-05-02T20:14:07+09:00)"));
}

bool IsCalendarDate(int year, int month, int day) {
  static constexpr int kDaysIn[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1 || day > kDaysIn[month - 1]) return false;
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month != 2 || day != 29 || leap;
}

}  // namespace

int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  // Howard Hinnant's days_from_civil.
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

absl::StatusOr<int> ParseUtcOffset(absl::string_view text) {
  const std::string t = Canonical(MatchKey(text));
  // Canonical() upper-cases every 't' and 'z', so the names are compared in MatchKey's lower case.
  const std::string key = MatchKey(text);
  if (key == "z" || key == "utc" || key == "gmt") return 0;
  Scanner sc{t};
  int sign = 0;
  if (sc.Eat('+')) sign = 1;
  else if (sc.Eat('-')) sign = -1;
  int hours = 0, minutes = 0;
  if (sign == 0 || !sc.Number(2, hours)) {
    return absl::InvalidArgumentError(
        absl::StrCat("'", text, "' is not a UTC offset (expected Z, +09:00, +0900 or -05)"));
  }
  sc.Eat(':');
  if (!sc.AtEnd() && !sc.Number(2, minutes)) minutes = -1;
  if (!sc.AtEnd() || hours > 14 || minutes < 0 || minutes > 59) {
    return absl::InvalidArgumentError(
        absl::StrCat("'", text, "' is not a UTC offset (expected Z, +09:00, +0900 or -05)"));
  }
  return sign * (hours * 3600 + minutes * 60);
}

absl::StatusOr<int64_t> ParseTimestamp(absl::string_view text, int utc_offset_seconds, bool* date_only) {
  const std::string key = MatchKey(text);
  absl::string_view rest = key;
  const Era* era = StripEra(rest);
  const std::string t = Canonical(rest);
  Scanner sc{t};
  int year = 0, month = 0, day = 0;
  if (era != nullptr) {
    if (!sc.Number(2, year) || year < 1) return Expected(text);
  } else if (!sc.Number(4, year) || sc.i != 4) {
    return Expected(text);
  }
  const char sep = sc.Peek('/') ? '/' : sc.Peek('.') ? '.' : '-';
  if (!sc.Eat(sep) || !sc.Number(2, month) || !sc.Eat(sep) || !sc.Number(2, day)) {
    return Expected(text);
  }
  if (era != nullptr) year += era->first_year - 1;
  if (!IsCalendarDate(year, month, day)) return Expected(text);
  int64_t seconds = DaysFromCivil(year, month, day) * 86400;
  if (era != nullptr && (seconds < DaysFromCivil(era->from[0], era->from[1], era->from[2]) * 86400 ||
                         seconds > DaysFromCivil(era->to[0], era->to[1], era->to[2]) * 86400)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "'", TruncateUtf8(text, kQuotedTextBytes), "' is outside the era ", era->name, " (",
        FormatDate(DaysFromCivil(era->from[0], era->from[1], era->from[2]) * 86400),
        era->to[0] == 9999 ? " onwards"
                           : absl::StrCat(" to ", FormatDate(DaysFromCivil(era->to[0], era->to[1], era->to[2]) * 86400)),
        ")"));
  }
  // A date without a time of day is a calendar date: never shifted by the source's zone.
  if (date_only != nullptr) *date_only = sc.AtEnd();
  if (sc.AtEnd()) return seconds;
  if (!sc.Eat('T') && !sc.Eat(' ')) return Expected(text);
  int hour = 0, minute = 0, second = 0;
  if (!sc.Number(2, hour) || !sc.Eat(':') || !sc.Number(2, minute)) return Expected(text);
  if (sc.Eat(':') && !sc.Number(2, second)) return Expected(text);
  if (sc.Eat('.') || sc.Eat(',')) {
    int fraction = 0;
    if (!sc.Number(9, fraction)) return Expected(text);
  }
  if (hour > 23 || minute > 59 || second > 60) return Expected(text);
  seconds += hour * 3600 + minute * 60 + second;
  sc.Eat(' ');
  if (sc.AtEnd()) return seconds - utc_offset_seconds;
  auto offset = ParseUtcOffset(t.substr(sc.i));
  if (!offset.ok()) return Expected(text);
  return seconds - *offset;
}

std::optional<int64_t> ParseExcelSerial(absl::string_view text, int utc_offset_seconds, bool* date_only) {
  const std::string key = MatchKey(text);
  Scanner sc{key};
  int days = 0;
  if (!sc.Number(5, days) || sc.i != 5 || days < 10000) return std::nullopt;
  // Serial 1 is 1900-01-01 but Excel (after Lotus 1-2-3) counts a 1900-02-29 that never was, so
  // from serial 61 on, day n is 1899-12-30 + n. Only serials from 10000 are read: no pre-1900-03-01
  // case arises, and no year-like number such as 2024 is taken for a date.
  int64_t seconds = (DaysFromCivil(1899, 12, 30) + days) * 86400;
  if (date_only != nullptr) *date_only = sc.AtEnd();
  if (sc.AtEnd()) return seconds;  // a whole day: a calendar date
  if (!sc.Eat('.')) return std::nullopt;
  const size_t first = sc.i;
  double fraction = 0, scale = 0.1;
  while (!sc.AtEnd() && absl::ascii_isdigit(key[sc.i]) && sc.i - first < 15) {
    fraction += (key[sc.i++] - '0') * scale;
    scale /= 10;
  }
  if (sc.i == first || !sc.AtEnd()) return std::nullopt;
  // A time of day: wall-clock time at the source's zone, to the nearest second.
  return seconds + std::min<int64_t>(static_cast<int64_t>(fraction * 86400 + 0.5), 86399) - utc_offset_seconds;
}

std::string FormatTimestamp(int64_t unix_seconds) {
  int64_t days = unix_seconds / 86400;
  int64_t rem = unix_seconds % 86400;
  if (rem < 0) {
    rem += 86400;
    --days;
  }
  // Howard Hinnant's civil_from_days.
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(days - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400 + (m <= 2);
  if (y < 0 || y > 9999) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02d:%02d:%02dZ", static_cast<long long>(y), m,
                  d, static_cast<int>(rem / 3600), static_cast<int>(rem % 3600 / 60),
                  static_cast<int>(rem % 60));
    return buf;
  }
  // Four-digit years, the only ones records hold, without snprintf (once per date field).
  std::string out = "0000-00-00T00:00:00Z";
  auto put = [&out](size_t at, int64_t value, int digits) {
    for (int i = digits - 1; i >= 0; --i, value /= 10) out[at + i] = static_cast<char>('0' + value % 10);
  };
  put(0, y, 4);
  put(5, m, 2);
  put(8, d, 2);
  put(11, rem / 3600, 2);
  put(14, rem % 3600 / 60, 2);
  put(17, rem % 60, 2);
  return out;
}

std::string FormatDate(int64_t unix_seconds) {
  std::string timestamp = FormatTimestamp(unix_seconds);
  timestamp.resize(timestamp.find('T'));  // years past 9999 have more than four digits
  return timestamp;
}

}  // namespace crosswalk
