// The report clock (report_zone.h): IANA zones from the system zoneinfo, instants moved to the
// zone's wall clock, calendar dates left on their date. Expected values worked out by hand.

#include "gateway/report/report_zone.h"

#include "gateway/report/period.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/report/test_records.h"
#include "tests/status_matchers.h"

namespace crosswalk::report {
namespace {

using ::testing::HasSubstr;

TEST(ReportZoneTest, IanaNamesLoadAndOthersAreRefusedByName) {
  ASSERT_THAT(LoadReportZone("Asia/Tokyo"), IsOk());
  ASSERT_THAT(LoadReportZone("UTC"), IsOk());
  for (const char* bad : {"", "Asia/Tokio", "+09:00", "../../etc/passwd", "/usr/share/zoneinfo/Asia/Tokyo", "JST 9"}) {
    EXPECT_THAT(LoadReportZone(bad),
                StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(std::string("time zone '") + bad + "' is not known")));
  }
}

TEST(ReportZoneTest, InstantsMoveToTheWallClockCalendarDatesStay) {
  auto tokyo = LoadReportZone("Asia/Tokyo");
  auto los_angeles = LoadReportZone("America/Los_Angeles");
  ASSERT_THAT(tokyo, IsOk());
  ASSERT_THAT(los_angeles, IsOk());
  // 2024-10-01 08:00 in Tokyo is 2024-09-30T23:00:00Z: October there, September in UTC.
  const int64_t incident = T("2024-09-30T23:00:00Z");
  EXPECT_EQ(ToReportClock(incident, *tokyo), T("2024-10-01T08:00:00Z"));
  EXPECT_EQ(ToReportClock(incident, *los_angeles), T("2024-09-30T16:00:00Z"));  // PDT, -07:00
  EXPECT_EQ(ToReportClock(T("2024-12-30T23:00:00Z"), *los_angeles), T("2024-12-30T15:00:00Z"));  // PST, -08:00
  const PeriodGrid months(PeriodOptions{});
  EXPECT_EQ(months.At(months.StartOf(ToReportClock(incident, *tokyo))).label, "2024-10");
  EXPECT_EQ(months.At(months.StartOf(incident)).label, "2024-09");

  Record record;
  record.opened = incident;
  record.effective = T("2024-10-01");  // a review date written without a time
  record.calendar_dates = {"effective"};
  ToReportClock(record, *los_angeles);
  EXPECT_EQ(record.opened, T("2024-09-30T16:00:00Z"));
  EXPECT_EQ(record.effective, T("2024-10-01"));  // not 30 September
}

TEST(ReportZoneTest, TodayIsTheZonesDate) {
  auto tokyo = LoadReportZone("Asia/Tokyo");
  ASSERT_THAT(tokyo, IsOk());
  EXPECT_EQ(TodayOnReportClock(T("2024-09-30T23:00:00Z"), *tokyo), T("2024-10-01"));
  EXPECT_EQ(TodayOnReportClock(T("2024-09-30T14:59:59Z"), *tokyo), T("2024-09-30"));
  ReportZone utc;
  EXPECT_EQ(TodayOnReportClock(T("2024-09-30T23:00:00Z"), utc), T("2024-09-30"));
}

}  // namespace
}  // namespace crosswalk::report
