#include "connectors/files/row_source.h"

#include "absl/strings/str_cat.h"

namespace crosswalk::files {
namespace {

// Spreadsheet column letters for a 1-based column: 1 → "A", 26 → "Z", 27 → "AA".
std::string ColumnLetters(int column) {
  std::string letters;
  for (int n = column; n > 0; n = (n - 1) / 26) {
    letters.insert(letters.begin(), static_cast<char>('A' + (n - 1) % 26));
  }
  return letters;
}

}  // namespace

std::string SourceRow::Cell(int column) const {
  if (!sheet.empty()) return absl::StrCat("cell ", ColumnLetters(column), line);
  return absl::StrCat("column ", column);
}

std::string SourceRow::Where(int column) const {
  if (!sheet.empty()) {
    if (column <= 0) return absl::StrCat("sheet '", sheet, "', row ", line);
    return absl::StrCat("sheet '", sheet, "', ", Cell(column));
  }
  if (column <= 0) return absl::StrCat("line ", line);
  return absl::StrCat("line ", line, ", ", Cell(column));
}

}  // namespace crosswalk::files
