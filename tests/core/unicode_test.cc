#include "gateway/core/unicode.h"

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
