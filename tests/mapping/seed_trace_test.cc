// Every seed row can say where it came from: its `source_line` lies inside the range of the table
// it names, and the seed text from that line on holds the row's evidence (a ref, a Japanese title,
// the term). Built only when the seed text is present (see this folder's CMakeLists.txt).

#include <fstream>
#include <map>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "gtest/gtest.h"
#include "gateway/mapping/mapping_engine.h"
#include "gateway/mapping/mapping_loader.h"

namespace crosswalk::mapping {
namespace {

// Where each seed label's evidence lies in the seed text (inclusive line ranges, read from the
// seed: caption or first cell to the last cell or closing note).
const std::map<std::string, std::pair<int, int>>& LabelRanges() {
  static const auto* ranges = new std::map<std::string, std::pair<int, int>>{
      {"Table 1-1", {336, 430}},     {"Table 5-1", {5660, 5966}},
      {"Figure 5-5", {5610, 5660}},  {"Section 6.2", {6217, 6490}},
      {"Figure 6-1", {6600, 6750}},  {"Table 7-7", {7290, 7390}},
      {"Table 7-8", {7392, 7480}},   {"Table A-1", {9950, 9992}},
      {"Table B-1", {10015, 10290}}, {"Section 8.4", {7782, 7912}},
      {"Section 8.7", {8193, 8240}}};
  return *ranges;
}

class SeedTraceTest : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    lines_ = new std::vector<std::string>{""};  // 1-based
    std::ifstream in(CROSSWALK_SEED_FILE);
    for (std::string line; std::getline(in, line);) lines_->push_back(line);
    auto data = LoadValidMappings(CROSSWALK_SOURCE_MAPPINGS_DIR);
    ASSERT_TRUE(data.ok()) << data.status();
    engine_ = new MappingEngine(std::move(*data));
  }
  static void TearDownTestSuite() {
    delete engine_;
    delete lines_;
  }

  // The seed text from `line` over `count` lines, with the spaces the PDF extraction inserted
  // (ASCII and ideographic) and the line breaks removed.
  static std::string Window(int line, int count) {
    std::string text;
    for (int i = line; i < line + count && i < static_cast<int>(lines_->size()); ++i) {
      text += (*lines_)[i];
    }
    return Squeeze(text);
  }

  static std::string Squeeze(const std::string& text) {
    return absl::StrReplaceAll(text, {{" ", ""}, {"\u3000", ""}, {"\t", ""}});
  }

  static void ExpectInRange(const std::string& source, int line, const std::string& where) {
    const std::string label = source.substr(std::string(kSeedDocument).size() + 1);
    auto range = LabelRanges().find(label);
    if (range == LabelRanges().end()) return;  // labels of catalog sources are free text
    EXPECT_GE(line, range->second.first) << where << " cites " << source;
    EXPECT_LE(line, range->second.second) << where << " cites " << source;
  }

  static MappingEngine* engine_;
  static std::vector<std::string>* lines_;
};

MappingEngine* SeedTraceTest::engine_ = nullptr;
std::vector<std::string>* SeedTraceTest::lines_ = nullptr;

std::string Where(const Origin& origin) { return absl::StrCat(origin.file, ":", origin.line); }

TEST_F(SeedTraceTest, SeedTextIsTheExpectedDocument) {
  ASSERT_GT(lines_->size(), 11000u);
  EXPECT_TRUE(absl::StrContains((*lines_)[5660], "表 5-1"));
}

TEST_F(SeedTraceTest, CrosswalkRowsCiteTheirEvidence) {
  int seed_rows = 0;
  for (const CrosswalkRow& row : engine_->data().crosswalks) {
    if (row.basis != Basis::kSeed) continue;
    ++seed_rows;
    const std::string where = Where(row.origin);
    ExpectInRange(row.source, row.source_line, where);
    // The evidence starts at source_line: within the next lines the seed names one end of the
    // pair, by its ref or by its Japanese title as the seed prints it, or says what the row's
    // note quotes.
    const std::string window = Window(row.source_line, 14);
    std::vector<std::string> keys;
    for (const auto& [catalog_id, ref] : {std::pair(row.from, row.from_ref), std::pair(row.to, row.to_ref)}) {
      if (ref.empty()) continue;
      const Catalog* catalog = engine_->data().FindCatalog(catalog_id);
      const CatalogItem* item = catalog ? catalog->Find(ref) : nullptr;
      if (ref.size() >= 3 || ref.find('.') != std::string::npos) keys.push_back(ref);
      if (ref == "A") keys.push_back("附属書A");
      if (item && !item->title_ja.empty()) keys.push_back(Squeeze(item->title_ja));
    }
    // A note that opens with a quotation of the seed is evidence too.
    const std::string note = Squeeze(row.note);
    if (note.size() >= 24) keys.push_back(note.substr(0, 24));
    bool found = false;
    for (const std::string& key : keys) found = found || absl::StrContains(window, key);
    EXPECT_TRUE(found) << where << ": none of the row's refs or titles is at seed line "
                       << row.source_line << ": " << window.substr(0, 300);
  }
  EXPECT_GT(seed_rows, 100);
}

TEST_F(SeedTraceTest, TermsStartAtTheirLine) {
  for (const Term& term : engine_->data().terms) {
    const std::string where = Where(term.origin);
    ExpectInRange(term.source, term.source_line, where);
    // A wrapped English term starts with its first word on the cited line.
    const std::string first_word = term.term_en.substr(0, term.term_en.find(' '));
    EXPECT_TRUE(absl::StartsWith(Squeeze((*lines_)[term.source_line]), first_word))
        << where << ": seed line " << term.source_line << " is '" << (*lines_)[term.source_line]
        << "', expected it to start with '" << first_word << "'";
    const std::string window = Window(term.source_line, 12);
    const std::string jis_head = Squeeze(term.jis_ja).substr(0, 6);  // two Japanese characters
    EXPECT_TRUE(absl::StrContains(window, jis_head)) << where << " jis_ja " << term.jis_ja;
    if (!term.itil_ja.empty()) {
      EXPECT_TRUE(absl::StrContains(window, Squeeze(term.itil_ja).substr(0, 6)))
          << where << " itil_ja " << term.itil_ja;
    }
    // The ⇔ mark stands between the JIS term and the ITIL term of the same row.
    if (!term.itil_ja.empty()) {
      const std::string jis = Squeeze(term.jis_ja);
      const size_t after_jis = window.find(jis) == std::string::npos
                                   ? 0
                                   : window.find(jis) + jis.size();
      const size_t itil_at = window.find(Squeeze(term.itil_ja), after_jis);
      const std::string row_text = window.substr(after_jis, itil_at - after_jis);
      EXPECT_EQ(term.differs, absl::StrContains(row_text, "⇔"))
          << where << ": the seed's ⇔ mark and differs=" << term.differs << " disagree";
    }
  }
}

TEST_F(SeedTraceTest, CatalogTitlesInJapaneseAreAsPrinted) {
  int checked = 0;
  for (const Catalog& catalog : engine_->data().catalogs) {
    for (const CatalogItem& item : catalog.items) {
      if (item.title_ja.empty() || item.source_line == 0) continue;
      ++checked;
      EXPECT_TRUE(absl::StrContains(Window(item.source_line, 6), Squeeze(item.title_ja)))
          << Where(item.origin) << ": '" << item.title_ja << "' is not printed at seed line "
          << item.source_line << ": " << Window(item.source_line, 6).substr(0, 200);
    }
  }
  EXPECT_GT(checked, 100);
}

TEST_F(SeedTraceTest, AnnotationsAndTopicsCiteTheirEvidence) {
  for (const Annotation& note : engine_->data().annotations) {
    ExpectInRange(note.source, note.source_line, Where(note.origin));
    if (note.value_ja.empty()) continue;
    const std::string head = Squeeze(note.value_ja).substr(0, 12);  // four Japanese characters
    const std::string window = Window(note.source_line, 10);
    EXPECT_TRUE(absl::StrContains(window, head) || absl::StartsWith(window, note.ref))
        << Where(note.origin) << ": '" << note.value_ja << "' at seed line " << note.source_line;
  }
  for (const Topic& topic : engine_->data().topics) {
    ExpectInRange(topic.source, topic.source_line, Where(topic.origin));
    EXPECT_TRUE(absl::StrContains(Window(topic.source_line, 4), Squeeze(topic.topic_ja).substr(0, 9)))
        << Where(topic.origin) << ": '" << topic.topic_ja << "' at seed line " << topic.source_line;
  }
}

}  // namespace
}  // namespace crosswalk::mapping
