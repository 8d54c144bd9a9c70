// Reporting periods: calendar months in UTC (leap years, year ends, before 1970) and fixed lengths.

#include "gateway/report/period.h"

#include "gtest/gtest.h"
#include "tests/report/test_records.h"

namespace crosswalk::report {
namespace {

TEST(PeriodTest, CalendarMonthsInUtc) {
  const PeriodGrid grid({});
  struct Case {
    const char* at;
    const char* start;
    const char* end;
    const char* label;
  };
  for (const Case& c : {Case{"2024-02-29T23:59:59Z", "2024-02-01", "2024-03-01", "2024-02"},
                        Case{"2024-12-31T12:00:00Z", "2024-12-01", "2025-01-01", "2024-12"},
                        Case{"2025-01-01T00:00:00Z", "2025-01-01", "2025-02-01", "2025-01"},
                        Case{"2025-03-31T23:00:00-05:00", "2025-04-01", "2025-05-01", "2025-04"},
                        Case{"1969-12-31T23:00:00Z", "1969-12-01", "1970-01-01", "1969-12"}}) {
    SCOPED_TRACE(c.at);
    const int64_t start = grid.StartOf(T(c.at));
    EXPECT_EQ(start, T(c.start));
    const Period period = grid.At(start);
    EXPECT_EQ(period.end, T(c.end));
    EXPECT_EQ(period.label, c.label);
  }
}

TEST(PeriodTest, FixedLengthFromAnOrigin) {
  const PeriodGrid weeks({7 * 86400, T("2025-01-06")});  // weeks from a Monday
  EXPECT_EQ(weeks.StartOf(T("2025-01-12T23:59:59Z")), T("2025-01-06"));
  EXPECT_EQ(weeks.StartOf(T("2025-01-13")), T("2025-01-13"));
  EXPECT_EQ(weeks.StartOf(T("2025-01-05T12:00:00Z")), T("2024-12-30"));  // before the origin
  const Period week = weeks.At(T("2025-01-13"));
  EXPECT_EQ(week.end, T("2025-01-20"));
  EXPECT_EQ(week.label, "2025-01-13");
  const PeriodGrid hours({3600, T("2025-01-01T00:30:00Z")});
  EXPECT_EQ(hours.At(hours.StartOf(T("2025-01-01T02:00:00Z"))).label, "2025-01-01T01:30:00Z");
}

}  // namespace
}  // namespace crosswalk::report
