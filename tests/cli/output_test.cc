// The CLI's table output never passes a record's control characters to the terminal (issue 15);
// csv stays formula-safe and json keeps the text.
#include "tools/cli/output.h"

#include <algorithm>
#include <sstream>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace crosswalk::cli {
namespace {

using ::testing::HasSubstr;

OutputTable HostileRecord() {
  OutputTable table;
  table.columns = {"native_id", "title"};
  table.rows.push_back({std::string("INC1"),
                        std::string("Mail\x1b[2J\x1b]0;pwned\x07 down\r\b\x7f \xc2\x9b" "2J \x9b")});
  table.rows.push_back({std::string("=HYPERLINK(\"x\")"), std::string("line one\nline two")});
  return table;
}

std::string Rendered(Format format) {
  std::ostringstream out;
  Render(HostileRecord(), format, out);
  return out.str();
}

TEST(OutputTest, TableShowsControlCharactersAsVisibleEscapes) {
  const std::string table = Rendered(Format::kTable);
  for (char control : {'\x1b', '\x07', '\r', '\b', '\x7f', '\x9b'}) {
    EXPECT_EQ(table.find(control), std::string::npos) << static_cast<int>(control);
  }
  EXPECT_EQ(table.find("\xc2\x9b"), std::string::npos);
  EXPECT_THAT(table, HasSubstr("Mail\\x1b[2J\\x1b]0;pwned\\x07 down\\r\\x08\\x7f \\u009b2J \\x9b"));
  EXPECT_THAT(table, HasSubstr("line one\\nline two"));
  // One line per row (plus header and rule): a newline in a cell does not break the table.
  EXPECT_EQ(std::count(table.begin(), table.end(), '\n'), 4);
}

TEST(OutputTest, CsvStaysFormulaSafe) {
  EXPECT_THAT(Rendered(Format::kCsv), HasSubstr("\"'=HYPERLINK(\"\"x\"\")\""));
}

// A negative number cell (a licence position of −1) stays a number; the same text as a text
// cell is guarded, since only the CLI's own integers are known to be plain numbers.
TEST(OutputTest, CsvNumberCellsAreNumbers) {
  OutputTable table;
  table.columns = {"position", "note"};
  table.rows.push_back({-1, std::string("-1+cmd")});
  std::ostringstream out;
  Render(table, Format::kCsv, out);
  EXPECT_EQ(out.str(), "position,note\n-1,'-1+cmd\n");
}

}  // namespace
}  // namespace crosswalk::cli
