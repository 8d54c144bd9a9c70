#ifndef CROSSWALK_GATEWAY_STORE_RECORD_JSON_H_
#define CROSSWALK_GATEWAY_STORE_RECORD_JSON_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "gateway/core/record.h"

namespace crosswalk {

// The stored form of a record: compact JSON (body version 2, docs/store.md "The stored record")
// with every field, link, attribute and provenance entry. RecordFromJson reads v2 and the body
// written before it; RecordFromJson(RecordToJson(r)) == r.
std::string RecordToJson(const Record& record);
absl::StatusOr<Record> RecordFromJson(const std::string& json);

// True when the stored body `stored` is `record` (whose body is `body`) but for when it was
// fetched: a re-read that normalised the record the same (Store's RecordToStore::reread).
bool SameNormalisedBody(const std::string& stored, const Record& record, const std::string& body);

using UnmappedPairs = std::vector<std::pair<std::string, std::string>>;  // field, raw value

// The unmapped values of a superseded version, as kept in record_versions.unmapped (JSON array of
// [field, raw value] pairs), and back. DATA_LOSS when the stored text is not such an array.
std::string EncodeUnmapped(const UnmappedPairs& unmapped);
absl::StatusOr<UnmappedPairs> DecodeUnmapped(const std::string& text);

}  // namespace crosswalk

#endif  // CROSSWALK_GATEWAY_STORE_RECORD_JSON_H_
