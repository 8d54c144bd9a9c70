#ifndef CROSSWALK_GATEWAY_CORE_CSV_ENCODING_H_
#define CROSSWALK_GATEWAY_CORE_CSV_ENCODING_H_

// The encodings CSV output is written in, for the spreadsheet that opens it: utf-8 (the default),
// utf-8-bom (a UTF-8 byte-order mark first, which Japanese Excel needs to read UTF-8 as UTF-8)
// and cp932 (Windows-31J, what Japanese Excel itself saves).

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace crosswalk {

// OK for utf-8, utf-8-bom and cp932; INVALID_ARGUMENT naming them otherwise.
absl::Status CheckCsvEncoding(absl::string_view encoding);

// The encoding CSV output uses when none is given: utf-8-bom for Japanese, utf-8 otherwise.
std::string DefaultCsvEncoding(absl::string_view lang);

// `utf8` (a CSV text) in `encoding`. cp932 is converted exactly, without fallbacks, so that it
// decodes back to the same text: a character Windows-31J cannot hold (e.g. 〜 U+301C, emoji,
// rare kanji) is INVALID_ARGUMENT naming the CSV line (a physical line, from 1) and the
// character, suggesting utf-8-bom. INVALID_ARGUMENT for an unknown encoding.
absl::StatusOr<std::string> EncodeCsv(const std::string& utf8, absl::string_view encoding);

// The charset parameter of the content type for `encoding` ("utf-8" or "windows-31j").
std::string CsvCharset(absl::string_view encoding);

}  // namespace crosswalk

#endif  // CROSSWALK_GATEWAY_CORE_CSV_ENCODING_H_
