// CycloneDX JSON SBOMs (1.4-1.6) as contained-software evidence; the contract is in sbom.h.
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "connectors/inventory/json_file.h"
#include "connectors/inventory/sbom.h"
#include "connectors/inventory/sbom_entry.h"
#include "connectors/json_values.h"
#include "gateway/core/status_macros.h"

namespace crosswalk::inventory {
namespace {

using nlohmann::json;

// Components nest components; deeper than this is refused (JSON depth bounds it anyway).
constexpr int kMaxComponentDepth = 32;

void AddExtra(ExtraFields& extra, const char* name, std::string value) {
  if (!value.empty()) extra.emplace_back(name, std::move(value));
}

// `object[member].name` (an organizational entity such as supplier or manufacturer).
absl::StatusOr<std::string> EntityName(const JsonFile& file, const json& object, const std::string& path,
                                       const char* member) {
  CW_ASSIGN_OR_RETURN(const json* entity, ObjectMember(file, object, path, member));
  if (entity == nullptr) return std::string();
  return StringMember(file, *entity, MemberPath(path, member), "name");
}

// 1.6 `authors`: the names of the listed contacts, joined by ", ".
absl::StatusOr<std::string> AuthorNames(const JsonFile& file, const json& component, const std::string& path) {
  CW_ASSIGN_OR_RETURN(const json* authors, ListMember(file, component, path, "authors"));
  if (authors == nullptr) return std::string();
  std::vector<std::string> names;
  for (size_t i = 0; i < authors->size(); ++i) {
    const std::string at = ElementPath(MemberPath(path, "authors"), i);
    if (!(*authors)[i].is_object()) return file.Error(at, "expected an object");
    CW_ASSIGN_OR_RETURN(std::string name, StringMember(file, (*authors)[i], at, "name"));
    if (!name.empty()) names.push_back(std::move(name));
  }
  return absl::StrJoin(names, ", ");
}

// `licenses`: a license expression as written, or the listed licences' ids (else names) joined
// by ", ".
absl::StatusOr<std::string> Licenses(const JsonFile& file, const json& component, const std::string& path) {
  CW_ASSIGN_OR_RETURN(const json* licenses, ListMember(file, component, path, "licenses"));
  if (licenses == nullptr) return std::string();
  std::vector<std::string> texts;
  for (size_t i = 0; i < licenses->size(); ++i) {
    const json& choice = (*licenses)[i];
    const std::string at = ElementPath(MemberPath(path, "licenses"), i);
    if (!choice.is_object()) return file.Error(at, "expected an object");
    CW_ASSIGN_OR_RETURN(std::string text, StringMember(file, choice, at, "expression"));
    if (text.empty()) {
      CW_ASSIGN_OR_RETURN(const json* license, ObjectMember(file, choice, at, "license"));
      if (license == nullptr) return file.Error(at, "expected \"license\" or \"expression\"");
      CW_ASSIGN_OR_RETURN(text, StringMember(file, *license, MemberPath(at, "license"), "id"));
      if (text.empty()) {
        CW_ASSIGN_OR_RETURN(text, StringMember(file, *license, MemberPath(at, "license"), "name"));
      }
    }
    if (!text.empty()) texts.push_back(std::move(text));
  }
  return absl::StrJoin(texts, ", ");
}

struct Reading {
  const JsonFile& file;
  InventoryDocument& document;
  int files_skipped = 0;
};

absl::Status ReadComponents(Reading& reading, const json& holder, const std::string& path, int depth);

// One component at `path` (and the components it nests).
absl::Status ReadComponent(Reading& reading, const json& component, const std::string& path, int depth) {
  const JsonFile& file = reading.file;
  if (!component.is_object()) return file.Error(path, "expected a component (an object)");
  CW_ASSIGN_OR_RETURN(std::string type, StringMember(file, component, path, "type"));
  if (type == "file") {
    ++reading.files_skipped;
  } else {
    CW_ASSIGN_OR_RETURN(DiscoveredSoftware software, SbomEntry(file, component, path, "component"));
    CW_ASSIGN_OR_RETURN(software.version, StringMember(file, component, path, "version"));
    CW_ASSIGN_OR_RETURN(software.publisher, StringMember(file, component, path, "publisher"));
    if (software.publisher.empty()) {
      CW_ASSIGN_OR_RETURN(software.publisher, EntityName(file, component, path, "supplier"));
    }
    if (software.publisher.empty()) {
      CW_ASSIGN_OR_RETURN(software.publisher, EntityName(file, component, path, "manufacturer"));
    }
    if (software.publisher.empty()) {
      CW_ASSIGN_OR_RETURN(software.publisher, StringMember(file, component, path, "author"));
    }
    if (software.publisher.empty()) {
      CW_ASSIGN_OR_RETURN(software.publisher, AuthorNames(file, component, path));
    }
    CW_ASSIGN_OR_RETURN(const std::string purl, StringMember(file, component, path, "purl"));
    CW_ASSIGN_OR_RETURN(std::string cpe, StringMember(file, component, path, "cpe"));
    CW_ASSIGN_OR_RETURN(const json* swid, ObjectMember(file, component, path, "swid"));
    std::string swid_tag_id;
    if (swid != nullptr) {
      CW_ASSIGN_OR_RETURN(swid_tag_id, StringMember(file, *swid, MemberPath(path, "swid"), "tagId"));
    }
    if (!purl.empty()) {
      software.tag_id = purl;
    } else if (!cpe.empty()) {
      software.tag_id = std::move(cpe);
      cpe.clear();
    } else {
      software.tag_id = std::move(swid_tag_id);
      swid_tag_id.clear();
    }
    AddExtra(software.extra, "type", std::move(type));
    CW_ASSIGN_OR_RETURN(std::string group, StringMember(file, component, path, "group"));
    AddExtra(software.extra, "group", std::move(group));
    CW_ASSIGN_OR_RETURN(std::string bom_ref, StringMember(file, component, path, "bom-ref"));
    AddExtra(software.extra, "bom-ref", std::move(bom_ref));
    AddExtra(software.extra, "cpe", std::move(cpe));
    AddExtra(software.extra, "swid.tagId", std::move(swid_tag_id));
    CW_ASSIGN_OR_RETURN(std::string licenses, Licenses(file, component, path));
    AddExtra(software.extra, "licenses", std::move(licenses));
    CW_ASSIGN_OR_RETURN(const json* hashes, ListMember(file, component, path, "hashes"));
    if (hashes != nullptr && !hashes->empty()) AddExtra(software.extra, "hashes", absl::StrCat(hashes->size()));
    CW_ASSIGN_OR_RETURN(std::string scope, StringMember(file, component, path, "scope"));
    AddExtra(software.extra, "scope", std::move(scope));
    reading.document.software.push_back(std::move(software));
  }
  return ReadComponents(reading, component, path, depth + 1);
}

// The components listed in `holder`'s "components" (at `path`), nested `depth` levels deep.
absl::Status ReadComponents(Reading& reading, const json& holder, const std::string& path, int depth) {
  CW_ASSIGN_OR_RETURN(const json* components, ListMember(reading.file, holder, path, "components"));
  if (components == nullptr || components->empty()) return absl::OkStatus();
  const std::string list = MemberPath(path, "components");
  if (depth > kMaxComponentDepth) {
    return reading.file.Error(list, absl::StrCat("components nested deeper than ", kMaxComponentDepth, " levels"));
  }
  for (size_t i = 0; i < components->size(); ++i) {
    CW_RETURN_IF_ERROR(ReadComponent(reading, (*components)[i], ElementPath(list, i), depth));
  }
  return absl::OkStatus();
}

// One tool as "[vendor or group/]name version" (1.4 tool objects; 1.5 components and services).
absl::StatusOr<std::string> ToolText(const JsonFile& file, const json& tool, const std::string& path) {
  if (!tool.is_object()) return file.Error(path, "expected a tool (an object)");
  CW_ASSIGN_OR_RETURN(const std::string vendor, StringMember(file, tool, path, "vendor"));
  CW_ASSIGN_OR_RETURN(const std::string group, StringMember(file, tool, path, "group"));
  CW_ASSIGN_OR_RETURN(const std::string name, StringMember(file, tool, path, "name"));
  CW_ASSIGN_OR_RETURN(const std::string version, StringMember(file, tool, path, "version"));
  std::vector<std::string> parts;
  if (!vendor.empty()) parts.push_back(vendor);
  parts.push_back(group.empty() ? name : absl::StrCat(group, "/", name));
  if (!version.empty()) parts.push_back(version);
  return absl::StrJoin(parts, " ");
}

// metadata.tools joined by ", ": the 1.4 list of tools, or the 1.5+ object of components and
// services.
absl::StatusOr<std::string> Tools(const JsonFile& file, const json& metadata) {
  const auto found = metadata.find("tools");
  if (found == metadata.end() || found->is_null()) return std::string();
  std::vector<std::string> texts;
  auto add_all = [&](const json& list, const std::string& path) -> absl::Status {
    for (size_t i = 0; i < list.size(); ++i) {
      CW_ASSIGN_OR_RETURN(std::string text, ToolText(file, list[i], ElementPath(path, i)));
      if (!text.empty()) texts.push_back(std::move(text));
    }
    return absl::OkStatus();
  };
  if (found->is_array()) {
    CW_RETURN_IF_ERROR(add_all(*found, "metadata.tools"));
  } else if (found->is_object()) {
    for (const char* member : {"components", "services"}) {
      CW_ASSIGN_OR_RETURN(const json* list, ListMember(file, *found, "metadata.tools", member));
      if (list != nullptr) CW_RETURN_IF_ERROR(add_all(*list, MemberPath("metadata.tools", member)));
    }
  } else {
    return file.Error("metadata.tools", "expected a list of tools or an object of components and services");
  }
  return absl::StrJoin(texts, ", ");
}

// The device: metadata (its subject component, timestamp and tools) and the BOM's own identity.
absl::Status ReadMetadata(Reading& reading, const json& bom) {
  const JsonFile& file = reading.file;
  InventoryDevice& device = reading.document.device;
  for (const char* member : {"specVersion", "serialNumber", "version"}) {
    const auto found = bom.find(member);
    if (found != bom.end()) AddExtra(device.extra, member, JsonDisplayText(*found, {}));
  }
  CW_ASSIGN_OR_RETURN(const json* metadata, ObjectMember(file, bom, "", "metadata"));
  const json* subject = nullptr;
  if (metadata != nullptr) {
    CW_ASSIGN_OR_RETURN(device.last_seen, StringMember(file, *metadata, "metadata", "timestamp"));
    CW_ASSIGN_OR_RETURN(device.tool, Tools(file, *metadata));
    CW_ASSIGN_OR_RETURN(subject, ObjectMember(file, *metadata, "metadata", "component"));
  }
  if (subject == nullptr) {
    reading.document.notes.push_back("no metadata.component: the SBOM does not name its subject");
    return absl::OkStatus();
  }
  const std::string path = "metadata.component";
  CW_ASSIGN_OR_RETURN(device.name, StringMember(file, *subject, path, "name"));
  CW_ASSIGN_OR_RETURN(const std::string version, StringMember(file, *subject, path, "version"));
  CW_ASSIGN_OR_RETURN(device.id, StringMember(file, *subject, path, "bom-ref"));
  if (device.id.empty()) device.id = version.empty() ? device.name : absl::StrCat(device.name, "@", version);
  for (const auto& [member, name] : {std::pair<const char*, const char*>{"type", "metadata.component.type"},
                                     {"version", "metadata.component.version"},
                                     {"purl", "metadata.component.purl"}}) {
    CW_ASSIGN_OR_RETURN(std::string value, StringMember(file, *subject, path, member));
    AddExtra(device.extra, name, std::move(value));
  }
  // What the subject itself is made of is contained in it too.
  return ReadComponents(reading, *subject, path, 1);
}

}  // namespace

absl::StatusOr<InventoryDocument> ParseCycloneDx(absl::string_view json_text, const std::string& file_name) {
  CW_ASSIGN_OR_RETURN(const JsonFile file, ReadJsonFile(json_text, file_name, {"components"}));
  const json& bom = file.value;
  if (!bom.is_object()) return file.Error("", "expected a CycloneDX BOM (a JSON object)");
  CW_ASSIGN_OR_RETURN(const std::string format, StringMember(file, bom, "", "bomFormat"));
  if (format != "CycloneDX") return file.Error("bomFormat", "expected \"CycloneDX\"");
  CW_ASSIGN_OR_RETURN(const std::string spec_version, StringMember(file, bom, "", "specVersion"));
  if (spec_version.empty()) return file.Error("specVersion", "expected the CycloneDX version (\"1.5\")");

  InventoryDocument document;
  document.format = "cyclonedx";
  Reading reading{file, document};
  CW_RETURN_IF_ERROR(ReadMetadata(reading, bom));
  CW_RETURN_IF_ERROR(ReadComponents(reading, bom, "", 1));
  if (reading.files_skipped > 0) {
    document.notes.push_back(absl::StrCat(reading.files_skipped, " file component",
                                          reading.files_skipped == 1 ? "" : "s", " not read"));
  }
  return document;
}

}  // namespace crosswalk::inventory
