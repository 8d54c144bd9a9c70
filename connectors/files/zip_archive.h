#ifndef CROSSWALK_CONNECTORS_FILES_ZIP_ARCHIVE_H_
#define CROSSWALK_CONNECTORS_FILES_ZIP_ARCHIVE_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "connectors/files/open_file.h"

namespace crosswalk::files {

// A zip archive on disk, read-only, as the container of an .xlsx workbook: its central directory
// is read on Open, and each entry is read on demand through a ZipEntryStream. Stored and deflated
// entries are supported; zip64, encryption and other compression methods are refused. Every byte
// decompressed from any entry is charged to one budget, so that a zip bomb ends in an error.
//
// Thread-compatible: one archive and its streams are used from one thread.
class ZipArchive {
 public:
  // The archive in `file` (kept, read by position; its path names it in messages), its central
  // directory read, with `max_inflated_bytes` as the budget of decompressed bytes for all of its
  // entries together and `max_entry_bytes` as the most any one entry may declare.
  //
  // Errors: INVALID_ARGUMENT "<path>: <what>" when the file cannot be read, is an OLE compound
  // file (an encrypted workbook or a legacy .xls), is not a zip archive, is a zip64 archive, or
  // has a truncated or corrupt central directory.
  static absl::StatusOr<std::unique_ptr<ZipArchive>> Open(OpenFile file,
                                                          int64_t max_inflated_bytes,
                                                          int64_t max_entry_bytes);
  ~ZipArchive();
  ZipArchive(const ZipArchive&) = delete;
  ZipArchive& operator=(const ZipArchive&) = delete;

  // Whether the central directory lists an entry named `name` (backslashes read as "/").
  bool Contains(const std::string& name) const;

  // INVALID_ARGUMENT "<path>: <what>": the form of every error about this file.
  absl::Status Error(absl::string_view what) const;

 private:
  friend class ZipEntryStream;
  struct Entry {
    uint32_t flags = 0, method = 0, crc = 0, compressed = 0, size = 0, local_offset = 0;
  };

  explicit ZipArchive(OpenFile file) : file_(std::move(file)) {}
  // Reads exactly `n` bytes at `offset`; false when the file ends first or cannot be read.
  bool Read(int64_t offset, void* out, size_t n) const;

  OpenFile file_;
  int64_t file_size_ = 0;
  int64_t max_inflated_bytes_ = 0;
  int64_t max_entry_bytes_ = 0;
  int64_t budget_ = 0;  // decompressed bytes still allowed
  std::map<std::string, Entry> entries_;
};

// The decompressed bytes of one zip entry, 64 KiB at a time. Verifies the declared size and the
// CRC-32 at the end, and charges every byte to the archive's budget.
//
// REQUIRES: `*archive` outlives the stream.
class ZipEntryStream {
 public:
  ZipEntryStream(ZipArchive* archive, std::string name);
  ~ZipEntryStream();
  ZipEntryStream(const ZipEntryStream&) = delete;
  ZipEntryStream& operator=(const ZipEntryStream&) = delete;

  // Finds the entry and reads its local header. Errors: INVALID_ARGUMENT "<path>: <what>" when
  // the entry is missing, encrypted, compressed by a method other than stored or deflate, larger
  // than the archive's per-entry limit, or its local header is corrupt or its data runs past the
  // end of the file.
  // REQUIRES: called once, before Read.
  absl::Status Open();

  // Whether the whole entry has been returned by Read.
  bool done() const { return done_; }

  // Replaces `*out` with the next chunk (possibly empty, e.g. when the entry is done). Errors:
  // INVALID_ARGUMENT "<path>: <entry>: <what>" for truncated or corrupt data, more bytes than the
  // directory declares, a size or CRC-32 mismatch at the end, or the archive's budget exceeded.
  // After an error the stream must not be read further.
  absl::Status Read(std::string* out);

 private:
  struct Inflater;  // zlib's state, for a deflated entry

  absl::Status Corrupt(absl::string_view what) const;

  ZipArchive* a_;
  std::string name_;
  ZipArchive::Entry entry_;
  std::unique_ptr<Inflater> inflater_;
  bool done_ = false;
  int64_t offset_ = 0, remaining_ = 0, produced_ = 0;
  unsigned long crc_ = 0;  // CRC-32 of the bytes produced so far (zlib's uLong)
};

}  // namespace crosswalk::files

#endif  // CROSSWALK_CONNECTORS_FILES_ZIP_ARCHIVE_H_
