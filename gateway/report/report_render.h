#ifndef CROSSWALK_GATEWAY_REPORT_REPORT_RENDER_H_
#define CROSSWALK_GATEWAY_REPORT_REPORT_RENDER_H_

// Renderers of a ReportDocument: table (a terminal), csv, json, md, html (the self-contained
// dashboard), xlsx (an Excel workbook) and oscal (OSCAL 1.2 assessment-results of the coverage findings), in English or
// Japanese. The JSON is the reference: every figure another format shows is in it under the same
// name (the dashboard marks each figure with data-figure="<JSON path>").

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "gateway/report/report_document.h"

namespace crosswalk::report {

// kEvidence is the auditor's evidence pack (report_render_evidence.cc), not part of `all`.
enum class ReportKind { kCoverage, kShared, kGaps, kQuality, kService, kScope, kAll, kEvidence };

// "coverage", "shared", "gaps", "quality", "service", "scope", "all" or "evidence"; INVALID_ARGUMENT
// naming them.
absl::StatusOr<ReportKind> ParseReportKind(absl::string_view name);
std::string KindName(ReportKind kind);

struct RenderOptions {
  std::string format = "table";  // table, csv, json, md, html, oscal, xlsx
  std::string lang = "en";       // en, ja
  std::string clause;  // evidence only: this clause of the target and its parts (empty: all)
  int width = 0;       // table only: lines fit this many display columns (0: no limit)
  std::string encoding;  // csv only: utf-8, utf-8-bom or cp932 (csv_encoding.h); empty: by lang
};

struct RenderedReport {
  std::string content_type;  // text/plain, text/csv, application/json, text/markdown, text/html
  std::string content;
};

// INVALID_ARGUMENT for an unknown format or language, csv of `all` (a CSV holds one table), oscal of
// anything but coverage, gaps or all, evidence in anything but json, md or html, or a clause with
// another kind than evidence. CheckRenderOptions says so before any work.
absl::Status CheckRenderOptions(ReportKind kind, const RenderOptions& options);
absl::StatusOr<RenderedReport> RenderReport(const ReportDocument& document, ReportKind kind,
                                            const RenderOptions& options);

// The headline figures every format shows, computed once.
struct ReportSummary {
  int clauses = 0;  // leaf clauses of the target
  int covered = 0, partial = 0, candidate = 0, nonconforming = 0, not_covered = 0;
  int disagreements = 0;  // clauses (any level) whose assessment disagrees with the computed one
  int cautioned = 0;     // clauses (any level) whose coverage rests on mapped controls alone
  double maturity_mean = 0;  // over leaf clauses
  int gaps = 0;          // leaf clauses not covered
  int unique_gaps = 0;   // of those, naming an area the 27013 comparison marks unique to 20000-1
  int64_t records = 0;   // records read
  int shared = 0;        // controls and records serving two or more standards
  int64_t quality_findings = 0;
  int scope_failed = 0, scope_not_assessable = 0, scope_passed = 0;
};
ReportSummary Summarize(const ReportDocument& document);

// The clauses the gaps report lists: leaf clauses not covered, nonconforming or reached only by
// candidates, and clauses of any level whose
// coverage rests on mapped controls alone (partial with the seed's caution), in catalog order.
std::vector<const ClauseCoverage*> GapClauses(const CoverageReport& coverage);

// One table of a report, as the table, Markdown, CSV and XLSX renderings show it.
struct ReportTable {
  std::string key;      // coverage, shared, gaps, quality, service or scope
  std::string heading;
  size_t shown = 0;  // columns a terminal table prints (0: all)
  std::vector<std::string> columns;  // csv names (the contract)
  std::vector<std::string> labels;   // what the table and Markdown print
  std::vector<std::vector<std::string>> rows;
  std::string note;                  // printed under the table
};
// The tables of `kind` in `lang` (report_render_text.cc). `csv`: no marks beside a status;
// `raw`: canonical values (covered, high, fail) instead of their labels.
std::vector<ReportTable> ReportTables(const ReportDocument& document, ReportKind kind, const std::string& lang,
                                      bool csv, bool raw);

// Renderers by format (report_render_*.cc), behind RenderReport.
std::string RenderJson(const ReportDocument& document, ReportKind kind, const std::string& lang);
// `width` (table only, 0: no limit): tables fit it, other long lines wrap.
std::string RenderText(const ReportDocument& document, ReportKind kind, const std::string& lang,
                       bool markdown, int width = 0);
// csv: the English CSV's header and values are the contract's names; with "ja" both are labels.
absl::StatusOr<std::string> RenderCsv(const ReportDocument& document, ReportKind kind, const std::string& lang);
std::string RenderHtml(const ReportDocument& document, const std::string& lang);
std::string RenderOscal(const ReportDocument& document);
// The workbook (report_render_xlsx.cc): a summary sheet, then one sheet per table.
absl::StatusOr<std::string> RenderXlsx(const ReportDocument& document, ReportKind kind, const std::string& lang);
// The evidence pack in options.format (json, md or html); NOT_FOUND for an unknown options.clause.
absl::StatusOr<RenderedReport> RenderEvidence(const ReportDocument& document, const RenderOptions& options);
// Text from data as Markdown that renders as that text and nothing else (report_render_text.cc).
std::string MarkdownEscape(const std::string& text);

}  // namespace crosswalk::report

#endif  // CROSSWALK_GATEWAY_REPORT_REPORT_RENDER_H_
