#include "gateway/core/terminal_text.h"

#include <unicode/utf8.h>

#include <cstdint>
#include <cstdio>

namespace crosswalk {

std::string TerminalSafe(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t length = static_cast<int32_t>(text.size());
  int32_t i = 0;
  char buffer[8];
  while (i < length) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) {  // ill-formed: show the first byte, resume after it
      std::snprintf(buffer, sizeof buffer, "\\x%02x", bytes[start]);
      out += buffer;
      i = start + 1;
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c < 0x20 || c == 0x7f) {
      std::snprintf(buffer, sizeof buffer, "\\x%02x", static_cast<unsigned>(c));
      out += buffer;
    } else if (c >= 0x80 && c <= 0x9f) {
      std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned>(c));
      out += buffer;
    } else {
      out.append(text.data() + start, static_cast<size_t>(i - start));
    }
  }
  return out;
}

}  // namespace crosswalk
