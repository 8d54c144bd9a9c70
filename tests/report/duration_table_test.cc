// The report tables: the loader's errors at file:line:column, and the shipped cadence and
// resolution-target tables against the record kinds and priorities of mappings/rules/.

#include "gateway/report/duration_table.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "gateway/core/csv_table.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace crosswalk::report {
namespace {

using ::testing::HasSubstr;

std::string Write(const std::string& name, const std::string& text) {
  const std::string path =
      (std::filesystem::temp_directory_path() / (std::to_string(::getpid()) + "-" + name)).string();
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

TEST(DurationTableTest, ReadsRowsInTheirUnit) {
  const std::string path = Write("report-cadence-ok.csv",
                                 "note,kind,days,basis,extra\n\"SoA, yearly\",control,365,derived,x\n\n"
                                 "continuous,incident,90,derived,\n");
  auto table = LoadCadence(path);
  ASSERT_TRUE(table.ok()) << table.status();
  ASSERT_EQ(table->rows.size(), 2u);
  EXPECT_EQ(table->rows[0].key, "control");
  EXPECT_EQ(table->rows[0].amount, 365);
  EXPECT_EQ(table->rows[0].seconds, 365 * 86400);
  EXPECT_EQ(table->rows[0].note, "SoA, yearly");
  EXPECT_EQ(table->rows[1].line, 4);
  ASSERT_NE(table->Find("incident"), nullptr);
  EXPECT_EQ(table->Find("incident")->seconds, 90 * 86400);
  EXPECT_EQ(table->Find("risk"), nullptr);

  auto targets = LoadResolutionTargets(Write("report-targets-ok.csv", "priority,hours,basis,note\nhigh,8,derived,n\n"));
  ASSERT_TRUE(targets.ok()) << targets.status();
  EXPECT_EQ(targets->Find("high")->seconds, 8 * 3600);
}

TEST(DurationTableTest, BadRowsNameFileLineAndColumn) {
  struct Case {
    const char* name;
    const char* rows;  // after the header kind,days,basis,note
    const char* expected;
  };
  for (const Case& c : {
           Case{"not a slug", "Control,365,derived,n\n", ":2:1: kind 'Control' is not a lower-case slug"},
           Case{"zero days", "control,0,derived,n\n", ":2:9: days '0' is not a whole number from 1 to 36500"},
           Case{"not a number", "ok,1,derived,n\ncontrol,1y,derived,n\n", ":3:9: days '1y' is not a whole number"},
           Case{"unknown basis", "control,365,guess,n\n", ":2:13: basis 'guess' is not one of seed, published, derived"},
           Case{"no note", "control,365,derived,\n", ":2:21: a note saying why is required"},
           Case{"twice", "control,365,derived,n\nrisk,1,derived,n\ncontrol,30,derived,n\n",
                ":4:1: kind 'control' is given twice (first at line 2)"},
           Case{"wrong width", "control,365,derived\n", ":2:1: expected 4 fields, found 3"},
       }) {
    SCOPED_TRACE(c.name);
    const std::string path = Write("report-cadence-bad.csv", std::string("kind,days,basis,note\n") + c.rows);
    auto table = LoadCadence(path);
    ASSERT_EQ(table.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(std::string(table.status().message()), HasSubstr(path + c.expected));
  }
  auto no_column = LoadCadence(Write("report-cadence-nocol.csv", "kind,days,note\ncontrol,1,n\n"));
  EXPECT_EQ(no_column.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(no_column.status().message()), HasSubstr(":1:1: header lacks column 'basis'"));
  EXPECT_EQ(LoadCadence("/nonexistent/cadence.csv").status().code(), absl::StatusCode::kNotFound);
}

// The values of `field` in mappings/rules/<file> under `column`, filtered by `filter_column`.
std::set<std::string> RuleValues(const std::string& file, const std::string& column,
                                 const std::string& filter_column = "", const std::string& filter = "") {
  auto table = ReadCsvTable(std::string(CROSSWALK_SOURCE_MAPPINGS_DIR) + "/rules/" + file, {column});
  EXPECT_TRUE(table.ok()) << table.status();
  std::set<std::string> values;
  if (!table.ok()) return values;
  for (const CsvRecord& row : table->rows) {
    if (filter_column.empty() || table->Value(row, filter_column) == filter) values.insert(table->Value(row, column));
  }
  return values;
}

TEST(DurationTableTest, ShippedCadenceNamesKnownKinds) {
  auto table = LoadCadence(std::string(CROSSWALK_SOURCE_MAPPINGS_DIR) + "/reports/cadence.csv");
  ASSERT_TRUE(table.ok()) << table.status();
  const std::set<std::string> kinds = RuleValues("kinds.csv", "kind");
  for (const DurationRow& row : table->rows) {
    EXPECT_TRUE(kinds.count(row.key)) << row.key << " is not in rules/kinds.csv";
    EXPECT_EQ(row.basis, "derived") << row.key;
  }
  EXPECT_EQ(table->Find("control")->amount, 365);
  EXPECT_EQ(table->Find("risk")->amount, 365);
  EXPECT_EQ(table->Find("incident")->amount, 90);
}

TEST(DurationTableTest, ShippedTargetsNameCanonicalPriorities) {
  auto table = LoadResolutionTargets(std::string(CROSSWALK_SOURCE_MAPPINGS_DIR) + "/reports/resolution-targets.csv");
  ASSERT_TRUE(table.ok()) << table.status();
  const std::set<std::string> priorities = RuleValues("values.csv", "value", "field", "priority");
  std::set<std::string> keys;
  for (const DurationRow& row : table->rows) {
    keys.insert(row.key);
    EXPECT_EQ(row.basis, "derived") << row.key;
  }
  EXPECT_EQ(keys, priorities);  // one target for every canonical priority
  EXPECT_EQ(table->Find("critical")->seconds, 4 * 3600);
}

}  // namespace
}  // namespace crosswalk::report
