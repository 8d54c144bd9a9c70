#ifndef CROSSWALK_GATEWAY_SAM_RECONCILIATION_H_
#define CROSSWALK_GATEWAY_SAM_RECONCILIATION_H_

// CMDB reconciliation (issue 13 Deliver 5): where the inventory, the CMDB, the entitlement
// registers' allocations and the licence position disagree, as a list of exceptions, each with
// the records behind it. A pure computation (no store, no clock: `as_of` is given).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "gateway/sam/licence_position.h"

namespace crosswalk::sam {

// One machine as the inventory sources see it (device records of several tools merged by UUID,
// serial or host name, as the installs view merges them).
struct InventoryMachine {
  std::string name;  // display name (smallest host name, else device id)
  std::vector<std::string> host_names, serials, uuids, device_ids;  // as written, each distinct
  std::vector<std::string> records;  // "source/native_id" of each device record merged into it
  std::optional<int64_t> last_seen;  // Unix seconds, latest over its records; nullopt unknown
  std::string user;                  // last user an inventory reported, may be empty
  int64_t installs = 0;              // product installs on it (class product)
  std::vector<std::string> products;  // "publisher|product" keys of the installs that need a licence (counted in a position), distinct
};

// One configuration item of the CMDB (records of kind configuration-item that are not inventory
// devices).
struct CmdbItem {
  std::string record;    // "source/native_id"
  std::string id, name;  // native id and name/title
  std::string ci_class;  // as written ("Server", "cmdb_ci_computer", "PC", "ユーザー", "サーバ" …)
  std::string status;    // canonical status: "retired" is retired or disposed; anything else in service
  std::string serial, uuid;  // may be empty
  // The CI's licence field as written: entitlement ids or purchase refs separated by , ; / or
  // white space (full-width forms and 、 too); may be empty.
  std::string software_licence;
  std::optional<int64_t> last_verified;  // verified or updated date, Unix seconds
};

// One entitlement allocation: an entitlement the register allocates to a device or a user.
struct AllocationRef {
  std::string entitlement;         // its id
  std::string entitlement_record;  // "source/native_id" of the register record
  std::string target;              // device name, device id, serial or user, as written
};

struct ReconcileOptions {
  int64_t as_of = 0;    // Unix seconds: "now" for staleness and entitlement validity
  int stale_days = 30;  // a CI whose machines were last inventoried more whole days before is stale
};

// One disagreement. `evidence` lists the record keys behind it ("source/native_id" of CIs, of
// device records, of the entitlement), sorted and distinct.
struct SamException {
  std::string kind;     // one of the k… slugs below
  std::string subject;  // the machine, CI, allocation target or shared identifier it is about
  std::string detail;   // what disagrees, in words
  std::string clause;   // the ISO/IEC 20000-1:2018 clause it speaks against: 8.2.5 or 8.2.6
  std::vector<std::string> evidence;
};

// An inventory machine that no CMDB CI matches (clause 8.2.6).
inline constexpr char kNotInCmdb[] = "not-in-cmdb";
// A device CI in service that no inventory has seen, or not within stale_days (8.2.6).
inline constexpr char kNoRecentInventory[] = "no-recent-inventory";
// Product installs on a machine the CMDB records as retired (8.2.5).
inline constexpr char kInstallOnRetiredCi[] = "install-on-retired-ci";
// An allocation to a device or user the CMDB records as retired (8.2.5).
inline constexpr char kAllocationToRetired[] = "allocation-to-retired";
// An allocation to something neither the CMDB nor the inventory knows (8.2.5).
inline constexpr char kAllocationUnknown[] = "allocation-unknown";
// One serial or UUID on several CIs, or one machine under several host names (8.2.6).
inline constexpr char kDuplicateDevice[] = "duplicate-device";
// A CI's licence field that the registers or the position contradict (8.2.5).
inline constexpr char kLicenceFieldMismatch[] = "licence-field-mismatch";

// Every exception, sorted by kind, subject, detail and evidence.
//
// A check that compares two sides runs only when both exist: without any CMDB CI no machine is
// not-in-cmdb; without any inventory machine no CI lacks a recent inventory; without any
// entitlement no licence field is checked; with neither CIs nor machines no allocation is unknown.
// An organisation that has synced its CMDB but no inventory yet is told nothing false.
//
// Matching. Identifiers are compared by MatchKey (case and width folded: "ｓｒｖ-db01" is
// "SRV-DB01"); placeholder serials and UUIDs (IsPlaceholderIdentifier: "To be filled by O.E.M.",
// all zeros …) match nothing and duplicate nothing. A CI matches a machine when the CI's name or
// id is one of the machine's host names or device ids, its serial one of the machine's serials,
// or its UUID one of the machine's UUIDs — whatever the CI's class or status.
//
// - not-in-cmdb: a machine no CI matches (a retired CI is a match: see install-on-retired-ci).
// - no-recent-inventory: a CI not retired, of a device class (computer, server, PC, laptop,
//   desktop, workstation, virtual machine/VM, ServiceNow's cmdb_ci_* of these, サーバ, パソコン,
//   端末, ノートPC, 仮想マシン; an empty class only with a serial or UUID), that matches no machine,
//   or only machines last seen more than stale_days whole days before as_of. A machine whose
//   last_seen is unknown is not stale.
// - install-on-retired-ci: per machine with installs and retired CI it matches.
// - allocation-to-retired: a target whose MatchKey is the name, id or serial of a retired CI and
//   of no CI in service (a host name reused by a live CI names the live one).
// - allocation-unknown: a target that is no CI's name, id or serial, no machine's host name,
//   device id or serial, and no machine's user. An empty target (the pool) is neither.
// - duplicate-device: per serial or UUID shared by CIs not retired under MatchKey-distinct names
//   (evidence: every such CI); per machine with MatchKey-distinct host names.
// - licence-field-mismatch: per CI and entitlement id its licence field names: the id is in no
//   register; or the entitlement is not valid on as_of; or none of the CI's machines has an
//   install of its product; or the position's demand of that machine (subject its name, else its
//   user) for that product consumed nothing of it. Without a machine, the install and demand
//   checks are not made (no-recent-inventory says so); without such a demand, neither is the last.
//   A token that is a purchase ref of some entitlement is accepted unchecked (one purchase may
//   cover several products). A token that matches neither and looks like a licence key — more
//   than 20 characters, 4 or more dashes, or masked with '*' — is ignored: a key is not an id.
//
// Time and memory: proportional to the input and the matched pairs, with a log factor (every
// lookup goes through an index by MatchKey; no scan of machines per CI or CIs per machine).
std::vector<SamException> Reconcile(const std::vector<InventoryMachine>& machines, const std::vector<CmdbItem>& items,
                                    const std::vector<Entitlement>& entitlements,
                                    const std::vector<AllocationRef>& allocations, const std::vector<Demand>& demands,
                                    const ReconcileOptions& options);

}  // namespace crosswalk::sam

#endif  // CROSSWALK_GATEWAY_SAM_RECONCILIATION_H_
