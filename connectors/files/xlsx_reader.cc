#include "connectors/files/xlsx_reader.h"

#include <expat.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <functional>
#include <map>
#include <optional>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "gateway/core/status_macros.h"

namespace crosswalk::files {
namespace {

constexpr size_t kChunk = 64 << 10;  // inflate and parse granularity
constexpr int kMaxColumn = 16384;    // XFD, Excel's last column

uint32_t Le(const unsigned char* p, int bytes) {
  uint32_t v = 0;
  for (int i = bytes - 1; i >= 0; --i) v = v << 8 | p[i];
  return v;
}

struct ZipEntry {
  uint32_t flags = 0, method = 0, crc = 0, compressed = 0, size = 0, local_offset = 0;
};

// One open .xlsx file: its central directory and the decompressed-bytes budget shared by every
// part read from it. Owns the file descriptor.
struct Archive {
  std::string path;
  int fd = -1;
  int64_t file_size = 0;
  int64_t max_xml_bytes = 0;
  int64_t budget = 0;  // decompressed bytes still allowed
  std::map<std::string, ZipEntry> entries;

  ~Archive() {
    if (fd >= 0) close(fd);
  }
  absl::Status Error(absl::string_view what) const {
    return absl::InvalidArgumentError(absl::StrCat(path, ": ", what));
  }
  // Reads exactly `n` bytes at `offset`; false when the file ends first.
  bool Read(int64_t offset, void* out, size_t n) const {
    for (size_t done = 0; done < n;) {
      const ssize_t got = pread(fd, static_cast<char*>(out) + done, n - done, offset + done);
      if (got < 0 && errno == EINTR) continue;
      if (got <= 0) return false;
      done += static_cast<size_t>(got);
    }
    return true;
  }
};

// Opens `path` and reads its central directory (not the entries).
absl::StatusOr<std::unique_ptr<Archive>> OpenArchive(const std::string& path, int64_t max_xml) {
  auto a = std::make_unique<Archive>();
  a->path = path;
  a->max_xml_bytes = a->budget = max_xml;
  a->fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (a->fd < 0) {
    if (errno == ENOENT) return absl::NotFoundError(absl::StrCat(path, ": cannot open the file"));
    return a->Error(absl::StrCat("cannot open the file: ", std::strerror(errno)));
  }
  struct stat st;
  if (fstat(a->fd, &st) != 0) return a->Error("cannot stat the file");
  a->file_size = st.st_size;
  // The end of central directory record (22 bytes) ends the file, unless a comment follows it.
  const int64_t tail_size = std::min<int64_t>(a->file_size, 22 + 0xFFFF);
  const int64_t tail_start = a->file_size - tail_size;
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
    a->entries[name] = ZipEntry{Le(h + 8, 2),  Le(h + 10, 2), Le(h + 16, 4),
                                Le(h + 20, 4), Le(h + 24, 4), Le(h + 42, 4)};
    pos += 46 + name_len + extra_len + comment_len;
  }
  return a;
}

// The decompressed bytes of one zip entry, a chunk at a time. Verifies the declared size and the
// CRC-32 at the end, and charges every byte to the archive's budget.
class EntryStream {
 public:
  EntryStream(Archive* archive, std::string name) : a_(archive), name_(std::move(name)) {}
  ~EntryStream() {
    if (inflating_) inflateEnd(&z_);
  }

  absl::Status Open() {
    auto it = a_->entries.find(name_);
    if (it == a_->entries.end()) return a_->Error(absl::StrCat(name_, " is missing"));
    entry_ = it->second;
    // General-purpose flag bit 0: encrypted; bit 6: strong encryption.
    if (entry_.flags & 0x41) return a_->Error(absl::StrCat(name_, " is encrypted (not supported)"));
    if (entry_.method != 0 && entry_.method != 8) {
      return a_->Error(absl::StrCat(name_, ": unsupported compression method ", entry_.method));
    }
    unsigned char h[30];
    if (!a_->Read(entry_.local_offset, h, sizeof h) || Le(h, 4) != 0x04034b50) {
      return a_->Error(
          absl::StrCat("truncated or corrupt zip archive (local header of ", name_, ")"));
    }
    offset_ = int64_t{entry_.local_offset} + 30 + Le(h + 26, 2) + Le(h + 28, 2);
    remaining_ = entry_.compressed;
    if (offset_ + remaining_ > a_->file_size) {
      return a_->Error(absl::StrCat("truncated zip archive (", name_, " runs past the end)"));
    }
    if (entry_.method == 8) {
      if (inflateInit2(&z_, -MAX_WBITS) != Z_OK) return absl::InternalError("inflateInit2 failed");
      inflating_ = true;
    }
    return absl::OkStatus();
  }

  bool done() const { return done_; }

  // Replaces `out` with the next chunk (possibly empty when the entry is done).
  absl::Status Read(std::string* out) {
    out->clear();
    if (done_) return absl::OkStatus();
    if (entry_.method == 0) {
      out->resize(static_cast<size_t>(std::min<int64_t>(kChunk, remaining_)));
      if (!a_->Read(offset_, out->data(), out->size())) return Corrupt("truncated");
      offset_ += static_cast<int64_t>(out->size());
      remaining_ -= static_cast<int64_t>(out->size());
      done_ = remaining_ == 0;
    } else {
      out->resize(kChunk);
      z_.next_out = reinterpret_cast<Bytef*>(out->data());
      z_.avail_out = kChunk;
      while (z_.avail_out == kChunk && !done_) {
        if (z_.avail_in == 0 && remaining_ > 0) {
          in_.resize(static_cast<size_t>(std::min<int64_t>(kChunk, remaining_)));
          if (!a_->Read(offset_, in_.data(), in_.size())) return Corrupt("truncated");
          offset_ += static_cast<int64_t>(in_.size());
          remaining_ -= static_cast<int64_t>(in_.size());
          z_.next_in = in_.data();
          z_.avail_in = static_cast<uInt>(in_.size());
        }
        const int rc = inflate(&z_, Z_NO_FLUSH);
        if (rc == Z_STREAM_END) {
          done_ = true;
        } else if (rc == Z_BUF_ERROR && z_.avail_in == 0 && remaining_ == 0) {
          return Corrupt("compressed data ends early (truncated)");
        } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
          return Corrupt(absl::StrCat("corrupt compressed data (", z_.msg ? z_.msg : "zlib", ")"));
        }
      }
      out->resize(kChunk - z_.avail_out);
    }
    produced_ += static_cast<int64_t>(out->size());
    a_->budget -= static_cast<int64_t>(out->size());
    if (a_->budget < 0) {
      return a_->Error(absl::StrCat("more than ", a_->max_xml_bytes,
                                    " bytes of decompressed XML (a zip bomb?) at ", name_));
    }
    if (produced_ > entry_.size) return Corrupt("decompresses to more than its declared size");
    crc_ = crc32(crc_, reinterpret_cast<const Bytef*>(out->data()), static_cast<uInt>(out->size()));
    if (done_ && (produced_ != entry_.size || crc_ != entry_.crc)) {
      return Corrupt("size or CRC-32 does not match the zip directory");
    }
    return absl::OkStatus();
  }

 private:
  absl::Status Corrupt(absl::string_view what) const {
    return a_->Error(absl::StrCat(name_, ": ", what));
  }

  Archive* a_;
  std::string name_;
  ZipEntry entry_;
  z_stream z_{};
  bool inflating_ = false, done_ = false;
  int64_t offset_ = 0, remaining_ = 0, produced_ = 0;
  uLong crc_ = crc32(0, nullptr, 0);
  std::vector<unsigned char> in_;
};

// The local part of an expat namespace-qualified name ("uri|local" → "local").
absl::string_view Local(const char* name) {
  const char* bar = std::strrchr(name, '|');
  return bar ? bar + 1 : name;
}

// The value of the attribute whose local name is `name`, or nullptr.
const char* Attr(const char** atts, absl::string_view name) {
  for (; atts[0] != nullptr; atts += 2) {
    if (Local(atts[0]) == name) return atts[1];
  }
  return nullptr;
}

// An expat parser for one part. Element and attribute names reach the handlers as local names, so
// prefixed SpreadsheetML ("x:row") reads the same. A DOCTYPE stops parsing with an error — nothing
// in OOXML needs a DTD, and refusing it rules out entity expansion bombs and external entities.
class XmlParser {
 public:
  std::function<void(absl::string_view name, const char** atts)> on_start;
  std::function<void(absl::string_view name)> on_end;
  std::function<void(absl::string_view text)> on_text;

  XmlParser(const Archive& archive, std::string part)
      : a_(archive), part_(std::move(part)), p_(XML_ParserCreateNS(nullptr, '|')) {
    XML_SetUserData(p_, this);
    XML_SetParamEntityParsing(p_, XML_PARAM_ENTITY_PARSING_NEVER);
    XML_SetStartDoctypeDeclHandler(
        p_, [](void* self, const XML_Char*, const XML_Char*, const XML_Char*, int) {
          auto* parser = static_cast<XmlParser*>(self);
          parser->Fail(parser->a_.Error(absl::StrCat("DTD not allowed in ", parser->part_)));
        });
    XML_SetElementHandler(
        p_,
        [](void* self, const XML_Char* name, const XML_Char** atts) {
          auto* parser = static_cast<XmlParser*>(self);
          if (parser->on_start) parser->on_start(Local(name), atts);
        },
        [](void* self, const XML_Char* name) {
          auto* parser = static_cast<XmlParser*>(self);
          if (parser->on_end) parser->on_end(Local(name));
        });
    XML_SetCharacterDataHandler(p_, [](void* self, const XML_Char* text, int length) {
      auto* parser = static_cast<XmlParser*>(self);
      if (parser->on_text) parser->on_text(absl::string_view(text, static_cast<size_t>(length)));
    });
  }
  ~XmlParser() { XML_ParserFree(p_); }
  XmlParser(const XmlParser&) = delete;
  XmlParser& operator=(const XmlParser&) = delete;

  // From a handler: abandons the parse; Parse/Resume return `status`.
  void Fail(absl::Status status) {
    if (error_.ok()) error_ = std::move(status);
    XML_StopParser(p_, XML_FALSE);
  }
  // From a handler: pauses after the current event; Parse/Resume return true.
  void Suspend() { XML_StopParser(p_, XML_TRUE); }

  // Parses the next chunk; true when a handler suspended the parse (call Resume before more).
  absl::StatusOr<bool> Parse(absl::string_view data, bool final) {
    if (!data.empty()) {
      void* buffer = XML_GetBuffer(p_, static_cast<int>(data.size()));
      if (buffer == nullptr) return Check(XML_STATUS_ERROR);
      std::memcpy(buffer, data.data(), data.size());
    }
    return Check(XML_ParseBuffer(p_, static_cast<int>(data.size()), final));
  }
  absl::StatusOr<bool> Resume() { return Check(XML_ResumeParser(p_)); }

 private:
  absl::StatusOr<bool> Check(XML_Status status) {
    if (status == XML_STATUS_SUSPENDED) return true;
    if (status == XML_STATUS_OK) return false;
    if (!error_.ok()) return error_;
    return a_.Error(absl::StrCat(part_, " line ", XML_GetCurrentLineNumber(p_), ", column ",
                                 XML_GetCurrentColumnNumber(p_) + 1, ": ",
                                 XML_ErrorString(XML_GetErrorCode(p_))));
  }

  const Archive& a_;
  std::string part_;
  XML_Parser p_;
  absl::Status error_;
};

// Streams the whole of `part` through `parser` (whose handlers never suspend).
absl::Status ParsePart(Archive& archive, XmlParser& parser, const std::string& part) {
  EntryStream stream(&archive, part);
  CW_RETURN_IF_ERROR(stream.Open());
  std::string chunk;
  do {
    CW_RETURN_IF_ERROR(stream.Read(&chunk));
    CW_RETURN_IF_ERROR(parser.Parse(chunk, stream.done()).status());
  } while (!stream.done());
  return absl::OkStatus();
}

// Whether an Excel number format shows a date or time: built-in ids 14–22, 27–36, 45–47 and 50–58
// (the Japanese/Chinese era formats among them), or a format code with y, m, d, h or s outside
// quoted text, [colour/locale/elapsed] brackets and backslash escapes.
bool IsDateFormatId(int id) {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
         (id >= 50 && id <= 58);
}
bool IsDateFormatCode(absl::string_view code) {
  for (size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (c == '"') {
      i = std::min(code.find('"', i + 1), code.size());
    } else if (c == '[') {
      i = std::min(code.find(']', i + 1), code.size());
    } else if (c == '\\') {
      ++i;
    } else if (std::strchr("yYmMdDhHsS", c) != nullptr) {
      return true;
    }
  }
  return false;
}

// An Excel date serial as ISO 8601 ("YYYY-MM-DD", with "THH:MM:SS" unless integral), or nullopt
// when `text` is not a serial Excel can show as a date (negative, past 9999-12-31, not a number).
// In the 1900 system serial 60 is Lotus 1-2-3's fictitious 1900-02-29, kept for compatibility, so
// serials after it count from 1899-12-30 and those before it from 1899-12-31.
std::optional<std::string> SerialToIso(const std::string& text, bool date1904) {
  namespace chrono = std::chrono;
  double serial = 0;
  if (!absl::SimpleAtod(text, &serial) || !std::isfinite(serial) || serial < 0 ||
      serial >= 2958466) {
    return std::nullopt;
  }
  int64_t day = static_cast<int64_t>(std::floor(serial));
  int64_t seconds = std::llround((serial - std::floor(serial)) * 86400);
  if (seconds == 86400) ++day, seconds = 0;
  char out[32];
  if (!date1904 && day == 60) {
    std::snprintf(out, sizeof out, "1900-02-29");
  } else {
    const chrono::sys_days epoch = date1904   ? chrono::year(1904) / 1 / 1
                                   : day < 60 ? chrono::year(1899) / 12 / 31
                                              : chrono::year(1899) / 12 / 30;
    const chrono::year_month_day ymd(epoch + chrono::days(day));
    std::snprintf(out, sizeof out, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  }
  std::string iso = out;
  if (serial != std::floor(serial)) {
    std::snprintf(out, sizeof out, "T%02d:%02d:%02d", static_cast<int>(seconds / 3600),
                  static_cast<int>(seconds / 60 % 60), static_cast<int>(seconds % 60));
    iso += out;
  }
  return iso;
}

// What the workbook part and its relationships say.
struct Workbook {
  std::vector<std::pair<std::string, std::string>> sheets;  // name, relationship id, in tab order
  std::map<std::string, std::string> targets;               // relationship id → part name
  std::string shared_strings = "xl/sharedStrings.xml";
  std::string styles = "xl/styles.xml";
  bool date1904 = false;
};

absl::Status ReadWorkbook(Archive& archive, Workbook& book) {
  const std::string part = "xl/workbook.xml", rels = "xl/_rels/workbook.xml.rels";
  if (!archive.entries.count(part))
    return archive.Error("no workbook (xl/workbook.xml is missing)");
  XmlParser parser(archive, part);
  parser.on_start = [&](absl::string_view name, const char** atts) {
    if (name == "workbookPr") {
      const char* v = Attr(atts, "date1904");
      book.date1904 = v != nullptr && (std::strcmp(v, "1") == 0 || std::strcmp(v, "true") == 0);
    } else if (name == "sheet") {
      const char* sheet_name = Attr(atts, "name");
      const char* id = Attr(atts, "id");  // r:id
      if (sheet_name != nullptr) book.sheets.emplace_back(sheet_name, id ? id : "");
    }
  };
  CW_RETURN_IF_ERROR(ParsePart(archive, parser, part));
  if (!archive.entries.count(rels)) return archive.Error(absl::StrCat(rels, " is missing"));
  XmlParser rel_parser(archive, rels);
  rel_parser.on_start = [&](absl::string_view name, const char** atts) {
    const char* id = Attr(atts, "Id");
    const char* target = Attr(atts, "Target");
    const char* mode = Attr(atts, "TargetMode");
    if (name != "Relationship" || !id || !target || (mode && std::strcmp(mode, "External") == 0)) {
      return;
    }
    // Targets are relative to xl/ (the workbook's folder) unless they start with "/".
    std::string resolved = target[0] == '/' ? target + 1 : absl::StrCat("xl/", target);
    const absl::string_view type = Attr(atts, "Type") ? Attr(atts, "Type") : "";
    if (absl::EndsWith(type, "/sharedStrings")) book.shared_strings = resolved;
    if (absl::EndsWith(type, "/styles")) book.styles = resolved;
    book.targets[id] = std::move(resolved);
  };
  return ParsePart(archive, rel_parser, rels);
}

// For each cellXfs index (a cell's s="…"), whether its number format is a date format.
absl::StatusOr<std::vector<bool>> ReadDateStyles(Archive& archive, const std::string& part) {
  std::vector<bool> date_styles;
  if (!archive.entries.count(part)) return date_styles;
  std::map<int, bool> custom;  // numFmtId → is a date, for the workbook's own formats
  std::vector<int> xf_formats;
  bool in_cell_xfs = false;
  XmlParser parser(archive, part);
  parser.on_start = [&](absl::string_view name, const char** atts) {
    int id = 0;
    const char* id_text = Attr(atts, "numFmtId");
    if (id_text != nullptr && !absl::SimpleAtoi(id_text, &id)) id = 0;
    if (name == "numFmt" && id_text != nullptr) {
      const char* code = Attr(atts, "formatCode");
      custom[id] = code != nullptr && IsDateFormatCode(code);
    } else if (name == "cellXfs") {
      in_cell_xfs = true;
    } else if (name == "xf" && in_cell_xfs) {
      xf_formats.push_back(id);
    }
  };
  parser.on_end = [&](absl::string_view name) { in_cell_xfs &= name != "cellXfs"; };
  CW_RETURN_IF_ERROR(ParsePart(archive, parser, part));
  for (int id : xf_formats) {
    auto it = custom.find(id);
    date_styles.push_back(it != custom.end() ? it->second : IsDateFormatId(id));
  }
  return date_styles;
}

// The shared string table: each <si>'s text runs concatenated, phonetic (<rPh>) runs left out.
// A string longer than `max_bytes` is kept empty and flagged, so that the error can name the cell.
struct SharedStrings {
  std::vector<std::string> text;
  std::vector<bool> too_long;
};

absl::Status ReadSharedStrings(Archive& archive, const std::string& part, int64_t max_bytes,
                               SharedStrings& strings) {
  if (!archive.entries.count(part)) return absl::OkStatus();
  std::string current;
  bool in_si = false, in_t = false, in_rph = false, too_long = false;
  XmlParser parser(archive, part);
  parser.on_start = [&](absl::string_view name, const char**) {
    if (name == "si") in_si = true, current.clear(), too_long = false;
    if (name == "rPh") in_rph = true;
    if (name == "t") in_t = in_si && !in_rph;
  };
  parser.on_end = [&](absl::string_view name) {
    if (name == "t") in_t = false;
    if (name == "rPh") in_rph = false;
    if (name == "si") {
      in_si = false;
      strings.text.push_back(std::move(current));
      strings.too_long.push_back(too_long);
      current.clear();
    }
  };
  parser.on_text = [&](absl::string_view text) {
    if (!in_t || too_long) return;
    if (static_cast<int64_t>(current.size() + text.size()) > max_bytes) {
      too_long = true;
      current.clear();
    } else {
      current.append(text.data(), text.size());
    }
  };
  return ParsePart(archive, parser, part);
}

// The rows of one worksheet. The parser is suspended at each </row> that holds a non-empty cell,
// so one row is in memory at a time, plus the rest of the current 64 KiB chunk of XML.
class XlsxRows : public RowSource {
 public:
  XlsxRows(std::unique_ptr<Archive> archive, std::string sheet, std::string part,
           SharedStrings strings, std::vector<bool> date_styles, bool date1904, int64_t max_bytes)
      : archive_(std::move(archive)),
        sheet_(std::move(sheet)),
        stream_(archive_.get(), part),
        parser_(*archive_, part),
        strings_(std::move(strings)),
        date_styles_(std::move(date_styles)),
        date1904_(date1904),
        max_bytes_(max_bytes) {
    parser_.on_start = [this](absl::string_view name, const char** atts) { Start(name, atts); };
    parser_.on_end = [this](absl::string_view name) { End(name); };
    parser_.on_text = [this](absl::string_view text) { Text(text); };
  }

  absl::Status Open() { return stream_.Open(); }

  absl::StatusOr<std::optional<SourceRow>> Next() override {
    CW_RETURN_IF_ERROR(status_);
    while (true) {
      absl::StatusOr<bool> more = NextCells();
      if (!more.ok()) return status_ = more.status();
      if (!*more) return std::nullopt;
      if (header_.empty()) {  // the first non-empty row
        for (auto& [column, value] : cells_) {
          header_.resize(std::max<size_t>(header_.size(), column));
          header_[column - 1] = std::move(value);
        }
        continue;
      }
      return BuildRow();
    }
  }

 private:
  // Parses on to the next row holding a non-empty cell (into cells_); false at the end.
  absl::StatusOr<bool> NextCells() {
    row_ready_ = false;
    if (suspended_) {
      CW_ASSIGN_OR_RETURN(suspended_, parser_.Resume());
      if (row_ready_) return true;
    }
    while (!stream_.done()) {
      CW_RETURN_IF_ERROR(stream_.Read(&chunk_));
      CW_ASSIGN_OR_RETURN(suspended_, parser_.Parse(chunk_, stream_.done()));
      if (row_ready_) return true;
    }
    return false;
  }

  SourceRow BuildRow() {
    SourceRow row{row_number_, sheet_, {}};
    std::vector<std::string> values(std::max<size_t>(header_.size(), cells_.back().first));
    for (auto& [column, value] : cells_) values[column - 1] = std::move(value);
    for (size_t i = 0; i < values.size(); ++i) {
      const bool named = i < header_.size() && !header_[i].empty();
      if (!named && values[i].empty()) continue;
      row.fields.push_back(SourceField{named ? header_[i] : absl::StrCat("column ", i + 1),
                                       std::move(values[i]), static_cast<int>(i + 1)});
    }
    return row;
  }

  absl::Status CellError(absl::string_view what) const {
    return archive_->Error(
        absl::StrCat(SourceRow{row_number_, sheet_, {}}.Where(column_), ": ", what));
  }

  void Start(absl::string_view name, const char** atts) {
    if (name == "sheetData") {
      in_sheet_data_ = true;
    } else if (name == "row" && in_sheet_data_) {
      const char* r = Attr(atts, "r");
      int number = row_number_ + 1;
      if (r != nullptr && (!absl::SimpleAtoi(r, &number) || number < 1 || number > (1 << 24))) {
        return parser_.Fail(
            archive_->Error(absl::StrCat("sheet '", sheet_, "', after row ", row_number_,
                                         ": row number '", r, "' is not valid")));
      }
      row_number_ = number;
      column_ = 0;
      cells_.clear();
    } else if (name == "c" && in_sheet_data_) {
      const char* r = Attr(atts, "r");
      int column = 0;
      for (const char* p = r; p != nullptr && *p >= 'A' && *p <= 'Z'; ++p) {
        column = column * 26 + (*p - 'A' + 1);
        if (column > kMaxColumn) break;
      }
      column_ = r == nullptr ? column_ + 1 : column;
      if (column_ < 1 || column_ > kMaxColumn) {
        column_ = 0;
        return parser_.Fail(
            CellError(absl::StrCat("cell reference '", r ? r : "", "' is not valid")));
      }
      const char* t = Attr(atts, "t");
      type_ = t != nullptr ? t : "n";
      const char* s = Attr(atts, "s");
      if (s == nullptr || !absl::SimpleAtoi(s, &style_)) style_ = 0;
      text_.clear();
    } else if (name == "v" || (name == "t" && in_is_ && !in_rph_)) {
      collecting_ = column_ > 0;
    } else if (name == "is") {
      in_is_ = true;
    } else if (name == "rPh") {
      in_rph_ = true;
    }
  }

  void End(absl::string_view name) {
    if (name == "v" || name == "t") {
      collecting_ = false;
    } else if (name == "is" || name == "rPh") {
      (name == "is" ? in_is_ : in_rph_) = false;
    } else if (name == "c" && in_sheet_data_) {
      absl::StatusOr<std::string> value = CellValue();
      if (!value.ok()) return parser_.Fail(value.status());
      if (!value->empty()) cells_.emplace_back(column_, *std::move(value));
    } else if (name == "row" && in_sheet_data_ && !cells_.empty()) {
      row_ready_ = true;
      parser_.Suspend();
    } else if (name == "sheetData") {
      in_sheet_data_ = false;
    }
  }

  void Text(absl::string_view text) {
    if (!collecting_) return;
    if (static_cast<int64_t>(text_.size() + text.size()) > max_bytes_) {
      collecting_ = false;
      return parser_.Fail(CellError(absl::StrCat("cell text longer than ", max_bytes_, " bytes")));
    }
    text_.append(text.data(), text.size());
  }

  // The text of the cell just ended, by its type t="…" and style s="…".
  absl::StatusOr<std::string> CellValue() {
    if (text_.empty()) return std::string();  // e.g. <c r="A1" t="s"/>, styled but empty
    if (type_ == "s") {
      size_t index = 0;
      if (!absl::SimpleAtoi(text_, &index) || index >= strings_.text.size()) {
        return CellError(absl::StrCat("shared string index '", text_, "' out of range"));
      }
      if (strings_.too_long[index]) {
        return CellError(absl::StrCat("cell text longer than ", max_bytes_, " bytes"));
      }
      return strings_.text[index];
    }
    if (type_ == "b") return text_ == "1" ? "TRUE" : text_ == "0" ? "FALSE" : text_;
    if (type_ == "n" && static_cast<size_t>(style_) < date_styles_.size() && style_ >= 0 &&
        date_styles_[style_]) {
      if (std::optional<std::string> iso = SerialToIso(text_, date1904_)) return *iso;
    }
    return std::move(text_);  // numbers as stored; inlineStr, str (formula), e (error), d (ISO)
  }

  std::unique_ptr<Archive> archive_;
  std::string sheet_;
  EntryStream stream_;
  XmlParser parser_;
  SharedStrings strings_;
  std::vector<bool> date_styles_;
  bool date1904_;
  int64_t max_bytes_;
  absl::Status status_;  // sticky: the first error, returned again by every later Next
  std::string chunk_;
  bool suspended_ = false, row_ready_ = false;
  // Parse state.
  bool in_sheet_data_ = false, in_is_ = false, in_rph_ = false, collecting_ = false;
  int row_number_ = 0, column_ = 0, style_ = 0;
  std::string type_, text_;
  std::vector<std::pair<int, std::string>> cells_;  // the current row's non-empty cells
  std::vector<std::string> header_;                 // by column - 1
};

}  // namespace

absl::StatusOr<std::unique_ptr<RowSource>> OpenXlsx(const std::string& path,
                                                    const XlsxOptions& options) {
  CW_ASSIGN_OR_RETURN(std::unique_ptr<Archive> archive, OpenArchive(path, options.max_xml_bytes));
  Workbook book;
  CW_RETURN_IF_ERROR(ReadWorkbook(*archive, book));
  if (book.sheets.empty()) return archive->Error("the workbook lists no sheets");
  auto sheet = book.sheets.begin();
  if (!options.sheet.empty()) {
    sheet = std::find_if(book.sheets.begin(), book.sheets.end(),
                         [&](const auto& s) { return s.first == options.sheet; });
    if (sheet == book.sheets.end()) {
      std::vector<std::string> names;
      for (const auto& s : book.sheets) names.push_back(absl::StrCat("'", s.first, "'"));
      return archive->Error(absl::StrCat("sheet '", options.sheet, "' not found; the workbook has ",
                                         absl::StrJoin(names, ", ")));
    }
  }
  auto target = book.targets.find(sheet->second);
  if (target == book.targets.end()) {
    return archive->Error(absl::StrCat("sheet '", sheet->first, "' has no part (relationship '",
                                       sheet->second, "' is not in the workbook's relationships)"));
  }
  SharedStrings strings;
  CW_RETURN_IF_ERROR(
      ReadSharedStrings(*archive, book.shared_strings, options.max_cell_bytes, strings));
  CW_ASSIGN_OR_RETURN(std::vector<bool> date_styles, ReadDateStyles(*archive, book.styles));
  auto rows = std::make_unique<XlsxRows>(std::move(archive), sheet->first, target->second,
                                         std::move(strings), std::move(date_styles), book.date1904,
                                         options.max_cell_bytes);
  CW_RETURN_IF_ERROR(rows->Open());
  return rows;
}

}  // namespace crosswalk::files
