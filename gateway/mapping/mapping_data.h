#ifndef CROSSWALK_GATEWAY_MAPPING_MAPPING_DATA_H_
#define CROSSWALK_GATEWAY_MAPPING_MAPPING_DATA_H_

#include <optional>
#include <string>
#include "absl/strings/string_view.h"
#include <unordered_map>
#include <vector>

#include "gateway/mapping/vocabulary.h"

// The in-memory form of mappings/ (formats in mappings/README.md). Every row keeps its Origin, the
// file and line it was read from, so any answer can say where it came from.
namespace crosswalk::mapping {

struct Origin {
  std::string file;  // relative to the mappings root, e.g. "crosswalks/jip-table-5-1.csv"
  int line = 0;
};

struct CatalogItem {
  std::string ref;
  std::string parent;  // empty at the top
  std::string kind;
  std::string title_en;
  std::string title_ja;
  std::vector<std::string> aliases;
  std::string source;
  int source_line = 0;  // 0: none
  std::string note;
  Origin origin;
};

struct Catalog {
  std::string id;  // canonical, e.g. "iso20000-1:2011"
  std::string title;
  std::string edition;
  std::vector<std::string> aliases;  // e.g. "jisq20000-1:2012"
  std::string file;
  std::string source;
  std::string note;
  Origin origin;
  std::vector<CatalogItem> items;  // document order

  // The item whose ref or one of whose aliases is exactly `ref`, or nullptr.
  const CatalogItem* Find(absl::string_view ref) const;
  // Rebuilds the lookup index; call after changing `items`.
  void Index();

 private:
  std::unordered_map<std::string, size_t> by_ref_;
};

struct CrosswalkRow {
  std::string from;
  std::string to;
  std::string from_ref;
  std::string to_ref;  // empty: "from_ref has no counterpart in `to`"
  Relationship relationship = Relationship::kIntersectsWith;
  std::optional<Rationale> rationale;
  std::optional<int> strength;  // 0-10; none when the source gives none
  Basis basis = Basis::kDerived;
  Confidence confidence = Confidence::kLow;
  std::string source;
  int source_line = 0;
  std::string note;
  Origin origin;
};

struct Term {
  std::string term_en;
  std::string jis_ja;
  std::string itil_ja;
  bool differs = false;
  std::string source;
  int source_line = 0;
  std::string note;
  Origin origin;
};

struct Annotation {
  std::string catalog;
  std::string ref;
  std::string attribute;  // "purpose" or "pdca-phase"
  std::string value_en;
  std::string value_ja;
  std::string source;
  int source_line = 0;
  std::string note;
  Origin origin;
};

struct Topic {
  std::string topic_en;
  std::string topic_ja;
  std::string region;  // "27001-only", "shared", "20000-1-only", "unplaced"
  std::string catalog;  // with ref: the catalog item the topic names outright, else empty
  std::string ref;
  Confidence confidence = Confidence::kLow;
  std::string source;
  int source_line = 0;
  std::string note;
  Origin origin;
};

struct MappingData {
  std::string root;  // the mappings directory it was loaded from
  std::vector<Catalog> catalogs;
  std::vector<CrosswalkRow> crosswalks;
  std::vector<Term> terms;
  std::vector<Annotation> annotations;
  std::vector<Topic> topics;

  // The catalog whose id or alias is exactly `id`, or nullptr.
  const Catalog* FindCatalog(absl::string_view id) const;
};

}  // namespace crosswalk::mapping

#endif  // CROSSWALK_GATEWAY_MAPPING_MAPPING_DATA_H_
