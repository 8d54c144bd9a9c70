#ifndef CROSSWALK_CONNECTORS_INVENTORY_SBOM_ENTRY_H_
#define CROSSWALK_CONNECTORS_INVENTORY_SBOM_ENTRY_H_

// What the CycloneDX and SPDX readers (sbom.h) share about one entry of an SBOM.

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "connectors/inventory/inventory_document.h"
#include "connectors/inventory/json_file.h"
#include "gateway/core/status_macros.h"

namespace crosswalk::inventory {

// The software an SBOM entry (`kind` "component" or "package", the object at `path`) starts as:
// contained, from "sbom", at the entry's line, with its required "name" (INVALID_ARGUMENT
// "… member PATH: a KIND needs a name" when it has none).
inline absl::StatusOr<DiscoveredSoftware> SbomEntry(const JsonFile& file, const nlohmann::json& entry,
                                                    const std::string& path, const char* kind) {
  DiscoveredSoftware software;
  software.from = "sbom";
  software.evidence = "contained";
  software.line = file.PositionOf(path).line;
  CW_ASSIGN_OR_RETURN(software.name, StringMember(file, entry, path, "name"));
  if (software.name.empty()) return file.Error(path, absl::StrCat("a ", kind, " needs a name"));
  return software;
}

}  // namespace crosswalk::inventory

#endif  // CROSSWALK_CONNECTORS_INVENTORY_SBOM_ENTRY_H_
