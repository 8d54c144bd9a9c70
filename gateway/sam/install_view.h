#ifndef CROSSWALK_GATEWAY_SAM_INSTALL_VIEW_H_
#define CROSSWALK_GATEWAY_SAM_INSTALL_VIEW_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "gateway/sam/machine_identity.h"
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
  std::string reason;  // an excluded install: why (NormalisedInstall::reason); empty otherwise
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
};

// The installations a store holds, as products per device (issue 13 Deliver 3).
//
// Reads, a page at a time (Store::ListRecords, every source, deleted records left out): every
// record of kind configuration-item with native kind `device` (attributes device_id, host_name,
// serial, uuid — the inventory connector's) and every record of kind software-installation
// (attributes device_id, raw_name, version, publisher, arch, from, edition, evidence, format).
//
// Device identity: MachineIdentity (machine_identity.h) — device records sharing a UUID, serial
// or host name are one machine; an install is on the device record of its source with its
// device_id (one of its own when there is none: named by its `ci` link, else its device id).
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
