#include "gateway/report/report_document.h"

#include <future>
#include <map>

#include "gateway/core/status_macros.h"

namespace crosswalk::report {
namespace {

// Findings listed per quality rule; the counts are always complete.
constexpr size_t kListedFindingsPerRule = 1000;
// Records listed per service figure (ServiceReportOptions::max_listed); the counts are complete.
constexpr size_t kListedServiceRecords = 100;

}  // namespace

absl::StatusOr<ReportDocument> BuildReport(Store* store, const mapping::MappingEngine* engine,
                                           const RuleSet* rules, const ReportOptions& options) {
  CW_ASSIGN_OR_RETURN(DurationTable cadence, LoadCadence(options.mappings_dir + "/reports/cadence.csv"));
  CW_ASSIGN_OR_RETURN(DurationTable targets, LoadResolutionTargets(options.mappings_dir + "/reports/resolution-targets.csv"));
  CoverageOptions coverage_options;
  coverage_options.target = options.target;
  coverage_options.as_of = options.as_of;
  coverage_options.cadence = cadence;
  coverage_options.organisation = options.organisation;
  coverage_options.max_listed = options.max_listed;
  CW_ASSIGN_OR_RETURN(CoverageBuilder coverage, CoverageBuilder::Create(engine, rules, coverage_options));
  QualityOptions quality_options{options.as_of, cadence};
  quality_options.max_listed_per_rule = kListedFindingsPerRule;
  QualityChecker quality(quality_options);
  for (const Certification& certification : options.organisation.certifications) quality.AddCertification(certification);
  ServiceReportOptions service_options;
  service_options.as_of = options.as_of;
  service_options.resolution_targets = targets;
  if (!options.service_targets_file.empty()) {
    CW_ASSIGN_OR_RETURN(service_options.configured_targets, LoadServiceTargets(options.service_targets_file));
    service_options.configured_targets_file = options.service_targets_file;
  }
  service_options.calendar = options.calendar;
  service_options.max_listed = kListedServiceRecords;
  ServiceReporter service(service_options);
  CW_ASSIGN_OR_RETURN(ScopeOptions scope_options, MakeScopeOptions(options.target, rules->kinds(), options.as_of, cadence));
  ScopeChecker scope(std::move(scope_options));
  SamSummarizer sam;

  // The service catalogue first: each ticket is judged against its service's targets as it is read.
  RecordFilter catalogue;
  catalogue.kind = "service";
  catalogue.page_size = 1000;
  while (true) {
    CW_ASSIGN_OR_RETURN(RecordPage page, store->ListRecords(catalogue));
    for (const StoredRecord& stored : page.records) service.AddCatalogueEntry(stored.record);
    if (page.next_page_token.empty()) break;
    catalogue.page_token = page.next_page_token;
  }

  std::map<std::string, int64_t> per_source;
  RecordFilter filter;
  filter.page_size = 1000;
  // The next page is read and decoded on another thread while the reporters take this one: on
  // two cores a report takes about the longer of the two rather than their sum. One read is in
  // flight at a time, and it is always collected before returning.
  auto read_page = [store](RecordFilter page_filter) { return store->ListRecords(page_filter); };
  std::future<absl::StatusOr<RecordPage>> next = std::async(std::launch::async, read_page, filter);
  while (true) {
    CW_ASSIGN_OR_RETURN(RecordPage page, next.get());
    const bool last = page.next_page_token.empty();
    if (!last) {
      filter.page_token = page.next_page_token;
      next = std::async(std::launch::async, read_page, filter);
    }
    for (StoredRecord& stored : page.records) {
      Record& record = stored.record;
      ToReportClock(record, options.zone);
      ++per_source[record.provenance.source];
      coverage.Add(record);
      quality.Add(record);
      service.Add(record);
      scope.Add(record);
      sam.Add(record);
    }
    if (last) break;
  }

  ReportDocument document;
  document.coverage = coverage.Finish();
  document.target = document.coverage.target;
  document.as_of = options.as_of;
  document.time_zone = options.zone.name;
  for (const auto& [source, records] : per_source) document.sources.push_back({source, records});
  document.quality = quality.Finish();
  document.quality_counts = quality.Counts();
  document.service = service.Finish();
  document.scope = scope.Finish();
  document.sam = sam.Finish();
  document.organisation = options.organisation;
  return document;
}

}  // namespace crosswalk::report
