#include "gateway/core/json_cursor.h"

#include <cstdint>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace crosswalk {
namespace {

// Reads `text` as one string value (and nothing after it).
bool ReadString(const std::string& text, std::string* out) {
  JsonCursor in(text);
  return in.String(out) && in.AtEnd();
}

bool ReadInt(const std::string& text, int64_t* out) {
  JsonCursor in(text);
  return in.Int64(out) && in.AtEnd();
}

bool SkipsAll(const std::string& text, int max_depth = 64) {
  JsonCursor in(text, max_depth);
  return in.Skip() && in.AtEnd();
}

TEST(JsonCursorTest, WalksObjectsAndArraysInOrder) {
  JsonCursor in(R"( {"a": 1, "b" : ["x", "y"], "c":{"d":-2}, "e":[]} )");
  ASSERT_TRUE(in.Enter('{'));
  std::string key, value;
  std::vector<std::string> seen;
  while (in.NextMember(&key)) {
    seen.push_back(key);
    if (key == "a") {
      int64_t a = 0;
      ASSERT_TRUE(in.Int64(&a));
      EXPECT_EQ(a, 1);
    } else if (key == "b") {
      ASSERT_TRUE(in.Enter('['));
      std::vector<std::string> items;
      while (in.NextElement()) {
        ASSERT_TRUE(in.String(&value));
        items.push_back(value);
      }
      EXPECT_THAT(items, ::testing::ElementsAre("x", "y"));
    } else {
      ASSERT_TRUE(in.Skip());
    }
  }
  EXPECT_TRUE(in.ok());
  EXPECT_TRUE(in.AtEnd());
  EXPECT_THAT(seen, ::testing::ElementsAre("a", "b", "c", "e"));
}

TEST(JsonCursorTest, UnescapesStrings) {
  std::string out;
  ASSERT_TRUE(ReadString(R"("a\"b\\c\/d\b\f\n\r\t")", &out));
  EXPECT_EQ(out, "a\"b\\c/d\b\f\n\r\t");
  ASSERT_TRUE(ReadString(R"("\u00e9\u65E5 \ud83d\ude00")", &out));
  EXPECT_EQ(out, "\xC3\xA9\xE6\x97\xA5 \xF0\x9F\x98\x80");  // é 日 😀
  ASSERT_TRUE(ReadString("\"管理策 No.\"", &out));
  EXPECT_EQ(out, "管理策 No.");
  ASSERT_TRUE(ReadString(R"("")", &out));
  EXPECT_EQ(out, "");
}

TEST(JsonCursorTest, RefusesMalformedStrings) {
  std::string out;
  for (const std::string text : {
           R"("abc)",                // unterminated
           "\"a\tb\"",               // raw control character
           R"("\x")",                // unknown escape
           R"("\u12")",              // short escape
           R"("\u12G4")",            // not hex
           R"("\ude00")",            // lone low surrogate
           R"("\ud83d")",            // high surrogate alone
           R"("\ud83d\u0041")",      // high surrogate with a non-surrogate
           "\"\xC3\"",               // truncated UTF-8
           "\"\xFF\"",               // invalid UTF-8 byte
           "abc",                    // not a string
       }) {
    SCOPED_TRACE(text);
    EXPECT_FALSE(ReadString(text, &out));
  }
}

TEST(JsonCursorTest, ReadsInt64AtItsBounds) {
  int64_t value = 7;
  ASSERT_TRUE(ReadInt("0", &value));
  EXPECT_EQ(value, 0);
  ASSERT_TRUE(ReadInt("-9223372036854775808", &value));
  EXPECT_EQ(value, INT64_MIN);
  ASSERT_TRUE(ReadInt("9223372036854775807", &value));
  EXPECT_EQ(value, INT64_MAX);
  for (const std::string text : {"9223372036854775808", "-9223372036854775809", "1.5", "1e3", "01", "-",
                                 "+1", "", "\"1\"", "1x"}) {
    SCOPED_TRACE(text);
    EXPECT_FALSE(ReadInt(text, &value));
  }
}

TEST(JsonCursorTest, SkipsEveryKindOfValue) {
  for (const std::string text : {"true", "false", "null", "-0.5e+3", "\"s\"", "[]", "{}",
                                 R"({"a":[1,{"b":null}],"c":"d"})"}) {
    SCOPED_TRACE(text);
    EXPECT_TRUE(SkipsAll(text));
  }
  for (const std::string text : {"tru", "nul", "[1,]", "[,1]", "[1 2]", R"({"a" 1})", R"({"a":1,})",
                                 R"({1:2})", "{", "]", "1.", "1e", "--1", ".5", "[1]]", "{} {}"}) {
    SCOPED_TRACE(text);
    EXPECT_FALSE(SkipsAll(text));
  }
}

TEST(JsonCursorTest, BoundsTheDepth) {
  EXPECT_TRUE(SkipsAll("[[[1]]]", 3));
  EXPECT_FALSE(SkipsAll("[[[[1]]]]", 3));
  // Deeper than the hard limit fails whatever max_depth says, without overflowing the stack.
  EXPECT_FALSE(SkipsAll(std::string(100000, '[') + std::string(100000, ']'), 1 << 20));
}

TEST(JsonCursorTest, AFailureSticksAndSaysWhere) {
  JsonCursor in(R"({"a":x})");
  ASSERT_TRUE(in.Enter('{'));
  std::string key;
  ASSERT_TRUE(in.NextMember(&key));
  int64_t value = 0;
  EXPECT_FALSE(in.Int64(&value));
  EXPECT_FALSE(in.ok());
  EXPECT_EQ(in.error_offset(), 5u);
  EXPECT_FALSE(in.NextMember(&key));
  EXPECT_FALSE(in.Skip());
  EXPECT_FALSE(in.AtEnd());
}

// Peek shows the next value's first character without taking it, so a reader can take a number
// or a string at one place; it is '\0' at the end and once the cursor failed.
TEST(JsonCursorTest, PeekShowsTheNextValueWithoutTakingIt) {
  JsonCursor in(R"([ 7, "a" ,[1]])");
  ASSERT_TRUE(in.Enter('['));
  ASSERT_TRUE(in.NextElement());
  EXPECT_EQ(in.Peek(), '7');
  int64_t number = 0;
  ASSERT_TRUE(in.Int64(&number));
  EXPECT_EQ(number, 7);
  ASSERT_TRUE(in.NextElement());
  EXPECT_EQ(in.Peek(), '"');
  EXPECT_EQ(in.Peek(), '"');
  std::string text;
  ASSERT_TRUE(in.String(&text));
  ASSERT_TRUE(in.NextElement());
  EXPECT_EQ(in.Peek(), '[');
  ASSERT_TRUE(in.Skip());
  EXPECT_FALSE(in.NextElement());
  EXPECT_EQ(in.Peek(), '\0');
  EXPECT_TRUE(in.AtEnd());
  JsonCursor failed("x");
  EXPECT_FALSE(failed.Skip());
  EXPECT_EQ(failed.Peek(), '\0');
}

TEST(JsonCursorTest, StringArrayTakesUpToItsCapacity) {
  std::string items[3];
  int count = -1;
  JsonCursor three(R"( ["a", "b\u00e9" ,"c"] )");
  ASSERT_TRUE(three.StringArray(items, 3, &count));
  EXPECT_EQ(count, 3);
  EXPECT_EQ(items[0], "a");
  EXPECT_EQ(items[1], "b\xC3\xA9");
  EXPECT_EQ(items[2], "c");
  EXPECT_TRUE(three.AtEnd());

  JsonCursor empty("[]");
  ASSERT_TRUE(empty.StringArray(items, 3, &count));
  EXPECT_EQ(count, 0);

  // Each of these fails the cursor: too many strings, a non-string element, not an array, and an
  // array left open.
  for (const char* text : {R"(["a","b","c","d"])", R"(["a",1])", R"("a")", R"(["a")"}) {
    JsonCursor in(text);
    EXPECT_FALSE(in.StringArray(items, 3, &count)) << text;
    EXPECT_FALSE(in.ok()) << text;
  }
}

}  // namespace
}  // namespace crosswalk
