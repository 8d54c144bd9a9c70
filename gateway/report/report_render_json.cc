// The JSON rendering: every figure of every report with the records and mapping rows behind it.
// The names here are the contract the other formats (and the dashboard test) refer to.

#include <set>

#include "gateway/core/time_text.h"
#include "gateway/report/quality_rules.h"
#include "gateway/report/report_sam.h"
#include "gateway/report/report_labels.h"
#include "gateway/report/report_render.h"
#include "gateway/report/report_json.h"
#include "nlohmann/json.hpp"

namespace crosswalk::report {
namespace {

using Json = nlohmann::ordered_json;

Json JsonDate(const std::optional<int64_t>& seconds) {
  return seconds ? Json(FormatDate(*seconds)) : Json(nullptr);
}

Json KeyJson(const RecordKey& key) {
  return Json{{"source", key.source}, {"native_id", key.native_id}, {"kind", key.kind}, {"location", key.location}};
}

// A display field: the value's label (labels.csv "<group>.<value>") in the report's language,
// written beside the canonical value under "<field>_label".
std::string Shown(absl::string_view group, const std::string& value, const std::string& lang) {
  return In(ValueLabel(group, value), lang);
}

Json ReachJson(const Reach& reach, const std::string& lang) {
  return Json{{"via", reach.via}, {"relationship", reach.relationship},
              {"relationship_label", Shown("relationship", reach.relationship, lang)}, {"path", reach.path},
              {"sources", reach.sources}, {"derived", reach.derived}, {"tier", reach.candidate ? "candidate" : "sound"},
              {"candidate_reason", reach.candidate_reason}, {"indirect", reach.indirect}};
}

Json ClauseRecordsJson(const std::vector<ClauseRecord>& records, const std::string& lang) {
  Json out = Json::array();
  for (const ClauseRecord& r : records) {
    Json item = KeyJson(r.record);
    item["status"] = r.status;
    item["effective"] = JsonDate(r.effective);
    item["reach"] = ReachJson(r.reach, lang);
    item["polarity"] = r.polarity;
    item["polarity_rule"] = r.polarity_rule;
    out.push_back(std::move(item));
  }
  return out;
}

Json LabelsJson(const std::vector<Label>& labels) {
  Json out = Json::array();
  for (const Label& label : labels) out.push_back({{"en", label.en}, {"ja", label.ja}});
  return out;
}

Json AssessmentJson(const ClauseCoverage& c, const std::string& lang) {
  if (!c.assessment) return nullptr;
  const ClauseAssessment& a = *c.assessment;
  Json evidence = Json::array();
  for (const std::string& link : a.evidence) evidence.push_back(link);
  return Json{{"status", a.status},
              {"status_label", Shown("status", a.status, lang)},
              {"maturity", a.maturity ? Json(*a.maturity) : Json(nullptr)},
              {"owner", a.owner},
              {"due", JsonDate(a.due)},
              {"action", a.action},
              {"note", a.note},
              {"evidence", std::move(evidence)},
              {"by", a.by},
              {"at", FormatTimestamp(a.at)}};
}

Json ClauseJson(const ClauseCoverage& c, const std::string& lang) {
  Json certifications = Json::array();
  for (const std::string& name : c.certifications) certifications.push_back(name);
  return Json{{"clause", c.ref},
              {"parent", c.parent},
              {"title_en", c.title_en},
              {"title_ja", c.title_ja},
              {"group", c.group},
              {"leaf", c.leaf},
              {"status", c.status},
              {"status_label", Shown("status", c.status, lang)},
              {"maturity", c.maturity},
              {"maturity_label", In(MaturityLabel(c.maturity), lang)},
              {"maturity_rule", c.maturity_rule},
              {"evidence", c.evidence_count},
              {"current_evidence", c.current_evidence},
              {"controls", c.control_count},
              {"documents", c.document_count},
              {"newest_evidence", JsonDate(c.newest_evidence)},
              {"cadence_days", c.cadence_days},
              {"freshness", c.freshness},
              {"freshness_label", Shown("freshness", c.freshness, lang)},
              {"caution", c.caution},
              {"reason_en", c.reason.en},
              {"reason_ja", c.reason.ja},
              {"unique_to_20000_1", LabelsJson(c.unique_topics)},
              {"evidence_records", ClauseRecordsJson(c.evidence, lang)},
              {"control_records", ClauseRecordsJson(c.controls, lang)},
              {"document_records", ClauseRecordsJson(c.documents, lang)},
              {"against", c.against_count},
              {"against_records", ClauseRecordsJson(c.against, lang)},
              {"against_overlapping", c.against_overlapping},
              {"neutral", c.neutral_count},
              {"candidates", c.candidate_count},
              {"candidate_records", ClauseRecordsJson(c.candidates, lang)},
              {"indirect_evidence", c.indirect_evidence},
              {"certifications", std::move(certifications)},
              {"assessment", AssessmentJson(c, lang)},
              {"disagrees", c.disagrees}};
}

Json SummaryJson(const ReportSummary& s) {
  return Json{{"clauses", s.clauses},     {"covered", s.covered},
              {"partial", s.partial},     {"candidate", s.candidate},
              {"nonconforming", s.nonconforming}, {"not_covered", s.not_covered},
              {"disagreements", s.disagreements},
              {"cautioned", s.cautioned}, {"maturity_mean", std::round(s.maturity_mean * 100) / 100},
              {"gaps", s.gaps},           {"unique_gaps", s.unique_gaps},
              {"records", s.records},     {"shared", s.shared},
              {"quality_findings", s.quality_findings},
              {"scope_failed", s.scope_failed},
              {"scope_not_assessable", s.scope_not_assessable},
              {"scope_passed", s.scope_passed}};
}

Json SharedJson(const std::vector<SharedItem>& shared, const std::string& lang) {
  Json out = Json::array();
  for (const SharedItem& item : shared) {
    Json serves = Json::array();
    for (const Served& s : item.serves) {
      serves.push_back({{"catalog", s.catalog}, {"ref", s.ref}, {"title_en", s.title_en}, {"title_ja", s.title_ja},
                        {"reach", ReachJson(s.reach, lang)}});
    }
    Json entry = KeyJson(item.record);
    entry["title"] = item.title;
    entry["status"] = item.status;
    entry["standards"] = item.standards;
    entry["requirements"] = item.requirements;
    entry["serves"] = std::move(serves);
    out.push_back(std::move(entry));
  }
  return out;
}

Json QualityJson(const ReportDocument& document, const std::string& lang) {
  Json rules = Json::array();
  for (const QualityRuleCount& count : document.quality_counts) {
    const QualityRule* rule = FindQualityRule(count.rule_id);
    Json entry{{"id", count.rule_id}, {"examined", count.examined}, {"findings", count.findings}};
    if (rule != nullptr) {
      entry["title_en"] = rule->title.en;
      entry["title_ja"] = rule->title.ja;
      entry["clause"] = rule->clause;
      entry["severity"] = rule->severity;
      entry["severity_label"] = Shown("severity", rule->severity, lang);
      entry["basis"] = rule->basis;
      entry["basis_label"] = Shown("basis", rule->basis, lang);
      entry["source"] = rule->source;
      entry["source_line"] = rule->source_line;
    }
    rules.push_back(std::move(entry));
  }
  Json findings = Json::array();
  for (const QualityFinding& f : document.quality) {
    Json records = Json::array();
    for (const RecordKey& key : f.records) records.push_back(KeyJson(key));
    Json fields = Json::array();
    for (const FindingField& field : f.fields) fields.push_back({{"name", field.name}, {"value", field.value}});
    Json entry{{"rule", f.rule_id}, {"issue", f.issue}, {"records", std::move(records)}, {"fields", std::move(fields)}};
    if (f.age_days) entry["age_days"] = *f.age_days;
    if (f.cadence_days) entry["cadence_days"] = *f.cadence_days;
    findings.push_back(std::move(entry));
  }
  return Json{{"rules", std::move(rules)}, {"findings", std::move(findings)}};
}

// The records behind a service figure: its first kListedRefs indices into the report's records
// table (the figure's count beside it is complete). `used` collects every index listed, so the
// table holds only records some figure names.
constexpr size_t kListedRefs = 100;

struct RefLister {
  std::set<uint32_t> used;
  Json operator()(const RecordRefs& refs) {
    Json out = Json::array();
    for (size_t i = 0; i < refs.listed().size() && i < kListedRefs; ++i) {
      used.insert(refs.listed()[i]);
      out.push_back(refs.listed()[i]);
    }
    return out;
  }
};

Json ServiceJson(const ServiceReport& report) {
  RefLister Refs;
  Json services = Json::array();
  for (const ServiceFigures& service : report.services) {
    Json periods = Json::array();
    for (const PeriodFigures& period : service.periods) {
      Json incidents = Json::array();
      for (const IncidentFigures& i : period.incidents) {
        if (i.opened.empty()) continue;
        Json entry{{"priority", i.priority},
                   {"opened", i.opened.size()},
                   {"resolved", i.resolved.size()},
                   {"within_target", i.within_target.size()},
                   {"over_target", i.over_target.size()},
                   {"open_past_target", i.open_past_target.size()},
                   {"sla_not_made", i.sla_not_made.size()},
                   {"breaches", i.any_breach.size()},
                   {"within_target_rate", i.within_target_rate ? Json(*i.within_target_rate) : Json(nullptr)},
                   {"records", Refs(i.opened)},
                   {"breach_records", Refs(i.any_breach)}};
        incidents.push_back(std::move(entry));
      }
      const ChangeFigures& c = period.changes;
      Json backlog = Json::array();
      for (const BacklogFigures& b : period.backlog) {
        backlog.push_back({{"kind", b.kind}, {"open", b.open.size()},
                           {"oldest_age_days", b.oldest_age_seconds ? Json(*b.oldest_age_seconds / 86400) : Json(nullptr)},
                           {"median_age_days", b.median_age_seconds ? Json(*b.median_age_seconds / 86400) : Json(nullptr)},
                           {"records", Refs(b.open)}});
      }
      periods.push_back({{"period", period.period.label},
                         {"incidents", std::move(incidents)},
                         {"changes", {{"successful", c.successful.size()},
                                      {"unsuccessful", c.unsuccessful.size()},
                                      {"unknown", c.unknown.size()},
                                      {"not_implemented", c.not_implemented.size()},
                                      {"success_rate", c.success_rate ? Json(*c.success_rate) : Json(nullptr)},
                                      {"records", Refs(c.successful)},
                                      {"unsuccessful_records", Refs(c.unsuccessful)}}},
                         {"backlog", std::move(backlog)}});
    }
    const AppliedTargets& t = service.targets;
    const Label targets = TargetsLabel(t);
    Json targets_json{{"from", t.origin == TargetOrigin::kCatalogue ? "catalogue" : t.origin == TargetOrigin::kConfig ? "config" : "global"},
                      {"label_en", targets.en}, {"label_ja", targets.ja},
                      {"problem", t.problem.empty() ? Json(nullptr) : Json(t.problem)}};
    Json hours = Json::object();
    for (const DurationRow& row : t.table.rows) hours[row.key] = row.amount;
    targets_json["hours"] = std::move(hours);
    services.push_back({{"service", service.service}, {"no_service", service.no_service}, {"periods", std::move(periods)},
                        {"unplaced", service.unplaced.size()}, {"outside_range", service.outside_range.size()},
                        {"resolution_targets", std::move(targets_json)}});
  }
  Json records = Json::array();
  for (uint32_t index : Refs.used) {
    Json entry = KeyJson(report.records[index]);
    entry["index"] = index;
    records.push_back(std::move(entry));
  }
  const Label calendar = CalendarLabel(report.calendar);
  return Json{{"priorities", report.priorities},
              {"resolution_time", {{"calendar", report.calendar.empty() ? Json(nullptr) : Json(report.calendar)},
                                   {"label_en", calendar.en}, {"label_ja", calendar.ja}}},
              {"services", std::move(services)},
              {"records", std::move(records)}};
}

Json ScopeJson(const std::vector<ScopeCheck>& checks, const std::string& lang) {
  Json out = Json::array();
  for (const ScopeCheck& check : checks) {
    Json items = Json::array();
    for (const ScopeItem& item : check.items) {
      Json records = Json::array();
      for (const RecordKey& key : item.records) records.push_back(KeyJson(key));
      items.push_back({{"subject", item.subject}, {"title_en", item.title.en}, {"title_ja", item.title.ja},
                       {"outcome", item.outcome}, {"outcome_label", Shown("outcome", item.outcome, lang)}, {"detail_en", item.detail.en}, {"detail_ja", item.detail.ja},
                       {"evidence", item.evidence}, {"records", std::move(records)}});
    }
    out.push_back({{"rule", check.rule_id}, {"title_en", check.title.en}, {"title_ja", check.title.ja},
                   {"strength", check.strength}, {"strength_label", Shown("strength", check.strength, lang)},
                   {"source", check.source}, {"outcome", check.outcome}, {"outcome_label", Shown("outcome", check.outcome, lang)},
                   {"detail_en", check.detail.en}, {"detail_ja", check.detail.ja}, {"items", std::move(items)}});
  }
  return out;
}

}  // namespace

Json ClauseCoverageJson(const ClauseCoverage& clause, const std::string& lang) { return ClauseJson(clause, lang); }

std::string RenderJson(const ReportDocument& document, ReportKind kind, const std::string& lang) {
  const bool all = kind == ReportKind::kAll;
  Json out{{"report", KindName(kind)},
           {"target", document.target},
           {"target_title", document.coverage.target_title},
           {"as_of", FormatDate(document.as_of)},
           {"time_zone", document.time_zone},
           {"lang", lang}};
  Json sources = Json::array();
  for (const SourceSummary& s : document.sources) sources.push_back({{"source", s.source}, {"records", s.records}});
  out["sources"] = std::move(sources);
  out["summary"] = SummaryJson(Summarize(document));
  out["caution"] = {{"en", document.coverage.caution.en}, {"ja", document.coverage.caution.ja}};
  if (all || kind == ReportKind::kCoverage) {
    Json groups = Json::array();
    for (const ClauseGroup& g : document.coverage.groups) {
      groups.push_back({{"group", g.ref}, {"title_en", g.title_en}, {"title_ja", g.title_ja}, {"covered", g.covered},
                        {"partial", g.partial}, {"candidate", g.candidate}, {"nonconforming", g.nonconforming},
                        {"not_covered", g.not_covered}, {"leaves", g.leaves},
                        {"maturity_mean", g.leaves == 0 ? 0.0 : std::round(100.0 * g.maturity_sum / g.leaves) / 100}});
    }
    out["groups"] = std::move(groups);
    Json clauses = Json::array();
    for (const ClauseCoverage& c : document.coverage.clauses) clauses.push_back(ClauseJson(c, lang));
    out["coverage"] = std::move(clauses);
    out["excluded_after_as_of"] = document.coverage.excluded_after_as_of;
    Json unknown = Json::object();
    for (const auto& [raw, count] : document.coverage.unknown_findings) unknown[raw] = count;
    out["unknown_finding_types"] = std::move(unknown);
    Json certified = Json::array();
    for (const Certification& c : document.coverage.certified) {
      certified.push_back({{"standard", c.standard}, {"certificate", c.certificate}, {"body", c.body}, {"scope", c.scope},
                           {"valid_until", FormatDate(c.valid_until)}, {"last_audit", JsonDate(c.last_audit)}, {"valid", true}});
    }
    for (const Certification& c : document.coverage.expired) {
      certified.push_back({{"standard", c.standard}, {"certificate", c.certificate}, {"body", c.body}, {"scope", c.scope},
                           {"valid_until", FormatDate(c.valid_until)}, {"last_audit", JsonDate(c.last_audit)}, {"valid", false}});
    }
    out["certifications"] = std::move(certified);
    out["beyond_certified"] = document.coverage.beyond_certified;
  }
  if (all || kind == ReportKind::kShared) out["shared"] = SharedJson(document.coverage.shared, lang);
  if (all || kind == ReportKind::kGaps) {
    Json gaps = Json::array();
    for (const ClauseCoverage* c : GapClauses(document.coverage)) gaps.push_back(ClauseJson(*c, lang));
    out["gaps"] = std::move(gaps);
  }
  if (all || kind == ReportKind::kQuality) out["quality"] = QualityJson(document, lang);
  if (all || kind == ReportKind::kService) out["service"] = ServiceJson(document.service);
  if (all || kind == ReportKind::kScope) out["scope"] = ScopeJson(document.scope, lang);
  if (all) out["sam"] = SamJson(document.sam, lang);
  return out.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace crosswalk::report
