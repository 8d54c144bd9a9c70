// ImportOscalMappingCollection (oscal_mapping.h): an OSCAL 1.2 mapping-collection into crosswalk
// rows, every shape checked against what the OSCAL 1.2.1 mapping model allows.

#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "gateway/mapping/oscal_mapping.h"

namespace crosswalk::mapping {
namespace {

using Json = nlohmann::json;

std::optional<Relationship> FromOscalRelationship(const std::string& token) {
  if (token == "equal-to") return Relationship::kEqual;
  if (token == "equivalent-to") return Relationship::kEquivalent;
  if (token == "equal" || token == "equivalent") return std::nullopt;  // crosswalk's, not OSCAL's
  return ParseRelationship(token);
}

const char* TypeOf(const Json& json) {
  switch (json.type()) {
    case Json::value_t::object: return "an object";
    case Json::value_t::array: return "an array";
    case Json::value_t::string: return "a string";
    case Json::value_t::boolean: return "a boolean";
    case Json::value_t::null: return "null";
    default: return "a number";
  }
}

class Importer {
 public:
  Importer(const MappingEngine& engine, const std::string& file) : engine_(engine), file_(file) {}

  OscalImport Run(absl::string_view text) {
    Json document = Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
    if (document.is_discarded()) {
      Problem("", "not valid JSON");
      return std::move(out_);
    }
    const Json* collection = Member(document, "mapping-collection", "", Json::value_t::object);
    if (collection == nullptr) return std::move(out_);
    const std::string base = "/mapping-collection";
    ReadMetadata(*collection, base);
    if (const Json* provenance = Member(*collection, "provenance", base, Json::value_t::object)) {
      CheckProvenance(*provenance, base + "/provenance");
    }
    const Json* mappings = Member(*collection, "mappings", base, Json::value_t::array);
    if (mappings == nullptr) return std::move(out_);
    for (size_t i = 0; i < mappings->size(); ++i) {
      ReadMapping((*mappings)[i], absl::StrCat(base, "/mappings/", i));
    }
    if (out_.rows.empty() && out_.problems.empty()) {
      Problem(base + "/mappings", "no map was read: a mapping-collection needs at least one map");
    }
    return std::move(out_);
  }

 private:
  // A problem in a map costs that map (a row); any other one the document.
  void Problem(const std::string& path, const std::string& what) {
    out_.problems.push_back(absl::StrCat(file_, ": ", path.empty() ? "/" : path, ": ", what));
    if (!in_map_) ++out_.document_problems;
  }

  bool Is(const Json& value, Json::value_t type, const std::string& path) {
    if (value.type() == type ||
        (type == Json::value_t::number_float && value.is_number())) {
      return true;
    }
    const char* expected = type == Json::value_t::object  ? "an object"
                           : type == Json::value_t::array ? "an array"
                           : type == Json::value_t::string ? "a string"
                                                            : "a number";
    Problem(path, absl::StrCat("expected ", expected, ", found ", TypeOf(value)));
    return false;
  }

  // object[name] when present and of `type`, else null after a problem.
  const Json* Member(const Json& object, const char* name, const std::string& path,
                     Json::value_t type) {
    if (!object.is_object() || !object.contains(name)) {
      Problem(path, absl::StrCat("missing required '", name, "'"));
      return nullptr;
    }
    const Json& value = object[name];
    return Is(value, type, absl::StrCat(path, "/", name)) ? &value : nullptr;
  }

  // The string at object[name], or nullopt (and a problem when required or not a string).
  std::optional<std::string> String(const Json& object, const char* name, const std::string& path,
                                    bool required) {
    if (!object.is_object() || !object.contains(name)) {
      if (required) Problem(path, absl::StrCat("missing required '", name, "'"));
      return std::nullopt;
    }
    if (!Is(object[name], Json::value_t::string, absl::StrCat(path, "/", name))) return std::nullopt;
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

  // The document's name for the rows' source: its title and version.
  void ReadMetadata(const Json& collection, const std::string& base) {
    const Json* metadata = Member(collection, "metadata", base, Json::value_t::object);
    title_ = "OSCAL mapping-collection";
    if (metadata == nullptr) return;
    if (auto title = String(*metadata, "title", base + "/metadata", true)) title_ = *title;
    if (auto version = String(*metadata, "version", base + "/metadata", true)) {
      absl::StrAppend(&title_, " (version ", *version, ")");
    }
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
      if (prop.is_object() && prop.contains("name") && prop["name"] == name &&
          prop.contains("ns") && prop["ns"] == std::string(kCrosswalkNamespace) && prop.contains("value") &&
          prop["value"].is_string()) {
        return prop["value"].get<std::string>();
      }
    }
    return std::nullopt;
  }

  // Every `props` in the document is an array of objects (the model's shape), checked once where
  // crosswalk reads props.
  bool PropsShape(const Json& object, const std::string& path) {
    if (!object.contains("props")) return true;
    if (!Is(object["props"], Json::value_t::array, path + "/props")) return false;
    for (size_t i = 0; i < object["props"].size(); ++i) {
      if (!Is(object["props"][i], Json::value_t::object, absl::StrCat(path, "/props/", i))) return false;
    }
    return true;
  }

  const Catalog* Resource(const Json& mapping, const char* name, const std::string& path) {
    const Json* resource = Member(mapping, name, path, Json::value_t::object);
    if (resource == nullptr) return nullptr;
    const std::string at = absl::StrCat(path, "/", name);
    if (!PropsShape(*resource, at)) return nullptr;
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
    if (!Is(mapping, Json::value_t::object, path)) return;
    const Catalog* from = Resource(mapping, "source-resource", path);
    const Catalog* to = Resource(mapping, "target-resource", path);
    const Json* maps = Member(mapping, "maps", path, Json::value_t::array);
    if (!PropsShape(mapping, path)) return;
    // A mapping's own matching-rationale (1.2 lets it override the provenance's) is its maps'.
    std::optional<Rationale> rationale = default_rationale_;
    if (auto own = String(mapping, "matching-rationale", path, false)) {
      if (OneOf(*own, {"syntactic", "semantic", "functional"}, path + "/matching-rationale")) {
        rationale = ParseRationale(*own);
      }
    }
    if (from == nullptr || to == nullptr || maps == nullptr) return;
    ReadNoCounterparts(mapping, *from, *to, path);
    if (maps->empty()) Problem(path + "/maps", "expected at least one map");
    for (size_t i = 0; i < maps->size(); ++i) {
      in_map_ = true;
      if (!ReadMap((*maps)[i], *from, *to, rationale, absl::StrCat(path, "/maps/", i))) ++out_.rows_skipped;
      in_map_ = false;
    }
  }

  // The grouped no-counterpart props that ExportOscalMappingCollection writes.
  void ReadNoCounterparts(const Json& mapping, const Catalog& from, const Catalog& to,
                          const std::string& path) {
    if (!mapping.contains("props")) return;
    std::map<std::string, std::map<std::string, std::string>> groups;
    std::vector<std::string> order;
    for (const Json& prop : mapping["props"]) {
      if (!prop.contains("ns") || prop["ns"] != std::string(kCrosswalkNamespace)) continue;
      const std::string group = prop.contains("group") && prop["group"].is_string() ? prop["group"].get<std::string>() : "";
      if (!absl::StartsWith(group, "no-counterpart-")) continue;
      if (!prop.contains("name") || !prop["name"].is_string() || !prop.contains("value") || !prop["value"].is_string()) {
        Problem(path + "/props", absl::StrCat("a prop of group ", group, " needs a string name and value"));
        continue;
      }
      if (!groups.count(group)) order.push_back(group);
      groups[group][prop["name"].get<std::string>()] = prop["value"].get<std::string>();
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
    const Json* items = Member(map, name, path, Json::value_t::array);
    if (items == nullptr || items->empty()) {
      if (items != nullptr) Problem(absl::StrCat(path, "/", name), "expected a non-empty array");
      ok = false;
      return refs;
    }
    for (size_t i = 0; i < items->size(); ++i) {
      const std::string at = absl::StrCat(path, "/", name, "/", i);
      if (!Is((*items)[i], Json::value_t::object, at)) {
        ok = false;
        continue;
      }
      auto type = String((*items)[i], "type", at, true);
      if (type) OneOf(*type, {"control", "statement"}, at + "/type");
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

  // A number from 0 to 1 at object[name] (OSCAL's percentage and coverage), or nullopt.
  std::optional<double> Fraction(const Json& object, const char* name, const std::string& path, bool& ok) {
    if (!object.contains(name)) return std::nullopt;
    const std::string at = absl::StrCat(path, "/", name);
    if (!Is(object[name], Json::value_t::number_float, at)) {
      ok = false;
      return std::nullopt;
    }
    const double value = object[name].get<double>();
    if (value < 0 || value > 1) {
      Problem(at, "expected a number from 0 to 1");
      ok = false;
      return std::nullopt;
    }
    return value;
  }

  // confidence-score: a category (high, medium, low; `unspecified` and any other category the
  // model allows become low, said in the note) or a percentage.
  void ReadConfidence(const Json& map, const std::string& path, CrosswalkRow& row,
                      std::vector<std::string>& notes, bool& ok) {
    if (!map.contains("confidence-score")) return;
    const std::string at = path + "/confidence-score";
    const Json& score = map["confidence-score"];
    if (!Is(score, Json::value_t::object, at)) {
      ok = false;
      return;
    }
    if (score.contains("category") == score.contains("percentage")) {
      Problem(at, "expected exactly one of 'category' and 'percentage'");
      ok = false;
      return;
    }
    if (auto category = String(score, "category", at, false)) {
      if (auto confidence = ParseConfidence(*category)) {
        row.confidence = *confidence;
      } else {
        row.confidence = Confidence::kLow;
        notes.push_back(absl::StrCat("OSCAL confidence ", *category));
      }
    } else if (score.contains("category")) {
      ok = false;
    }
    if (auto p = Fraction(score, "percentage", at, ok)) {
      row.confidence = *p >= 0.8 ? Confidence::kHigh : *p >= 0.5 ? Confidence::kMedium : Confidence::kLow;
      notes.push_back(absl::StrCat("OSCAL confidence ", *p));
    }
  }

  // One map into out_.rows (one row per source-target pair); false after its problems.
  bool ReadMap(const Json& map, const Catalog& from, const Catalog& to,
               const std::optional<Rationale>& rationale, const std::string& path) {
    if (!Is(map, Json::value_t::object, path) || !PropsShape(map, path)) return false;
    bool ok = true;
    CrosswalkRow row;
    row.from = from.id;
    row.to = to.id;
    row.rationale = rationale;
    // A third-party document: derived by its authors, named by its metadata. crosswalk's own
    // export says otherwise in its props.
    row.basis = Basis::kDerived;
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
    if (auto own = String(map, "matching-rationale", path, false)) {
      if (OneOf(*own, {"syntactic", "semantic", "functional"}, path + "/matching-rationale")) {
        row.rationale = ParseRationale(*own);
      } else {
        ok = false;
      }
    } else if (map.contains("matching-rationale")) {
      ok = false;
    }
    std::vector<std::string> notes;
    ReadConfidence(map, path, row, notes, ok);
    if (map.contains("coverage")) {
      // 1.2.1: a number; drafts: an object with target-coverage.
      const Json& coverage = map["coverage"];
      const Json* holder = &map;
      const char* key = "coverage";
      std::string at = path;
      if (coverage.is_object()) {
        holder = &coverage;
        key = "target-coverage";
        at = path + "/coverage";
      }
      if (auto value = Fraction(*holder, key, at, ok)) notes.push_back(absl::StrCat("OSCAL target coverage ", *value));
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
    if (auto remarks = String(map, "remarks", path, false)) {
      notes.insert(notes.begin(), *remarks);
    } else if (map.contains("remarks")) {
      ok = false;
    }
    const std::vector<std::string> sources = Refs(map, "sources", from, path, ok);
    const std::vector<std::string> targets = Refs(map, "targets", to, path, ok);
    if (!ok) return false;
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
    return true;
  }

  const MappingEngine& engine_;
  const std::string file_;
  std::string title_;
  std::optional<Rationale> default_rationale_;
  bool in_map_ = false;  // problems now are a map's (a row's), not the document's
  OscalImport out_;
};

}  // namespace

OscalImport ImportOscalMappingCollection(const MappingEngine& engine, absl::string_view json_text,
                                         const std::string& file_name) {
  try {
    return Importer(engine, file_name).Run(json_text);
  } catch (const nlohmann::json::exception& e) {
    // The boundary: every read is type-checked first, so this is a defect of the importer; the
    // input still gets a problem, never an abort.
    OscalImport failed;
    failed.problems.push_back(absl::StrCat(file_name, ": unexpected JSON shape: ", e.what()));
    failed.document_problems = 1;
    return failed;
  }
}

}  // namespace crosswalk::mapping
