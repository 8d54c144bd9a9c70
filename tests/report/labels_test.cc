// The reports' words as data (mappings/reports/labels.csv): the load checks, every label a renderer
// asks for exists, and with --lang ja no English status, severity, outcome, strength or
// relationship word and no English CSV header is left, judged against the labels data itself.
// Input: the example estate through the real connector and normaliser into a temporary SQLite
// store, BuildReport with the shipped mappings.

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gateway/core/csv_encoding.h"
#include "gateway/core/csv_reader.h"
#include "gateway/core/csv_table.h"
#include "gateway/core/time_text.h"
#include "gateway/report/report_document.h"
#include "gateway/report/report_labels.h"
#include "gateway/report/report_render.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/report/estate_store.h"

namespace crosswalk::report {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr ReportKind kTableKinds[] = {ReportKind::kCoverage, ReportKind::kShared, ReportKind::kGaps,
                                      ReportKind::kQuality, ReportKind::kService, ReportKind::kScope};

std::vector<std::vector<std::string>> ParseCsv(const std::string& text) {
  std::istringstream in(text);
  CsvReader reader(in);
  std::vector<std::vector<std::string>> rows;
  while (true) {
    auto record = reader.Next();
    EXPECT_TRUE(record.ok()) << record.status();
    if (!record.ok() || !record->has_value()) break;
    std::vector<std::string> cells;
    for (const CsvField& field : (*record)->fields) cells.push_back(field.value);
    rows.push_back(std::move(cells));
  }
  return rows;
}

// English texts of the value labels people read (status, severity, outcome, …) that differ from
// their Japanese, read from the shipped labels.csv — the words that must not survive --lang ja.
std::map<std::string, std::string> EnglishValueWords() {
  auto csv = ReadCsvTable(absl::StrCat(CROSSWALK_SOURCE_MAPPINGS_DIR, "/reports/labels.csv"), {"key", "en", "ja"});
  EXPECT_TRUE(csv.ok()) << csv.status();
  std::map<std::string, std::string> words;  // English → key
  if (!csv.ok()) return words;
  for (const CsvRecord& row : csv->rows) {
    const std::string key = csv->Value(row, "key");
    const std::string group = key.substr(0, key.find('.'));
    const bool value = group == "status" || group == "severity" || group == "outcome" || group == "strength" ||
                       group == "relationship" || group == "freshness" || group == "basis" || group == "value" ||
                       group == "maturity";
    if (value && csv->Value(row, "en") != csv->Value(row, "ja")) words[csv->Value(row, "en")] = key;
  }
  return words;
}

class LabelsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::path(::testing::TempDir()) / absl::StrCat("crosswalk-labels-", getpid()));
    fs::remove_all(*dir_);
    fs::create_directories(*dir_);
    ASSERT_TRUE(InstallReportLabels(CROSSWALK_SOURCE_MAPPINGS_DIR).ok());
    auto document = EstateReport(CROSSWALK_ESTATE_DIR, CROSSWALK_SOURCE_MAPPINGS_DIR, (*dir_ / "estate.db").string(),
                                 *ParseTimestamp("2026-12-01"));
    ASSERT_TRUE(document.ok()) << document.status();
    document_ = new ReportDocument(std::move(*document));
  }
  static void TearDownTestSuite() {
    delete document_;
    fs::remove_all(*dir_);
    delete dir_;
  }

  static std::string Render(ReportKind kind, const std::string& format, const std::string& lang,
                            const std::string& encoding = "") {
    RenderOptions options;
    options.format = format;
    options.lang = lang;
    options.encoding = encoding;
    auto rendered = RenderReport(*document_, kind, options);
    EXPECT_TRUE(rendered.ok()) << rendered.status();
    return rendered.ok() ? rendered->content : "";
  }

  static void WriteLabels(const std::string& text) {
    fs::create_directories(*dir_ / "bad" / "reports");
    std::ofstream(*dir_ / "bad" / "reports" / "labels.csv") << text;
  }

  static fs::path* dir_;
  static ReportDocument* document_;
};
fs::path* LabelsTest::dir_ = nullptr;
ReportDocument* LabelsTest::document_ = nullptr;

TEST_F(LabelsTest, EveryLabelTheRenderersUseIsInTheData) {
  for (const char* lang : {"en", "ja"}) {
    for (const char* format : {"table", "md", "json", "html", "xlsx"}) {
      Render(ReportKind::kAll, format, lang);
    }
    for (ReportKind kind : kTableKinds) Render(kind, "csv", lang);
    RenderOptions evidence{"html", lang, ""};
    ASSERT_TRUE(RenderReport(*document_, ReportKind::kEvidence, evidence).ok());
    evidence.format = "md";
    ASSERT_TRUE(RenderReport(*document_, ReportKind::kEvidence, evidence).ok());
  }
  EXPECT_THAT(MissingReportLabels(), IsEmpty());
  EXPECT_GT(ReportLabelKeys().size(), 150u);
}

TEST_F(LabelsTest, JapaneseCsvHasNoEnglishHeaderOrValueWord) {
  const std::map<std::string, std::string> english = EnglishValueWords();
  ASSERT_GT(english.size(), 20u);
  for (ReportKind kind : kTableKinds) {
    SCOPED_TRACE(KindName(kind));
    const std::vector<std::vector<std::string>> en = ParseCsv(Render(kind, "csv", "en"));
    const std::string ja_text = Render(kind, "csv", "ja");
    ASSERT_TRUE(absl::StartsWith(ja_text, "\xEF\xBB\xBF")) << "utf-8-bom is the default with ja";
    const std::vector<std::vector<std::string>> ja = ParseCsv(ja_text);
    ASSERT_FALSE(en.empty());
    ASSERT_EQ(ja.size(), en.size()) << "the same rows in both languages";
    ASSERT_EQ(ja[0].size(), en[0].size());
    for (size_t col = 0; col < ja[0].size(); ++col) {
      EXPECT_NE(ja[0][col], en[0][col]) << "English header left: " << en[0][col];
      for (const std::string& header : en[0]) EXPECT_NE(ja[0][col], header);
    }
    size_t translated = 0;
    for (size_t row = 1; row < ja.size(); ++row) {
      for (size_t col = 0; col < ja[row].size(); ++col) {
        auto word = english.find(ja[row][col]);
        EXPECT_TRUE(word == english.end()) << "row " << row << " column " << ja[0][col] << ": English '"
                                          << ja[row][col] << "' (" << word->second << ")";
        if (ja[row][col] != en[row][col]) ++translated;
      }
    }
    if (ja.size() > 1 && kind != ReportKind::kService) {
      EXPECT_GT(translated, 0u);
    }
  }
}

TEST_F(LabelsTest, JapaneseTablesAndJsonDisplayFieldsHaveNoEnglishValueWord) {
  const std::map<std::string, std::string> english = EnglishValueWords();
  const std::string md = Render(ReportKind::kAll, "md", "ja");
  for (absl::string_view line : absl::StrSplit(md, '\n')) {
    if (!absl::StartsWith(line, "| ")) continue;
    for (absl::string_view cell : absl::StrSplit(line, " | ")) {
      const std::string text(absl::StripSuffix(absl::StripPrefix(cell, "| "), " |"));
      EXPECT_EQ(english.count(text), 0u) << "English '" << text << "' in: " << line;
    }
  }
  const nlohmann::json json = nlohmann::json::parse(Render(ReportKind::kAll, "json", "ja"));
  int labels = 0;
  std::function<void(const nlohmann::json&)> walk = [&](const nlohmann::json& node) {
    if (node.is_object()) {
      for (auto it = node.begin(); it != node.end(); ++it) {
        if (absl::EndsWith(it.key(), "_label") && it.value().is_string()) {
          ++labels;
          EXPECT_EQ(english.count(it.value().get<std::string>()), 0u) << it.key() << ": " << it.value();
        }
        walk(it.value());
      }
    } else if (node.is_array()) {
      for (const auto& item : node) walk(item);
    }
  };
  walk(json);
  EXPECT_GT(labels, 100);
  // The keys stay English: the canonical value sits beside its label.
  EXPECT_EQ(json["coverage"][0].count("status"), 1u);
  EXPECT_EQ(json["coverage"][0]["status_label"],
            In(CoverageStatusLabel(json["coverage"][0]["status"].get<std::string>()), "ja"));
}

TEST_F(LabelsTest, EnglishCsvKeepsTheContractsNamesAndValues) {
  const std::vector<std::vector<std::string>> csv = ParseCsv(Render(ReportKind::kCoverage, "csv", "en"));
  ASSERT_GT(csv.size(), 1u);
  EXPECT_EQ(csv[0][0], "clause");
  EXPECT_EQ(csv[0][2], "status");
  const std::set<std::string> statuses = {"covered", "partial", "candidate", "nonconforming", "not-covered"};
  for (size_t row = 1; row < csv.size(); ++row) EXPECT_EQ(statuses.count(csv[row][2]), 1u) << csv[row][2];
}

TEST_F(LabelsTest, LabelDataIsCheckedAtLoad) {
  WriteLabels("key,en,ja\nheading.gaps,Gaps,\n");
  absl::Status status = InstallReportLabels((*dir_ / "bad").string());
  EXPECT_THAT(status.message(), HasSubstr("labels.csv:2:"));
  EXPECT_THAT(status.message(), HasSubstr("'heading.gaps' has no ja text"));
  WriteLabels("key,en,ja\nheading.gaps,Gaps,ギャップ\nheading.gaps,Gaps,ギャップ\n");
  EXPECT_THAT(InstallReportLabels((*dir_ / "bad").string()).message(), HasSubstr("labels.csv:3:1: label 'heading.gaps' is given twice"));
  WriteLabels("key,en,ja\ngaps,Gaps,ギャップ\n");
  EXPECT_THAT(InstallReportLabels((*dir_ / "bad").string()).message(), HasSubstr("is not <group>.<name>"));
  WriteLabels("key,en\nheading.gaps,Gaps\n");
  EXPECT_FALSE(InstallReportLabels((*dir_ / "bad").string()).ok());
  // A failed load leaves the table in use as it was.
  EXPECT_EQ(In(Heading("gaps"), "ja"), "ギャップ");
}

TEST_F(LabelsTest, CsvEncodings) {
  const std::string utf8 = Render(ReportKind::kCoverage, "csv", "ja", "utf-8");
  EXPECT_FALSE(absl::StartsWith(utf8, "\xEF\xBB\xBF"));
  EXPECT_EQ(Render(ReportKind::kCoverage, "csv", "ja", "utf-8-bom"), absl::StrCat("\xEF\xBB\xBF", utf8));
  EXPECT_FALSE(absl::StartsWith(Render(ReportKind::kCoverage, "csv", "en"), "\xEF\xBB\xBF"));
  // cp932 is checked byte for byte by Python's codecs in the end-to-end test; here its refusal.
  auto wave = EncodeCsv("a,b\r\nok,x\r\n波〜,y\r\n", "cp932");
  ASSERT_FALSE(wave.ok());
  EXPECT_THAT(wave.status().message(), HasSubstr("CSV line 3"));
  EXPECT_THAT(wave.status().message(), HasSubstr("U+301C"));
  EXPECT_THAT(wave.status().message(), HasSubstr("utf-8-bom"));
  auto sjis = EncodeCsv("規格,状況\r\n", "cp932");
  ASSERT_TRUE(sjis.ok());
  EXPECT_EQ(*sjis, "\x8B\x4B\x8A\x69,\x8F\xF3\x8B\xB5\r\n");
  RenderOptions options{"json", "en", ""};
  options.encoding = "cp932";
  EXPECT_THAT(RenderReport(*document_, ReportKind::kCoverage, options).status().message(), HasSubstr("applies to csv"));
  options.format = "csv";
  options.encoding = "latin1";
  EXPECT_THAT(RenderReport(*document_, ReportKind::kCoverage, options).status().message(),
              HasSubstr("expected utf-8, utf-8-bom or cp932"));
}

}  // namespace
}  // namespace crosswalk::report
