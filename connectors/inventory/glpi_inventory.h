#ifndef CROSSWALK_CONNECTORS_INVENTORY_GLPI_INVENTORY_H_
#define CROSSWALK_CONNECTORS_INVENTORY_GLPI_INVENTORY_H_

// GLPI's native inventory JSON (glpi-project/inventory_format, what glpi-agent sends and writes with
// --local): the device from "deviceid" and the content's hardware, bios, operatingsystem, cpus,
// users and accesslog sections, and one DiscoveredSoftware per content.softwares entry.
//
// Mapping (InventoryDocument format "glpi-inventory"):
//   device.id            deviceid (required string)
//   device.tool          content.versionclient (required string)
//   device.partial       partial (a partial inventory omits sections; it does not remove them)
//   device.name          hardware.name, else operatingsystem.fqdn
//   serial, uuid         bios.ssn, hardware.uuid
//   manufacturer, model  bios.smanufacturer / bios.smodel, else the motherboard's bios.mmanufacturer
//                        / bios.mmodel (with a note saying so)
//   os_name, os_version  operatingsystem.full_name (else .name), operatingsystem.version
//   processors           the number of cpus entries (one per physical processor)
//   cores, threads       sums over cpus of core (else corecount) and of thread; set only when every
//                        entry gives one. A thread below its entry's core count can only be per core
//                        (the schema's reading; Windows agents without dmidecode write it so) and
//                        counts core × thread; otherwise thread is the processor's (dmidecode's
//                        "Thread Count"). A note says when the per-core reading was used.
//   virtualization       hardware.vmsystem, empty for "Physical"
//   user                 hardware.lastloggeduser, else users[0].login
//   last_seen            accesslog.logdate
//   device.extra         every other value of hardware, bios, operatingsystem, accesslog, users and
//                        licenseinfos as "section.key" ("operatingsystem.timezone.offset",
//                        "users[1].login"), other top-level members by name ("itemtype", "tag"),
//                        other scalar content members as "content.key". Licence keys
//                        (licenseinfos[].key, hardware.winprodkey) are secrets: kept only as
//                        "*****-" and their last 5 characters.
//   notes                the content sections present but not read, once ("content sections not
//                        read: memories, storages").
// A software entry: name (required), version, publisher, arch, from, install_date, guid; its other
// members in extra by name ("system_category", "filesize"); line = the line of its opening brace.
// Values are trimmed; numbers and booleans kept as JSON writes them; null is absent.
//
// INVALID_ARGUMENT: not JSON ("FILE:LINE:COLUMN: not JSON: …"), nesting deeper than 64, a missing
// required member or a member of the wrong type ("FILE: member content.softwares: expected an
// array"), a software entry without a name ("FILE:LINE:COLUMN: member content.softwares[3]: …").

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "connectors/inventory/inventory_document.h"

namespace crosswalk::inventory {

absl::StatusOr<InventoryDocument> ParseGlpiInventory(absl::string_view json, const std::string& file);

}  // namespace crosswalk::inventory

#endif  // CROSSWALK_CONNECTORS_INVENTORY_GLPI_INVENTORY_H_
