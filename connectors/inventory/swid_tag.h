#ifndef CROSSWALK_CONNECTORS_INVENTORY_SWID_TAG_H_
#define CROSSWALK_CONNECTORS_INVENTORY_SWID_TAG_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "connectors/inventory/inventory_document.h"

namespace crosswalk::inventory {

// Reads one ISO/IEC 19770-2 software identification tag (a .swidtag file) into a document of
// format "swid" with at most one DiscoveredSoftware (from "swid", evidence "installed", line = the
// root element's line).
//
// Schemas read (anything else is INVALID_ARGUMENT "FILE:LINE:COLUMN" naming the namespaces read):
//  - SoftwareIdentity in the 2015, 2015-current or 2014-DIS namespace: name = @name and tag_id =
//    @tagId (both required), version = @version (the standard's default "0.0" when absent),
//    publisher = @name of the first Entity whose roles include softwareCreator (else licensor, else
//    tagCreator), edition and arch from Meta, device.id and device.last_seen from Evidence @deviceId
//    and @date. Kept in extra: every other root attribute under its name ("versionScheme",
//    "tagVersion", "lang", …; unknown version schemes such as "rpm" as written), each Entity's
//    attributes under each of its roles ("entity.softwareCreator.regid"), Meta and Evidence
//    attributes ("Meta.product", "Evidence.pathSeparator"), each Link's href under its rel
//    ("Link.component") and the count of every other element by the root's child it is in and its
//    own name ("Payload/File" = "12").
//    A patch, supplemental or corpus tag is not an installation: the document then has no
//    software, and a note says which and why. A tag without a tagCreator Entity is read, with a
//    note.
//  - software_identification_tag in the 2008 or 2009 namespace (element-based): name =
//    product_title and tag_id = software_id/unique_id (both required), version =
//    product_version/name or else the numeric major.minor.build.review parts present, publisher =
//    software_creator/name; every other element's text kept in extra under its path
//    ("software_creator/regid", "license_linkage/activation_status"), and "license_linkage" =
//    "present" when the tag has one.
// `file` names the input in messages.
absl::StatusOr<InventoryDocument> ParseSwidTag(absl::string_view xml, const std::string& file);

}  // namespace crosswalk::inventory

#endif  // CROSSWALK_CONNECTORS_INVENTORY_SWID_TAG_H_
