#include "gateway/sam/sam_report.h"

#include <algorithm>
#include <set>
#include <tuple>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gateway/core/status_macros.h"
#include "gateway/core/time_text.h"
#include "gateway/core/unicode.h"

namespace crosswalk::sam {
namespace {


// The machines whose identifiers (any of them, or the shown name) have `key` as MatchKey.
std::set<std::string> MachinesNamed(const SamReport& report, const std::string& key) {
  std::set<std::string> names;
  for (const Machine& m : report.inputs.machines) {
    bool named = MatchKey(m.name) == key;
    for (const auto* list : {&m.host_names, &m.device_ids, &m.serials, &m.uuids}) {
      for (const std::string& id : *list) named = named || MatchKey(id) == key;
    }
    if (named) names.insert(m.name);
  }
  return names;
}

}  // namespace

SamReport ReportOf(SamInputs inputs, LicencePosition position, int64_t as_of, int stale_days) {
  SamReport report;
  report.as_of = as_of;
  report.inputs = std::move(inputs);
  report.position = std::move(position);
  for (const EntitlementRow& row : report.inputs.entitlements) report.entitlement_record[row.entitlement.id] = row.entitlement.record;
  ReconcileOptions reconcile;
  reconcile.as_of = as_of;
  reconcile.stale_days = stale_days;
  report.exceptions = Reconcile(MachinesOf(report.inputs), report.inputs.cmdb, EntitlementsOf(report.inputs),
                                AllocationsOf(report.inputs), report.position.demands, reconcile);
  for (const auto& [record, problem] : report.inputs.problems) {
    report.exceptions.push_back({kUnreadableEntitlement, record, problem, "8.2.5", {record}});
  }
  std::sort(report.exceptions.begin(), report.exceptions.end(), [](const SamException& a, const SamException& b) {
    return std::tie(a.kind, a.subject, a.detail) < std::tie(b.kind, b.subject, b.detail);
  });
  return report;
}

SamReport WholeReport(SamInputs inputs, int64_t as_of, int stale_days, const CoreFactorTable* core_factors) {
  LicencePosition position =
      ComputePosition(inputs.devices, inputs.installs, EntitlementsOf(inputs), OptionsFor(inputs, as_of, core_factors));
  return ReportOf(std::move(inputs), std::move(position), as_of, stale_days);
}

absl::StatusOr<SamReport> BuildSamReport(Store& store, const SoftwareCatalogue& catalogue, int64_t as_of, int stale_days,
                                         const CoreFactorTable* core_factors) {
  CW_ASSIGN_OR_RETURN(SamInputs inputs, ReadSamInputs(store, catalogue));
  return WholeReport(std::move(inputs), as_of, stale_days, core_factors);
}

const std::vector<std::string>& ExceptionKinds() {
  static const auto* kinds = new std::vector<std::string>{kNotInCmdb, kNoRecentInventory, kInstallOnRetiredCi,
                                                          kAllocationToRetired, kAllocationUnknown, kDuplicateDevice,
                                                          kLicenceFieldMismatch, kUnreadableEntitlement};
  return *kinds;
}

absl::StatusOr<int64_t> ParseAsOf(const std::string& text, int64_t now) {
  if (text.empty()) return now - ((now % kSecondsPerDay) + kSecondsPerDay) % kSecondsPerDay;
  bool date_only = false;
  auto parsed = ParseTimestamp(text, 0, &date_only);
  if (!parsed.ok() || !date_only) {
    return absl::InvalidArgumentError(absl::StrCat("as of '", text.substr(0, 32), "': expected a date, YYYY-MM-DD"));
  }
  return *parsed;
}

std::string PositionStatus(const ProductPosition& position) {
  if (position.shortfall == 0) return "licensed";
  return position.owned > 0 || position.unlimited ? "under-licensed" : "unlicensed";
}

bool ProductMatches(const std::string& publisher, const std::string& product, const std::string& filter) {
  if (filter.empty()) return true;
  const std::string key = MatchKey(filter);
  return absl::StrContains(MatchKey(product), key) || absl::StrContains(MatchKey(absl::StrCat(publisher, " ", product)), key);
}

DemandFilter::DemandFilter(const SamReport& report, const std::string& filter) : key_(MatchKey(filter)) {
  if (key_.empty()) return;
  machines_ = MachinesNamed(report, key_);
  for (const LicensedInstall& install : report.inputs.installs) {
    if (machines_.count(install.device) > 0) installs_.insert(install.id);
  }
}

bool DemandFilter::Concerns(const Demand& demand) const {
  if (key_.empty() || MatchKey(demand.subject) == key_ || machines_.count(demand.subject) > 0) return true;
  for (const std::string& install : demand.installs) {
    if (installs_.count(install) > 0) return true;
  }
  return false;
}

}  // namespace crosswalk::sam
