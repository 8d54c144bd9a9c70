#ifndef CROSSWALK_CONNECTORS_FILES_JSON_ROWS_H_
#define CROSSWALK_CONNECTORS_FILES_JSON_ROWS_H_

#include <cstddef>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "connectors/files/open_file.h"
#include "connectors/files/row_source.h"

namespace crosswalk::files {

struct JsonRowsOptions {
  bool lines = false;  // JSON Lines: one object per line
  // In a JSON document, where the records are: a top-level array, or the array under this member
  // of a top-level object (ServiceNow's Table API and its exports use "result").
  std::string records_key = "result";
  size_t max_record_bytes = 16 << 20;
  int max_depth = 64;
};

// Rows of a JSON or JSON Lines file, one object at a time (the file is never held whole). Each
// member becomes a field: strings as they are, numbers and booleans as written, null as empty.
// A ServiceNow `display_value=all` object {"display_value": D, "value": V} becomes the field V
// plus a field "<name>.display_value" = D; a reference {"link": L, "value": V} becomes V plus
// "<name>.link"; other objects and arrays are kept as their JSON text. Errors name line and column
// of the defect (syntax, truncation, nesting deeper than max_depth, a record over
// max_record_bytes, a record that is not an object, a NUL character in a string). The bytes are
// read from offset 0 of `file`, which the source keeps; its path names it in messages.
absl::StatusOr<std::unique_ptr<RowSource>> OpenJsonRows(OpenFile file,
                                                        const JsonRowsOptions& options);

}  // namespace crosswalk::files

#endif  // CROSSWALK_CONNECTORS_FILES_JSON_ROWS_H_
