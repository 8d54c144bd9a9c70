#ifndef CROSSWALK_GATEWAY_CORE_UNICODE_H_
#define CROSSWALK_GATEWAY_CORE_UNICODE_H_

#include <cstdint>
#include <string>
#include "absl/strings/string_view.h"

namespace crosswalk {

// Text comparison key: Unicode NFKC with case folding (ICU's NFKC_Casefold), so full-width and
// half-width forms, `ＩＴ` and `it`, compare equal. Leading and trailing white space is removed
// and inner runs of white space collapse to one space. Invalid UTF-8 is replaced (U+FFFD), never
// an error: the key is for matching, not for storage.
std::string MatchKey(absl::string_view utf8);

// Column header key: MatchKey with every white space and punctuation character (Unicode general
// categories Z* and P*, and the katakana middle dot) removed, so "Risk ID", "risk-id", "RiskID",
// "管理策　No." and "管理策ＮＯ" compare equal.
std::string HeaderKey(absl::string_view utf8);

// True when `utf8` is well-formed UTF-8.
bool IsValidUtf8(absl::string_view utf8);

// Appends the UTF-8 encoding of `code_point` (REQUIRES: at most U+10FFFF, not a surrogate).
void AppendUtf8(uint32_t code_point, std::string* out);

// Number of code points in `utf8` (the column a text editor shows for the next character, minus 1).
int CodePointCount(absl::string_view utf8);

// `text` cut to at most `max_bytes` bytes, never inside a UTF-8 sequence, with "…" appended when
// anything was cut (so the result has at most `max_bytes` + 3 bytes); `text` itself when it fits.
// For quoting file text in error messages: a cut in the middle of a character would make the
// message invalid UTF-8, and an unbounded quote a message of megabytes.
std::string TruncateUtf8(absl::string_view text, size_t max_bytes);

// How much of a value error messages quote (TruncateUtf8), in bytes.
inline constexpr size_t kQuotedTextBytes = 200;

// Width in terminal cells: East Asian wide and full-width characters count 2, combining marks 0,
// everything else 1.
int DisplayWidth(absl::string_view utf8);

}  // namespace crosswalk

#endif  // CROSSWALK_GATEWAY_CORE_UNICODE_H_
