#include "gateway/mapping/oscal_mapping.h"

#include <cstdint>
#include <cstdio>
#include <functional>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gateway/core/organisation_text.h"
#include "gateway/core/time_text.h"
#include "gateway/mapping/mapping_csv.h"

namespace crosswalk::mapping {
namespace {

using Json = nlohmann::json;

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

Json Prop(const std::string& name, const std::string& value) {
  return Json{{"name", name}, {"ns", std::string(kCrosswalkNamespace)}, {"value", value}};
}

// A mapping-collection document (version 1, OSCAL 1.2.2, provenance method human, rationale
// semantic, status complete) as indented JSON text.
std::string CollectionText(const std::string& uuid, const std::string& title, const std::string& timestamp,
                           const std::string& description, Json mappings) {
  Json document = {
      {"mapping-collection",
       {{"uuid", uuid},
        {"metadata", {{"title", title}, {"last-modified", timestamp}, {"version", "1"}, {"oscal-version", "1.2.2"}}},
        {"provenance",
         {{"method", "human"},
          {"matching-rationale", "semantic"},
          {"status", "complete"},
          {"mapping-description", description}}},
        {"mappings", std::move(mappings)}}}};
  return document.dump(2) + "\n";
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
  return CollectionText(DerivedUuid(absl::StrCat("collection:", source.id, ">", target.id)),
                        absl::StrCat("crosswalk: ", source.id, " to ", target.id), timestamp,
                        "Exported by crosswalk. Each map carries its own basis (seed, published or derived), "
                        "source and confidence; a related ISMS control is not proof a requirement is met.",
                        Json::array({mapping}));
}

absl::StatusOr<std::string> ExportOscalDecisions(const std::vector<MappingDecision>& decisions,
                                                 const std::string& timestamp) {
  if (decisions.empty()) return absl::FailedPreconditionError("no decisions are kept: nothing to export");
  auto resource = [](const std::string& catalog) {
    return Json{{"type", "catalog"},
                {"href", absl::StrCat(kCatalogHrefPrefix, catalog)},
                {"props", Json::array({Prop("catalog", catalog)})}};
  };
  std::vector<std::pair<std::string, std::string>> pairs;  // (from, to) in order of first decision
  std::map<std::pair<std::string, std::string>, Json> mappings;
  std::string key;
  for (const MappingDecision& d : decisions) {
    const auto pair = std::make_pair(d.from, d.to);
    key += absl::StrCat(d.id, ":", d.decided_at, ";");
    auto [it, inserted] = mappings.try_emplace(pair);
    Json& mapping = it->second;
    if (inserted) {
      pairs.push_back(pair);
      mapping = {{"uuid", DerivedUuid(absl::StrCat("decisions:", d.from, ">", d.to))},
                 {"source-resource", resource(d.from)},
                 {"target-resource", resource(d.to)},
                 {"maps", Json::array()},
                 {"mapping-description", absl::StrCat("The organisation's decisions on mappings from ", d.from, " to ", d.to, ".")}};
    }
    // A rejected candidate states that the candidate does not hold: a map "no-relationship", so
    // that a reader who ignores crosswalk's props does not take it for a mapping.
    const bool rejected = d.verdict == MappingDecision::Verdict::kReject;
    std::optional<Relationship> relationship = ParseRelationship(d.relationship);
    if (!rejected && !relationship) {
      return absl::InvalidArgumentError(absl::StrCat("decision ", d.id, ": relationship '", d.relationship, "' is not in the vocabulary"));
    }
    Json props = Json::array({Prop("basis", "organisation"), Prop("decision", VerdictName(d.verdict)),
                              Prop("decision-id", std::to_string(d.id)), Prop("by", d.by),
                              Prop("decided-at", FormatTimestamp(d.decided_at))});
    if (rejected && relationship) props.push_back(Prop("rejected-relationship", d.relationship));
    mapping["maps"].push_back(Json{
        {"uuid", DerivedUuid(absl::StrCat("decision:", d.id))},
        {"relationship", rejected ? std::string("no-relationship") : OscalRelationship(*relationship)},
        {"sources", Json::array({{{"type", "control"}, {"id-ref", d.from_ref}}})},
        {"targets", Json::array({{{"type", "control"}, {"id-ref", d.to_ref}}})},
        {"confidence-score", {{"category", "high"}}},
        {"props", props},
        {"remarks", d.reason}});
  }
  Json list = Json::array();
  for (const auto& pair : pairs) list.push_back(std::move(mappings[pair]));
  return CollectionText(DerivedUuid(absl::StrCat("decisions:", key)), "crosswalk: the organisation's mapping decisions",
                        timestamp,
                        "Decisions recorded by the organisation in crosswalk: candidates confirmed or rejected and "
                        "rows of its own, each with who decided, when and why.",
                        list);
}

}  // namespace crosswalk::mapping
