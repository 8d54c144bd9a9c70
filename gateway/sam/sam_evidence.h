#ifndef CROSSWALK_GATEWAY_SAM_SAM_EVIDENCE_H_
#define CROSSWALK_GATEWAY_SAM_SAM_EVIDENCE_H_

// SAM results as evidence (issue 13 Deliver 6): every product's licence position and every
// exception becomes a record of the source `sam` in the store, so the compliance reports count
// them like any other evidence — an under-licensed position and every exception count against
// their clause (mappings/rules/polarity.csv), a licensed position supports 8.2.5.
//
//   kind              native id                              links (relation clause)
//   licence-position  position/<publisher>/<product>         iso19770-1:2017#license-management
//   sam-exception     exception/<kind>/<subject>[/<n>]       iso20000-1:2018#<8.2.5|8.2.6> and the
//                                                            19770-1:2017 process area it is about
//
// Each record says it is derived (native kind as its kind, location "derived: …") and names the
// records behind it (links `related`). Its content hash covers what it says, not the day it was
// worked out: an unchanged position makes no new version; `effective` is the day it last changed.

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "gateway/core/record.h"
#include "gateway/sam/reconciliation.h"
#include "gateway/sam/sam_report.h"
#include "gateway/store/store.h"

namespace crosswalk::sam {

inline constexpr char kSamSource[] = "sam";  // reserved: no configured or imported source has this name

// The records of a report and its exceptions, worked out on `now` (Unix seconds).
std::vector<Record> EvidenceRecords(const SamReport& report, const std::vector<SamException>& exceptions, int64_t now);

struct EvidenceWrite {
  int64_t created = 0, updated = 0, unchanged = 0, deleted = 0;
};

// Commits `records` as the source `sam` and marks deleted every live `sam` record not among them
// (a position or exception that no longer holds), each step in one transaction. The store's
// errors as they are.
absl::StatusOr<EvidenceWrite> WriteEvidence(Store& store, const std::vector<Record>& records);

}  // namespace crosswalk::sam

#endif  // CROSSWALK_GATEWAY_SAM_SAM_EVIDENCE_H_
