#ifndef CROSSWALK_GATEWAY_CORE_DURABLE_FILE_H_
#define CROSSWALK_GATEWAY_CORE_DURABLE_FILE_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace crosswalk {

// The current errno as a status: RESOURCE_EXHAUSTED for a full disk or quota (ENOSPC, EDQUOT,
// EFBIG), else UNAVAILABLE; the message is "<what>: <strerror>".
absl::Status ErrnoStatus(absl::string_view what);

// Writes all of `data` to `fd`, retrying short and interrupted writes.
absl::Status WriteAll(int fd, absl::string_view data, absl::string_view what);

// fsync of a directory, so a rename or unlink in it survives a crash.
absl::Status SyncDirectory(const std::string& dir, absl::string_view what);

// Replaces the file `path` with `content` so that after a crash it holds either the old content
// or the new, never a part: written to `path`.tmp (mode 0600), fsync'ed, renamed over `path`, and
// the directory fsync'ed. On error the temporary file is removed and `path` is as it was (unless
// only the directory sync failed). `what` names the file in messages ("the import definition").
absl::Status ReplaceFileDurably(const std::string& path, absl::string_view content, absl::string_view what);

}  // namespace crosswalk

#endif  // CROSSWALK_GATEWAY_CORE_DURABLE_FILE_H_
