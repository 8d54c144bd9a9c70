#include "gateway/mapping/oscal_mapping.h"

#include <cstdint>
#include <cstdio>
#include <functional>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "gateway/mapping/mapping_csv.h"

namespace crosswalk::mapping {
namespace {

using Json = nlohmann::json;

constexpr char kCatalogHrefPrefix[] = "urn:crosswalk:catalog:";

// A UUID with the version-4 layout, derived from `key` so that exporting the same data twice
// gives the same document.
std::string DerivedUuid(const std::string& key) {
  uint64_t a = 1469598103934665603ull, b = 1099511628211ull ^ key.size();
  for (unsigned char c : key) {
    a = (a ^ c) * 1099511628211ull;
    b = (b + c) * 6364136223846793005ull + 1442695040888963407ull;
  }
  char out[37];
  std::snprintf(out, sizeof(out), "%08x-%04x-4%03x-%04x-%012llx",
                static_cast<unsigned>(a >> 32), static_cast<unsigned>((a >> 16) & 0xffff),
                static_cast<unsigned>(a & 0xfff),
                static_cast<unsigned>(0x8000 | ((b >> 48) & 0x3fff)),
                static_cast<unsigned long long>(b & 0xffffffffffffull));
  return out;
}

std::string OscalRelationship(Relationship relationship) {
  switch (relationship) {
    case Relationship::kEqual: return "equal-to";
    case Relationship::kEquivalent: return "equivalent-to";
    default: return std::string(Name(relationship));
  }
}

std::optional<Relationship> FromOscalRelationship(const std::string& token) {
  if (token == "equal-to") return Relationship::kEqual;
  if (token == "equivalent-to") return Relationship::kEquivalent;
  if (token == "equal" || token == "equivalent") return std::nullopt;  // crosswalk's, not OSCAL's
  return ParseRelationship(token);
}

Json Prop(const std::string& name, const std::string& value) {
  return Json{{"name", name}, {"ns", std::string(kCrosswalkNamespace)}, {"value", value}};
}

}  // namespace

absl::StatusOr<std::string> ExportOscalMappingCollection(const MappingEngine& engine,
                                                         const std::string& from,
                                                         const std::string& to,
                                                         const std::string& timestamp) {
  MapQuery query;
  query.from = from;
  query.to = to;
  auto answer = engine.Map(query);
  if (!answer.ok()) return answer.status();
  const Catalog& source = **engine.ResolveCatalog(from);
  const Catalog& target = **engine.ResolveCatalog(to);

  Json maps = Json::array();
  Json props = Json::array();
  std::set<std::string> sources;
  for (const MapResult& result : answer->results) {
    const CrosswalkRow& row = *result.rows.front();
    sources.insert(row.source);
    if (result.to_ref.empty() || result.from_ref.empty()) {
      // One group of props per statement: what lacks a counterpart, and the row's provenance.
      const std::string group = absl::StrCat("no-counterpart-", props.size() + 1);
      auto grouped = [&](const std::string& name, const std::string& value) {
        Json prop = Prop(name, value);
        prop["group"] = group;
        props.push_back(prop);
      };
      grouped(result.to_ref.empty() ? "no-counterpart" : "no-counterpart-in-source",
              result.to_ref.empty() ? result.from_ref : result.to_ref);
      grouped("basis", std::string(Name(row.basis)));
      grouped("confidence", std::string(Name(row.confidence)));
      grouped("source", row.source);
      if (row.rationale) grouped("matching-rationale", std::string(Name(*row.rationale)));
      if (row.source_line) grouped("source-line", std::to_string(row.source_line));
      if (!row.note.empty()) grouped("note", row.note);
      continue;
    }
    const Relationship relationship =
        result.inverted ? Inverse(row.relationship) : row.relationship;
    Json map = {
        {"uuid", DerivedUuid(absl::StrCat(source.id, result.from_ref, target.id, result.to_ref,
                                          row.source))},
        {"relationship", OscalRelationship(relationship)},
        {"sources", Json::array({{{"type", "control"}, {"id-ref", result.from_ref}}})},
        {"targets", Json::array({{{"type", "control"}, {"id-ref", result.to_ref}}})},
        {"confidence-score", {{"category", std::string(Name(row.confidence))}}},
    };
    if (row.rationale) map["matching-rationale"] = std::string(Name(*row.rationale));
    Json map_props = Json::array({Prop("basis", std::string(Name(row.basis))),
                                  Prop("source", row.source)});
    if (row.source_line) map_props.push_back(Prop("source-line", std::to_string(row.source_line)));
    if (row.strength) map_props.push_back(Prop("strength", std::to_string(*row.strength)));
    map["props"] = map_props;
    if (!row.note.empty()) map["remarks"] = row.note;
    maps.push_back(map);
  }
  if (maps.empty()) {
    return absl::FailedPreconditionError(absl::StrCat(
        "no rows are stated between ", source.id, " and ", target.id, ": nothing to export"));
  }
  auto resource = [](const Catalog& catalog) {
    return Json{{"type", "catalog"},
                {"href", absl::StrCat(kCatalogHrefPrefix, catalog.id)},
                {"props", Json::array({Prop("catalog", catalog.id)})},
                {"remarks", catalog.title}};
  };
  Json mapping = {
      {"uuid", DerivedUuid(absl::StrCat(source.id, ">", target.id))},
      {"source-resource", resource(source)},
      {"target-resource", resource(target)},
      {"maps", maps},
      {"mapping-description",
       absl::StrCat("Rows stated between ", source.id, " and ", target.id, " in crosswalk's data (",
                    absl::StrJoin(sources, "; "), ").")},
  };
  if (!props.empty()) mapping["props"] = props;
  Json document = {
      {"mapping-collection",
       {{"uuid", DerivedUuid(absl::StrCat("collection:", source.id, ">", target.id))},
        {"metadata",
         {{"title", absl::StrCat("crosswalk: ", source.id, " to ", target.id)},
          {"last-modified", timestamp},
          {"version", "1"},
          {"oscal-version", "1.2.2"}}},
        {"provenance",
         {{"method", "human"},
          {"matching-rationale", "semantic"},
          {"status", "complete"},
          {"mapping-description",
           "Exported by crosswalk. Each map carries its own basis (seed, published or derived), "
           "source and confidence; a related ISMS control is not proof a requirement is met."}}},
        {"mappings", Json::array({mapping})}}}};
  return document.dump(2) + "\n";
}

namespace {

class Importer {
 public:
  Importer(const MappingEngine& engine, const std::string& file) : engine_(engine), file_(file) {}

  OscalImport Run(absl::string_view text) {
    Json document = Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
    if (document.is_discarded()) {
      Problem("", "not valid JSON");
      return std::move(out_);
    }
    const Json* collection = Member(document, "mapping-collection", "");
    if (collection == nullptr) return std::move(out_);
    const std::string base = "/mapping-collection";
    title_ = "OSCAL mapping-collection";
    if (const Json* metadata = Member(*collection, "metadata", base)) {
      if (metadata->contains("title") && (*metadata)["title"].is_string()) {
        title_ = (*metadata)["title"].get<std::string>();
      }
    }
    if (const Json* provenance = Member(*collection, "provenance", base)) CheckProvenance(*provenance, base + "/provenance");
    const Json* mappings = Member(*collection, "mappings", base);
    if (mappings == nullptr) return std::move(out_);
    if (!mappings->is_array()) {
      Problem(base + "/mappings", "expected an array of mappings");
      return std::move(out_);
    }
    for (size_t i = 0; i < mappings->size(); ++i) {
      ReadMapping((*mappings)[i], absl::StrCat(base, "/mappings/", i));
    }
    return std::move(out_);
  }

 private:
  void Problem(const std::string& path, const std::string& what) {
    out_.problems.push_back(absl::StrCat(file_, ": ", path.empty() ? "/" : path, ": ", what));
  }

  const Json* Member(const Json& object, const char* name, const std::string& path) {
    if (!object.is_object() || !object.contains(name)) {
      Problem(path, absl::StrCat("missing required '", name, "'"));
      return nullptr;
    }
    return &object[name];
  }

  // The string at object[name], or nullopt (and a problem when required).
  std::optional<std::string> String(const Json& object, const char* name, const std::string& path,
                                    bool required) {
    if (!object.is_object() || !object.contains(name)) {
      if (required) Problem(path, absl::StrCat("missing required '", name, "'"));
      return std::nullopt;
    }
    if (!object[name].is_string()) {
      Problem(absl::StrCat(path, "/", name), "expected a string");
      return std::nullopt;
    }
    return object[name].get<std::string>();
  }

  bool OneOf(const std::string& value, std::initializer_list<const char*> allowed,
             const std::string& path) {
    for (const char* a : allowed) {
      if (value == a) return true;
    }
    std::vector<std::string> names(allowed.begin(), allowed.end());
    Problem(path, absl::StrCat("'", value, "' is not one of: ", absl::StrJoin(names, ", ")));
    return false;
  }

  void CheckProvenance(const Json& provenance, const std::string& path) {
    if (auto method = String(provenance, "method", path, true)) {
      OneOf(*method, {"human", "automation", "hybrid"}, path + "/method");
    }
    if (auto rationale = String(provenance, "matching-rationale", path, true)) {
      if (OneOf(*rationale, {"syntactic", "semantic", "functional"}, path + "/matching-rationale")) {
        default_rationale_ = ParseRationale(*rationale);
      }
    }
    if (auto status = String(provenance, "status", path, true)) {
      OneOf(*status, {"complete", "not-complete", "draft", "deprecated", "superseded"},
            path + "/status");
    }
    String(provenance, "mapping-description", path, true);
  }

  // The crosswalk prop `name` of an object with props, or nullopt.
  static std::optional<std::string> CrosswalkProp(const Json& object, const std::string& name) {
    if (!object.is_object() || !object.contains("props") || !object["props"].is_array()) {
      return std::nullopt;
    }
    for (const Json& prop : object["props"]) {
      if (prop.is_object() && prop.value("name", "") == name &&
          prop.value("ns", "") == kCrosswalkNamespace && prop.contains("value") &&
          prop["value"].is_string()) {
        return prop["value"].get<std::string>();
      }
    }
    return std::nullopt;
  }

  const Catalog* Resource(const Json& mapping, const char* name, const std::string& path) {
    const Json* resource = Member(mapping, name, path);
    if (resource == nullptr) return nullptr;
    const std::string at = absl::StrCat(path, "/", name);
    std::string id;
    if (auto prop = CrosswalkProp(*resource, "catalog")) {
      id = *prop;
    } else if (auto href = String(*resource, "href", at, true)) {
      absl::string_view view = *href;
      if (!absl::ConsumePrefix(&view, kCatalogHrefPrefix)) {
        Problem(at + "/href", absl::StrCat("'", *href, "' names no crosswalk catalog (expected ",
                                           kCatalogHrefPrefix, "<id> or a catalog prop)"));
        return nullptr;
      }
      id = std::string(view);
    } else {
      return nullptr;
    }
    auto catalog = engine_.ResolveCatalog(id);
    if (!catalog.ok()) {
      Problem(at, std::string(catalog.status().message()));
      return nullptr;
    }
    return *catalog;
  }

  void ReadMapping(const Json& mapping, const std::string& path) {
    const Catalog* from = Resource(mapping, "source-resource", path);
    const Catalog* to = Resource(mapping, "target-resource", path);
    if (from == nullptr || to == nullptr) return;
    ReadNoCounterparts(mapping, *from, *to, path);
    const Json* maps = Member(mapping, "maps", path);
    if (maps == nullptr || !maps->is_array()) return;
    for (size_t i = 0; i < maps->size(); ++i) {
      ReadMap((*maps)[i], *from, *to, absl::StrCat(path, "/maps/", i));
    }
  }

  // The grouped no-counterpart props that ExportOscalMappingCollection writes.
  void ReadNoCounterparts(const Json& mapping, const Catalog& from, const Catalog& to,
                          const std::string& path) {
    if (!mapping.contains("props") || !mapping["props"].is_array()) return;
    std::map<std::string, std::map<std::string, std::string>> groups;
    std::vector<std::string> order;
    for (const Json& prop : mapping["props"]) {
      if (!prop.is_object() || prop.value("ns", "") != kCrosswalkNamespace) continue;
      const std::string group = prop.value("group", "");
      if (!absl::StartsWith(group, "no-counterpart-")) continue;
      if (!groups.count(group)) order.push_back(group);
      groups[group][prop.value("name", "")] = prop.value("value", "");
    }
    for (const std::string& group : order) {
      auto& fields = groups[group];
      const std::string at = absl::StrCat(path, "/props[group=", group, "]");
      const bool source_side = fields.count("no-counterpart") > 0;
      const Catalog& side = source_side ? from : to;
      const std::string ref = source_side ? fields["no-counterpart"] : fields["no-counterpart-in-source"];
      auto item = engine_.ResolveRef(side, ref);
      if (!item.ok()) {
        Problem(at, std::string(item.status().message()));
        continue;
      }
      CrosswalkRow row;
      row.from = side.id;
      row.to = source_side ? to.id : from.id;
      row.from_ref = (*item)->ref;
      row.relationship = Relationship::kNoRelationship;
      auto basis = ParseBasis(fields["basis"]);
      auto confidence = ParseConfidence(fields["confidence"]);
      if (!basis || !confidence || fields["source"].empty()) {
        Problem(at, "a no-counterpart statement needs basis, confidence and source");
        continue;
      }
      row.basis = *basis;
      row.confidence = *confidence;
      row.source = fields["source"];
      if (fields.count("matching-rationale")) row.rationale = ParseRationale(fields["matching-rationale"]);
      if (fields.count("source-line") && !absl::SimpleAtoi(fields["source-line"], &row.source_line)) {
        Problem(at, absl::StrCat("source-line '", fields["source-line"], "' is not a line number"));
        continue;
      }
      row.note = fields["note"];
      out_.rows.push_back(std::move(row));
    }
  }

  std::vector<std::string> Refs(const Json& map, const char* name, const Catalog& catalog,
                                const std::string& path, bool& ok) {
    std::vector<std::string> refs;
    const Json* items = Member(map, name, path);
    if (items == nullptr || !items->is_array() || items->empty()) {
      if (items != nullptr) Problem(absl::StrCat(path, "/", name), "expected a non-empty array");
      ok = false;
      return refs;
    }
    for (size_t i = 0; i < items->size(); ++i) {
      const std::string at = absl::StrCat(path, "/", name, "/", i);
      auto ref = String((*items)[i], "id-ref", at, true);
      if (!ref) {
        ok = false;
        continue;
      }
      auto item = engine_.ResolveRef(catalog, *ref);
      if (!item.ok()) {
        Problem(at + "/id-ref", std::string(item.status().message()));
        ok = false;
        continue;
      }
      refs.push_back((*item)->ref);
    }
    return refs;
  }

  void ReadMap(const Json& map, const Catalog& from, const Catalog& to, const std::string& path) {
    bool ok = true;
    CrosswalkRow row;
    row.from = from.id;
    row.to = to.id;
    row.rationale = default_rationale_;
    row.basis = Basis::kPublished;
    row.confidence = Confidence::kMedium;
    row.source = absl::StrCat("OSCAL ", title_);
    if (auto relationship = String(map, "relationship", path, true)) {
      auto parsed = FromOscalRelationship(*relationship);
      if (!parsed) {
        Problem(path + "/relationship",
                absl::StrCat("'", *relationship, "' is not one of: equal-to, equivalent-to, "
                                                 "subset-of, superset-of, intersects-with, "
                                                 "no-relationship"));
        ok = false;
      } else {
        row.relationship = *parsed;
      }
    } else {
      ok = false;
    }
    if (auto rationale = String(map, "matching-rationale", path, false)) {
      if (OneOf(*rationale, {"syntactic", "semantic", "functional"}, path + "/matching-rationale")) {
        row.rationale = ParseRationale(*rationale);
      } else {
        ok = false;
      }
    }
    std::vector<std::string> notes;
    if (map.contains("confidence-score")) {
      const Json& score = map["confidence-score"];
      if (score.contains("category") && score["category"].is_string()) {
        auto confidence = ParseConfidence(score["category"].get<std::string>());
        if (!confidence) {
          Problem(path + "/confidence-score/category",
                  absl::StrCat("'", score["category"].get<std::string>(),
                               "' is not one of: high, medium, low"));
          ok = false;
        } else {
          row.confidence = *confidence;
        }
      } else if (score.contains("percentage") && score["percentage"].is_number()) {
        const double p = score["percentage"].get<double>();
        if (p < 0 || p > 1) {
          Problem(path + "/confidence-score/percentage", "expected a number from 0 to 1");
          ok = false;
        }
        row.confidence = p >= 0.8 ? Confidence::kHigh : p >= 0.5 ? Confidence::kMedium : Confidence::kLow;
        notes.push_back(absl::StrCat("OSCAL confidence ", p));
      }
    }
    if (map.contains("coverage") && map["coverage"].is_object() &&
        map["coverage"].contains("target-coverage") && map["coverage"]["target-coverage"].is_number()) {
      notes.push_back(absl::StrCat("OSCAL target coverage ",
                                   map["coverage"]["target-coverage"].get<double>()));
    }
    if (auto basis = CrosswalkProp(map, "basis")) {
      if (auto parsed = ParseBasis(*basis)) {
        row.basis = *parsed;
      } else {
        Problem(path + "/props", absl::StrCat("basis '", *basis, "' is not one of: seed, published, derived"));
        ok = false;
      }
    }
    if (auto source = CrosswalkProp(map, "source")) row.source = *source;
    if (auto line = CrosswalkProp(map, "source-line")) {
      if (!absl::SimpleAtoi(*line, &row.source_line) || row.source_line < 1) {
        Problem(path + "/props", absl::StrCat("source-line '", *line, "' is not a line number"));
        ok = false;
      }
    }
    if (auto strength = CrosswalkProp(map, "strength")) {
      int value = -1;
      if (!absl::SimpleAtoi(*strength, &value) || value < 0 || value > 10) {
        Problem(path + "/props", absl::StrCat("strength '", *strength, "' is not a whole number from 0 to 10"));
        ok = false;
      } else {
        row.strength = value;
      }
    }
    if (map.contains("remarks") && map["remarks"].is_string()) {
      notes.insert(notes.begin(), map["remarks"].get<std::string>());
    }
    const std::vector<std::string> sources = Refs(map, "sources", from, path, ok);
    const std::vector<std::string> targets = Refs(map, "targets", to, path, ok);
    if (!ok) return;
    if (sources.size() > 1 || targets.size() > 1) {
      notes.push_back(absl::StrCat("part of an OSCAL map of ", sources.size(), " sources and ",
                                   targets.size(), " targets"));
    }
    row.note = absl::StrJoin(notes, " / ");
    for (const std::string& s : sources) {
      for (const std::string& t : targets) {
        CrosswalkRow pair = row;
        pair.from_ref = s;
        pair.to_ref = t;
        out_.rows.push_back(std::move(pair));
      }
    }
  }

  const MappingEngine& engine_;
  const std::string file_;
  std::string title_;
  std::optional<Rationale> default_rationale_;
  OscalImport out_;
};

}  // namespace

OscalImport ImportOscalMappingCollection(const MappingEngine& engine, absl::string_view json_text,
                                         const std::string& file_name) {
  return Importer(engine, file_name).Run(json_text);
}

}  // namespace crosswalk::mapping
