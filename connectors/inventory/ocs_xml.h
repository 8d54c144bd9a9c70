#ifndef CROSSWALK_CONNECTORS_INVENTORY_OCS_XML_H_
#define CROSSWALK_CONNECTORS_INVENTORY_OCS_XML_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "connectors/inventory/inventory_document.h"

namespace crosswalk::inventory {

// An agent inventory in the OCS Inventory XML envelope — ocsinventory-agent's `--local` file and
// FusionInventory's (fusioninventory-inventory, fusioninventory-agent --local), which share it:
//
//   <REQUEST><CONTENT><HARDWARE>…</HARDWARE><BIOS>…</BIOS><CPUS>…</CPUS>… <SOFTWARES>…</SOFTWARES>…
//   <VERSIONCLIENT>…</VERSIONCLIENT></CONTENT><DEVICEID>…</DEVICEID><QUERY>INVENTORY</QUERY></REQUEST>
//
// `format` of the result: "fusioninventory-xml" when VERSIONCLIENT names FusionInventory, else
// "ocs-xml". Each SOFTWARES element is one DiscoveredSoftware (NAME required; ARCHITECTURE (OCS)
// or ARCH (FusionInventory) is the architecture; other members go to `extra`). The device: DEVICEID
// (required), HARDWARE (NAME, OSNAME, OSVERSION, LASTLOGGEDUSER, UUID, VMSYSTEM), BIOS (SSN,
// SMANUFACTURER, SMODEL), CPUS (one element per processor: CORES/CORE and LOGICAL_CPUS/THREAD
// summed; NBSOCKET, when the agent gives it, is the socket count), OPERATINGSYSTEM (FULL_NAME,
// VERSION: FusionInventory's), ACCESSLOG/LOGDATE as when it was seen. Sections it does not read
// (NETWORKS, STORAGES, …) are named in a note. Errors: INVALID_ARGUMENT "FILE:LINE:COLUMN: …" for
// XML that is not well-formed, a DOCTYPE, another root than REQUEST, a QUERY other than
// INVENTORY, no DEVICEID, a SOFTWARES entry without NAME, a count that is not a whole number.
absl::StatusOr<InventoryDocument> ParseOcsXml(absl::string_view xml, const std::string& file);

}  // namespace crosswalk::inventory

#endif  // CROSSWALK_CONNECTORS_INVENTORY_OCS_XML_H_
