// The tabular renderings: an aligned terminal table, Markdown and CSV, all built from the same
// rows so the three say the same thing.

#include <algorithm>
#include <cstdio>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gateway/core/csv_reader.h"
#include "gateway/core/terminal_text.h"
#include "gateway/core/text_width.h"
#include "gateway/core/time_text.h"
#include "gateway/core/unicode.h"
#include "gateway/report/quality_rules.h"
#include "gateway/report/report_labels.h"
#include "gateway/report/report_render.h"

namespace crosswalk::report {
namespace {

using Table = ReportTable;

std::string TextDate(const std::optional<int64_t>& seconds) { return seconds ? FormatDate(*seconds) : ""; }

std::string Fixed(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f", value);
  return buffer;
}

std::string Title(const ClauseCoverage& c, const std::string& lang) {
  return lang == "ja" && !c.title_ja.empty() ? c.title_ja : c.title_en;
}

std::string Topics(const std::vector<Label>& topics, const std::string& lang) {
  std::vector<std::string> names;
  for (const Label& topic : topics) names.push_back(In(topic, lang));
  return absl::StrJoin(names, "; ");
}

// A value of `group` (labels.csv "<group>.<value>") as people read it, or the canonical value
// itself when `raw` (the English CSV keeps the contract's values).
std::string Shown(absl::string_view group, const std::string& value, const std::string& lang, bool raw) {
  return raw ? value : In(ValueLabel(group, value), lang);
}

std::vector<std::string> Labels(const std::vector<std::string>& keys, const std::string& lang) {
  std::vector<std::string> out;
  for (const std::string& key : keys) out.push_back(In(Heading(key), lang));
  return out;
}

// `csv`: no marks (*, ≠) beside the status; `raw`: the canonical values (covered, partial,
// not-covered) rather than their labels.
Table CoverageTable(const ReportDocument& d, const std::string& lang, bool gaps_only, bool csv, bool raw) {
  Table t;
  t.key = gaps_only ? "gaps" : "coverage";
  t.heading = In(Heading(t.key), lang);
  t.columns = {"clause", "title", "status", "maturity", "evidence", "controls", "newest_evidence", "reason",
               "freshness", "documents", "maturity_rule", "caution", "unique_to_20000_1", "against",
               "assessed_status", "assessed_maturity", "owner", "due", "action", "disagrees"};
  t.labels = Labels({"clause", "clause_title", "status", "maturity", "evidence", "controls", "newest", "reason",
                     "freshness", "documents", "rule", "caution", "unique", "against", "assessed_status",
                     "assessed_maturity", "owner", "due", "action", "disagrees"}, lang);
  std::vector<const ClauseCoverage*> clauses;
  if (gaps_only) {
    clauses = GapClauses(d.coverage);
  } else {
    for (const ClauseCoverage& c : d.coverage.clauses) clauses.push_back(&c);
  }
  for (const ClauseCoverage* c : clauses) {
    const std::string status = csv ? Shown("status", c->status, lang, raw)
                                   : absl::StrCat(In(CoverageStatusLabel(c->status), lang), c->caution ? " *" : "",
                                                  c->disagrees ? " ≠" : "");
    const ClauseAssessment none;
    const ClauseAssessment& a = c->assessment ? *c->assessment : none;
    const std::string assessed = Shown("status", a.status, lang, raw);
    t.rows.push_back({c->ref, Title(*c, lang), status, std::to_string(c->maturity),
                      std::to_string(c->evidence_count), std::to_string(c->control_count), TextDate(c->newest_evidence),
                      In(c->reason, lang), Shown("freshness", c->freshness, lang, raw), std::to_string(c->document_count),
                      c->maturity_rule, c->caution ? Shown("value", "yes", lang, raw) : "", Topics(c->unique_topics, lang), std::to_string(c->against_count),
                      assessed, a.maturity ? std::to_string(*a.maturity) : "", a.owner, TextDate(a.due), a.action,
                      c->disagrees ? Shown("value", "yes", lang, raw) : ""});
  }
  t.shown = 9;  // up to freshness: the rest is in md, csv and json
  if (gaps_only) {
    // The gaps table leads with what a gap is about: the unique area and the reason.
    const std::vector<size_t> order = {0, 1, 2, 3, 5, 12, 7, 4, 6, 8, 9, 10, 11, 13, 14, 15, 16, 17, 18, 19};
    auto reorder = [&](std::vector<std::string>& cells) {
      std::vector<std::string> out;
      for (size_t i : order) out.push_back(cells[i]);
      cells = std::move(out);
    };
    reorder(t.columns);
    reorder(t.labels);
    for (auto& row : t.rows) reorder(row);
    t.shown = 7;
  }
  t.note = absl::StrCat("* ", In(Heading("cautioned"), lang), ". ", In(Heading("caution"), lang), ": ",
                        In(d.coverage.caution, lang), " ≠ ", In(Heading("disagrees_mark"), lang), ".");
  return t;
}

Table SharedTable(const ReportDocument& d, const std::string& lang, bool raw) {
  Table t;
  t.key = "shared";
  t.heading = In(Heading("shared"), lang);
  t.columns = {"source", "native_id", "title", "standards", "requirements", "serves"};
  t.labels = Labels({"sources", "record", "clause_title", "standards", "requirements", "serves"}, lang);
  for (const SharedItem& item : d.coverage.shared) {
    std::vector<std::string> serves;
    for (const Served& s : item.serves) serves.push_back(absl::StrCat(s.catalog, " ", s.ref, " (", Shown("relationship", s.reach.relationship, lang, raw), ")"));
    t.rows.push_back({item.record.source, item.record.native_id, item.title, std::to_string(item.standards),
                      std::to_string(item.requirements), absl::StrJoin(serves, "; ")});
  }
  return t;
}

Table QualityTable(const ReportDocument& d, const std::string& lang, bool raw) {
  Table t;
  t.key = "quality";
  t.heading = In(Heading("quality"), lang);
  t.columns = {"rule", "title", "clause", "severity", "basis", "examined", "findings", "records"};
  t.labels = Labels({"rule", "clause_title", "clause", "severity", "basis", "examined", "findings", "record"}, lang);
  for (const QualityRuleCount& count : d.quality_counts) {
    const QualityRule* rule = FindQualityRule(count.rule_id);
    std::vector<std::string> records;
    for (const QualityFinding& f : d.quality) {
      if (f.rule_id != count.rule_id || records.size() >= 5) continue;
      for (const RecordKey& key : f.records) records.push_back(absl::StrCat(key.source, "/", key.native_id));
    }
    if (count.findings > static_cast<int64_t>(records.size())) records.push_back("…");
    t.rows.push_back({count.rule_id, rule ? In(rule->title, lang) : "", rule ? rule->clause : "",
                      rule ? Shown("severity", rule->severity, lang, raw) : "", rule ? Shown("basis", rule->basis, lang, raw) : "", std::to_string(count.examined),
                      std::to_string(count.findings), absl::StrJoin(records, " ")});
  }
  return t;
}

Table ServiceTable(const ReportDocument& d, const std::string& lang) {
  Table t;
  t.key = "service";
  t.heading = In(Heading("service"), lang);
  t.columns = {"service", "period", "incidents", "resolved_within_target", "sla_breaches", "changes_successful",
               "changes_unsuccessful", "change_success_rate", "open_backlog", "oldest_open_days",
               "resolution_targets", "resolution_time"};
  t.labels = Labels({"service_name", "period", "incidents", "within_target", "breaches", "changes_successful",
                     "changes_unsuccessful", "change_success", "backlog", "oldest_days", "resolution_targets",
                     "calendar"}, lang);
  const std::string calendar = In(CalendarLabel(d.service.calendar), lang);
  for (const ServiceFigures& service : d.service.services) {
    for (const PeriodFigures& p : service.periods) {
      size_t incidents = 0, within = 0, breaches = 0, backlog = 0;
      std::optional<int64_t> oldest;
      for (const IncidentFigures& i : p.incidents) {
        incidents += i.opened.size();
        within += i.within_target.size();
        breaches += i.any_breach.size();
      }
      for (const BacklogFigures& b : p.backlog) {
        backlog += b.open.size();
        if (b.oldest_age_seconds && (!oldest || *b.oldest_age_seconds > *oldest)) oldest = b.oldest_age_seconds;
      }
      if (incidents + backlog + p.changes.successful.size() + p.changes.unsuccessful.size() == 0) continue;
      t.rows.push_back({service.service, p.period.label, std::to_string(incidents), std::to_string(within),
                        std::to_string(breaches), std::to_string(p.changes.successful.size()),
                        std::to_string(p.changes.unsuccessful.size()),
                        p.changes.success_rate ? Fixed(*p.changes.success_rate) : "", std::to_string(backlog),
                        oldest ? std::to_string(*oldest / 86400) : "", In(TargetsLabel(service.targets), lang),
                        calendar});
    }
  }
  return t;
}

Table ScopeTable(const ReportDocument& d, const std::string& lang, bool raw) {
  Table t;
  t.key = "scope";
  t.heading = In(Heading("scope"), lang);
  t.columns = {"rule", "title", "strength", "outcome", "detail", "source", "failing"};
  t.labels = Labels({"rule", "clause_title", "strength", "outcome", "reason", "basis", "failing"}, lang);
  for (const ScopeCheck& check : d.scope) {
    std::vector<std::string> failing;
    for (const ScopeItem& item : check.items) {
      if (item.outcome == kScopeFail && failing.size() < 5) failing.push_back(item.subject);
    }
    t.rows.push_back({check.rule_id, In(check.title, lang), Shown("strength", check.strength, lang, raw),
                      Shown("outcome", check.outcome, lang, raw), In(check.detail, lang),
                      check.source, absl::StrJoin(failing, "; ")});
  }
  t.shown = 5;
  return t;
}


// Text from records, mapping data or the user as Markdown that renders as that text and nothing
// else: HTML metacharacters become entities (no tag, no script survives a Markdown-to-HTML step),
// Markdown's inline syntax and the table's `|` are backslash-escaped (no link, emphasis or code
// span, no extra column), a leading `#` cannot start a heading, a line break is `<br>` (a table
// row is one line) and control characters are shown as TerminalSafe escapes.
std::string MarkdownText(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '\\': case '|': case '`': case '[': case ']': case '*': case '_':
        out.push_back('\\');
        out.push_back(c);
        break;
      case '#':
        if (i == 0) out.push_back('\\');
        out.push_back(c);
        break;
      case '\r':
        if (i + 1 < text.size() && text[i + 1] == '\n') break;  // CR LF is one break
        out += "<br>";
        break;
      case '\n': out += "<br>"; break;
      default: out.push_back(c);
    }
  }
  return TerminalSafe(out);
}

// A terminal table shows the first `shown` columns (all when 0); Markdown and CSV show all. With a
// `width` (0: none) the columns are fitted to it and longer cells end in "…".
void AppendAligned(const Table& t, size_t shown, int width, std::string* out) {
  const size_t columns = shown == 0 ? t.labels.size() : std::min(shown, t.labels.size());
  std::vector<int> header;
  for (size_t i = 0; i < columns; ++i) header.push_back(DisplayWidth(t.labels[i]));
  std::vector<int> widths = header;
  for (const auto& row : t.rows) {
    for (size_t i = 0; i < columns; ++i) widths[i] = std::max(widths[i], std::min(DisplayWidth(row[i]), 60));
  }
  if (width > 0) widths = FitColumns(widths, header, 2, width);
  auto line = [&](const std::vector<std::string>& row) {
    std::string text;
    for (size_t i = 0; i < columns; ++i) {
      const std::string cell = width > 0 ? FitToWidth(row[i], widths[i]) : row[i];
      text += cell;
      if (i + 1 < columns) text += std::string(static_cast<size_t>(std::max(1, widths[i] - DisplayWidth(cell) + 2)), ' ');
    }
    while (!text.empty() && text.back() == ' ') text.pop_back();
    absl::StrAppend(out, text, "\n");
  };
  line(t.labels);
  for (const auto& row : t.rows) line(row);
}

std::string Header(const ReportDocument& d, const std::string& lang, bool markdown) {
  const ReportSummary s = Summarize(d);
  const std::string title = In(Heading("title"), lang);
  std::string out = markdown ? absl::StrCat("# ", title, "\n\n") : absl::StrCat(title, "\n");
  const std::string bullet = markdown ? "- " : "  ";
  const std::string target = absl::StrCat(d.target, " (", d.coverage.target_title, ")");
  absl::StrAppend(&out, bullet, In(Heading("target"), lang), ": ", markdown ? MarkdownText(target) : TerminalSafe(target), "\n",
                  bullet, In(Heading("as_of"), lang), ": ", FormatDate(d.as_of), "\n",
                  bullet, In(Heading("time_zone"), lang), ": ", markdown ? MarkdownText(d.time_zone) : TerminalSafe(d.time_zone), "\n",
                  bullet, In(Heading("records"), lang), ": ", s.records, "\n",
                  bullet, In(Heading("clauses"), lang), ": ", s.clauses, "; ", In(Heading("covered"), lang), " ",
                  s.covered, ", ", In(Heading("partial"), lang), " ", s.partial, ", ", In(Heading("candidate"), lang), " ",
                  s.candidate, ", ", In(Heading("nonconforming"), lang), " ", s.nonconforming, ", ",
                  In(Heading("not-covered"), lang), " ", s.not_covered, "; ", In(Heading("maturity_mean"), lang), " ",
                  Fixed(s.maturity_mean), "\n",
                  bullet, In(Heading("cautioned"), lang), ": ", s.cautioned, "; ", In(Heading("unique_gaps"), lang),
                  ": ", s.unique_gaps, "; ", In(Heading("disagreements"), lang), ": ", s.disagreements, "\n",
                  bullet, In(Heading("scope"), lang), ": ", s.scope_failed, " ", In(ValueLabel("outcome", "fail"), lang), ", ",
                  s.scope_not_assessable, " ", In(ValueLabel("outcome", "not-assessable"), lang), ", ", s.scope_passed, " ",
                  In(ValueLabel("outcome", "pass"), lang), "\n\n");
  return out;
}

}  // namespace

std::vector<ReportTable> ReportTables(const ReportDocument& d, ReportKind kind, const std::string& lang, bool csv,
                                      bool raw) {
  std::vector<Table> tables;
  if (kind == ReportKind::kCoverage || kind == ReportKind::kAll) tables.push_back(CoverageTable(d, lang, false, csv, raw));
  if (kind == ReportKind::kShared || kind == ReportKind::kAll) tables.push_back(SharedTable(d, lang, raw));
  if (kind == ReportKind::kGaps || kind == ReportKind::kAll) tables.push_back(CoverageTable(d, lang, true, csv, raw));
  if (kind == ReportKind::kQuality || kind == ReportKind::kAll) tables.push_back(QualityTable(d, lang, raw));
  if (kind == ReportKind::kService || kind == ReportKind::kAll) tables.push_back(ServiceTable(d, lang));
  if (kind == ReportKind::kScope || kind == ReportKind::kAll) tables.push_back(ScopeTable(d, lang, raw));
  return tables;
}

std::string MarkdownEscape(const std::string& text) { return MarkdownText(text); }

std::string RenderText(const ReportDocument& document, ReportKind kind, const std::string& lang, bool markdown,
                       int width) {
  std::string out = Header(document, lang, markdown);
  for (Table& t : ReportTables(document, kind, lang, false, false)) {
    // Cells hold record and mapping text: escaped for the format, never passed through.
    t.note = markdown ? MarkdownText(t.note) : TerminalSafe(t.note);
    if (markdown) {
      absl::StrAppend(&out, "## ", t.heading, "\n\n| ");
      std::vector<std::string> labels;
      for (const std::string& label : t.labels) labels.push_back(MarkdownText(label));
      absl::StrAppend(&out, absl::StrJoin(labels, " | "), " |\n|");
      for (size_t i = 0; i < t.labels.size(); ++i) out += "---|";
      out += "\n";
      for (const auto& row : t.rows) {
        std::vector<std::string> cells;
        for (const std::string& cell : row) cells.push_back(MarkdownText(cell));
        absl::StrAppend(&out, "| ", absl::StrJoin(cells, " | "), " |\n");
      }
    } else {
      for (auto& row : t.rows) {
        for (std::string& cell : row) cell = TerminalSafe(cell);
      }
      absl::StrAppend(&out, t.heading, "\n");
      AppendAligned(t, t.shown, width, &out);
    }
    if (!t.note.empty()) absl::StrAppend(&out, "\n", t.note, "\n");
    out += "\n";
  }
  return markdown ? out : WrapLines(out, width);
}

absl::StatusOr<std::string> RenderCsv(const ReportDocument& document, ReportKind kind, const std::string& lang) {
  if (kind == ReportKind::kAll) return absl::InvalidArgumentError("a CSV holds one table");  // CheckRenderOptions says more
  const Table t = ReportTables(document, kind, lang, true, lang == "en").front();
  std::string out;
  auto line = [&](const std::vector<std::string>& cells) {
    std::vector<std::string> escaped;
    for (const std::string& cell : cells) escaped.push_back(CsvEscape(cell));
    absl::StrAppend(&out, absl::StrJoin(escaped, ","), "\r\n");
  };
  // English: the contract's column names; Japanese: the labels people read.
  line(lang == "en" ? t.columns : t.labels);
  for (const auto& row : t.rows) line(row);
  return out;
}

}  // namespace crosswalk::report
