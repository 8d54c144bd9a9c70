#ifndef CROSSWALK_GATEWAY_SAM_MACHINE_IDENTITY_H_
#define CROSSWALK_GATEWAY_SAM_MACHINE_IDENTITY_H_

// Which inventory records are one machine: device records of any source that share a UUID, a
// serial or a host name (each compared as its MatchKey, UUID with UUID, serial with serial, name
// with name; placeholder serials and UUIDs share nothing), transitively — two agents on one host,
// or a renamed machine another tool saw by its UUID. Shared by the installations view and the
// licence position, so both see the same machines.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "gateway/core/record.h"

namespace crosswalk::sam {

// What one device record says (the inventory connector's attributes): its identifiers and what
// licences count.
struct DeviceEntry {
  std::string source, native_id;
  std::string device_id;  // attribute device_id, else the native id
  std::string host_name, serial, uuid;
  int processors = 0, cores = 0;
  std::string virtualization, vm_host, user;
  std::string cpu;  // attribute cpu or processor_model
  // The inventory's last_seen (ParseTimestamp), else when crosswalk read the record.
  std::optional<int64_t> seen;
};

// True for a record of kind configuration-item that an inventory saw: native kind `device` (the
// inventory connector's), or a CI with a `last_seen` attribute — a live tool's CI that its own
// discovery keeps (GLPI's last_inventory_update, ServiceNow's last_discovered), which is then
// both a machine and a CMDB CI.
bool IsDeviceRecord(const Record& record);
// True for a record of kind configuration-item that is a CMDB CI: any but the inventory
// connector's devices.
bool IsCmdbRecord(const Record& record);
// A device record's identity and facts: device_id (else the native id), host_name (a CI's:
// else its title), serial (a CI's: else serial_number), uuid, processors, cores (else
// cores_per_processor × processors), virtualization,
// vm_host, user, cpu (else processor_model), last_seen (else, for the inventory's devices, when
// crosswalk read it).
DeviceEntry DeviceEntryOf(const Record& device_record);
// True when the two say the same about which machine they are (source, device id, host name,
// serial, UUID); facts aside.
bool SameIdentity(const DeviceEntry& a, const DeviceEntry& b);

// Where an install is: the device record of its source with its device id; for an install whose
// device has no record, a machine of its own named `fallback_name` (its `ci` link), else the id.
// An install without a device id takes its `ci` link's target as one, else "record:<native id>".
struct DeviceRef {
  std::string source, device_id, fallback_name;
};
DeviceRef DeviceRefOf(const Record& install_record);

// One machine: the device records merged into it.
struct Machine {
  std::string name;  // the smallest host name, else the smallest device id; unique (" (2)" …)
  std::vector<std::string> host_names, serials, uuids, device_ids;  // each distinct, as written, sorted
  std::vector<std::string> records;  // "source/native id" of every device record merged into it
  int processors = 0;  // sockets, the largest any record says; 0 unknown
  int cores = 0;       // physical cores over all processors, the largest any record says; 0 unknown
  std::string virtualization;  // what a record names the virtualisation; empty: physical or not said
  std::string vm_host;         // a VM's host, as a record gives it
  std::string user;            // the user of the most recently seen record that names one
  std::string cpu;             // a processor model a record names
  std::optional<int64_t> last_seen;  // the latest `seen` of its records
  int64_t product_installs = 0;      // install rows of class product on it (set by the view)
};

// The machines of a set of device entries and install refs. The result does not depend on the
// order either is given in: entries are taken by (source, device id, native id), a name two
// machines would share takes " (2)", " (3)" … in the order of their first entries.
class MachineIdentity {
 public:
  MachineIdentity(std::vector<const DeviceEntry*> devices, std::vector<DeviceRef> refs);

  // Every machine, by name.
  const std::vector<Machine>& machines() const { return machines_; }
  // The machine (index into machines()) of an install's device; -1 for a ref not given.
  int MachineOf(const std::string& source, const std::string& device_id) const;
  // True when one of the machine's identifiers (host names, device ids, serials, UUIDs of every
  // record merged into it) has `match_key` as its MatchKey.
  bool Matches(int machine, const std::string& match_key) const;

 private:
  std::map<std::pair<std::string, std::string>, int> machine_of_;  // (source, device id) → machine
  std::vector<Machine> machines_;
  std::vector<std::vector<std::string>> keys_;  // per machine: MatchKeys of its identifiers, sorted
};

}  // namespace crosswalk::sam

#endif  // CROSSWALK_GATEWAY_SAM_MACHINE_IDENTITY_H_
