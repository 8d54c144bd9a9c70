#include "gateway/core/csv_reader.h"

#include <sstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/status_matchers.h"

namespace crosswalk {
namespace {

using namespace std::string_literals;

std::vector<CsvRecord> ReadAll(const std::string& text) {
  std::istringstream in(text);
  CsvReader reader(in);
  std::vector<CsvRecord> records;
  while (true) {
    auto next = reader.Next();
    EXPECT_TRUE(next.ok()) << next.status();
    if (!next.ok() || !next->has_value()) break;
    records.push_back(**next);
  }
  return records;
}

std::vector<std::string> Values(const CsvRecord& record) {
  std::vector<std::string> values;
  for (const CsvField& field : record.fields) values.push_back(field.value);
  return values;
}

TEST(CsvReaderTest, PlainQuotedAndEmptyFields) {
  auto records = ReadAll("a,b,c\n1,\"x, y\",\n\"he said \"\"hi\"\"\",,z\n");
  ASSERT_EQ(records.size(), 3u);
  EXPECT_THAT(Values(records[0]), testing::ElementsAre("a", "b", "c"));
  EXPECT_THAT(Values(records[1]), testing::ElementsAre("1", "x, y", ""));
  EXPECT_THAT(Values(records[2]), testing::ElementsAre("he said \"hi\"", "", "z"));
}

TEST(CsvReaderTest, QuotedFieldSpansLinesAndKeepsRecordLine) {
  auto records = ReadAll("h1,h2\r\n\"first\r\nsecond\",x\r\nnext,row\r\n");
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[1].line, 2);
  EXPECT_EQ(records[1].fields[0].value, "first\nsecond");
  EXPECT_EQ(records[1].fields[1].line, 3);
  EXPECT_EQ(records[2].line, 4);
}

TEST(CsvReaderTest, ColumnsCountCodePointsAndBomIsSkipped) {
  auto records = ReadAll("\xEF\xBB\xBFref,title\nA.1,管理策,x\n");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].fields[0].value, "ref");
  EXPECT_EQ(records[0].fields[0].column, 1);
  EXPECT_EQ(records[1].fields[2].column, 9);  // "A.1,管理策," is 8 code points
}

// Excel for Mac writes "CSV" with a lone CR after each row; it read as one long header before.
TEST(CsvReaderTest, LoneCrEndsALineAsLfAndCrlfDo) {
  struct Case {
    const char* name;
    std::string text;
  };
  for (const Case& c : {Case{"cr", "id,title\r1,Café\r\r2,\"two\rlines\"\r3,x"},
                        Case{"lf", "id,title\n1,Café\n\n2,\"two\nlines\"\n3,x"},
                        Case{"crlf", "id,title\r\n1,Café\r\n\r\n2,\"two\r\nlines\"\r\n3,x"},
                        Case{"mixed", "id,title\r\n1,Café\r\n2,\"two\rlines\"\n3,x\r"}}) {
    const bool blank = std::string(c.name) != "mixed";
    auto records = ReadAll(c.text);
    ASSERT_EQ(records.size(), blank ? 5u : 4u) << c.name;
    EXPECT_THAT(Values(records[0]), testing::ElementsAre("id", "title")) << c.name;
    EXPECT_THAT(Values(records[1]), testing::ElementsAre("1", "Café")) << c.name;
    if (blank) {
      EXPECT_TRUE(records[2].IsBlank()) << c.name;
    }
    const CsvRecord& two = records[blank ? 3 : 2];
    EXPECT_EQ(two.line, blank ? 4 : 3) << c.name;
    EXPECT_THAT(Values(two), testing::ElementsAre("2", "two\nlines")) << c.name;
    EXPECT_EQ(records.back().line, blank ? 6 : 5) << c.name;
    EXPECT_THAT(Values(records.back()), testing::ElementsAre("3", "x")) << c.name;
  }
}

TEST(CsvReaderTest, ColumnsOfManyFieldsAfterWideCharacters) {
  // Each field's column counts code points from the line start, across quoted and unquoted
  // fields and a trailing empty field.
  auto records = ReadAll("管理,\"a,b\",ü,\"\",x,\n");
  ASSERT_EQ(records.size(), 1u);
  std::vector<int> columns;
  for (const CsvField& field : records[0].fields) columns.push_back(field.column);
  EXPECT_THAT(columns, testing::ElementsAre(1, 4, 10, 12, 15, 17));
}

TEST(CsvReaderTest, BlankLineIsABlankRecord) {
  auto records = ReadAll("a\n\nb\n");
  ASSERT_EQ(records.size(), 3u);
  EXPECT_TRUE(records[1].IsBlank());
  EXPECT_FALSE(records[2].IsBlank());
}

struct BadCsvCase {
  std::string name;
  std::string text;
  int line;
  int column;
  std::string message;
};

void PrintTo(const BadCsvCase& c, std::ostream* os) { *os << c.name; }

class BadCsvTest : public testing::TestWithParam<BadCsvCase> {};

TEST_P(BadCsvTest, ErrorNamesLineAndColumn) {
  const BadCsvCase& c = GetParam();
  std::istringstream in(c.text);
  CsvReader reader(in);
  absl::Status status;
  while (true) {
    auto next = reader.Next();
    if (!next.ok()) {
      status = next.status();
      break;
    }
    if (!next->has_value()) break;
  }
  ASSERT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument,
                               testing::StartsWith("line " + std::to_string(c.line) + ", column " +
                                                   std::to_string(c.column) + ": ")))
      << c.name;
  EXPECT_EQ(reader.error_line(), c.line) << c.name;
  EXPECT_EQ(reader.error_column(), c.column) << c.name;
  EXPECT_THAT(reader.error_text(), testing::HasSubstr(c.message)) << c.name;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, BadCsvTest,
    testing::Values(BadCsvCase{"unclosed", "a,b\nx,\"never\nclosed\n", 2, 3, "never closed"},
                    BadCsvCase{"after_quote", "a,b\n\"x\"y,z\n", 2, 4, "after the closing quote"},
                    BadCsvCase{"bare_quote", "a,b\nab\"c,d\n", 2, 3, "double quote inside"},
                    BadCsvCase{"nul_unquoted", "a,b\nü,x\0y\n"s, 2, 4, "NUL byte"},
                    BadCsvCase{"nul_quoted", "a,b\nü,\"x\ny\0\"\n"s, 3, 2, "NUL byte"},
                    BadCsvCase{"nul_after_cr_line", "a,b\r1,2\r\0\r"s, 3, 1, "NUL byte"},
                    BadCsvCase{"after_quote_wide", "a,b\n管理,\"x\"y\n", 2, 7,
                               "after the closing quote"}),
    [](const testing::TestParamInfo<BadCsvCase>& info) { return info.param.name; });

TEST(CsvEscapeTest, QuotesAndNeutralisesFormulas) {
  EXPECT_EQ(CsvEscape("plain"), "plain");
  EXPECT_EQ(CsvEscape("a,b"), "\"a,b\"");
  EXPECT_EQ(CsvEscape("say \"x\""), "\"say \"\"x\"\"\"");
  EXPECT_EQ(CsvEscape("=SUM(A1)"), "'=SUM(A1)");
  EXPECT_EQ(CsvEscape("@cmd"), "'@cmd");
  EXPECT_EQ(CsvEscape("-1,2"), "\"'-1,2\"");
}

}  // namespace
}  // namespace crosswalk
