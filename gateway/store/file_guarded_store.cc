#include "gateway/store/file_guarded_store.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "gateway/store/forwarding_store.h"

namespace crosswalk {
namespace {

class FileGuardedStore : public ForwardingStore {
 public:
  FileGuardedStore(std::unique_ptr<Store> inner, StoreFileGuard guard)
      : ForwardingStore(std::move(inner)), guard_(std::move(guard)) {}

 protected:
  absl::Status Before(Call) override { return guard_.Check(); }

 private:
  const StoreFileGuard guard_;
};

}  // namespace

absl::StatusOr<StoreFileGuard> StoreFileGuard::Open(const std::string& path) {
  struct stat opened {};
  if (::stat(path.c_str(), &opened) != 0) {
    return absl::UnavailableError(absl::StrCat(path, ": cannot stat the store file: ", std::strerror(errno)));
  }
  return StoreFileGuard(path, opened.st_dev, opened.st_ino);
}

absl::Status StoreFileGuard::Check() const {
  struct stat now {};
  const bool gone = ::stat(path_.c_str(), &now) != 0;
  if (!gone && now.st_dev == device_ && now.st_ino == inode_) return absl::OkStatus();
  const char* what = gone ? "was removed" : "was replaced by another file";
  return absl::DataLossError(absl::StrCat("the store file ", path_, " ", what,
                                          " while crosswalkd was running: nothing more is read or written; "
                                          "restore the file or restart crosswalkd"));
}

absl::StatusOr<std::unique_ptr<Store>> GuardStoreFile(std::unique_ptr<Store> inner, const std::string& path) {
  absl::StatusOr<StoreFileGuard> guard = StoreFileGuard::Open(path);
  if (!guard.ok()) return guard.status();
  return std::unique_ptr<Store>(new FileGuardedStore(std::move(inner), std::move(*guard)));
}

}  // namespace crosswalk
