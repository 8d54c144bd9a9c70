#ifndef CROSSWALK_CONNECTORS_FILES_CSV_ROWS_H_
#define CROSSWALK_CONNECTORS_FILES_CSV_ROWS_H_

#include <cstddef>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "connectors/files/open_file.h"
#include "connectors/files/row_source.h"

namespace crosswalk::files {

// Rows of an RFC 4180 CSV file whose first non-blank row is the header, read from offset 0 of
// `file` (the source keeps it; its path names it in messages). `encoding` is "utf-8" (a
// byte-order mark is skipped), "shift_jis" (CP932, as Japanese Excel saves "CSV") or
// "windows-1252" (Western Excel's "CSV", a superset of Latin-1); the rows come out in UTF-8 either
// way. Bytes that are not valid in the encoding are an error naming the line (and the column for
// UTF-8). Blank lines are skipped. A row longer than `max_record_bytes` or a NUL byte in a field is
// an error naming line and column. INVALID_ARGUMENT for any other encoding.
absl::StatusOr<std::unique_ptr<RowSource>> OpenCsvRows(OpenFile file, const std::string& encoding,
                                                       size_t max_record_bytes);

}  // namespace crosswalk::files

#endif  // CROSSWALK_CONNECTORS_FILES_CSV_ROWS_H_
