// The HTML dashboard (report_render_html.cc) and the evidence pack (report_render_evidence.cc) over
// the example estate, checked in a real headless Chromium by dashboard_check.py: the pages render
// (non-blank 1440×900 screenshots), every figure the dashboard marks with data-figure="<JSON path>"
// equals that value of the JSON report of kind `all`, its clause cells link to sections of the
// evidence pack that exist, the pack has every clause with the report's counts and records, and
// neither references anything outside itself. Skipped only when chromium is not installed. The
// estate gets SAM evidence records too (three positions, two exceptions), for the SAM section.

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "gateway/core/time_text.h"
#include "gateway/mapping/mapping_loader.h"
#include "gateway/report/report_document.h"
#include "gateway/report/report_html.h"
#include "gateway/report/report_render.h"
#include "gateway/sam/sam_evidence.h"
#include "gateway/store/sqlite_store.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/report/estate_store.h"

namespace crosswalk::report {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

// The first of `names` on PATH, or empty.
std::string OnPath(std::initializer_list<const char*> names) {
  const char* path = std::getenv("PATH");
  std::string dirs = path != nullptr ? path : "/usr/bin:/bin";
  for (const char* name : names) {
    size_t start = 0;
    while (start <= dirs.size()) {
      size_t end = dirs.find(':', start);
      if (end == std::string::npos) end = dirs.size();
      const fs::path candidate = fs::path(dirs.substr(start, end - start)) / name;
      std::error_code error;
      if (fs::is_regular_file(candidate, error) && access(candidate.c_str(), X_OK) == 0) return candidate;
      start = end + 1;
    }
  }
  return "";
}

void Write(const fs::path& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary);
  out << content;
  ASSERT_TRUE(out.good()) << path;
}

// Runs `command`, returning its exit status and (in `output`) stdout and stderr.
int RunCommand(const std::string& command, std::string* output) {
  FILE* pipe = popen(absl::StrCat(command, " 2>&1").c_str(), "r");
  if (pipe == nullptr) return -1;
  char buffer[4096];
  size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) output->append(buffer, n);
  return pclose(pipe);
}

// What crosswalkd stores of a licence position and its reconciliation (sam_evidence.h).
std::vector<Record> SamEvidence() {
  sam::SamReport report;
  report.as_of = *ParseTimestamp("2026-11-30");
  auto product = [&report](const char* publisher, const char* name, sam::Metric metric, int64_t owned, int64_t consumed) {
    sam::ProductPosition p;
    p.publisher = publisher;
    p.product = name;
    p.metric = metric;
    p.owned = owned;
    p.consumed = consumed;
    p.shortfall = std::max<int64_t>(0, consumed - owned);
    p.position = owned - consumed;
    report.position.products.push_back(p);
  };
  product("Adobe", "Acrobat", sam::Metric::kUser, 0, 3);
  product("Microsoft", "Office", sam::Metric::kDevice, 50, 41);
  product("Microsoft", "SQL Server", sam::Metric::kCore, 16, 24);
  const std::vector<sam::SamException> exceptions = {
      {"not-in-cmdb", "PC-002", "no CMDB CI has any of its identifiers: PC-002", "8.2.6", {"agents/device/PC-002"}},
      {"duplicate-device", "5CG1234ABC", "serial 5CG1234ABC is on 2 CMDB CIs: PC-001, PC-003", "8.2.6",
       {"sn-cmdb/CI-1", "sn-cmdb/CI-2"}}};
  return sam::EvidenceRecords(report, exceptions, report.as_of);
}

class DashboardTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    // CROSSWALK_DASHBOARD_DIR keeps the pages, the JSON and the screenshots there for a look.
    const char* keep = std::getenv("CROSSWALK_DASHBOARD_DIR");
    keep_ = keep != nullptr && *keep != '\0';
    dir_ = new fs::path(keep_ ? fs::path(keep)
                              : fs::path(::testing::TempDir()) / absl::StrCat("crosswalk-dashboard-", getpid()));
    if (!keep_) fs::remove_all(*dir_);
    fs::create_directories(*dir_);
    auto data = mapping::LoadValidMappings(CROSSWALK_SOURCE_MAPPINGS_DIR);
    ASSERT_TRUE(data.ok()) << data.status();
    const mapping::MappingEngine engine(std::move(*data));
    auto rules = RuleSet::Load(CROSSWALK_SOURCE_MAPPINGS_DIR);
    ASSERT_TRUE(rules.ok()) << rules.status();
    auto presets = files::PresetSet::Load(CROSSWALK_SOURCE_MAPPINGS_DIR);
    ASSERT_TRUE(presets.ok()) << presets.status();
    auto store = OpenSqliteStore((*dir_ / "estate.db").string());
    ASSERT_TRUE(store.ok()) << store.status();
    auto committed = CommitEstate(CROSSWALK_ESTATE_DIR, &engine, rules->get(), presets->get(), store->get());
    ASSERT_TRUE(committed.ok()) << committed.status();
    ASSERT_GT(*committed, 1000);
    ASSERT_TRUE(sam::WriteEvidence(**store, SamEvidence()).ok());
    ReportOptions options;
    options.as_of = *ParseTimestamp("2026-12-01");
    options.mappings_dir = CROSSWALK_SOURCE_MAPPINGS_DIR;
    auto document = BuildReport(store->get(), &engine, rules->get(), options);
    ASSERT_TRUE(document.ok()) << document.status();
    document_ = new ReportDocument(std::move(*document));
    Write(*dir_ / "report.json", RenderJson(*document_, ReportKind::kAll, "en"));
    for (const char* lang : {"en", "ja"}) {
      Write(*dir_ / absl::StrCat("report-", lang, ".html"), RenderHtml(*document_, lang));
      RenderOptions evidence;
      evidence.format = "html";
      evidence.lang = lang;
      auto pack = RenderReport(*document_, ReportKind::kEvidence, evidence);
      ASSERT_TRUE(pack.ok()) << pack.status();
      Write(*dir_ / absl::StrCat("evidence-", lang, ".html"), pack->content);
    }
  }
  static void TearDownTestSuite() {
    delete document_;
    if (dir_ != nullptr && !keep_) fs::remove_all(*dir_);
    delete dir_;
  }

  void SetUp() override { ASSERT_NE(document_, nullptr) << "the estate's report was not built"; }

  static std::string Html(const char* lang) {
    std::ifstream in(*dir_ / absl::StrCat("report-", lang, ".html"), std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }

  static bool keep_;
  static fs::path* dir_;
  static ReportDocument* document_;
};
bool DashboardTest::keep_ = false;
fs::path* DashboardTest::dir_ = nullptr;
ReportDocument* DashboardTest::document_ = nullptr;

TEST_F(DashboardTest, RendersInChromiumWithTheFiguresOfTheJson) {
  const std::string chromium = OnPath({"chromium", "chromium-browser"});
  if (chromium.empty()) GTEST_SKIP() << "chromium is not installed (tools/setup installs it)";
  std::string output;
  const int status = RunCommand(
      absl::StrCat("/usr/bin/python3 ", CROSSWALK_DASHBOARD_CHECK, " ", chromium, " ", dir_->string()), &output);
  EXPECT_EQ(status, 0) << output;
  std::printf("%s", output.c_str());
}

// The checker is not vacuous: a wrong figure, an external reference, a number without its
// data-figure and a blank page are each reported.
TEST_F(DashboardTest, CheckerReportsPlantedDefects) {
  const std::string chromium = OnPath({"chromium", "chromium-browser"});
  if (chromium.empty()) GTEST_SKIP() << "chromium is not installed (tools/setup installs it)";
  const fs::path planted = *dir_ / "planted";
  fs::create_directories(planted);
  fs::copy_file(*dir_ / "report.json", planted / "report.json", fs::copy_options::overwrite_existing);
  std::string en = Html("en");
  const int covered = Summarize(*document_).covered;
  const std::string figure = absl::StrCat("data-figure=\"summary.covered\">", covered, "<");
  ASSERT_NE(en.find(figure), std::string::npos);
  en.replace(en.find(figure), figure.size(), absl::StrCat("data-figure=\"summary.covered\">", covered + 1, "<"));
  en.replace(en.find("</main>"), 0, "<a href=\"https://example.org/\">x</a><table><tr><td class=\"num\">7</td></tr></table>");
  Write(planted / "report-en.html", en);
  Write(planted / "report-ja.html", "<!DOCTYPE html><html lang=\"ja\"><body></body></html>");
  // The evidence pack: one count off in 8.5.1.3's section, and none beside the ja page.
  std::ifstream in(*dir_ / "evidence-en.html", std::ios::binary);
  std::string pack((std::istreambuf_iterator<char>(in)), {});
  const size_t section = pack.find("id=\"clause-8.5.1.3\"");
  ASSERT_NE(section, std::string::npos);
  const size_t count = pack.find("<span class=\"count\">", section);
  ASSERT_NE(count, std::string::npos);
  pack.insert(count + std::string("<span class=\"count\">").size(), "9");
  Write(planted / "evidence-en.html", pack);
  std::string output;
  EXPECT_NE(RunCommand(absl::StrCat("/usr/bin/python3 ", CROSSWALK_DASHBOARD_CHECK, " ", chromium, " ",
                                    planted.string()), &output), 0);
  EXPECT_THAT(output, HasSubstr(absl::StrCat("en: data-figure='summary.covered' shows '", covered + 1, "'")));
  EXPECT_THAT(output, HasSubstr("en: external reference 'https:'"));
  EXPECT_THAT(output, HasSubstr("en: <a href='https://example.org/'> is not a data: URL"));
  EXPECT_THAT(output, HasSubstr("en: a number outside data-figure in a numeric cell: '7'"));
  EXPECT_THAT(output, HasSubstr("ja: figures not shown: summary.clauses"));
  EXPECT_THAT(output, HasSubstr("distinct colours in the sampled rows: blank?"));
  EXPECT_THAT(output, HasSubstr("en evidence: clause-8.5.1.3 counts [9"));
  EXPECT_THAT(output, HasSubstr("ja: no evidence-ja.html beside the dashboard"));
}

// The SAM section: the figures of the stored positions and exceptions (3 products: Office
// licensed, Acrobat unlicensed (0 of 3), SQL Server under-licensed (16 of 24); 3 + 8 = 11 licences
// short), the largest shortfall first, each exception kind with its label.
TEST_F(DashboardTest, SamSectionShowsTheStoredPositionAndExceptions) {
  const SamSummary& sam = document_->sam;
  EXPECT_EQ(sam.products, 3);
  EXPECT_EQ(sam.licensed, 1);
  EXPECT_EQ(sam.under_licensed, 1);
  EXPECT_EQ(sam.unlicensed, 1);
  EXPECT_EQ(sam.shortfall, 11);
  EXPECT_EQ(sam.exceptions, 2);
  EXPECT_EQ(sam.as_of, "2026-11-30");
  ASSERT_EQ(sam.positions.size(), 3u);
  EXPECT_EQ(sam.positions[0].product, "SQL Server");
  EXPECT_EQ(sam.positions[1].product, "Acrobat");
  const std::string en = Html("en"), ja = Html("ja");
  EXPECT_THAT(en, HasSubstr("<section id=\"sam\"><h2>Software asset management"));
  EXPECT_THAT(en, HasSubstr("data-figure=\"sam.shortfall\">11<"));
  EXPECT_THAT(en, HasSubstr("data-figure=\"sam.positions[0].position\">-8<"));
  EXPECT_THAT(en, HasSubstr("device in inventory but not in the CMDB"));
  EXPECT_THAT(ja, HasSubstr("ソフトウェア資産管理"));
  EXPECT_THAT(ja, HasSubstr("インベントリにあり CMDB にない機器"));
  EXPECT_THAT(ja, HasSubstr("<span class=\"badge position-unlicensed\">ライセンスなし</span>"));
}

TEST_F(DashboardTest, SpeaksTheRequestedLanguage) {
  const std::string en = Html("en"), ja = Html("ja");
  EXPECT_THAT(en, HasSubstr("<html lang=\"en\">"));
  EXPECT_THAT(ja, HasSubstr("<html lang=\"ja\">"));
  EXPECT_THAT(en, HasSubstr("Coverage by clause group"));
  EXPECT_THAT(ja, HasSubstr("箇条グループごとの適合状況"));
  // Clause titles from the catalog: Japanese where it has them, else English.
  for (const ClauseCoverage& c : document_->coverage.clauses) {
    if (!c.leaf) continue;
    SCOPED_TRACE(c.ref);
    EXPECT_THAT(en, HasSubstr(html::Escape(c.title_en)));
    EXPECT_THAT(ja, HasSubstr(html::Escape(c.title_ja.empty() ? c.title_en : c.title_ja)));
  }
  EXPECT_THAT(en, HasSubstr(html::Escape(document_->coverage.caution.en)));
  EXPECT_THAT(ja, HasSubstr(html::Escape(document_->coverage.caution.ja)));
}

TEST_F(DashboardTest, EscapesTextFromData) {
  ReportDocument document;
  document.target = "iso20000-1:2018";
  document.sources.push_back({"<script>alert(1)</script>", 1});
  document.coverage.target_title = "A & B \"quoted\" 'single'";
  SharedItem item;
  item.record = {"src", "<img src=x onerror=y>", "", "control"};
  item.title = "</td><b>bold</b>";
  item.standards = 2;
  item.serves.push_back({"iso27001:2022", "A.5.1", "x", {}});
  document.coverage.shared.push_back(item);
  const std::string html = RenderHtml(document, "en");
  EXPECT_THAT(html, Not(HasSubstr("<script>")));
  EXPECT_THAT(html, Not(HasSubstr("<img")));
  EXPECT_THAT(html, Not(HasSubstr("<b>bold")));
  EXPECT_THAT(html, HasSubstr("&lt;script&gt;"));
  EXPECT_THAT(html, HasSubstr("A &amp; B &quot;quoted&quot; &#39;single&#39;"));
  EXPECT_THAT(html, HasSubstr("&lt;&#47;td&gt;&lt;b&gt;bold"));
}

// The evidence pack's json: every clause, or one and its parts, with the coverage report's counts
// and records; the organisation's decisions and assessment where they name the clause.
TEST_F(DashboardTest, EvidencePackSelectsClausesAndCarriesTheOrganisationsStatements) {
  RenderOptions options;
  options.format = "json";
  auto all = RenderReport(*document_, ReportKind::kEvidence, options);
  ASSERT_TRUE(all.ok()) << all.status();
  auto json = nlohmann::json::parse(all->content);
  ASSERT_EQ(json["clauses"].size(), document_->coverage.clauses.size());
  for (size_t i = 0; i < document_->coverage.clauses.size(); ++i) {
    const ClauseCoverage& c = document_->coverage.clauses[i];
    EXPECT_EQ(json["clauses"][i]["clause"], c.ref);
    EXPECT_EQ(json["clauses"][i]["evidence"], c.evidence_count) << c.ref;
    EXPECT_EQ(json["clauses"][i]["controls"], c.control_count) << c.ref;
    EXPECT_EQ(json["clauses"][i]["evidence_records"].size(), c.evidence.size()) << c.ref;
  }

  options.clause = "8.5";
  auto part = RenderReport(*document_, ReportKind::kEvidence, options);
  ASSERT_TRUE(part.ok());
  std::vector<std::string> refs;
  const auto selected = nlohmann::json::parse(part->content);
  for (const auto& clause : selected["clauses"]) refs.push_back(clause["clause"]);
  EXPECT_THAT(refs, testing::ElementsAre("8.5", "8.5.1", "8.5.1.1", "8.5.1.2", "8.5.1.3", "8.5.2", "8.5.2.1",
                                         "8.5.2.2", "8.5.2.3", "8.5.3"));

  options.clause = "8.55";
  EXPECT_EQ(RenderReport(*document_, ReportKind::kEvidence, options).status().code(), absl::StatusCode::kNotFound);
  options.clause = "8.5";
  options.format = "csv";
  EXPECT_EQ(RenderReport(*document_, ReportKind::kEvidence, options).status().code(),
            absl::StatusCode::kInvalidArgument);
  options.format = "json";
  EXPECT_EQ(RenderReport(*document_, ReportKind::kCoverage, options).status().code(),
            absl::StatusCode::kInvalidArgument);

  ReportDocument document = *document_;
  MappingDecision decision;
  decision.id = 3;
  decision.from = "iso27001:2022";
  decision.from_ref = "A.8.32";
  decision.to = "iso20000-1:2018";
  decision.to_ref = "8.5.1.1";
  decision.relationship = "subset-of";
  decision.by = "Sato <sato@example.jp>";
  decision.reason = "our change policy is the ISMS's";
  document.organisation.decisions.push_back(decision);
  ClauseAssessment assessment;
  assessment.target = "iso20000-1:2018";
  assessment.clause = "8.5.1.1";
  assessment.status = "partial";
  assessment.maturity = 2;
  assessment.owner = "IT operations";
  assessment.action = "write the | change policy";
  assessment.by = "Sato";
  // The assessment travels with the clause's coverage (the builder puts it there).
  for (ClauseCoverage& c : document.coverage.clauses) {
    if (c.ref == "8.5.1.1") c.assessment = assessment;
  }
  options.clause = "8.5.1.1";
  auto one = RenderReport(document, ReportKind::kEvidence, options);
  ASSERT_TRUE(one.ok());
  auto clause = nlohmann::json::parse(one->content)["clauses"][0];
  EXPECT_EQ(clause["decisions"][0]["id"], 3);
  EXPECT_EQ(clause["decisions"][0]["decision"], "confirm");
  EXPECT_EQ(clause["assessment"]["maturity"], 2);
  EXPECT_EQ(clause["assessment"]["owner"], "IT operations");
  options.format = "md";
  auto md = RenderReport(document, ReportKind::kEvidence, options);
  ASSERT_TRUE(md.ok());
  EXPECT_THAT(md->content, HasSubstr("Sato &lt;sato@example.jp&gt;"));
  EXPECT_THAT(md->content, HasSubstr("write the \\| change policy"));
  options.format = "html";
  auto page = RenderReport(document, ReportKind::kEvidence, options);
  ASSERT_TRUE(page.ok());
  EXPECT_THAT(page->content, HasSubstr("Sato &lt;sato@example.jp&gt;"));
  EXPECT_THAT(page->content, Not(HasSubstr("<sato@")));
  EXPECT_THAT(page->content, HasSubstr("@media print{section.group{break-before:page}"));
}

}  // namespace
}  // namespace crosswalk::report
