#include "gateway/report/report_render.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "gateway/core/csv_encoding.h"

namespace crosswalk::report {

absl::StatusOr<ReportKind> ParseReportKind(absl::string_view name) {
  for (ReportKind kind : {ReportKind::kCoverage, ReportKind::kShared, ReportKind::kGaps, ReportKind::kQuality,
                          ReportKind::kService, ReportKind::kScope, ReportKind::kAll, ReportKind::kEvidence}) {
    if (KindName(kind) == name) return kind;
  }
  return absl::InvalidArgumentError(absl::StrCat(
      "unknown report '", name, "' (expected coverage, shared, gaps, quality, service, scope, all or evidence)"));
}

std::string KindName(ReportKind kind) {
  switch (kind) {
    case ReportKind::kCoverage: return "coverage";
    case ReportKind::kShared: return "shared";
    case ReportKind::kGaps: return "gaps";
    case ReportKind::kQuality: return "quality";
    case ReportKind::kService: return "service";
    case ReportKind::kScope: return "scope";
    case ReportKind::kAll: return "all";
    case ReportKind::kEvidence: return "evidence";
  }
  return "all";
}

std::vector<const ClauseCoverage*> GapClauses(const CoverageReport& coverage) {
  std::vector<const ClauseCoverage*> gaps;
  for (const ClauseCoverage& clause : coverage.clauses) {
    const bool gap = clause.status == "not-covered" || clause.status == "candidate" || clause.status == "nonconforming";
    if ((clause.leaf && gap) || clause.caution) gaps.push_back(&clause);
  }
  return gaps;
}

ReportSummary Summarize(const ReportDocument& document) {
  ReportSummary summary;
  int maturity_sum = 0;
  for (const ClauseCoverage& clause : document.coverage.clauses) {
    if (clause.caution) ++summary.cautioned;
    if (clause.disagrees) ++summary.disagreements;
    if (!clause.leaf) continue;
    ++summary.clauses;
    maturity_sum += clause.maturity;
    if (clause.status == "covered") ++summary.covered;
    if (clause.status == "partial") ++summary.partial;
    if (clause.status == "candidate") ++summary.candidate;
    if (clause.status == "nonconforming") ++summary.nonconforming;
    if (clause.status == "not-covered") {
      ++summary.not_covered;
      ++summary.gaps;
      if (!clause.unique_topics.empty()) ++summary.unique_gaps;
    }
  }
  summary.maturity_mean = summary.clauses == 0 ? 0 : static_cast<double>(maturity_sum) / summary.clauses;
  summary.records = document.coverage.records_read;
  summary.shared = static_cast<int>(document.coverage.shared.size());
  summary.quality_findings = static_cast<int64_t>(document.quality.size());
  for (const ScopeCheck& check : document.scope) {
    if (check.outcome == kScopeFail) ++summary.scope_failed;
    else if (check.outcome == kScopePass) ++summary.scope_passed;
    else ++summary.scope_not_assessable;
  }
  return summary;
}

absl::Status CheckRenderOptions(ReportKind kind, const RenderOptions& options) {
  if (options.lang != "en" && options.lang != "ja") {
    return absl::InvalidArgumentError(absl::StrCat("unknown language '", options.lang, "' (expected en or ja)"));
  }
  const std::string& format = options.format;
  if (!options.encoding.empty()) {
    if (format != "csv") {
      return absl::InvalidArgumentError(absl::StrCat("an encoding applies to csv output, not to '", format, "'"));
    }
    if (absl::Status status = CheckCsvEncoding(options.encoding); !status.ok()) return status;
  }
  if (!options.clause.empty() && kind != ReportKind::kEvidence) {
    return absl::InvalidArgumentError("a clause narrows the evidence pack only: use it with 'report evidence'");
  }
  if (kind == ReportKind::kEvidence && format != "json" && format != "md" && format != "html") {
    return absl::InvalidArgumentError(absl::StrCat("the evidence pack is written as json, md or html, not '", format, "'"));
  }
  if (format == "csv" && kind == ReportKind::kAll) {
    return absl::InvalidArgumentError("a CSV holds one table: name one report (coverage, shared, gaps, quality, service or scope)");
  }
  if (format == "oscal" && kind != ReportKind::kCoverage && kind != ReportKind::kGaps && kind != ReportKind::kAll) {
    return absl::InvalidArgumentError("oscal exports the coverage findings: use it with coverage, gaps or all");
  }
  for (const char* known : {"json", "table", "md", "csv", "html", "oscal", "xlsx"}) {
    if (format == known) return absl::OkStatus();
  }
  return absl::InvalidArgumentError(
      absl::StrCat("unknown format '", format, "' (expected table, csv, json, md, html, oscal or xlsx)"));
}

absl::StatusOr<RenderedReport> RenderReport(const ReportDocument& document, ReportKind kind,
                                            const RenderOptions& options) {
  if (absl::Status status = CheckRenderOptions(kind, options); !status.ok()) return status;
  if (kind == ReportKind::kEvidence) return RenderEvidence(document, options);
  const std::string& format = options.format;
  const std::string& lang = options.lang;
  if (format == "json") return RenderedReport{"application/json", RenderJson(document, kind, lang)};
  if (format == "table") return RenderedReport{"text/plain; charset=utf-8", RenderText(document, kind, lang, false, options.width)};
  if (format == "md") return RenderedReport{"text/markdown; charset=utf-8", RenderText(document, kind, lang, true)};
  if (format == "csv") {
    auto csv = RenderCsv(document, kind, lang);
    if (!csv.ok()) return csv.status();
    const std::string encoding = options.encoding.empty() ? DefaultCsvEncoding(lang) : options.encoding;
    auto encoded = EncodeCsv(*csv, encoding);
    if (!encoded.ok()) return encoded.status();
    return RenderedReport{absl::StrCat("text/csv; charset=", CsvCharset(encoding)), std::move(*encoded)};
  }
  if (format == "html") return RenderedReport{"text/html; charset=utf-8", RenderHtml(document, lang)};
  if (format == "xlsx") {
    auto workbook = RenderXlsx(document, kind, lang);
    if (!workbook.ok()) return workbook.status();
    return RenderedReport{"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", std::move(*workbook)};
  }
  return RenderedReport{"application/json", RenderOscal(document)};
}

}  // namespace crosswalk::report
