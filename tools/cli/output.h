#ifndef CROSSWALK_TOOLS_CLI_OUTPUT_H_
#define CROSSWALK_TOOLS_CLI_OUTPUT_H_

#include <optional>
#include <ostream>
#include <string>
#include "absl/strings/string_view.h"
#include <variant>
#include <vector>

namespace crosswalk::cli {

enum class Format { kTable, kCsv, kJson };

// "table", "csv" or "json"; nullopt otherwise.
std::optional<Format> ParseFormat(absl::string_view text);

// A cell keeps its JSON type; csv and table show it as text (null as empty, bools as true/false).
using Cell = std::variant<std::monostate, std::string, int, bool>;

// Rows under named columns. A row may carry extra JSON-only fields after the columns (provenance
// detail that does not fit a flat table); csv and table show the columns alone.
struct OutputTable {
  std::vector<std::string> columns;
  std::vector<std::vector<Cell>> rows;
  std::vector<std::string> json_extra_columns;
  std::vector<std::vector<Cell>> json_extra;  // parallel to rows when json_extra_columns is set
};

// The width `table` output is fitted to, in display columns (0: no limit, the default). Set once,
// before any output, by RunCli from --wide, $COLUMNS and the terminal (TableWidth).
void SetTableWidth(int columns);

// table: aligned columns by display width (Japanese counts double), a rule under the header;
// csv: RFC 4180, header first, formula-safe; json: an array of objects, one per row.
void Render(const OutputTable& table, Format format, std::ostream& out);

}  // namespace crosswalk::cli

#endif  // CROSSWALK_TOOLS_CLI_OUTPUT_H_
