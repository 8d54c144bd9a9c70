#include "connectors/files/json_rows.h"

#include <algorithm>
#include <cstdio>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "connectors/files/json_record.h"
#include "gateway/core/status_macros.h"
#include "gateway/core/unicode.h"

namespace crosswalk::files {
namespace {

constexpr size_t kChunkBytes = 1 << 20;

// Reads the file through a buffer and parses each record in place with ParseJsonRecord (bounded
// in size and depth, so neither a huge record nor deep nesting is ever held or recursed into).
// Lines and byte columns are tracked for error positions.
class JsonRowSource : public RowSource {
 public:
  JsonRowSource(OpenFile file, JsonRowsOptions options)
      : file_(std::move(file)), path_(file_.path()), options_(std::move(options)) {}

  absl::Status Open() {
    if (Peek() == 0xEF) {  // a UTF-8 byte-order mark
      for (int i = 0; i < 3; ++i) Get();
      line_start_ = base_ + pos_;
    }
    if (options_.lines) return absl::OkStatus();
    SkipSpace();
    const int c = Get();
    if (c == '[') return absl::OkStatus();
    if (c != '{') return Error("expected '[' or '{' at the start of a JSON document");
    // Find the member holding the records, skipping any before it.
    while (true) {
      SkipSpace();
      if (Peek() == '}') return Error(absl::StrCat("expected a member '", options_.records_key, "' holding an array of records"));
      std::string key;
      if (absl::Status status = ReadName(key); !status.ok()) return status;
      SkipSpace();
      if (Get() != ':') return Error("expected ':' after a member name");
      SkipSpace();
      if (key == options_.records_key) {
        if (Get() != '[') return Error(absl::StrCat("member '", TruncateUtf8(key, kQuotedTextBytes), "' is not an array"));
        wrapped_ = true;
        return absl::OkStatus();
      }
      if (absl::Status status = SkipValue(); !status.ok()) return status;
      SkipSpace();
      if (Peek() == ',') Get();
    }
  }

  absl::StatusOr<std::optional<SourceRow>> Next() override {
    if (finished_) return std::nullopt;
    SkipSpace();
    if (options_.lines) {
      if (Peek() == EOF) {
        CW_RETURN_IF_ERROR(read_error_);
        finished_ = true;
        return std::nullopt;
      }
    } else {
      if (!first_) {
        const int c = Get();
        if (c == ']') return Finish();
        if (c != ',') return Error(c == EOF ? "unexpected end of file (truncated?)" : "expected ',' or ']' between records");
        SkipSpace();
      } else if (Peek() == ']') {
        Get();
        return Finish();
      }
      first_ = false;
    }
    const int line = line_;
    const int column = Column();
    if (Peek() != '{') return Error("expected a record object");
    SourceRow row;
    row.line = line;
    // Parse from the buffer; when the record runs past the bytes read so far, read more (keeping
    // it contiguous) and parse it again from its start.
    while (true) {
      const absl::string_view text(buffer_.data() + pos_, buffer_.size() - pos_);
      size_t consumed = 0, error_offset = 0;
      int newlines = 0;
      absl::Status status = ParseJsonRecord(text, options_.max_depth, &row.fields, &consumed, &newlines, &error_offset);
      if (status.ok()) {
        pos_ += consumed;
        if (newlines > 0) {
          line_ += newlines;
          line_start_ = base_ + (pos_ - consumed) + text.substr(0, consumed).rfind('\n') + 1;
        }
        return row;
      }
      if (absl::IsInvalidArgument(status)) {
        // The defect's line and column, counted within the record's text.
        int error_line = line, error_column = column + static_cast<int>(error_offset);
        for (size_t i = 0; i < error_offset; ++i) {
          if (text[i] != '\n') continue;
          ++error_line;
          error_column = static_cast<int>(error_offset - i);
        }
        return absl::InvalidArgumentError(absl::StrCat(path_, ": line ", error_line, ", column ", error_column,
                                                       ": record is not valid JSON (", status.message(), ")"));
      }
      row.fields.clear();
      if (text.size() > options_.max_record_bytes) {
        return Error(absl::StrCat("record longer than ", options_.max_record_bytes, " bytes"));
      }
      if (!Fill(pos_)) return Error("unexpected end of file inside a record (truncated?)");
    }
  }

 private:
  // A read error ends the input; it is reported instead of what the early end looks like.
  absl::Status Error(absl::string_view what) const {
    if (!read_error_.ok()) return read_error_;
    return absl::InvalidArgumentError(absl::StrCat(path_, ": line ", line_, ", column ", Column(), ": ", what));
  }
  int Column() const { return static_cast<int>(base_ + pos_ - line_start_ + 1); }

  // Reads the next chunk, dropping the bytes before `keep_from`; a chunk is at least as large as
  // what is kept, so a record that spans many chunks is re-parsed a bounded number of times. False
  // at the end of the file.
  bool Fill(size_t keep_from) {
    if (at_end_) return false;
    buffer_.erase(0, keep_from);
    base_ += keep_from;
    pos_ -= keep_from;
    const size_t old_size = buffer_.size();
    const size_t chunk = std::max(kChunkBytes, old_size);
    buffer_.resize(old_size + chunk);
    absl::StatusOr<size_t> got = file_.ReadAt(base_ + old_size, buffer_.data() + old_size, chunk);
    if (!got.ok()) read_error_ = got.status();
    const size_t size = got.ok() ? *got : 0;
    buffer_.resize(old_size + size);
    at_end_ = size == 0;
    return size > 0;
  }
  int Peek() {
    if (pos_ == buffer_.size() && !Fill(pos_)) return EOF;
    return static_cast<unsigned char>(buffer_[pos_]);
  }
  int Get() {
    const int c = Peek();
    if (c == EOF) return c;
    ++pos_;
    if (c == '\n') {
      ++line_;
      line_start_ = base_ + pos_;
    }
    return c;
  }
  void SkipSpace() {
    for (int c = Peek(); c == ' ' || c == '\t' || c == '\r' || c == '\n'; c = Peek()) Get();
  }

  absl::StatusOr<std::optional<SourceRow>> Finish() {
    finished_ = true;
    if (wrapped_) {  // the members after the array, up to the closing brace
      while (true) {
        SkipSpace();
        const int c = Get();
        if (c == '}') break;
        if (c != ',') return Error(c == EOF ? "unexpected end of file (truncated?)" : "expected ',' or '}'");
        SkipSpace();
        std::string key;
        if (absl::Status status = ReadName(key); !status.ok()) return status;
        SkipSpace();
        if (Get() != ':') return Error("expected ':' after a member name");
        SkipSpace();
        if (absl::Status status = SkipValue(); !status.ok()) return status;
      }
    }
    SkipSpace();
    if (Peek() != EOF) return Error("text after the end of the JSON document");
    CW_RETURN_IF_ERROR(read_error_);
    return std::nullopt;
  }

  // A member name of the wrapping object, escapes left as written (it is only compared with
  // records_key).
  absl::Status ReadName(std::string& out) {
    if (Get() != '"') return Error("expected a string");
    while (true) {
      const int c = Get();
      if (c == EOF) return Error("unexpected end of file inside a string (truncated?)");
      if (c == '"') return absl::OkStatus();
      out.push_back(static_cast<char>(c));
      if (c == '\\') {
        const int escaped = Get();
        if (escaped == EOF) return Error("unexpected end of file inside a string (truncated?)");
        out.push_back(static_cast<char>(escaped));
      }
    }
  }

  // Moves past one JSON value of the wrapping object (an object, array, string or scalar that is
  // not the records), checking nesting depth and size; its bytes are released as the scan goes.
  absl::Status SkipValue() {
    int depth = 0;
    bool in_string = false, escaped = false;
    size_t size = 0;
    while (true) {
      if (pos_ == buffer_.size() && !Fill(pos_)) {
        if (depth == 0 && !in_string && size > 0) return absl::OkStatus();
        return Error("unexpected end of file inside a value (truncated?)");
      }
      const char c = buffer_[pos_];
      if (!in_string && depth == 0 && size > 0 &&
          (c == ',' || c == ']' || c == '}' || c == ' ' || c == '\n' || c == '\r' || c == '\t')) {
        return absl::OkStatus();
      }
      ++pos_;
      if (++size > options_.max_record_bytes) {
        return Error(absl::StrCat("value longer than ", options_.max_record_bytes, " bytes"));
      }
      if (c == '\n') {
        ++line_;
        line_start_ = base_ + pos_;
      }
      if (in_string) {
        if (escaped) {
          escaped = false;
        } else if (c == '\\') {
          escaped = true;
        } else if (c == '"') {
          in_string = false;
          if (depth == 0) return absl::OkStatus();
        }
        continue;
      }
      if (c == '"') {
        in_string = true;
      } else if (c == '{' || c == '[') {
        if (++depth > options_.max_depth) {
          return Error(absl::StrCat("nesting deeper than ", options_.max_depth, " levels"));
        }
      } else if (c == '}' || c == ']') {
        if (--depth < 0) return Error("unbalanced bracket");
        if (depth == 0) return absl::OkStatus();
      }
    }
  }

  OpenFile file_;
  std::string path_;
  JsonRowsOptions options_;
  bool at_end_ = false;       // the last read returned nothing
  absl::Status read_error_;   // the read error that ended the input, if one did
  std::string buffer_;     // bytes [base_, base_ + size) of the file
  size_t pos_ = 0;         // read position within buffer_
  uint64_t base_ = 0;      // file offset of buffer_[0]
  int line_ = 1;
  uint64_t line_start_ = 0;  // file offset of the current line's first byte
  bool first_ = true;
  bool wrapped_ = false;
  bool finished_ = false;
};

}  // namespace

absl::StatusOr<std::unique_ptr<RowSource>> OpenJsonRows(OpenFile file,
                                                        const JsonRowsOptions& options) {
  auto source = std::make_unique<JsonRowSource>(std::move(file), options);
  if (absl::Status status = source->Open(); !status.ok()) return status;
  return source;
}

}  // namespace crosswalk::files
