#ifndef CROSSWALK_CONNECTORS_FILES_CSV_ROWS_H_
#define CROSSWALK_CONNECTORS_FILES_CSV_ROWS_H_

#include <cstddef>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "connectors/files/row_source.h"

namespace crosswalk::files {

// Rows of an RFC 4180 CSV file whose first non-blank row is the header. `encoding` is "utf-8"
// (a byte-order mark is skipped) or "shift_jis" (CP932, as Japanese Excel saves "CSV"); the rows
// come out in UTF-8 either way. Bytes that are not valid in the encoding are an error naming line
// and column. Blank lines are skipped. A row longer than `max_record_bytes` is an error.
absl::StatusOr<std::unique_ptr<RowSource>> OpenCsvRows(const std::string& path,
                                                       const std::string& encoding,
                                                       size_t max_record_bytes);

}  // namespace crosswalk::files

#endif  // CROSSWALK_CONNECTORS_FILES_CSV_ROWS_H_
