#ifndef CROSSWALK_GATEWAY_REPORT_SAM_SUMMARY_H_
#define CROSSWALK_GATEWAY_REPORT_SAM_SUMMARY_H_

// The software asset management figures of a report (the dashboard's SAM section), read from the
// evidence records crosswalkd keeps of its licence position and CMDB reconciliation (source
// `sam`, kinds licence-position and sam-exception; gateway/sam/sam_evidence.h) — the figures a
// report shows are those records, so every one can be traced to the record behind it.

#include <cstdint>
#include <string>
#include <vector>

#include "gateway/core/record.h"

namespace crosswalk::report {

// One product's position as its record says.
struct SamPositionRow {
  std::string publisher, product, metric, status;  // status: licensed, under-licensed, unlicensed
  int64_t owned = 0, consumed = 0, position = 0, shortfall = 0;
  bool unlimited = false;
  std::string native_id;  // of the licence-position record
};

struct SamExceptionRow {
  std::string subject, detail, native_id;
};

// The exceptions of one kind: how many, and the first few by subject.
struct SamExceptionKind {
  std::string kind;
  int64_t count = 0;
  std::vector<SamExceptionRow> listed;
};

struct SamSummary {
  int64_t products = 0, licensed = 0, under_licensed = 0, unlicensed = 0;
  int64_t shortfall = 0;   // licences short over every product
  int64_t exceptions = 0;
  std::string as_of;       // the latest day a record was worked out on (YYYY-MM-DD); empty: no record
  // The positions listed: the largest shortfalls first, then by publisher and product; at most
  // `max_listed` (the counts above are complete).
  std::vector<SamPositionRow> positions;
  std::vector<SamExceptionKind> exception_kinds;  // by kind
};

// Collects the summary from records as a report reads them; memory bounded by `max_listed` per
// list and the number of exception kinds, whatever the number of records.
class SamSummarizer {
 public:
  explicit SamSummarizer(size_t max_listed = 50) : max_listed_(max_listed) {}
  void Add(const Record& record);
  SamSummary Finish();

 private:
  void Trim();
  size_t max_listed_;
  SamSummary summary_;
};

}  // namespace crosswalk::report

#endif  // CROSSWALK_GATEWAY_REPORT_SAM_SUMMARY_H_
