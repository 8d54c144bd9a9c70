#include "gateway/sam/sam_state.h"

#include <algorithm>
#include <utility>

#include "gateway/core/status_macros.h"

namespace crosswalk::sam {

SamState::SamState(const SoftwareCatalogue* catalogue, int stale_days, const CoreFactorTable* core_factors)
    : catalogue_(catalogue), stale_days_(stale_days), core_factors_(core_factors) {}

absl::Status SamState::Load(Store& store, const std::function<void(const Record&)>& seen) {
  entries_ = SamEntries();
  whole_ = true;
  CW_ASSIGN_OR_RETURN(entries_, ReadSamEntries(store, *catalogue_, seen));
  return absl::OkStatus();
}

SamReport SamState::ReportAt(int64_t as_of) const { return WholeReport(DeriveInputs(entries_), as_of, stale_days_, core_factors_); }

void SamState::Touch(const DeviceRef& ref) {
  const int machine = identity_ == nullptr ? -1 : identity_->MachineOf(ref.source, ref.device_id);
  if (machine < 0) {
    whole_ = true;
  } else {
    changed_.insert(machine);
  }
}

void SamState::Move(const RecordKey& key, const DeviceRef& ref, bool onto) {
  Touch(ref);
  if (whole_) return;  // the sets are made again
  const int machine = identity_->MachineOf(ref.source, ref.device_id);
  if (onto) {
    installs_on_[machine].insert(key);
  } else {
    installs_on_[machine].erase(key);
  }
  if (recorded_devices_.count({ref.source, ref.device_id}) > 0) return;
  // A device no device record has is named by the ci link of its installs (the smallest) and
  // exists while one names it. When its last install goes, or its installs' ci links disagree
  // (one may rename the machine, or merge it with another by host name), the machines are made
  // again.
  bool named = false, disagree = false;
  for (const RecordKey& other : installs_on_[machine]) {
    const DeviceRef& device = entries_.installs.at(other).device;
    if (device.source != ref.source || device.device_id != ref.device_id) continue;
    named = true;
    if (device.fallback_name != ref.fallback_name) disagree = true;
  }
  if (!named || disagree) whole_ = true;
}

void SamState::Put(const Record& record) {
  if (!IsSamKind(record.kind)) return;
  const RecordKey key(record.provenance.source, record.provenance.native_id);
  const auto old_install = entries_.installs.find(key);
  const auto old_device = entries_.devices.find(key);
  std::optional<DeviceRef> was_on;
  if (old_install != entries_.installs.end()) was_on = old_install->second.device;
  std::optional<DeviceEntry> was_device;
  if (old_device != entries_.devices.end()) was_device = old_device->second;
  const bool was_cmdb = entries_.cmdb.count(key) > 0;
  const bool was_licence = entries_.entitlements.count(key) > 0 || entries_.unreadable.count(key) > 0 || entries_.usage.count(key) > 0;

  PutEntry(entries_, record, *catalogue_);
  if (was_licence || record.kind == "licence-entitlement" || record.kind == "licence-usage") {
    whole_ = true;  // entitlements and usage weigh on every product they name, and which products count
    return;
  }
  if (const auto now = entries_.installs.find(key); now != entries_.installs.end()) {
    if (was_device || was_cmdb) whole_ = true;
    if (was_on) Move(key, *was_on, false);
    Move(key, now->second.device, true);
    return;
  }
  if (const auto now = entries_.devices.find(key); now != entries_.devices.end()) {
    if (!was_device || !SameIdentity(*was_device, now->second)) {
      whole_ = true;
      return;
    }
    facts_changed_ = true;
    Touch({now->second.source, now->second.device_id, ""});
    return;
  }
  // A CMDB CI: read by the reconciliation at every report. One that was a device or an install
  // before changes machines.
  if (was_device || was_on) whole_ = true;
}

void SamState::Erase(const RecordKey& key) {
  if (const auto install = entries_.installs.find(key); install != entries_.installs.end()) {
    Move(key, install->second.device, false);
  } else if (entries_.devices.count(key) > 0 || entries_.entitlements.count(key) > 0 || entries_.unreadable.count(key) > 0 ||
             entries_.usage.count(key) > 0) {
    whole_ = true;
  }
  EraseEntry(entries_, key);
}

std::vector<std::pair<const RecordKey*, const InstallEntry*>> SamState::InstallsOn(int machine) const {
  std::vector<std::pair<const RecordKey*, const InstallEntry*>> out;
  for (const RecordKey& key : installs_on_[machine]) {
    const auto entry = entries_.installs.find(key);
    out.emplace_back(&entry->first, &entry->second);
  }
  return out;
}

void SamState::Whole(int64_t as_of) {
  SamInputs inputs = DeriveInputs(entries_, &identity_);
  installs_on_.assign(identity_->machines().size(), {});
  for (const auto& [key, e] : entries_.installs) installs_on_[identity_->MachineOf(e.device.source, e.device.device_id)].insert(key);
  machines_ = inputs.machines;
  recorded_devices_.clear();
  for (const auto& [key, device] : entries_.devices) recorded_devices_.emplace(device.source, device.device_id);
  entitled_ = EntitledProducts(inputs.entitlements);
  index_ = std::make_unique<PositionIndex>(inputs.devices, inputs.installs, EntitlementsOf(inputs),
                                           OptionsFor(inputs, as_of, core_factors_));
  index_as_of_ = as_of;
}

SamReport SamState::Report(int64_t as_of) {
  if (whole_ || index_ == nullptr || as_of != index_as_of_) {
    Whole(as_of);
    last_machines_recomputed_ = -1;
  } else {
    if (facts_changed_) {
      // The same machines (no identity changed), with the facts their records now give.
      identity_ = IdentityOf(entries_);
      for (size_t m = 0; m < machines_.size(); ++m) {
        const int64_t rows = machines_[m].product_installs;
        machines_[m] = identity_->machines()[m];
        machines_[m].product_installs = rows;
      }
    }
    for (const int m : changed_) {
      Machine& machine = machines_[m];
      std::vector<LicensedInstall> installs = MachineInstalls(machine, InstallsOn(m), entitled_, &machine.product_installs);
      index_->UpsertDevice(DeviceOf(machine));
      index_->ReplaceDeviceInstalls(machine.name, std::move(installs));
    }
    last_machines_recomputed_ = static_cast<int64_t>(changed_.size());
  }
  whole_ = false;
  facts_changed_ = false;
  changed_.clear();

  SamInputs inputs;
  inputs.machines = machines_;
  inputs.devices = index_->Devices();
  inputs.installs = index_->Installs();
  FillRegisters(entries_, inputs);
  return ReportOf(std::move(inputs), index_->Position(), as_of, stale_days_);
}

}  // namespace crosswalk::sam
