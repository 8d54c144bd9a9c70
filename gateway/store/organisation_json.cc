#include "gateway/store/organisation_json.h"

#include "absl/strings/str_cat.h"

namespace crosswalk::organisation_json {

// The values as the history (and org_assessments.value) keep them. Times are Unix seconds.
Json ToJson(const MappingDecision& d) {
  return Json{{"id", d.id}, {"from", d.from}, {"from_ref", d.from_ref}, {"to", d.to}, {"to_ref", d.to_ref},
              {"relationship", d.relationship}, {"decision", VerdictName(d.verdict)}, {"by", d.by},
              {"reason", d.reason}, {"decided_at", d.decided_at}};
}

Json ToJson(const Certification& c) {
  Json json{{"standard", c.standard}, {"certificate", c.certificate}, {"body", c.body}, {"scope", c.scope},
            {"valid_until", c.valid_until}, {"by", c.by}, {"recorded_at", c.recorded_at}};
  if (c.last_audit) json["last_audit"] = *c.last_audit;
  return json;
}

Json ToJson(const ClauseAssessment& a) {
  Json json{{"target", a.target}, {"clause", a.clause}, {"status", a.status}, {"owner", a.owner},
            {"action", a.action}, {"note", a.note}, {"evidence", a.evidence}, {"by", a.by}, {"at", a.at}};
  if (a.maturity) json["maturity"] = *a.maturity;
  if (a.due) json["due"] = *a.due;
  return json;
}

absl::StatusOr<ClauseAssessment> AssessmentFromJson(const std::string& text) {
  Json json = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object()) return absl::DataLossError("an assessment in the store is not a JSON object");
  try {
    ClauseAssessment a;
    a.target = json.value("target", "");
    a.clause = json.value("clause", "");
    a.status = json.value("status", "");
    a.owner = json.value("owner", "");
    a.action = json.value("action", "");
    a.note = json.value("note", "");
    a.evidence = json.value("evidence", std::vector<std::string>{});
    a.by = json.value("by", "");
    a.at = json.value("at", int64_t{0});
    if (json.contains("maturity")) a.maturity = json["maturity"].get<int>();
    if (json.contains("due")) a.due = json["due"].get<int64_t>();
    return a;
  } catch (const Json::exception& e) {
    return absl::DataLossError(absl::StrCat("an assessment in the store cannot be read: ", e.what()));
  }
}

}  // namespace crosswalk::organisation_json
