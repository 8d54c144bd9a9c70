#include "gateway/core/json_cursor.h"

#include <algorithm>

#include "absl/strings/numbers.h"
#include "gateway/core/unicode.h"

namespace crosswalk {
namespace {

// Containers deeper than this are refused whatever max_depth says (one bit each in started_).
constexpr int kDepthLimit = 63;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

bool JsonCursor::Fail() {
  ok_ = false;
  return false;
}

void JsonCursor::SkipSpace() {
  while (pos_ < text_.size()) {
    const char c = text_[pos_];
    if (c != ' ' && c != '\n' && c != '\r' && c != '\t') return;
    ++pos_;
  }
}

bool JsonCursor::Enter(char open) {
  if (!ok_) return false;
  SkipSpace();
  if (pos_ >= text_.size() || text_[pos_] != open || depth_ >= std::min(max_depth_, kDepthLimit)) return Fail();
  ++pos_;
  ++depth_;
  started_ &= ~(uint64_t{1} << depth_);
  return true;
}

bool JsonCursor::Advance(char close) {
  if (!ok_ || depth_ == 0) return Fail();
  SkipSpace();
  if (pos_ >= text_.size()) return Fail();
  const uint64_t bit = uint64_t{1} << depth_;
  if (text_[pos_] == close) {
    ++pos_;
    --depth_;
    return false;
  }
  if (started_ & bit) {
    if (text_[pos_] != ',') return Fail();
    ++pos_;
  }
  started_ |= bit;
  return true;
}

bool JsonCursor::NextMember(std::string* name) {
  if (!Advance('}') || !String(name)) return false;
  SkipSpace();
  if (pos_ >= text_.size() || text_[pos_] != ':') return Fail();
  ++pos_;
  return true;
}

bool JsonCursor::NextElement() { return Advance(']'); }

bool JsonCursor::StringArray(std::string* items, int capacity, int* count) {
  *count = 0;
  if (!Enter('[')) return false;
  while (NextElement()) {
    if (*count == capacity) return Fail();
    if (!String(&items[(*count)++])) return false;
  }
  return ok_;
}

bool JsonCursor::Hex4(uint32_t* out) {
  if (text_.size() - pos_ < 4) return Fail();
  uint32_t value = 0;
  for (int i = 0; i < 4; ++i) {
    const char c = text_[pos_++];
    value <<= 4;
    if (IsDigit(c)) {
      value |= static_cast<uint32_t>(c - '0');
    } else if (c >= 'a' && c <= 'f') {
      value |= static_cast<uint32_t>(c - 'a' + 10);
    } else if (c >= 'A' && c <= 'F') {
      value |= static_cast<uint32_t>(c - 'A' + 10);
    } else {
      return Fail();
    }
  }
  *out = value;
  return true;
}

bool JsonCursor::String(std::string* out) {
  if (!ok_) return false;
  SkipSpace();
  if (pos_ >= text_.size() || text_[pos_] != '"') return Fail();
  ++pos_;
  out->clear();
  bool high_bytes = false;
  while (true) {
    // A run of bytes that need no unescaping, appended at once.
    const size_t run = pos_;
    while (pos_ < text_.size()) {
      const unsigned char c = static_cast<unsigned char>(text_[pos_]);
      if (c == '"' || c == '\\' || c < 0x20) break;
      high_bytes |= c >= 0x80;
      ++pos_;
    }
    out->append(text_.data() + run, pos_ - run);
    if (pos_ >= text_.size()) return Fail();
    const char c = text_[pos_];
    if (c == '"') {
      ++pos_;
      break;
    }
    if (c != '\\') return Fail();  // a raw control character
    if (++pos_ >= text_.size()) return Fail();
    const char escape = text_[pos_++];
    switch (escape) {
      case '"': out->push_back('"'); break;
      case '\\': out->push_back('\\'); break;
      case '/': out->push_back('/'); break;
      case 'b': out->push_back('\b'); break;
      case 'f': out->push_back('\f'); break;
      case 'n': out->push_back('\n'); break;
      case 'r': out->push_back('\r'); break;
      case 't': out->push_back('\t'); break;
      case 'u': {
        uint32_t code_point = 0;
        if (!Hex4(&code_point)) return false;
        if (code_point >= 0xDC00 && code_point <= 0xDFFF) return Fail();  // a lone low surrogate
        if (code_point >= 0xD800 && code_point <= 0xDBFF) {
          uint32_t low = 0;
          if (text_.substr(pos_, 2) != "\\u") return Fail();
          pos_ += 2;
          if (!Hex4(&low)) return false;
          if (low < 0xDC00 || low > 0xDFFF) return Fail();
          code_point = 0x10000 + ((code_point - 0xD800) << 10) + (low - 0xDC00);
        }
        AppendUtf8(code_point, out);
        break;
      }
      default: return Fail();
    }
  }
  if (high_bytes && !IsValidUtf8(*out)) return Fail();
  return true;
}

bool JsonCursor::Number() {
  const size_t start = pos_;
  if (pos_ < text_.size() && text_[pos_] == '-') ++pos_;
  if (pos_ >= text_.size() || !IsDigit(text_[pos_])) return Fail();
  if (text_[pos_] == '0') {
    ++pos_;
  } else {
    while (pos_ < text_.size() && IsDigit(text_[pos_])) ++pos_;
  }
  if (pos_ < text_.size() && text_[pos_] == '.') {
    ++pos_;
    if (pos_ >= text_.size() || !IsDigit(text_[pos_])) return Fail();
    while (pos_ < text_.size() && IsDigit(text_[pos_])) ++pos_;
  }
  if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
    ++pos_;
    if (pos_ < text_.size() && (text_[pos_] == '+' || text_[pos_] == '-')) ++pos_;
    if (pos_ >= text_.size() || !IsDigit(text_[pos_])) return Fail();
    while (pos_ < text_.size() && IsDigit(text_[pos_])) ++pos_;
  }
  return pos_ > start;
}

bool JsonCursor::Int64(int64_t* out) {
  if (!ok_) return false;
  SkipSpace();
  const size_t start = pos_;
  if (!Number()) return false;
  const absl::string_view digits = text_.substr(start, pos_ - start);
  if (digits.find_first_of(".eE") != absl::string_view::npos || !absl::SimpleAtoi(digits, out)) {
    pos_ = start;
    return Fail();
  }
  return true;
}

bool JsonCursor::Literal(absl::string_view word) {
  if (text_.substr(pos_, word.size()) != word) return Fail();
  pos_ += word.size();
  return true;
}

bool JsonCursor::SkipValue(int depth) {
  SkipSpace();
  if (pos_ >= text_.size()) return Fail();
  std::string scratch;
  switch (text_[pos_]) {
    case '"': return String(&scratch);
    case 't': return Literal("true");
    case 'f': return Literal("false");
    case 'n': return Literal("null");
    case '{': {
      if (depth + 1 > std::min(max_depth_, kDepthLimit)) return Fail();
      if (!Enter('{')) return false;
      while (NextMember(&scratch)) {
        if (!SkipValue(depth + 1)) return false;
      }
      return ok_;
    }
    case '[': {
      if (depth + 1 > std::min(max_depth_, kDepthLimit)) return Fail();
      if (!Enter('[')) return false;
      while (NextElement()) {
        if (!SkipValue(depth + 1)) return false;
      }
      return ok_;
    }
    default: return Number();
  }
}

bool JsonCursor::Skip() {
  if (!ok_) return false;
  return SkipValue(depth_);
}

char JsonCursor::Peek() {
  if (!ok_) return '\0';
  SkipSpace();
  return pos_ < text_.size() ? text_[pos_] : '\0';
}

bool JsonCursor::AtEnd() {
  if (!ok_) return false;
  SkipSpace();
  return pos_ == text_.size();
}

}  // namespace crosswalk
