#include "gateway/mapping/ciso_assistant_import.h"

#include <map>
#include <optional>
#include <set>

#include <yaml-cpp/yaml.h>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gateway/core/text_distance.h"
#include "gateway/core/yaml_text.h"

namespace crosswalk::mapping {
namespace {

struct FrameworkNode {
  std::string ref;  // ref_id as given (may be empty)
  std::string parent_urn;
  bool assessable = false;
  std::string name;
};

struct Framework {
  std::string urn;
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

std::string Slug(const std::string& urn) { return urn.substr(urn.rfind(':') + 1); }

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

const char* ShapeOf(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map: return "a map";
    case YAML::NodeType::Sequence: return "a list";
    case YAML::NodeType::Scalar: return "a single value";
    case YAML::NodeType::Null: return "null";
    default: return "nothing";
  }
}

std::string Shorten(const std::string& text) {
  if (text.size() <= 60) return text;
  size_t cut = 60;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // whole characters
  return text.substr(0, cut) + "…";
}

class Importer {
 public:
  explicit Importer(const MappingEngine& engine) : engine_(engine) {}

  CisoAssistantImport Run(const std::vector<CisoAssistantFile>& files) {
    std::vector<std::pair<const CisoAssistantFile*, YAML::Node>> documents;
    for (const CisoAssistantFile& file : files) {
      file_ = file.name;
      if (absl::Status utf8 = CheckYamlUtf8(file.text, file.name); !utf8.ok()) {
        DocumentProblem(std::string(utf8.message()));
        continue;
      }
      try {
        YAML::Node root = YAML::Load(file.text);
        if (!root.IsMap()) {
          DocumentProblem(root.Mark(), absl::StrCat("expected a CISO Assistant library (a map with "
                                                    "'objects'), found ", ShapeOf(root)));
          continue;
        }
        documents.emplace_back(&file, root);
      } catch (const YAML::Exception& e) {
        DocumentProblem(e.mark, std::string("not valid YAML: ") + e.msg);
      }
    }
    // Exceptions are caught where a document, framework node or mapping row is read, so one bad
    // node costs only itself; this is the boundary for anything else yaml-cpp may throw.
    size_t mapping_sets = 0;
    for (const auto& [file, root] : documents) {
      file_ = file->name;
      try {
        ReadFramework(root);
      } catch (const YAML::Exception& e) {
        DocumentProblem(e.mark, std::string("unexpected YAML shape: ") + e.msg);
      }
    }
    for (const auto& [file, root] : documents) {
      file_ = file->name;
      try {
        mapping_sets += ReadMappingSets(root);
      } catch (const YAML::Exception& e) {
        DocumentProblem(e.mark, std::string("unexpected YAML shape: ") + e.msg);
      }
    }
    if (mapping_sets == 0 && frameworks_.size() == 1) EmitCatalog(frameworks_.begin()->second);
    if (mapping_sets == 0 && frameworks_.empty() && out_.problems.empty()) {
      out_.problems.push_back("no framework or requirement mapping set in the given files");
      ++out_.document_problems;
    }
    return std::move(out_);
  }

 private:
  std::string At(const YAML::Mark& mark) const {
    return mark.is_null() ? file_ : absl::StrCat(file_, ":", mark.line + 1, ":", mark.column + 1);
  }
  void Problem(const YAML::Mark& mark, const std::string& what) {
    out_.problems.push_back(absl::StrCat(At(mark), ": ", what));
  }
  void DocumentProblem(const YAML::Mark& mark, const std::string& what) {
    Problem(mark, what);
    ++out_.document_problems;
  }
  void DocumentProblem(const std::string& message) {
    out_.problems.push_back(message);
    ++out_.document_problems;
  }

  // map[key] when present (for its position in messages), else map itself.
  static YAML::Node Where(const YAML::Node& map, const char* key) {
    return map[key] ? map[key] : map;
  }

  // The text of map[key] ("" when missing or null) in *out; false after a problem when it is a
  // list or a map. REQUIRES: map.IsMap().
  bool Text(const YAML::Node& map, const char* key, std::string* out) {
    out->clear();
    const YAML::Node value = map[key];
    if (!value || value.IsNull()) return true;
    if (!value.IsScalar()) {
      Problem(value.Mark(), absl::StrCat("'", key, "' must be a single value, found ", ShapeOf(value)));
      return false;
    }
    *out = RepairYamlScalar(value.as<std::string>());
    return true;
  }

  // Reports and returns false unless `node` is a map (described as `what`).
  bool IsMap(const YAML::Node& node, const std::string& what, bool document) {
    if (node.IsMap()) return true;
    const std::string message = absl::StrCat(what, " must be a map, found ", ShapeOf(node));
    document ? DocumentProblem(node.Mark(), message) : Problem(node.Mark(), message);
    return false;
  }

  // The objects map of a library, or an undefined node when it has none (or after a problem).
  YAML::Node Objects(const YAML::Node& root) {
    const YAML::Node objects = root["objects"];
    if (!objects || objects.IsMap()) return objects;
    if (!reported_objects_.insert(file_).second) return YAML::Node(YAML::NodeType::Undefined);
    DocumentProblem(objects.Mark(), absl::StrCat("'objects' must be a map, found ", ShapeOf(objects)));
    return YAML::Node(YAML::NodeType::Undefined);
  }

  void ReadFramework(const YAML::Node& root) {
    const YAML::Node objects = Objects(root);
    if (!objects || !objects["framework"]) return;
    const YAML::Node node = objects["framework"];
    if (!IsMap(node, "a framework", true)) return;
    Framework framework;
    if (!Text(node, "urn", &framework.urn)) return;
    framework.urn = absl::AsciiStrToLower(framework.urn);
    if (framework.urn.empty()) {
      DocumentProblem(node.Mark(), "framework without a urn");
      return;
    }
    const YAML::Node nodes = node["requirement_nodes"];
    if (!nodes || !nodes.IsSequence()) {
      DocumentProblem(Where(node, "requirement_nodes").Mark(),
                      absl::StrCat("framework without a requirement_nodes list",
                                   nodes ? absl::StrCat(" (found ", ShapeOf(nodes), ")") : ""));
      return;
    }
    for (const YAML::Node& item : nodes) {
      try {
        ReadNode(item, framework);
      } catch (const YAML::Exception& e) {
        Problem(e.mark, std::string("unexpected YAML shape in a requirement node: ") + e.msg);
      }
    }
    frameworks_[framework.urn] = std::move(framework);
  }

  // One requirement node; name and ref_id are optional (CISO Assistant's frameworks have nodes
  // with a description only).
  void ReadNode(const YAML::Node& item, Framework& framework) {
    if (!IsMap(item, "a requirement node", false)) return;
    FrameworkNode out;
    std::string urn, assessable;
    if (!Text(item, "urn", &urn) || !Text(item, "ref_id", &out.ref) ||
        !Text(item, "parent_urn", &out.parent_urn) || !Text(item, "assessable", &assessable) ||
        !Text(item, "name", &out.name)) {
      return;
    }
    urn = absl::AsciiStrToLower(urn);
    if (urn.empty()) {
      Problem(item.Mark(), "requirement node without a urn");
      return;
    }
    out.parent_urn = absl::AsciiStrToLower(out.parent_urn);
    out.assessable = assessable == "true";
    framework.index[urn] = framework.nodes.size();
    framework.nodes.emplace_back(urn, out);
  }

  // The crosswalk ref a requirement URN names, or nullopt: after reporting why, or silently when
  // `catalog` is null (the set's framework is no crosswalk catalog, reported once per set).
  std::optional<std::string> RefFor(const YAML::Node& at, const std::string& framework_urn,
                                    const std::string& urn_raw, const Catalog* catalog,
                                    const char* role) {
    const std::string urn = absl::AsciiStrToLower(urn_raw);
    if (urn.empty()) {
      Problem(at.Mark(), absl::StrCat("missing ", role));
      return std::nullopt;
    }
    const std::string slug = Slug(urn);
    std::string ref_id;
    if (auto framework = frameworks_.find(framework_urn); framework != frameworks_.end()) {
      auto node = framework->second.index.find(urn);
      if (node == framework->second.index.end()) {
        std::vector<std::string> ids;
        for (const auto& [known, unused] : framework->second.nodes) ids.push_back(Slug(known));
        Problem(at.Mark(),
                absl::StrCat(role, " '", urn_raw, "' is not a node of framework ", framework_urn,
                             " (nearest node: ", absl::StrJoin(Suggest(slug, ids), ", "), ")"));
        return std::nullopt;
      }
      ref_id = framework->second.nodes[node->second].second.ref;
    }
    if (catalog == nullptr) return std::nullopt;
    auto item = engine_.ResolveRef(*catalog, slug);
    if (item.ok()) return (*item)->ref;
    if (!ref_id.empty()) {
      if (auto by_ref_id = engine_.ResolveRef(*catalog, ref_id); by_ref_id.ok()) return (*by_ref_id)->ref;
    }
    Problem(at.Mark(), absl::StrCat(role, " '", urn_raw, "': ", item.status().message(),
                                    ref_id.empty() ? "" : absl::StrCat(" (nor its ref_id '", ref_id, "')")));
    return std::nullopt;
  }

  size_t ReadMappingSets(const YAML::Node& root) {
    const YAML::Node objects = Objects(root);
    if (!objects) return 0;
    std::vector<YAML::Node> sets;
    if (objects["requirement_mapping_set"]) sets.push_back(objects["requirement_mapping_set"]);
    if (const YAML::Node list = objects["requirement_mapping_sets"]) {
      if (!list.IsSequence()) {
        DocumentProblem(list.Mark(), absl::StrCat("'requirement_mapping_sets' must be a list of "
                                                  "mapping sets, found ", ShapeOf(list)));
      } else {
        for (const YAML::Node& set : list) sets.push_back(set);
      }
    }
    std::string library, ref_id;
    Text(root, "urn", &library);
    if (Text(root, "ref_id", &ref_id) && !ref_id.empty()) library = ref_id;
    for (const YAML::Node& set : sets) ReadMappingSet(set, library);
    return sets.size();
  }

  // The catalog of a set's framework, or null after a problem.
  const Catalog* CatalogOf(const YAML::Node& set, const char* key, const std::string& urn) {
    if (urn.empty()) {
      DocumentProblem(Where(set, key).Mark(), absl::StrCat("mapping set without a ", key));
      return nullptr;
    }
    auto catalog = engine_.ResolveCatalog(CatalogIdFor(urn));
    if (catalog.ok()) return *catalog;
    Problem(Where(set, key).Mark(),
            absl::StrCat("framework ", urn, " is not a crosswalk catalog: ", catalog.status().message(),
                         "; every row of the set is still checked, none can be imported"));
    return nullptr;
  }

  void ReadMappingSet(const YAML::Node& set, const std::string& library) {
    if (!IsMap(set, "a requirement mapping set", true)) return;
    std::string source_urn, target_urn;
    if (!Text(set, "source_framework_urn", &source_urn) || !Text(set, "target_framework_urn", &target_urn)) {
      ++out_.document_problems;
      return;
    }
    source_urn = absl::AsciiStrToLower(source_urn);
    target_urn = absl::AsciiStrToLower(target_urn);
    const Catalog* from = CatalogOf(set, "source_framework_urn", source_urn);
    const Catalog* to = CatalogOf(set, "target_framework_urn", target_urn);
    const YAML::Node mappings = set["requirement_mappings"];
    if (!mappings || !mappings.IsSequence()) {
      DocumentProblem(Where(set, "requirement_mappings").Mark(),
                      absl::StrCat("mapping set without a requirement_mappings list",
                                   mappings ? absl::StrCat(" (found ", ShapeOf(mappings), ")") : ""));
      return;
    }
    const std::string source = absl::StrCat("CISO Assistant ", library);
    for (const YAML::Node& mapping : mappings) {
      bool ok = false;
      try {
        ok = ReadMapping(mapping, source_urn, target_urn, from, to, source);
      } catch (const YAML::Exception& e) {
        Problem(e.mark, std::string("unexpected YAML shape in a requirement mapping: ") + e.msg);
      }
      if (!ok) ++out_.rows_skipped;
    }
  }

  // One requirement mapping into out_.rows; false (after its problems) when it is left out.
  bool ReadMapping(const YAML::Node& mapping, const std::string& source_urn,
                   const std::string& target_urn, const Catalog* from, const Catalog* to,
                   const std::string& source) {
    static const std::map<std::string, Relationship> kRelationships = {
        {"equal", Relationship::kEqual},
        {"subset", Relationship::kSubsetOf},
        {"superset", Relationship::kSupersetOf},
        {"intersect", Relationship::kIntersectsWith},
        {"not_related", Relationship::kNoRelationship}};
    if (!IsMap(mapping, "a requirement mapping", false)) return false;
    std::string source_requirement, target_requirement, relationship, rationale, strength, annotation;
    bool ok = Text(mapping, "source_requirement_urn", &source_requirement);
    ok = Text(mapping, "target_requirement_urn", &target_requirement) && ok;
    ok = Text(mapping, "annotation", &annotation) && ok;
    CrosswalkRow row;
    row.basis = Basis::kDerived;
    row.confidence = Confidence::kMedium;
    row.source = source;
    auto from_ref = RefFor(Where(mapping, "source_requirement_urn"), source_urn, source_requirement,
                           from, "source_requirement_urn");
    auto to_ref = RefFor(Where(mapping, "target_requirement_urn"), target_urn, target_requirement,
                         to, "target_requirement_urn");
    ok = ok && from_ref && to_ref;
    if (Text(mapping, "relationship", &relationship)) {
      if (auto it = kRelationships.find(relationship); it != kRelationships.end()) {
        row.relationship = it->second;
      } else {
        Problem(Where(mapping, "relationship").Mark(),
                absl::StrCat("relationship '", Shorten(relationship),
                             "' is not one of: equal, subset, superset, intersect, not_related"));
        ok = false;
      }
    } else {
      ok = false;
    }
    std::string kept_rationale;
    if (!Text(mapping, "rationale", &rationale)) {
      ok = false;
    } else if (!rationale.empty()) {
      row.rationale = ParseRationale(rationale);
      if (!row.rationale) kept_rationale = rationale;
    }
    if (!Text(mapping, "strength_of_relationship", &strength)) {
      ok = false;
    } else if (!strength.empty()) {
      char* end = nullptr;
      const long value = std::strtol(strength.c_str(), &end, 10);
      if (end == strength.c_str() || *end != '\0' || value < 0 || value > 10) {
        Problem(mapping["strength_of_relationship"].Mark(),
                absl::StrCat("strength_of_relationship ", Shorten(strength),
                             " is not a whole number from 0 to 10"));
        ok = false;
      } else {
        row.strength = static_cast<int>(value);
      }
    }
    if (!ok) return false;
    row.note = absl::StrCat("Imported from CISO Assistant (community mapping, not a published table)",
                            annotation.empty() ? "" : ": ", annotation, ".");
    if (!kept_rationale.empty()) {
      absl::StrAppend(&row.note, " Rationale as given: ", kept_rationale);
      out_.notes.push_back(absl::StrCat(At(mapping["rationale"].Mark()), ": rationale '",
                                        Shorten(kept_rationale),
                                        "' is not one of syntactic, semantic, functional: kept in "
                                        "the note, rationale left empty"));
    }
    row.from = from->id;
    row.to = to->id;
    row.from_ref = *from_ref;
    row.to_ref = *to_ref;
    out_.rows.push_back(std::move(row));
    return true;
  }

  void EmitCatalog(const Framework& framework) {
    for (const auto& [urn, node] : framework.nodes) {
      CatalogItem item;
      item.ref = node.ref.empty() ? Slug(urn) : node.ref;
      if (!node.parent_urn.empty()) {
        auto parent = framework.index.find(node.parent_urn);
        if (parent != framework.index.end()) {
          const auto& [parent_urn, parent_node] = framework.nodes[parent->second];
          item.parent = parent_node.ref.empty() ? Slug(parent_urn) : parent_node.ref;
        }
      }
      item.kind = node.assessable ? "control" : "clause";
      item.title_en = node.name.empty() ? item.ref : node.name;
      item.source = absl::StrCat("CISO Assistant framework ", framework.urn);
      out_.catalog_items.push_back(std::move(item));
    }
  }

  const MappingEngine& engine_;
  std::string file_;  // the file being read, for messages
  std::map<std::string, Framework> frameworks_;
  std::set<std::string> reported_objects_;
  CisoAssistantImport out_;
};

}  // namespace

CisoAssistantImport ImportCisoAssistant(const MappingEngine& engine,
                                        const std::vector<CisoAssistantFile>& files) {
  return Importer(engine).Run(files);
}

}  // namespace crosswalk::mapping
