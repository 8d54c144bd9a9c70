#ifndef CROSSWALK_GATEWAY_CORE_TEXT_DISTANCE_H_
#define CROSSWALK_GATEWAY_CORE_TEXT_DISTANCE_H_

#include <string>
#include "absl/strings/string_view.h"
#include <vector>

namespace crosswalk {

// Levenshtein distance over bytes; for short identifiers (catalog ids, refs, flags).
int EditDistance(absl::string_view a, absl::string_view b);

// Up to `limit` candidates closest to `wanted` (smallest edit distance first, ties in candidate
// order), for "did you mean" messages. Candidates farther than half their own length plus two
// are left out unless nothing is closer, so a wild guess still shows the nearest few.
std::vector<std::string> Nearest(absl::string_view wanted, const std::vector<std::string>& candidates,
                                 size_t limit = 3);

}  // namespace crosswalk

#endif  // CROSSWALK_GATEWAY_CORE_TEXT_DISTANCE_H_
