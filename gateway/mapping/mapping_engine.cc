#include "absl/strings/string_view.h"
#include "gateway/mapping/mapping_engine.h"

#include <algorithm>
#include <map>
#include <set>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "gateway/core/text_distance.h"
#include "gateway/core/unicode.h"

namespace crosswalk::mapping {
namespace {


// The keys a term cell matches on: the whole cell and each 、-separated rendering, each also without
// a trailing Latin abbreviation such as "CI" or "SLA" that the table prints beside the term.
std::vector<std::string> CellKeys(const std::string& cell) {
  std::vector<std::string> keys;
  if (cell.empty()) return keys;
  keys.push_back(MatchKey(cell));
  for (absl::string_view part : absl::StrSplit(cell, absl::ByAnyChar("、,"))) {
    std::string key = MatchKey(part);
    if (key.empty()) continue;
    keys.push_back(key);
    // "構成品目 CI": a Japanese term with the abbreviation printed beside it.
    const size_t space = key.rfind(' ');
    if (space != std::string::npos) {
      absl::string_view head = absl::string_view(key).substr(0, space);
      absl::string_view tail = absl::string_view(key).substr(space + 1);
      const bool japanese_head = std::any_of(head.begin(), head.end(),
                                             [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
      const bool latin_tail = !tail.empty() && std::all_of(tail.begin(), tail.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
      });
      if (japanese_head && latin_tail) {
        keys.emplace_back(head);
        keys.emplace_back(tail);
      }
    }
  }
  return keys;
}

// What "member is subset-of ancestor" and "ancestor is `stated` to X" give for "member … X";
// nullopt when nothing follows (see MapResult::derived).
std::optional<Relationship> InheritedRelationship(const CatalogItem& ancestor, Relationship stated) {
  const bool control_group =
      ancestor.kind == "annex" || ancestor.kind == "domain" || ancestor.kind == "objective";
  switch (stated) {
    case Relationship::kEqual:
    case Relationship::kEquivalent:
    case Relationship::kSubsetOf:
      return Relationship::kSubsetOf;
    case Relationship::kNoRelationship:
      return Relationship::kNoRelationship;
    case Relationship::kSupersetOf:
    case Relationship::kIntersectsWith:
      if (control_group) return Relationship::kIntersectsWith;
      return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace

std::string PathHop::ToString() const {
  return absl::StrCat(catalog, ":", ref.empty() ? "(none)" : ref);
}

MappingEngine::MappingEngine(MappingData data) : data_(std::move(data)) {
  for (Catalog& catalog : data_.catalogs) catalog.Index();
}

namespace {

// A catalog id as people write it in registers: "JIS Q 20000-1:2020", "ISO/IEC 27001:2022",
// "ＩＳＯ９００１：２０１５" all fold to the id's own form (no spaces, no "/iec").
std::string CatalogKey(absl::string_view text) {
  std::string key = MatchKey(text);
  key.erase(std::remove(key.begin(), key.end(), ' '), key.end());
  for (size_t at = key.find("/iec"); at != std::string::npos; at = key.find("/iec")) key.erase(at, 4);
  return key;
}

}  // namespace

absl::StatusOr<const Catalog*> MappingEngine::ResolveCatalog(absl::string_view id) const {
  if (const Catalog* catalog = data_.FindCatalog(id)) return catalog;
  const std::string key = CatalogKey(id);
  std::vector<std::string> known;
  for (const Catalog& catalog : data_.catalogs) {
    if (CatalogKey(catalog.id) == key) return &catalog;
    for (const std::string& alias : catalog.aliases) {
      if (CatalogKey(alias) == key) return &catalog;
    }
    known.push_back(catalog.id);
    known.insert(known.end(), catalog.aliases.begin(), catalog.aliases.end());
  }
  return absl::NotFoundError(absl::StrCat("unknown catalog '", std::string(id), "'; nearest known: ",
                                          absl::StrJoin(Nearest(key, known), ", ")));
}

absl::StatusOr<const CatalogItem*> MappingEngine::ResolveRef(const Catalog& catalog,
                                                             absl::string_view ref) const {
  if (const CatalogItem* item = catalog.Find(ref)) return item;
  const std::string key = MatchKey(ref);
  for (const CatalogItem& item : catalog.items) {
    if (MatchKey(item.ref) == key) return &item;
    for (const std::string& alias : item.aliases) {
      if (MatchKey(alias) == key) return &item;
    }
  }
  const std::string prefixed = absl::StrCat("a.", key);
  for (const CatalogItem& item : catalog.items) {
    if (MatchKey(item.ref) == prefixed) return &item;
  }
  std::vector<const CatalogItem*> by_title;
  for (const CatalogItem& item : catalog.items) {
    if (MatchKey(item.title_en) == key || (!item.title_ja.empty() && MatchKey(item.title_ja) == key)) {
      by_title.push_back(&item);
    }
  }
  if (by_title.size() == 1) return by_title.front();
  if (by_title.size() > 1) {
    std::vector<std::string> refs;
    for (const CatalogItem* item : by_title) refs.push_back(item->ref);
    return absl::NotFoundError(absl::StrCat("'", std::string(ref), "' names several items of ", catalog.id, ": ",
                                            absl::StrJoin(refs, ", "), "; give the ref"));
  }
  std::vector<std::string> refs;
  for (const CatalogItem& item : catalog.items) refs.push_back(MatchKey(item.ref));
  std::vector<std::string> nearest = Nearest(key, refs, 5);
  for (std::string& near : nearest) {
    for (const CatalogItem& item : catalog.items) {
      if (MatchKey(item.ref) == near) near = item.ref;
    }
  }
  return absl::NotFoundError(absl::StrCat("unknown ref '", std::string(ref), "' in ", catalog.id,
                                          "; nearest known: ", absl::StrJoin(nearest, ", ")));
}

namespace {

// A row read from one end: the far end and the relationship "near is … far".
struct Edge {
  const CrosswalkRow* row;
  std::string far_catalog;
  std::string far_ref;
  Relationship relationship;
  bool inverted;
};

// The depth-first path search behind Map(). Paths never visit a catalog twice, so they end.
class PathSearch {
 public:
  PathSearch(const MappingData& data, const MapQuery& query, const Catalog& target)
      : data_(data), query_(query), target_(target) {}

  void From(const Catalog& catalog, const CatalogItem& item, MapAnswer& answer) {
    answer_ = &answer;
    MapResult start;
    start.from_ref = item.ref;
    start.relations = RelationSet::Of(BaseRelation::kEqual);
    start.path.push_back(PathHop{catalog.id, item.ref});
    visited_ = {catalog.id};
    Extend(catalog, item, start);
  }

 private:
  std::vector<Edge> EdgesOf(const std::string& catalog, const std::string& ref) const {
    std::vector<Edge> edges;
    for (const CrosswalkRow& row : data_.crosswalks) {
      if (row.from == catalog && row.from_ref == ref) {
        edges.push_back({&row, row.to, row.to_ref, row.relationship, false});
      } else if (row.to == catalog && row.to_ref == ref && !row.from_ref.empty()) {
        edges.push_back({&row, row.from, row.from_ref, Inverse(row.relationship), true});
      }
    }
    return edges;
  }

  // Follows every row of `item` and of its ancestors out of `catalog`.
  void Extend(const Catalog& catalog, const CatalogItem& item, const MapResult& so_far) {
    std::vector<const CatalogItem*> chain = {&item};
    for (const CatalogItem* up = &item; !up->parent.empty();) {
      up = catalog.Find(up->parent);
      if (up == nullptr) break;
      chain.push_back(up);
    }
    for (size_t level = 0; level < chain.size(); ++level) {
      if (level > 0 && query_.direct_only) break;
      for (const Edge& edge : EdgesOf(catalog.id, chain[level]->ref)) {
        if (visited_.count(edge.far_catalog)) continue;
        const bool to_target = edge.far_catalog == target_.id;
        if (!to_target && query_.direct_only) continue;
        std::optional<Relationship> hop = edge.relationship;
        if (level > 0) hop = InheritedRelationship(*chain[level], edge.relationship);
        if (!hop) continue;
        MapResult next = so_far;
        next.relations = Compose(so_far.relations, RelationSet::FromRelationship(*hop));
        if (Label(next.relations) == "unknown") continue;  // no claim, and none further on
        next.equivalent = so_far.equivalent || edge.row->relationship == Relationship::kEquivalent;
        next.derived = so_far.derived || level > 0;
        next.inverted = so_far.inverted || edge.inverted;
        next.strength = next.rows.empty() ? edge.row->strength
                        : (so_far.strength && edge.row->strength)
                            ? std::optional<int>(std::min(*so_far.strength, *edge.row->strength))
                            : std::nullopt;
        if (level > 0) next.path.push_back(PathHop{catalog.id, chain[level]->ref});
        next.path.push_back(PathHop{edge.far_catalog, edge.far_ref});
        next.rows.push_back(edge.row);
        if (to_target) {
          next.to_ref = edge.far_ref;
          answer_->results.push_back(std::move(next));
          continue;
        }
        if (edge.far_ref.empty()) {
          // Only the queried item's own statement is worth a note; deeper dead ends are noise.
          if (!so_far.rows.empty()) continue;
          answer_->notes.push_back(absl::StrCat(
              so_far.from_ref, ": the path ", Describe(next.path), " ends in a stated \"no counterpart\" (",
              edge.row->source, ")"));
          continue;
        }
        if (static_cast<int>(next.rows.size()) >= query_.max_hops) continue;
        const Catalog* far = data_.FindCatalog(edge.far_catalog);
        const CatalogItem* far_item = far ? far->Find(edge.far_ref) : nullptr;
        if (far_item == nullptr) continue;
        visited_.insert(far->id);
        Extend(*far, *far_item, next);
        visited_.erase(far->id);
      }
    }
  }

  static std::string Describe(const std::vector<PathHop>& path) {
    std::string out;
    for (const PathHop& hop : path) absl::StrAppend(&out, out.empty() ? "" : ">", hop.ToString());
    return out;
  }

  const MappingData& data_;
  const MapQuery& query_;
  const Catalog& target_;
  MapAnswer* answer_ = nullptr;
  std::set<std::string> visited_;
};

// Orders `better` paths first for --best: a single relation over a vague one, a higher strength
// (none is lowest), fewer rows, then the higher lowest confidence.
bool Better(const MapResult& a, const MapResult& b) {
  const bool a_single = a.relations.IsSingle(), b_single = b.relations.IsSingle();
  if (a_single != b_single) return a_single;
  const int a_strength = a.strength.value_or(-1), b_strength = b.strength.value_or(-1);
  if (a_strength != b_strength) return a_strength > b_strength;
  if (a.rows.size() != b.rows.size()) return a.rows.size() < b.rows.size();
  auto weakest = [](const MapResult& r) {
    int worst = 0;
    for (const CrosswalkRow* row : r.rows) worst = std::max(worst, static_cast<int>(row->confidence));
    return worst;
  };
  return weakest(a) < weakest(b);
}

}  // namespace

absl::StatusOr<MapAnswer> MappingEngine::Map(const MapQuery& query) const {
  auto from_or = ResolveCatalog(query.from);
  if (!from_or.ok()) return from_or.status();
  auto to_or = ResolveCatalog(query.to);
  if (!to_or.ok()) return to_or.status();
  const Catalog& from = **from_or;
  const Catalog& to = **to_or;
  if (from.id == to.id) {
    return absl::InvalidArgumentError(
        absl::StrCat("--from and --to are the same catalog (", from.id, ")"));
  }
  if (query.max_hops < 1) return absl::InvalidArgumentError("--max-hops must be at least 1");

  MapAnswer answer;
  if (query.refs.empty()) {
    for (const CrosswalkRow& row : data_.crosswalks) {
      MapResult result;
      if (row.from == from.id && row.to == to.id) {
        result.from_ref = row.from_ref;
        result.to_ref = row.to_ref;
        result.relations = RelationSet::FromRelationship(row.relationship);
      } else if (row.from == to.id && row.to == from.id) {
        result.from_ref = row.to_ref;
        result.to_ref = row.from_ref;
        result.relations = RelationSet::FromRelationship(Inverse(row.relationship));
        result.inverted = true;
      } else {
        continue;
      }
      result.equivalent = row.relationship == Relationship::kEquivalent;
      result.strength = row.strength;
      result.path = {PathHop{from.id, result.from_ref}, PathHop{to.id, result.to_ref}};
      result.rows = {&row};
      answer.results.push_back(std::move(result));
    }
    return answer;
  }

  for (const std::string& wanted : query.refs) {
    auto item = ResolveRef(from, wanted);
    if (!item.ok()) return item.status();
    MapAnswer one;
    PathSearch(data_, query, to).From(from, **item, one);
    std::stable_sort(one.results.begin(), one.results.end(),
                     [](const MapResult& a, const MapResult& b) { return a.rows.size() < b.rows.size(); });
    if (query.best) {
      std::vector<MapResult> kept;
      for (MapResult& result : one.results) {
        auto same = std::find_if(kept.begin(), kept.end(),
                                 [&](const MapResult& k) { return k.to_ref == result.to_ref; });
        if (same == kept.end()) {
          kept.push_back(std::move(result));
        } else if (Better(result, *same)) {
          *same = std::move(result);
        }
      }
      one.results = std::move(kept);
    }
    for (MapResult& result : one.results) answer.results.push_back(std::move(result));
    for (std::string& note : one.notes) answer.notes.push_back(std::move(note));
  }
  return answer;
}

absl::string_view Name(Gap::Status status) {
  switch (status) {
    case Gap::Status::kUnmapped: return "unmapped";
    case Gap::Status::kNoCounterpart: return "no-counterpart";
    case Gap::Status::kPartial: return "partial";
  }
  return "?";
}

absl::StatusOr<std::vector<Gap>> MappingEngine::Gaps(const std::string& from_id,
                                                     const std::string& to_id, int max_hops) const {
  MapQuery query;
  query.from = from_id;
  query.to = to_id;
  query.max_hops = max_hops;
  auto from_or = ResolveCatalog(from_id);
  if (!from_or.ok()) return from_or.status();
  const Catalog& from = **from_or;
  for (const CatalogItem& item : from.items) query.refs.push_back(item.ref);
  auto answer = Map(query);
  if (!answer.ok()) return answer.status();
  const Catalog& to = **ResolveCatalog(to_id);

  struct Reach {
    bool covered = false;
    std::vector<std::string> partial;  // "from_ref (label; source)"
  };
  std::map<std::string, Reach> reached;
  for (const MapResult& result : answer->results) {
    if (result.to_ref.empty()) continue;
    const bool covers = result.relations.IsSingle() &&
                        (result.relations.Contains(BaseRelation::kEqual) ||
                         result.relations.Contains(BaseRelation::kProperPartInverse));
    Reach& reach = reached[result.to_ref];
    if (covers) {
      reach.covered = true;
    } else if (!result.relations.IsSingle() ||
               !result.relations.Contains(BaseRelation::kDisjoint)) {
      std::string sources;
      for (const CrosswalkRow* row : result.rows) {
        absl::StrAppend(&sources, sources.empty() ? "" : " > ", row->source);
      }
      reach.partial.push_back(absl::StrCat(result.from_ref, " (", result.label(), "; ", sources, ")"));
    }
  }
  // Stated "no counterpart in `from`" for items of `to`.
  std::map<std::string, std::string> none;
  for (const CrosswalkRow& row : data_.crosswalks) {
    if (row.from == to.id && row.to == from.id && row.to_ref.empty()) {
      none[row.from_ref] = absl::StrCat(row.source, row.source_line ? absl::StrCat(" line ", row.source_line) : "",
                                        ": ", row.note);
    }
  }
  std::vector<Gap> gaps;
  for (const CatalogItem& item : to.items) {
    const auto reach = reached.find(item.ref);
    if (reach != reached.end() && reach->second.covered) continue;
    Gap gap;
    gap.to_ref = item.ref;
    if (reach != reached.end() && !reach->second.partial.empty()) {
      gap.status = Gap::Status::kPartial;
      std::vector<std::string> list = reach->second.partial;
      std::sort(list.begin(), list.end());
      list.erase(std::unique(list.begin(), list.end()), list.end());
      constexpr size_t kShown = 8;
      const size_t more = list.size() > kShown ? list.size() - kShown : 0;
      list.resize(std::min(list.size(), kShown));
      gap.note = absl::StrCat("reached by ", absl::StrJoin(list, ", "),
                              more ? absl::StrCat(" and ", more, " more") : "");
      if (auto stated = none.find(item.ref); stated != none.end()) {
        absl::StrAppend(&gap.note, "; but stated to have no counterpart: ", stated->second);
      }
    } else if (auto stated = none.find(item.ref); stated != none.end()) {
      gap.status = Gap::Status::kNoCounterpart;
      gap.note = stated->second;
    } else {
      gap.status = Gap::Status::kUnmapped;
      gap.note = absl::StrCat("no row of ", from.id, " reaches it (unmapped is not unrelated)");
      for (const CatalogItem* up = &item; !up->parent.empty();) {
        up = to.Find(up->parent);
        if (up == nullptr) break;
        if (reached.count(up->ref)) {
          absl::StrAppend(&gap.note, "; its parent ", up->ref, " is reached, which says nothing about this part");
          break;
        }
      }
    }
    gaps.push_back(std::move(gap));
  }
  return gaps;
}

std::vector<const Term*> MappingEngine::FindTerms(absl::string_view query) const {
  std::vector<const Term*> exact;
  std::vector<const Term*> partial;
  const std::string key = MatchKey(query);
  for (const Term& term : data_.terms) {
    if (key.empty()) {
      exact.push_back(&term);
      continue;
    }
    bool is_exact = false;
    bool is_partial = false;
    for (const std::string* cell : {&term.term_en, &term.jis_ja, &term.itil_ja}) {
      for (const std::string& cell_key : CellKeys(*cell)) {
        if (cell_key == key) is_exact = true;
        if (cell_key.find(key) != std::string::npos) is_partial = true;
      }
    }
    if (is_exact) exact.push_back(&term);
    if (is_partial) partial.push_back(&term);
  }
  return exact.empty() ? partial : exact;
}

std::vector<const Annotation*> MappingEngine::AnnotationsOf(const Catalog& catalog,
                                                            absl::string_view ref) const {
  std::vector<const Annotation*> out;
  for (const Annotation& annotation : data_.annotations) {
    if (annotation.catalog == catalog.id && annotation.ref == ref) out.push_back(&annotation);
  }
  return out;
}

}  // namespace crosswalk::mapping
