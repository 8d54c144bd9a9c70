// SPDX 2.x JSON SBOMs as contained-software evidence; the contract is in sbom.h.
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "connectors/inventory/json_file.h"
#include "connectors/inventory/sbom.h"
#include "connectors/inventory/sbom_entry.h"
#include "gateway/core/status_macros.h"

namespace crosswalk::inventory {
namespace {

using nlohmann::json;

void AddExtra(ExtraFields& extra, std::string name, std::string value) {
  if (!value.empty()) extra.emplace_back(std::move(name), std::move(value));
}

// An SPDX actor ("Organization: Debian", "Person: Jane Doe (jane@example.com)", "Tool: x") without
// its kind; "NOASSERTION" is no actor.
std::string ActorName(absl::string_view actor) {
  if (actor == "NOASSERTION") return "";
  for (absl::string_view kind : {"Organization:", "Person:", "Tool:"}) {
    if (absl::ConsumePrefix(&actor, kind)) break;
  }
  return std::string(absl::StripAsciiWhitespace(actor));
}

// A list member's string elements (INVALID_ARGUMENT naming the element that is not one).
absl::StatusOr<std::vector<std::string>> StringList(const JsonFile& file, const json& object, const std::string& parent,
                                                    const char* member) {
  CW_ASSIGN_OR_RETURN(const json* list, ListMember(file, object, parent, member));
  std::vector<std::string> strings;
  if (list == nullptr) return strings;
  for (size_t i = 0; i < list->size(); ++i) {
    if (!(*list)[i].is_string()) return file.Error(ElementPath(MemberPath(parent, member), i), "expected a string");
    strings.emplace_back(absl::StripAsciiWhitespace((*list)[i].get_ref<const std::string&>()));
  }
  return strings;
}

// The SPDXIDs of what the document describes, in the order it names them: documentDescribes, then
// relationships "<document> DESCRIBES x" and "x DESCRIBED_BY <document>".
absl::StatusOr<std::vector<std::string>> Described(const JsonFile& file, const json& document,
                                                   const std::string& document_id) {
  CW_ASSIGN_OR_RETURN(std::vector<std::string> described, StringList(file, document, "", "documentDescribes"));
  CW_ASSIGN_OR_RETURN(const json* relationships, ListMember(file, document, "", "relationships"));
  if (relationships == nullptr) return described;
  for (size_t i = 0; i < relationships->size(); ++i) {
    const json& relationship = (*relationships)[i];
    const std::string path = ElementPath("relationships", i);
    if (!relationship.is_object()) return file.Error(path, "expected a relationship (an object)");
    CW_ASSIGN_OR_RETURN(const std::string element, StringMember(file, relationship, path, "spdxElementId"));
    CW_ASSIGN_OR_RETURN(const std::string type, StringMember(file, relationship, path, "relationshipType"));
    CW_ASSIGN_OR_RETURN(const std::string related, StringMember(file, relationship, path, "relatedSpdxElement"));
    if (type == "DESCRIBES" && element == document_id) described.push_back(related);
    if (type == "DESCRIBED_BY" && related == document_id) described.push_back(element);
  }
  return described;
}

// One package at `path` as contained software.
absl::StatusOr<DiscoveredSoftware> ReadPackage(const JsonFile& file, const json& package, const std::string& path) {
  CW_ASSIGN_OR_RETURN(DiscoveredSoftware software, SbomEntry(file, package, path, "package"));
  CW_ASSIGN_OR_RETURN(software.version, StringMember(file, package, path, "versionInfo"));
  CW_ASSIGN_OR_RETURN(const std::string supplier, StringMember(file, package, path, "supplier"));
  CW_ASSIGN_OR_RETURN(const std::string originator, StringMember(file, package, path, "originator"));
  software.publisher = ActorName(supplier);
  const bool originator_used = software.publisher.empty();
  if (originator_used) software.publisher = ActorName(originator);

  std::vector<std::pair<std::string, std::string>> references;  // (referenceType, referenceLocator)
  CW_ASSIGN_OR_RETURN(const json* external_refs, ListMember(file, package, path, "externalRefs"));
  if (external_refs != nullptr) {
    for (size_t i = 0; i < external_refs->size(); ++i) {
      const std::string at = ElementPath(MemberPath(path, "externalRefs"), i);
      if (!(*external_refs)[i].is_object()) return file.Error(at, "expected an external reference (an object)");
      CW_ASSIGN_OR_RETURN(std::string type, StringMember(file, (*external_refs)[i], at, "referenceType"));
      CW_ASSIGN_OR_RETURN(std::string locator, StringMember(file, (*external_refs)[i], at, "referenceLocator"));
      references.emplace_back(std::move(type), std::move(locator));
    }
  }
  for (absl::string_view preferred : {"purl", "cpe23Type", "cpe22Type"}) {
    for (auto& [type, locator] : references) {
      if (type == preferred && !locator.empty()) {
        software.tag_id = std::move(locator);
        locator.clear();
        break;
      }
    }
    if (!software.tag_id.empty()) break;
  }

  for (const char* member :
       {"SPDXID", "licenseConcluded", "licenseDeclared", "downloadLocation", "primaryPackagePurpose"}) {
    CW_ASSIGN_OR_RETURN(std::string value, StringMember(file, package, path, member));
    AddExtra(software.extra, member, std::move(value));
  }
  for (auto& [type, locator] : references) {
    AddExtra(software.extra, absl::StrCat("externalRefs.", type), std::move(locator));
  }
  if (!originator_used) AddExtra(software.extra, "originator", originator);
  return software;
}

}  // namespace

absl::StatusOr<InventoryDocument> ParseSpdx(absl::string_view json_text, const std::string& file_name) {
  CW_ASSIGN_OR_RETURN(const JsonFile file, ReadJsonFile(json_text, file_name, {"packages"}));
  const json& spdx = file.value;
  if (!spdx.is_object()) return file.Error("", "expected an SPDX document (a JSON object)");
  CW_ASSIGN_OR_RETURN(const std::string spdx_version, StringMember(file, spdx, "", "spdxVersion"));
  if (!absl::StartsWith(spdx_version, "SPDX-2.")) {
    return file.Error("spdxVersion", "expected an SPDX 2 version (\"SPDX-2.3\")");
  }

  InventoryDocument document;
  document.format = "spdx";
  InventoryDevice& device = document.device;
  CW_ASSIGN_OR_RETURN(const std::string name, StringMember(file, spdx, "", "name"));
  CW_ASSIGN_OR_RETURN(const std::string document_namespace, StringMember(file, spdx, "", "documentNamespace"));
  device.id = name.empty() ? document_namespace : name;
  AddExtra(device.extra, "spdxVersion", spdx_version);
  if (!name.empty()) AddExtra(device.extra, "documentNamespace", document_namespace);
  CW_ASSIGN_OR_RETURN(std::string data_license, StringMember(file, spdx, "", "dataLicense"));
  AddExtra(device.extra, "dataLicense", std::move(data_license));
  CW_ASSIGN_OR_RETURN(const json* creation_info, ObjectMember(file, spdx, "", "creationInfo"));
  if (creation_info != nullptr) {
    CW_ASSIGN_OR_RETURN(device.last_seen, StringMember(file, *creation_info, "creationInfo", "created"));
    CW_ASSIGN_OR_RETURN(const std::vector<std::string> creators,
                        StringList(file, *creation_info, "creationInfo", "creators"));
    device.tool = absl::StrJoin(creators, ", ");
  }

  CW_ASSIGN_OR_RETURN(std::string document_id, StringMember(file, spdx, "", "SPDXID"));
  if (document_id.empty()) document_id = "SPDXRef-DOCUMENT";
  CW_ASSIGN_OR_RETURN(const std::vector<std::string> described, Described(file, spdx, document_id));
  absl::flat_hash_map<std::string, std::string> subjects;  // SPDXID -> name of a described package
  for (const std::string& id : described) subjects.try_emplace(id);

  CW_ASSIGN_OR_RETURN(const json* packages, ListMember(file, spdx, "", "packages"));
  for (size_t i = 0; packages != nullptr && i < packages->size(); ++i) {
    const std::string path = ElementPath("packages", i);
    if (!(*packages)[i].is_object()) return file.Error(path, "expected a package (an object)");
    CW_ASSIGN_OR_RETURN(DiscoveredSoftware software, ReadPackage(file, (*packages)[i], path));
    const std::string* spdx_id = nullptr;
    for (const auto& [field, value] : software.extra) {
      if (field == "SPDXID") spdx_id = &value;
    }
    const auto subject = spdx_id == nullptr ? subjects.end() : subjects.find(*spdx_id);
    if (subject == subjects.end()) {
      document.software.push_back(std::move(software));
      continue;
    }
    if (subject->second.empty()) {
      subject->second = software.name;
      document.notes.push_back(absl::StrCat("package \"", software.name, "\" (", *spdx_id,
                                            ") is what the document describes: its subject, not contained software"));
    }
  }
  for (const std::string& id : described) {
    const auto subject = subjects.find(id);
    if (!subject->second.empty()) {
      device.name = subject->second;
      break;
    }
  }
  CW_ASSIGN_OR_RETURN(const json* files, ListMember(file, spdx, "", "files"));
  if (files != nullptr && !files->empty()) {
    document.notes.push_back(absl::StrCat(files->size(), " file", files->size() == 1 ? "" : "s", " not read"));
  }
  return document;
}

}  // namespace crosswalk::inventory
