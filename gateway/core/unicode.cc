#include "absl/strings/string_view.h"
#include "gateway/core/unicode.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <cstdint>

namespace crosswalk {

namespace {

// Lower-cases ASCII and collapses white space: what NFKC_Casefold plus the collapse below does to
// text that is all ASCII, without the round trip through UTF-16 (this is the hot path of
// normalisation: most status and priority values are ASCII).
bool AsciiKey(absl::string_view text, std::string& key) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  key.reserve(text.size());
  bool pending_space = false;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      pending_space = !key.empty();
      continue;
    }
    if (pending_space) key.push_back(' ');
    pending_space = false;
    key.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return true;
}

}  // namespace

std::string MatchKey(absl::string_view utf8) {
  if (std::string key; AsciiKey(utf8, key)) return key;
  UErrorCode error = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(error);
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  std::string folded;
  if (U_SUCCESS(error)) {
    icu::UnicodeString normalized = nfkc_cf->normalize(text, error);
    if (U_SUCCESS(error)) normalized.toUTF8String(folded);
  }
  if (!U_SUCCESS(error)) text.foldCase().toUTF8String(folded);

  // Collapse white space (after NFKC, U+3000 has become U+0020).
  std::string key;
  key.reserve(folded.size());
  bool pending_space = false;
  for (char c : folded) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      pending_space = !key.empty();
      continue;
    }
    if (pending_space) key.push_back(' ');
    pending_space = false;
    key.push_back(c);
  }
  return key;
}

bool IsValidUtf8(absl::string_view utf8) {
  int32_t i = 0;
  const int32_t length = static_cast<int32_t>(utf8.size());
  const auto* bytes = reinterpret_cast<const uint8_t*>(utf8.data());
  while (i < length) {
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) return false;
  }
  return true;
}

int CodePointCount(absl::string_view utf8) {
  int count = 0;
  for (unsigned char c : utf8) {
    if ((c & 0xC0) != 0x80) ++count;
  }
  return count;
}

int DisplayWidth(absl::string_view utf8) {
  int32_t i = 0;
  const int32_t length = static_cast<int32_t>(utf8.size());
  const auto* bytes = reinterpret_cast<const uint8_t*>(utf8.data());
  int width = 0;
  while (i < length) {
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) {
      ++width;
      continue;
    }
    const int8_t category = static_cast<int8_t>(u_charType(c));
    if (category == U_NON_SPACING_MARK || category == U_ENCLOSING_MARK ||
        category == U_FORMAT_CHAR) {
      continue;
    }
    const int east_asian = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
    width += (east_asian == U_EA_WIDE || east_asian == U_EA_FULLWIDTH) ? 2 : 1;
  }
  return width;
}

}  // namespace crosswalk
