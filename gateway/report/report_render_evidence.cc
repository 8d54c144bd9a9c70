// The auditor's evidence pack (report kind `evidence`): for each clause of the target (or one
// clause and its parts), the computed status with its reasons, the controls (certified clauses
// among them), documents and evidence records with source, native id, location, effective date and
// the mapping path that brought each, the organisation's decisions that name the clause and the
// coordinator's assessment of it. json, md, or one self-contained html file that prints with each
// clause group on a page of its own. The coverage lists are the report's (CoverageOptions::
// max_listed records each); the counts are always complete and a shortfall is said.

#include <algorithm>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gateway/core/organisation_text.h"
#include "absl/strings/str_join.h"
#include "gateway/core/time_text.h"
#include "gateway/report/report_html.h"
#include "gateway/report/report_json.h"
#include "gateway/report/report_labels.h"
#include "gateway/report/report_render.h"

namespace crosswalk::report {
namespace {

using Json = nlohmann::ordered_json;
using html::Escape;

// The words of the pack that the other reports do not use (labels.csv, evidence.*).
Label Word(absl::string_view key) { return ValueLabel("evidence", key); }

std::string Date(const std::optional<int64_t>& seconds) { return seconds ? FormatDate(*seconds) : ""; }

// The clauses the pack covers: all, or `wanted` and its parts. NOT_FOUND for an unknown clause.
absl::StatusOr<std::vector<const ClauseCoverage*>> Select(const CoverageReport& coverage, const std::string& wanted) {
  std::vector<const ClauseCoverage*> out;
  for (const ClauseCoverage& clause : coverage.clauses) {
    if (wanted.empty() || clause.ref == wanted || absl::StartsWith(clause.ref, wanted + ".")) out.push_back(&clause);
  }
  if (out.empty()) {
    return absl::NotFoundError(absl::StrCat("clause '", wanted, "' is not a clause of ", coverage.target,
                                            " (e.g. 8.5.1 or 8.5)"));
  }
  return out;
}

std::vector<const MappingDecision*> DecisionsOf(const ReportDocument& d, const std::string& ref) {
  std::vector<const MappingDecision*> out;
  for (const MappingDecision& decision : d.organisation.decisions) {
    if ((decision.to == d.target && decision.to_ref == ref) || (decision.from == d.target && decision.from_ref == ref)) {
      out.push_back(&decision);
    }
  }
  return out;
}

Json DecisionJson(const MappingDecision& d) {
  return Json{{"id", d.id}, {"decision", VerdictName(d.verdict)}, {"from", d.from}, {"from_ref", d.from_ref},
              {"to", d.to}, {"to_ref", d.to_ref}, {"relationship", d.relationship}, {"by", d.by},
              {"reason", d.reason}, {"decided_at", FormatDate(d.decided_at)}};
}

Json CertificationJson(const Certification& c, int64_t as_of) {
  return Json{{"standard", c.standard}, {"certificate", c.certificate}, {"body", c.body}, {"scope", c.scope},
              {"valid_until", FormatDate(c.valid_until)},
              {"last_audit", c.last_audit ? Json(FormatDate(*c.last_audit)) : Json(nullptr)},
              {"valid", as_of <= c.valid_until}, {"origin", c.origin}};
}

std::string RenderJsonPack(const ReportDocument& d, const std::vector<const ClauseCoverage*>& clauses,
                           const std::string& wanted, const std::string& lang) {
  Json out;
  out["report"] = "evidence";
  out["target"] = d.target;
  out["target_title"] = d.coverage.target_title;
  out["as_of"] = FormatDate(d.as_of);
  out["clause"] = wanted.empty() ? Json(nullptr) : Json(wanted);
  out["caution"] = {{"en", d.coverage.caution.en}, {"ja", d.coverage.caution.ja}};
  Json certifications = Json::array();
  for (const Certification& c : d.organisation.certifications) certifications.push_back(CertificationJson(c, d.as_of));
  out["certifications"] = std::move(certifications);
  Json list = Json::array();
  for (const ClauseCoverage* clause : clauses) {
    Json item = ClauseCoverageJson(*clause, lang);
    Json decisions = Json::array();
    for (const MappingDecision* decision : DecisionsOf(d, clause->ref)) decisions.push_back(DecisionJson(*decision));
    item["decisions"] = std::move(decisions);
    list.push_back(std::move(item));
  }
  out["clauses"] = std::move(list);
  return out.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

// One kind of record of a clause in both text formats: controls (certified clauses among them),
// documents, supporting evidence, evidence against it, and candidates (not counted).
struct RecordList {
  Label heading;
  const std::vector<ClauseRecord>* listed;
  int64_t count;
};

std::vector<RecordList> ListsOf(const ClauseCoverage& c) {
  return {{Heading("controls"), &c.controls, c.control_count},
          {Heading("documents"), &c.documents, c.document_count},
          {Heading("evidence"), &c.evidence, c.evidence_count},
          {Word("against"), &c.against, c.against_count},
          {Word("candidates"), &c.candidates, c.candidate_count}};
}

std::string PathOf(const Reach& reach) {
  return reach.path.empty() ? absl::StrCat(reach.via, " (", reach.sources, ")")
                            : absl::StrCat(reach.via, ": ", reach.path, " (", reach.relationship, "; ", reach.sources,
                                           reach.derived ? "; derived" : "", ")");
}

std::string RenderMarkdownPack(const ReportDocument& d, const std::vector<const ClauseCoverage*>& clauses,
                               const std::string& lang) {
  auto w = [&](absl::string_view key) { return MarkdownEscape(In(Word(key), lang)); };
  auto h = [&](absl::string_view key) { return MarkdownEscape(In(Heading(key), lang)); };
  std::string out = absl::StrCat("# ", w("title"), ": ", MarkdownEscape(d.coverage.target_title), " (",
                                 MarkdownEscape(d.target), "), ", FormatDate(d.as_of), "\n\n", w("intro"), "\n\n",
                                 "> ", MarkdownEscape(In(d.coverage.caution, lang)), "\n\n## ", w("certifications"), "\n\n");
  if (d.organisation.certifications.empty()) absl::StrAppend(&out, w("no_certifications"), "\n");
  for (const Certification& c : d.organisation.certifications) {
    absl::StrAppend(&out, "- ", MarkdownEscape(c.standard), " ", MarkdownEscape(c.certificate), ", ",
                    MarkdownEscape(c.body), ", ", MarkdownEscape(c.scope), "; ", w("valid_until"), " ",
                    FormatDate(c.valid_until), d.as_of <= c.valid_until ? "" : " (expired)", "\n");
  }
  for (const ClauseCoverage* c : clauses) {
    const std::string title = lang == "ja" && !c->title_ja.empty() ? c->title_ja : c->title_en;
    absl::StrAppend(&out, "\n", c->depth == 0 ? "## " : "### ", MarkdownEscape(c->ref), " ", MarkdownEscape(title),
                    "\n\n- ", h("status"), ": ", MarkdownEscape(In(CoverageStatusLabel(c->status), lang)),
                    c->caution ? " †" : "", "\n- ", h("maturity"), ": ", MarkdownEscape(In(MaturityLabel(c->maturity), lang)),
                    " (", MarkdownEscape(c->maturity_rule), ")\n- ", h("reason"), ": ",
                    MarkdownEscape(In(c->reason, lang)), "\n");
    for (const std::string& credit : c->certifications) {
      absl::StrAppend(&out, "- ", w("credited"), ": ", MarkdownEscape(credit), "\n");
    }
    for (const RecordList& list : ListsOf(*c)) {
      absl::StrAppend(&out, "\n**", MarkdownEscape(In(list.heading, lang)), "** (", list.count, ")\n\n");
      if (list.listed->empty()) {
        absl::StrAppend(&out, w("none_listed"), "\n");
        continue;
      }
      absl::StrAppend(&out, "| ", w("kind"), " | ", w("source"), " | ", w("native_id"), " | ", w("location"), " | ",
                      h("status"), " | ", w("effective"), " | ", w("path"), " |\n|---|---|---|---|---|---|---|\n");
      for (const ClauseRecord& r : *list.listed) {
        absl::StrAppend(&out, "| ", MarkdownEscape(r.record.kind), " | ", MarkdownEscape(r.record.source), " | ",
                        MarkdownEscape(r.record.native_id), " | ", MarkdownEscape(r.record.location), " | ",
                        MarkdownEscape(r.status), " | ", Date(r.effective), " | ", MarkdownEscape(PathOf(r.reach)), " |\n");
      }
      if (list.count > static_cast<int64_t>(list.listed->size())) {
        absl::StrAppend(&out, "\n", list.count - static_cast<int64_t>(list.listed->size()), " ", w("not_listed"), "\n");
      }
    }
    const auto decisions = DecisionsOf(d, c->ref);
    if (!decisions.empty()) {
      absl::StrAppend(&out, "\n**", w("decisions"), "**\n\n");
      for (const MappingDecision* x : decisions) {
        absl::StrAppend(&out, "- #", x->id, " ", VerdictName(x->verdict), ": ", MarkdownEscape(x->from), " ",
                        MarkdownEscape(x->from_ref), " → ", MarkdownEscape(x->to), " ", MarkdownEscape(x->to_ref), " ",
                        MarkdownEscape(x->relationship), "; ", MarkdownEscape(x->by), ", ", FormatDate(x->decided_at),
                        ": ", MarkdownEscape(x->reason), "\n");
      }
    }
    absl::StrAppend(&out, "\n**", w("assessment"), "**: ");
    if (c->assessment) {
      const ClauseAssessment* a = &*c->assessment;
      absl::StrAppend(&out, MarkdownEscape(a->status), a->maturity ? absl::StrCat(", ", h("maturity"), " ", *a->maturity) : "",
                      "; ", w("owner"), " ", MarkdownEscape(a->owner), "; ", w("due"), " ", Date(a->due), "; ",
                      w("action"), ": ", MarkdownEscape(a->action), "; ", w("note"), ": ", MarkdownEscape(a->note), " (",
                      MarkdownEscape(a->by), ", ", FormatDate(a->at), ")", c->disagrees ? absl::StrCat(" ≠ ", w("disagrees")) : "",
                      "\n");
    } else {
      absl::StrAppend(&out, w("no_assessment"), "\n");
    }
  }
  return out;
}

// Printing: each clause group starts a page; a clause's block is not split where it can be kept.
constexpr absl::string_view kPrintStyle =
    "section.group{margin-top:2em}section.clause{margin:1em 0;padding-left:.5em;border-left:3px solid #ccc}"
    "table.records{border-collapse:collapse;width:100%;font-size:.85em}"
    "table.records td,table.records th{border:1px solid #ddd;padding:2px 4px;vertical-align:top}"
    "@media print{section.group{break-before:page}section.clause{break-inside:avoid-page}}";

std::string RenderHtmlPack(const ReportDocument& d, const std::vector<const ClauseCoverage*>& clauses,
                           const std::string& lang) {
  auto w = [&](absl::string_view key) { return Escape(In(Word(key), lang)); };
  auto h = [&](absl::string_view key) { return Escape(In(Heading(key), lang)); };
  std::string out = absl::StrCat(
      "<!DOCTYPE html>\n<html lang=\"", lang == "ja" ? "ja" : "en",
      "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>",
      w("title"), " — ", Escape(d.target), " ", FormatDate(d.as_of), "</title><style>", html::Stylesheet(), kPrintStyle,
      "</style></head><body><main><h1>", w("title"), "</h1><p>", Escape(d.coverage.target_title), " (", Escape(d.target),
      "), ", h("as_of"), " ", FormatDate(d.as_of), "</p><p>", w("intro"), "</p><p id=\"caution\" class=\"caution\">† ",
      Escape(In(d.coverage.caution, lang)), "</p><h2>", w("certifications"), "</h2>");
  if (d.organisation.certifications.empty()) absl::StrAppend(&out, "<p>", w("no_certifications"), "</p>");
  for (const Certification& c : d.organisation.certifications) {
    absl::StrAppend(&out, "<p class=\"certification\">", Escape(c.standard), " ", Escape(c.certificate), ", ", Escape(c.body),
                    ", ", Escape(c.scope), "; ", w("valid_until"), " ", FormatDate(c.valid_until),
                    d.as_of <= c.valid_until ? "" : " (expired)", "</p>");
  }
  bool open_group = false;
  for (const ClauseCoverage* c : clauses) {
    const std::string title = lang == "ja" && !c->title_ja.empty() ? c->title_ja : c->title_en;
    if (c->depth == 0 || !open_group) {
      absl::StrAppend(&out, open_group ? "</section>" : "", "<section class=\"group\">");
      open_group = true;
    }
    absl::StrAppend(&out, "<section class=\"clause\" id=\"clause-", Escape(c->ref), "\"><h", c->depth == 0 ? "2" : "3", ">",
                    Escape(c->ref), " ", Escape(title), "</h", c->depth == 0 ? "2" : "3", "><p><b>", h("status"), ":</b> <span class=\"status\">",
                    Escape(In(CoverageStatusLabel(c->status), lang)), "</span>",
                    c->caution ? " <a href=\"#caution\">†</a>" : "", " · <b>", h("maturity"), ":</b> ",
                    Escape(In(MaturityLabel(c->maturity), lang)), " <small>(", Escape(c->maturity_rule), ")</small></p><p><b>",
                    h("reason"), ":</b> ", Escape(In(c->reason, lang)), "</p>");
    for (const std::string& credit : c->certifications) {
      absl::StrAppend(&out, "<p class=\"credit\"><b>", w("credited"), ":</b> ", Escape(credit), "</p>");
    }
    for (const RecordList& list : ListsOf(*c)) {
      absl::StrAppend(&out, "<h4>", Escape(In(list.heading, lang)), " (<span class=\"count\">", list.count, "</span>)</h4>");
      if (list.listed->empty()) {
        absl::StrAppend(&out, "<p>", w("none_listed"), "</p>");
        continue;
      }
      absl::StrAppend(&out, "<table class=\"records\"><tr><th>", w("kind"), "</th><th>", w("source"), "</th><th>",
                      w("native_id"), "</th><th>", w("location"), "</th><th>", h("status"), "</th><th>", w("effective"),
                      "</th><th>", w("path"), "</th></tr>");
      for (const ClauseRecord& r : *list.listed) {
        absl::StrAppend(&out, "<tr class=\"record\"><td>", Escape(r.record.kind), "</td><td>", Escape(r.record.source),
                        "</td><td class=\"native-id\">", Escape(r.record.native_id), "</td><td>", Escape(r.record.location),
                        "</td><td>", Escape(r.status), "</td><td>", Date(r.effective), "</td><td>", Escape(PathOf(r.reach)),
                        "</td></tr>");
      }
      absl::StrAppend(&out, "</table>");
      if (list.count > static_cast<int64_t>(list.listed->size())) {
        absl::StrAppend(&out, "<p>", list.count - static_cast<int64_t>(list.listed->size()), " ", w("not_listed"), "</p>");
      }
    }
    const auto decisions = DecisionsOf(d, c->ref);
    if (!decisions.empty()) {
      absl::StrAppend(&out, "<h4>", w("decisions"), "</h4><ul>");
      for (const MappingDecision* x : decisions) {
        absl::StrAppend(&out, "<li class=\"decision\">#", x->id, " ", VerdictName(x->verdict), ": ", Escape(x->from), " ",
                        Escape(x->from_ref), " → ", Escape(x->to), " ", Escape(x->to_ref), " ", Escape(x->relationship), "; ",
                        Escape(x->by), ", ", FormatDate(x->decided_at), ": ", Escape(x->reason), "</li>");
      }
      absl::StrAppend(&out, "</ul>");
    }
    absl::StrAppend(&out, "<h4>", w("assessment"), "</h4>");
    if (c->assessment) {
      const ClauseAssessment* a = &*c->assessment;
      absl::StrAppend(&out, "<p class=\"assessment\">", Escape(a->status),
                      a->maturity ? absl::StrCat(", ", h("maturity"), " ", *a->maturity) : "", "; ", w("owner"), " ",
                      Escape(a->owner), "; ", w("due"), " ", Date(a->due), "; ", w("action"), ": ", Escape(a->action), "; ",
                      w("note"), ": ", Escape(a->note), " (", Escape(a->by), ", ", FormatDate(a->at), ")</p>",
                      c->disagrees ? absl::StrCat("<p class=\"disagrees\">≠ ", w("disagrees"), "</p>") : "");
    } else {
      absl::StrAppend(&out, "<p>", w("no_assessment"), "</p>");
    }
    absl::StrAppend(&out, "</section>");
  }
  absl::StrAppend(&out, open_group ? "</section>" : "", "</main></body></html>\n");
  return out;
}

}  // namespace

absl::StatusOr<RenderedReport> RenderEvidence(const ReportDocument& document, const RenderOptions& options) {
  auto clauses = Select(document.coverage, options.clause);
  if (!clauses.ok()) return clauses.status();
  if (options.format == "json") {
    return RenderedReport{"application/json", RenderJsonPack(document, *clauses, options.clause, options.lang)};
  }
  if (options.format == "md") {
    return RenderedReport{"text/markdown; charset=utf-8", RenderMarkdownPack(document, *clauses, options.lang)};
  }
  return RenderedReport{"text/html; charset=utf-8", RenderHtmlPack(document, *clauses, options.lang)};
}

}  // namespace crosswalk::report
