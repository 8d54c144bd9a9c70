// Fitting text into terminal columns: CJK counts 2, combining marks 0, cuts end in an ellipsis.
#include "tools/cli/text_width.h"

#include <cstdlib>
#include <sstream>

#include "gateway/core/text_width.h"
#include "gateway/core/unicode.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tools/cli/output.h"
#include "tools/cli/progress_line.h"

namespace crosswalk {
namespace {

using ::testing::ElementsAre;

TEST(FitToWidthTest, ShortTextIsUnchanged) {
  EXPECT_EQ(FitToWidth("incident", 8), "incident");
  EXPECT_EQ(FitToWidth("インシデント", 12), "インシデント");
}

TEST(FitToWidthTest, AsciiIsCutWithAnEllipsis) {
  EXPECT_EQ(FitToWidth("incident", 7), "incide…");
  EXPECT_EQ(DisplayWidth(FitToWidth("incident", 7)), 7);
  EXPECT_EQ(FitToWidth("incident", 1), "…");
  EXPECT_EQ(FitToWidth("incident", 0), "");
}

TEST(FitToWidthTest, WideCharactersAreNeverSplit) {
  // 6 characters of width 2: 7 columns take 3 of them and the ellipsis.
  EXPECT_EQ(FitToWidth("インシデント", 7), "インシ…");
  // 8 columns: 3 characters (6) and the ellipsis (1); the 4th would need 2.
  EXPECT_EQ(FitToWidth("インシデント", 8), "インシ…");
  EXPECT_EQ(DisplayWidth(FitToWidth("インシデント", 8)), 7);
  EXPECT_EQ(FitToWidth("Ａ５．３ control", 6), "Ａ５…");
}

TEST(FitToWidthTest, CombiningMarksStayWithTheirBase) {
  // "e" + U+0301 (combining acute) four times: width 4.
  const std::string text = "e\xCC\x81" "e\xCC\x81" "e\xCC\x81" "e\xCC\x81";
  EXPECT_EQ(DisplayWidth(text), 4);
  EXPECT_EQ(FitToWidth(text, 4), text);
  EXPECT_EQ(FitToWidth(text, 3), "e\xCC\x81" "e\xCC\x81" "…");
  // か + U+3099 (combining voiced mark) = が: two columns, kept together.
  EXPECT_EQ(FitToWidth("か\xE3\x82\x99か\xE3\x82\x99か\xE3\x82\x99", 4), "か\xE3\x82\x99…");
}

TEST(WrapToWidthTest, BreaksAfterSpacesAndIndentsContinuations) {
  EXPECT_THAT(WrapToWidth("one two three four", 9), ElementsAre("one two", "three", "four"));
  EXPECT_THAT(WrapToWidth("one two three four", 9, 2), ElementsAre("one two", "  three", "  four"));
  EXPECT_THAT(WrapToWidth("short", 9), ElementsAre("short"));
}

TEST(WrapToWidthTest, BreaksCjkBetweenCharactersAndKeepsCombiningMarks) {
  // 9 characters of width 2 in 6 columns: 3 a line.
  EXPECT_THAT(WrapToWidth("適用範囲の確認結果", 6), ElementsAre("適用範", "囲の確", "認結果"));
  EXPECT_THAT(WrapToWidth("か\xE3\x82\x99か\xE3\x82\x99か\xE3\x82\x99", 4),
              ElementsAre("か\xE3\x82\x99か\xE3\x82\x99", "か\xE3\x82\x99"));
  for (const std::string& line : WrapToWidth("スコープ確認 (JIPDEC guide JIP-ITSMS112-2.1 第3章・付録C) の結果", 20)) {
    EXPECT_LE(DisplayWidth(line), 20) << line;
  }
}

TEST(WrapToWidthTest, WrapLinesLeavesShortLinesAndNoLimitAlone) {
  EXPECT_EQ(WrapLines("a b\nshort\n", 4), "a b\nshor\n  t\n");
  EXPECT_EQ(WrapLines("a long line\n", 0), "a long line\n");
}

TEST(FitColumnsTest, NoLimitKeepsNaturalWidths) {
  EXPECT_THAT(FitColumns({10, 50, 5}, {4, 5, 5}, 2, 0), ElementsAre(10, 50, 5));
  EXPECT_THAT(FitColumns({10, 50, 5}, {4, 5, 5}, 2, 80), ElementsAre(10, 50, 5));
}

TEST(FitColumnsTest, TheWidestColumnsGiveUpFirst) {
  // 10 + 50 + 30 + 4 gaps = 94 > 60: 34 columns come off the widest ones.
  const std::vector<int> widths = FitColumns({10, 50, 30}, {4, 5, 5}, 2, 60);
  EXPECT_THAT(widths, ElementsAre(10, 23, 23));
}

TEST(FitColumnsTest, HeadersGiveWayOnlyWhenNothingElseFits) {
  EXPECT_THAT(FitColumns({20, 20}, {12, 12}, 2, 26), ElementsAre(12, 12));
  EXPECT_THAT(FitColumns({20, 20}, {12, 12}, 2, 20), ElementsAre(9, 9));
  EXPECT_THAT(FitColumns({20, 20}, {12, 12}, 2, 4), ElementsAre(3, 3));
}

TEST(TableWidthTest, WideMeansNoLimitAndColumnsIsRead) {
  setenv("COLUMNS", "72", 1);
  EXPECT_EQ(cli::TableWidth(false), 72);
  EXPECT_EQ(cli::TableWidth(true), 0);
  unsetenv("COLUMNS");
}

TEST(RenderTableTest, EveryLineFitsTheWidth) {
  cli::OutputTable table;
  table.columns = {"kind", "native_id", "title"};
  table.rows.push_back({std::string("incident"), std::string("INC0001"),
                        std::string("メールサーバーが応答しない（全社）: mail server does not answer for the whole company")});
  table.rows.push_back({std::string("change"), std::string("CHG0001"), std::string("short")});
  cli::SetTableWidth(40);
  std::ostringstream out;
  cli::Render(table, cli::Format::kTable, out);
  cli::SetTableWidth(0);
  std::istringstream lines(out.str());
  int count = 0;
  for (std::string line; std::getline(lines, line); ++count) EXPECT_LE(DisplayWidth(line), 40) << line;
  EXPECT_EQ(count, 4);
  EXPECT_THAT(out.str(), ::testing::HasSubstr("メールサーバー"));
  EXPECT_THAT(out.str(), ::testing::HasSubstr("…"));
  EXPECT_THAT(out.str(), ::testing::HasSubstr("short"));
}

}  // namespace
}  // namespace crosswalk

// The sync progress figures: percentage, rate and ETA with a total, count and rate without.
namespace crosswalk::cli {
namespace {

TEST(ProgressFiguresTest, KnownTotalShowsPercentRateAndEta) {
  EXPECT_EQ(ProgressFigures(250, 1000, 5.0), "250/1000 25% 50/s ETA 0:15");
  EXPECT_EQ(ProgressFigures(100, 10000, 1.0), "100/10000 1% 100/s ETA 1:39");
  EXPECT_EQ(ProgressFigures(0, 1000, 0.0), "0/1000 0% -/s ETA --:--");
  EXPECT_EQ(ProgressFigures(1200, 1000, 2.0), "1000/1000 100% 600/s ETA 0:00");
}

TEST(ProgressFiguresTest, UnknownTotalShowsCountAndRate) {
  EXPECT_EQ(ProgressFigures(300, 0, 2.0), "300 records 150/s");
  EXPECT_EQ(ProgressFigures(0, 0, 0.0), "0 records -/s");
}

// Without a terminal: the first report of each source's run, then one line per 5 s however many
// pages come between (500 pages of a 1M-record sync were 500 lines).
TEST(LogThrottleTest, TheFirstReportOfASourceThenOneEveryInterval) {
  LogThrottle throttle(std::chrono::seconds(5));
  const auto t0 = std::chrono::steady_clock::time_point(std::chrono::seconds(1000));
  int lines = 0;
  for (int page = 0; page < 500; ++page) lines += throttle.Due("big", t0 + std::chrono::milliseconds(40 * page)) ? 1 : 0;
  EXPECT_EQ(lines, 4);  // at 0, 5, 10 and 15 s of the 20 s run
  EXPECT_TRUE(throttle.Due("other", t0 + std::chrono::milliseconds(20'000)));  // another source: at once
  EXPECT_TRUE(throttle.Due("big", t0 + std::chrono::milliseconds(20'001)));    // and back
  EXPECT_FALSE(throttle.Due("big", t0 + std::chrono::milliseconds(24'000)));
}

}  // namespace
}  // namespace crosswalk::cli
