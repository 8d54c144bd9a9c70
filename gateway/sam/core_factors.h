#ifndef CROSSWALK_GATEWAY_SAM_CORE_FACTORS_H_
#define CROSSWALK_GATEWAY_SAM_CORE_FACTORS_H_

// Oracle's processor core factors as data (mappings/rules/core-factors.csv: id, pattern, factor,
// source, note): the Oracle processor metric counts a device's cores × the factor of its
// processor model, the first row whose pattern the model contains (case-insensitive), else the
// row whose pattern is `*`.

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"

namespace crosswalk::sam {

struct CoreFactorTable {
  std::vector<std::pair<std::string, double>> factors;  // (pattern, factor) in file order
  double default_factor = 0.5;
};

// INVALID_ARGUMENT at file:line:column for a repeated or empty id, an empty pattern, a factor
// that is not a number in (0, 4], or a second `*` row; NOT_FOUND when the file is missing.
absl::StatusOr<CoreFactorTable> LoadCoreFactors(const std::string& mappings_dir);

}  // namespace crosswalk::sam

#endif  // CROSSWALK_GATEWAY_SAM_CORE_FACTORS_H_
