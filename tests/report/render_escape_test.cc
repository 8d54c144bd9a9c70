// Record and mapping text in the md, table and html reports renders as that text: no HTML, no
// Markdown link or extra table column, no terminal escape sequence gets through (issue 15).

#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "gateway/report/report_document.h"
#include "gateway/report/report_render.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace crosswalk::report {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const std::string kHostile =
    "<script>alert(1)</script> | [x](javascript:alert(1))\n# owned *b* _i_ `c` \\ & "
    "\x1b[2J\x1b]0;pwned\x07 \xc2\x9b" "2J";

// A document whose every text field that comes from records or mapping data is hostile.
ReportDocument HostileDocument() {
  ReportDocument d;
  d.target = "iso20000-1:2018";
  d.coverage.target = d.target;
  d.coverage.target_title = kHostile;
  ClauseCoverage clause;
  clause.ref = "8.6.1";
  clause.title_en = kHostile;
  clause.status = "not-covered";
  clause.freshness = "none";
  clause.maturity_rule = kHostile;
  d.coverage.clauses.push_back(clause);
  SharedItem shared;
  shared.record.source = "sn-incidents";
  shared.record.native_id = kHostile;
  shared.title = kHostile;
  d.coverage.shared.push_back(shared);
  return d;
}

// The number of `|` that delimit cells (not escaped as `\|`).
int Delimiters(const std::string& line) {
  int count = 0;
  for (size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '|' && (i == 0 || line[i - 1] != '\\')) ++count;
  }
  return count;
}

TEST(RenderEscapeTest, MarkdownEscapesHtmlLinksAndTableSyntax) {
  for (ReportKind kind : {ReportKind::kCoverage, ReportKind::kShared, ReportKind::kGaps}) {
    SCOPED_TRACE(KindName(kind));
    auto md = RenderReport(HostileDocument(), kind, {"md", "en"});
    ASSERT_TRUE(md.ok()) << md.status();
    const std::string& text = md->content;
    EXPECT_THAT(text, Not(HasSubstr("<script")));
    EXPECT_THAT(text, HasSubstr("&lt;script&gt;alert(1)&lt;/script&gt;"));
    EXPECT_THAT(text, Not(HasSubstr("[x](")));
    EXPECT_THAT(text, HasSubstr("\\[x\\](javascript:alert(1))"));
    EXPECT_THAT(text, HasSubstr("\\*b\\* \\_i\\_ \\`c\\` \\\\ &amp;"));
    EXPECT_THAT(text, HasSubstr("<br>"));
    EXPECT_EQ(text.find('\x1b'), std::string::npos);
    EXPECT_EQ(text.find('\x07'), std::string::npos);
    EXPECT_EQ(text.find("\xc2\x9b"), std::string::npos);
    int header_delimiters = -1;
    for (const std::string& line : std::vector<std::string>(absl::StrSplit(text, '\n'))) {
      EXPECT_FALSE(absl::StartsWith(line, "# owned")) << line;
      if (!absl::StartsWith(line, "|")) continue;
      // Every row of a table has the header's number of cells.
      if (header_delimiters < 0 || absl::StartsWith(line, "|---")) {
        header_delimiters = Delimiters(line);
        continue;
      }
      EXPECT_EQ(Delimiters(line), header_delimiters) << line;
    }
    EXPECT_GT(header_delimiters, 0);
  }
}

TEST(RenderEscapeTest, TerminalTableShowsControlCharactersAsEscapes) {
  for (ReportKind kind : {ReportKind::kCoverage, ReportKind::kShared, ReportKind::kAll}) {
    SCOPED_TRACE(KindName(kind));
    auto table = RenderReport(HostileDocument(), kind, {"table", "en"});
    ASSERT_TRUE(table.ok()) << table.status();
    EXPECT_EQ(table->content.find('\x1b'), std::string::npos);
    EXPECT_EQ(table->content.find('\x07'), std::string::npos);
    EXPECT_EQ(table->content.find("\xc2\x9b"), std::string::npos);
    EXPECT_THAT(table->content, HasSubstr("\\x1b[2J\\x1b]0;pwned\\x07 \\u009b2J"));
  }
}

TEST(RenderEscapeTest, HtmlDashboardEscapesTheSameText) {
  auto html = RenderReport(HostileDocument(), ReportKind::kAll, {"html", "en"});
  ASSERT_TRUE(html.ok()) << html.status();
  EXPECT_THAT(html->content, Not(HasSubstr("<script>alert")));
  EXPECT_THAT(html->content, Not(HasSubstr("href=\"javascript")));
  EXPECT_THAT(html->content, HasSubstr("&lt;script&gt;alert(1)&lt;&#47;script&gt;"));
}

}  // namespace
}  // namespace crosswalk::report
