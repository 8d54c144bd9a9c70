#ifndef CROSSWALK_CONNECTORS_INVENTORY_INVENTORY_CONNECTOR_H_
#define CROSSWALK_CONNECTORS_INVENTORY_INVENTORY_CONNECTOR_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "connectors/connector.h"
#include "connectors/inventory/inventory_document.h"

namespace crosswalk::inventory {

// The `inventory` connector (issue 13 Deliver 1): software inventory files — agent inventories
// (ocsinventory-agent, FusionInventory, GLPI), ISO/IEC 19770-2 SWID tags, CycloneDX and SPDX
// SBOMs — one device and its software per file. `location` is one file or a folder (its regular
// files, by name; hidden files skipped; not recursive).
//
// Records (vocabulary "inventory"): per file one device, native kind `device` → kind
// configuration-item, native id "device/<device id>"; per software entry one installation, native
// kind `software-installation`, native id "install/<device id>/<name>/<version>/<arch>" (a second
// entry with the same four gets "#2" …), linked to its device (role ci, the device's name or id),
// with every value the file gave kept as an attribute (publisher, version, arch, from,
// install_date, guid, tag_id, edition, evidence "installed" or "contained" for SBOMs, and the
// format's own members). Nothing is normalised here: the software normaliser reads these.
//
// Cursor: the SHA-256 over every file's name and content, and the records consumed: an unchanged
// set of files reads nothing; a changed one is read again whole (unchanged records make no new
// version). Deletes: the connector lists its ids (IdLister; reconcile_every, max_delete_share) —
// software no longer in a device's full inventory, and devices whose file is gone, are marked
// deleted; what a partial inventory (GLPI "partial": true) omits is kept.
ConnectorFactory InventoryConnectorFactory();

// The formats `format` may name (besides auto).
const std::vector<std::string>& InventoryFormats();

// Reads one file's bytes as `format` (one of InventoryFormats(), or auto: by extension and
// content). `file` names it in messages.
absl::StatusOr<InventoryDocument> ParseInventory(const std::string& format, const std::string& bytes,
                                                 const std::string& file);

}  // namespace crosswalk::inventory

#endif  // CROSSWALK_CONNECTORS_INVENTORY_INVENTORY_CONNECTOR_H_
