#ifndef CROSSWALK_CONNECTORS_FILES_XLSX_READER_H_
#define CROSSWALK_CONNECTORS_FILES_XLSX_READER_H_

#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "connectors/files/row_source.h"

namespace crosswalk::files {

struct XlsxOptions {
  // The worksheet to read, by its tab name; empty reads the first sheet in workbook order.
  std::string sheet;
  // A cell whose text is longer than this is an error naming the cell.
  int64_t max_cell_bytes = 16 << 20;
  // Cap on the decompressed bytes of all parts read (workbook, styles, shared strings, sheet), so
  // that a zip bomb ends in an error instead of exhausting the machine.
  int64_t max_xml_bytes = 2LL << 30;
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
// Errors: NOT_FOUND when `path` does not exist; INVALID_ARGUMENT naming the file and what is wrong
// (not a zip archive, zip64, encryption or an unsupported compression method, no workbook, a
// sheet that is not there — listing the sheets that are, a DTD, malformed XML with its position,
// a cell too long with its reference). Rows are not read ahead: an error later in the sheet comes
// from RowSource::Next.
absl::StatusOr<std::unique_ptr<RowSource>> OpenXlsx(const std::string& path,
                                                    const XlsxOptions& options);

}  // namespace crosswalk::files

#endif  // CROSSWALK_CONNECTORS_FILES_XLSX_READER_H_
