#ifndef CROSSWALK_CONNECTORS_INVENTORY_INVENTORY_DOCUMENT_H_
#define CROSSWALK_CONNECTORS_INVENTORY_INVENTORY_DOCUMENT_H_

// What one inventory file says about one device and the software found on it (issue 13 Deliver
// 1), as the discovery tool wrote it: values raw (trimmed, UTF-8), nothing normalised yet — the
// software normaliser and the licence position work from these. One parser per format fills it:
//
//   format               parser                         file
//   ocs-xml              ParseOcsXml (ocs_xml.h)        ocsinventory-agent --local (*.ocs, XML)
//   fusioninventory-xml  ParseOcsXml (ocs_xml.h)        fusioninventory-inventory / -agent --local
//   glpi-inventory       ParseGlpiInventory             GLPI native inventory JSON (glpi-agent)
//   swid                 ParseSwidTag                   ISO/IEC 19770-2 tag (2008, 2009, 2014-DIS, 2015)
//   cyclonedx            ParseCycloneDx                 CycloneDX JSON SBOM (contained, not installed)
//   spdx                 ParseSpdx                      SPDX 2.x JSON SBOM (contained, not installed)
//
// Every parser: takes the whole file's bytes (the connector bounds the size) and its name for
// messages; returns INVALID_ARGUMENT naming "FILE:LINE:COLUMN" (or "FILE: member PATH") and what
// was expected for input it cannot read — never crashes, hangs or expands entities (XML: expat with
// any DOCTYPE refused); keeps every value it does not map in `extra` (nothing dropped silently).

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace crosswalk::inventory {

// (name, value) pairs kept as the file spells them: "HARDWARE/OSCOMMENTS", "bios.ssn", ...
using ExtraFields = std::vector<std::pair<std::string, std::string>>;

struct InventoryDevice {
  // The tool's id of the device (OCS and FusionInventory DEVICEID, GLPI deviceid, a SWID tag's
  // Evidence deviceId, an SBOM's subject). Empty when the file does not say (a SWID tag without
  // Evidence, most SBOMs): the connector then takes its `device` option or the file's folder name.
  std::string id;
  std::string name;           // host name
  std::string serial;         // hardware serial number (BIOS SSN)
  std::string uuid;           // hardware UUID
  std::string manufacturer;   // system manufacturer (BIOS SMANUFACTURER)
  std::string model;          // system model (BIOS SMODEL)
  std::string os_name;
  std::string os_version;
  std::optional<int> processors;  // physical processors (sockets)
  std::optional<int> cores;       // physical cores over all processors
  std::optional<int> threads;     // logical processors over all processors
  // Empty: a physical machine or not said; else what the tool names the virtualisation ("VMware",
  // "KVM", "Docker", "Hyper-V", …). Physical machines the tool reports as such ("Physical") are
  // empty too.
  std::string virtualization;
  std::string host;           // the VM's host (serial, name or UUID as given), when the file says
  std::string user;           // the last logged-in or assigned user
  std::string last_seen;      // when the inventory was taken, as written (date-time text)
  std::string tool;           // the tool and its version ("OCS-NG_unified_unix_agent_v2.10.0", …)
  // A partial inventory (GLPI "partial": true) lists only some sections: what it omits is not gone.
  bool partial = false;
  ExtraFields extra;
};

struct DiscoveredSoftware {
  std::string name;           // required: the title as discovered
  std::string version;
  std::string publisher;      // as written (a Debian package's may be its homepage URL)
  std::string arch;
  std::string from;           // how it was found: deb, rpm, registry, msi, swid, sbom, …
  std::string install_date;   // as written
  std::string guid;           // Windows product code
  std::string tag_id;         // SWID tagId, or the SBOM component's purl / CPE
  std::string edition;        // when the format says (SWID Meta edition)
  // "installed" (an agent or SWID tag found it installed) or "contained" (an SBOM says a product
  // ships it: evidence of content, lower confidence than an install).
  std::string evidence = "installed";
  int line = 0;               // 1-based line of its entry in the file (0: unknown)
  ExtraFields extra;
};

struct InventoryDocument {
  std::string format;         // one of the formats above
  InventoryDevice device;
  std::vector<DiscoveredSoftware> software;
  // What the parser decided that the user should see once ("SWID patch tag: a patch is not an
  // installation", "12 CPUS entries without CORES").
  std::vector<std::string> notes;
};

}  // namespace crosswalk::inventory

#endif  // CROSSWALK_CONNECTORS_INVENTORY_INVENTORY_DOCUMENT_H_
