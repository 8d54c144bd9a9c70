#ifndef CROSSWALK_GATEWAY_CORE_CSV_TABLE_H_
#define CROSSWALK_GATEWAY_CORE_CSV_TABLE_H_

#include <istream>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "gateway/core/csv_reader.h"

namespace crosswalk {

// A small CSV data file (rules, presets) read whole, with positions kept for error messages.
// Blank lines are skipped; every row must have as many fields as the header.
struct CsvTable {
  std::string path;
  std::vector<std::string> header;
  std::vector<CsvRecord> rows;

  // The field of `row` under `column`, or nullptr when the header has no such column.
  const CsvField* Get(const CsvRecord& row, absl::string_view column) const;
  // Its value, empty when absent.
  std::string Value(const CsvRecord& row, absl::string_view column) const;
  // INVALID_ARGUMENT "path:line:column: text".
  absl::Status Error(int line, int column, absl::string_view text) const;
  // The same at the position of `column` in `row`.
  absl::Status ErrorAt(const CsvRecord& row, absl::string_view column, absl::string_view text) const;
};

// Reads `path`; NOT_FOUND when it cannot be opened, INVALID_ARGUMENT at path:line:column for a
// CSV defect, a header lacking one of `required`, or a row of the wrong width.
absl::StatusOr<CsvTable> ReadCsvTable(const std::string& path,
                                      const std::vector<std::string>& required);
// The same from `in`, with `name` standing for the path in positions and messages (e.g. a file a
// client sent).
absl::StatusOr<CsvTable> ParseCsvTable(std::istream& in, const std::string& name,
                                       const std::vector<std::string>& required);

}  // namespace crosswalk

#endif  // CROSSWALK_GATEWAY_CORE_CSV_TABLE_H_
