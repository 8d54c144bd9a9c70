#ifndef CROSSWALK_GATEWAY_STORE_FILE_GUARDED_STORE_H_
#define CROSSWALK_GATEWAY_STORE_FILE_GUARDED_STORE_H_

#include <sys/types.h>

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "gateway/store/store.h"

namespace crosswalk {

// Remembers which file `path` was when it was opened (device and inode), and says whether it still
// is. Thread-safe (immutable).
class StoreFileGuard {
 public:
  // UNAVAILABLE when `path` cannot be stat'ed.
  static absl::StatusOr<StoreFileGuard> Open(const std::string& path);
  // OK while `path` is the file opened; DATA_LOSS naming it and what to do once it was removed or
  // replaced. One stat(2).
  absl::Status Check() const;

 private:
  StoreFileGuard(std::string path, dev_t device, ino_t inode) : path_(std::move(path)), device_(device), inode_(inode) {}
  std::string path_;
  dev_t device_;
  ino_t inode_;
};

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
