// Regression tests for inputs that once took quadratic time: a CSV row of a million fields (its
// columns were counted from the line start for every field: ~1,000 s) and a JSON record of 100,000
// members (each checked against every earlier one for a repeat: 28 s). They run the original
// sizes; ctest gives them a timeout (tests/connectors/CMakeLists.txt) that a linear reader meets
// by two orders of magnitude and the quadratic ones missed by more than one.
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "connectors/files/json_record.h"
#include "gateway/core/csv_reader.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace crosswalk::files {
namespace {

constexpr int kFields = 1000000;

// "管理," then fields "x," up to `last`, the last field: a 2 MB line. Columns count code points,
// so the two wide characters make bytes and columns differ.
std::string WideRow(const std::string& last) {
  std::string line = "管理,";
  line.reserve(2 * kFields + 16);
  for (int i = 2; i < kFields; ++i) line += "x,";
  return line + last + "\n";
}

// The column of the last field: "管理," is 3 code points, each "x," 2.
constexpr int kLastColumn = 3 + 2 * (kFields - 2) + 1;

TEST(LinearInputTest, CsvRowOfAMillionFieldsKeepsEveryColumn) {
  std::istringstream in(WideRow("last"));
  CsvReader reader(in);
  auto record = reader.Next();
  ASSERT_TRUE(record.ok()) << record.status();
  ASSERT_TRUE(record->has_value());
  const std::vector<CsvField>& fields = (*record)->fields;
  ASSERT_EQ(fields.size(), static_cast<size_t>(kFields));
  EXPECT_EQ(fields[1].column, 4);
  EXPECT_EQ(fields[500000].column, 3 + 2 * (500000 - 1) + 1);
  EXPECT_EQ(fields.back().value, "last");
  EXPECT_EQ(fields.back().column, kLastColumn);
}

TEST(LinearInputTest, CsvErrorInTheLastOfAMillionFieldsNamesItsColumn) {
  std::istringstream in(WideRow("ab\"c"));
  CsvReader reader(in);
  auto record = reader.Next();
  EXPECT_EQ(record.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(reader.error_line(), 1);
  EXPECT_EQ(reader.error_column(), kLastColumn + 2);  // the quote, after "ab"
  EXPECT_THAT(reader.error_text(), testing::HasSubstr("double quote inside an unquoted field"));
}

TEST(LinearInputTest, JsonRecordOfAHundredThousandMembersWithARepeat) {
  constexpr int kMembers = 100000;
  std::string text = "{";
  for (int i = 0; i < kMembers; ++i) absl::StrAppend(&text, "\"k", i, "\":\"v", i, "\",");
  text += "\"k50000\":\"again\"}";
  std::vector<SourceField> fields;
  size_t consumed = 0, error_offset = 0;
  int newlines = 0;
  absl::Status status = ParseJsonRecord(text, 64, &fields, &consumed, &newlines, &error_offset);
  ASSERT_TRUE(status.ok()) << status;
  EXPECT_EQ(consumed, text.size());
  ASSERT_EQ(fields.size(), static_cast<size_t>(kMembers)) << "the repeat adds no field";
  EXPECT_EQ(fields[50000].name, "k50000");
  EXPECT_EQ(fields[50000].value, "again") << "a repeat keeps the first position, last value";
  EXPECT_EQ(fields[49999].value, "v49999");
  EXPECT_EQ(fields.back().name, "k99999");
}

}  // namespace
}  // namespace crosswalk::files
