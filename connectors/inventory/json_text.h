#ifndef CROSSWALK_CONNECTORS_INVENTORY_JSON_TEXT_H_
#define CROSSWALK_CONNECTORS_INVENTORY_JSON_TEXT_H_

// Reading an inventory file written as JSON (GLPI native inventory, CycloneDX, SPDX): a DOM parse
// guarded against deep nesting with errors at FILE:LINE:COLUMN, and the positions nlohmann's DOM
// does not keep (where each element of an array starts), for evidence lines.

#include <cstddef>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "nlohmann/json.hpp"

namespace crosswalk::inventory {

// 1-based line and column (in bytes) of byte `offset` of `text` (clamped to its end).
struct TextPosition {
  int line = 1;
  int column = 1;
};
TextPosition PositionAt(absl::string_view text, size_t offset);

// "FILE:LINE:COLUMN" of byte `offset` of `text`.
std::string PositionText(absl::string_view text, size_t offset, const std::string& file);

// The JSON value `text` holds. INVALID_ARGUMENT "FILE:LINE:COLUMN: …" when it is not JSON (the
// syntax error's position; the input is not echoed) or when brackets nest deeper than `max_depth`
// (checked on the bytes before any parse, so no parser ever sees the deep part). Never throws.
absl::StatusOr<nlohmann::json> ParseJsonText(absl::string_view text, const std::string& file, int max_depth);

// The byte offsets where the elements of the array at member `path` of the root object start (for
// {"content", "softwares"}: each element of root["content"]["softwares"]), for a `text` that
// parsed as JSON. A repeated member gives the last one's elements, as the DOM keeps the last value.
// Member names are compared as written, so an escaped name does not match: callers check the count
// against the DOM's before trusting the offsets. Linear in the text.
std::vector<size_t> ArrayElementOffsets(absl::string_view text, const std::vector<std::string>& path);

}  // namespace crosswalk::inventory

#endif  // CROSSWALK_CONNECTORS_INVENTORY_JSON_TEXT_H_
