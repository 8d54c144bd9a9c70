#ifndef CROSSWALK_CONNECTORS_FILES_XLSX_READER_H_
#define CROSSWALK_CONNECTORS_FILES_XLSX_READER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "connectors/files/open_file.h"
#include "connectors/files/row_source.h"

namespace crosswalk::files {

struct XlsxOptions {
  // The worksheet to read, by its tab name; empty reads the first sheet in workbook order, or with
  // `header_fits` the first whose header row it accepts.
  std::string sheet;
  // With `sheet` empty: says whether a sheet's header row (its first non-empty row) is the one
  // wanted, so that a cover page (表紙) or revision history (改訂履歴) before the register is
  // skipped. When no sheet fits, OpenXlsx fails listing each sheet with its header row.
  std::function<bool(const std::vector<std::string>& header)> header_fits;
  // With `header_fits`: when not null, receives the names of the sheets read past (in workbook
  // order) before the one chosen, for the user to see which were skipped.
  std::vector<std::string>* skipped_sheets = nullptr;
  // A cell whose text is longer than this is an error naming the cell.
  int64_t max_cell_bytes = 16 << 20;
  // Cap on the decompressed bytes of all parts read (workbook, styles, shared strings, sheet), so
  // that a zip bomb ends in an error instead of exhausting the machine, and on any one part.
  int64_t max_xml_bytes = 2LL << 30;
  int64_t max_part_bytes = 1LL << 30;
  // The shared string table, the one part held whole: how many strings and how much text in all
  // (its memory is that text plus 4 bytes a string).
  int64_t max_shared_strings = 1 << 22;
  int64_t max_shared_string_bytes = 256 << 20;
  // The sheet: rows and columns as far as Excel goes (row 1,048,576, column XFD), and cells in all
  // (<c> elements, empty ones included).
  int max_rows = 1 << 20;
  int max_columns = 16384;
  int64_t max_cells = 1 << 27;
};

// Rows of one worksheet of an Office Open XML workbook (.xlsx), streamed: the sheet XML is
// inflated and parsed 64 KiB at a time and one row is held at a time; only the shared string table
// and the styles' date flags are read up front.
//
// The first non-empty row is the header. Every later non-empty row becomes a SourceRow whose
// `line` is the spreadsheet row number and `sheet` the sheet name, with one field per column that
// has a non-empty header (missing cells give ""), plus a field "column N" for each non-empty cell
// that has no header. Values: shared, inline and rich text strings as their text (phonetic runs
// left out); formula string results; booleans as "TRUE"/"FALSE"; errors as their text ("#N/A");
// numbers as stored ("0.1"), except under a date number format, where the serial becomes
// "YYYY-MM-DD" (integral) or "YYYY-MM-DDTHH:MM:SS" in the workbook's 1900 or 1904 date system.
//
// The workbook is read by position from `file`, which the source keeps; its path names it in
// messages. Errors: INVALID_ARGUMENT naming the file and what is wrong (not a zip archive, a
// corrupt one, encryption or an unsupported compression method, no workbook, a sheet that is not there —
// listing the sheets that are, a DTD, malformed XML with its position, a cell too long with its
// reference, any limit of `options` passed, naming the part, row or cell). Rows are not read
// ahead: an error later in the sheet comes from RowSource::Next.
absl::StatusOr<std::unique_ptr<RowSource>> OpenXlsx(OpenFile file, const XlsxOptions& options);

}  // namespace crosswalk::files

#endif  // CROSSWALK_CONNECTORS_FILES_XLSX_READER_H_
