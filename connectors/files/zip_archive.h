#ifndef CROSSWALK_CONNECTORS_FILES_ZIP_ARCHIVE_H_
#define CROSSWALK_CONNECTORS_FILES_ZIP_ARCHIVE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "connectors/files/open_file.h"

struct zip;       // libzip's archive (zip_t)
struct zip_file;  // libzip's open entry (zip_file_t)

namespace crosswalk::files {

// The largest zip directory read (entries, bytes): far above any workbook's, and bounding what
// libzip allocates for the directory before anything else is checked.
inline constexpr uint64_t kMaxZipEntries = 100000;
inline constexpr uint64_t kMaxZipDirectoryBytes = 32 << 20;

// A zip archive on disk, read-only, as the container of an .xlsx workbook, read with libzip: its
// central directory is read on Open, and each entry is read on demand through a ZipEntryStream.
// zip64 archives are read (Excel writes them for big workbooks); only stored and deflated entries
// are, and encrypted ones are refused. Every byte decompressed from any entry is charged to one
// budget, so that a zip bomb ends in an error.
//
// Thread-compatible: one archive and its streams are used from one thread.
class ZipArchive {
 public:
  // The archive in `file` (kept, read by position through OpenFile::ReadAt, so no second
  // descriptor is opened; its path names it in messages), its central directory read, with
  // `max_inflated_bytes` as the budget of decompressed bytes for all of its entries together and
  // `max_entry_bytes` as the most any one entry may declare.
  //
  // Errors: INVALID_ARGUMENT "<path>: <what>" when the file cannot be read, is an OLE compound
  // file (an encrypted workbook or a legacy .xls), is not a zip archive, is a split archive, has a
  // truncated or corrupt central directory or more than one end record, or names two entries
  // alike.
  static absl::StatusOr<std::unique_ptr<ZipArchive>> Open(OpenFile file, int64_t max_inflated_bytes,
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
  struct Source;  // libzip's view of file_

  explicit ZipArchive(OpenFile file);

  OpenFile file_;
  std::unique_ptr<Source> source_;  // outlives zip_, which reads through it
  zip* zip_ = nullptr;              // owned: zip_discard
  int64_t max_inflated_bytes_ = 0;
  int64_t max_entry_bytes_ = 0;
  int64_t budget_ = 0;                                // decompressed bytes still allowed
  absl::flat_hash_map<std::string, uint64_t> index_;  // entry name → libzip's index
};

// The decompressed bytes of one zip entry, 64 KiB at a time. libzip verifies the CRC-32 and the
// size at the end; every byte is charged to the archive's budget as it is produced, and an entry
// that inflates past its declared size is stopped there.
//
// REQUIRES: `*archive` outlives the stream.
class ZipEntryStream {
 public:
  ZipEntryStream(ZipArchive* archive, std::string name);
  ~ZipEntryStream();
  ZipEntryStream(const ZipEntryStream&) = delete;
  ZipEntryStream& operator=(const ZipEntryStream&) = delete;

  // Finds the entry and opens it. Errors: INVALID_ARGUMENT "<path>: <what>" when the entry is
  // missing, encrypted ("<entry> is encrypted"), compressed by a method other than stored or
  // deflate (named), larger than the archive's per-entry limit, or its local header is corrupt.
  // REQUIRES: called once, before Read.
  absl::Status Open();

  // Whether the whole entry has been returned by Read.
  bool done() const { return done_; }

  // Replaces `*out` with the next chunk (possibly empty, e.g. when the entry is done). Errors:
  // INVALID_ARGUMENT "<path>: <entry>: <what>" for truncated or corrupt data, more bytes than the
  // directory declares, a size or CRC-32 mismatch at the end, or "<path>: more than N bytes of
  // decompressed XML (a zip bomb?) at <entry>" when the archive's budget is spent. After an error
  // the stream must not be read further.
  absl::Status Read(std::string* out);

 private:
  absl::Status Corrupt(absl::string_view what) const;

  ZipArchive* a_;
  std::string name_;
  zip_file* file_ = nullptr;  // owned: zip_fclose
  uint64_t size_ = 0;         // as the central directory declares it
  uint64_t produced_ = 0;
  bool done_ = false;
};

}  // namespace crosswalk::files

#endif  // CROSSWALK_CONNECTORS_FILES_ZIP_ARCHIVE_H_
