#ifndef CROSSWALK_GATEWAY_REPORT_SERVICE_TARGETS_H_
#define CROSSWALK_GATEWAY_REPORT_SERVICE_TARGETS_H_

// Resolution targets per service (docs/dates.md "Resolution targets"): the service catalogue's SLA
// target column, else the configuration's table, else the global table
// (mappings/reports/resolution-targets.csv).

#include <map>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "gateway/report/duration_table.h"

namespace crosswalk::report {

// Where a service's targets came from; `detail` names the record, the file and line, or the
// table's file.
enum class TargetOrigin { kCatalogue, kConfig, kGlobal };
struct AppliedTargets {
  TargetOrigin origin = TargetOrigin::kGlobal;
  std::string detail;   // "catalogue/SVC-1", "targets.csv line 3", "resolution-targets.csv"
  std::string problem;  // why the catalogue's text was not used ("" when it was, or there was none)
  DurationTable table;

  friend bool operator==(const AppliedTargets& a, const AppliedTargets& b) {
    return a.origin == b.origin && a.detail == b.detail && a.problem == b.problem;
  }
};

// A catalogue's SLA target text as targets: "critical=4h; high=8h; moderate=24h" (pairs of a
// canonical priority and whole hours, `h`, `hours` or `時間` optional, separated by ';', ',', '、'
// or line breaks; full-width forms read as ASCII). INVALID_ARGUMENT saying what was expected.
absl::StatusOr<DurationTable> ParseTargetText(absl::string_view text);

// The configuration's table: a CSV with columns service,priority,hours (others ignored), one row
// per service and priority. Keys of the result are the services' MatchKey. INVALID_ARGUMENT at
// path:line:column.
absl::StatusOr<std::map<std::string, DurationTable>> LoadServiceTargets(const std::string& path);

}  // namespace crosswalk::report

#endif  // CROSSWALK_GATEWAY_REPORT_SERVICE_TARGETS_H_
