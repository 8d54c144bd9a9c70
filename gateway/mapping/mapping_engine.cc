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
#include "gateway/mapping/path_search.h"

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

// Orders one queried ref's results: sound first, shorter paths first; with `best` one sound path
// per target ref; candidates only where no sound path reaches and no row states that the ref has
// no counterpart in `to`, one per target ref, none that a decision rejects (said in `rejected`).
void Settle(const MapQuery& query, const std::string& from, const std::string& to,
            std::vector<MapResult>& results, std::vector<MapResult>& rejected) {
  std::vector<MapResult> sound, candidates;
  for (MapResult& result : results) {
    (result.tier == MapResult::Tier::kSound ? sound : candidates).push_back(std::move(result));
  }
  auto shorter = [](const MapResult& a, const MapResult& b) { return a.rows.size() < b.rows.size(); };
  std::stable_sort(sound.begin(), sound.end(), shorter);
  // One per target ref, the Better one, counting what was set aside.
  auto keep_best = [](std::vector<MapResult>& list) {
    std::vector<MapResult> kept;
    for (MapResult& result : list) {
      auto same = std::find_if(kept.begin(), kept.end(),
                               [&](const MapResult& k) { return k.to_ref == result.to_ref; });
      if (same == kept.end()) {
        kept.push_back(std::move(result));
      } else {
        const int set_aside = same->set_aside + 1;
        if (Better(result, *same)) *same = std::move(result);
        same->set_aside = set_aside;
      }
    }
    list = std::move(kept);
  };
  if (query.best) keep_best(sound);
  // A stated "no counterpart in `to`" (an empty to_ref) outweighs every candidate.
  std::set<std::string> reached;
  for (const MapResult& result : sound) reached.insert(result.to_ref);
  if (reached.count("")) candidates.clear();
  candidates.erase(std::remove_if(candidates.begin(), candidates.end(),
                                  [&](const MapResult& c) { return reached.count(c.to_ref) > 0; }),
                   candidates.end());
  keep_best(candidates);
  if (query.decisions != nullptr) {
    auto rejection = [&](const MapResult& c) -> const MappingDecision* {
      for (const MappingDecision& d : *query.decisions) {
        if (d.verdict != MappingDecision::Verdict::kReject) continue;
        if ((d.from == from && d.from_ref == c.from_ref && d.to == to && d.to_ref == c.to_ref) ||
            (d.from == to && d.from_ref == c.to_ref && d.to == from && d.to_ref == c.from_ref)) {
          return &d;
        }
      }
      return nullptr;
    };
    std::vector<MapResult> kept;
    for (MapResult& candidate : candidates) {
      if (const MappingDecision* d = rejection(candidate)) {
        candidate.tier = MapResult::Tier::kRejected;
        candidate.reason = absl::StrCat("rejected by ", d->by, " (decision #", d->id, "): ", d->reason,
                                        "; the candidate: ", candidate.reason);
        rejected.push_back(std::move(candidate));
      } else {
        kept.push_back(std::move(candidate));
      }
    }
    candidates = std::move(kept);
  }
  std::stable_sort(candidates.begin(), candidates.end(), shorter);
  results = std::move(sound);
  for (MapResult& candidate : candidates) results.push_back(std::move(candidate));
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
  auto organisation_rows = std::make_shared<std::vector<CrosswalkRow>>();
  if (query.decisions != nullptr) *organisation_rows = OrganisationRows(*query.decisions);
  answer.organisation_rows = organisation_rows;
  if (query.refs.empty()) {
    std::vector<const CrosswalkRow*> stated;
    for (const CrosswalkRow& row : data_.crosswalks) stated.push_back(&row);
    for (const CrosswalkRow& row : *organisation_rows) stated.push_back(&row);
    for (const CrosswalkRow* stated_row : stated) {
      const CrosswalkRow& row = *stated_row;
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
    PathSearch(data_, *organisation_rows, query, to).From(from, **item, one);
    Settle(query, from.id, to.id, one.results, answer.rejected);
    for (MapResult& result : one.results) answer.results.push_back(std::move(result));
    for (std::string& note : one.notes) answer.notes.push_back(std::move(note));
  }
  return answer;
}

absl::string_view Name(MapResult::Tier tier) {
  switch (tier) {
    case MapResult::Tier::kSound: return "sound";
    case MapResult::Tier::kCandidate: return "candidate";
    case MapResult::Tier::kRejected: return "rejected";
  }
  return "?";
}

absl::string_view Name(Gap::Status status) {
  switch (status) {
    case Gap::Status::kUnmapped: return "unmapped";
    case Gap::Status::kNoCounterpart: return "no-counterpart";
    case Gap::Status::kPartial: return "partial";
    case Gap::Status::kCandidate: return "candidate";
  }
  return "?";
}

namespace {

// "A.5.24 (subset-of; source > source)", or with the candidate's reason.
std::string DescribeReach(const MapResult& result) {
  std::string sources;
  for (const CrosswalkRow* row : result.rows) absl::StrAppend(&sources, sources.empty() ? "" : " > ", row->source);
  if (result.tier == MapResult::Tier::kCandidate) {  // the kind of candidate, not its whole reason
    const absl::string_view kind = absl::string_view(result.reason).substr(0, result.reason.find(':'));
    return absl::StrCat(result.from_ref, " (candidate, ", kind, "; ", sources, ")");
  }
  return absl::StrCat(result.from_ref, " (", result.label(), "; ", sources, ")");
}

// "reached by a, b and 3 more": sorted, unique, at most eight named.
std::string ListOf(absl::string_view lead, std::vector<std::string> list) {
  std::sort(list.begin(), list.end());
  list.erase(std::unique(list.begin(), list.end()), list.end());
  constexpr size_t kShown = 8;
  const size_t more = list.size() > kShown ? list.size() - kShown : 0;
  list.resize(std::min(list.size(), kShown));
  return absl::StrCat(lead, absl::StrJoin(list, ", "), more ? absl::StrCat(" and ", more, " more") : "");
}

}  // namespace

absl::StatusOr<std::vector<Gap>> MappingEngine::Gaps(const std::string& from_id, const std::string& to_id,
                                                     int max_hops,
                                                     const std::vector<MappingDecision>* decisions) const {
  MapQuery query;
  query.from = from_id;
  query.to = to_id;
  query.max_hops = max_hops;
  query.candidates = true;
  query.decisions = decisions;
  auto from_or = ResolveCatalog(from_id);
  if (!from_or.ok()) return from_or.status();
  const Catalog& from = **from_or;
  for (const CatalogItem& item : from.items) query.refs.push_back(item.ref);
  auto answer = Map(query);
  if (!answer.ok()) return answer.status();
  const Catalog& to = **ResolveCatalog(to_id);

  struct Reach {
    bool covered = false;
    std::vector<std::string> partial;     // sound paths that do not cover it
    std::vector<std::string> candidates;  // candidates only
  };
  std::map<std::string, Reach> reached;
  for (const MapResult& result : answer->results) {
    if (result.to_ref.empty()) continue;
    Reach& reach = reached[result.to_ref];
    if (result.tier == MapResult::Tier::kCandidate) {
      reach.candidates.push_back(DescribeReach(result));
      continue;
    }
    const bool covers = result.relations.IsSingle() &&
                        (result.relations.Contains(BaseRelation::kEqual) ||
                         result.relations.Contains(BaseRelation::kProperPartInverse));
    if (covers) {
      reach.covered = true;
    } else if (!result.relations.IsSingle() || !result.relations.Contains(BaseRelation::kDisjoint)) {
      reach.partial.push_back(DescribeReach(result));
    }
  }
  auto soundly_reached = [&](const std::string& ref) {
    auto it = reached.find(ref);
    return it != reached.end() && (it->second.covered || !it->second.partial.empty());
  };
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
    const auto found = reached.find(item.ref);
    const Reach reach = found != reached.end() ? found->second : Reach{};
    if (reach.covered) continue;
    Gap gap;
    gap.to_ref = item.ref;
    std::vector<std::string> parts;
    for (const CatalogItem* part : Descendants(to, item.ref)) {
      if (soundly_reached(part->ref)) parts.push_back(part->ref);
    }
    if (!reach.partial.empty()) {
      gap.status = Gap::Status::kPartial;
      gap.note = ListOf("reached by ", reach.partial);
    } else if (!parts.empty()) {
      gap.status = Gap::Status::kPartial;
      gap.note = ListOf("reached only through its parts ", parts);
    } else if (auto stated = none.find(item.ref); stated != none.end()) {
      // A stated "no counterpart" outweighs what the algebra could not prove.
      gap.status = Gap::Status::kNoCounterpart;
      gap.note = stated->second;
    } else if (!reach.candidates.empty()) {
      gap.status = Gap::Status::kCandidate;
      gap.note = ListOf("reached only by candidates, which count for nothing until confirmed: ",
                        reach.candidates);
    } else {
      gap.status = Gap::Status::kUnmapped;
      gap.note = absl::StrCat("no row of ", from.id, " reaches it (unmapped is not unrelated)");
    }
    if (gap.status == Gap::Status::kPartial) {
      if (auto stated = none.find(item.ref); stated != none.end()) {
        absl::StrAppend(&gap.note, "; but stated to have no counterpart: ", stated->second);
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
