#include "gateway/mapping/ciso_assistant_import.h"

#include <map>
#include <optional>

#include <yaml-cpp/yaml.h>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gateway/core/text_distance.h"

namespace crosswalk::mapping {
namespace {

struct FrameworkNode {
  std::string ref;  // ref_id as given
  std::string parent_urn;
  bool assessable = false;
  int depth = 0;
  std::string name;
};

struct Framework {
  std::string urn;
  std::string name;
  std::vector<std::pair<std::string, FrameworkNode>> nodes;  // urn → node, in file order
  std::map<std::string, size_t> index;                        // lower-cased urn → position
};

// The crosswalk catalog id a CISO Assistant framework URN names, e.g. "iso27001-2022" →
// "iso27001:2022", "itil4" → "itil:4".
std::string CatalogIdFor(const std::string& framework_urn) {
  std::string id = absl::AsciiStrToLower(framework_urn.substr(framework_urn.rfind(':') + 1));
  if (id == "itil4") return "itil:4";
  const size_t dash = id.rfind('-');
  if (dash != std::string::npos) id[dash] = ':';
  return id;
}

// Nodes that share the first word of `id` ("change-enablement" → "change-control"), else the
// nearest by edit distance.
std::vector<std::string> Suggest(const std::string& id, const std::vector<std::string>& ids) {
  const std::string word = id.substr(0, id.find('-') + 1);
  std::vector<std::string> same_word;
  for (const std::string& candidate : ids) {
    if (word.size() > 1 && absl::StartsWith(candidate, word)) same_word.push_back(candidate);
  }
  return same_word.empty() ? Nearest(id, ids, 1) : same_word;
}

class Importer {
 public:
  explicit Importer(const MappingEngine& engine) : engine_(engine) {}

  CisoAssistantImport Run(const std::vector<CisoAssistantFile>& files) {
    std::vector<std::pair<const CisoAssistantFile*, YAML::Node>> documents;
    for (const CisoAssistantFile& file : files) {
      try {
        documents.emplace_back(&file, YAML::Load(file.text));
      } catch (const YAML::Exception& e) {
        Problem(file.name, e.mark, std::string("not valid YAML: ") + e.msg);
      }
    }
    for (const auto& [file, root] : documents) ReadFrameworks(*file, root);
    size_t mapping_sets = 0;
    for (const auto& [file, root] : documents) mapping_sets += ReadMappingSets(*file, root);
    if (mapping_sets == 0 && frameworks_.size() == 1) EmitCatalog(frameworks_.begin()->second);
    if (mapping_sets == 0 && frameworks_.empty() && out_.problems.empty()) {
      out_.problems.push_back("no framework or requirement mapping set in the given files");
    }
    return std::move(out_);
  }

 private:
  void Problem(const std::string& file, const YAML::Mark& mark, const std::string& what) {
    out_.problems.push_back(mark.is_null() ? absl::StrCat(file, ": ", what)
                                           : absl::StrCat(file, ":", mark.line + 1, ":",
                                                          mark.column + 1, ": ", what));
  }

  // node[key] when present (for its position in messages), else node itself.
  static YAML::Node At(const YAML::Node& node, const char* key) {
    return node[key] ? node[key] : node;
  }

  static std::string Scalar(const YAML::Node& node, const char* key) {
    const YAML::Node value = node[key];
    return value && value.IsScalar() ? value.as<std::string>() : "";
  }

  void ReadFrameworks(const CisoAssistantFile& file, const YAML::Node& root) {
    const YAML::Node objects = root["objects"];
    if (!objects || !objects["framework"]) return;
    const YAML::Node node = objects["framework"];
    Framework framework;
    framework.urn = absl::AsciiStrToLower(Scalar(node, "urn"));
    framework.name = Scalar(node, "name");
    if (framework.urn.empty()) {
      Problem(file.name, node.Mark(), "framework without a urn");
      return;
    }
    const YAML::Node nodes = node["requirement_nodes"];
    if (!nodes || !nodes.IsSequence()) {
      Problem(file.name, node.Mark(), "framework without a requirement_nodes list");
      return;
    }
    for (const YAML::Node& item : nodes) {
      FrameworkNode out;
      const std::string urn = absl::AsciiStrToLower(Scalar(item, "urn"));
      if (urn.empty()) {
        Problem(file.name, item.Mark(), "requirement node without a urn");
        continue;
      }
      out.ref = Scalar(item, "ref_id");
      out.parent_urn = absl::AsciiStrToLower(Scalar(item, "parent_urn"));
      out.assessable = Scalar(item, "assessable") == "true";
      out.name = Scalar(item, "name");
      const std::string depth = Scalar(item, "depth");
      out.depth = depth.empty() ? 0 : std::atoi(depth.c_str());
      framework.index[urn] = framework.nodes.size();
      framework.nodes.emplace_back(urn, out);
    }
    frameworks_[framework.urn] = std::move(framework);
  }

  // The crosswalk ref a requirement URN names, or nullopt after reporting why not.
  std::optional<std::string> RefFor(const std::string& file, const YAML::Node& at,
                                    const std::string& framework_urn, const std::string& urn_raw,
                                    const Catalog& catalog, const char* role) {
    const std::string urn = absl::AsciiStrToLower(urn_raw);
    std::string ref = urn.substr(urn.rfind(':') + 1);
    if (auto framework = frameworks_.find(framework_urn); framework != frameworks_.end()) {
      auto node = framework->second.index.find(urn);
      if (node == framework->second.index.end()) {
        std::vector<std::string> ids;
        for (const auto& [known, unused] : framework->second.nodes) {
          ids.push_back(known.substr(known.rfind(':') + 1));
        }
        Problem(file, at.Mark(),
                absl::StrCat(role, " '", urn_raw, "' is not a node of framework ", framework_urn,
                             " (nearest node: ", absl::StrJoin(Suggest(ref, ids), ", "), ")"));
        return std::nullopt;
      }
      const FrameworkNode& found = framework->second.nodes[node->second].second;
      if (!found.ref.empty()) ref = found.ref;
    }
    auto item = engine_.ResolveRef(catalog, ref);
    if (!item.ok()) {
      Problem(file, at.Mark(), absl::StrCat(role, " '", urn_raw, "': ", item.status().message()));
      return std::nullopt;
    }
    return (*item)->ref;
  }

  size_t ReadMappingSets(const CisoAssistantFile& file, const YAML::Node& root) {
    const YAML::Node objects = root["objects"];
    if (!objects) return 0;
    std::vector<YAML::Node> sets;
    if (objects["requirement_mapping_set"]) sets.push_back(objects["requirement_mapping_set"]);
    if (objects["requirement_mapping_sets"] && objects["requirement_mapping_sets"].IsSequence()) {
      for (const YAML::Node& set : objects["requirement_mapping_sets"]) sets.push_back(set);
    }
    const std::string library = Scalar(root, "ref_id").empty() ? Scalar(root, "urn")
                                                               : Scalar(root, "ref_id");
    for (const YAML::Node& set : sets) ReadMappingSet(file, set, library);
    return sets.size();
  }

  void ReadMappingSet(const CisoAssistantFile& file, const YAML::Node& set,
                      const std::string& library) {
    const std::string source_urn = absl::AsciiStrToLower(Scalar(set, "source_framework_urn"));
    const std::string target_urn = absl::AsciiStrToLower(Scalar(set, "target_framework_urn"));
    auto from = engine_.ResolveCatalog(CatalogIdFor(source_urn));
    auto to = engine_.ResolveCatalog(CatalogIdFor(target_urn));
    if (!from.ok() || !to.ok()) {
      Problem(file.name, set.Mark(),
              absl::StrCat("framework ", from.ok() ? target_urn : source_urn,
                           " is not a crosswalk catalog: ",
                           (from.ok() ? to.status() : from.status()).message()));
      return;
    }
    const YAML::Node mappings = set["requirement_mappings"];
    if (!mappings || !mappings.IsSequence()) {
      Problem(file.name, set.Mark(), "mapping set without a requirement_mappings list");
      return;
    }
    static const std::map<std::string, Relationship> kRelationships = {
        {"equal", Relationship::kEqual},
        {"subset", Relationship::kSubsetOf},
        {"superset", Relationship::kSupersetOf},
        {"intersect", Relationship::kIntersectsWith},
        {"not_related", Relationship::kNoRelationship}};
    for (const YAML::Node& mapping : mappings) {
      bool ok = true;
      CrosswalkRow row;
      row.from = (*from)->id;
      row.to = (*to)->id;
      row.basis = Basis::kDerived;
      row.confidence = Confidence::kMedium;
      row.source = absl::StrCat("CISO Assistant ", library);
      auto source = RefFor(file.name, At(mapping, "source_requirement_urn"), source_urn,
                           Scalar(mapping, "source_requirement_urn"), **from,
                           "source_requirement_urn");
      auto target = RefFor(file.name, At(mapping, "target_requirement_urn"), target_urn,
                           Scalar(mapping, "target_requirement_urn"), **to,
                           "target_requirement_urn");
      if (!source || !target) ok = false;
      const std::string relationship = Scalar(mapping, "relationship");
      if (auto it = kRelationships.find(relationship); it != kRelationships.end()) {
        row.relationship = it->second;
      } else {
        Problem(file.name, At(mapping, "relationship").Mark(),
                absl::StrCat("relationship '", relationship,
                             "' is not one of: equal, subset, superset, intersect, not_related"));
        ok = false;
      }
      const std::string rationale = Scalar(mapping, "rationale");
      if (!rationale.empty()) {
        row.rationale = ParseRationale(rationale);
        if (!row.rationale) {
          Problem(file.name, mapping["rationale"].Mark(),
                  absl::StrCat("rationale '", rationale.substr(0, 60), rationale.size() > 60 ? "…" : "",
                               "' is not one of: syntactic, semantic, functional"));
          ok = false;
        }
      }
      const YAML::Node strength = mapping["strength_of_relationship"];
      if (strength && !strength.IsNull()) {
        const std::string text = strength.as<std::string>();
        char* end = nullptr;
        const long value = std::strtol(text.c_str(), &end, 10);
        if (end == text.c_str() || *end != '\0' || value < 0 || value > 10) {
          Problem(file.name, strength.Mark(),
                  absl::StrCat("strength_of_relationship ", text, " is not a whole number from 0 to 10"));
          ok = false;
        } else {
          row.strength = static_cast<int>(value);
        }
      }
      row.note = absl::StrCat("Imported from CISO Assistant (community mapping, not a published table)",
                              Scalar(mapping, "annotation").empty() ? "" : ": ",
                              Scalar(mapping, "annotation"), ".");
      if (!ok) continue;
      row.from_ref = *source;
      row.to_ref = *target;
      out_.rows.push_back(std::move(row));
    }
  }

  void EmitCatalog(const Framework& framework) {
    for (const auto& [urn, node] : framework.nodes) {
      CatalogItem item;
      item.ref = node.ref.empty() ? urn.substr(urn.rfind(':') + 1) : node.ref;
      if (!node.parent_urn.empty()) {
        auto parent = framework.index.find(node.parent_urn);
        if (parent != framework.index.end()) {
          const auto& [parent_urn, parent_node] = framework.nodes[parent->second];
          item.parent = parent_node.ref.empty() ? parent_urn.substr(parent_urn.rfind(':') + 1)
                                                : parent_node.ref;
        }
      }
      item.kind = node.assessable ? "control" : "clause";
      item.title_en = node.name.empty() ? item.ref : node.name;
      item.source = absl::StrCat("CISO Assistant framework ", framework.urn);
      out_.catalog_items.push_back(std::move(item));
    }
  }

  const MappingEngine& engine_;
  std::map<std::string, Framework> frameworks_;
  CisoAssistantImport out_;
};

}  // namespace

CisoAssistantImport ImportCisoAssistant(const MappingEngine& engine,
                                        const std::vector<CisoAssistantFile>& files) {
  return Importer(engine).Run(files);
}

}  // namespace crosswalk::mapping
