#include "gateway/core/yaml_text.h"

#include <unicode/utf8.h>

#include <cstdint>
#include <cstdio>

#include "absl/strings/str_cat.h"

namespace crosswalk {

absl::Status CheckYamlUtf8(absl::string_view text, absl::string_view name) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t length = static_cast<int32_t>(text.size());
  int line = 1, column = 1;
  for (int32_t i = 0; i < length;) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "0x%02X", bytes[start]);
      return absl::InvalidArgumentError(
          absl::StrCat(name, ":", line, ":", column, ": not valid UTF-8 (byte ", hex, ")"));
    }
    if (c == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return absl::OkStatus();
}

std::string RepairYamlScalar(std::string scalar) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(scalar.data());
  const int32_t length = static_cast<int32_t>(scalar.size());
  std::string out;
  int32_t copied = 0;  // scalar[0, copied) is in `out` (only once a repair was needed)
  for (int32_t i = 0; i < length;) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c >= 0 || (bytes[start] != 0xA0 && bytes[start] != 0x85)) continue;
    out.append(scalar, copied, start - copied);
    out += '\xC2';
    out += static_cast<char>(bytes[start]);
    i = copied = start + 1;
  }
  if (copied == 0) return scalar;
  out.append(scalar, copied, std::string::npos);
  return out;
}

}  // namespace crosswalk
