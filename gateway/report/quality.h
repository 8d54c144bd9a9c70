#ifndef CROSSWALK_GATEWAY_REPORT_QUALITY_H_
#define CROSSWALK_GATEWAY_REPORT_QUALITY_H_

// Record-quality findings over a stream of canonical records (DESIGN.md §9): the document
// deficiencies of ISO/IEC TR 20000-5 Annex D that the seed lists, and crosswalk's process rules.
// The rules are in quality_rules.h; docs/reports.md describes each.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "gateway/core/organisation.h"
#include "gateway/core/record.h"
#include "gateway/report/duration_table.h"
#include "gateway/report/record_view.h"

namespace crosswalk::report {

struct QualityOptions {
  // The report date, Unix seconds UTC. Injected by the caller: the checker never reads the clock.
  int64_t as_of = 0;
  // Kind → the longest age of current evidence (mappings/reports/cadence.csv). Kinds not in the
  // table are not checked for age.
  DurationTable cadence;
  // At most this many findings are kept per rule (0: all): those of the smallest record keys, so
  // the list does not depend on record order. Counts() stays complete. A report over millions of
  // records sets it, so its memory does not grow with the findings of a busy rule.
  size_t max_listed_per_rule = 0;
};

// One field a finding is about.
struct FindingField {
  // The field the rule looked for (canonical name: "priority", "approval", "resolution"), or for
  // a value that was there, the key as the record spells it.
  std::string name;
  // The value found: the raw value no rule knew, an approval that does not say approved, or a
  // placeholder such as "-". Empty when there was no value at all.
  std::string value;

  friend bool operator==(const FindingField&, const FindingField&) = default;
};

struct QualityFinding {
  std::string rule_id;  // quality_rules.h
  std::string issue;    // kIssueMissing, kIssueNotApproved, kIssueUnmapped, kIssueStale, kIssueUndated
  // Every record the finding concerns, the record checked first (today every rule concerns one).
  std::vector<RecordKey> records;
  std::vector<FindingField> fields;
  // quality.stale-evidence and quality.evidence-without-date: the record's effective date, its
  // age in whole days at the report date, and the cadence of its kind in days.
  std::optional<int64_t> effective;
  std::optional<int64_t> age_days;
  std::optional<int64_t> cadence_days;

  friend bool operator==(const QualityFinding&, const QualityFinding&) = default;
};

// Per rule: how many records it examined and how many findings it made.
struct QualityRuleCount {
  std::string rule_id;
  int64_t examined = 0;
  int64_t findings = 0;

  friend bool operator==(const QualityRuleCount&, const QualityRuleCount&) = default;
};

// Checks records one at a time and keeps only the findings and two small indexes (services
// awaiting a service level target, open problems awaiting a known error, and the names other
// records link them by), so memory grows with findings and those indexes, never with records.
//
// Thread-compatible: one checker per report.
class QualityChecker {
 public:
  explicit QualityChecker(QualityOptions options);

  // Checks one record. Records may come in any order; each (source, native id) once.
  // REQUIRES: Finish() has not been called.
  void Add(const Record& record);

  // Examines one certification the organisation declares: expired (valid_until before the
  // report date) is a finding naming the certificate and its expiry. The finding's record is
  // (source "certification", native id "<standard>#<certificate>", location the body).
  // REQUIRES: Finish() has not been called.
  void AddCertification(const Certification& certification);

  // The findings ordered by rule (QualityRules() order), then source and native id: the same
  // list whatever order the records came in.
  // REQUIRES: called once, after the last Add().
  std::vector<QualityFinding> Finish();

  // Every rule in QualityRules() order with its counts (zero counts included).
  // REQUIRES: Finish() has been called.
  std::vector<QualityRuleCount> Counts() const;

 private:
  // A record that another record may satisfy (a service by its SLA target record).
  struct Pending {
    RecordKey key;
    std::vector<std::string> names;  // folded names other records may link it by
    FindingField field;
  };

  void CheckChange(const RecordView& view);
  void CheckIncident(const RecordView& view);
  void CheckProblem(const RecordView& view);
  void CheckConfigurationItem(const RecordView& view);
  void CheckService(const RecordView& view);
  void CheckDocument(const RecordView& view);
  void CheckAge(const RecordView& view);
  void CheckUnmapped(const RecordView& view);
  // Examines the record for `rule_id` and reports it when no attribute under `keys` has a value
  // (`name` is the field the finding names).
  void Require(const char* rule_id, const RecordView& view, const KeySet& keys, const char* name);
  // Examines the record for `rule_id` and reports it unless it names an approver or an approval
  // that says approved.
  void RequireApproval(const char* rule_id, const RecordView& view);
  // Counts one record examined by `rule_id`.
  void Examine(const char* rule_id);
  // Records a finding about the record `key`.
  void Report(const char* rule_id, RecordKey key, const char* issue,
              std::vector<FindingField> fields);
  static QualityFinding Finding(const char* rule_id, RecordKey key, const char* issue,
                                std::vector<FindingField> fields);
  // Counts `finding` and keeps it (within max_listed_per_rule).
  void Keep(QualityFinding finding);
  // Reports the pending records no reference named.
  void ReportUnreferenced(const char* rule_id, const std::vector<Pending>& pending,
                          const std::vector<std::string>& references);

  QualityOptions options_;
  // Per rule, the findings kept: all, or a max-heap by record key of max_listed_per_rule.
  // By rule id; hashed, as every record is examined under several rules.
  absl::flat_hash_map<std::string, std::vector<QualityFinding>> findings_;
  absl::flat_hash_map<std::string, QualityRuleCount> counts_;
  std::vector<Pending> services_without_sla_;
  std::vector<std::string> sla_references_;  // folded service names SLA/agreement records link to
  std::vector<Pending> problems_without_known_error_;
  std::vector<std::string> known_error_references_;  // folded targets of known-error records
};

}  // namespace crosswalk::report

#endif  // CROSSWALK_GATEWAY_REPORT_QUALITY_H_
