#ifndef CROSSWALK_GATEWAY_SAM_SAM_STATE_H_
#define CROSSWALK_GATEWAY_SAM_SAM_STATE_H_

// The SAM answer kept between syncs (issue 13 Deliver 9): what every SAM record of the store says
// (SamEntries), the machines, and the position as a PositionIndex — so that after a sync that
// changed one device's inventory, only that machine's installs and the products it runs are
// computed again, not the whole estate. Report() always equals BuildSamReport over a store
// holding the same records (tests/sam/sam_state_test.cc checks it after random changes).
//
// Not thread-safe: the gateway serialises the calls.

#include <cstdint>
#include <functional>
#include <memory>
#include <set>
#include <vector>

#include "absl/status/status.h"
#include "gateway/sam/position_index.h"
#include "gateway/sam/sam_inputs.h"
#include "gateway/sam/sam_report.h"

namespace crosswalk::sam {

class SamState {
 public:
  // REQUIRES: `catalogue` and `core_factors` (null: the default factor) outlive the state.
  SamState(const SoftwareCatalogue* catalogue, int stale_days, const CoreFactorTable* core_factors = nullptr);

  // Reads every SAM record of the store (each also handed to `seen`, when given), replacing what
  // the state held. The store's errors as they are (the state is then empty).
  absl::Status Load(Store& store, const std::function<void(const Record&)>& seen = nullptr);
  // A record the store now holds (a record of another kind changes nothing).
  void Put(const Record& record);
  // A record the store no longer holds (deleted in its source, or its source removed).
  void Erase(const RecordKey& key);

  // The report as of `as_of` (midnight UTC of a day). Made incrementally when, since the last
  // call for the same day, only installs, device facts (cores, user, last seen …) or CMDB CIs
  // changed: the changed machines' installs are read again and PositionIndex computes the
  // products they ran or run; otherwise — the first call, another day, a device's identity (host
  // name, serial, UUID, device id) or an entitlement changed — the whole position.
  SamReport Report(int64_t as_of);
  // The report as of another day, worked out whole from what the state holds (Report's
  // incremental position stays as it is).
  SamReport ReportAt(int64_t as_of) const;
  // How the last Report was made: the machines read again, or -1 when it was whole.
  int64_t last_machines_recomputed() const { return last_machines_recomputed_; }

 private:
  void Whole(int64_t as_of);
  // Marks the machine of `ref` changed; a ref no machine has makes the next report whole.
  void Touch(const DeviceRef& ref);
  // Takes install `key` onto (or off) the machine of `ref`, marking it changed.
  void Move(const RecordKey& key, const DeviceRef& ref, bool onto);
  std::vector<std::pair<const RecordKey*, const InstallEntry*>> InstallsOn(int machine) const;

  const SoftwareCatalogue* catalogue_;
  int stale_days_;
  const CoreFactorTable* core_factors_;
  SamEntries entries_;

  // Derived, as of the last Report.
  std::unique_ptr<MachineIdentity> identity_;
  std::vector<Machine> machines_;                  // as identity_'s, with product_installs
  std::vector<std::set<RecordKey>> installs_on_;   // per machine: its install records
  // (source, device id) of every device record (a change of one makes the next report whole).
  std::set<std::pair<std::string, std::string>> recorded_devices_;
  std::set<std::string> entitled_;
  std::unique_ptr<PositionIndex> index_;
  int64_t index_as_of_ = 0;

  bool whole_ = true;           // the next report computes everything
  bool facts_changed_ = false;  // device facts changed: machines' facts are read again
  std::set<int> changed_;       // machines whose installs or facts changed
  int64_t last_machines_recomputed_ = -1;
};

}  // namespace crosswalk::sam

#endif  // CROSSWALK_GATEWAY_SAM_SAM_STATE_H_
