#ifndef CROSSWALK_GATEWAY_MAPPING_MAPPING_LOADER_H_
#define CROSSWALK_GATEWAY_MAPPING_MAPPING_LOADER_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "gateway/mapping/mapping_data.h"

namespace crosswalk::mapping {

// One problem found in the mapping data. `file` is relative to the mappings root; `line` and
// `column` are 1-based (column in code points), 0 when the problem is about a whole file.
struct Diagnostic {
  std::string file;
  int line = 0;
  int column = 0;
  std::string message;

  // "file:line:column: message" (line and column left out when 0).
  std::string ToString() const;
};

struct LoadResult {
  MappingData data;                      // every row that passed its checks
  std::vector<Diagnostic> diagnostics;   // every problem, in file order
};

// Reads and validates everything under `root` (catalogs/, crosswalks/, terms/, annotations/,
// topics/; formats in mappings/README.md). Never stops at the first problem: the result lists all
// of them, and the data holds the rows that passed. Checks: CSV syntax and UTF-8; header columns
// (missing, unknown, repeated); required values; vocabularies (kind, relationship, rationale,
// basis, confidence, region, attribute); strength 0-10; line numbers; unknown catalogs and refs,
// parents that are not earlier in their catalog; repeated refs and ids; duplicate rows; a missing
// source, and a seed row's source label (DESIGN.md §5); a catalog file the index does not list.
LoadResult LoadMappings(const std::string& root);

// LoadMappings for callers that need clean data: FAILED_PRECONDITION listing the first problems
// (and how many there are) when there is any.
absl::StatusOr<MappingData> LoadValidMappings(const std::string& root);

}  // namespace crosswalk::mapping

#endif  // CROSSWALK_GATEWAY_MAPPING_MAPPING_LOADER_H_
