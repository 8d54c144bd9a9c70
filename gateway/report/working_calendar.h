#ifndef CROSSWALK_GATEWAY_REPORT_WORKING_CALENDAR_H_
#define CROSSWALK_GATEWAY_REPORT_WORKING_CALENDAR_H_

// A working-hours calendar for resolution times in business hours (docs/dates.md "Working
// hours"): working hours of a day, working days of the week and a list of holidays. Times are on
// the report clock (report_zone.h), so the hours are the report zone's.

#include <array>
#include <cstdint>
#include <set>
#include <string>

#include "absl/status/statusor.h"

namespace crosswalk::report {

class WorkingCalendar {
 public:
  // `hours` "09:00-17:45" (start before end, within one day); `days` a list of mon … sun
  // separated by ',' with ranges ("mon-fri", "mon-fri,sat"); `holidays_file` a CSV with columns
  // date,name (one row per holiday, any date form ParseTimestamp reads as a calendar date), or
  // empty for none. INVALID_ARGUMENT naming what was wrong (the file with line and column).
  static absl::StatusOr<WorkingCalendar> Create(const std::string& hours, const std::string& days,
                                                const std::string& holidays_file);

  // Seconds of working time in [from, to) (0 when to <= from).
  int64_t WorkingSeconds(int64_t from, int64_t to) const;

  // How a report states it: "09:00-17:45 mon-fri, 16 holidays from holidays-jp.csv".
  const std::string& description() const { return description_; }

 private:
  WorkingCalendar() = default;
  bool IsWorkingDay(int64_t day) const;

  int64_t day_start_ = 0, day_end_ = 0;  // seconds after midnight
  std::array<bool, 7> working_{};        // by weekday, Monday = 0
  std::set<int64_t> holidays_;           // days since 1970-01-01
  std::string description_;
};

}  // namespace crosswalk::report

#endif  // CROSSWALK_GATEWAY_REPORT_WORKING_CALENDAR_H_
