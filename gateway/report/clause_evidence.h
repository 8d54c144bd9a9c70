#ifndef CROSSWALK_GATEWAY_REPORT_CLAUSE_EVIDENCE_H_
#define CROSSWALK_GATEWAY_REPORT_CLAUSE_EVIDENCE_H_

// "Evidence of a clause" (DESIGN.md §9): the one decision of which clauses of a 20000-1 edition a
// record speaks to, how (its kind, a clause it names, a control it implements, through which
// mapping path) and with what polarity. Coverage, the evidence pack and `records --clause` all ask
// here, so they agree on every clause.
//
// A record reaches a clause by its kind (mappings/rules/kinds.csv: the clause whose process
// produces it) and by each `clause` or `implements` link to a catalog item the crosswalks map to
// the clause. A statement-of-applicability entry (kind control) counts only while implemented or
// partly implemented. A path the mapping algebra cannot prove reaches the clause as a candidate.
// A record counts once per clause, by the first way it reaches it.

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "gateway/core/organisation.h"
#include "gateway/core/record.h"
#include "gateway/mapping/mapping_engine.h"
#include "gateway/normalize/rule_set.h"
#include "gateway/report/polarity.h"
#include "gateway/report/record_view.h"

namespace crosswalk::report {

// How one record reaches one clause.
struct Reach {
  std::string via;           // "kind incident" or the link, e.g. "implements iso27001:2022#A.5.24"
  std::string relationship;  // "kind" for a kind, else the composed relationship of the path
  std::string path;          // catalog:ref>…, empty for a kind
  std::string sources;       // the mapping rows' sources ("… > …"), or "rules/kinds.csv"
  bool derived = false;      // some row on the path is derived (basis or inherited)
  bool candidate = false;    // a path the algebra cannot prove (mapping_engine.h MapResult::Tier)
  std::string candidate_reason;  // why it is a candidate, in words
  // Crosses two or more crosswalk rows: weaker evidence than a record of the clause's own kind
  // or one naming the clause (or a directly mapped item).
  bool indirect = false;
};

struct ClauseRecord {
  RecordKey record;
  std::string status;  // the record's normalised status (a control's implementation status)
  std::optional<int64_t> effective;
  Reach reach;
  std::string polarity = kSupports;  // toward this clause: supports, against, neutral
  std::string polarity_rule;         // the mappings/rules/polarity.csv row that decided
};

// What a record is to one clause.
enum class ClauseRole {
  kEvidence,   // an operational record (its polarity says whether it supports the clause)
  kControl,    // a control in place that implements a mapped item
  kDocument,   // documented information naming the clause
  kCandidate,  // reaches the clause only through a candidate mapping: never coverage
};

struct ClauseLink {
  std::string clause;  // a ref of the target edition
  ClauseRole role = ClauseRole::kEvidence;
  ClauseRecord item;
};

struct RecordEvidence {
  PolarityOf polarity;
  std::vector<ClauseLink> links;  // kind first, then links in record order
};

// Thread-compatible (it memoises mapping queries): one per report or request.
// REQUIRES: `engine` and `rules` outlive it.
class ClauseEvidence {
 public:
  // INVALID_ARGUMENT when `target` is not iso20000-1:2018 or iso20000-1:2011 (or an alias);
  // NOT_FOUND for an unknown catalog. `decisions` are the organisation's mapping decisions.
  static absl::StatusOr<ClauseEvidence> Create(const mapping::MappingEngine* engine, const RuleSet* rules,
                                               const std::string& target,
                                               std::vector<MappingDecision> decisions = {});

  // Every clause of the target `record` reaches, and its polarity.
  RecordEvidence Of(const Record& record);

  // Where a catalog item (catalog id, ref) reaches in `to`: (to_ref, reach), sound paths first,
  // candidates for refs no sound path reaches; "no counterpart" and no-relationship left out.
  const std::vector<std::pair<std::string, Reach>>& ReachOf(const std::string& catalog, const std::string& ref,
                                                            const std::string& to);

  const mapping::Catalog& target() const { return *target_; }
  // The target clauses records of `kind` are evidence for by their kind.
  const std::vector<std::string>* ClausesOfKind(const std::string& kind) const;

 private:
  ClauseEvidence(const mapping::MappingEngine* engine, const RuleSet* rules, const mapping::Catalog* target,
                 std::vector<MappingDecision> decisions)
      : engine_(engine), rules_(rules), target_(target), decisions_(std::move(decisions)) {}

  const mapping::MappingEngine* engine_;
  const RuleSet* rules_;
  const mapping::Catalog* target_;
  std::vector<MappingDecision> decisions_;
  std::map<std::string, std::vector<std::string>> clauses_of_kind_;  // kind → target refs
  std::map<std::string, std::vector<std::pair<std::string, Reach>>> reach_cache_;
};

// A statement-of-applicability entry supports something only when it is (partly) in place.
bool ControlInPlace(const std::string& status);

// "iso27001:2022#A.5.24" → catalog and ref; false for a link that names no catalog item.
bool SplitCatalogRef(const std::string& target, std::string* catalog, std::string* ref);

}  // namespace crosswalk::report

#endif  // CROSSWALK_GATEWAY_REPORT_CLAUSE_EVIDENCE_H_
