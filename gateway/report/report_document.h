#ifndef CROSSWALK_GATEWAY_REPORT_REPORT_DOCUMENT_H_
#define CROSSWALK_GATEWAY_REPORT_REPORT_DOCUMENT_H_

// Everything one report run computed, as plain data for the renderers (report_render.h): the
// coverage of the target's clauses with shared controls, record-quality findings, service
// reporting and scope checks, all from one read of the store.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "gateway/mapping/mapping_engine.h"
#include "gateway/normalize/rule_set.h"
#include "gateway/report/coverage.h"
#include "gateway/report/quality.h"
#include "gateway/report/report_zone.h"
#include "gateway/report/sam_summary.h"
#include "gateway/report/working_calendar.h"
#include "gateway/report/scope.h"
#include "gateway/report/service_report.h"
#include "gateway/store/store.h"

namespace crosswalk::report {

// One source's share of the records read.
struct SourceSummary {
  std::string source;
  int64_t records = 0;
};

struct ReportDocument {
  std::string target;  // canonical catalog id
  int64_t as_of = 0;   // report date on the report clock (report_zone.h): midnight of the date
  std::string time_zone = "UTC";  // the zone the report is reckoned in
  std::vector<SourceSummary> sources;
  CoverageReport coverage;
  std::vector<QualityFinding> quality;
  std::vector<QualityRuleCount> quality_counts;
  ServiceReport service;
  std::vector<ScopeCheck> scope;
  SamSummary sam;  // the stored licence positions and SAM exceptions (source sam)
  OrganisationState organisation;  // as ReportOptions gave it: decisions, certifications, assessments
};

struct ReportOptions {
  std::string target = "iso20000-1:2018";
  // The report date on the report clock of `zone` (TodayOnReportClock, or a date YYYY-MM-DD read
  // as a calendar date). Every record's times are put on that clock before any report reads them.
  int64_t as_of = 0;
  ReportZone zone;
  // Resolution targets by service from the configuration (service_targets.h); empty: none.
  std::string service_targets_file;
  // Resolution times in working hours of this calendar; none: elapsed time.
  std::optional<WorkingCalendar> calendar;
  std::string mappings_dir;  // where mappings/reports/*.csv are read from
  OrganisationState organisation;  // passed to every report that reads it
  int max_listed = 20;  // records listed per clause and kind (CoverageOptions::max_listed)
};

// Reads every record of `store` once, in pages, and runs each report over it. INVALID_ARGUMENT
// for a target that is not a 20000-1 edition; the loaders' errors for a broken report table.
// REQUIRES: the pointers outlive the call.
absl::StatusOr<ReportDocument> BuildReport(Store* store, const mapping::MappingEngine* engine,
                                           const RuleSet* rules, const ReportOptions& options);

}  // namespace crosswalk::report

#endif  // CROSSWALK_GATEWAY_REPORT_REPORT_DOCUMENT_H_
