#ifndef CROSSWALK_GATEWAY_STORE_FILE_GUARDED_STORE_H_
#define CROSSWALK_GATEWAY_STORE_FILE_GUARDED_STORE_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "gateway/store/store.h"

namespace crosswalk {

// Wraps a store kept in the file `path` so that every call first checks that `path` is still the
// file that was opened (same device and inode). A store file deleted or replaced while the
// process runs would otherwise go on "succeeding" into an unlinked file whose writes are lost at
// exit, or serve a file nobody sees any more; instead every call then fails with DATA_LOSS naming
// the file and what to do. The check is one stat(2) a call.
//
// REQUIRES: `inner` has `path` open now. Thread-safe as `inner` is.
absl::StatusOr<std::unique_ptr<Store>> GuardStoreFile(std::unique_ptr<Store> inner, const std::string& path);

}  // namespace crosswalk

#endif  // CROSSWALK_GATEWAY_STORE_FILE_GUARDED_STORE_H_
