// Dates and time zones end to end (issue 11): the real crosswalkd reads a +09:00 register whose
// dates are calendar dates and whose date-times are Tokyo wall-clock times, and reports in the
// time zone the request or the configuration names. Expected values are worked out by hand from
// the files written here.
#include <fstream>
#include <map>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/gateway/gateway_fixture.h"

namespace crosswalk {
namespace {

using ::testing::HasSubstr;

class ReportZoneTest : public GatewayTest {
 protected:
  // Tickets and an SoA written in Japan: date-times without an offset are Tokyo time.
  //   Z-1 opened 2024-10-01 08:00 JST = 2024-09-30T23:00Z = 2024-09-30 16:00 in Los Angeles (PDT).
  //   Z-2 opened 2024-09-15 12:00 JST: September everywhere.
  //   Z-3 opened 2024/10/1, a calendar date: October in every zone.
  void WriteEstate(const std::string& reports) {
    WriteFile("tickets.csv",
              "id,type,subject,status,priority,opened,resolved,service\n"
              "Z-1,incident,Payroll run fails,closed,high,2024-10-01 08:00,2024-10-01 10:00,Payroll\n"
              "Z-2,incident,Mid-September,closed,high,2024-09-15 12:00,2024-09-15 13:00,Payroll\n"
              "Z-3,incident,Date only,closed,high,2024/10/1,,Payroll\n");
    WriteFile("soa.csv",
              "Control,Control name,Applicable,Implementation status,Last reviewed\n"
              "A.5.1,Policies for information security,Yes,Implemented,2024/6/13\n"
              "A.5.2,Information security roles,Yes,Implemented,令和6年4月1日\n"
              "A.5.3,Segregation of duties,Yes,Implemented,R6.4.2\n"
              "A.5.4,Management responsibilities,Yes,Implemented,45383\n");
    WriteFile("crosswalkd.yaml",
              absl::StrCat("listen: 127.0.0.1:0\nstore: ", Path("t.db"), "\n", reports,
                           "sources:\n"
                           "  - {name: tickets, type: file, location: ", Path("tickets.csv"),
                           ", preset: generic-ticket, timezone: \"+09:00\"}\n"
                           "  - {name: soa, type: file, location: ", Path("soa.csv"),
                           ", preset: isms-soa, timezone: \"+09:00\"}\n"));
  }
  std::string TryStart() {
    std::string error;
    daemon_ = Daemon::Start(CROSSWALKD_BINARY, {"--config", Path("crosswalkd.yaml")}, Path("crosswalkd.log"), &error);
    return daemon_ == nullptr ? error : "";
  }
  std::string ReadLog() const {
    std::ifstream log(Path("crosswalkd.log"));
    std::stringstream text;
    text << log.rdbuf();
    return text.str();
  }
  void Sync() {
    ProcessResult sync = Cli({"sync", "--all"});
    ASSERT_EQ(sync.exit_code, 0) << sync.err;
  }
  // The service report as JSON; `flags` added to `report service`.
  nlohmann::json ServiceReport(std::vector<std::string> flags) {
    std::vector<std::string> args = {"report", "service", "--format", "json", "--as-of", "2024-10-31"};
    args.insert(args.end(), flags.begin(), flags.end());
    ProcessResult report = Cli(args);
    EXPECT_EQ(report.exit_code, 0) << report.err;
    return nlohmann::json::parse(report.out, nullptr, /*allow_exceptions=*/false);
  }
  // Incidents of service Payroll opened in `period` ("2024-10").
  static int Opened(const nlohmann::json& report, const std::string& period) {
    int opened = 0;
    for (const auto& service : report["service"]["services"]) {
      if (service["service"] != "Payroll") continue;
      for (const auto& p : service["periods"]) {
        if (p["period"] != period) continue;
        for (const auto& incidents : p["incidents"]) opened += incidents["opened"].get<int>();
      }
    }
    return opened;
  }
};

TEST_F(ReportZoneTest, CalendarDatesStayOnTheirDateAtATokyoSource) {
  WriteEstate("");
  Start();
  Sync();
  ProcessResult records = Cli({"records", "--source", "soa", "--format", "csv"});
  ASSERT_EQ(records.exit_code, 0) << records.err;
  EXPECT_THAT(records.out, HasSubstr("iso27001:2022#A.5.1,implemented,2024-06-13,"));
  EXPECT_THAT(records.out, HasSubstr("iso27001:2022#A.5.2,implemented,2024-04-01,"));
  EXPECT_THAT(records.out, HasSubstr("iso27001:2022#A.5.3,implemented,2024-04-02,"));
  EXPECT_THAT(records.out, HasSubstr("iso27001:2022#A.5.4,implemented,2024-04-01,"));  // Excel serial 45383
}

TEST_F(ReportZoneTest, MonthsAreTheReportZones) {
  WriteEstate("");
  Start();
  Sync();
  const nlohmann::json utc = ServiceReport({});
  EXPECT_EQ(utc["time_zone"], "UTC");
  EXPECT_EQ(Opened(utc, "2024-09"), 2);  // Z-1 (23:00Z on 30 September) and Z-2
  EXPECT_EQ(Opened(utc, "2024-10"), 1);  // Z-3
  const nlohmann::json tokyo = ServiceReport({"--timezone", "Asia/Tokyo"});
  EXPECT_EQ(tokyo["time_zone"], "Asia/Tokyo");
  EXPECT_EQ(tokyo["as_of"], "2024-10-31");
  EXPECT_EQ(Opened(tokyo, "2024-09"), 1);  // Z-2
  EXPECT_EQ(Opened(tokyo, "2024-10"), 2);  // Z-1 at 08:00 JST on 1 October, and Z-3
  const nlohmann::json la = ServiceReport({"--timezone", "America/Los_Angeles"});
  EXPECT_EQ(Opened(la, "2024-09"), 2);  // Z-1 at 16:00 on 30 September, Z-2
  EXPECT_EQ(Opened(la, "2024-10"), 1);  // Z-3: a calendar date is not shifted west
  ProcessResult text = Cli({"report", "service", "--as-of", "2024-10-31", "--timezone", "Asia/Tokyo", "--lang", "ja"});
  EXPECT_THAT(text.out, HasSubstr("タイムゾーン: Asia/Tokyo"));
  ProcessResult unknown = Cli({"report", "service", "--timezone", "Mars/Olympus_Mons"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_THAT(unknown.err, HasSubstr("time zone 'Mars/Olympus_Mons' is not known"));
}

TEST_F(ReportZoneTest, TheConfiguredZoneIsTheDefault) {
  WriteEstate("reports: {timezone: Asia/Tokyo}\n");
  Start();
  Sync();
  const nlohmann::json report = ServiceReport({});
  EXPECT_EQ(report["time_zone"], "Asia/Tokyo");
  EXPECT_EQ(Opened(report, "2024-10"), 2);
  EXPECT_EQ(Opened(ServiceReport({"--timezone", "UTC"}), "2024-10"), 1);  // the request's zone wins
}

TEST_F(ReportZoneTest, AnUnknownConfiguredZoneStopsTheStartNamingItsPlace) {
  WriteEstate("reports:\n  timezone: Asia/Tokio\n");
  EXPECT_NE(TryStart(), "");
  EXPECT_THAT(ReadLog(), HasSubstr("crosswalkd.yaml:4:13: time zone 'Asia/Tokio' is not known"));
}

// Targets and calendar, by hand (Asia/Tokyo wall clock; 2024-10-04 is a Friday, 10-07 a Monday
// the holiday list closes, 10-08 a Tuesday, 10-09 a Wednesday; working hours 09:00-17:00):
//   P-1 Payroll: Fri 16:00 → Tue 10:00 = 1 h + 0 + 0 + 1 h = 2 working hours (90 h elapsed);
//       the catalogue's high=3h: within.
//   M-1 Mail: Tue 09:00 → 15:00 = 6 working hours; the configuration's high = 4 h: over.
//   W-1 Web: Wed 09:00 → 12:00 = 3 working hours; the catalogue's "best effort" is not a target
//       list, so the global high = 8 h: within, and the report says why.
TEST_F(ReportZoneTest, TargetsPerServiceAndTheWorkingCalendarAreStated) {
  WriteFile("tickets.csv",
            "id,type,subject,status,priority,opened,resolved,service\n"
            "P-1,incident,Payslips late,closed,high,2024-10-04 16:00,2024-10-08 10:00,Payroll\n"
            "M-1,incident,Mail queue,closed,high,2024-10-08 09:00,2024-10-08 15:00,Mail\n"
            "W-1,incident,Web slow,closed,high,2024-10-09 09:00,2024-10-09 12:00,Web\n");
  WriteFile("catalogue.csv",
            "service id,service name,sla target\n"
            "SVC-1,Payroll,critical=1h; high=3h\n"
            "SVC-2,Web,best effort\n");
  WriteFile("holidays.csv", "date,name\n2024/10/7,創立記念日\n");
  WriteFile("targets.csv", "service,priority,hours\nMail,high,4\n");
  WriteFile("crosswalkd.yaml",
            absl::StrCat("listen: 127.0.0.1:0\nstore: ", Path("t.db"), "\n",
                         "reports: {timezone: Asia/Tokyo, working_hours: \"09:00-17:00\", working_days: mon-fri, "
                         "holidays: holidays.csv, resolution_targets: targets.csv}\n"
                         "sources:\n"
                         "  - {name: tickets, type: file, location: ", Path("tickets.csv"),
                         ", preset: generic-ticket, timezone: \"+09:00\"}\n"
                         "  - {name: catalogue, type: file, location: ", Path("catalogue.csv"),
                         ", preset: service-catalogue}\n"));
  Start();
  Sync();
  const nlohmann::json report = ServiceReport({});
  EXPECT_EQ(report["service"]["resolution_time"]["calendar"], "09:00-17:00 mon-fri, 1 holiday from holidays.csv");
  std::map<std::string, nlohmann::json> services;
  for (const auto& service : report["service"]["services"]) services[service["service"].get<std::string>()] = service;
  auto high = [&](const std::string& name) {
    for (const auto& period : services[name]["periods"]) {
      if (period["period"] != "2024-10") continue;
      for (const auto& incidents : period["incidents"]) {
        if (incidents["priority"] == "high") return incidents;
      }
    }
    return nlohmann::json();
  };
  EXPECT_EQ(services["Payroll"]["resolution_targets"]["from"], "catalogue");
  EXPECT_EQ(services["Payroll"]["resolution_targets"]["label_en"], "service catalogue (catalogue/SVC-1)");
  EXPECT_EQ(services["Payroll"]["resolution_targets"]["hours"]["high"], 3);
  EXPECT_EQ(high("Payroll")["within_target"], 1);
  EXPECT_EQ(services["Mail"]["resolution_targets"]["from"], "config");
  EXPECT_EQ(services["Mail"]["resolution_targets"]["label_en"], "configuration (targets.csv)");
  EXPECT_EQ(high("Mail")["over_target"], 1);
  EXPECT_EQ(services["Web"]["resolution_targets"]["from"], "global");
  EXPECT_THAT(services["Web"]["resolution_targets"]["problem"].get<std::string>(),
              HasSubstr("catalogue/SVC-2: 'best effort' is not a list of resolution targets"));
  EXPECT_EQ(high("Web")["within_target"], 1);

  ProcessResult csv = Cli({"report", "service", "--format", "csv", "--as-of", "2024-10-31"});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_THAT(csv.out, HasSubstr("resolution_targets,resolution_time"));
  EXPECT_THAT(csv.out, HasSubstr("service catalogue (catalogue/SVC-1),"
                                 "\"working hours: 09:00-17:00 mon-fri, 1 holiday from holidays.csv\""));
  ProcessResult ja = Cli({"report", "service", "--as-of", "2024-10-31", "--lang", "ja", "--format", "md"});
  ASSERT_EQ(ja.exit_code, 0) << ja.err;
  EXPECT_THAT(ja.out, HasSubstr("設定（targets.csv）"));
  EXPECT_THAT(ja.out, HasSubstr("営業時間：09:00-17:00 mon-fri"));
  ProcessResult html = Cli({"report", "service", "--as-of", "2024-10-31", "--format", "html"});
  ASSERT_EQ(html.exit_code, 0) << html.err;
  EXPECT_THAT(html.out, HasSubstr("global table (resolution-targets.csv)"));
}

TEST_F(ReportZoneTest, ABadCalendarStopsTheStartNamingItsPlace) {
  WriteEstate("reports:\n  working_hours: \"09:00-17:00\"\n  working_days: mon-fri\n  holidays: holidays.csv\n");
  WriteFile("holidays.csv", "date,name\n2025-01-13,成人の日\n2025-02-30,x\n");
  EXPECT_NE(TryStart(), "");
  EXPECT_THAT(ReadLog(), HasSubstr("holidays.csv:3:1: '2025-02-30' is not a date"));
}

}  // namespace
}  // namespace crosswalk
