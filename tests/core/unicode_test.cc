#include "gateway/core/unicode.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace crosswalk {
namespace {

TEST(MatchKeyTest, FullWidthAndCaseFoldTogether) {
  EXPECT_EQ(MatchKey("ＫＮＯＷＮ ERROR"), MatchKey("known error"));
  EXPECT_EQ(MatchKey("ＩＴサービス"), MatchKey("itサービス"));
  EXPECT_EQ(MatchKey("  Known\u3000  Error "), "known error");
}

TEST(MatchKeyTest, HalfWidthKatakanaBecomesFullWidth) {
  EXPECT_EQ(MatchKey("ｲﾝｼﾃﾞﾝﾄ"), MatchKey("インシデント"));
}

TEST(MatchKeyTest, DifferentTextStaysDifferent) {
  EXPECT_NE(MatchKey("既知の誤り"), MatchKey("既知のエラー"));
}

TEST(Utf8Test, Validity) {
  EXPECT_TRUE(IsValidUtf8("管理策 abc"));
  EXPECT_FALSE(IsValidUtf8("\x82\xa0"));  // Shift_JIS bytes
}

TEST(Utf8Test, WidthsAndCounts) {
  EXPECT_EQ(CodePointCount("A.1管理"), 5);
  EXPECT_EQ(DisplayWidth("管理a"), 5);
  EXPECT_EQ(DisplayWidth("ｲ"), 1);
}

// Error messages cut quoted text in the middle of a UTF-8 character, making them invalid UTF-8.
TEST(TruncateUtf8Test, NeverSplitsASequence) {
  struct Case {
    const char* name;
    std::string text;
    size_t max_bytes;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {"fits", "abc", 3, "abc"},
      {"empty", "", 0, ""},
      {"ascii cut", "abcdef", 4, "abcd…"},
      {"cut before a 2-byte character", "abé", 2, "ab…"},
      {"cut inside a 2-byte character", "abé", 3, "ab…"},
      {"cut inside a 3-byte character", "管理策", 4, "管…"},
      {"cut after a 3-byte character", "管理策", 6, "管理…"},
      {"cut inside a 4-byte character", "a😀b", 3, "a…"},
      {"cut after a 4-byte character", "a😀b", 5, "a😀…"},
      {"nothing fits", "管理", 2, "…"},
      {"invalid continuation run", "a\x80\x80\x80\x80\x80", 4, "a…"},
  };
  for (const Case& c : cases) {
    const std::string out = TruncateUtf8(c.text, c.max_bytes);
    EXPECT_EQ(out, c.expected) << c.name;
    EXPECT_LE(out.size(), c.max_bytes + 3) << c.name;
    if (IsValidUtf8(c.text)) {
      EXPECT_TRUE(IsValidUtf8(out)) << c.name;
    }
  }
}

}  // namespace
// The all-ASCII fast path must agree with ICU's NFKC_Casefold: each printable ASCII character,
// followed by a non-ASCII letter (which sends the text through ICU), folds to the fast path's key.
TEST(MatchKeyTest, AsciiFastPathAgreesWithIcu) {
  for (char c = 0x21; c < 0x7F; ++c) {
    const std::string ascii(1, c);
    const std::string through_icu = MatchKey(ascii + "\xC3\xA9");  // + é
    EXPECT_EQ(through_icu.substr(0, through_icu.size() - 2), MatchKey(ascii)) << "character " << c;
  }
  EXPECT_EQ(MatchKey("  In  Progress\t"), "in progress");
}

}  // namespace crosswalk
