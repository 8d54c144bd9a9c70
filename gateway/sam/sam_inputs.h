#ifndef CROSSWALK_GATEWAY_SAM_SAM_INPUTS_H_
#define CROSSWALK_GATEWAY_SAM_SAM_INPUTS_H_

// What the licence position reads, gathered from the store: the machines and their product
// installs (the installs view), and the entitlement registers (records of kind
// licence-entitlement, preset `entitlements`), each read by the software rules so that a
// register's "Microsoft SQL Server Standard" by "Microsoft Corporation" is the installs' product.

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "gateway/sam/install_view.h"
#include "gateway/sam/licence_position.h"
#include "gateway/sam/reconciliation.h"
#include "gateway/sam/software_catalogue.h"
#include "gateway/store/store.h"

namespace crosswalk::sam {

// One entitlement record as the position reads it (record and purchase_ref set).
struct EntitlementRow {
  Entitlement entitlement;  // publisher and product as the software rules read the register's
  std::string title;        // the register's product as written
};

struct SamInputs {
  InstallView view;  // every install, title and machine (no filter)
  std::vector<LicensedDevice> devices;    // one per machine: key and name its name
  // Installs of class product that need a licence, and free products and unrecognised titles an
  // entitlement names (a register can license what no product rule knows yet, or support for a
  // free product); id "source/native id" of the install's first evidence.
  std::vector<LicensedInstall> installs;
  std::vector<EntitlementRow> entitlements;  // the ones that can be counted, by id
  // Entitlement records that cannot be counted: the record and what is wrong, naming the field
  // ("metric 'per seat' is not one crosswalk counts: …", a quantity that is no whole number).
  std::vector<std::pair<std::string, std::string>> problems;
  // The CMDB: records of kind configuration-item that are not inventory devices (native kind
  // `device`). class: attribute `class`, else the native kind (ServiceNow's sys_class_name);
  // serial: `serial_number` or `serial`; uuid: `uuid`; licence field: `software_licence`; last
  // verified: the effective date (the preset's verified, updated or created), else updated.
  std::vector<CmdbItem> cmdb;
};

// Reads the inputs. The store's errors as they are. Entitlement fields (attributes as the
// `entitlements` preset stores them): publisher, version_scope, edition, metric, quantity,
// valid_to, downgrade_rights ("true"), allocated_to (several separated by , ; 、 / or a line
// break), consumption_priority, purchase_ref; valid from is the record's effective date.
absl::StatusOr<SamInputs> ReadSamInputs(Store& store, const SoftwareCatalogue& catalogue);

// The entitlements of `inputs` as ComputePosition takes them.
std::vector<Entitlement> EntitlementsOf(const SamInputs& inputs);

// The machines of `inputs` as the reconciliation takes them (products: "publisher|product" of
// the product installs on each).
std::vector<InventoryMachine> MachinesOf(const SamInputs& inputs);

// Every entitlement's allocations, one per device or user named.
std::vector<AllocationRef> AllocationsOf(const SamInputs& inputs);

}  // namespace crosswalk::sam

#endif  // CROSSWALK_GATEWAY_SAM_SAM_INPUTS_H_
