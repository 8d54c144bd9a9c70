// ParseInventory (inventory_connector.h): which parser reads a file.
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "connectors/inventory/glpi_inventory.h"
#include "connectors/inventory/inventory_connector.h"
#include "connectors/inventory/ocs_xml.h"
#include "connectors/inventory/sbom.h"
#include "connectors/inventory/swid_tag.h"

namespace crosswalk::inventory {
namespace {

// The format of a file whose source says `auto`: its extension, then its first bytes.
std::string DetectFormat(const std::string& bytes, const std::string& file) {
  const std::string name = absl::AsciiStrToLower(file);
  if (absl::EndsWith(name, ".swidtag")) return "swid";
  absl::string_view head = absl::StripLeadingAsciiWhitespace(absl::string_view(bytes).substr(0, 4096));
  if (absl::StartsWith(head, "\xEF\xBB\xBF")) head.remove_prefix(3);
  if (absl::StartsWith(head, "<")) {
    if (absl::StrContains(head, "<REQUEST")) {
      return absl::StrContains(bytes, "FusionInventory") ? "fusioninventory-xml" : "ocs-xml";
    }
    if (absl::StrContains(head, "SoftwareIdentity") || absl::StrContains(head, "software_identification_tag")) return "swid";
    return "";
  }
  if (absl::StartsWith(head, "{")) {
    if (absl::StrContains(head, "\"bomFormat\"")) return "cyclonedx";
    if (absl::StrContains(head, "\"spdxVersion\"")) return "spdx";
    if (absl::StrContains(head, "\"deviceid\"") || absl::StrContains(head, "\"content\"")) return "glpi-inventory";
  }
  return "";
}

}  // namespace

absl::StatusOr<InventoryDocument> ParseInventory(const std::string& format, const std::string& bytes,
                                                 const std::string& file) {
  const std::string chosen = format.empty() || format == "auto" ? DetectFormat(bytes, file) : format;
  if (chosen == "ocs-xml" || chosen == "fusioninventory-xml") return ParseOcsXml(bytes, file);
  if (chosen == "glpi-inventory") return ParseGlpiInventory(bytes, file);
  if (chosen == "swid") return ParseSwidTag(bytes, file);
  if (chosen == "cyclonedx") return ParseCycloneDx(bytes, file);
  if (chosen == "spdx") return ParseSpdx(bytes, file);
  if (chosen.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(
        file, ": not an inventory format crosswalk knows (OCS or FusionInventory XML, GLPI inventory JSON, a SWID tag, "
              "a CycloneDX or SPDX JSON SBOM); name the format of the source if it is one of them"));
  }
  return absl::InvalidArgumentError(absl::StrCat(file, ": unknown inventory format '", chosen, "'"));
}

}  // namespace crosswalk::inventory
