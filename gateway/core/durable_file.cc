#include "gateway/core/durable_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "absl/strings/str_cat.h"

namespace crosswalk {

absl::Status ErrnoStatus(absl::string_view what) {
  const int error = errno;
  const std::string text = absl::StrCat(what, ": ", std::strerror(error));
  if (error == ENOSPC || error == EDQUOT || error == EFBIG) return absl::ResourceExhaustedError(text);
  return absl::UnavailableError(text);
}

absl::Status WriteAll(int fd, absl::string_view data, absl::string_view what) {
  while (!data.empty()) {
    const ssize_t wrote = ::write(fd, data.data(), data.size());
    if (wrote < 0) {
      if (errno == EINTR) continue;
      return ErrnoStatus(what);
    }
    data.remove_prefix(static_cast<size_t>(wrote));
  }
  return absl::OkStatus();
}

absl::Status SyncDirectory(const std::string& dir, absl::string_view what) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return ErrnoStatus(absl::StrCat("opening ", what));
  const int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) return ErrnoStatus(absl::StrCat("syncing ", what));
  return absl::OkStatus();
}

absl::Status ReplaceFileDurably(const std::string& path, absl::string_view content, absl::string_view what) {
  const std::string temporary = path + ".tmp";
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return ErrnoStatus(absl::StrCat("writing ", what));
  absl::Status status = WriteAll(fd, content, absl::StrCat("writing ", what));
  if (status.ok() && ::fsync(fd) != 0) status = ErrnoStatus(absl::StrCat("syncing ", what));
  if (::close(fd) != 0 && status.ok()) status = ErrnoStatus(absl::StrCat("closing ", what));
  if (status.ok() && ::rename(temporary.c_str(), path.c_str()) != 0) status = ErrnoStatus(absl::StrCat("keeping ", what));
  if (!status.ok()) {
    ::unlink(temporary.c_str());
    return status;
  }
  std::string dir = std::filesystem::path(path).parent_path().string();
  return SyncDirectory(dir.empty() ? "." : dir, absl::StrCat("the folder of ", what));
}

}  // namespace crosswalk
