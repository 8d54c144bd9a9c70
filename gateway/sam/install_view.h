#ifndef CROSSWALK_GATEWAY_SAM_INSTALL_VIEW_H_
#define CROSSWALK_GATEWAY_SAM_INSTALL_VIEW_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "gateway/sam/software_catalogue.h"
#include "gateway/store/store.h"

namespace crosswalk::sam {

// One inventory record behind an install row: which tool said so, and how.
struct InstallEvidence {
  std::string source;
  std::string native_id;
  std::string raw_name;
  std::string from;      // deb, rpm, registry, swid, sbom, …
  std::string format;    // ocs-xml, fusioninventory-xml, …
  std::string evidence;  // installed, or contained (an SBOM entry)
  std::string publisher;  // as normalised from this record (a package's: what its tool said)
};

// One product (or title) installed on one device, however many tools reported it.
struct InstallRow {
  std::string device;  // the device's display name: its host name, else its device id
  NormalisedInstall::Class kind = NormalisedInstall::Class::kUnrecognised;
  std::string publisher, product, version, edition, arch;
  std::string free;  // a product that needs no licence: why (NormalisedInstall::free); empty otherwise
  std::vector<std::string> rules;  // every rule any evidence's normalisation named, first seen first
  std::vector<InstallEvidence> evidences;  // by (source, native id); never empty
};

// How often one title occurs: install rows, and the distinct devices they are on.
struct TitleCount {
  NormalisedInstall::Class kind = NormalisedInstall::Class::kUnrecognised;
  std::string publisher, product;
  int64_t installs = 0;
  int64_t devices = 0;
};

// One machine: the device records of every tool that saw it, merged (see "Device identity").
struct Machine {
  std::string name;  // as InstallRow::device; unique within a view
  std::vector<std::string> host_names, serials, uuids, device_ids;  // each distinct, as written, sorted
  std::vector<std::string> records;  // "source/native id" of every device record merged into it
  int processors = 0;  // sockets, the largest any record says; 0 unknown
  int cores = 0;       // physical cores over all processors, the largest any record says; 0 unknown
  std::string virtualization;  // what a record names the virtualisation; empty: physical or not said
  std::string vm_host;         // a VM's host, as a record gives it
  std::string user;            // the user of the most recently seen record that names one
  std::string cpu;             // a processor model a record names (attribute cpu or processor_model)
  // Unix seconds: the latest `last_seen` a record gives (as written, read by ParseTimestamp), else
  // when crosswalk read the record; nullopt when neither is known.
  std::optional<int64_t> last_seen;
  int64_t product_installs = 0;  // install rows of class product on it
};

struct InstallFilter {
  // Only the devices one of whose identifiers (host name, device id, serial or UUID, of any of
  // the device records merged into it) has this MatchKey; empty: every device.
  std::string device;
  // Only this class (product, unrecognised, package, excluded); empty: every class.
  std::string kind;
};

struct InstallView {
  std::vector<InstallRow> installs;  // by device, class, publisher, product, version, edition, arch
  std::vector<TitleCount> titles;    // most installs first, then most devices, then as keyed
  std::vector<Machine> machines;     // every machine the filter keeps (with or without installs), by name
};

// The installations a store holds, as products per device (issue 13 Deliver 3).
//
// Reads, a page at a time (Store::ListRecords, every source, deleted records left out): every
// record of kind configuration-item with native kind `device` (attributes device_id, host_name,
// serial, uuid — the inventory connector's) and every record of kind software-installation
// (attributes device_id, raw_name, version, publisher, arch, from, edition, evidence, format).
//
// Device identity: device records are one machine when they share a non-empty UUID, serial or
// host name (each compared as its MatchKey, UUID with UUID, serial with serial, name with name),
// transitively. An install is on the device record of its source with its device_id (one of its
// own when there is none: named by its `ci` link, else its device id). A merged device is shown
// by the smallest of its host names, else the smallest of its device ids; a name two machines would
// share takes " (2)", " (3)" … in the order of their roots. `machines` lists each machine with what
// its records say for licensing (cores, processors, virtualisation, user, last seen).
//
// Grouping: each install is normalised by `catalogue`; installs with the same (device, class,
// publisher, product, version, edition, arch) are ONE row carrying each install as an evidence —
// two agents listing one package on one host give one row with two evidences. A package's
// publisher is no part of its key (ocsinventory-agent reports a Debian package's homepage or
// nothing, FusionInventory "Debian"): the row shows the first evidence's that has one. Titles count the
// rows per (class, publisher, product) — a package's per product, shown with the first publisher
// one of its rows has — after the filter: unrecognised titles and unmapped packages are listed
// with their counts, never dropped.
//
// INVALID_ARGUMENT for an unknown class in the filter; the store's errors as they are.
// Memory: proportional to the devices and installs stored (the whole view is built in memory).
absl::StatusOr<InstallView> BuildInstallView(Store& store, const SoftwareCatalogue& catalogue,
                                             const InstallFilter& filter);

}  // namespace crosswalk::sam

#endif  // CROSSWALK_GATEWAY_SAM_INSTALL_VIEW_H_
