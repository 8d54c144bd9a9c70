#ifndef CROSSWALK_GATEWAY_REPORT_COVERAGE_H_
#define CROSSWALK_GATEWAY_REPORT_COVERAGE_H_

// Coverage of the clauses of ISO/IEC 20000-1 by an organisation's own records, and the controls
// and records its ISMS and QMS share with the SMS (DESIGN.md §9; docs/reports.md "Coverage").
//
// A record is evidence for a clause when its kind is produced by that clause's process
// (mappings/rules/kinds.csv) or when it names a clause (an audit finding, a nonconformity) that
// the crosswalks map to it. A statement-of-applicability entry is a control: it counts through
// the crosswalks from the control it implements, and coverage that rests on controls alone is
// partial, with the seed's caution (JIP-ITSMS112-2.1, the note under Table 5-1: a related ISMS
// control does not mean the 20000-1 requirement is met). A document (documented information)
// naming a clause raises its maturity, never its coverage.
//
// Each record has a polarity (polarity.h): what supports a clause counts as its evidence; what
// counts against it (an open nonconformity, a failed change) makes it `nonconforming` and caps its
// maturity; what is neutral (an observation) neither raises nor lowers it. A path the mapping
// algebra cannot prove reaches a clause as a candidate only, never as coverage. A valid
// certification of the organisation's ISMS or QMS credits its standard's clauses 4–10 as
// controls of kind `certified-clause` (partial at most, with the caution). The coordinator's own
// assessment of a clause is carried beside the computed one, and a disagreement is flagged.

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "gateway/core/organisation.h"
#include "gateway/core/record.h"
#include "gateway/mapping/mapping_engine.h"
#include "gateway/normalize/rule_set.h"
#include "gateway/report/clause_evidence.h"
#include "gateway/report/duration_table.h"
#include "gateway/report/record_view.h"

namespace crosswalk::report {

struct ClauseCoverage {
  std::string ref;
  std::string parent;
  std::string title_en;
  std::string title_ja;  // empty when the catalog has no Japanese title
  std::string group;     // the top-level clause ("8" for 8.5.1)
  int depth = 0;         // 0 for a top-level clause
  bool leaf = true;

  // covered, partial, candidate (reached only by candidate mappings), nonconforming (open
  // evidence against it), not-covered
  std::string status;
  int maturity = 0;    // ISO/IEC TR 20000-5 scale as the seed quotes it (§4.5): 0–3
  std::string maturity_rule;
  Label reason;        // why the status and maturity, in words
  bool caution = false;  // coverage rests on mapped controls only (seed note under Table 5-1)

  int64_t evidence_count = 0;
  int64_t current_evidence = 0;  // evidence within the clause's cadence of the report date
  std::vector<ClauseRecord> evidence;  // the first CoverageOptions::max_listed, newest first
  int64_t control_count = 0;           // implemented or partly implemented controls
  std::vector<ClauseRecord> controls;  // the first max_listed by (source, native id)
  int64_t document_count = 0;          // documented information naming the clause
  std::vector<ClauseRecord> documents;  // likewise
  int64_t against_count = 0;           // records counting against the clause (polarity against)
  std::vector<ClauseRecord> against;   // the first max_listed
  // Of against_count, those about a requirement that only overlaps the clause or contains it
  // (intersects-with, superset-of, related): the failing part may lie outside the clause, so they
  // are listed for a check but do not make it nonconforming.
  int64_t against_overlapping = 0;
  int64_t neutral_count = 0;           // neutral records (observations, …): counted, no effect
  int64_t candidate_count = 0;         // records and controls reaching it only as candidates
  std::vector<ClauseRecord> candidates;
  int64_t indirect_evidence = 0;       // of evidence_count, reached through mapping chains only
  // The certificates crediting the clause: "iso27001:2022 certificate C-1 (Body)".
  std::vector<std::string> certifications;
  // The coordinator's assessment of the clause, when one is set, and whether it disagrees with
  // the computed status or maturity.
  std::optional<ClauseAssessment> assessment;
  bool disagrees = false;
  std::optional<int64_t> newest_evidence;
  int64_t cadence_days = 0;  // the shortest cadence of the clause's evidence kinds
  std::string freshness;     // current, stale, none
  // Topics of the 27013 comparison (seed Figure 5-5) unique to 20000-1 that name this clause.
  std::vector<Label> unique_topics;
};

// A clause group (4–10): how many of its clauses stand how.
struct ClauseGroup {
  std::string ref;
  std::string title_en;
  std::string title_ja;
  int covered = 0, partial = 0, candidate = 0, nonconforming = 0, not_covered = 0;
  int maturity_sum = 0;  // over its leaf clauses
  int leaves = 0;
};

// One requirement a shared control or record serves.
struct Served {
  std::string catalog;
  std::string ref;
  std::string title_en;
  Reach reach;
  std::string title_ja;  // empty when the catalog has none
};

// A control or record that serves requirements of two or more standards.
struct SharedItem {
  RecordKey record;
  std::string title;
  std::string status;
  std::vector<Served> serves;  // grouped by standard, in CoverageOptions::standards order
  int standards = 0;
  int requirements = 0;
};

struct CoverageReport {
  std::string target;       // canonical catalog id
  std::string target_title;
  std::vector<ClauseCoverage> clauses;  // catalog order
  std::vector<ClauseGroup> groups;
  std::vector<SharedItem> shared;       // most requirements first
  int64_t records_read = 0;
  // Records whose effective date is later than the report date: left out of coverage.
  int64_t excluded_after_as_of = 0;
  Label caution;  // the seed's caution, printed wherever a clause has `caution`
  // Audit finding types no finding_type rule knew (kept raw), with how many records carry each.
  std::map<std::string, int64_t> unknown_findings;
  // The certifications valid on the report date that credit clauses, and those expired.
  std::vector<Certification> certified;
  std::vector<Certification> expired;
  // Leaf clauses of the target that no valid certification reaches: what 20000-1 requires beyond
  // the certified management systems' shared core (empty when nothing is certified).
  std::vector<std::string> beyond_certified;
};

struct CoverageOptions {
  std::string target = "iso20000-1:2018";
  int64_t as_of = 0;  // report date, Unix seconds UTC (never read from the clock here)
  DurationTable cadence;  // kind → days (mappings/reports/cadence.csv)
  // The standards a shared item is counted in, besides the target.
  std::vector<std::string> standards = {"iso27001:2022", "iso9001:2015", "iso19770-1:2017"};
  int max_listed = 20;  // records listed per clause; counts are always complete
  // The organisation's decisions, certifications and assessments (gateway/core/organisation.h).
  OrganisationState organisation;
};

// Builds the coverage report from a stream of records. Memory grows with the catalogs, the
// distinct links seen and max_listed records per clause, never with the number of records.
//
// Thread-compatible. REQUIRES: `engine` and `rules` outlive the builder.
class CoverageBuilder {
 public:
  // INVALID_ARGUMENT when the target is not iso20000-1:2018 or iso20000-1:2011 (or an alias).
  static absl::StatusOr<CoverageBuilder> Create(const mapping::MappingEngine* engine,
                                                const RuleSet* rules, CoverageOptions options);

  void Add(const Record& record);
  CoverageReport Finish();

 private:
  CoverageBuilder(const mapping::MappingEngine* engine, ClauseEvidence evidence, CoverageOptions options);

  struct Tally {
    int64_t evidence = 0, current = 0, controls = 0, documents = 0;
    int64_t against = 0, neutral = 0, candidates = 0, indirect = 0;
    int64_t against_within = 0;  // of `against`, reaching the clause as a part of it (Within)
    std::optional<int64_t> newest;
    std::vector<ClauseRecord> evidence_listed, controls_listed, documents_listed;
    std::vector<ClauseRecord> against_listed, candidates_listed;
    std::vector<std::string> certifications;
  };
  void AddEvidence(const std::string& ref, const ClauseRecord& item);
  // Credits the clauses 4–10 of each certification valid on the report date as controls.
  void CreditCertifications();
  void AddControl(const std::string& ref, const ClauseRecord& item);
  void AddDocument(const std::string& ref, const ClauseRecord& item);
  void AddShared(const Record& record, const RecordKey& key);
  void Settle(ClauseCoverage& clause, const Tally& tally) const;

  const mapping::MappingEngine* engine_;
  ClauseEvidence evidence_;  // the one "evidence of a clause" decision
  const mapping::Catalog* target_;
  CoverageOptions options_;
  std::map<std::string, int64_t> cadence_of_clause_;                // shortest cadence, days
  std::map<std::string, Tally> tallies_;                             // target ref → tally
  std::vector<SharedItem> shared_;
  int64_t records_read_ = 0;
  int64_t excluded_after_as_of_ = 0;
  std::map<std::string, int64_t> unknown_findings_;
  std::vector<Certification> certified_, expired_;
  std::set<std::string> certified_refs_;  // target refs a valid certification reaches
};

}  // namespace crosswalk::report

#endif  // CROSSWALK_GATEWAY_REPORT_COVERAGE_H_
