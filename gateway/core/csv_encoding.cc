#include "gateway/core/csv_encoding.h"

#include <unicode/ucnv.h>
#include <unicode/utf8.h>

#include <memory>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace crosswalk {
namespace {

constexpr char kBom[] = "\xEF\xBB\xBF";

struct ConverterCloser {
  void operator()(UConverter* converter) const { ucnv_close(converter); }
};

// `text` (UTF-8) in Windows-31J, or the offset of the first character it cannot hold.
absl::StatusOr<std::string> ToCp932(UConverter* converter, absl::string_view text, size_t* bad_offset) {
  std::string out;
  const int32_t length = static_cast<int32_t>(text.size());
  for (int32_t at = 0; at < length;) {
    const int32_t start = at;
    UChar32 c;
    U8_NEXT(text.data(), at, length, c);
    if (c < 0) {
      *bad_offset = static_cast<size_t>(start);
      return absl::InvalidArgumentError("not UTF-8");
    }
    UChar units[2];
    int32_t count = 0;
    U16_APPEND_UNSAFE(units, count, c);
    char bytes[8];
    UErrorCode status = U_ZERO_ERROR;
    ucnv_resetFromUnicode(converter);
    const int32_t written = ucnv_fromUChars(converter, bytes, sizeof bytes, units, count, &status);
    if (U_FAILURE(status) || written <= 0) {
      *bad_offset = static_cast<size_t>(start);
      return absl::InvalidArgumentError("unmappable");
    }
    out.append(bytes, static_cast<size_t>(written));
  }
  return out;
}

}  // namespace

absl::Status CheckCsvEncoding(absl::string_view encoding) {
  if (encoding == "utf-8" || encoding == "utf-8-bom" || encoding == "cp932") return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat("unknown encoding '", encoding, "' (expected utf-8, utf-8-bom or cp932)"));
}

std::string DefaultCsvEncoding(absl::string_view lang) { return lang == "ja" ? "utf-8-bom" : "utf-8"; }

std::string CsvCharset(absl::string_view encoding) { return encoding == "cp932" ? "windows-31j" : "utf-8"; }

absl::StatusOr<std::string> EncodeCsv(const std::string& utf8, absl::string_view encoding) {
  if (absl::Status status = CheckCsvEncoding(encoding); !status.ok()) return status;
  if (encoding == "utf-8") return utf8;
  if (encoding == "utf-8-bom") return absl::StrCat(kBom, utf8);
  UErrorCode status = U_ZERO_ERROR;
  // windows-31j is ICU's Microsoft table (ibm-943_P15A-2003); fallbacks stay off (the default)
  // so every byte sequence written decodes to the character it came from.
  std::unique_ptr<UConverter, ConverterCloser> converter(ucnv_open("windows-31j", &status));
  if (U_FAILURE(status)) return absl::InternalError(absl::StrCat("ICU has no windows-31j converter: ", u_errorName(status)));
  ucnv_setFromUCallBack(converter.get(), UCNV_FROM_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  size_t bad = 0;
  auto encoded = ToCp932(converter.get(), utf8, &bad);
  if (encoded.ok()) return encoded;
  int line = 1;
  for (size_t i = 0; i < bad; ++i) {
    if (utf8[i] == '\n') ++line;
  }
  int32_t end = static_cast<int32_t>(bad);
  UChar32 c;
  U8_NEXT(utf8.data(), end, static_cast<int32_t>(utf8.size()), c);
  const std::string shown = c < 0 ? "" : absl::StrCat("'", utf8.substr(bad, static_cast<size_t>(end) - bad), "' ");
  return absl::InvalidArgumentError(absl::StrFormat(
      "CSV line %d: the character %s(U+%04X) cannot be written in cp932; use --encoding utf-8-bom "
      "(Excel reads it as UTF-8) or change the text",
      line, shown, c < 0 ? 0xFFFD : c));
}

}  // namespace crosswalk
