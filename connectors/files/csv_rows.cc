#include "connectors/files/csv_rows.h"

#include <unicode/ucnv.h>
#include <unicode/ustring.h>

#include <streambuf>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "gateway/core/csv_reader.h"
#include "gateway/core/status_macros.h"
#include "gateway/core/unicode.h"

namespace crosswalk::files {
namespace {

// Decodes bytes in a legacy encoding (an ICU converter name: windows-31j is CP932, windows-1252)
// from `raw` into UTF-8 on the fly, 64 KiB at a time. On a byte sequence that the encoding does not
// define it ends the stream early and records the line where decoding stopped. Both encodings
// have only BMP characters, so a UTF-16 chunk never ends inside a surrogate pair.
class DecodingStreamBuf : public std::streambuf {
 public:
  DecodingStreamBuf(std::streambuf* raw, const char* converter) : raw_(raw) {
    UErrorCode status = U_ZERO_ERROR;
    converter_ = ucnv_open(converter, &status);
    if (U_SUCCESS(status)) {
      ucnv_setToUCallBack(converter_, UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
    }
    ok_ = U_SUCCESS(status);
  }
  ~DecodingStreamBuf() override {
    if (converter_ != nullptr) ucnv_close(converter_);
  }

  bool ok() const { return ok_; }
  bool failed() const { return failed_; }
  int failed_line() const { return lines_ + 1; }

 protected:
  int_type underflow() override {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    while (!failed_ && !finished_) {
      if (Fill()) return traits_type::to_int_type(*gptr());
    }
    return traits_type::eof();
  }

 private:
  // Decodes the next chunk; true when it produced output.
  bool Fill() {
    std::vector<char> raw(1 << 16);
    const size_t got = static_cast<size_t>(raw_->sgetn(raw.data(), static_cast<std::streamsize>(raw.size())));
    const bool flush = got < raw.size();
    std::vector<UChar> wide(raw.size() + 8);
    UChar* target = wide.data();
    const char* source = raw.data();
    UErrorCode status = U_ZERO_ERROR;
    ucnv_toUnicode(converter_, &target, wide.data() + wide.size(), &source, raw.data() + got,
                   nullptr, flush, &status);
    if (U_FAILURE(status)) failed_ = true;
    if (flush) finished_ = true;
    const int32_t wide_length = static_cast<int32_t>(target - wide.data());
    int32_t length = 0;
    status = U_ZERO_ERROR;
    u_strToUTF8(nullptr, 0, &length, wide.data(), wide_length, &status);
    out_.resize(static_cast<size_t>(length));
    status = U_ZERO_ERROR;
    u_strToUTF8(out_.data(), length, nullptr, wide.data(), wide_length, &status);
    // Lines fully decoded so far, to say where an invalid sequence was; line ends as CsvReader
    // counts them (LF, CRLF or a lone CR).
    for (char c : out_) {
      lines_ += c == '\r' || (c == '\n' && !after_cr_);
      after_cr_ = c == '\r';
    }
    setg(out_.data(), out_.data(), out_.data() + out_.size());
    return !out_.empty();
  }

  std::streambuf* raw_;
  UConverter* converter_ = nullptr;
  std::string out_;
  bool ok_ = false;
  bool failed_ = false;
  bool finished_ = false;
  bool after_cr_ = false;
  int lines_ = 0;
};

// An encoding the CSV reader accepts: its ICU converter (none for UTF-8) and how to word a byte
// sequence it does not define.
struct CsvEncoding {
  const char* name;
  const char* converter;
  const char* invalid;
};

constexpr CsvEncoding kEncodings[] = {
    {"utf-8", nullptr,
     "bytes that are not UTF-8 (save the file as UTF-8, or set encoding: shift_jis or "
     "windows-1252)"},
    {"shift_jis", "windows-31j",
     "bytes that are not Shift_JIS (CP932) text (expected the file as Japanese Excel saves it, or "
     "set encoding: utf-8 or windows-1252)"},
    {"windows-1252", "windows-1252",
     "bytes that are not Windows-1252 text (set encoding: utf-8 or shift_jis)"},
};

class CsvRowSource : public RowSource {
 public:
  CsvRowSource(OpenFile file, const CsvEncoding& encoding, size_t max_record_bytes)
      : file_(std::move(file)),
        path_(file_.path()),
        encoding_(encoding),
        raw_(&file_),
        decoder_(encoding.converter ? std::make_unique<DecodingStreamBuf>(&raw_, encoding.converter)
                                    : nullptr),
        decoded_(decoder_ ? static_cast<std::streambuf*>(decoder_.get()) : &raw_),
        reader_(decoded_, max_record_bytes) {}

  absl::Status Open() {
    if (decoder_ && !decoder_->ok()) {
      return absl::InternalError(absl::StrCat("ICU has no ", encoding_.converter, " converter"));
    }
    return absl::OkStatus();
  }

  absl::StatusOr<std::optional<SourceRow>> Next() override {
    while (true) {
      auto record = reader_.Next();
      CW_RETURN_IF_ERROR(raw_.error());
      if (decoder_ && decoder_->failed()) {
        return absl::InvalidArgumentError(
            absl::StrCat(path_, ": line ", decoder_->failed_line(), ": ", encoding_.invalid));
      }
      if (!record.ok()) {
        return absl::InvalidArgumentError(absl::StrCat(path_, ": line ", reader_.error_line(), ", column ",
                                                       reader_.error_column(), ": ", reader_.error_text()));
      }
      if (!record->has_value()) return std::nullopt;
      const CsvRecord& row = **record;
      if (row.IsBlank()) continue;
      for (const CsvField& field : row.fields) {
        if (!IsValidUtf8(field.value)) {
          absl::Status problem = absl::InvalidArgumentError(absl::StrCat(
              path_, ": line ", field.line, ", column ", field.column, ": ", encoding_.invalid));
          if (header_.empty()) return problem;  // no header, nothing to read the rows by
          return BadRow(row.line, std::move(problem));
        }
      }
      if (header_.empty()) {
        absl::flat_hash_set<std::string> seen;  // hashed: a header may have a million columns
        for (size_t i = 0; i < row.fields.size(); ++i) {
          std::string name = row.fields[i].value;
          if (name.empty()) name = absl::StrCat("column ", i + 1);
          if (!seen.insert(name).second) name = absl::StrCat(name, " (column ", i + 1, ")");
          seen.insert(name);
          header_.push_back(std::move(name));
        }
        continue;
      }
      if (row.fields.size() > header_.size()) {
        bool extra_text = false;
        for (size_t i = header_.size(); i < row.fields.size(); ++i) extra_text |= !row.fields[i].value.empty();
        if (extra_text) {
          return BadRow(row.line, absl::InvalidArgumentError(absl::StrCat(
              path_, ": line ", row.line, ", column ", row.fields[header_.size()].column,
              ": the row has ", row.fields.size(), " fields but the header has ", header_.size())));
        }
      }
      SourceRow out;
      out.line = row.line;
      for (size_t i = 0; i < header_.size() && i < row.fields.size(); ++i) {
        out.fields.push_back({header_[i], row.fields[i].value, static_cast<int>(i) + 1});
      }
      return out;
    }
  }

 private:
  static SourceRow BadRow(int line, absl::Status problem) {
    SourceRow row;
    row.line = line;
    row.problem = std::move(problem);
    return row;
  }

  OpenFile file_;
  std::string path_;
  const CsvEncoding& encoding_;
  FileStreamBuf raw_;
  std::unique_ptr<DecodingStreamBuf> decoder_;
  std::istream decoded_;
  CsvReader reader_;
  std::vector<std::string> header_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<RowSource>> OpenCsvRows(OpenFile file, const std::string& encoding,
                                                       size_t max_record_bytes) {
  for (const CsvEncoding& known : kEncodings) {
    if (encoding != known.name) continue;
    auto source = std::make_unique<CsvRowSource>(std::move(file), known, max_record_bytes);
    CW_RETURN_IF_ERROR(source->Open());
    return source;
  }
  return absl::InvalidArgumentError(
      absl::StrCat("encoding '", encoding, "' is not utf-8, shift_jis or windows-1252"));
}

}  // namespace crosswalk::files
