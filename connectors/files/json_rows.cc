#include "connectors/files/json_rows.h"

#include <fstream>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "nlohmann/json.hpp"

namespace crosswalk::files {
namespace {

// Reads bytes keeping line and column (columns count bytes; JSON positions are for humans).
class ByteCursor {
 public:
  explicit ByteCursor(std::istream& in) : buffer_(in.rdbuf()) {}
  int Peek() { return buffer_->sgetc(); }
  int Get() {
    const int c = buffer_->sbumpc();
    if (c == '\n') {
      ++line_;
      column_ = 1;
    } else if (c != EOF) {
      ++column_;
    }
    return c;
  }
  void SkipSpace() {
    for (int c = Peek(); c == ' ' || c == '\t' || c == '\r' || c == '\n'; c = Peek()) Get();
  }
  int line() const { return line_; }
  int column() const { return column_; }

 private:
  std::streambuf* buffer_;
  int line_ = 1;
  int column_ = 1;
};

class JsonRowSource : public RowSource {
 public:
  JsonRowSource(std::string path, JsonRowsOptions options)
      : path_(std::move(path)), options_(std::move(options)), file_(path_, std::ios::binary),
        cursor_(file_) {}

  absl::Status Open() {
    if (!file_) return absl::NotFoundError(absl::StrCat(path_, ": cannot open the file"));
    if (options_.lines) return absl::OkStatus();
    if (file_.rdbuf()->sgetc() == 0xEF) {  // a UTF-8 byte-order mark
      for (int i = 0; i < 3; ++i) file_.rdbuf()->sbumpc();
    }
    cursor_.SkipSpace();
    const int c = cursor_.Get();
    if (c == '[') return absl::OkStatus();
    if (c != '{') return Error("expected '[' or '{' at the start of a JSON document");
    // Find the member holding the records, skipping any before it.
    while (true) {
      cursor_.SkipSpace();
      if (cursor_.Peek() == '}') return Error(absl::StrCat("expected a member '", options_.records_key, "' holding an array of records"));
      std::string key;
      if (absl::Status status = ReadString(key); !status.ok()) return status;
      cursor_.SkipSpace();
      if (cursor_.Get() != ':') return Error("expected ':' after a member name");
      cursor_.SkipSpace();
      if (key == options_.records_key) {
        if (cursor_.Get() != '[') return Error(absl::StrCat("member '", key, "' is not an array"));
        wrapped_ = true;
        return absl::OkStatus();
      }
      std::string ignored;
      if (absl::Status status = Capture(ignored, false); !status.ok()) return status;
      cursor_.SkipSpace();
      if (cursor_.Peek() == ',') cursor_.Get();
    }
  }

  absl::StatusOr<std::optional<SourceRow>> Next() override {
    if (finished_) return std::nullopt;
    cursor_.SkipSpace();
    if (options_.lines) {
      if (cursor_.Peek() == EOF) {
        finished_ = true;
        return std::nullopt;
      }
    } else {
      if (!first_) {
        const int c = cursor_.Get();
        if (c == ']') return Finish();
        if (c != ',') return Error(c == EOF ? "unexpected end of file (truncated?)" : "expected ',' or ']' between records");
        cursor_.SkipSpace();
      } else if (cursor_.Peek() == ']') {
        cursor_.Get();
        return Finish();
      }
      first_ = false;
    }
    const int line = cursor_.line();
    const int column = cursor_.column();
    if (cursor_.Peek() != '{') return Error("expected a record object");
    std::string text;
    if (absl::Status status = Capture(text, true); !status.ok()) return status;
    nlohmann::ordered_json object;
    try {
      object = nlohmann::ordered_json::parse(text);
    } catch (const nlohmann::json::exception& e) {
      return absl::InvalidArgumentError(absl::StrCat(path_, ": line ", line, ", column ", column, ": record is not valid JSON (", e.what(), ")"));
    }
    SourceRow row;
    row.line = line;
    for (auto& [name, value] : object.items()) Flatten(name, value, row);
    return row;
  }

 private:
  absl::Status Error(absl::string_view what) const {
    return absl::InvalidArgumentError(absl::StrCat(path_, ": line ", cursor_.line(), ", column ", cursor_.column(), ": ", what));
  }

  absl::StatusOr<std::optional<SourceRow>> Finish() {
    finished_ = true;
    if (wrapped_) {  // the members after the array, up to the closing brace
      while (true) {
        cursor_.SkipSpace();
        const int c = cursor_.Get();
        if (c == '}') break;
        if (c != ',') return Error(c == EOF ? "unexpected end of file (truncated?)" : "expected ',' or '}'");
        cursor_.SkipSpace();
        std::string key, ignored;
        if (absl::Status status = ReadString(key); !status.ok()) return status;
        cursor_.SkipSpace();
        if (cursor_.Get() != ':') return Error("expected ':' after a member name");
        cursor_.SkipSpace();
        if (absl::Status status = Capture(ignored, false); !status.ok()) return status;
      }
    }
    cursor_.SkipSpace();
    if (cursor_.Peek() != EOF) return Error("text after the end of the JSON document");
    return std::nullopt;
  }

  absl::Status ReadString(std::string& out) {
    if (cursor_.Get() != '"') return Error("expected a string");
    while (true) {
      const int c = cursor_.Get();
      if (c == EOF) return Error("unexpected end of file inside a string (truncated?)");
      if (c == '"') return absl::OkStatus();
      if (c == '\\') {
        const int escaped = cursor_.Get();
        if (escaped == EOF) return Error("unexpected end of file inside a string (truncated?)");
        out.push_back('\\');
        out.push_back(static_cast<char>(escaped));
        continue;
      }
      out.push_back(static_cast<char>(c));
    }
  }

  // Copies one JSON value (object, array, string or scalar) into `out` without parsing it, checking
  // nesting depth and size. `keep` false discards the text (skipping an unwanted member).
  absl::Status Capture(std::string& out, bool keep) {
    int depth = 0;
    bool in_string = false;
    size_t size = 0;
    while (true) {
      const int c = cursor_.Peek();
      if (c == EOF) {
        if (depth == 0 && !in_string && size > 0) return absl::OkStatus();
        return Error("unexpected end of file inside a value (truncated?)");
      }
      if (!in_string && depth == 0 && size > 0 && (c == ',' || c == ']' || c == '}' || c == ' ' || c == '\n' || c == '\r' || c == '\t')) {
        return absl::OkStatus();
      }
      cursor_.Get();
      if (keep) out.push_back(static_cast<char>(c));
      if (++size > options_.max_record_bytes) {
        return Error(absl::StrCat("record longer than ", options_.max_record_bytes, " bytes"));
      }
      if (in_string) {
        if (c == '\\') {
          const int escaped = cursor_.Get();
          if (escaped == EOF) return Error("unexpected end of file inside a string (truncated?)");
          if (keep) out.push_back(static_cast<char>(escaped));
          ++size;
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

  static std::string Text(const nlohmann::ordered_json& value) {
    if (value.is_string()) return value.get<std::string>();
    if (value.is_null()) return "";
    return value.dump();
  }

  static void Flatten(const std::string& name, const nlohmann::ordered_json& value, SourceRow& row) {
    if (value.is_object() && value.contains("value") &&
        (value.contains("display_value") || value.contains("link"))) {
      row.fields.push_back({name, Text(value["value"]), 0});
      for (auto& [key, member] : value.items()) {
        if (key != "value") row.fields.push_back({absl::StrCat(name, ".", key), Text(member), 0});
      }
      return;
    }
    row.fields.push_back({name, Text(value), 0});
  }

  std::string path_;
  JsonRowsOptions options_;
  std::ifstream file_;
  ByteCursor cursor_;
  bool first_ = true;
  bool wrapped_ = false;
  bool finished_ = false;
};

}  // namespace

absl::StatusOr<std::unique_ptr<RowSource>> OpenJsonRows(const std::string& path,
                                                        const JsonRowsOptions& options) {
  auto source = std::make_unique<JsonRowSource>(path, options);
  if (absl::Status status = source->Open(); !status.ok()) return status;
  return source;
}

}  // namespace crosswalk::files
