#ifndef CROSSWALK_GATEWAY_CORE_CSV_READER_H_
#define CROSSWALK_GATEWAY_CORE_CSV_READER_H_

#include <istream>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace crosswalk {

// One field of a CSV record with the position of its first character, so that errors about a value
// can name line and column. `line` and `column` are 1-based; columns count code points.
struct CsvField {
  std::string value;
  int line = 0;
  int column = 0;
};

struct CsvRecord {
  int line = 0;  // line where the record starts
  std::vector<CsvField> fields;

  // True for an empty line (one empty, unquoted field).
  bool IsBlank() const;
};

// Streams RFC 4180 records from UTF-8 text: fields separated by commas, optionally enclosed in
// double quotes (a doubled quote inside stands for one), quoted fields may span lines; LF, CRLF
// or CR line ends (a lone CR, as Excel for Mac writes, ends a line too; a line end inside a quoted
// field reads as LF). A UTF-8 byte-order mark at the very start is skipped. The reader holds one
// record at a time, never the whole input, and its time is linear in the input (a row of a
// million fields included).
//
// Thread-compatible: one reader per stream.
class CsvReader {
 public:
  // A record (all its lines) longer than `max_record_bytes` is an error, so a runaway field
  // (a 100 MB cell, a quote never closed in a large file) cannot exhaust memory.
  static constexpr size_t kDefaultMaxRecordBytes = 16 << 20;

  // REQUIRES: `in` outlives the reader.
  explicit CsvReader(std::istream& in, size_t max_record_bytes = kDefaultMaxRecordBytes);

  // The next record, std::nullopt at end of input, or INVALID_ARGUMENT naming line and column for
  // a quote that is never closed, text after a closing quote, a NUL byte in a field or a record
  // over the size limit. After
  // an error the reader is at the next line and may go on (after an oversize record: at the line
  // following the one where the limit was hit).
  absl::StatusOr<std::optional<CsvRecord>> Next();

  // Where the last error of Next() was found, and what it was without the position, for callers
  // that put the position into their own report.
  int error_line() const { return error_line_; }
  int error_column() const { return error_column_; }
  const std::string& error_text() const { return error_text_; }

 private:
  bool ReadLine(std::string& line);
  absl::Status Error(int line, int column, std::string text);

  std::istream& in_;
  const size_t max_record_bytes_;
  size_t record_bytes_ = 0;  // bytes of the record being read, across its lines
  bool too_long_ = false;
  int line_number_ = 0;
  bool at_start_ = true;
  int error_line_ = 0;
  int error_column_ = 0;
  std::string error_text_;
};

// Formats one CSV field for output: quoted when it holds a comma, quote, CR or LF. A field that a
// spreadsheet would run as a formula (starting with =, +, -, @, tab or CR) gets a leading
// apostrophe first, so exported data can be opened safely.
std::string CsvEscape(const std::string& value);

}  // namespace crosswalk

#endif  // CROSSWALK_GATEWAY_CORE_CSV_READER_H_
