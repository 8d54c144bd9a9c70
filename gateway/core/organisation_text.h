#ifndef CROSSWALK_GATEWAY_CORE_ORGANISATION_TEXT_H_
#define CROSSWALK_GATEWAY_CORE_ORGANISATION_TEXT_H_

// The names of the organisation's values (organisation.h) as the API, the CLI, the store and the
// exports write them.

#include <cstdint>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "gateway/core/organisation.h"

namespace crosswalk {

// "confirm", "reject", "add".
const char* VerdictName(MappingDecision::Verdict verdict);
// INVALID_ARGUMENT for anything but the three names (exact, lower case).
absl::StatusOr<MappingDecision::Verdict> ParseVerdict(absl::string_view text);

// True for the coverage statuses an assessment may state: covered, partial, candidate,
// nonconforming, not-covered.
bool IsAssessmentStatus(absl::string_view text);

// A calendar date written YYYY-MM-DD (ASCII digits, years 0001-9999), as Unix seconds UTC of
// its midnight. INVALID_ARGUMENT says what was expected.
absl::StatusOr<int64_t> ParseIsoDate(absl::string_view text);

}  // namespace crosswalk

#endif  // CROSSWALK_GATEWAY_CORE_ORGANISATION_TEXT_H_
