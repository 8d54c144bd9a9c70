#ifndef CROSSWALK_GATEWAY_REPORT_DURATION_TABLE_H_
#define CROSSWALK_GATEWAY_REPORT_DURATION_TABLE_H_

// Small data tables that give a duration per key: the evidence cadence per record kind
// (mappings/reports/cadence.csv) and the resolution target per priority
// (mappings/reports/resolution-targets.csv).

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace crosswalk::report {

struct DurationRow {
  std::string key;      // a record kind or a canonical priority
  int64_t amount = 0;   // in the table's unit (days, hours), as written
  int64_t seconds = 0;  // amount × the unit
  std::string basis;    // seed, published or derived
  std::string note;     // why this duration
  int line = 0;         // line in the file, for messages; 0 for rows built in code
};

struct DurationTable {
  std::string path;  // the file read; empty for a table built in code
  std::vector<DurationRow> rows;

  // The row of `key`, or nullptr.
  const DurationRow* Find(absl::string_view key) const;
};

// Reads a table with columns `key_column`, `amount_column`, `basis`, `note` (order free; other
// columns are ignored). NOT_FOUND when the file cannot be opened; INVALID_ARGUMENT
// "path:line:column: message" for a CSV defect, a missing column, a key that is not a lower-case
// slug, an amount that is not a whole number from 1 to 36500 (100 years of days), a basis outside
// seed/published/derived, an empty note, or a key given twice.
absl::StatusOr<DurationTable> LoadDurationTable(const std::string& path,
                                                absl::string_view key_column,
                                                absl::string_view amount_column,
                                                int64_t seconds_per_unit);

// mappings/reports/cadence.csv: kind,days,basis,note.
absl::StatusOr<DurationTable> LoadCadence(const std::string& path);

// mappings/reports/resolution-targets.csv: priority,hours,basis,note.
absl::StatusOr<DurationTable> LoadResolutionTargets(const std::string& path);

}  // namespace crosswalk::report

#endif  // CROSSWALK_GATEWAY_REPORT_DURATION_TABLE_H_
