// Service reporting on a small hand-checked estate: volume by priority, resolution against
// targets, both kinds of SLA breach, change success rate, backlog ages, the "(no service)" bucket,
// records that cannot be placed, and the same report whatever the order of the records.

#include "gateway/report/service_report.h"

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_format.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/report/test_records.h"

namespace crosswalk::report {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Optional;
using R = RecordBuilder;

constexpr int64_t kHour = 3600;
constexpr int64_t kDay = 86400;

ServiceReportOptions ServiceTestOptions() {
  ServiceReportOptions options;
  options.as_of = T("2025-03-15T00:00:00Z");
  options.resolution_targets.rows = {{"high", 8, 8 * kHour, "derived", "n", 0},
                                     {"moderate", 24, 24 * kHour, "derived", "n", 0}};
  return options;
}

std::vector<Record> Estate() {
  return {
      R("incident", "INC1").Link("service", "Portal").Priority("high").Status("closed")
          .Opened("2025-01-10T09:00:00Z").Resolved("2025-01-10T13:00:00Z"),
      R("incident", "INC2").Link("service", "portal").Priority("high").Status("resolved")
          .Opened("2025-01-20T09:00:00Z").Resolved("2025-01-21T09:00:00Z").Attr("made_sla", "false", "bool"),
      R("incident", "INC3").Attr("service", "Portal").Priority("moderate").Status("in-progress")
          .Opened("2025-01-25T00:00:00Z"),
      R("incident", "INC4").Status("closed").Opened("2025-02-05T00:00:00Z").Resolved("2025-02-05T01:00:00Z"),
      R("incident", "INC5").Link("service", "Portal").Unmapped("priority", "P9").Status("closed")
          .Opened("2025-02-10T00:00:00Z"),
      R("incident", "INC6").Link("service", "Portal").Priority("high").Status("new"),
      R("incident", "INC7").Link("service", "Portal").Priority("high").Opened("2025-04-01T00:00:00Z"),
      R("incident", "INC8").Link("service", "Portal").Priority("moderate").Status("on-hold")
          .Opened("2025-02-20T00:00:00Z"),
      // Reopened: the status says open, whatever the old resolved time says.
      R("incident", "INC9").Link("service", "Portal").Priority("high").Status("in-progress")
          .Opened("2025-03-01T00:00:00Z").Resolved("2025-03-02T00:00:00Z"),
      R("incident", "INC10").Link("service", "Portal").Priority("high").Status("cancelled")
          .Opened("2025-03-05T00:00:00Z").Updated("2025-03-06T00:00:00Z"),
      // The servicenow-incident preset's role sla_breached holds made_sla: false means not made.
      R("incident", "INC11").Link("service", "Portal").Priority("high").Status("closed").Flag("sla_breached", false)
          .Opened("2025-03-03T00:00:00Z").Resolved("2025-03-03T02:00:00Z"),
      // An extra column really named sla_breached means what it says.
      R("incident", "INC12").Link("service", "Portal").Priority("moderate").Status("closed").Attr("sla_breached", "true")
          .Opened("2025-03-04T00:00:00Z").Resolved("2025-03-04T10:00:00Z"),
      // Resolved in exactly the target time: within it.
      R("incident", "INC13").Link("service", "Portal").Priority("high").Status("resolved")
          .Opened("2025-03-07T00:00:00Z").Resolved("2025-03-07T08:00:00Z"),
      R("change", "CHG1").Link("service", "Portal").Status("closed").Closed("2025-01-15").Attr("close_code", "successful"),
      R("change", "CHG2").Link("service", "Portal").Status("closed").Closed("2025-01-20").Attr("close_code", "Unsuccessful"),
      R("change", "CHG3").Link("service", "Portal").Status("closed").Closed("2025-01-22"),
      R("change", "CHG4").Link("service", "Portal").Status("cancelled").Closed("2025-01-23"),
      R("change", "CHG5").Link("service", "Portal").Status("in-progress").Opened("2025-01-10"),
      R("change", "CHG6").Link("service", "Portal").Status("closed").Effective("2025-02-03").Attr("close_code", "backed out"),
      R("change", "CHG7").Link("service", "E-mail").Closed("2025-02-04").Attr("close code", "Failed"),
      R("change", "CHG8").Link("service", "Portal").Closed("2025-02-05").Attr("close_code", "Successful with issues"),
      R("service-request", "REQ1").Attr("service", "Portal").Status("resolved")
          .Opened("2025-01-05T00:00:00Z").Resolved("2025-02-10T00:00:00Z"),
      R("problem", "PRB1").Link("service", "Portal").Status("closed")
          .Opened("2024-12-20T00:00:00Z").Updated("2025-02-15T00:00:00Z"),
      R("risk", "RISK1").Link("service", "Portal").Opened("2025-01-01"),  // not a kind the report reads
  };
}

// The report of `records`, read as BuildReport reads a store: the catalogue first, then the rest.
ServiceReport Report(const std::vector<Record>& records, ServiceReportOptions options) {
  ServiceReporter reporter(std::move(options));
  for (const Record& record : records) reporter.AddCatalogueEntry(record);
  for (const Record& record : records) reporter.Add(record);
  return reporter.Finish();
}

class ServiceReportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    report_ = Report(Estate(), ServiceTestOptions());
  }

  std::vector<std::string> Ids(const RecordRefs& refs) const {
    std::vector<std::string> ids;
    for (uint32_t ref : refs) ids.push_back(report_.records.at(ref).native_id);
    return ids;
  }
  const ServiceFigures& Service(const std::string& name) const {
    for (const ServiceFigures& service : report_.services) {
      if (service.service == name) return service;
    }
    ADD_FAILURE() << "no service " << name;
    return report_.services.front();
  }
  const PeriodFigures& Period(const std::string& service, const std::string& label) const {
    for (const PeriodFigures& period : Service(service).periods) {
      if (period.period.label == label) return period;
    }
    ADD_FAILURE() << "no period " << label;
    return Service(service).periods.front();
  }
  const IncidentFigures& Incidents(const std::string& service, const std::string& label,
                                   const std::string& priority) const {
    for (const IncidentFigures& figures : Period(service, label).incidents) {
      if (figures.priority == priority) return figures;
    }
    ADD_FAILURE() << "no priority " << priority;
    return Period(service, label).incidents.front();
  }
  const BacklogFigures& Backlog(const std::string& service, const std::string& label, const std::string& kind) const {
    for (const BacklogFigures& backlog : Period(service, label).backlog) {
      if (backlog.kind == kind) return backlog;
    }
    ADD_FAILURE() << "no backlog " << kind;
    return Period(service, label).backlog.front();
  }

  ServiceReport report_;
};

TEST_F(ServiceReportTest, ServicesPeriodsAndPriorities) {
  std::vector<std::string> services;
  for (const ServiceFigures& service : report_.services) services.push_back(service.service);
  EXPECT_THAT(services, ElementsAre("E-mail", "Portal", kNoService));  // "portal" folded into "Portal"
  EXPECT_TRUE(report_.services.back().no_service);
  std::vector<std::string> labels;
  for (const PeriodFigures& period : Service("Portal").periods) labels.push_back(period.period.label);
  EXPECT_THAT(labels, ElementsAre("2024-12", "2025-01", "2025-02", "2025-03"));  // from PRB1's opening
  EXPECT_EQ(Period("Portal", "2025-03").backlog_at, T("2025-03-15T00:00:00Z"));
  EXPECT_EQ(Period("Portal", "2025-02").backlog_at, T("2025-03-01"));
  EXPECT_THAT(report_.priorities, ElementsAre("high", "moderate", kUnmappedPriority, kNoPriority));
  // The records some figure lists: every incident, change, request and problem but CHG5 (in
  // progress: no outcome yet, and changes have no backlog); not the risk.
  EXPECT_EQ(report_.records.size(), 22u);
  for (const RecordKey& key : report_.records) EXPECT_NE(key.native_id, "CHG5");
}

TEST_F(ServiceReportTest, IncidentVolumeResolutionAndTargets) {
  const IncidentFigures& jan_high = Incidents("Portal", "2025-01", "high");
  EXPECT_THAT(Ids(jan_high.opened), ElementsAre("INC1", "INC2"));
  EXPECT_THAT(Ids(jan_high.resolved), ElementsAre("INC1", "INC2"));
  EXPECT_THAT(jan_high.median_resolution_seconds, Optional(14 * kHour));  // (4 h + 24 h) / 2
  EXPECT_THAT(jan_high.max_resolution_seconds, Optional(24 * kHour));
  EXPECT_THAT(jan_high.target_seconds, Optional(8 * kHour));
  EXPECT_THAT(Ids(jan_high.within_target), ElementsAre("INC1"));
  EXPECT_THAT(Ids(jan_high.over_target), ElementsAre("INC2"));
  EXPECT_THAT(jan_high.within_target_rate, Optional(0.5));

  const IncidentFigures& jan_moderate = Incidents("Portal", "2025-01", "moderate");
  EXPECT_THAT(Ids(jan_moderate.opened), ElementsAre("INC3"));
  EXPECT_THAT(jan_moderate.resolved, IsEmpty());
  EXPECT_EQ(jan_moderate.median_resolution_seconds, std::nullopt);
  EXPECT_EQ(jan_moderate.within_target_rate, std::nullopt);  // nothing resolved: no rate, not 0%
  EXPECT_THAT(Ids(jan_moderate.open_past_target), ElementsAre("INC3"));

  // An unknown priority is its own bucket, not "(none)"; closed without a resolved time.
  const IncidentFigures& feb_unmapped = Incidents("Portal", "2025-02", kUnmappedPriority);
  EXPECT_THAT(Ids(feb_unmapped.opened), ElementsAre("INC5"));
  EXPECT_THAT(Ids(feb_unmapped.unmeasured), ElementsAre("INC5"));
  EXPECT_EQ(feb_unmapped.target_seconds, std::nullopt);
  EXPECT_THAT(Incidents("Portal", "2025-02", kNoPriority).opened, IsEmpty());

  const IncidentFigures& mar_high = Incidents("Portal", "2025-03", "high");
  EXPECT_THAT(Ids(mar_high.opened), ElementsAre("INC10", "INC11", "INC13", "INC9"));
  EXPECT_THAT(Ids(mar_high.resolved), ElementsAre("INC11", "INC13"));  // INC9 open again, INC10 cancelled
  EXPECT_THAT(mar_high.median_resolution_seconds, Optional(5 * kHour));  // (2 h + 8 h) / 2
  EXPECT_THAT(Ids(mar_high.within_target), ElementsAre("INC11", "INC13"));  // 8 h is within 8 h
  EXPECT_THAT(mar_high.within_target_rate, Optional(1.0));
  EXPECT_THAT(Ids(mar_high.open_past_target), ElementsAre("INC9"));

  // The record without a service is kept in its own bucket.
  const IncidentFigures& none = Incidents(kNoService, "2025-02", kNoPriority);
  EXPECT_THAT(Ids(none.opened), ElementsAre("INC4"));
  EXPECT_THAT(none.median_resolution_seconds, Optional(kHour));
  EXPECT_EQ(none.target_seconds, std::nullopt);
}

TEST_F(ServiceReportTest, SlaBreachesBySourceAndByTarget) {
  const IncidentFigures& jan_high = Incidents("Portal", "2025-01", "high");
  EXPECT_THAT(Ids(jan_high.sla_not_made), ElementsAre("INC2"));  // made_sla false
  EXPECT_THAT(Ids(jan_high.any_breach), ElementsAre("INC2"));    // over target too, counted once
  const IncidentFigures& mar_high = Incidents("Portal", "2025-03", "high");
  EXPECT_THAT(Ids(mar_high.sla_not_made), ElementsAre("INC11"));  // preset role sla_breached=false
  EXPECT_THAT(mar_high.over_target, IsEmpty());
  EXPECT_THAT(Ids(mar_high.any_breach), ElementsAre("INC11", "INC9"));
  const IncidentFigures& mar_moderate = Incidents("Portal", "2025-03", "moderate");
  EXPECT_THAT(Ids(mar_moderate.sla_not_made), ElementsAre("INC12"));  // extra column sla_breached=true
  EXPECT_THAT(Ids(mar_moderate.within_target), ElementsAre("INC12"));
}

TEST_F(ServiceReportTest, ChangeSuccessRate) {
  const ChangeFigures& jan = Period("Portal", "2025-01").changes;
  EXPECT_THAT(Ids(jan.successful), ElementsAre("CHG1"));
  EXPECT_THAT(Ids(jan.unsuccessful), ElementsAre("CHG2"));
  EXPECT_THAT(Ids(jan.unknown), ElementsAre("CHG3"));  // closed without a close code: not a success
  EXPECT_THAT(Ids(jan.not_implemented), ElementsAre("CHG4"));
  EXPECT_THAT(jan.success_rate, Optional(0.5));
  const ChangeFigures& feb = Period("Portal", "2025-02").changes;
  EXPECT_THAT(Ids(feb.successful), ElementsAre("CHG8"));    // "successful with issues"
  EXPECT_THAT(Ids(feb.unsuccessful), ElementsAre("CHG6"));  // backed out, placed by its effective date
  EXPECT_THAT(feb.success_rate, Optional(0.5));
  EXPECT_THAT(Period("E-mail", "2025-02").changes.success_rate, Optional(0.0));  // one failed change
  EXPECT_EQ(Period("Portal", "2025-03").changes.success_rate, std::nullopt);   // no changes: no rate
  EXPECT_EQ(Period("E-mail", "2025-01").changes.success_rate, std::nullopt);
}

TEST_F(ServiceReportTest, BacklogAtEachPeriodEnd) {
  EXPECT_THAT(Ids(Backlog("Portal", "2024-12", "problem").open), ElementsAre("PRB1"));
  EXPECT_THAT(Backlog("Portal", "2024-12", "problem").oldest_age_seconds, Optional(12 * kDay));
  EXPECT_THAT(Backlog("Portal", "2024-12", "incident").open, IsEmpty());
  EXPECT_EQ(Backlog("Portal", "2024-12", "incident").oldest_age_seconds, std::nullopt);

  EXPECT_THAT(Ids(Backlog("Portal", "2025-01", "incident").open), ElementsAre("INC3"));
  EXPECT_THAT(Backlog("Portal", "2025-01", "incident").oldest_age_seconds, Optional(7 * kDay));
  EXPECT_THAT(Ids(Backlog("Portal", "2025-01", "service-request").open), ElementsAre("REQ1"));
  EXPECT_THAT(Backlog("Portal", "2025-01", "service-request").median_age_seconds, Optional(27 * kDay));
  EXPECT_THAT(Backlog("Portal", "2025-01", "problem").oldest_age_seconds, Optional(43 * kDay));

  const BacklogFigures& feb = Backlog("Portal", "2025-02", "incident");
  EXPECT_THAT(Ids(feb.open), ElementsAre("INC3", "INC8"));  // INC5 closed at an unknown time: left out
  EXPECT_THAT(feb.oldest_age_seconds, Optional(35 * kDay));
  EXPECT_THAT(feb.median_age_seconds, Optional(22 * kDay));  // (9 d + 35 d) / 2
  EXPECT_THAT(Backlog("Portal", "2025-02", "service-request").open, IsEmpty());
  EXPECT_THAT(Backlog("Portal", "2025-02", "problem").open, IsEmpty());  // closed by its last update

  const BacklogFigures& mar = Backlog("Portal", "2025-03", "incident");
  EXPECT_THAT(Ids(mar.open), ElementsAre("INC3", "INC8", "INC9"));
  EXPECT_THAT(mar.oldest_age_seconds, Optional(49 * kDay));
  EXPECT_THAT(mar.median_age_seconds, Optional(23 * kDay));
}

TEST_F(ServiceReportTest, RecordsThatCannotBePlacedAreListed) {
  const ServiceFigures& portal = Service("Portal");
  EXPECT_THAT(Ids(portal.unplaced), ElementsAre("INC6"));       // no opened time
  EXPECT_THAT(Ids(portal.outside_range), ElementsAre("INC7"));  // after the report date
  EXPECT_THAT(Ids(portal.backlog_undated), ElementsAre("INC5"));
}

TEST_F(ServiceReportTest, SameReportWhateverTheOrder) {
  std::vector<Record> records = Estate();
  std::reverse(records.begin(), records.end());
  EXPECT_EQ(Report(records, ServiceTestOptions()), report_);
  std::rotate(records.begin(), records.begin() + 7, records.end());
  EXPECT_EQ(Report(records, ServiceTestOptions()), report_);
}

TEST(ServiceReportOptionsTest, FromAndFixedPeriods) {
  ServiceReportOptions options = ServiceTestOptions();
  options.from = T("2025-02-01");
  options.periods = {14 * kDay, T("2025-02-01")};
  const ServiceReport report = Report(Estate(), options);
  const ServiceFigures& portal = report.services[1];
  ASSERT_EQ(portal.service, "Portal");
  std::vector<std::string> labels;
  for (const PeriodFigures& period : portal.periods) labels.push_back(period.period.label);
  EXPECT_THAT(labels, ElementsAre("2025-02-01", "2025-02-15", "2025-03-01", "2025-03-15"));
  std::vector<std::string> outside;
  for (uint32_t ref : portal.outside_range) outside.push_back(report.records[ref].native_id);
  // Events before `from` are outside; tickets opened earlier still count while open.
  EXPECT_THAT(outside, ElementsAre("CHG1", "CHG2", "CHG3", "CHG4", "INC1", "INC2", "INC3", "INC7"));
  std::vector<std::string> open;
  for (uint32_t ref : portal.periods[0].backlog[0].open) open.push_back(report.records[ref].native_id);
  EXPECT_THAT(open, ElementsAre("INC3"));  // at 2025-02-15 (INC5 closed at an unknown time)
}

// 250 incidents in one cohort, 120 of them open past the 8 h target (opened 2025-01-10, report date
// 2025-03-15), read in a shuffled order: every count is complete, each figure lists its first 3
// records in key order, and the key table holds only records some figure lists.
TEST(ServiceReportOptionsTest, ListsTheFirstRecordsOfEachFigureAndCountsAll) {
  std::vector<Record> records;
  for (int i = 0; i < 250; ++i) {
    RecordBuilder r = R("incident", absl::StrFormat("INC%03d", i)).Link("service", "Portal").Priority("high")
                          .Opened("2025-01-10T00:00:00Z");
    if (i % 25 < 13) {  // 130 resolved in 1 h, 120 still open
      r.Status("resolved").Resolved("2025-01-10T01:00:00Z");
    } else {
      r.Status("in-progress");
    }
    records.push_back(r);
  }
  std::mt19937 shuffle(7);
  std::shuffle(records.begin(), records.end(), shuffle);
  ServiceReportOptions options = ServiceTestOptions();
  options.max_listed = 3;
  const ServiceReport report = Report(records, options);
  ASSERT_EQ(report.services.size(), 1u);
  const PeriodFigures& january = report.services[0].periods.at(0);
  ASSERT_EQ(january.period.label, "2025-01");
  const IncidentFigures& high = january.incidents.at(0);
  ASSERT_EQ(high.priority, "high");
  auto ids = [&](const RecordRefs& refs) {
    std::vector<std::string> out;
    for (uint32_t ref : refs) out.push_back(report.records.at(ref).native_id);
    return out;
  };
  EXPECT_EQ(high.opened.size(), 250u);
  EXPECT_THAT(ids(high.opened), ElementsAre("INC000", "INC001", "INC002"));
  EXPECT_EQ(high.resolved.size(), 130u);
  EXPECT_EQ(high.within_target.size(), 130u);
  EXPECT_THAT(ids(high.within_target), ElementsAre("INC000", "INC001", "INC002"));
  EXPECT_EQ(high.open_past_target.size(), 120u);
  EXPECT_THAT(ids(high.open_past_target), ElementsAre("INC013", "INC014", "INC015"));
  EXPECT_EQ(high.any_breach.size(), 120u);
  EXPECT_EQ(*high.median_resolution_seconds, 3600);
  // The backlog at the end of January holds the 120 open.
  const BacklogFigures& backlog = january.backlog.at(0);
  EXPECT_EQ(backlog.open.size(), 120u);
  EXPECT_THAT(ids(backlog.open), ElementsAre("INC013", "INC014", "INC015"));
  // INC000-002 and INC013-015: nothing else is held.
  EXPECT_EQ(report.records.size(), 6u);
  // Whatever the order, the same report.
  std::reverse(records.begin(), records.end());
  EXPECT_EQ(Report(records, options), report);
}

TEST(ServiceReportOptionsTest, NoRecordsNoPeriods) {
  ServiceReporter reporter(ServiceTestOptions());
  const ServiceReport report = reporter.Finish();
  EXPECT_THAT(report.services, IsEmpty());
  EXPECT_THAT(report.records, IsEmpty());
}

}  // namespace
}  // namespace crosswalk::report
