#include "connectors/files/zip_archive.h"

#include <sys/stat.h>
#include <zip.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>

#include "absl/strings/str_cat.h"
#include "gateway/core/unicode.h"

namespace crosswalk::files {
namespace {

constexpr size_t kChunk = 64 << 10;  // the most one Read returns
// Excel saves a password-protected workbook as an OLE compound file, like a legacy .xls.
constexpr char kOleMagic[8] = {'\xD0', '\xCF', '\x11', '\xE0', '\xA1', '\xB1', '\x1A', '\xE1'};

// Up to `n` bytes of `file` at `offset`, fewer only at the end of the file.
absl::StatusOr<size_t> ReadUpTo(const OpenFile& file, uint64_t offset, char* out, size_t n) {
  size_t done = 0;
  while (done < n) {
    absl::StatusOr<size_t> got = file.ReadAt(offset + done, out + done, n - done);
    if (!got.ok()) return got.status();
    if (*got == 0) break;
    done += *got;
  }
  return done;
}

// The end of central directory records in the file's last 64 KiB that libzip would weigh — the
// signature, disk numbers 0 (or zip64's 0xFFFF marks), as many entries on this disk as in all, and
// a comment that ends inside the file — and the largest directory any of them declares (from the
// zip64 record when the classic one holds only marks). libzip parses the directory each record
// points to and, from the second on, reads every local header to pick the best (a file of 65,535
// entries and 100 records took minutes); a zip has one. It also holds about 300 bytes an entry
// before any of our code sees one, so the declared directory is bounded first.
struct EndRecords {
  int count = 0;
  uint64_t entries = 0;          // the most any record declares
  uint64_t directory_bytes = 0;  // the largest central directory any record declares
};
absl::StatusOr<EndRecords> ReadEndRecords(const OpenFile& file, uint64_t size) {
  constexpr uint64_t kRecord = 22, kTail = 0xFFFF + kRecord + 20;  // libzip's CDBUFSIZE
  std::string tail(std::min(size, kTail), '\0');
  absl::StatusOr<size_t> got = ReadUpTo(file, size - tail.size(), tail.data(), tail.size());
  if (!got.ok()) return got.status();
  tail.resize(*got);
  auto le = [](const unsigned char* p, int bytes) {
    uint64_t v = 0;
    for (int i = bytes - 1; i >= 0; --i) v = v << 8 | p[i];
    return v;
  };
  EndRecords found;
  for (size_t at = tail.find("PK\x05\x06"); at != std::string::npos && at + kRecord <= tail.size();
       at = tail.find("PK\x05\x06", at + 1)) {
    const auto* r = reinterpret_cast<const unsigned char*>(tail.data() + at);
    const bool one_disk = (le(r + 4, 2) == 0 && le(r + 6, 2) == 0) || (le(r + 4, 2) == 0xFFFF && le(r + 6, 2) == 0xFFFF);
    if (!one_disk || le(r + 8, 2) != le(r + 10, 2) || at + kRecord + le(r + 20, 2) > tail.size()) continue;
    ++found.count;
    uint64_t entries = le(r + 10, 2), directory = le(r + 12, 4);
    // zip64: the locator just before the record points at the zip64 record with the real sizes.
    if ((entries == 0xFFFF || directory == 0xFFFFFFFF) && at >= 20 && le(r - 20, 4) == 0x07064b50) {
      unsigned char zip64[56];
      absl::StatusOr<size_t> read = ReadUpTo(file, le(r - 20 + 8, 8), reinterpret_cast<char*>(zip64), sizeof zip64);
      if (read.ok() && *read == sizeof zip64 && le(zip64, 4) == 0x06064b50) {
        entries = le(zip64 + 32, 8);
        directory = le(zip64 + 40, 8);
      }
    }
    found.entries = std::max(found.entries, entries);
    found.directory_bytes = std::max(found.directory_bytes, directory);
  }
  return found;
}

// A libzip error, initialised and released with its scope.
struct ZipError {
  ZipError() { zip_error_init(&error); }
  ~ZipError() { zip_error_fini(&error); }
  zip_error_t error;
};

// libzip's error in plain words; `entry` says it arose reading one entry rather than the directory.
std::string Plain(zip_error_t* error, bool entry) {
  switch (zip_error_code_zip(error)) {
    case ZIP_ER_NOZIP:
      return entry ? "corrupt local header"
                   : "not a zip archive (no end of central directory record, or a directory "
                     "that does not match it)";
    case ZIP_ER_INCONS:
      return entry ? "size does not match the zip directory (truncated or corrupt)"
                   : "truncated or corrupt zip archive (its directory and contents disagree)";
    case ZIP_ER_EOF:
    case ZIP_ER_SEEK:
      return entry ? "truncated (its data runs past the end of the file)"
                   : "truncated or corrupt zip archive (an offset past the end of the file)";
    case ZIP_ER_NOENT:  // libzip looked for a zip64 extra field that is not there
      return "corrupt zip archive (a zip64 size or offset without its zip64 extra field)";
    case ZIP_ER_CRC:
      return "CRC-32 does not match the zip directory (corrupt data)";
    case ZIP_ER_ZLIB:
      return absl::StrCat("corrupt compressed data (", zip_error_strerror(error), ")");
    case ZIP_ER_COMPRESSED_DATA:
      return "corrupt compressed data";
    case ZIP_ER_READ:
      return "cannot read the file";
    case ZIP_ER_MULTIDISK:
      return "a split (multi-disk) zip archive, which is not supported";
    case ZIP_ER_MEMORY:
      return "not enough memory to read the zip archive";
    default:
      return absl::StrCat("cannot read the zip archive (libzip: ", zip_error_strerror(error), ")");
  }
}

// A zip compression method by name, as the APPNOTE numbers them.
std::string MethodName(uint16_t method) {
  static constexpr struct {
    uint16_t method;
    const char* name;
  } kNames[] = {
      {ZIP_CM_SHRINK, "shrink"}, {ZIP_CM_IMPLODE, "implode"}, {ZIP_CM_DEFLATE64, "deflate64"},
      {ZIP_CM_BZIP2, "bzip2"},   {ZIP_CM_LZMA, "LZMA"},       {93, "Zstandard"},
      {ZIP_CM_XZ, "xz"},         {ZIP_CM_PPMD, "PPMd"}};
  for (const auto& [number, name] : kNames) {
    if (number == method) return absl::StrCat(name, " (method ", method, ")");
  }
  return absl::StrCat("method ", method);
}

}  // namespace

// The archive's file as a seekable libzip source read through OpenFile::ReadAt, with the size the
// file had at Open. ZipArchive owns it: FREE releases nothing.
struct ZipArchive::Source {
  static zip_int64_t Callback(void* self, void* data, zip_uint64_t len, zip_source_cmd_t cmd);

  const OpenFile* file = nullptr;
  uint64_t size = 0;
  uint64_t offset = 0;
  ZipError error;
};

zip_int64_t ZipArchive::Source::Callback(void* self, void* data, zip_uint64_t len,
                                         zip_source_cmd_t cmd) {
  Source& s = *static_cast<Source*>(self);
  switch (cmd) {
    case ZIP_SOURCE_OPEN:
      s.offset = 0;
      return 0;
    case ZIP_SOURCE_READ: {
      const uint64_t want = std::min<uint64_t>(len, s.size - std::min(s.offset, s.size));
      absl::StatusOr<size_t> got = ReadUpTo(*s.file, s.offset, static_cast<char*>(data), want);
      if (!got.ok()) {
        zip_error_set(&s.error.error, ZIP_ER_READ, EIO);
        return -1;
      }
      s.offset += *got;
      return static_cast<zip_int64_t>(*got);
    }
    case ZIP_SOURCE_SEEK: {
      const zip_int64_t to =
          zip_source_seek_compute_offset(s.offset, s.size, data, len, &s.error.error);
      if (to < 0) return -1;
      s.offset = static_cast<uint64_t>(to);
      return 0;
    }
    case ZIP_SOURCE_TELL:
      return static_cast<zip_int64_t>(s.offset);
    case ZIP_SOURCE_STAT: {
      zip_stat_t* st = ZIP_SOURCE_GET_ARGS(zip_stat_t, data, len, &s.error.error);
      if (st == nullptr) return -1;
      zip_stat_init(st);
      st->size = s.size;
      st->valid |= ZIP_STAT_SIZE;
      return sizeof(*st);
    }
    case ZIP_SOURCE_ERROR:
      return zip_error_to_data(&s.error.error, data, len);
    case ZIP_SOURCE_ACCEPT_EMPTY:
      return 0;  // an empty file is not an archive
    case ZIP_SOURCE_CLOSE:
    case ZIP_SOURCE_FREE:
      return 0;
    case ZIP_SOURCE_SUPPORTS:
      return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE,
                                            ZIP_SOURCE_STAT, ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE,
                                            ZIP_SOURCE_SEEK, ZIP_SOURCE_TELL, ZIP_SOURCE_SUPPORTS,
                                            ZIP_SOURCE_ACCEPT_EMPTY, -1);
    default:
      zip_error_set(&s.error.error, ZIP_ER_OPNOTSUPP, 0);
      return -1;
  }
}

ZipArchive::ZipArchive(OpenFile file) : file_(std::move(file)), source_(new Source) {
  source_->file = &file_;
}

absl::StatusOr<std::unique_ptr<ZipArchive>> ZipArchive::Open(OpenFile file,
                                                             int64_t max_inflated_bytes,
                                                             int64_t max_entry_bytes) {
  std::unique_ptr<ZipArchive> a(new ZipArchive(std::move(file)));
  a->max_inflated_bytes_ = a->budget_ = max_inflated_bytes;
  a->max_entry_bytes_ = max_entry_bytes;
  struct stat st;
  if (fstat(a->file_.fd(), &st) != 0) return a->Error("cannot stat the file");
  a->source_->size = static_cast<uint64_t>(st.st_size);
  char magic[sizeof kOleMagic];
  absl::StatusOr<size_t> got = ReadUpTo(a->file_, 0, magic, sizeof magic);
  if (!got.ok()) return a->Error("cannot read the file");
  if (*got == sizeof magic && std::memcmp(magic, kOleMagic, sizeof magic) == 0) {
    return a->Error("an encrypted workbook or a legacy .xls (OLE compound file), not an .xlsx");
  }
  absl::StatusOr<EndRecords> end_records = ReadEndRecords(a->file_, a->source_->size);
  if (!end_records.ok()) return a->Error("cannot read the file");
  if (end_records->count > 1) {
    return a->Error(absl::StrCat("corrupt zip archive (", end_records->count,
                                 " end of central directory records; a zip has one)"));
  }
  if (end_records->entries > kMaxZipEntries || end_records->directory_bytes > kMaxZipDirectoryBytes) {
    return a->Error(absl::StrCat("the zip directory declares ", end_records->entries, " entries in ",
                                 end_records->directory_bytes, " bytes; a workbook has at most ",
                                 kMaxZipEntries, " entries and ", kMaxZipDirectoryBytes, " bytes of directory"));
  }
  ZipError error;
  zip_source_t* source =
      zip_source_function_create(&Source::Callback, a->source_.get(), &error.error);
  if (source == nullptr) return a->Error(Plain(&error.error, false));
  a->zip_ = zip_open_from_source(source, ZIP_RDONLY, &error.error);
  if (a->zip_ == nullptr) {
    zip_source_free(source);  // the archive owns its source only once it is open
    return a->Error(Plain(&error.error, false));
  }
  const zip_int64_t count = zip_get_num_entries(a->zip_, 0);
  for (zip_int64_t i = 0; i < count; ++i) {
    const char* raw = zip_get_name(a->zip_, static_cast<zip_uint64_t>(i), ZIP_FL_ENC_RAW);
    if (raw == nullptr) return a->Error(Plain(zip_get_error(a->zip_), false));
    std::string name = raw;
    std::replace(name.begin(), name.end(), '\\', '/');  // some Windows tools write backslashes
    // Two entries of one name would let two readers see two different parts.
    if (!a->index_.emplace(name, static_cast<uint64_t>(i)).second) {
      return a->Error(absl::StrCat("corrupt zip archive (two entries named '",
                                   TruncateUtf8(name, kQuotedTextBytes), "')"));
    }
  }
  return a;
}

ZipArchive::~ZipArchive() {
  if (zip_ != nullptr) zip_discard(zip_);
}

bool ZipArchive::Contains(const std::string& name) const { return index_.contains(name); }

absl::Status ZipArchive::Error(absl::string_view what) const {
  return absl::InvalidArgumentError(absl::StrCat(file_.path(), ": ", what));
}

ZipEntryStream::ZipEntryStream(ZipArchive* archive, std::string name)
    : a_(archive), name_(std::move(name)) {}

ZipEntryStream::~ZipEntryStream() {
  if (file_ != nullptr) zip_fclose(file_);
}

absl::Status ZipEntryStream::Open() {
  auto it = a_->index_.find(name_);
  if (it == a_->index_.end()) return a_->Error(absl::StrCat(name_, " is missing"));
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(a_->zip_, it->second, ZIP_FL_ENC_RAW, &st) != 0) {
    return Corrupt(Plain(zip_get_error(a_->zip_), true));
  }
  if (st.encryption_method != ZIP_EM_NONE) {
    return a_->Error(absl::StrCat(name_, " is encrypted (not supported)"));
  }
  if (st.comp_method != ZIP_CM_STORE && st.comp_method != ZIP_CM_DEFLATE) {
    return a_->Error(absl::StrCat(name_, " is compressed with ", MethodName(st.comp_method),
                                  "; only stored and deflated entries are supported"));
  }
  if (st.size > static_cast<uint64_t>(std::max<int64_t>(a_->max_entry_bytes_, 0))) {
    return a_->Error(absl::StrCat(name_, " decompresses to ", st.size, " bytes, more than the ",
                                  a_->max_entry_bytes_, " bytes allowed for one part"));
  }
  size_ = st.size;
  file_ = zip_fopen_index(a_->zip_, it->second, 0);
  if (file_ == nullptr) return Corrupt(Plain(zip_get_error(a_->zip_), true));
  return absl::OkStatus();
}

absl::Status ZipEntryStream::Read(std::string* out) {
  out->resize(kChunk);
  size_t got = 0;
  // libzip fills the buffer unless the entry ends or fails; a failure after some bytes is
  // reported by the next call, and the CRC-32 and size checks come with the end.
  while (!done_ && got < kChunk) {
    const zip_int64_t n = zip_fread(file_, out->data() + got, kChunk - got);
    if (n < 0) {
      out->clear();
      return Corrupt(Plain(zip_file_get_error(file_), true));
    }
    done_ = n == 0;
    got += static_cast<size_t>(n);
  }
  out->resize(got);
  produced_ += got;
  a_->budget_ -= static_cast<int64_t>(got);
  if (a_->budget_ < 0) {
    return a_->Error(absl::StrCat("more than ", a_->max_inflated_bytes_,
                                  " bytes of decompressed XML (a zip bomb?) at ", name_));
  }
  if (produced_ > size_) return Corrupt("decompresses to more than its declared size");
  // libzip skips its checks for an entry of no compressed bytes.
  if (done_ && produced_ != size_) return Corrupt("decompresses to less than its declared size");
  return absl::OkStatus();
}

absl::Status ZipEntryStream::Corrupt(absl::string_view what) const {
  return a_->Error(absl::StrCat(name_, ": ", what));
}

}  // namespace crosswalk::files
