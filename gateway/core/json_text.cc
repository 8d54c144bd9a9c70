#include "gateway/core/json_text.h"

#include "gateway/core/unicode.h"

namespace crosswalk {
namespace {

void AppendEscaped(std::string* out, unsigned char c) {
  static constexpr char kHex[] = "0123456789abcdef";
  switch (c) {
    case '"': out->append("\\\""); return;
    case '\\': out->append("\\\\"); return;
    case '\n': out->append("\\n"); return;
    case '\r': out->append("\\r"); return;
    case '\t': out->append("\\t"); return;
    case '\b': out->append("\\b"); return;
    case '\f': out->append("\\f"); return;
    default:
      out->append("\\u00");
      out->push_back(kHex[c >> 4]);
      out->push_back(kHex[c & 15]);
  }
}

}  // namespace

void AppendJsonString(std::string* out, absl::string_view text) {
  const size_t start = out->size();
  out->push_back('"');
  size_t plain_from = 0;  // copy runs of bytes that need no escape in one append
  bool non_ascii = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) non_ascii = true;
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out->append(text.data() + plain_from, i - plain_from);
    AppendEscaped(out, c);
    plain_from = i + 1;
  }
  out->append(text.data() + plain_from, text.size() - plain_from);
  if (non_ascii && !IsValidUtf8(text)) {
    // Rare and never expected: start again, replacing each invalid byte.
    out->resize(start);
    std::string repaired;
    for (size_t i = 0; i < text.size();) {
      size_t length = 1;
      const unsigned char c = static_cast<unsigned char>(text[i]);
      if (c >= 0xC0) length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
      if (c >= 0x80 && (c < 0xC0 || !IsValidUtf8(text.substr(i, length)))) {
        repaired.append("\xEF\xBF\xBD");
        ++i;
        continue;
      }
      const absl::string_view piece = text.substr(i, length);
      repaired.append(piece.data(), piece.size());
      i += length;
    }
    AppendJsonString(out, repaired);
    return;
  }
  out->push_back('"');
}

}  // namespace crosswalk
