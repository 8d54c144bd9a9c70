#ifndef CROSSWALK_GATEWAY_STORE_ORGANISATION_JSON_H_
#define CROSSWALK_GATEWAY_STORE_ORGANISATION_JSON_H_

#include <string>

#include "absl/status/statusor.h"
#include "gateway/core/organisation.h"
#include "gateway/core/organisation_text.h"
#include "nlohmann/json.hpp"

// The organisation's statements as every OrganisationStore keeps them: the JSON of
// org_history.value and org_assessments.value. Times are Unix seconds.
namespace crosswalk::organisation_json {

using Json = nlohmann::json;

Json ToJson(const MappingDecision& decision);
Json ToJson(const Certification& certification);
Json ToJson(const ClauseAssessment& assessment);
// DATA_LOSS when `text` is not an assessment as ToJson writes it.
absl::StatusOr<ClauseAssessment> AssessmentFromJson(const std::string& text);

}  // namespace crosswalk::organisation_json

#endif  // CROSSWALK_GATEWAY_STORE_ORGANISATION_JSON_H_
