// The HTML dashboard: one self-contained page (inline CSS and SVG, no script, no URL but the clause
// cells' links into the evidence pack written beside it)
// with the figures of the JSON report of kind all. Every number on it is an element whose whole
// text is that figure, marked data-figure="<JSON path>" (report_html.h), so a test can read the
// page as a browser builds it and compare each one with the JSON.

#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gateway/core/time_text.h"
#include "gateway/report/quality_rules.h"
#include "gateway/report/report_html.h"
#include "gateway/report/report_labels.h"
#include "gateway/report/report_render.h"
#include "gateway/report/report_sam.h"

namespace crosswalk::report {
namespace {

using html::Escape;
using html::Figure;
using html::Int;

constexpr size_t kSharedShown = 10;   // shared items listed, most requirements first
constexpr size_t kPeriodsShown = 3;   // latest periods with incidents or changes, per service
constexpr size_t kRecordsShown = 3;   // record ids listed per quality rule

struct Page {
  const ReportDocument& d;
  const std::string& lang;
  std::string out;

  std::string T(absl::string_view key) const { return Escape(In(Heading(key), lang)); }
  std::string L(const Label& label) const { return Escape(In(label, lang)); }
  std::string ClauseTitle(const ClauseCoverage& c) const {
    return Escape(lang == "ja" && !c.title_ja.empty() ? c.title_ja : c.title_en);
  }
  std::string GroupTitle(const ClauseGroup& g) const {
    return Escape(lang == "ja" && !g.title_ja.empty() ? g.title_ja : g.title_en);
  }
  std::string Status(const ClauseCoverage& c) const {
    return absl::StrCat(L(CoverageStatusLabel(c.status)), c.caution ? " <a href=\"#caution\">†</a>" : "");
  }
  // The clause's section of the evidence pack, written beside the dashboard as evidence-LANG.html
  // (the one relative link the page has; tools/demo writes both).
  std::string EvidenceLink(const std::string& ref, absl::string_view cls) const {
    return absl::StrCat("<a class=\"", cls, "\" href=\"evidence-", lang == "ja" ? "ja" : "en", ".html#clause-",
                        Escape(ref), "\">", Escape(ref), "</a>");
  }
  std::string Topics(const std::vector<Label>& topics) const {
    std::string cell;
    for (const Label& topic : topics) absl::StrAppend(&cell, "<span class=\"badge unique-topic\">", L(topic), "</span>");
    return cell;
  }
};

void Header(Page& p, const ReportSummary& s) {
  const ReportDocument& d = p.d;
  absl::StrAppend(&p.out, "<header class=\"top\"><h1>", p.T("title"), "</h1><dl>",
                  "<div><dt>", p.T("target"), "</dt><dd>", Escape(d.target), " ", Escape(d.coverage.target_title), "</dd></div>",
                  "<div><dt>", p.T("as_of"), "</dt><dd>", FormatDate(d.as_of), "</dd></div>",
                  "<div><dt>", p.T("time_zone"), "</dt><dd>", Escape(d.time_zone), "</dd></div>",
                  "<div><dt>", p.T("records"), "</dt><dd>", Figure("span", "", "summary.records", Int(s.records)), "</dd></div>",
                  "<div><dt>", p.T("sources"), "</dt><dd class=\"sources\">");
  for (size_t i = 0; i < d.sources.size(); ++i) {
    absl::StrAppend(&p.out, i == 0 ? "" : " · ", Escape(d.sources[i].source), " ",
                    Figure("span", "", absl::StrCat("sources[", i, "].records"), Int(d.sources[i].records)));
  }
  p.out += "</dd></div></dl><nav>";
  for (const char* section : {"summary", "heatmap", "groups", "shared", "gaps", "scope", "quality", "service"}) {
    absl::StrAppend(&p.out, "<a href=\"#", section, "\">", p.T(section), "</a>");
  }
  p.out += "</nav></header><main>";
}

void Summary(Page& p, const ReportSummary& s) {
  auto card = [&](const char* cls, const char* label, const char* key, const std::string& value) {
    absl::StrAppend(&p.out, "<div class=\"card ", cls, "\">", Figure("span", "n", absl::StrCat("summary.", key), value),
                    "<span class=\"l\">", p.T(label), "</span></div>");
  };
  absl::StrAppend(&p.out, "<section id=\"summary\"><h2>", p.T("summary"), "</h2><div class=\"cards\">");
  card("", "clauses", "clauses", Int(s.clauses));
  card("covered", "covered", "covered", Int(s.covered));
  card("partial", "partial", "partial", Int(s.partial));
  card("candidate", "candidate", "candidate", Int(s.candidate));
  card("nonconforming", "nonconforming", "nonconforming", Int(s.nonconforming));
  card("not-covered", "not-covered", "not_covered", Int(s.not_covered));
  card("", "disagreements", "disagreements", Int(s.disagreements));
  card("", "maturity_mean", "maturity_mean", html::Decimal(std::round(s.maturity_mean * 100) / 100));  // as the JSON
  card("partial", "cautioned", "cautioned", Int(s.cautioned));
  card("not-covered", "gaps", "gaps", Int(s.gaps));
  card("not-covered", "unique_gaps", "unique_gaps", Int(s.unique_gaps));
  card("", "shared_count", "shared", Int(s.shared));
  card("", "quality_findings", "quality_findings", Int(s.quality_findings));
  card("", "records", "records", Int(s.records));
  card("not-covered", "scope_failed", "scope_failed", Int(s.scope_failed));
  card("partial", "scope_not_assessable", "scope_not_assessable", Int(s.scope_not_assessable));
  card("covered", "scope_passed", "scope_passed", Int(s.scope_passed));
  p.out += "</div></section>";
}

void Heatmap(Page& p) {
  const CoverageReport& c = p.d.coverage;
  absl::StrAppend(&p.out, "<section id=\"heatmap\" class=\"heat\"><h2>", p.T("heatmap"), "</h2>");
  for (const ClauseGroup& g : c.groups) {
    absl::StrAppend(&p.out, "<div class=\"row\"><div class=\"gname\">", Escape(g.ref), " ", p.GroupTitle(g),
                    "</div><div class=\"cells\">");
    for (size_t i = 0; i < c.clauses.size(); ++i) {
      const ClauseCoverage& clause = c.clauses[i];
      if (!clause.leaf || clause.group != g.ref) continue;
      const std::string bg = clause.caution ? "cautioned-bg" : Escape(clause.status) + "-bg";
      absl::StrAppend(&p.out, "<div class=\"cell ", bg, "\" title=\"", Escape(clause.ref), " ", p.ClauseTitle(clause),
                      " — ", p.L(CoverageStatusLabel(clause.status)), "\">", p.EvidenceLink(clause.ref, "ref"),
                      Figure("span", "m", absl::StrCat("coverage[", i, "].maturity"), Int(clause.maturity)),
                      clause.caution ? "<span class=\"mark\">†</span>" : "",
                      clause.disagrees ? absl::StrCat("<span class=\"mark\" title=\"", p.T("disagrees_mark"), "\">≠</span>") : "",
                      "</div>");
    }
    p.out += "</div></div>";
  }
  absl::StrAppend(&p.out, "<div class=\"legend\"><b>", p.T("legend"), "</b>");
  for (const char* status : {"covered", "partial", "candidate", "nonconforming", "not-covered"}) {
    absl::StrAppend(&p.out, "<span><span class=\"sw ", status, "-bg\"></span>", p.L(CoverageStatusLabel(status)), "</span>");
  }
  absl::StrAppend(&p.out, "<span><span class=\"sw cautioned-bg\"></span>", p.T("caution_mark"), "</span></div>",
                  "<div class=\"legend\"><b>", p.T("maturity"), "</b>");
  for (int m = 0; m <= 3; ++m) absl::StrAppend(&p.out, "<span>", p.L(MaturityLabel(m)), "</span>");
  absl::StrAppend(&p.out, "</div><p class=\"caution\">† ", p.T("caution"), ": ", p.L(c.caution), "</p></section>");
}

void Groups(Page& p) {
  absl::StrAppend(&p.out, "<section id=\"groups\"><h2>", p.T("groups"), "</h2><table><tr><th>", p.T("group"), "</th><th>",
                  p.T("clause_title"), "</th><th></th><th class=\"num\">", p.T("covered"), "</th><th class=\"num\">",
                  p.T("partial"), "</th><th class=\"num\">", p.T("candidate"), "</th><th class=\"num\">", p.T("nonconforming"),
                  "</th><th class=\"num\">", p.T("not-covered"), "</th><th class=\"num\">", p.T("leaves"),
                  "</th><th class=\"num\">", p.T("maturity_mean"), "</th></tr>");
  const std::vector<ClauseGroup>& groups = p.d.coverage.groups;
  for (size_t i = 0; i < groups.size(); ++i) {
    const ClauseGroup& g = groups[i];
    const std::string at = absl::StrCat("groups[", i, "].");
    const std::string bar = html::StackedBarSvg({{double(g.covered), "covered-bg", In(Heading("covered"), p.lang)},
                                                 {double(g.partial), "partial-bg", In(Heading("partial"), p.lang)},
                                                 {double(g.candidate), "candidate-bg", In(Heading("candidate"), p.lang)},
                                                 {double(g.nonconforming), "nonconforming-bg", In(Heading("nonconforming"), p.lang)},
                                                 {double(g.not_covered), "not-covered-bg", In(Heading("not-covered"), p.lang)}},
                                                360, 16);
    const double mean = g.leaves == 0 ? 0.0 : std::round(100.0 * g.maturity_sum / g.leaves) / 100;  // as the JSON
    absl::StrAppend(&p.out, "<tr><td>", Escape(g.ref), "</td><td>", p.GroupTitle(g), "</td><td>", bar, "</td>",
                    Figure("td", "num", at + "covered", Int(g.covered)), Figure("td", "num", at + "partial", Int(g.partial)),
                    Figure("td", "num", at + "candidate", Int(g.candidate)),
                    Figure("td", "num", at + "nonconforming", Int(g.nonconforming)),
                    Figure("td", "num", at + "not_covered", Int(g.not_covered)),
                    Figure("td", "num", at + "leaves", Int(g.leaves)),
                    Figure("td", "num", at + "maturity_mean", html::Decimal(mean)), "</tr>");
  }
  p.out += "</table></section>";
}

void Shared(Page& p) {
  const std::vector<SharedItem>& shared = p.d.coverage.shared;
  absl::StrAppend(&p.out, "<section id=\"shared\"><h2>", p.T("shared"), "</h2><p class=\"muted\">", p.T("shared_top"), " (",
                  p.T("shared_count"), ": ", Figure("span", "", "summary.shared", Int(static_cast<int64_t>(shared.size()))),
                  ")</p><table><tr><th>", p.T("record"), "</th><th>", p.T("clause_title"), "</th><th>", p.T("status"),
                  "</th><th class=\"num\">", p.T("standards"), "</th><th class=\"num\">", p.T("requirements"), "</th><th>",
                  p.T("serves"), "</th></tr>");
  for (size_t i = 0; i < shared.size() && i < kSharedShown; ++i) {
    const SharedItem& item = shared[i];
    const std::string at = absl::StrCat("shared[", i, "].");
    std::string serves;
    std::string catalog;
    for (const Served& s : item.serves) {
      if (s.catalog != catalog) {
        absl::StrAppend(&serves, catalog.empty() ? "" : "</span>", "<span class=\"grp\"><span class=\"cat\">",
                        Escape(s.catalog), "</span>");
        catalog = s.catalog;
      }
      absl::StrAppend(&serves, "<span class=\"badge\" title=\"",
                      Escape(p.lang == "ja" && !s.title_ja.empty() ? s.title_ja : s.title_en), " (",
                      p.L(ValueLabel("relationship", s.reach.relationship)), ")\">",
                      Escape(s.ref), "</span>");
    }
    if (!catalog.empty()) serves += "</span>";
    absl::StrAppend(&p.out, "<tr><td class=\"id\">", Escape(item.record.source), "<br>", Escape(item.record.native_id),
                    "</td><td>", Escape(item.title), "</td><td>", Escape(item.status), "</td>",
                    Figure("td", "num", at + "standards", Int(item.standards)),
                    Figure("td", "num", at + "requirements", Int(item.requirements)), "<td class=\"serves\">", serves,
                    "</td></tr>");
  }
  p.out += "</table></section>";
}

// The coordinator's assessment of a clause beside the computed one, escaped; ≠ when they disagree.
std::string AssessedText(const Page& p, const ClauseCoverage& c) {
  if (!c.assessment) return "";
  const ClauseAssessment& a = *c.assessment;
  std::vector<std::string> parts;
  if (!a.status.empty()) parts.push_back(p.L(CoverageStatusLabel(a.status)));
  if (a.maturity) parts.push_back(absl::StrCat(p.T("maturity"), " ", *a.maturity));
  for (const std::string* text : {&a.owner, &a.action, &a.note}) {
    if (!text->empty()) parts.push_back(Escape(*text));
  }
  if (a.due) parts.push_back(Escape(FormatDate(*a.due)));
  return absl::StrCat(c.disagrees ? absl::StrCat("<b title=\"", p.T("disagrees_mark"), "\">≠</b> ") : "",
                      absl::StrJoin(parts, " · "), " <span class=\"muted\">(", Escape(a.by), ")</span>");
}

// The gaps at `rows` (index into the JSON's gaps, clause); `unique`: with the unique areas' column.
void GapTable(Page& p, const std::vector<std::pair<size_t, const ClauseCoverage*>>& rows, bool unique) {
  absl::StrAppend(&p.out, "<table><tr><th>", p.T("clause"), "</th><th>", p.T("clause_title"), "</th><th>", p.T("status"),
                  "</th><th class=\"num\">", p.T("maturity"), "</th><th class=\"num\">", p.T("evidence"),
                  "</th><th class=\"num\">", p.T("controls"), "</th><th class=\"num\">", p.T("documents"), "</th>",
                  unique ? absl::StrCat("<th>", p.T("unique"), "</th>") : "", "<th>", p.T("reason"), "</th><th>",
                  p.T("assessed"), "</th></tr>");
  for (const auto& [index, c] : rows) {
    const std::string at = absl::StrCat("gaps[", index, "].");
    absl::StrAppend(&p.out, "<tr", c->unique_topics.empty() ? "" : " class=\"unique\"", "><td class=\"id\">", p.EvidenceLink(c->ref, "ref"),
                    "</td><td>", p.ClauseTitle(*c), "</td><td class=\"status\">", p.Status(*c), "</td>",
                    Figure("td", "num", at + "maturity", Int(c->maturity)),
                    Figure("td", "num", at + "evidence", Int(c->evidence_count)),
                    Figure("td", "num", at + "controls", Int(c->control_count)),
                    Figure("td", "num", at + "documents", Int(c->document_count)),
                    unique ? absl::StrCat("<td>", p.Topics(c->unique_topics), "</td>") : "", "<td class=\"muted\">",
                    p.L(c->reason), "</td><td>", AssessedText(p, *c), "</td></tr>");
  }
  p.out += "</table>";
}

void Gaps(Page& p, const ReportSummary& s) {
  const std::vector<const ClauseCoverage*> gaps = GapClauses(p.d.coverage);
  std::vector<std::pair<size_t, const ClauseCoverage*>> unique, other, cautioned;
  for (size_t i = 0; i < gaps.size(); ++i) {
    const ClauseCoverage* c = gaps[i];
    if (c->caution) cautioned.emplace_back(i, c);
    else if (!c->unique_topics.empty()) unique.emplace_back(i, c);
    else other.emplace_back(i, c);
  }
  absl::StrAppend(&p.out, "<section id=\"gaps\"><h2>", p.T("gaps"), ": ", Figure("span", "", "summary.gaps", Int(s.gaps)),
                  "</h2><h3>", p.T("gaps_unique"), ": ", Figure("span", "", "summary.unique_gaps", Int(s.unique_gaps)), "</h3>");
  if (unique.empty()) absl::StrAppend(&p.out, "<p class=\"muted\">", p.T("none"), "</p>");
  else GapTable(p, unique, true);
  // Where the unique areas stand, gaps or not.
  absl::StrAppend(&p.out, "<p>", p.T("unique_areas"), ": ");
  const std::vector<ClauseCoverage>& clauses = p.d.coverage.clauses;
  for (size_t i = 0; i < clauses.size(); ++i) {
    const ClauseCoverage& c = clauses[i];
    if (c.unique_topics.empty()) continue;
    absl::StrAppend(&p.out, p.Topics(c.unique_topics), "→ <span class=\"id\">", Escape(c.ref), "</span> ", p.ClauseTitle(c),
                    " (<span class=\"sw ", c.caution ? "cautioned" : Escape(c.status), "-bg\"></span>", p.Status(c), ") &nbsp; ");
  }
  absl::StrAppend(&p.out, "</p><h3>", p.T("gaps_other"), "</h3>");
  GapTable(p, other, false);
  absl::StrAppend(&p.out, "<h3 id=\"caution\">", p.T("gaps_cautioned"), ": ",
                  Figure("span", "", "summary.cautioned", Int(s.cautioned)), "</h3><p class=\"caution\">† ", p.T("caution"),
                  ": ", p.L(p.d.coverage.caution), "</p>");
  GapTable(p, cautioned, true);
  p.out += "</section>";
}

// A scope outcome (pass, fail, not-assessable) in the colours of the coverage statuses.
std::string Outcome(const Page& p, const std::string& outcome) {
  const char* cls = outcome == kScopePass ? "covered-bg" : outcome == kScopeFail ? "not-covered-bg" : "partial-bg";
  return absl::StrCat("<span class=\"sw ", cls, "\"></span>", p.L(ValueLabel("outcome", outcome)));
}

void Scope(Page& p) {
  absl::StrAppend(&p.out, "<section id=\"scope\"><h2>", p.T("scope"), "</h2><table><tr><th>", p.T("rule"), "</th><th>",
                  p.T("strength"), "</th><th>", p.T("outcome"), "</th><th>", p.T("reason"), "</th><th>", p.T("failing"),
                  "</th></tr>");
  for (const ScopeCheck& check : p.d.scope) {
    std::string failing;
    for (const ScopeItem& item : check.items) {
      if (item.outcome != kScopeFail) continue;
      absl::StrAppend(&failing, failing.empty() ? "" : "<br>", "<span class=\"id\">", Escape(item.subject), "</span> ",
                      p.L(item.title));
    }
    absl::StrAppend(&p.out, "<tr><td><span class=\"id\">", Escape(check.rule_id), "</span><br>", p.L(check.title),
                    "</td><td>", p.L(ValueLabel("strength", check.strength)), "</td><td class=\"status\">", Outcome(p, check.outcome),
                    "</td><td class=\"muted\">", p.L(check.detail), "</td><td>", failing, "</td></tr>");
  }
  if (p.d.scope.empty()) absl::StrAppend(&p.out, "<tr><td colspan=\"5\" class=\"muted\">", p.T("none"), "</td></tr>");
  p.out += "</table></section>";
}

void Quality(Page& p) {
  absl::StrAppend(&p.out, "<section id=\"quality\"><h2>", p.T("quality"), "</h2><table><tr><th>", p.T("rule"), "</th><th>",
                  p.T("clause"), "</th><th>", p.T("severity"), "</th><th>", p.T("basis"), "</th><th class=\"num\">",
                  p.T("examined"), "</th><th class=\"num\">", p.T("findings"), "</th><th></th><th>", p.T("sample_records"),
                  "</th></tr>");
  for (size_t i = 0; i < p.d.quality_counts.size(); ++i) {
    const QualityRuleCount& count = p.d.quality_counts[i];
    const QualityRule* rule = FindQualityRule(count.rule_id);
    const std::string at = absl::StrCat("quality.rules[", i, "].");
    std::string records;
    size_t listed = 0;
    for (const QualityFinding& f : p.d.quality) {
      if (f.rule_id != count.rule_id || f.records.empty()) continue;
      if (listed++ == kRecordsShown) {
        records += " …";
        break;
      }
      absl::StrAppend(&records, listed == 1 ? "" : "<br>", Escape(f.records.front().source), "&#47;",
                      Escape(f.records.front().native_id));
    }
    const std::string bar = html::StackedBarSvg({{double(count.findings), "not-covered-bg", ""},
                                                 {double(count.examined - count.findings), "rest-bg", ""}}, 120, 12);
    absl::StrAppend(&p.out, "<tr><td><span class=\"id\">", Escape(count.rule_id), "</span><br>",
                    rule ? p.L(rule->title) : "", "</td><td class=\"id\">", rule ? Escape(rule->clause) : "", "</td><td>",
                    rule ? absl::StrCat("<span class=\"badge sev-", Escape(rule->severity), "\">", p.L(ValueLabel("severity", rule->severity)),
                                        "</span>")
                         : "",
                    "</td><td>", rule ? p.L(ValueLabel("basis", rule->basis)) : "", "</td>",
                    Figure("td", "num", at + "examined", Int(count.examined)),
                    Figure("td", "num", at + "findings", Int(count.findings)), "<td>", bar, "</td><td class=\"id\">",
                    records, "</td></tr>");
  }
  p.out += "</table></section>";
}

// A period with incidents opened or changes concluded.
bool Active(const PeriodFigures& p) {
  const ChangeFigures& c = p.changes;
  for (const IncidentFigures& i : p.incidents) {
    if (!i.opened.empty()) return true;
  }
  return !c.successful.empty() || !c.unsuccessful.empty() || !c.unknown.empty() || !c.not_implemented.empty();
}

// The incidents of a period as the JSON lists them: the priorities with incidents opened.
std::vector<const IncidentFigures*> Listed(const PeriodFigures& period) {
  std::vector<const IncidentFigures*> listed;
  for (const IncidentFigures& i : period.incidents) {
    if (!i.opened.empty()) listed.push_back(&i);
  }
  return listed;
}

// One period of one service: a row per priority with incidents, the changes and the backlog
// (at the period's end, or the report date) once, spanning them.
void ServicePeriod(Page& p, const std::string& at, const PeriodFigures& period, const std::string& name_cell) {
  const std::vector<const IncidentFigures*> incidents = Listed(period);
  const std::string rs = absl::StrCat(" rowspan=\"", std::max<size_t>(1, incidents.size()), "\"");
  const ChangeFigures& c = period.changes;
  std::string spanned = absl::StrCat(
      "<td class=\"num\"", rs, ">", Figure("span", "", at + "changes.successful", Int(c.successful.size())),
      "</td><td class=\"num\"", rs, ">", Figure("span", "", at + "changes.unsuccessful", Int(c.unsuccessful.size())),
      "</td><td class=\"num\"", rs, ">",
      c.success_rate ? html::PercentFigure("span", "", at + "changes.success_rate", *c.success_rate) : "–", "</td>");
  for (size_t k = 0; k < period.backlog.size(); ++k) {
    const BacklogFigures& b = period.backlog[k];
    const std::string bt = absl::StrCat(at, "backlog[", k, "].");
    absl::StrAppend(&spanned, "<td class=\"num\"", rs, ">", Figure("span", "", bt + "open", Int(b.open.size())),
                    b.oldest_age_seconds
                        ? absl::StrCat(" (", Figure("span", "", bt + "oldest_age_days", Int(*b.oldest_age_seconds / 86400)), ")")
                        : "",
                    "</td>");
  }
  absl::StrAppend(&p.out, "<tr", name_cell.empty() ? "" : " class=\"first\"", ">", name_cell, "<td", rs, ">",
                  Escape(period.period.label), "</td>");
  if (incidents.empty()) {
    absl::StrAppend(&p.out, "<td class=\"muted\">–</td><td></td><td></td><td></td><td></td>", spanned, "</tr>");
  }
  for (size_t k = 0; k < incidents.size(); ++k) {
    const IncidentFigures& i = *incidents[k];
    const std::string it = absl::StrCat(at, "incidents[", k, "].");
    absl::StrAppend(&p.out, k == 0 ? "" : "<tr>", "<td>", p.T(i.priority), "</td>",
                    Figure("td", "num", it + "opened", Int(i.opened.size())),
                    Figure("td", "num", it + "within_target", Int(i.within_target.size())),
                    i.within_target_rate ? html::PercentFigure("td", "num", it + "within_target_rate", *i.within_target_rate)
                                         : "<td class=\"num muted\">–</td>",
                    Figure("td", "num", it + "breaches", Int(i.any_breach.size())), k == 0 ? spanned : "", "</tr>");
  }
}

void Service(Page& p) {
  const char* stop = p.lang == "ja" ? "。" : ". ";
  absl::StrAppend(&p.out, "<section id=\"service\"><h2>", p.T("service"), "</h2><p class=\"muted\">", p.T("latest_periods"),
                  stop, p.T("incidents_chart"), stop, p.T("calendar"), p.lang == "ja" ? "：" : ": ",
                  Escape(In(CalendarLabel(p.d.service.calendar), p.lang)), stop, "</p><table class=\"svc\"><tr><th rowspan=\"2\">", p.T("service_name"),
                  "</th><th rowspan=\"2\">", p.T("period"), "</th><th class=\"span\" colspan=\"5\">", p.T("incidents_by_priority"),
                  "</th><th class=\"span\" colspan=\"3\">", p.T("changes"), "</th><th class=\"span\" colspan=\"3\">",
                  p.T("open_by_kind"), "</th></tr><tr><th>", p.T("priority"), "</th><th class=\"num\">", p.T("opened"),
                  "</th><th class=\"num\">", p.T("within_target"), "</th><th class=\"num\">", p.T("within_rate"),
                  "</th><th class=\"num\">", p.T("breaches"), "</th><th class=\"num\">", p.T("changes_successful"),
                  "</th><th class=\"num\">", p.T("changes_unsuccessful"), "</th><th class=\"num\">", p.T("rate_percent"), "</th>");
  for (const char* kind : {"incident", "service-request", "problem"}) {
    absl::StrAppend(&p.out, "<th class=\"num\">", p.T(kind), "</th>");
  }
  p.out += "</tr>";
  const std::vector<ServiceFigures>& services = p.d.service.services;
  for (size_t s = 0; s < services.size(); ++s) {
    const ServiceFigures& service = services[s];
    const std::string name = service.no_service ? p.T(kNoService) : Escape(service.service);
    if (service.periods.empty()) {
      absl::StrAppend(&p.out, "<tr class=\"first\"><td class=\"name\"><b>", name, "</b></td><td colspan=\"12\" class=\"muted\">",
                      p.T("no_activity"), "</td></tr>");
      continue;
    }
    // The latest periods with incidents or changes, and the last period (today's backlog).
    std::vector<size_t> shown;
    std::vector<html::Column> columns;
    for (size_t k = 0; k < service.periods.size(); ++k) {
      const PeriodFigures& period = service.periods[k];
      if (Active(period) && k + 1 < service.periods.size()) shown.push_back(k);
      html::Column column{0, 0, period.period.label};
      for (const IncidentFigures& i : period.incidents) {
        column.value += i.opened.size();
        column.highlight += i.any_breach.size();
      }
      columns.push_back(column);
    }
    if (shown.size() > kPeriodsShown) shown.erase(shown.begin(), shown.end() - kPeriodsShown);
    shown.push_back(service.periods.size() - 1);
    size_t rows = 0;
    for (size_t k : shown) rows += std::max<size_t>(1, Listed(service.periods[k]).size());
    std::string name_cell = absl::StrCat("<td class=\"name\" rowspan=\"", rows, "\"><b>", name, "</b><br>",
                                         html::ColumnChartSvg(columns, 160, 28), "<div class=\"range\"><span>",
                                         Escape(service.periods.front().period.label), "</span><span>",
                                         Escape(service.periods.back().period.label), "</span></div><div class=\"muted\">",
                                         p.T("resolution_targets"), p.lang == "ja" ? "：" : ": ",
                                         Escape(In(TargetsLabel(service.targets), p.lang)), "</div></td>");
    for (size_t k : shown) {
      ServicePeriod(p, absl::StrCat("service.services[", s, "].periods[", k, "]."), service.periods[k], name_cell);
      name_cell.clear();
    }
  }
  p.out += "</table></section>";
}

}  // namespace

std::string RenderHtml(const ReportDocument& document, const std::string& lang) {
  Page page{document, lang, ""};
  const ReportSummary summary = Summarize(document);
  absl::StrAppend(&page.out, "<!DOCTYPE html>\n<html lang=\"", lang == "ja" ? "ja" : "en",
                  "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
                  "<title>", page.T("title"), " — ", Escape(document.target), " ", FormatDate(document.as_of),
                  "</title><style>", html::Stylesheet(), "</style></head><body>");
  Header(page, summary);
  Summary(page, summary);
  Heatmap(page);
  Groups(page);
  Shared(page);
  Gaps(page, summary);
  Scope(page);
  Quality(page);
  Service(page);
  page.out += SamSectionHtml(document.sam, lang);
  page.out += "</main></body></html>\n";
  return page.out;
}

}  // namespace crosswalk::report
