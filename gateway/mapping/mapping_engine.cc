#include "absl/strings/string_view.h"
#include "gateway/mapping/mapping_engine.h"

#include <algorithm>

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

absl::StatusOr<const Catalog*> MappingEngine::ResolveCatalog(absl::string_view id) const {
  if (const Catalog* catalog = data_.FindCatalog(id)) return catalog;
  const std::string key = MatchKey(id);
  std::vector<std::string> known;
  for (const Catalog& catalog : data_.catalogs) {
    if (MatchKey(catalog.id) == key) return &catalog;
    for (const std::string& alias : catalog.aliases) {
      if (MatchKey(alias) == key) return &catalog;
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

absl::StatusOr<std::vector<MapResult>> MappingEngine::Map(const MapQuery& query) const {
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

  // Every row between the two catalogs, read in the query's direction.
  auto oriented = [&](const CrosswalkRow& row) -> std::optional<MapResult> {
    MapResult result;
    result.row = &row;
    result.strength = row.strength;
    if (row.from == from.id && row.to == to.id) {
      result.from_ref = row.from_ref;
      result.to_ref = row.to_ref;
      result.relationship = row.relationship;
    } else if (row.from == to.id && row.to == from.id) {
      result.from_ref = row.to_ref;
      result.to_ref = row.from_ref;
      result.relationship = Inverse(row.relationship);
      result.inverted = true;
    } else {
      return std::nullopt;
    }
    return result;
  };

  std::vector<MapResult> results;
  if (query.refs.empty()) {
    for (const CrosswalkRow& row : data_.crosswalks) {
      if (auto result = oriented(row)) {
        result->path = {PathHop{from.id, result->from_ref}, PathHop{to.id, result->to_ref}};
        results.push_back(std::move(*result));
      }
    }
    return results;
  }

  for (const std::string& wanted : query.refs) {
    auto item_or = ResolveRef(from, wanted);
    if (!item_or.ok()) return item_or.status();
    const CatalogItem* item = *item_or;

    // The queried item, then its ancestors nearest first.
    std::vector<const CatalogItem*> chain = {item};
    for (const CatalogItem* up = item; !up->parent.empty();) {
      up = from.Find(up->parent);
      if (up == nullptr) break;
      chain.push_back(up);
    }
    for (size_t level = 0; level < chain.size(); ++level) {
      if (level > 0 && query.direct_only) break;
      for (const CrosswalkRow& row : data_.crosswalks) {
        auto result = oriented(row);
        if (!result || result->from_ref != chain[level]->ref) continue;
        result->from_ref = item->ref;
        result->derived = level > 0;
        if (result->derived) {
          std::optional<Relationship> inherited =
              InheritedRelationship(*chain[level], result->relationship);
          if (!inherited) continue;
          result->relationship = *inherited;
        }
        result->path.push_back(PathHop{from.id, item->ref});
        if (level > 0) result->path.push_back(PathHop{from.id, chain[level]->ref});
        result->path.push_back(PathHop{to.id, result->to_ref});
        results.push_back(std::move(*result));
      }
    }
  }
  return results;
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
