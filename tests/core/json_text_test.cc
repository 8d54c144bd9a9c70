#include "gateway/core/json_text.h"

#include "gtest/gtest.h"
#include "nlohmann/json.hpp"

namespace crosswalk {
namespace {

std::string Quoted(absl::string_view text) {
  std::string out = "x";
  AppendJsonString(&out, text);
  return out.substr(1);
}

TEST(AppendJsonStringTest, EscapesWhatJsonRequiresAndKeepsTheRest) {
  EXPECT_EQ(Quoted(""), "\"\"");
  EXPECT_EQ(Quoted("plain"), "\"plain\"");
  EXPECT_EQ(Quoted("a\"b\\c"), "\"a\\\"b\\\\c\"");
  EXPECT_EQ(Quoted("line\nnext\ttab\r"), "\"line\\nnext\\ttab\\r\"");
  EXPECT_EQ(Quoted(std::string("nul\0end", 7)), "\"nul\\u0000end\"");
  EXPECT_EQ(Quoted("\x1f"), "\"\\u001f\"");
  EXPECT_EQ(Quoted("インシデント"), "\"インシデント\"");
}

TEST(AppendJsonStringTest, EveryByteStringBecomesValidJson) {
  // Invalid UTF-8 never reaches here in production; if it did, the output must still parse.
  for (const std::string text : {std::string("\xC3\x28"), std::string("ok\xFF"), std::string("\xE3\x81"),
                                 std::string("a\"\xF0\x9F\x98\x80\"")}) {
    const std::string json = Quoted(text);
    EXPECT_NO_THROW((void)nlohmann::json::parse(json)) << json;
  }
  EXPECT_EQ(nlohmann::json::parse(Quoted("a\"\xF0\x9F\x98\x80\"")).get<std::string>(), "a\"\xF0\x9F\x98\x80\"");
  EXPECT_EQ(nlohmann::json::parse(Quoted("ok\xFF")).get<std::string>(), "ok\xEF\xBF\xBD");
}

}  // namespace
}  // namespace crosswalk
