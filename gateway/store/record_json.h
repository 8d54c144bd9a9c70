#ifndef CROSSWALK_GATEWAY_STORE_RECORD_JSON_H_
#define CROSSWALK_GATEWAY_STORE_RECORD_JSON_H_

#include <string>

#include "absl/status/statusor.h"
#include "gateway/core/record.h"

namespace crosswalk {

// The stored form of a record: compact JSON with every field, link, attribute and provenance
// entry. RecordFromJson(RecordToJson(r)) == r.
std::string RecordToJson(const Record& record);
absl::StatusOr<Record> RecordFromJson(const std::string& json);

}  // namespace crosswalk

#endif  // CROSSWALK_GATEWAY_STORE_RECORD_JSON_H_
