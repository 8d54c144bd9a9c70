#ifndef CROSSWALK_TESTS_REPORT_ESTATE_STORE_H_
#define CROSSWALK_TESTS_REPORT_ESTATE_STORE_H_

// The bundled example estate (tools/examples/estate/) read as crosswalkd reads it
// (tools/examples/crosswalkd.yaml): every source through the real file connector, presets and
// normaliser, committed source by source into a store, as the report tests' input.

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "connectors/files/preset.h"
#include "gateway/mapping/mapping_engine.h"
#include "gateway/normalize/rule_set.h"
#include "gateway/report/report_document.h"
#include "gateway/store/store.h"

namespace crosswalk::report {

struct EstateSource {
  std::string name, file, preset;
  std::vector<std::pair<std::string, std::string>> options;
};

// The sources of tools/examples/crosswalkd.yaml, in its order.
std::vector<EstateSource> ExampleEstateSources();

// Reads every source under `estate_dir` and commits its records, with their unmapped values, in
// one batch per source. Returns the number of records committed; the connector's, normaliser's or
// store's error, naming the source.
// REQUIRES: the pointers outlive the call.
absl::StatusOr<int64_t> CommitEstate(const std::string& estate_dir, const mapping::MappingEngine* engine,
                                     const RuleSet* rules, const files::PresetSet* presets, Store* store);

// The example estate committed into a new SQLite file at `db_path` and reported on at `as_of`
// with the mappings, rules and presets under `mappings_dir`; the first error, naming its step.
absl::StatusOr<ReportDocument> EstateReport(const std::string& estate_dir, const std::string& mappings_dir,
                                            const std::string& db_path, int64_t as_of);

}  // namespace crosswalk::report

#endif  // CROSSWALK_TESTS_REPORT_ESTATE_STORE_H_
