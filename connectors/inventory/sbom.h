#ifndef CROSSWALK_CONNECTORS_INVENTORY_SBOM_H_
#define CROSSWALK_CONNECTORS_INVENTORY_SBOM_H_

// Software bills of materials (CycloneDX 1.4-1.6 JSON, SPDX 2.2/2.3 JSON) as inventory evidence.
// An SBOM proves that a product *contains* software, not that it is installed and licensable on a
// device: every DiscoveredSoftware has evidence "contained" and from "sbom"; the device is the
// SBOM's subject (the product, image or application it describes).
//
// Both readers: positions (`line`) are those of each component's or package's opening brace; input
// that is not JSON is INVALID_ARGUMENT "FILE:LINE:COLUMN: not JSON: what", nesting deeper than 64 levels is
// refused, a member of the wrong type is INVALID_ARGUMENT "FILE:LINE:COLUMN: member PATH: what".
// Members not listed below (pedigree, evidence, externalReferences, properties, services,
// dependencies, vulnerabilities; SPDX checksums, files, snippets, annotations) are not read: they
// say nothing about what is contained.

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "connectors/inventory/inventory_document.h"

namespace crosswalk::inventory {

// CycloneDX JSON (format "cyclonedx"). Requires bomFormat "CycloneDX" and a specVersion. Device:
// metadata.component (id = its bom-ref, else name@version; name = its name), last_seen =
// metadata.timestamp, tool = metadata.tools (1.4 list of {vendor,name,version}; 1.5+ object of
// components and services). Software: components[] and their nested components (also those of
// metadata.component), flattened up to 32 levels: name (required), version, publisher (else
// supplier.name, else 1.6 manufacturer.name, else author, else 1.6 authors' names), tag_id = purl
// (else cpe, else swid.tagId); extra: type, group, bom-ref, cpe, swid.tagId, licenses
// (expressions as written, licence ids or names joined by ", "), hashes (count), scope.
// Components of type "file" are not software: counted in a note.
absl::StatusOr<InventoryDocument> ParseCycloneDx(absl::string_view json, const std::string& file);

// SPDX 2.x JSON (format "spdx"). Requires spdxVersion "SPDX-2.…". Device: id = the document's
// name (else documentNamespace), name = the name of the package the document describes
// (documentDescribes or a DESCRIBES / DESCRIBED_BY relationship of the document), last_seen =
// creationInfo.created, tool = creationInfo.creators joined by ", ". Software: packages[] other
// than the described ones (said in a note): name (required), versionInfo, publisher = supplier
// (else originator) without its "Organization: " / "Person: " / "Tool: " prefix ("NOASSERTION":
// none), tag_id = the externalRefs purl (else cpe23Type, else cpe22Type); extra: SPDXID,
// licenseConcluded, licenseDeclared, downloadLocation, primaryPackagePurpose (as written,
// NOASSERTION included), the other externalRefs as "externalRefs.<referenceType>", and the
// originator when the supplier was used. A "files" list is counted in a note, not read.
absl::StatusOr<InventoryDocument> ParseSpdx(absl::string_view json, const std::string& file);

}  // namespace crosswalk::inventory

#endif  // CROSSWALK_CONNECTORS_INVENTORY_SBOM_H_
