#ifndef CROSSWALK_GATEWAY_SERVER_ORGANISATION_CONVERT_H_
#define CROSSWALK_GATEWAY_SERVER_ORGANISATION_CONVERT_H_

#include <string>

#include "absl/status/statusor.h"
#include "crosswalk/v1/organisation.pb.h"
#include "gateway/core/organisation.h"
#include "gateway/mapping/mapping_engine.h"
#include "gateway/store/organisation_store.h"

// Converters between the organisation's values (gateway/core/organisation.h) and the crosswalk.v1
// messages. The *FromProto functions are the API edge's validation: what a client states is
// checked here and made canonical before the store sees it. Each error is INVALID_ARGUMENT naming
// the field (a wrong value, a missing one, one longer than the bounds below) or NOT_FOUND for an
// unknown catalog or ref (the engine's message, naming the nearest).
namespace crosswalk::server {

// The bounds of what a client may state, in bytes.
inline constexpr size_t kMaxNameBytes = 200;     // ids, refs, names, certificate numbers
inline constexpr size_t kMaxTextBytes = 4000;    // reason, scope, action, note
inline constexpr size_t kMaxEvidenceLinks = 100;
inline constexpr size_t kMaxLinkBytes = 1000;

// The target standard when a request names none.
inline constexpr char kDefaultTarget[] = "iso20000-1:2018";

v1::OrganisationChange ToProto(const OrganisationChange& change);
v1::MappingDecision ToProto(const MappingDecision& decision);
v1::Certification ToProto(const Certification& certification);
v1::ClauseAssessment ToProto(const ClauseAssessment& assessment);

// Catalogs and refs resolved to canonical ids (JIS aliases accepted), the relationship a
// vocabulary name (empty only for reject), the decision confirm|reject|add, by and reason given.
absl::StatusOr<MappingDecision> DecisionFromProto(const v1::MappingDecision& decision,
                                                  const mapping::MappingEngine& engine);

// The standard resolved to its canonical id, certificate, body and valid_until given, dates
// YYYY-MM-DD, by given. Origin "api".
absl::StatusOr<Certification> CertificationFromProto(const v1::Certification& certification,
                                                     const mapping::MappingEngine& engine);

// OK when `by` (who makes a change) is given and at most kMaxNameBytes of UTF-8.
absl::Status CheckBy(const std::string& by);

// The canonical (catalog id, ref) of a clause; an empty target is kDefaultTarget. `field` names
// the clause in errors.
absl::StatusOr<std::pair<std::string, std::string>> ResolveClause(const mapping::MappingEngine& engine,
                                                                   const std::string& target,
                                                                   const std::string& clause);

// `current` changed as `request` says (fields given replace, `clear` empties, the rest stay);
// status a coverage status, maturity 0-3, due YYYY-MM-DD, by given. REQUIRES: current's target
// and clause are the request's, resolved.
absl::StatusOr<ClauseAssessment> ApplyAssessment(const v1::SetAssessmentRequest& request, ClauseAssessment current);

}  // namespace crosswalk::server

#endif  // CROSSWALK_GATEWAY_SERVER_ORGANISATION_CONVERT_H_
