#ifndef CROSSWALK_GATEWAY_CORE_ORGANISATION_H_
#define CROSSWALK_GATEWAY_CORE_ORGANISATION_H_

// What an organisation states about itself, beside what its records show (DESIGN.md §5, §9):
// its decisions on mappings, the management-system certifications it holds and the coordinator's
// own assessment of each clause. crosswalkd keeps them in the store with author, time and history;
// the mapping engine and the reports read them as plain values. Catalog ids here are canonical
// (iso27001:2022, never a JIS alias): the API edge resolves aliases before they get here.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace crosswalk {

// A decision on one mapping between two catalog items.
// - confirm: a candidate (a chain the algebra cannot prove) is accepted as stated by
//   `relationship`; it takes part in results as a row with basis `organisation`.
// - reject: the candidate paths between the two items disappear from results (json says so);
//   `relationship` is empty (any candidate) or names the one rejected.
// - add: a row of the organisation's own, between any two items.
struct MappingDecision {
  enum class Verdict { kConfirm, kReject, kAdd };
  int64_t id = 0;  // assigned by the store; 0 before it is kept
  std::string from, from_ref, to, to_ref;
  std::string relationship;  // a vocabulary name: equal, equivalent, subset-of, …
  Verdict verdict = Verdict::kConfirm;
  std::string by;      // who decided
  std::string reason;  // why
  int64_t decided_at = 0;  // Unix seconds UTC
};

// A management-system certification the organisation holds. While valid (as of the report date
// on or before valid_until), it credits its standard's clauses 4–10 as implemented controls whose
// effective date is the last audit.
struct Certification {
  std::string standard;     // canonical catalog id: iso27001:2022, iso9001:2015, …
  std::string certificate;  // the certificate's number; (standard, certificate) is the key
  std::string body;         // the certification body
  std::string scope;        // the certified scope as the certificate words it
  int64_t valid_until = 0;  // Unix seconds UTC of the last valid day, 00:00
  std::optional<int64_t> last_audit;  // Unix seconds UTC of the last audit's date, 00:00
  std::string origin;       // "config" (crosswalkd's configuration, read-only) or "api"
  std::string by;           // who recorded it ("config" for the configuration)
  int64_t recorded_at = 0;  // Unix seconds UTC
};

// The coordinator's own judgement of one clause of the target standard; what is not set is empty.
struct ClauseAssessment {
  std::string target;  // canonical catalog id of the clause, e.g. iso20000-1:2018
  std::string clause;  // its ref, e.g. 8.5.1
  std::string status;  // covered, partial, candidate, nonconforming, not-covered, or empty
  std::optional<int> maturity;       // 0–3
  std::string owner;
  std::optional<int64_t> due;        // Unix seconds UTC of the due date, 00:00
  std::string action;                // the action plan
  std::string note;
  std::vector<std::string> evidence;  // links: record keys "source/native_id", document refs, URLs
  std::string by;     // who set it
  int64_t at = 0;     // when, Unix seconds UTC
};

// Everything the organisation has stated, current values only (history stays in the store).
struct OrganisationState {
  std::vector<MappingDecision> decisions;
  std::vector<Certification> certifications;
  std::vector<ClauseAssessment> assessments;
};

}  // namespace crosswalk

#endif  // CROSSWALK_GATEWAY_CORE_ORGANISATION_H_
