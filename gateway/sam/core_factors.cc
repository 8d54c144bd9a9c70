#include "gateway/sam/core_factors.h"

#include <set>

#include "absl/strings/numbers.h"
#include "gateway/core/csv_table.h"
#include "gateway/core/status_macros.h"

namespace crosswalk::sam {

absl::StatusOr<CoreFactorTable> LoadCoreFactors(const std::string& mappings_dir) {
  CW_ASSIGN_OR_RETURN(const CsvTable table, ReadCsvTable(mappings_dir + "/rules/core-factors.csv", {"id", "pattern", "factor"}));
  CoreFactorTable out;
  std::set<std::string> ids;
  bool default_seen = false;
  for (const CsvRecord& row : table.rows) {
    const std::string id = table.Value(row, "id");
    if (id.empty() || !ids.insert(id).second) return table.ErrorAt(row, "id", "missing or repeated id");
    const std::string pattern = table.Value(row, "pattern");
    if (pattern.empty()) return table.ErrorAt(row, "pattern", "the processor model text is missing (* for the default)");
    double factor = 0;
    if (!absl::SimpleAtod(table.Value(row, "factor"), &factor) || !(factor > 0 && factor <= 4)) {
      return table.ErrorAt(row, "factor", "expected a core factor greater than 0 and at most 4, e.g. 0.5");
    }
    if (pattern == "*") {
      if (default_seen) return table.ErrorAt(row, "pattern", "a second default (*) row");
      default_seen = true;
      out.default_factor = factor;
    } else {
      out.factors.emplace_back(pattern, factor);
    }
  }
  return out;
}

}  // namespace crosswalk::sam
