#ifndef CROSSWALK_GATEWAY_STORE_RECORD_JSON_H_
#define CROSSWALK_GATEWAY_STORE_RECORD_JSON_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "gateway/core/record.h"
#include "gateway/store/body_terms.h"

namespace crosswalk {

// The stored form of a record: compact JSON (body version 3, docs/store.md "The stored record")
// with every field, link, attribute and provenance entry but what the row holds in its own columns
// (native id, content hash). Recurring text (origins, attribute keys, location prefixes)
// is written as ids of body terms (body_terms.h) when an encoder is given `terms`.
//
// RecordFromJson reads v3 and the layouts before it (v2, and v1 without "v"); a v3 body takes the
// native id and content hash from `row`, and its term ids from `terms` (DATA_LOSS when it refers to
// one and `terms` is null or lacks it). RecordFromJson(RecordToJson(r), key of r) == r.

// The row's columns a v3 body leaves out.
struct StoredRowKey {
  absl::string_view native_id;
  absl::string_view content_hash;
};

// Everything written out, no term ids.
std::string RecordToJson(const Record& record);
// With term ids; the error is `terms`' (NOT_FOUND from CommittedTermIds: encode again inside the
// write transaction).
absl::StatusOr<std::string> RecordToJson(const Record& record, TermIds& terms);
absl::StatusOr<Record> RecordFromJson(const std::string& json, const StoredRowKey& row, TermTexts* terms);

// True when the stored body `stored` (of the row `row`) is `record` but for when it was fetched: a
// re-read that normalised the record the same (Store's RecordToStore::reread).
bool SameNormalisedBody(const std::string& stored, const StoredRowKey& row, TermTexts* terms, const Record& record);

using UnmappedPairs = std::vector<std::pair<std::string, std::string>>;  // field, raw value

// The unmapped values of a superseded version, as kept in record_versions.unmapped (JSON array of
// [field, raw value] pairs), and back. DATA_LOSS when the stored text is not such an array.
std::string EncodeUnmapped(const UnmappedPairs& unmapped);
absl::StatusOr<UnmappedPairs> DecodeUnmapped(const std::string& text);

}  // namespace crosswalk

#endif  // CROSSWALK_GATEWAY_STORE_RECORD_JSON_H_
