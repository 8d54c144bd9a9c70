#include "gateway/core/unicode.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <cstdint>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace crosswalk {

namespace {

// Removes leading and trailing white space and collapses inner runs to one space; with
// `lower_ascii`, also lower-cases A-Z on the way (one pass for all-ASCII text).
std::string CollapseWhitespace(absl::string_view text, bool lower_ascii) {
  std::string key;
  key.reserve(text.size());
  bool pending_space = false;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      pending_space = !key.empty();
      continue;
    }
    if (pending_space) key.push_back(' ');
    pending_space = false;
    key.push_back(lower_ascii && c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return key;
}

}  // namespace

std::string MatchKey(absl::string_view utf8) {
  // All-ASCII text (most status and priority values, the hot path of normalisation): NFKC_Casefold
  // only lower-cases it, so skip the round trip through UTF-16.
  bool ascii = true;
  for (char c : utf8) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  if (ascii) return CollapseWhitespace(utf8, /*lower_ascii=*/true);
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

  // After NFKC, U+3000 has become U+0020.
  return CollapseWhitespace(folded, /*lower_ascii=*/false);
}

std::string HeaderKey(absl::string_view utf8) {
  const std::string folded = MatchKey(utf8);
  std::string key;
  key.reserve(folded.size());
  int32_t i = 0;
  const int32_t length = static_cast<int32_t>(folded.size());
  while (i < length) {
    const int32_t start = i;
    UChar32 c = 0;
    U8_NEXT(folded.data(), i, length, c);
    if (c >= 0 && (u_ispunct(c) || u_isUWhiteSpace(c) || c == 0x30FB || c == 0xFF65)) continue;
    key.append(folded, start, i - start);
  }
  return key;
}

bool IsValidUtf8(absl::string_view utf8) {
  int32_t i = 0;
  const int32_t length = static_cast<int32_t>(utf8.size());
  const auto* bytes = reinterpret_cast<const uint8_t*>(utf8.data());
  while (i < length) {
    // Runs of ASCII, eight bytes at a time (whole files are checked for encoding: auto).
    while (i + 8 <= length) {
      uint64_t word;
      std::memcpy(&word, bytes + i, sizeof word);
      if (word & 0x8080808080808080ULL) break;
      i += 8;
    }
    if (i >= length) break;
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

std::string TruncateUtf8(absl::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  // text[cut] is the first byte left out: while it continues a sequence, that sequence began
  // before the cut and is left out whole (at most 3 steps back; more is invalid UTF-8 anyway).
  size_t cut = max_bytes;
  for (int i = 0; i < 3 && cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80; ++i) {
    --cut;
  }
  return absl::StrCat(text.substr(0, cut), "\xE2\x80\xA6");
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

void AppendUtf8(uint32_t code_point, std::string* out) {
  if (code_point < 0x80) {
    out->push_back(static_cast<char>(code_point));
  } else if (code_point < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (code_point >> 6)));
    out->push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else if (code_point < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (code_point >> 12)));
    out->push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (code_point >> 18)));
    out->push_back(static_cast<char>(0x80 | ((code_point >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  }
}

}  // namespace crosswalk
