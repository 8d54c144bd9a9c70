#include "gateway/core/csv_reader.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "gateway/core/unicode.h"

namespace crosswalk {
namespace {

// The code-point column of byte offsets in one line, counted incrementally: the offsets asked for
// only grow, so each byte is counted once and a row of a million fields stays linear (counting
// from the line start for every field was quadratic).
class LineColumns {
 public:
  explicit LineColumns(const std::string& line) : line_(&line) {}

  // Starts over on a new line (the string the constructor was given now holds it).
  void Reset() { offset_ = 0, column_ = 1; }

  // The 1-based column of byte `offset`. REQUIRES: `offset` >= the last one asked since Reset.
  int At(size_t offset) {
    column_ += CodePointCount(absl::string_view(*line_).substr(offset_, offset - offset_));
    offset_ = offset;
    return column_;
  }

 private:
  const std::string* line_;
  size_t offset_ = 0;
  int column_ = 1;
};

constexpr char kNulText[] = "NUL byte in a field (0x00 is not text)";

}  // namespace

bool CsvRecord::IsBlank() const {
  return fields.size() == 1 && fields[0].value.empty();
}

CsvReader::CsvReader(std::istream& in, size_t max_record_bytes)
    : in_(in), max_record_bytes_(max_record_bytes) {}

// Reads one line without its end (LF, CRLF or a lone CR); past the record limit the rest of the
// line is skipped and `too_long_` is set.
bool CsvReader::ReadLine(std::string& line) {
  line.clear();
  std::streambuf* buffer = in_.rdbuf();
  bool any = false;
  for (int c = buffer->sbumpc(); c != std::char_traits<char>::eof(); c = buffer->sbumpc()) {
    any = true;
    if (c == '\n') break;
    if (c == '\r') {
      if (buffer->sgetc() == '\n') buffer->sbumpc();
      break;
    }
    if (too_long_) continue;
    line.push_back(static_cast<char>(c));
    if (++record_bytes_ > max_record_bytes_) {
      too_long_ = true;
      line.clear();
    }
  }
  if (!any) return false;
  ++line_number_;
  if (at_start_) {
    at_start_ = false;
    if (line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
  }
  return true;
}

absl::Status CsvReader::Error(int line, int column, std::string text) {
  error_line_ = line;
  error_column_ = column;
  error_text_ = std::move(text);
  return absl::InvalidArgumentError(
      absl::StrCat("line ", line, ", column ", column, ": ", error_text_));
}

absl::StatusOr<std::optional<CsvRecord>> CsvReader::Next() {
  std::string line;
  record_bytes_ = 0;
  too_long_ = false;
  if (!ReadLine(line)) return std::nullopt;
  if (too_long_) {
    return Error(line_number_, 1,
                 absl::StrCat("record longer than ", max_record_bytes_, " bytes"));
  }

  CsvRecord record;
  record.line = line_number_;
  size_t pos = 0;
  LineColumns columns(line);
  while (true) {
    CsvField field;
    field.line = line_number_;
    field.column = columns.At(pos);
    if (pos < line.size() && line[pos] == '"') {
      const int open_line = line_number_;
      const int open_column = field.column;
      ++pos;
      while (true) {
        if (pos >= line.size()) {
          std::string more;
          if (!ReadLine(more)) {
            return Error(open_line, open_column, "quoted field is never closed");
          }
          if (too_long_) {
            return Error(open_line, open_column,
                         absl::StrCat("record longer than ", max_record_bytes_,
                                      " bytes (is a quote never closed?)"));
          }
          field.value.push_back('\n');
          line = std::move(more);
          pos = 0;
          columns.Reset();
          continue;
        }
        const char c = line[pos];
        if (c == '"') {
          if (pos + 1 < line.size() && line[pos + 1] == '"') {
            field.value.push_back('"');
            pos += 2;
            continue;
          }
          ++pos;  // closing quote
          break;
        }
        if (c == '\0') return Error(line_number_, columns.At(pos), kNulText);
        field.value.push_back(c);
        ++pos;
      }
      if (pos < line.size() && line[pos] != ',') {
        return Error(line_number_, columns.At(pos),
                     "text after the closing quote of a field (expected a comma or the line end)");
      }
    } else {
      const size_t comma = line.find(',', pos);
      const size_t end = comma == std::string::npos ? line.size() : comma;
      field.value = line.substr(pos, end - pos);
      const size_t nul = field.value.find('\0');
      if (nul != std::string::npos) {
        return Error(line_number_,
                     field.column + CodePointCount(absl::string_view(field.value).substr(0, nul)),
                     kNulText);
      }
      const size_t quote = field.value.find('"');
      if (quote != std::string::npos) {
        return Error(line_number_,
                     field.column + CodePointCount(absl::string_view(field.value).substr(0, quote)),
                     "double quote inside an unquoted field (quote the whole field and double the "
                     "quote)");
      }
      pos = end;
    }
    record.fields.push_back(std::move(field));
    if (pos >= line.size()) break;
    ++pos;  // skip the comma; a trailing comma yields one more empty field
    if (pos == line.size()) {
      record.fields.push_back(CsvField{"", line_number_, columns.At(line.size())});
      break;
    }
  }
  return record;
}

std::string CsvEscape(const std::string& value) {
  std::string out = value;
  if (!out.empty() && (out[0] == '=' || out[0] == '+' || out[0] == '-' || out[0] == '@' ||
                       out[0] == '\t' || out[0] == '\r')) {
    out.insert(out.begin(), '\'');
  }
  if (out.find_first_of(",\"\r\n") == std::string::npos) return out;
  std::string quoted = "\"";
  for (char c : out) {
    if (c == '"') quoted.push_back('"');
    quoted.push_back(c);
  }
  quoted.push_back('"');
  return quoted;
}

}  // namespace crosswalk
