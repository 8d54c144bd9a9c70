#include "connectors/files/open_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace crosswalk::files {
namespace {

constexpr size_t kStreamChunk = 64 << 10;

// What a file of `mode` is, for the message refusing it.
const char* KindOf(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a plain file";
}

absl::Status NotRegular(const std::string& path, mode_t mode) {
  return absl::InvalidArgumentError(
      absl::StrCat(path, ": is not a regular file (", KindOf(mode), "); expected a file of rows"));
}

}  // namespace

absl::StatusOr<OpenFile> OpenFile::Open(const std::string& path) {
  // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer. O_NOCTTY: a terminal
  // never becomes the controlling one. The flag is cleared again once the file is known regular.
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
  if (fd < 0) {
    const int error = errno;
    struct stat st;
    if (error == ENOENT || error == ENOTDIR) {
      return absl::NotFoundError(absl::StrCat(path, ": cannot open the file (no such file)"));
    }
    if (stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) return NotRegular(path, st.st_mode);
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": cannot open the file: ", std::strerror(error)));
  }
  OpenFile file(fd, path);
  struct stat st;
  if (fstat(fd, &st) != 0) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": cannot stat the file: ", std::strerror(errno)));
  }
  if (!S_ISREG(st.st_mode)) return NotRegular(path, st.st_mode);
  const int flags = fcntl(fd, F_GETFL);
  if (flags < 0 || fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) != 0) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": cannot open the file: ", std::strerror(errno)));
  }
  return file;
}

OpenFile::OpenFile(OpenFile&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), path_(std::move(other.path_)) {}

OpenFile& OpenFile::operator=(OpenFile&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) close(fd_);
    fd_ = std::exchange(other.fd_, -1);
    path_ = std::move(other.path_);
  }
  return *this;
}

OpenFile::~OpenFile() {
  if (fd_ >= 0) close(fd_);
}

absl::StatusOr<size_t> OpenFile::ReadAt(uint64_t offset, char* out, size_t n) const {
  while (true) {
    const ssize_t got = pread(fd_, out, n, static_cast<off_t>(offset));
    if (got >= 0) return static_cast<size_t>(got);
    if (errno != EINTR) {
      return absl::UnavailableError(absl::StrCat(path_, ": read error: ", std::strerror(errno)));
    }
  }
}

FileStreamBuf::FileStreamBuf(const OpenFile* file) : file_(file), buffer_(kStreamChunk) {}

FileStreamBuf::int_type FileStreamBuf::underflow() {
  if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
  if (!error_.ok()) return traits_type::eof();
  absl::StatusOr<size_t> got = file_->ReadAt(offset_, buffer_.data(), buffer_.size());
  if (!got.ok()) {
    error_ = got.status();
    return traits_type::eof();
  }
  if (*got == 0) return traits_type::eof();
  offset_ += *got;
  setg(buffer_.data(), buffer_.data(), buffer_.data() + *got);
  return traits_type::to_int_type(*gptr());
}

}  // namespace crosswalk::files
