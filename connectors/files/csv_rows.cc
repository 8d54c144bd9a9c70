#include "connectors/files/csv_rows.h"

#include <unicode/ucnv.h>
#include <unicode/ustring.h>

#include <fstream>
#include <streambuf>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "gateway/core/csv_reader.h"
#include "gateway/core/unicode.h"

namespace crosswalk::files {
namespace {

// Decodes CP932 bytes from `in` into UTF-8 on the fly (ICU), 64 KiB at a time. On an invalid
// byte sequence it ends the stream early and records the line where decoding stopped. CP932 has
// no characters outside the BMP, so a UTF-16 chunk never ends inside a surrogate pair.
class Cp932StreamBuf : public std::streambuf {
 public:
  explicit Cp932StreamBuf(std::istream& in) : in_(in) {
    UErrorCode status = U_ZERO_ERROR;
    converter_ = ucnv_open("windows-31j", &status);
    if (U_SUCCESS(status)) {
      ucnv_setToUCallBack(converter_, UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
    }
    ok_ = U_SUCCESS(status);
  }
  ~Cp932StreamBuf() override {
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
    in_.read(raw.data(), static_cast<std::streamsize>(raw.size()));
    const size_t got = static_cast<size_t>(in_.gcount());
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
    // Lines fully decoded so far, to say where an invalid sequence was.
    for (char c : out_) lines_ += c == '\n';
    setg(out_.data(), out_.data(), out_.data() + out_.size());
    return !out_.empty();
  }

  std::istream& in_;
  UConverter* converter_ = nullptr;
  std::string out_;
  bool ok_ = false;
  bool failed_ = false;
  bool finished_ = false;
  int lines_ = 0;
};

class CsvRowSource : public RowSource {
 public:
  CsvRowSource(std::string path, bool cp932, size_t max_record_bytes)
      : path_(std::move(path)),
        file_(path_, std::ios::binary),
        decoder_(cp932 ? std::make_unique<Cp932StreamBuf>(file_) : nullptr),
        decoded_(decoder_ ? static_cast<std::streambuf*>(decoder_.get()) : file_.rdbuf()),
        reader_(decoded_, max_record_bytes) {}

  absl::Status Open() {
    if (!file_) return absl::NotFoundError(absl::StrCat(path_, ": cannot open the file"));
    if (decoder_ && !decoder_->ok()) return absl::InternalError("ICU has no windows-31j converter");
    return absl::OkStatus();
  }

  absl::StatusOr<std::optional<SourceRow>> Next() override {
    while (true) {
      auto record = reader_.Next();
      if (decoder_ && decoder_->failed()) {
        return absl::InvalidArgumentError(absl::StrCat(
            path_, ": line ", decoder_->failed_line(),
            ": bytes that are not Shift_JIS (CP932) text (expected the file as Japanese Excel "
            "saves it, or set encoding: utf-8)"));
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
          return absl::InvalidArgumentError(absl::StrCat(
              path_, ": line ", field.line, ", column ", field.column,
              ": bytes that are not UTF-8 (save the file as UTF-8, or set encoding: shift_jis)"));
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
          return absl::InvalidArgumentError(absl::StrCat(
              path_, ": line ", row.line, ", column ", row.fields[header_.size()].column,
              ": the row has ", row.fields.size(), " fields but the header has ", header_.size()));
        }
      }
      SourceRow out;
      out.line = row.line;
      for (size_t i = 0; i < header_.size() && i < row.fields.size(); ++i) {
        out.fields.push_back({header_[i], row.fields[i].value, row.fields[i].column});
      }
      return out;
    }
  }

 private:
  std::string path_;
  std::ifstream file_;
  std::unique_ptr<Cp932StreamBuf> decoder_;
  std::istream decoded_;
  CsvReader reader_;
  std::vector<std::string> header_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<RowSource>> OpenCsvRows(const std::string& path,
                                                       const std::string& encoding,
                                                       size_t max_record_bytes) {
  if (encoding != "utf-8" && encoding != "shift_jis") {
    return absl::InvalidArgumentError(
        absl::StrCat("encoding '", encoding, "' is not utf-8 or shift_jis"));
  }
  auto source = std::make_unique<CsvRowSource>(path, encoding == "shift_jis", max_record_bytes);
  if (absl::Status status = source->Open(); !status.ok()) return status;
  return source;
}

}  // namespace crosswalk::files
