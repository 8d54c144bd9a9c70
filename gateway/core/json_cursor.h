#ifndef CROSSWALK_GATEWAY_CORE_JSON_CURSOR_H_
#define CROSSWALK_GATEWAY_CORE_JSON_CURSOR_H_

// A pull reader over one JSON text, for the formats crosswalk writes itself and reads back on hot
// paths (the stored record body): no DOM, no allocation beyond the strings it hands out. It reads
// RFC 8259 JSON; it does not guess, repair or accept extensions.
//
// Every method skips white space first. A method that returns false leaves the cursor failed:
// every later call returns false too, and error_offset() is the byte offset where reading
// stopped. Typical use:
//
//   JsonCursor in(text);
//   if (!in.Enter('{')) ...;
//   std::string key;
//   while (in.NextMember(&key)) { if (key == "a") in.Int64(&a); else in.Skip(); }
//   if (!in.ok() || !in.AtEnd()) ...;

#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"

namespace crosswalk {

class JsonCursor {
 public:
  // `text` must outlive the cursor. Values nested deeper than `max_depth` fail Skip().
  explicit JsonCursor(absl::string_view text, int max_depth = 64) : text_(text), max_depth_(max_depth) {}

  // Consumes `open` ('{' or '[') and starts that container.
  bool Enter(char open);
  // Inside an object: true with the next member's name in `*name` (its value is next), false at the
  // closing brace (consumed) or on an error (then ok() is false).
  bool NextMember(std::string* name);
  // Inside an array: true when another element follows, false at the closing bracket (consumed)
  // or on an error.
  bool NextElement();

  // A string, unescaped (\uXXXX surrogate pairs joined); must be valid UTF-8 without raw control
  // characters.
  bool String(std::string* out);
  // An array of at most `capacity` strings into items[0..*count-1]; false (and failed) when it is
  // not an array, an element is not a string or there are more than `capacity`.
  bool StringArray(std::string* items, int capacity, int* count);
  // An integer that fits int64_t (no fraction or exponent).
  bool Int64(int64_t* out);
  // Any value, checked as it is skipped.
  bool Skip();

  // The first character of the next value ('"', '[', '{', a digit, '-', 't', 'f' or 'n'), without
  // consuming it; '\0' at the end of the text or once the cursor has failed. Lets a reader accept
  // either of two forms at one place (a number or a string, say).
  char Peek();
  // True when only white space is left.
  bool AtEnd();
  bool ok() const { return ok_; }
  size_t error_offset() const { return pos_; }

 private:
  bool Fail();
  void SkipSpace();
  // Inside a container that `close` ends: false at `close` (consumed) or on an error; true when
  // another member or element follows (the comma before it consumed).
  bool Advance(char close);
  bool SkipValue(int depth);
  bool Literal(absl::string_view word);
  bool Number();
  // Reads the four hex digits after "\u".
  bool Hex4(uint32_t* out);

  absl::string_view text_;
  int max_depth_;
  size_t pos_ = 0;
  bool ok_ = true;
  // Per open container: whether an element or member has been read (so a comma is due).
  uint64_t started_ = 0;  // bit i: container at depth i has an element
  int depth_ = 0;
};

}  // namespace crosswalk

#endif  // CROSSWALK_GATEWAY_CORE_JSON_CURSOR_H_
