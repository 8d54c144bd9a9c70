#ifndef CROSSWALK_GATEWAY_STORE_ORGANISATION_STORE_H_
#define CROSSWALK_GATEWAY_STORE_ORGANISATION_STORE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "gateway/core/organisation.h"

namespace crosswalk {

// One change to what the organisation states, as the history keeps it.
struct OrganisationChange {
  int64_t id = 0;       // the order of changes
  int64_t at = 0;       // Unix seconds UTC
  std::string by;       // who made it
  std::string subject;  // "decision", "certification" or "assessment"
  std::string key;      // decision id; "standard certificate"; "target#clause"
  std::string action;   // "add", "remove", "put" (a certification added or replaced), "set"
  std::string value;    // the value as JSON after the change; before it for "remove"
};

// Where the organisation's own statements live (gateway/core/organisation.h): mapping decisions,
// certifications and clause assessments, current values, and a history of every change with who
// and when. The values are taken as given: the API edge has validated them (canonical catalog ids,
// vocabulary names, dates) before they get here. Implementations: SqliteOrganisationStore (the
// same SQLite file as the records).
//
// Thread-safe: every method may be called from any thread. Every write and its history entry are
// one transaction: after a crash either both are stored or neither.
// Errors common to every method: UNAVAILABLE or INTERNAL when the store itself fails.
class OrganisationStore {
 public:
  virtual ~OrganisationStore() = default;

  // Keeps `decision` and returns it with its id and, when it had none, decided_at (now).
  // ALREADY_EXISTS naming the kept decision's id when one is already kept for the same from,
  // from_ref, to and to_ref (remove it first).
  virtual absl::StatusOr<MappingDecision> AddDecision(MappingDecision decision) = 0;
  // The kept decisions, by id.
  virtual absl::StatusOr<std::vector<MappingDecision>> ListDecisions() = 0;
  // Removes decision `id`, recording `by`. NOT_FOUND when none is kept under that id.
  virtual absl::Status RemoveDecision(int64_t id, const std::string& by) = 0;

  // Keeps `certification` under (standard, certificate), replacing one kept under that key; its
  // origin is "api" and recorded_at now, whatever they were.
  virtual absl::StatusOr<Certification> PutCertification(Certification certification) = 0;
  // The kept certifications, by standard and certificate.
  virtual absl::StatusOr<std::vector<Certification>> ListCertifications() = 0;
  // NOT_FOUND when none is kept under (standard, certificate).
  virtual absl::Status RemoveCertification(const std::string& standard, const std::string& certificate,
                                           const std::string& by) = 0;

  // Keeps `assessment` as the current one of (target, clause), whole (fields it leaves empty are
  // empty afterwards); `at` becomes now. The one it replaces stays in the history.
  virtual absl::StatusOr<ClauseAssessment> SetAssessment(ClauseAssessment assessment) = 0;
  // The current assessments, by target and clause.
  virtual absl::StatusOr<std::vector<ClauseAssessment>> ListAssessments() = 0;
  // Every assessment ever set for (target, clause), oldest first, the current one last; empty
  // when none was.
  virtual absl::StatusOr<std::vector<ClauseAssessment>> AssessmentHistory(const std::string& target,
                                                                          const std::string& clause) = 0;

  // Every change, oldest first.
  virtual absl::StatusOr<std::vector<OrganisationChange>> History() = 0;

  // The current decisions, certifications and assessments at one instant.
  virtual absl::StatusOr<OrganisationState> Snapshot() = 0;
};

}  // namespace crosswalk

#endif  // CROSSWALK_GATEWAY_STORE_ORGANISATION_STORE_H_
