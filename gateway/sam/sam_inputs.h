#ifndef CROSSWALK_GATEWAY_SAM_SAM_INPUTS_H_
#define CROSSWALK_GATEWAY_SAM_SAM_INPUTS_H_

// What the licence position and the CMDB reconciliation read of the store, in two steps: the
// entries (SamEntries: what each SAM record says, one entry per record, kept by SamState between
// syncs), and the inputs derived from all of them (SamInputs: machines, the installs that count,
// the entitlements read by the software rules — so that a register's "Microsoft SQL Server
// Standard" by "Microsoft Corporation" is the installs' product — and the CMDB).

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "gateway/sam/core_factors.h"
#include "gateway/sam/licence_position.h"
#include "gateway/sam/machine_identity.h"
#include "gateway/sam/reconciliation.h"
#include "gateway/sam/software_catalogue.h"
#include "gateway/store/store.h"

namespace crosswalk::sam {

using RecordKey = std::pair<std::string, std::string>;  // (source, native id)

// One installation record as the position reads it: its device and how the software rules read it.
struct InstallEntry {
  DeviceRef device;
  NormalisedInstall::Class kind = NormalisedInstall::Class::kUnrecognised;
  std::string publisher, product, version, edition, arch;
  bool free = false;  // a product that needs no licence (NormalisedInstall::free)
};

// One entitlement record as the position reads it (record and purchase_ref set).
struct EntitlementRow {
  Entitlement entitlement;  // publisher and product as the software rules read the register's
  std::string title;        // the register's product as written
};

// One usage measurement (preset licence-usage): a product's peak of users at once on a day.
struct UsageEntry {
  std::string publisher, product;  // as the software rules read the register's
  int64_t peak = 0;
  std::optional<int64_t> measured;  // the record's effective date (measured_on)
  std::string record;               // "source/native id"
};

// How far back usage counts: the highest peak measured in this many days up to the day asked.
inline constexpr int kUsageWindowDays = 90;

// What each SAM record of the store says, by (source, native id).
struct SamEntries {
  std::map<RecordKey, DeviceEntry> devices;        // IsDeviceRecord
  std::map<RecordKey, InstallEntry> installs;      // software-installation
  std::map<RecordKey, EntitlementRow> entitlements;  // licence-entitlement that can be counted
  // licence-entitlement that cannot: what is wrong, naming the field ("metric 'per seat' is not
  // one crosswalk counts: …", a quantity that is no whole number).
  std::map<RecordKey, std::string> unreadable;
  // The CMDB: IsCmdbRecord (a live tool's discovered CI is here and in devices). class: attribute
  // `class`, else the native kind (ServiceNow's sys_class_name); serial: `serial_number` or
  // `serial`; uuid: `uuid`; licence field: `software_licence`; last verified: the effective date
  // (the preset's verified, updated or created), else updated.
  std::map<RecordKey, CmdbItem> cmdb;
  std::map<RecordKey, UsageEntry> usage;  // licence-usage
};

// The kinds SamEntries reads.
bool IsSamKind(const std::string& kind);
// Puts what `record` says into `entries` (replacing what its key said before, in whichever map);
// a record of another kind changes nothing. Entitlement fields (attributes as the `entitlements`
// preset stores them): publisher, version_scope, edition, metric, quantity, valid_to,
// downgrade_rights ("true"), allocated_to (several separated by , ; 、 / or a line break),
// consumption_priority, purchase_ref; valid from is the record's effective date.
void PutEntry(SamEntries& entries, const Record& record, const SoftwareCatalogue& catalogue);
// Takes the record's entry out, whichever map holds it.
void EraseEntry(SamEntries& entries, const RecordKey& key);
// Every live SAM record of the store (each also handed to `seen`, when given). The store's errors
// as they are.
absl::StatusOr<SamEntries> ReadSamEntries(Store& store, const SoftwareCatalogue& catalogue,
                                          const std::function<void(const Record&)>& seen = nullptr);

struct SamInputs {
  std::vector<Machine> machines;         // by name (MachineIdentity), product_installs set
  std::vector<LicensedDevice> devices;   // one per machine: key and name its name
  // Per machine and install row (class, publisher, product, version, edition, arch: two tools
  // reporting one install are one row), by machine name then row: products that need a licence,
  // and free products and unrecognised titles an entitlement names (a register can license what
  // no product rule knows yet, or support for a free product); id "source/native id" of the row's
  // first record by (source, native id); user the machine's.
  std::vector<LicensedInstall> installs;
  std::vector<EntitlementRow> entitlements;  // by id
  std::vector<std::pair<std::string, std::string>> problems;  // ("source/native id", what is wrong)
  std::vector<CmdbItem> cmdb;
  std::vector<UsageEntry> usage;
};

// The options of the position as of `as_of`: the peak of concurrent users per product, the
// highest measured in the kUsageWindowDays up to that day (none measured: the metric cannot be
// counted and the position says so).
// With `core_factors`, Oracle's processor core factors (else the default 0.5 for every model).
PositionOptions OptionsFor(const SamInputs& inputs, int64_t as_of, const CoreFactorTable* core_factors = nullptr);

// The inputs all of `entries` give; with `identity`, the machines' identity is kept there.
SamInputs DeriveInputs(const SamEntries& entries, std::unique_ptr<MachineIdentity>* identity = nullptr);
// The machines of the device and install entries.
std::unique_ptr<MachineIdentity> IdentityOf(const SamEntries& entries);
// The entitlements (by id), unreadable entitlements, CMDB CIs and usage of `entries` into `inputs`.
void FillRegisters(const SamEntries& entries, SamInputs& inputs);

// The licensed installs of one machine (`installs`: its install entries), as DeriveInputs gives
// them; `product_rows` (optional) is set to its install rows of class product.
std::vector<LicensedInstall> MachineInstalls(const Machine& machine, const std::vector<std::pair<const RecordKey*, const InstallEntry*>>& installs,
                                             const std::set<std::string>& entitled, int64_t* product_rows);
// "publisher|product" as MatchKeys: the products entitlements name.
std::set<std::string> EntitledProducts(const std::vector<EntitlementRow>& entitlements);

absl::StatusOr<SamInputs> ReadSamInputs(Store& store, const SoftwareCatalogue& catalogue);

// The machine as the position counts it: key and name its name.
LicensedDevice DeviceOf(const Machine& machine);
// The entitlements of `inputs` as ComputePosition takes them.
std::vector<Entitlement> EntitlementsOf(const SamInputs& inputs);
// The machines of `inputs` as the reconciliation takes them (products: "publisher|product" of
// the counted installs on each).
std::vector<InventoryMachine> MachinesOf(const SamInputs& inputs);
// Every entitlement's allocations, one per device or user named.
std::vector<AllocationRef> AllocationsOf(const SamInputs& inputs);

}  // namespace crosswalk::sam

#endif  // CROSSWALK_GATEWAY_SAM_SAM_INPUTS_H_
