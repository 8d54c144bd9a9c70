// Resolution targets per service and the working-hours calendar (issue 11): the catalogue's SLA
// target text, the configuration's table, the global table, and working time counted by hand
// from the calendar below.

#include "gateway/report/service_targets.h"

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "gateway/report/service_report.h"
#include "gateway/report/working_calendar.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/report/test_records.h"
#include "tests/status_matchers.h"

namespace crosswalk::report {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Optional;
using R = RecordBuilder;

constexpr int64_t kHour = 3600;

std::string WriteTemp(const std::string& name, const std::string& text) {
  const std::string path = (std::filesystem::temp_directory_path() / (std::to_string(::getpid()) + "-" + name)).string();
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

TEST(ParseTargetTextTest, PairsOfPriorityAndHours) {
  auto table = ParseTargetText("critical=2h; high = 4 hours、moderate:8時間\nlow=40");
  ASSERT_THAT(table, IsOk());
  std::vector<std::string> keys;
  std::vector<int64_t> seconds;
  for (const DurationRow& row : table->rows) {
    keys.push_back(row.key);
    seconds.push_back(row.seconds);
  }
  EXPECT_THAT(keys, ElementsAre("critical", "high", "moderate", "low"));
  EXPECT_THAT(seconds, ElementsAre(2 * kHour, 4 * kHour, 8 * kHour, 40 * kHour));
  ASSERT_THAT(ParseTargetText("ＨＩＧＨ＝８ｈ"), IsOk());  // full-width
  for (const char* bad : {"", "99.9%", "high", "high=0h", "high=4d", "urgent=4h", "high=4h; high=8h", "high=4h=5"}) {
    EXPECT_THAT(ParseTargetText(bad), StatusIs(absl::StatusCode::kInvalidArgument)) << bad;
  }
}

TEST(LoadServiceTargetsTest, RowsByServiceAndErrorsAtTheirPlace) {
  auto targets = LoadServiceTargets(WriteTemp("targets.csv", "service,priority,hours\nPortal,high,6\nＰｏｒｔａｌ,low,30\n"));
  ASSERT_THAT(targets, IsOk());
  ASSERT_EQ(targets->size(), 1u);  // the full-width spelling is the same service
  EXPECT_EQ(targets->at("portal").Find("high")->seconds, 6 * kHour);
  EXPECT_EQ(targets->at("portal").Find("low")->seconds, 30 * kHour);
  const std::string bad = WriteTemp("bad-targets.csv", "service,priority,hours\nPortal,high,6\nPortal,urgent,2\n");
  EXPECT_THAT(LoadServiceTargets(bad),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("bad-targets.csv:3:8: priority 'urgent' is not one of")));
}

// 2025-01-10 is a Friday; 2025-01-13, the Monday after, is a holiday in the list.
TEST(WorkingCalendarTest, CountsWorkingHoursOnWorkingDaysOnly) {
  const std::string holidays = WriteTemp("holidays.csv", "date,name\n2025/1/13,成人の日\n令和7年2月11日,建国記念の日\n");
  auto calendar = WorkingCalendar::Create("09:00-17:00", "mon-fri", holidays);
  ASSERT_THAT(calendar, IsOk());
  EXPECT_THAT(calendar->description(), HasSubstr("09:00-17:00 mon-fri, 2 holidays from"));
  // Friday 16:00 to Tuesday 10:00: 1 h on Friday, none at the weekend or on the holiday, 1 h on Tuesday.
  EXPECT_EQ(calendar->WorkingSeconds(T("2025-01-10T16:00:00Z"), T("2025-01-14T10:00:00Z")), 2 * kHour);
  // Within one working day; before opening; reversed.
  EXPECT_EQ(calendar->WorkingSeconds(T("2025-01-14T10:00:00Z"), T("2025-01-14T12:30:00Z")), 2 * kHour + 1800);
  EXPECT_EQ(calendar->WorkingSeconds(T("2025-01-14T06:00:00Z"), T("2025-01-14T08:59:00Z")), 0);
  EXPECT_EQ(calendar->WorkingSeconds(T("2025-01-14T12:00:00Z"), T("2025-01-14T10:00:00Z")), 0);
  // A whole week with the holiday of 11 February (Tuesday): 4 days of 8 h.
  EXPECT_EQ(calendar->WorkingSeconds(T("2025-02-10T00:00:00Z"), T("2025-02-17T00:00:00Z")), 32 * kHour);
  auto weekend = WorkingCalendar::Create("10:00-12:00", "sat,sun", "");
  ASSERT_THAT(weekend, IsOk());
  EXPECT_EQ(weekend->WorkingSeconds(T("2025-01-10T00:00:00Z"), T("2025-01-14T00:00:00Z")), 4 * kHour);
}

TEST(WorkingCalendarTest, BadSettingsSayWhatWasExpected) {
  EXPECT_THAT(WorkingCalendar::Create("17:00-09:00", "mon-fri", ""),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("working_hours '17:00-09:00'")));
  EXPECT_THAT(WorkingCalendar::Create("09:00-17:00", "fri-mon", ""),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("working_days 'fri-mon'")));
  const std::string bad = WriteTemp("bad-holidays.csv", "date,name\n2025-01-13,a\n2025-02-30,b\n");
  EXPECT_THAT(WorkingCalendar::Create("09:00-17:00", "mon-fri", bad),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("bad-holidays.csv:3:1: '2025-02-30' is not a date")));
}

// Portal's catalogue entry sets high = 2 h; E-mail has the configuration's high = 6 h; Intranet
// has an unreadable catalogue target and falls back to the global high = 8 h, saying why.
TEST(ServiceTargetsTest, CatalogueThenConfigurationThenGlobal) {
  ServiceReportOptions options;
  options.as_of = T("2025-01-31T00:00:00Z");
  options.resolution_targets.path = "/m/reports/resolution-targets.csv";
  options.resolution_targets.rows = {{"high", 8, 8 * kHour, "derived", "n", 0}};
  options.configured_targets["e-mail"].rows = {{"high", 6, 6 * kHour, "published", "n", 2}};
  options.configured_targets_file = "/etc/crosswalk/targets.csv";
  ServiceReporter reporter(options);
  // The catalogue is read before the tickets (BuildReport lists kind "service" first).
  reporter.AddCatalogueEntry(R("service", "SVC-1").Title("Portal").Attr("service_level_target", "high=2h"));
  reporter.AddCatalogueEntry(R("service", "SVC-3").Title("Intranet").Attr("service_level_target", "best effort"));
  // Each incident took 5 h.
  for (const char* service : {"Portal", "E-mail", "Intranet"}) {
    reporter.Add(R("incident", std::string("INC-") + service).Link("service", service).Priority("high").Status("closed")
                     .Opened("2025-01-14T09:00:00Z").Resolved("2025-01-14T14:00:00Z"));
  }
  const ServiceReport report = reporter.Finish();
  auto service = [&](const std::string& name) -> const ServiceFigures& {
    for (const ServiceFigures& s : report.services) {
      if (s.service == name) return s;
    }
    ADD_FAILURE() << name;
    return report.services.front();
  };
  const ServiceFigures& portal = service("Portal");
  EXPECT_EQ(portal.targets.origin, TargetOrigin::kCatalogue);
  EXPECT_THAT(portal.targets.detail, HasSubstr("SVC-1"));
  EXPECT_THAT(portal.periods.back().incidents.front().target_seconds, Optional(2 * kHour));
  EXPECT_EQ(portal.periods.back().incidents.front().over_target.size(), 1u);
  const ServiceFigures& email = service("E-mail");
  EXPECT_EQ(email.targets.origin, TargetOrigin::kConfig);
  EXPECT_THAT(email.periods.back().incidents.front().target_seconds, Optional(6 * kHour));
  EXPECT_EQ(email.periods.back().incidents.front().within_target.size(), 1u);
  const ServiceFigures& intranet = service("Intranet");
  EXPECT_EQ(intranet.targets.origin, TargetOrigin::kGlobal);
  EXPECT_THAT(intranet.targets.problem, HasSubstr("'best effort' is not a list of resolution targets"));
  EXPECT_THAT(intranet.periods.back().incidents.front().target_seconds, Optional(8 * kHour));
  EXPECT_EQ(report.calendar, "");
}

TEST(ServiceTargetsTest, WorkingHoursCalendarMeasuresResolution) {
  ServiceReportOptions options;
  options.as_of = T("2025-01-31T00:00:00Z");
  options.resolution_targets.rows = {{"high", 4, 4 * kHour, "derived", "n", 0}};
  auto calendar = WorkingCalendar::Create("09:00-17:00", "mon-fri", "");
  ASSERT_THAT(calendar, IsOk());
  options.calendar = *calendar;
  ServiceReporter reporter(options);
  // Friday 16:00 to Monday 11:00: 66 h elapsed, 3 working hours (1 + 2): within the 4 h target.
  reporter.Add(R("incident", "INC1").Link("service", "Portal").Priority("high").Status("closed")
                   .Opened("2025-01-10T16:00:00Z").Resolved("2025-01-13T11:00:00Z"));
  const ServiceReport report = reporter.Finish();
  EXPECT_THAT(report.calendar, HasSubstr("09:00-17:00 mon-fri"));
  const IncidentFigures& high = report.services.front().periods.front().incidents.front();
  EXPECT_THAT(high.median_resolution_seconds, Optional(3 * kHour));
  EXPECT_EQ(high.within_target.size(), 1u);
}

}  // namespace
}  // namespace crosswalk::report
