#include "gateway/core/terminal_text.h"

#include <string>

#include "gtest/gtest.h"

namespace crosswalk {
namespace {

struct Case {
  const char* name;
  std::string text;
  std::string shown;
};

TEST(TerminalSafeTest, ShowsEveryControlCharacterAsAVisibleEscape) {
  const Case cases[] = {
      {"plain ASCII", "Mail server down", "Mail server down"},
      {"Japanese and accents", "メール障害 é", "メール障害 é"},
      {"clear screen and retitle", "\x1b[2J\x1b]0;pwned\x07", "\\x1b[2J\\x1b]0;pwned\\x07"},
      {"NUL, backspace, DEL", std::string("a\0b\bc\x7f", 6), "a\\x00b\\x08c\\x7f"},
      {"tab, newline, carriage return", "a\tb\nc\rd", "a\\tb\\nc\\rd"},
      {"C1 CSI as UTF-8 (U+009B)", "x\xc2\x9b" "2J", "x\\u009b2J"},
      {"C1 NEL (U+0085)", "x\xc2\x85y", "x\\u0085y"},
      {"lone 0x9B byte (CSI on 8-bit terminals)", "x\x9b" "2J", "x\\x9b2J"},
      {"truncated UTF-8", "ab\xe3\x83", "ab\\xe3\\x83"},
      {"U+00A0 is printable", "ISO\xc2\xa0" "27001", "ISO\xc2\xa0" "27001"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const std::string shown = TerminalSafe(c.text);
    EXPECT_EQ(shown, c.shown);
    EXPECT_EQ(shown.find('\x1b'), std::string::npos);
  }
}

}  // namespace
}  // namespace crosswalk
