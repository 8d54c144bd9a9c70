#ifndef CROSSWALK_CONNECTORS_FILES_OPEN_FILE_H_
#define CROSSWALK_CONNECTORS_FILES_OPEN_FILE_H_

#include <cstddef>
#include <cstdint>
#include <streambuf>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace crosswalk::files {

// A regular file opened once, read-only, for the whole of a run: the file connector digests it and
// reads its rows through this one descriptor, so a file renamed over the path in between cannot be
// stored under the digest of the one it replaced. Reads are positional (pread), so any number of
// readers can each start at offset 0 without disturbing one another. The path is kept for messages
// only.
//
// Thread-compatible.
class OpenFile {
 public:
  // Opens `path` (O_RDONLY | O_CLOEXEC, never blocking: a FIFO without a writer is refused at
  // once, not waited on). Errors: NOT_FOUND when nothing is at `path`; INVALID_ARGUMENT
  // "<path>: is not a regular file (a FIFO)" for a directory, FIFO, device or socket — a location
  // such as /dev/zero would otherwise be read forever; INVALID_ARGUMENT "<path>: cannot open the
  // file: <reason>" otherwise (e.g. permission denied).
  static absl::StatusOr<OpenFile> Open(const std::string& path);

  OpenFile(OpenFile&& other) noexcept;
  OpenFile& operator=(OpenFile&& other) noexcept;
  OpenFile(const OpenFile&) = delete;
  OpenFile& operator=(const OpenFile&) = delete;
  ~OpenFile();

  const std::string& path() const { return path_; }
  // The descriptor, for fstat and the like; it stays owned by this object.
  int fd() const { return fd_; }

  // Reads up to `n` bytes at `offset` into `out`: the count read, 0 only at the end of the file.
  // Errors: UNAVAILABLE "<path>: read error: <reason>".
  absl::StatusOr<size_t> ReadAt(uint64_t offset, char* out, size_t n) const;

 private:
  OpenFile(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}

  int fd_ = -1;
  std::string path_;
};

// The bytes of an OpenFile from offset 0 as a std::streambuf, 64 KiB at a time, for readers that
// take a std::istream. A read error ends the stream and sets `error()`.
//
// REQUIRES: `*file` outlives the buffer.
class FileStreamBuf : public std::streambuf {
 public:
  explicit FileStreamBuf(const OpenFile* file);

  // OK, or the read error that ended the stream early.
  const absl::Status& error() const { return error_; }

 protected:
  int_type underflow() override;

 private:
  const OpenFile* file_;
  std::vector<char> buffer_;
  uint64_t offset_ = 0;
  absl::Status error_;
};

}  // namespace crosswalk::files

#endif  // CROSSWALK_CONNECTORS_FILES_OPEN_FILE_H_
