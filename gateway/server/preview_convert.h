#ifndef CROSSWALK_GATEWAY_SERVER_PREVIEW_CONVERT_H_
#define CROSSWALK_GATEWAY_SERVER_PREVIEW_CONVERT_H_

#include <cstddef>

#include "crosswalk/v1/records.pb.h"
#include "gateway/sync/preview.h"
#include "gateway/sync/probe.h"

namespace crosswalk::server {

// The preview as sent to a client: texts cut as listings cut them (ToListedProto; notes, warnings
// and errors to kListedNoteBytes) and the server's paths redacted (ClientRedactor) as in
// SyncProgress; records are dropped from the end while the response is over `budget` bytes.
v1::PreviewResponse ToProto(const PreviewResult& preview, size_t budget);

// A probe as sent to a client: the detail with the server's paths redacted and cut as a note.
v1::TestSourceResponse ToProto(const ProbeResult& probe);

}  // namespace crosswalk::server

#endif  // CROSSWALK_GATEWAY_SERVER_PREVIEW_CONVERT_H_
