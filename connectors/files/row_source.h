#ifndef CROSSWALK_CONNECTORS_FILES_ROW_SOURCE_H_
#define CROSSWALK_CONNECTORS_FILES_ROW_SOURCE_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace crosswalk::files {

// One field of a row as the file holds it, already converted to UTF-8.
struct SourceField {
  std::string name;   // the column header (CSV, XLSX) or the member name (JSON, flattened)
  std::string value;  // the text; numbers and dates as described by each format's reader
  int column = 0;     // 1-based column: the field's number (CSV), A=1 (XLSX), 0 for JSON members
};

// One row of a tabular or record-oriented file. `line` is the 1-based line where the row starts
// (text formats) or the 1-based spreadsheet row (XLSX, with `sheet` set).
struct SourceRow {
  int line = 0;
  std::string sheet;
  std::vector<SourceField> fields;
  // Not OK for a row read whole but malformed (more fields than the header, text that is not in
  // the file's encoding): INVALID_ARGUMENT naming its line and column. Reading can go on past it,
  // so `on_error: skip` can skip it; `fields` is then empty.
  absl::Status problem;

  // "line 12, column 3" for text formats; "sheet 'SoA', cell C12" for a spreadsheet. `column` 0
  // leaves the column out.
  std::string Where(int column) const;
  // The column part alone: "column 3", or "cell C12" for a spreadsheet.
  std::string Cell(int column) const;
};

// A stream of rows read from one file, one row in memory at a time (a spreadsheet's shared string
// table is the one exception: it is read once up front).
//
// Thread-compatible: one reader per file.
class RowSource {
 public:
  virtual ~RowSource() = default;

  // The next row; std::nullopt at the end; INVALID_ARGUMENT whose message names the position
  // (line and column, or sheet and cell) and what was expected. After an error the source must not
  // be read further. A malformed row that can be read past comes back as a row with `problem`.
  virtual absl::StatusOr<std::optional<SourceRow>> Next() = 0;
};

}  // namespace crosswalk::files

#endif  // CROSSWALK_CONNECTORS_FILES_ROW_SOURCE_H_
