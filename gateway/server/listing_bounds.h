#ifndef CROSSWALK_GATEWAY_SERVER_LISTING_BOUNDS_H_
#define CROSSWALK_GATEWAY_SERVER_LISTING_BOUNDS_H_

#include <cstddef>
#include <cstdint>
#include <string>

#include "crosswalk/v1/records.pb.h"
#include "gateway/store/store.h"

// Bounds that keep every listing response under the gRPC message limit, whatever the stored data
// holds (a 5 MB field, a 6 MB error message): texts are cut with a visible marker, pages end at a
// byte budget (records.proto documents both for clients).
namespace crosswalk::server {

inline constexpr size_t kListedFieldBytes = 32 * 1024;  // a record's or unmapped value's text
inline constexpr size_t kListedNoteBytes = 4 * 1024;    // a source's location, message, cursor

// The byte budget of one listing page for a server whose message limit is `max_message_bytes`:
// half of it, leaving room for the response's own framing.
size_t PageBudget(int64_t max_message_bytes);

// Cuts `text` to at most `max_bytes` (3 or more) bytes including a final "…", at a UTF-8
// character boundary. Returns whether it cut.
bool CutText(std::string& text, size_t max_bytes);

// The record as a listing shows it: every text cut to kListedFieldBytes, then, while the encoded
// record is over `max_bytes`, entries dropped from the end of its longest list (attributes,
// provenance origins, links). Each cut field is named in `truncated`.
v1::Record ToListedProto(const StoredRecord& stored, size_t max_bytes);

// The unmapped value as ListUnmapped shows it (raw_value cut to kListedFieldBytes).
v1::UnmappedValue ToListedProto(const UnmappedCount& value);

// Cuts a source's free texts to kListedNoteBytes, naming them in `truncated`.
void BoundSource(v1::Source& source);

// The encoded size of `message` as an element of a repeated field (tag and length included).
size_t ElementBytes(const google::protobuf::MessageLite& message);

}  // namespace crosswalk::server

#endif  // CROSSWALK_GATEWAY_SERVER_LISTING_BOUNDS_H_
