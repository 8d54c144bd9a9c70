#include "connectors/files/zip_archive.h"

#include <sys/stat.h>
#include <zlib.h>

#include <algorithm>
#include <cstring>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"

namespace crosswalk::files {
namespace {

constexpr size_t kChunk = 64 << 10;  // inflate granularity

uint32_t Le(const unsigned char* p, int bytes) {
  uint32_t v = 0;
  for (int i = bytes - 1; i >= 0; --i) v = v << 8 | p[i];
  return v;
}

}  // namespace

absl::StatusOr<std::unique_ptr<ZipArchive>> ZipArchive::Open(OpenFile file,
                                                             int64_t max_inflated_bytes,
                                                             int64_t max_entry_bytes) {
  std::unique_ptr<ZipArchive> a(new ZipArchive(std::move(file)));
  a->max_inflated_bytes_ = a->budget_ = max_inflated_bytes;
  a->max_entry_bytes_ = max_entry_bytes;
  struct stat st;
  if (fstat(a->file_.fd(), &st) != 0) return a->Error("cannot stat the file");
  a->file_size_ = st.st_size;
  // The end of central directory record (22 bytes) ends the file, unless a comment follows it.
  const int64_t tail_size = std::min<int64_t>(a->file_size_, 22 + 0xFFFF);
  const int64_t tail_start = a->file_size_ - tail_size;
  std::vector<unsigned char> tail(static_cast<size_t>(tail_size));
  unsigned char magic[4] = {};
  if (!a->Read(tail_start, tail.data(), tail.size())) return a->Error("cannot read the file");
  if (a->Read(0, magic, 4) && Le(magic, 4) == 0xE011CFD0) {
    // Excel saves a password-protected workbook as an OLE compound file, like a legacy .xls.
    return a->Error("an encrypted workbook or a legacy .xls (OLE compound file), not an .xlsx");
  }
  int64_t eocd = -1;
  for (int64_t i = tail_size - 22; i >= 0 && eocd < 0; --i) {
    if (Le(&tail[i], 4) == 0x06054b50) eocd = i;
  }
  if (eocd < 0) return a->Error("not a zip archive (no end of central directory record)");
  const unsigned char* e = &tail[eocd];
  const uint32_t count = Le(e + 10, 2), cd_size = Le(e + 12, 4), cd_offset = Le(e + 16, 4);
  if (count == 0xFFFF || cd_size == 0xFFFFFFFF || cd_offset == 0xFFFFFFFF ||
      (eocd >= 20 && Le(&tail[eocd - 20], 4) == 0x07064b50)) {
    return a->Error("zip64 archives are not supported");
  }
  if (int64_t{cd_offset} + cd_size > tail_start + eocd) {
    return a->Error("truncated or corrupt zip archive (central directory out of range)");
  }
  std::vector<unsigned char> cd(cd_size);
  if (!a->Read(cd_offset, cd.data(), cd.size())) return a->Error("cannot read the zip directory");
  size_t pos = 0;
  for (uint32_t i = 0; i < count; ++i) {
    if (pos + 46 > cd.size() || Le(&cd[pos], 4) != 0x02014b50) {
      return a->Error("corrupt zip archive (bad central directory entry)");
    }
    const unsigned char* h = &cd[pos];
    const size_t name_len = Le(h + 28, 2), extra_len = Le(h + 30, 2), comment_len = Le(h + 32, 2);
    if (pos + 46 + name_len > cd.size()) return a->Error("corrupt zip archive (entry name)");
    std::string name(reinterpret_cast<const char*>(h + 46), name_len);
    std::replace(name.begin(), name.end(), '\\', '/');  // some Windows tools write backslashes
    if (Le(h + 20, 4) == 0xFFFFFFFF || Le(h + 24, 4) == 0xFFFFFFFF || Le(h + 42, 4) == 0xFFFFFFFF) {
      return a->Error(absl::StrCat("zip64 archives are not supported (entry ", name, ")"));
    }
    a->entries_[name] = Entry{Le(h + 8, 2),  Le(h + 10, 2), Le(h + 16, 4),
                              Le(h + 20, 4), Le(h + 24, 4), Le(h + 42, 4)};
    pos += 46 + name_len + extra_len + comment_len;
  }
  return a;
}

ZipArchive::~ZipArchive() = default;

bool ZipArchive::Contains(const std::string& name) const { return entries_.count(name) != 0; }

absl::Status ZipArchive::Error(absl::string_view what) const {
  return absl::InvalidArgumentError(absl::StrCat(file_.path(), ": ", what));
}

bool ZipArchive::Read(int64_t offset, void* out, size_t n) const {
  for (size_t done = 0; done < n;) {
    absl::StatusOr<size_t> got =
        file_.ReadAt(static_cast<uint64_t>(offset) + done, static_cast<char*>(out) + done, n - done);
    if (!got.ok() || *got == 0) return false;
    done += *got;
  }
  return true;
}

// A raw deflate stream (zip entries have no zlib header) and its input buffer.
struct ZipEntryStream::Inflater {
  z_stream z{};
  bool initialized = false;
  std::vector<unsigned char> in;
  ~Inflater() {
    if (initialized) inflateEnd(&z);
  }
};

ZipEntryStream::ZipEntryStream(ZipArchive* archive, std::string name)
    : a_(archive), name_(std::move(name)), crc_(crc32(0, nullptr, 0)) {}

ZipEntryStream::~ZipEntryStream() = default;

absl::Status ZipEntryStream::Open() {
  auto it = a_->entries_.find(name_);
  if (it == a_->entries_.end()) return a_->Error(absl::StrCat(name_, " is missing"));
  entry_ = it->second;
  // General-purpose flag bit 0: encrypted; bit 6: strong encryption.
  if (entry_.flags & 0x41) return a_->Error(absl::StrCat(name_, " is encrypted (not supported)"));
  if (entry_.method != 0 && entry_.method != 8) {
    return a_->Error(absl::StrCat(name_, ": unsupported compression method ", entry_.method));
  }
  if (int64_t{entry_.size} > a_->max_entry_bytes_) {
    return a_->Error(absl::StrCat(name_, " decompresses to ", entry_.size, " bytes, more than the ",
                                  a_->max_entry_bytes_, " bytes allowed for one part"));
  }
  unsigned char h[30];
  if (!a_->Read(entry_.local_offset, h, sizeof h) || Le(h, 4) != 0x04034b50) {
    return a_->Error(
        absl::StrCat("truncated or corrupt zip archive (local header of ", name_, ")"));
  }
  offset_ = int64_t{entry_.local_offset} + 30 + Le(h + 26, 2) + Le(h + 28, 2);
  remaining_ = entry_.compressed;
  if (offset_ + remaining_ > a_->file_size_) {
    return a_->Error(absl::StrCat("truncated zip archive (", name_, " runs past the end)"));
  }
  if (entry_.method == 8) {
    inflater_ = std::make_unique<Inflater>();
    if (inflateInit2(&inflater_->z, -MAX_WBITS) != Z_OK) {
      return absl::InternalError("inflateInit2 failed");
    }
    inflater_->initialized = true;
  }
  return absl::OkStatus();
}

absl::Status ZipEntryStream::Read(std::string* out) {
  out->clear();
  if (done_) return absl::OkStatus();
  if (entry_.method == 0) {
    out->resize(static_cast<size_t>(std::min<int64_t>(kChunk, remaining_)));
    if (!a_->Read(offset_, out->data(), out->size())) return Corrupt("truncated");
    offset_ += static_cast<int64_t>(out->size());
    remaining_ -= static_cast<int64_t>(out->size());
    done_ = remaining_ == 0;
  } else {
    z_stream& z = inflater_->z;
    std::vector<unsigned char>& in = inflater_->in;
    out->resize(kChunk);
    z.next_out = reinterpret_cast<Bytef*>(out->data());
    z.avail_out = kChunk;
    while (z.avail_out == kChunk && !done_) {
      if (z.avail_in == 0 && remaining_ > 0) {
        in.resize(static_cast<size_t>(std::min<int64_t>(kChunk, remaining_)));
        if (!a_->Read(offset_, in.data(), in.size())) return Corrupt("truncated");
        offset_ += static_cast<int64_t>(in.size());
        remaining_ -= static_cast<int64_t>(in.size());
        z.next_in = in.data();
        z.avail_in = static_cast<uInt>(in.size());
      }
      const int rc = inflate(&z, Z_NO_FLUSH);
      if (rc == Z_STREAM_END) {
        done_ = true;
      } else if (rc == Z_BUF_ERROR && z.avail_in == 0 && remaining_ == 0) {
        return Corrupt("compressed data ends early (truncated)");
      } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
        return Corrupt(absl::StrCat("corrupt compressed data (", z.msg ? z.msg : "zlib", ")"));
      }
    }
    out->resize(kChunk - z.avail_out);
  }
  produced_ += static_cast<int64_t>(out->size());
  a_->budget_ -= static_cast<int64_t>(out->size());
  if (a_->budget_ < 0) {
    return a_->Error(absl::StrCat("more than ", a_->max_inflated_bytes_,
                                  " bytes of decompressed XML (a zip bomb?) at ", name_));
  }
  if (produced_ > entry_.size) return Corrupt("decompresses to more than its declared size");
  crc_ = crc32(crc_, reinterpret_cast<const Bytef*>(out->data()), static_cast<uInt>(out->size()));
  if (done_ && (produced_ != entry_.size || crc_ != entry_.crc)) {
    return Corrupt("size or CRC-32 does not match the zip directory");
  }
  return absl::OkStatus();
}

absl::Status ZipEntryStream::Corrupt(absl::string_view what) const {
  return a_->Error(absl::StrCat(name_, ": ", what));
}

}  // namespace crosswalk::files
