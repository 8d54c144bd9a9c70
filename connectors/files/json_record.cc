#include "connectors/files/json_record.h"

#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "gateway/core/json_text.h"
#include "gateway/core/unicode.h"

namespace crosswalk::files {
namespace {

struct Member;

// A parsed JSON value: `text` is the unescaped string, the number or literal as written, or the
// compact JSON text of an object or array. `members` holds an object's members when the parser
// was asked to keep them (a record's member values, which may be display-value objects).
struct Value {
  enum class Type { kString, kNumber, kLiteral, kNull, kObject, kArray };
  Type type = Type::kNull;
  std::string text;
  std::vector<Member> members;
};

struct Member {
  std::string name;
  Value value;
};

// A hand-written recursive-descent parser: it runs once per record and pass on the ingest path,
// where a DOM parser's allocations dominated the profile. Every method returns false on failure,
// with either `truncated_` (the text ended first) or `error_` set.
class Parser {
 public:
  Parser(absl::string_view text, int max_depth) : text_(text), max_depth_(max_depth) {}

  bool Record(std::vector<SourceField>* fields) {
    SkipSpace();
    if (!Expect('{')) return false;
    fields_ = fields;
    if (Consume('}')) return true;
    while (true) {
      SkipSpace();
      std::string name;
      if (!String(&name) || !ExpectAfterSpace(':', "expected ':' after a member name")) return false;
      Value value;
      if (!ParseValue(&value, 1, /*keep_members=*/true)) return false;
      if (IsValueObject(value)) {
        Flatten(name, value);
      } else {
        Add(std::move(name), TextOf(std::move(value)));
      }
      if (Consume(',')) continue;
      if (Consume('}')) return true;
      if (AtEnd()) return Truncated();
      return Fail("expected ',' or '}' in an object");
    }
  }

  size_t at() const { return at_; }
  int newlines() const { return newlines_; }
  bool truncated() const { return truncated_; }
  const std::string& error() const { return error_; }

 private:
  bool Fail(absl::string_view what) {
    if (error_.empty() && !truncated_) error_ = std::string(what);
    return false;
  }
  bool Truncated() {
    if (error_.empty()) truncated_ = true;
    return false;
  }
  bool AtEnd() const { return at_ >= text_.size(); }

  // Raw line breaks can only be white space between tokens (strings must escape them).
  void SkipSpace() {
    while (at_ < text_.size()) {
      const char c = text_[at_];
      if (c == '\n') {
        ++newlines_;
      } else if (c != ' ' && c != '\t' && c != '\r') {
        return;
      }
      ++at_;
    }
  }
  bool Consume(char expected) {
    SkipSpace();
    if (at_ < text_.size() && text_[at_] == expected) {
      ++at_;
      return true;
    }
    return false;
  }
  bool Expect(char expected) {
    if (AtEnd()) return Truncated();
    if (text_[at_] != expected) return Fail(absl::StrCat("expected '", std::string(1, expected), "'"));
    ++at_;
    return true;
  }
  bool ExpectAfterSpace(char expected, absl::string_view what) {
    SkipSpace();
    if (AtEnd()) return Truncated();
    if (text_[at_] != expected) return Fail(what);
    ++at_;
    return true;
  }

  // The members of the object at the cursor, in order; an object value keeps its members too
  // when `keep_members` (one level: a record's member values).
  bool Object(std::vector<Member>* members, int depth) {
    ++at_;  // '{'
    if (Consume('}')) return true;
    while (true) {
      SkipSpace();
      Member member;
      if (!String(&member.name) || !ExpectAfterSpace(':', "expected ':' after a member name")) return false;
      if (!ParseValue(&member.value, depth, false)) return false;
      members->push_back(std::move(member));
      if (Consume(',')) continue;
      if (Consume('}')) return true;
      if (AtEnd()) return Truncated();
      return Fail("expected ',' or '}' in an object");
    }
  }

  // `depth` is the nesting level of the value's container (the record is level 1).
  bool ParseValue(Value* value, int depth, bool keep_members) {
    SkipSpace();
    if (AtEnd()) return Truncated();
    const char c = text_[at_];
    if (c == '"') {
      value->type = Value::Type::kString;
      return String(&value->text);
    }
    if ((c == '{' || c == '[') && depth + 1 > max_depth_) {
      return Fail(absl::StrCat("nesting deeper than ", max_depth_, " levels"));
    }
    if (c == '{') {
      std::vector<Member> members;
      if (!Object(&members, depth + 1)) return false;
      value->type = Value::Type::kObject;
      value->text.push_back('{');
      for (size_t i = 0; i < members.size(); ++i) {
        if (i > 0) value->text.push_back(',');
        AppendJsonString(&value->text, members[i].name);
        value->text.push_back(':');
        AppendCompact(members[i].value, &value->text);
      }
      value->text.push_back('}');
      if (keep_members) value->members = std::move(members);
      return true;
    }
    if (c == '[') {
      ++at_;
      value->type = Value::Type::kArray;
      value->text.push_back('[');
      if (Consume(']')) {
        value->text.push_back(']');
        return true;
      }
      for (bool first = true;; first = false) {
        Value element;
        if (!ParseValue(&element, depth + 1, false)) return false;
        if (!first) value->text.push_back(',');
        AppendCompact(element, &value->text);
        if (Consume(',')) continue;
        if (Consume(']')) break;
        if (AtEnd()) return Truncated();
        return Fail("expected ',' or ']' in an array");
      }
      value->text.push_back(']');
      return true;
    }
    for (const char* literal : {"true", "false", "null"}) {
      const absl::string_view word(literal);
      if (word[0] != c) continue;
      const absl::string_view here = text_.substr(at_, word.size());
      if (here != word) return word.substr(0, here.size()) == here && AtEndAfter(here) ? Truncated() : Fail("invalid literal");
      at_ += word.size();
      value->type = word == "null" ? Value::Type::kNull : Value::Type::kLiteral;
      if (value->type == Value::Type::kLiteral) value->text = std::string(word);
      return true;
    }
    if (c == '-' || (c >= '0' && c <= '9')) return Number(value);
    return Fail("expected a value (string, number, object, array, true, false or null)");
  }
  bool AtEndAfter(absl::string_view here) const { return at_ + here.size() >= text_.size(); }

  // JSON's number grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?, kept as written. A
  // number that reaches the end of the text may go on in the next bytes.
  bool Number(Value* value) {
    const size_t start = at_;
    auto digits = [&] {
      const size_t from = at_;
      while (at_ < text_.size() && text_[at_] >= '0' && text_[at_] <= '9') ++at_;
      return at_ > from;
    };
    if (text_[at_] == '-') ++at_;
    if (at_ < text_.size() && text_[at_] == '0') {
      ++at_;
    } else if (!digits()) {
      return AtEnd() ? Truncated() : Fail("expected a digit");
    }
    if (at_ < text_.size() && text_[at_] == '.') {
      ++at_;
      if (!digits()) return AtEnd() ? Truncated() : Fail("expected a digit after '.'");
    }
    if (at_ < text_.size() && (text_[at_] == 'e' || text_[at_] == 'E')) {
      ++at_;
      if (at_ < text_.size() && (text_[at_] == '+' || text_[at_] == '-')) ++at_;
      if (!digits()) return AtEnd() ? Truncated() : Fail("expected a digit in the exponent");
    }
    if (AtEnd()) return Truncated();
    value->type = Value::Type::kNumber;
    value->text = std::string(text_.substr(start, at_ - start));
    return true;
  }

  bool String(std::string* out) {
    if (AtEnd()) return Truncated();
    if (text_[at_] != '"') return Fail("expected a string");
    ++at_;
    while (true) {
      // Copy the run up to the next quote, backslash or control character in one append.
      const size_t run = at_;
      bool non_ascii = false;
      while (at_ < text_.size()) {
        const unsigned char c = static_cast<unsigned char>(text_[at_]);
        if (c == '"' || c == '\\' || c < 0x20) break;
        non_ascii |= c >= 0x80;
        ++at_;
      }
      if (AtEnd()) return Truncated();
      const absl::string_view piece = text_.substr(run, at_ - run);
      if (non_ascii && !IsValidUtf8(piece)) {
        at_ = run;
        return Fail("invalid UTF-8 in a string");
      }
      out->append(piece.data(), piece.size());
      const char c = text_[at_];
      if (c == '"') {
        ++at_;
        return true;
      }
      if (c != '\\') return Fail("control character in a string (it must be escaped)");
      if (!Escape(out)) return false;
    }
  }

  bool Escape(std::string* out) {
    ++at_;  // the backslash
    if (AtEnd()) return Truncated();
    const char c = text_[at_++];
    switch (c) {
      case '"': out->push_back('"'); return true;
      case '\\': out->push_back('\\'); return true;
      case '/': out->push_back('/'); return true;
      case 'b': out->push_back('\b'); return true;
      case 'f': out->push_back('\f'); return true;
      case 'n': out->push_back('\n'); return true;
      case 'r': out->push_back('\r'); return true;
      case 't': out->push_back('\t'); return true;
      case 'u': break;
      default: --at_; return Fail("invalid escape in a string");
    }
    uint32_t code = 0;
    if (!Hex4(&code)) return false;
    if (code == 0) {
      at_ -= 6;
      return Fail("NUL character (\\u0000) in a string");
    }
    if (code >= 0xD800 && code <= 0xDBFF) {  // a high surrogate: a low one must follow
      uint32_t low = 0;
      if (at_ + 2 > text_.size()) return Truncated();
      if (text_.substr(at_, 2) != "\\u") return Fail("a high surrogate without its low surrogate");
      at_ += 2;
      if (!Hex4(&low)) return false;
      if (low < 0xDC00 || low > 0xDFFF) return Fail("a high surrogate without its low surrogate");
      code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
    } else if (code >= 0xDC00 && code <= 0xDFFF) {
      return Fail("a low surrogate without its high surrogate");
    }
    AppendUtf8(code, out);
    return true;
  }

  bool Hex4(uint32_t* code) {
    for (int i = 0; i < 4; ++i) {
      if (AtEnd()) return Truncated();
      const char h = text_[at_++];
      const int digit = h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10
                        : h >= 'A' && h <= 'F' ? h - 'A' + 10 : -1;
      if (digit < 0) return Fail("expected four hex digits after \\u");
      *code = *code * 16 + static_cast<uint32_t>(digit);
    }
    return true;
  }

  static void AppendCompact(const Value& value, std::string* out) {
    switch (value.type) {
      case Value::Type::kString: AppendJsonString(out, value.text); return;
      case Value::Type::kNull: out->append("null"); return;
      default: out->append(value.text);
    }
  }

  static std::string TextOf(Value value) {
    return value.type == Value::Type::kNull ? std::string() : std::move(value.text);
  }

  static bool IsValueObject(const Value& object) {
    if (object.type != Value::Type::kObject) return false;
    bool value = false, marker = false;
    for (const Member& member : object.members) {
      value |= member.name == "value";
      marker |= member.name == "display_value" || member.name == "link";
    }
    return value && marker;
  }

  void Flatten(const std::string& name, Value& object) {
    for (Member& m : object.members) {
      if (m.name == "value") Add(name, TextOf(std::move(m.value)));
    }
    for (Member& m : object.members) {
      if (m.name != "value") Add(absl::StrCat(name, ".", m.name), TextOf(std::move(m.value)));
    }
  }

  // Appends a field of the record, or gives a repeated name its new value at its first position.
  // The names seen are hashed, so a record of 100,000 members is checked in linear time.
  void Add(std::string name, std::string value) {
    auto [it, inserted] = positions_.try_emplace(name, fields_->size());
    if (!inserted) {
      (*fields_)[it->second].value = std::move(value);
      return;
    }
    fields_->push_back({std::move(name), std::move(value), 0});
  }

  absl::string_view text_;
  const int max_depth_;
  std::vector<SourceField>* fields_ = nullptr;  // where the record's fields are appended
  absl::flat_hash_map<std::string, size_t> positions_;  // field name → index in *fields_
  size_t at_ = 0;
  int newlines_ = 0;
  bool truncated_ = false;
  std::string error_;
};

}  // namespace

absl::Status ParseJsonRecord(absl::string_view text, int max_depth, std::vector<SourceField>* fields,
                             size_t* consumed, int* newlines, size_t* error_offset) {
  Parser parser(text, max_depth);
  if (parser.Record(fields)) {
    *consumed = parser.at();
    *newlines = parser.newlines();
    return absl::OkStatus();
  }
  if (parser.truncated()) return absl::OutOfRangeError("the text ends inside the record");
  *error_offset = parser.at();
  return absl::InvalidArgumentError(parser.error());
}

}  // namespace crosswalk::files
