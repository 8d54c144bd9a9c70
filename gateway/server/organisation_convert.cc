#include "gateway/server/organisation_convert.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gateway/core/organisation_text.h"
#include "gateway/core/status_macros.h"
#include "gateway/core/time_text.h"
#include "gateway/core/unicode.h"
#include "gateway/mapping/vocabulary.h"

namespace crosswalk::server {
namespace {

absl::Status Invalid(absl::string_view field, absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat(field, ": ", what));
}

// OK when `value` is valid UTF-8 of at most `max_bytes`, and not empty when `required`.
absl::Status CheckText(absl::string_view field, const std::string& value, size_t max_bytes, bool required) {
  if (required && value.empty()) return Invalid(field, "is required");
  if (value.size() > max_bytes) return Invalid(field, absl::StrCat("is longer than ", max_bytes, " bytes"));
  if (!IsValidUtf8(value)) return Invalid(field, "is not valid UTF-8");
  return absl::OkStatus();
}

absl::StatusOr<int64_t> Date(absl::string_view field, const std::string& value) {
  absl::StatusOr<int64_t> date = ParseIsoDate(value);
  if (!date.ok()) return Invalid(field, date.status().message());
  return date;
}

// The canonical catalog id and ref of (catalog, ref); errors name the fields.
absl::StatusOr<std::pair<std::string, std::string>> ResolveItem(const mapping::MappingEngine& engine,
                                                                 absl::string_view catalog_field, const std::string& catalog,
                                                                 absl::string_view ref_field, const std::string& ref) {
  CW_RETURN_IF_ERROR(CheckText(catalog_field, catalog, kMaxNameBytes, true));
  CW_RETURN_IF_ERROR(CheckText(ref_field, ref, kMaxNameBytes, true));
  absl::StatusOr<const mapping::Catalog*> resolved = engine.ResolveCatalog(catalog);
  if (!resolved.ok()) return absl::Status(resolved.status().code(), absl::StrCat(catalog_field, ": ", resolved.status().message()));
  absl::StatusOr<const mapping::CatalogItem*> item = engine.ResolveRef(**resolved, ref);
  if (!item.ok()) return absl::Status(item.status().code(), absl::StrCat(ref_field, ": ", item.status().message()));
  return std::make_pair((*resolved)->id, (*item)->ref);
}

}  // namespace

v1::OrganisationChange ToProto(const OrganisationChange& change) {
  v1::OrganisationChange out;
  out.set_id(change.id);
  out.set_at(change.at);
  out.set_by(change.by);
  out.set_key(change.key);
  out.set_action(change.action);
  out.set_value(change.value);
  return out;
}

v1::MappingDecision ToProto(const MappingDecision& decision) {
  v1::MappingDecision out;
  out.set_id(decision.id);
  out.set_from(decision.from);
  out.set_from_ref(decision.from_ref);
  out.set_to(decision.to);
  out.set_to_ref(decision.to_ref);
  out.set_relationship(decision.relationship);
  out.set_decision(VerdictName(decision.verdict));
  out.set_by(decision.by);
  out.set_reason(decision.reason);
  out.set_decided_at(decision.decided_at);
  return out;
}

v1::Certification ToProto(const Certification& certification) {
  v1::Certification out;
  out.set_standard(certification.standard);
  out.set_certificate(certification.certificate);
  out.set_body(certification.body);
  out.set_scope(certification.scope);
  out.set_valid_until(FormatDate(certification.valid_until));
  if (certification.last_audit) out.set_last_audit(FormatDate(*certification.last_audit));
  out.set_origin(certification.origin);
  out.set_by(certification.by);
  out.set_recorded_at(certification.recorded_at);
  return out;
}

v1::ClauseAssessment ToProto(const ClauseAssessment& assessment) {
  v1::ClauseAssessment out;
  out.set_target(assessment.target);
  out.set_clause(assessment.clause);
  out.set_status(assessment.status);
  if (assessment.maturity) out.set_maturity(*assessment.maturity);
  out.set_owner(assessment.owner);
  if (assessment.due) out.set_due(FormatDate(*assessment.due));
  out.set_action(assessment.action);
  out.set_note(assessment.note);
  for (const std::string& link : assessment.evidence) out.add_evidence(link);
  out.set_by(assessment.by);
  out.set_at(assessment.at);
  return out;
}

absl::StatusOr<MappingDecision> DecisionFromProto(const v1::MappingDecision& in, const mapping::MappingEngine& engine) {
  MappingDecision out;
  absl::StatusOr<MappingDecision::Verdict> verdict = ParseVerdict(in.decision());
  if (!verdict.ok()) return Invalid("decision", verdict.status().message());
  out.verdict = *verdict;
  CW_ASSIGN_OR_RETURN(auto from, ResolveItem(engine, "from", in.from(), "from_ref", in.from_ref()));
  CW_ASSIGN_OR_RETURN(auto to, ResolveItem(engine, "to", in.to(), "to_ref", in.to_ref()));
  if (from.first == to.first) return Invalid("to", "is the same catalog as from");
  std::tie(out.from, out.from_ref) = from;
  std::tie(out.to, out.to_ref) = to;
  if (in.relationship().empty()) {
    if (out.verdict != MappingDecision::Verdict::kReject) return Invalid("relationship", "is required for confirm and add");
  } else if (!mapping::ParseRelationship(in.relationship())) {
    CW_RETURN_IF_ERROR(CheckText("relationship", in.relationship(), kMaxNameBytes, true));
    return Invalid("relationship", absl::StrCat("'", in.relationship(), "' is not one of ",
                                                absl::StrJoin(mapping::RelationshipNames(), ", ")));
  }
  out.relationship = in.relationship();
  CW_RETURN_IF_ERROR(CheckText("by", in.by(), kMaxNameBytes, true));
  CW_RETURN_IF_ERROR(CheckText("reason", in.reason(), kMaxTextBytes, true));
  out.by = in.by();
  out.reason = in.reason();
  return out;
}

absl::StatusOr<Certification> CertificationFromProto(const v1::Certification& in, const mapping::MappingEngine& engine) {
  Certification out;
  CW_RETURN_IF_ERROR(CheckText("standard", in.standard(), kMaxNameBytes, true));
  absl::StatusOr<const mapping::Catalog*> standard = engine.ResolveCatalog(in.standard());
  if (!standard.ok()) return absl::Status(standard.status().code(), absl::StrCat("standard: ", standard.status().message()));
  out.standard = (*standard)->id;
  CW_RETURN_IF_ERROR(CheckText("certificate", in.certificate(), kMaxNameBytes, true));
  CW_RETURN_IF_ERROR(CheckText("body", in.body(), kMaxNameBytes, true));
  CW_RETURN_IF_ERROR(CheckText("scope", in.scope(), kMaxTextBytes, false));
  CW_RETURN_IF_ERROR(CheckText("by", in.by(), kMaxNameBytes, true));
  out.certificate = in.certificate();
  out.body = in.body();
  out.scope = in.scope();
  out.by = in.by();
  CW_ASSIGN_OR_RETURN(out.valid_until, Date("valid_until", in.valid_until()));
  if (!in.last_audit().empty()) {
    CW_ASSIGN_OR_RETURN(out.last_audit, Date("last_audit", in.last_audit()));
  }
  out.origin = "api";
  return out;
}

absl::Status CheckBy(const std::string& by) { return CheckText("by", by, kMaxNameBytes, true); }

absl::StatusOr<std::pair<std::string, std::string>> ResolveClause(const mapping::MappingEngine& engine,
                                                                   const std::string& target, const std::string& clause) {
  return ResolveItem(engine, "target", target.empty() ? kDefaultTarget : target, "clause", clause);
}

absl::StatusOr<ClauseAssessment> ApplyAssessment(const v1::SetAssessmentRequest& in, ClauseAssessment out) {
  for (const std::string& field : in.clear()) {
    if (field == "status") out.status.clear();
    else if (field == "maturity") out.maturity.reset();
    else if (field == "owner") out.owner.clear();
    else if (field == "due") out.due.reset();
    else if (field == "action") out.action.clear();
    else if (field == "note") out.note.clear();
    else if (field == "evidence") out.evidence.clear();
    else return Invalid("clear", absl::StrCat("'", TruncateUtf8(field, kQuotedTextBytes), "' is not one of status, maturity, owner, due, action, note, evidence"));
  }
  if (in.has_status()) {
    if (!in.status().empty() && !IsAssessmentStatus(in.status())) {
      return Invalid("status", absl::StrCat("'", TruncateUtf8(in.status(), kQuotedTextBytes),
                                            "' is not one of covered, partial, candidate, nonconforming, not-covered"));
    }
    out.status = in.status();
  }
  if (in.has_maturity()) {
    if (in.maturity() < 0 || in.maturity() > 3) return Invalid("maturity", absl::StrCat(in.maturity(), " is not 0 to 3"));
    out.maturity = in.maturity();
  }
  if (in.has_owner()) {
    CW_RETURN_IF_ERROR(CheckText("owner", in.owner(), kMaxNameBytes, false));
    out.owner = in.owner();
  }
  if (in.has_due()) {
    if (in.due().empty()) {
      out.due.reset();
    } else {
      CW_ASSIGN_OR_RETURN(out.due, Date("due", in.due()));
    }
  }
  if (in.has_action()) {
    CW_RETURN_IF_ERROR(CheckText("action", in.action(), kMaxTextBytes, false));
    out.action = in.action();
  }
  if (in.has_note()) {
    CW_RETURN_IF_ERROR(CheckText("note", in.note(), kMaxTextBytes, false));
    out.note = in.note();
  }
  if (in.evidence_size() > 0) {
    if (static_cast<size_t>(in.evidence_size()) > kMaxEvidenceLinks) {
      return Invalid("evidence", absl::StrCat("has more than ", kMaxEvidenceLinks, " links"));
    }
    for (const std::string& link : in.evidence()) CW_RETURN_IF_ERROR(CheckText("evidence", link, kMaxLinkBytes, true));
    out.evidence.assign(in.evidence().begin(), in.evidence().end());
  }
  CW_RETURN_IF_ERROR(CheckText("by", in.by(), kMaxNameBytes, true));
  out.by = in.by();
  return out;
}

}  // namespace crosswalk::server
