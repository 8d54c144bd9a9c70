#include "gateway/report/working_calendar.h"

#include <algorithm>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gateway/core/csv_table.h"
#include "gateway/core/status_macros.h"
#include "gateway/core/time_text.h"
#include "gateway/core/unicode.h"

namespace crosswalk::report {
namespace {

constexpr int64_t kDay = 86400;
constexpr const char* kWeekdays[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

// "09:00" → seconds after midnight, or -1.
int64_t ClockTime(absl::string_view text) {
  const std::vector<std::string> parts = absl::StrSplit(absl::StripAsciiWhitespace(text), ':');
  if (parts.size() != 2 || parts[0].empty() || parts[0].size() > 2 || parts[1].size() != 2) return -1;
  for (const std::string& part : parts) {
    if (!std::all_of(part.begin(), part.end(), absl::ascii_isdigit)) return -1;
  }
  const int hour = std::stoi(parts[0]), minute = std::stoi(parts[1]);
  if (hour > 24 || minute > 59 || (hour == 24 && minute != 0)) return -1;
  return hour * 3600 + minute * 60;
}

int Weekday(absl::string_view name) {
  const std::string lower = absl::AsciiStrToLower(absl::StripAsciiWhitespace(name));
  for (int i = 0; i < 7; ++i) {
    if (lower == kWeekdays[i]) return i;
  }
  return -1;
}

}  // namespace

absl::StatusOr<WorkingCalendar> WorkingCalendar::Create(const std::string& hours, const std::string& days,
                                                        const std::string& holidays_file) {
  WorkingCalendar calendar;
  const std::vector<std::string> span = absl::StrSplit(hours, '-');
  if (span.size() != 2 || (calendar.day_start_ = ClockTime(span[0])) < 0 ||
      (calendar.day_end_ = ClockTime(span[1])) < 0 || calendar.day_start_ >= calendar.day_end_) {
    return absl::InvalidArgumentError(absl::StrCat("working_hours '", TruncateUtf8(hours, kQuotedTextBytes),
                                                   "' is not a span of one day such as 09:00-17:45"));
  }
  for (absl::string_view item : absl::StrSplit(days, ',')) {
    const std::vector<std::string> range = absl::StrSplit(item, '-');
    const int first = Weekday(range[0]), last = range.size() == 2 ? Weekday(range[1]) : first;
    if (range.size() > 2 || first < 0 || last < first) {
      return absl::InvalidArgumentError(absl::StrCat("working_days '", TruncateUtf8(days, kQuotedTextBytes),
                                                     "' is not a list of mon … sun such as mon-fri or mon-fri,sat"));
    }
    for (int d = first; d <= last; ++d) calendar.working_[d] = true;
  }
  calendar.description_ = absl::StrCat(absl::StripAsciiWhitespace(hours), " ", absl::AsciiStrToLower(days));
  if (!holidays_file.empty()) {
    CW_ASSIGN_OR_RETURN(CsvTable csv, ReadCsvTable(holidays_file, {"date", "name"}));
    for (const CsvRecord& row : csv.rows) {
      bool date_only = false;
      auto date = ParseTimestamp(csv.Value(row, "date"), 0, &date_only);
      if (!date.ok()) return csv.ErrorAt(row, "date", date.status().message());
      if (!date_only) return csv.ErrorAt(row, "date", "a holiday is a date without a time of day");
      calendar.holidays_.insert(FloorDiv(*date, kDay));
    }
    const size_t slash = holidays_file.find_last_of('/');
    absl::StrAppend(&calendar.description_, ", ", calendar.holidays_.size(),
                    calendar.holidays_.size() == 1 ? " holiday from " : " holidays from ",
                    slash == std::string::npos ? holidays_file : holidays_file.substr(slash + 1));
  }
  return calendar;
}

bool WorkingCalendar::IsWorkingDay(int64_t day) const {
  // 1970-01-01 was a Thursday (weekday 3 counting from Monday = 0).
  const int64_t weekday = ((day + 3) % 7 + 7) % 7;
  return working_[weekday] && !holidays_.count(day);
}

int64_t WorkingCalendar::WorkingSeconds(int64_t from, int64_t to) const {
  int64_t total = 0;
  for (int64_t day = FloorDiv(from, kDay); to > from && day <= FloorDiv(to - 1, kDay); ++day) {
    if (!IsWorkingDay(day)) continue;
    const int64_t open = std::max(from, day * kDay + day_start_), close = std::min(to, day * kDay + day_end_);
    if (close > open) total += close - open;
  }
  return total;
}

}  // namespace crosswalk::report
