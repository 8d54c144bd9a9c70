#include "gateway/report/clause_evidence.h"

#include <set>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace crosswalk::report {

bool ControlInPlace(const std::string& status) {
  return status == "implemented" || status == "partially-implemented";
}

bool SplitCatalogRef(const std::string& target, std::string* catalog, std::string* ref) {
  const size_t hash = target.find('#');
  if (hash == std::string::npos || hash == 0 || hash + 1 == target.size()) return false;
  *catalog = target.substr(0, hash);
  *ref = target.substr(hash + 1);
  return true;
}

absl::StatusOr<ClauseEvidence> ClauseEvidence::Create(const mapping::MappingEngine* engine, const RuleSet* rules,
                                                      const std::string& target,
                                                      std::vector<MappingDecision> decisions) {
  auto catalog = engine->ResolveCatalog(target);
  if (!catalog.ok()) return catalog.status();
  const std::string& id = (*catalog)->id;
  if (id != "iso20000-1:2018" && id != "iso20000-1:2011") {
    return absl::InvalidArgumentError(absl::StrCat("report target '", target, "' is not iso20000-1:2018 or iso20000-1:2011"));
  }
  ClauseEvidence evidence(engine, rules, *catalog, std::move(decisions));
  for (const KindInfo& kind : rules->kinds()) {
    for (const std::string& ref : id == "iso20000-1:2018" ? kind.clauses_2018 : kind.clauses_2011) {
      if ((*catalog)->Find(ref) != nullptr) evidence.clauses_of_kind_[kind.kind].push_back(ref);
    }
  }
  return evidence;
}

const std::vector<std::string>* ClauseEvidence::ClausesOfKind(const std::string& kind) const {
  auto it = clauses_of_kind_.find(kind);
  return it == clauses_of_kind_.end() ? nullptr : &it->second;
}

const std::vector<std::pair<std::string, Reach>>& ClauseEvidence::ReachOf(const std::string& catalog,
                                                                          const std::string& ref,
                                                                          const std::string& to) {
  const std::string key = absl::StrCat(catalog, "#", ref, ">", to);
  auto cached = reach_cache_.find(key);
  if (cached != reach_cache_.end()) return cached->second;
  std::vector<std::pair<std::string, Reach>>& out = reach_cache_[key];
  auto from = engine_->ResolveCatalog(catalog);
  auto into = engine_->ResolveCatalog(to);
  if (!from.ok() || !into.ok()) return out;
  if ((*from)->id == (*into)->id) {  // the link names an item of `to` itself
    if ((*into)->Find(ref) != nullptr) out.push_back({ref, Reach{"", "equal", "", "", false}});
    return out;
  }
  mapping::MapQuery query;
  query.from = (*from)->id;
  query.to = (*into)->id;
  query.refs = {ref};
  query.best = true;
  query.candidates = true;
  query.decisions = &decisions_;
  auto answer = engine_->Map(query);
  if (!answer.ok()) return out;
  std::set<std::string> sound;
  for (const mapping::MapResult& result : answer->results) {
    if (result.to_ref.empty()) continue;  // a stated "no counterpart"
    const bool candidate = result.tier == mapping::MapResult::Tier::kCandidate;
    if (result.tier == mapping::MapResult::Tier::kRejected) continue;
    if (!candidate) sound.insert(result.to_ref);
    if (candidate && sound.count(result.to_ref) > 0) continue;  // a sound path reaches it already
    if (!candidate && result.label() == "no-relationship") continue;
    Reach reach;
    reach.candidate = candidate;
    reach.candidate_reason = candidate ? result.reason : "";
    reach.indirect = result.rows.size() >= 2;
    reach.relationship = result.label();
    std::vector<std::string> hops, sources;
    for (const mapping::PathHop& hop : result.path) hops.push_back(hop.ToString());
    for (const mapping::CrosswalkRow* row : result.rows) {
      sources.push_back(absl::StrCat(row->source, row->source_line > 0 ? absl::StrCat(" line ", row->source_line) : ""));
      reach.derived = reach.derived || row->basis == mapping::Basis::kDerived;
    }
    reach.derived = reach.derived || result.derived;
    reach.path = absl::StrJoin(hops, ">");
    reach.sources = absl::StrJoin(sources, " > ");
    out.push_back({result.to_ref, std::move(reach)});
  }
  return out;
}

RecordEvidence ClauseEvidence::Of(const Record& record) {
  RecordEvidence out;
  out.polarity = PolarityOfRecord(record, *rules_);
  const RecordKey key = KeyOf(record);
  const bool is_control = record.kind == "control";
  const bool is_document = record.kind == "documented-information";
  std::set<std::string> reached;  // a record counts once per clause, by the first way it reaches it
  if (!is_control && !is_document) {
    if (const std::vector<std::string>* refs = ClausesOfKind(record.kind)) {
      for (const std::string& ref : *refs) {
        if (!reached.insert(ref).second) continue;
        out.links.push_back({ref, ClauseRole::kEvidence,
                             {key, record.status, record.effective,
                              Reach{absl::StrCat("kind ", record.kind), "kind", "", "rules/kinds.csv", true},
                              out.polarity.Toward(/*by_kind=*/true), out.polarity.rule_id}});
      }
    }
  }
  for (const Link& link : record.links) {
    const bool implements = link.relation == "implements";
    if (link.relation != "clause" && !implements) continue;
    std::string catalog, ref;
    if (!SplitCatalogRef(link.target, &catalog, &ref)) continue;
    for (const auto& [to_ref, reach_of_link] : ReachOf(catalog, ref, target_->id)) {
      if (!reached.insert(to_ref).second) continue;
      // A control that is not applicable or not implemented supports nothing, not even a candidate.
      if (is_control && !ControlInPlace(record.status)) continue;
      Reach reach = reach_of_link;
      reach.via = absl::StrCat(link.relation, " ", link.target);
      const ClauseRole role = reach.candidate               ? ClauseRole::kCandidate
                              : is_control && implements ? ClauseRole::kControl
                              : is_document              ? ClauseRole::kDocument
                                                         : ClauseRole::kEvidence;
      out.links.push_back({to_ref, role,
                           {key, record.status, record.effective, std::move(reach),
                            out.polarity.Toward(/*by_kind=*/false), out.polarity.rule_id}});
    }
  }
  return out;
}

}  // namespace crosswalk::report
