// ReadOscalDecisions (oscal_mapping.h): the maps of an OSCAL mapping-collection as mapping
// decisions, as ExportOscalDecisions writes them or as any other tool writes a collection.

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gateway/core/organisation_text.h"
#include "gateway/mapping/oscal_mapping.h"

namespace crosswalk::mapping {
namespace {

using Json = nlohmann::json;

// A string member of `object`, or nullopt.
std::optional<std::string> Text(const Json& object, const char* name) {
  if (!object.is_object()) return std::nullopt;
  auto it = object.find(name);
  if (it == object.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

// The value of crosswalk's prop `name` (namespace kCrosswalkNamespace) on `object`.
std::optional<std::string> CrosswalkProp(const Json& object, const std::string& name) {
  if (!object.is_object()) return std::nullopt;
  auto props = object.find("props");
  if (props == object.end() || !props->is_array()) return std::nullopt;
  for (const Json& prop : *props) {
    if (Text(prop, "name") == name && Text(prop, "ns") == std::string(kCrosswalkNamespace)) return Text(prop, "value");
  }
  return std::nullopt;
}

// The catalog a resource names: href urn:crosswalk:catalog:ID, else a crosswalk `catalog` prop.
// Never empty.
std::optional<std::string> CatalogOf(const Json& resource) {
  std::optional<std::string> id;
  if (auto href = Text(resource, "href"); href && absl::StartsWith(*href, kCatalogHrefPrefix)) {
    id = href->substr(kCatalogHrefPrefix.size());
  } else {
    id = CrosswalkProp(resource, "catalog");
  }
  if (id && id->empty()) return std::nullopt;
  return id;
}

// The one id-ref of a map's sources or targets; never empty.
std::optional<std::string> OnlyRef(const Json& map, const char* member) {
  auto list = map.find(member);
  if (list == map.end() || !list->is_array() || list->size() != 1) return std::nullopt;
  std::optional<std::string> ref = Text((*list)[0], "id-ref");
  if (ref && ref->empty()) return std::nullopt;
  return ref;
}

}  // namespace

OscalDecisions ReadOscalDecisions(absl::string_view text, const std::string& file) {
  OscalDecisions out;
  auto problem = [&](const std::string& pointer, const std::string& what) {
    out.problems.push_back(absl::StrCat(file, ": ", pointer.empty() ? "/" : pointer, ": ", what));
  };
  const Json document = Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) {
    problem("", "not valid JSON");
    return out;
  }
  const Json* mappings = nullptr;
  if (document.is_object() && document.contains("mapping-collection") && document["mapping-collection"].is_object()) {
    auto it = document["mapping-collection"].find("mappings");
    if (it != document["mapping-collection"].end() && it->is_array()) mappings = &*it;
  }
  if (mappings == nullptr) {
    problem("/mapping-collection/mappings", "expected an array of mappings");
    return out;
  }
  for (size_t i = 0; i < mappings->size(); ++i) {
    const Json& mapping = (*mappings)[i];
    const std::string base = absl::StrCat("/mapping-collection/mappings/", i);
    const std::optional<std::string> from = mapping.is_object() && mapping.contains("source-resource")
                                                ? CatalogOf(mapping["source-resource"]) : std::nullopt;
    const std::optional<std::string> to = mapping.is_object() && mapping.contains("target-resource")
                                              ? CatalogOf(mapping["target-resource"]) : std::nullopt;
    if (!from || !to) {
      problem(base, "source-resource and target-resource must name catalogs (href urn:crosswalk:catalog:ID or a catalog prop)");
      continue;
    }
    auto maps = mapping.find("maps");
    if (maps == mapping.end() || !maps->is_array()) {
      problem(base + "/maps", "expected an array");
      continue;
    }
    for (size_t j = 0; j < maps->size(); ++j) {
      const Json& map = (*maps)[j];
      const std::string pointer = absl::StrCat(base, "/maps/", j);
      MappingDecision d;
      d.from = *from;
      d.to = *to;
      const std::optional<std::string> from_ref = map.is_object() ? OnlyRef(map, "sources") : std::nullopt;
      const std::optional<std::string> to_ref = map.is_object() ? OnlyRef(map, "targets") : std::nullopt;
      const std::optional<std::string> relationship = Text(map, "relationship");
      if (!from_ref || !to_ref || !relationship) {
        problem(pointer, "a map needs one source and one target with a non-empty id-ref, and a relationship");
        continue;
      }
      d.from_ref = *from_ref;
      d.to_ref = *to_ref;
      // Without crosswalk's decision prop, a map is a row the organisation adds.
      const std::string verdict = CrosswalkProp(map, "decision").value_or("add");
      absl::StatusOr<MappingDecision::Verdict> parsed = ParseVerdict(verdict);
      if (!parsed.ok()) {
        problem(pointer, std::string(parsed.status().message()));
        continue;
      }
      d.verdict = *parsed;
      if (d.verdict == MappingDecision::Verdict::kReject) {
        d.relationship = CrosswalkProp(map, "rejected-relationship").value_or("");
      } else if (*relationship == "equal-to") {
        d.relationship = "equal";
      } else if (*relationship == "equivalent-to") {
        d.relationship = "equivalent";
      } else {
        d.relationship = *relationship;  // the server checks it against the vocabulary
      }
      d.by = CrosswalkProp(map, "by").value_or("");
      d.reason = Text(map, "remarks").value_or("");
      out.decisions.push_back(std::move(d));
    }
  }
  return out;
}

}  // namespace crosswalk::mapping
