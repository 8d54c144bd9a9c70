#ifndef CROSSWALK_CONNECTORS_FILES_JSON_RECORD_H_
#define CROSSWALK_CONNECTORS_FILES_JSON_RECORD_H_

#include <cstddef>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "connectors/files/row_source.h"

namespace crosswalk::files {

// Parses one JSON object — one record — from the start of `text` (white space before it is
// skipped) into `fields` (appended, column 0), as json_rows.h describes: strings unescaped,
// numbers and booleans as written, null as empty, a ServiceNow {"display_value", "value"} or
// {"link", "value"} object flattened into the value and "<name>.<member>" fields, any other
// object or array as its compact JSON text. A repeated member name keeps its first position and
// its last value (as a JSON DOM would). Time is linear in the text, however many members.
//
// A pure function over bytes. OK: `*consumed` is the offset just past the object's closing brace
// and `*newlines` the line breaks up to there. OUT_OF_RANGE: `text` ends before the object does
// (the caller may supply more bytes and call again). INVALID_ARGUMENT: a syntax error, an invalid
// UTF-8 sequence or escape, a NUL character (raw or \u0000), or nesting deeper than `max_depth`;
// `*error_offset` is the defect's byte offset in `text`. `fields` is unspecified after an error.
absl::Status ParseJsonRecord(absl::string_view text, int max_depth, std::vector<SourceField>* fields,
                             size_t* consumed, int* newlines, size_t* error_offset);

}  // namespace crosswalk::files

#endif  // CROSSWALK_CONNECTORS_FILES_JSON_RECORD_H_
