#ifndef CROSSWALK_GATEWAY_SAM_SAM_REPORT_H_
#define CROSSWALK_GATEWAY_SAM_SAM_REPORT_H_

// The SAM answer over the store on one day: the inputs (sam_inputs.h), the licence position with
// its consumption trail, and the filters the interfaces share (a product, a device or user).
// What the Sam service, the dashboard and the evidence records read, so all three agree.

#include <cstdint>
#include <map>
#include <set>
#include <string>

#include "absl/status/statusor.h"
#include "gateway/sam/licence_position.h"
#include "gateway/sam/sam_inputs.h"

namespace crosswalk::sam {

struct SamReport {
  int64_t as_of = 0;  // Unix seconds, midnight UTC of the day
  SamInputs inputs;
  LicencePosition position;
  // The reconciliation's exceptions, and one `unreadable-entitlement` (clause 8.2.5) per register
  // record the position cannot count; by kind, subject, detail.
  std::vector<SamException> exceptions;
  std::map<std::string, std::string> entitlement_record;     // entitlement id → "source/native id"
};

// An entitlement record the position cannot count (a metric no rule reads, a quantity that is no number).
inline constexpr char kUnreadableEntitlement[] = "unreadable-entitlement";

// Every exception kind: the reconciliation's and kUnreadableEntitlement.
const std::vector<std::string>& ExceptionKinds();

// The report of inputs and their position as of `as_of`: reconciles them and lists the
// unreadable entitlements (BuildSamReport and SamState share it).
SamReport ReportOf(SamInputs inputs, LicencePosition position, int64_t as_of, int stale_days);

// ComputePosition over `inputs` as of `as_of`, then ReportOf.
SamReport WholeReport(SamInputs inputs, int64_t as_of, int stale_days, const CoreFactorTable* core_factors = nullptr);

// Reads the inputs, computes the position as of `as_of` and reconciles (a CMDB CI last
// inventoried more than `stale_days` before is stale). The store's errors as they are.
absl::StatusOr<SamReport> BuildSamReport(Store& store, const SoftwareCatalogue& catalogue, int64_t as_of, int stale_days = 30,
                                         const CoreFactorTable* core_factors = nullptr);

// The day a client asks about: "YYYY-MM-DD" as midnight UTC; empty: the day of `now`.
// INVALID_ARGUMENT naming what was expected otherwise.
absl::StatusOr<int64_t> ParseAsOf(const std::string& text, int64_t now);

// "licensed" (nothing short), "under-licensed" (short, with some valid entitlement) or
// "unlicensed" (short, no valid entitlement in the product's metric, nor a site licence).
std::string PositionStatus(const ProductPosition& position);

// True when `filter` is empty, or the product's name or "publisher product" compares equal to it
// or contains it (case and width folded).
bool ProductMatches(const std::string& publisher, const std::string& product, const std::string& filter);

// Which demands concern a device or user: all when the filter is empty; else those whose subject
// the filter names (a user, or a machine by any of its identifiers or its shown name), or with an
// install on a machine it names.
class DemandFilter {
 public:
  DemandFilter(const SamReport& report, const std::string& filter);
  bool Concerns(const Demand& demand) const;

 private:
  std::string key_;                 // MatchKey of the filter; empty: every demand
  std::set<std::string> machines_;  // names of the machines it names
  std::set<std::string> installs_;  // ids of the counted installs on them
};

}  // namespace crosswalk::sam

#endif  // CROSSWALK_GATEWAY_SAM_SAM_REPORT_H_
