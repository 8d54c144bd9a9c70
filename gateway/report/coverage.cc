#include "gateway/report/coverage.h"

#include <algorithm>
#include <cstdint>
#include <tuple>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gateway/report/polarity.h"

namespace crosswalk::report {
namespace {

constexpr int64_t kDay = 86400;
constexpr int64_t kDefaultCadenceDays = 365;

// Relationships by which what the source has covers the target item entirely.
bool Covers(const std::string& relationship) {
  return relationship == "equal" || relationship == "equivalent" || relationship == "superset-of";
}

std::string GroupOf(const std::string& ref) { return ref.substr(0, ref.find('.')); }

int DepthOf(const std::string& ref) { return static_cast<int>(std::count(ref.begin(), ref.end(), '.')); }

// True when a record reaches the clause as (a part of) it: by the clause's own kind, naming the
// clause, or through a path that is equal, equivalent or subset-of. A failure of such an item is a
// failure within the clause; one of an item that only overlaps it (intersects-with, related) or
// contains it (superset-of) may lie outside.
bool Within(const Reach& reach) {
  return reach.relationship == "kind" || reach.relationship == "equal" || reach.relationship == "equivalent" ||
         reach.relationship == "subset-of";
}

bool ByKey(const ClauseRecord& a, const ClauseRecord& b) {
  return std::tie(a.record.source, a.record.native_id) < std::tie(b.record.source, b.record.native_id);
}

bool NewestFirst(const ClauseRecord& a, const ClauseRecord& b) {
  const int64_t a_day = a.effective.value_or(INT64_MIN), b_day = b.effective.value_or(INT64_MIN);
  if (a_day != b_day) return a_day > b_day;
  return ByKey(a, b);
}

// Keeps the first `max` records in `order`, whatever order they arrive in, so that the same records
// give the same report (and the same OSCAL uuids).
void Keep(std::vector<ClauseRecord>& listed, const ClauseRecord& item, size_t max,
          bool (*order)(const ClauseRecord&, const ClauseRecord&) = ByKey) {
  listed.insert(std::upper_bound(listed.begin(), listed.end(), item, order), item);
  if (listed.size() > max) listed.pop_back();
}

// "iso27001:2022 certificate C-1 (Body)"
std::string CertificateName(const Certification& c) {
  return absl::StrCat(c.standard, " certificate ", c.certificate, c.body.empty() ? "" : absl::StrCat(" (", c.body, ")"));
}

// Clauses 4–10 of a management-system standard: the harmonized structure a certification covers.
bool IsManagementSystemClause(const mapping::CatalogItem& item) {
  if (item.kind != "clause") return false;
  const std::string group = GroupOf(item.ref);
  return group.size() <= 2 && !group.empty() && std::all_of(group.begin(), group.end(), ::isdigit) &&
         std::stoi(group) >= 4 && std::stoi(group) <= 10;
}

}  // namespace

absl::StatusOr<CoverageBuilder> CoverageBuilder::Create(const mapping::MappingEngine* engine,
                                                        const RuleSet* rules,
                                                        CoverageOptions options) {
  auto evidence = ClauseEvidence::Create(engine, rules, options.target, options.organisation.decisions);
  if (!evidence.ok()) return evidence.status();
  options.target = evidence->target().id;
  CoverageBuilder builder(engine, std::move(*evidence), std::move(options));
  for (const KindInfo& kind : rules->kinds()) {
    const DurationRow* cadence = builder.options_.cadence.Find(kind.kind);
    const int64_t days = cadence != nullptr ? cadence->amount : kDefaultCadenceDays;
    const std::vector<std::string>* refs = builder.evidence_.ClausesOfKind(kind.kind);
    for (const std::string& ref : refs != nullptr ? *refs : std::vector<std::string>{}) {
      auto [it, inserted] = builder.cadence_of_clause_.emplace(ref, days);
      if (!inserted) it->second = std::min(it->second, days);
    }
  }
  builder.CreditCertifications();
  return builder;
}

CoverageBuilder::CoverageBuilder(const mapping::MappingEngine* engine, ClauseEvidence evidence,
                                 CoverageOptions options)
    : engine_(engine), evidence_(std::move(evidence)), target_(&evidence_.target()), options_(std::move(options)) {}

void CoverageBuilder::CreditCertifications() {
  for (const Certification& certification : options_.organisation.certifications) {
    if (options_.as_of > certification.valid_until) {
      expired_.push_back(certification);
      continue;
    }
    auto catalog = engine_->ResolveCatalog(certification.standard);
    if (!catalog.ok()) continue;
    certified_.push_back(certification);
    const std::string name = CertificateName(certification);
    std::set<std::string> parents;
    for (const mapping::CatalogItem& item : (*catalog)->items) parents.insert(item.parent);
    for (const mapping::CatalogItem& item : (*catalog)->items) {
      if (!IsManagementSystemClause(item) || parents.count(item.ref) > 0) continue;
      const RecordKey key{"certification", absl::StrCat(certification.standard, "#", item.ref), name, "certified-clause"};
      std::set<std::string> reached;
      for (const auto& [to_ref, reach_of_clause] : evidence_.ReachOf((*catalog)->id, item.ref, target_->id)) {
        if (reach_of_clause.candidate || !reached.insert(to_ref).second) continue;
        Reach reach = reach_of_clause;
        reach.via = absl::StrCat("certified ", name, " clause ", item.ref);
        AddControl(to_ref, {key, "certified", certification.last_audit, reach});
        Tally& tally = tallies_[to_ref];
        if (std::find(tally.certifications.begin(), tally.certifications.end(), name) == tally.certifications.end()) {
          tally.certifications.push_back(name);
        }
        certified_refs_.insert(to_ref);
      }
    }
  }
}

void CoverageBuilder::Add(const Record& record) {
  ++records_read_;
  if (options_.as_of > 0 && record.effective && *record.effective > options_.as_of) {
    ++excluded_after_as_of_;  // the evidence speaks of a day after the report date
    return;
  }
  const RecordEvidence evidence = evidence_.Of(record);
  const PolarityOf& polarity = evidence.polarity;
  if (polarity.finding_unknown) ++unknown_findings_[polarity.finding];
  for (const ClauseLink& link : evidence.links) {
    switch (link.role) {
      case ClauseRole::kCandidate: {  // never coverage until the organisation confirms the mapping
        Tally& tally = tallies_[link.clause];
        ++tally.candidates;
        Keep(tally.candidates_listed, link.item, static_cast<size_t>(options_.max_listed));
        break;
      }
      case ClauseRole::kControl: AddControl(link.clause, link.item); break;
      case ClauseRole::kDocument: AddDocument(link.clause, link.item); break;
      case ClauseRole::kEvidence: AddEvidence(link.clause, link.item); break;
    }
  }
  // What the ISMS or QMS gives the SMS lists supporting items only.
  if (polarity.Toward(/*by_kind=*/false) == kSupports) AddShared(record, KeyOf(record));
}

void CoverageBuilder::AddEvidence(const std::string& ref, const ClauseRecord& item) {
  Tally& tally = tallies_[ref];
  if (item.polarity == kNeutral) {
    ++tally.neutral;
    return;
  }
  if (item.polarity == kAgainst) {
    ++tally.against;
    if (Within(item.reach)) ++tally.against_within;
    Keep(tally.against_listed, item, static_cast<size_t>(options_.max_listed));
    return;
  }
  ++tally.evidence;
  if (item.reach.indirect) ++tally.indirect;
  auto cadence = cadence_of_clause_.find(ref);
  const int64_t days = cadence == cadence_of_clause_.end() ? kDefaultCadenceDays : cadence->second;
  if (item.effective) {
    if (!tally.newest || *item.effective > *tally.newest) tally.newest = item.effective;
    if (options_.as_of - *item.effective <= days * kDay) ++tally.current;
  }
  Keep(tally.evidence_listed, item, static_cast<size_t>(options_.max_listed), NewestFirst);
}

void CoverageBuilder::AddControl(const std::string& ref, const ClauseRecord& item) {
  Tally& tally = tallies_[ref];
  ++tally.controls;
  Keep(tally.controls_listed, item, static_cast<size_t>(options_.max_listed));
}

void CoverageBuilder::AddDocument(const std::string& ref, const ClauseRecord& item) {
  Tally& tally = tallies_[ref];
  ++tally.documents;
  Keep(tally.documents_listed, item, static_cast<size_t>(options_.max_listed));
}

void CoverageBuilder::AddShared(const Record& record, const RecordKey& key) {
  if (record.links.empty() || (record.kind == "control" && !ControlInPlace(record.status))) return;
  SharedItem item;
  item.record = key;
  item.title = record.title;
  item.status = record.status;
  std::vector<std::string> standards = {target_->id};
  standards.insert(standards.end(), options_.standards.begin(), options_.standards.end());
  std::set<std::string> seen;
  for (const std::string& standard : standards) {
    auto catalog_of = engine_->ResolveCatalog(standard);
    for (const Link& link : record.links) {
      std::string catalog, ref;
      if (!SplitCatalogRef(link.target, &catalog, &ref)) continue;
      for (const auto& [to_ref, reach] : evidence_.ReachOf(catalog, ref, standard)) {
        if (reach.candidate) continue;
        if (!seen.insert(absl::StrCat(standard, "#", to_ref)).second) continue;
        Served served{standard, to_ref, "", reach};
        served.reach.via = absl::StrCat(link.relation, " ", link.target);
        if (catalog_of.ok()) {
          if (const mapping::CatalogItem* it = (*catalog_of)->Find(to_ref)) {
            served.title_en = it->title_en;
            served.title_ja = it->title_ja;
          }
        }
        item.serves.push_back(std::move(served));
      }
    }
  }
  std::set<std::string> standards_served;
  for (const Served& served : item.serves) standards_served.insert(served.catalog);
  item.standards = static_cast<int>(standards_served.size());
  item.requirements = static_cast<int>(item.serves.size());
  if (item.standards >= 2) shared_.push_back(std::move(item));
}

void CoverageBuilder::Settle(ClauseCoverage& clause, const Tally& tally) const {
  clause.evidence_count = tally.evidence;
  clause.current_evidence = tally.current;
  clause.control_count = tally.controls;
  clause.document_count = tally.documents;
  clause.against_count = tally.against;
  clause.against_overlapping = tally.against - tally.against_within;
  clause.against = tally.against_listed;
  clause.neutral_count = tally.neutral;
  clause.candidate_count = tally.candidates;
  clause.candidates = tally.candidates_listed;
  clause.indirect_evidence = tally.indirect;
  clause.certifications = tally.certifications;
  clause.evidence = tally.evidence_listed;
  std::stable_sort(clause.evidence.begin(), clause.evidence.end(), [](const ClauseRecord& a, const ClauseRecord& b) {
    return a.effective.value_or(INT64_MIN) > b.effective.value_or(INT64_MIN);
  });
  clause.controls = tally.controls_listed;
  clause.documents = tally.documents_listed;
  clause.newest_evidence = tally.newest;
  auto cadence = cadence_of_clause_.find(clause.ref);
  clause.cadence_days = cadence == cadence_of_clause_.end() ? kDefaultCadenceDays : cadence->second;
  clause.freshness = tally.evidence == 0 ? "none" : tally.current > 0 ? "current" : "stale";

  bool controls_cover = false;
  for (const ClauseRecord& control : tally.controls_listed) controls_cover = controls_cover || Covers(control.reach.relationship);
  if (tally.evidence > 0) {
    clause.status = "covered";
    clause.reason = {absl::StrCat(tally.evidence, " evidence records (", tally.current, " within ", clause.cadence_days, " days)"),
                     absl::StrCat("証跡レコード ", tally.evidence, " 件（うち ", clause.cadence_days, " 日以内 ", tally.current, " 件）")};
  } else if (tally.documents > 0) {
    // Documented information is itself what the management-system clauses ask for (a policy, a
    // plan); it covers the clause, but without operational records it shows no implementation.
    clause.status = "covered";
    clause.reason = {absl::StrCat(tally.documents, " documents, no operational records"),
                     absl::StrCat("文書 ", tally.documents, " 件（運用の記録なし）")};
  } else if (tally.controls > 0) {
    clause.status = "partial";
    clause.caution = true;
    clause.reason = {absl::StrCat("no evidence records; ", tally.controls, " mapped controls",
                                  controls_cover ? "" : " (each covers only part of the clause)"),
                     absl::StrCat("証跡レコードなし。対応付けられた管理策 ", tally.controls, " 件",
                                  controls_cover ? "" : "（いずれも箇条の一部のみ）")};
  } else if (tally.candidates > 0) {
    clause.status = "candidate";
    clause.reason = {absl::StrCat("reached only through ", tally.candidates,
                                  " candidate mappings, not counted until the organisation confirms one"),
                     absl::StrCat("候補の対応付け ", tally.candidates, " 件のみ（組織が確認するまで対応とみなさない）")};
  } else {
    clause.status = "not-covered";
    clause.reason = {"neither evidence records nor mapped controls", "証跡レコードも対応付けられた管理策もない"};
  }
  if (!tally.certifications.empty()) {
    const std::string names = absl::StrJoin(tally.certifications, "; ");
    std::vector<std::string> beyond_en, beyond_ja;
    for (const Label& topic : clause.unique_topics) {
      beyond_en.push_back(topic.en);
      beyond_ja.push_back(topic.ja);
    }
    clause.reason.en += absl::StrCat("; credited by ", names, " through the crosswalks: a certified ISMS or QMS "
                                     "shares the core of this clause, 20000-1 asks for it for the services of the SMS",
                                     beyond_en.empty() ? "" : absl::StrCat(" and beyond it: ", absl::StrJoin(beyond_en, "; ")));
    clause.reason.ja += absl::StrCat("。認証 ", names, " により対応付けで充当（共通の中核部分のみ。JIS Q 20000-1 はSMSのサービスについて求める",
                                     beyond_ja.empty() ? "" : absl::StrCat("。さらに：", absl::StrJoin(beyond_ja, "、")), "）");
  }

  // Maturity on the TR 20000-5 scale the seed quotes (§4.5, lines 4202-4211): 0 not implemented, 1 partially
  // implemented, 2 implemented without a formal documented procedure, 3 documented and implemented.
  if (tally.current > 0 && tally.documents > 0) {
    clause.maturity = 3;
    clause.maturity_rule = "maturity.3.documented-and-operating";
  } else if (tally.current > 0) {
    clause.maturity = 2;
    clause.maturity_rule = "maturity.2.operating-undocumented";
  } else if (tally.evidence > 0 || tally.controls > 0 || tally.documents > 0) {
    clause.maturity = 1;
    clause.maturity_rule = tally.evidence > 0 ? "maturity.1.stale-evidence" : "maturity.1.controls-or-documents-only";
  } else {
    clause.maturity = 0;
    clause.maturity_rule = "maturity.0.nothing";
  }
  // Evidence reached only through chains of mappings is weaker than a record of the clause's own
  // kind or one naming the clause: alone it shows at most a partial implementation.
  if (tally.evidence > 0 && tally.indirect == tally.evidence && clause.maturity > 1) {
    clause.maturity = 1;
    clause.maturity_rule = "maturity.1.indirect-evidence-only";
    clause.reason.en += "; every evidence record reaches the clause through a chain of mappings, weaker than records of its own kind";
    clause.reason.ja += "。証跡はいずれも対応付けの連鎖を経たもので、箇条自体の種類の記録より弱い";
  }
  // Open evidence against the clause: nonconforming whatever else supports it, and at most
  // partially implemented until it is closed. Evidence against a requirement that only overlaps
  // the clause is said, not counted: the failure may be outside the clause.
  if (tally.against > tally.against_within) {
    const ClauseRecord* first = nullptr;
    for (const ClauseRecord& item : tally.against_listed) {
      if (!Within(item.reach) && first == nullptr) first = &item;
    }
    const std::string which = first == nullptr ? "" : absl::StrCat(first->record.kind, " ", first->record.native_id, ", ",
                                                                    first->reach.via, ", ", first->reach.relationship);
    clause.reason.en += absl::StrCat("; ", tally.against - tally.against_within,
                                     " open records against a requirement that only overlaps this clause (first: ", which,
                                     "): they may concern it, check them; not counted");
    clause.reason.ja += absl::StrCat("。この箇条と重なるだけの要求事項に反する未解決の記録 ", tally.against - tally.against_within,
                                     " 件（最初：", which, "）：この箇条に関わる可能性があるため確認してください（数えていません）");
  }
  if (tally.against_within > 0) {
    const ClauseRecord* first_within = &tally.against_listed.front();
    for (const ClauseRecord& item : tally.against_listed) {
      if (Within(item.reach)) {
        first_within = &item;
        break;
      }
    }
    const ClauseRecord& first = *first_within;
    clause.status = "nonconforming";
    clause.caution = false;
    clause.reason = {absl::StrCat(tally.against_within, " open records against the clause (first: ", first.record.kind, " ",
                                  first.record.native_id, ", rule ", first.polarity_rule, "); ", clause.reason.en),
                     absl::StrCat("箇条に反する未解決の記録 ", tally.against_within, " 件（最初：", first.record.kind, " ",
                                  first.record.native_id, "、規則 ", first.polarity_rule, "）。", clause.reason.ja)};
    clause.maturity = std::min(clause.maturity, 1);
    clause.maturity_rule = "maturity.cap.open-against-evidence";
  }
}

CoverageReport CoverageBuilder::Finish() {
  CoverageReport report;
  report.target = target_->id;
  report.target_title = target_->title;
  report.records_read = records_read_;
  report.excluded_after_as_of = excluded_after_as_of_;
  report.unknown_findings = unknown_findings_;
  report.certified = certified_;
  report.expired = expired_;
  report.caution = {
      "A mapped ISMS or QMS control shows a related requirement, not that this 20000-1 requirement is met "
      "(JIP-ITSMS112-2.1, note under Table 5-1, line 5961): check the clause against its own evidence.",
      "関連するISMS・QMSの管理策があっても、このJIS Q 20000-1の要求事項を満たしているとは限らない"
      "（JIP-ITSMS112-2.1 表5-1の注記、5961行）。箇条自体の証跡で確認すること。"};
  std::set<std::string> parents;
  for (const mapping::CatalogItem& item : target_->items) parents.insert(item.parent);
  std::map<std::string, std::vector<Label>> unique_topics;
  for (const mapping::Topic& topic : engine_->data().topics) {
    if (topic.region != "20000-1-only" || topic.ref.empty()) continue;
    // A topic names a whole clause; when no row maps that clause itself (2011 clause 5 is mapped
    // part by part), its parts stand for it.
    std::vector<std::string> refs = {topic.ref};
    auto catalog = engine_->ResolveCatalog(topic.catalog);
    if (evidence_.ReachOf(topic.catalog, topic.ref, target_->id).empty() && catalog.ok()) {
      for (const mapping::CatalogItem& item : (*catalog)->items) {
        if (item.parent == topic.ref) refs.push_back(item.ref);
      }
    }
    std::set<std::string> named;
    for (const std::string& ref : refs) {
      for (const auto& [to_ref, reach] : evidence_.ReachOf(topic.catalog, ref, target_->id)) {
        if (named.insert(to_ref).second) unique_topics[to_ref].push_back({topic.topic_en, topic.topic_ja});
      }
    }
  }
  for (const mapping::CatalogItem& item : target_->items) {
    if (item.kind != "clause") continue;
    ClauseCoverage clause;
    clause.ref = item.ref;
    clause.parent = item.parent;
    clause.title_en = item.title_en;
    clause.title_ja = item.title_ja;
    clause.group = GroupOf(item.ref);
    clause.depth = DepthOf(item.ref);
    clause.leaf = parents.count(item.ref) == 0;
    auto topics = unique_topics.find(item.ref);
    if (topics != unique_topics.end()) clause.unique_topics = topics->second;
    auto tally = tallies_.find(item.ref);
    Settle(clause, tally == tallies_.end() ? Tally{} : tally->second);
    report.clauses.push_back(std::move(clause));
  }
  // A clause with parts is covered only when every part is (its own records cannot make up for
  // a part without any), nonconforming when it or any part is, partial when it or any part has
  // something, and as mature as the least mature of its parts and, when it has records of its
  // own, itself. Parts come after their clause in catalog order, so walking backwards settles
  // every part first.
  for (auto it = report.clauses.rbegin(); it != report.clauses.rend(); ++it) {
    if (it->leaf) continue;
    const bool own = it->evidence_count + it->control_count + it->document_count > 0;
    const bool own_against = it->against_count > it->against_overlapping;
    bool all_covered = true, any = own, nonconforming = own_against, candidate = it->candidate_count > 0;
    int least = own ? it->maturity : 3;
    std::map<std::string, int> by_status;
    for (const ClauseCoverage& part : report.clauses) {
      if (part.parent != it->ref) continue;
      all_covered = all_covered && part.status == "covered";
      any = any || part.status == "covered" || part.status == "partial" || part.status == "nonconforming";
      nonconforming = nonconforming || part.status == "nonconforming";
      candidate = candidate || part.status == "candidate";
      least = std::min(least, part.maturity);
      ++by_status[part.status];
    }
    it->status = nonconforming ? "nonconforming" : all_covered ? "covered" : any ? "partial" : candidate ? "candidate" : "not-covered";
    it->caution = it->caution && it->status == "partial";
    it->maturity = least;
    it->maturity_rule = "maturity.rollup.least-of-parts";
    if (own_against && it->maturity > 1) {  // its own open evidence against it
      it->maturity = 1;
      it->maturity_rule = "maturity.cap.open-against-evidence";
    }
    const std::string own_en = own || it->against_count > 0 ? absl::StrCat("; its own: ", it->reason.en) : "";
    const std::string own_ja = own || it->against_count > 0 ? absl::StrCat("。箇条自体：", it->reason.ja) : "";
    // (own_against: against evidence within the parent itself; overlapping ones are only said)
    it->reason = {absl::StrCat("parts: ", by_status["covered"], " covered, ", by_status["partial"], " partial, ",
                               by_status["nonconforming"], " nonconforming, ", by_status["candidate"], " candidate, ",
                               by_status["not-covered"], " not covered", own_en),
                  absl::StrCat("細分箇条：証跡あり ", by_status["covered"], "、部分的 ", by_status["partial"], "、不適合 ",
                               by_status["nonconforming"], "、候補 ", by_status["candidate"], "、未対応 ",
                               by_status["not-covered"], own_ja)};
  }
  for (ClauseCoverage& clause : report.clauses) {
    if (!certified_.empty() && clause.leaf && certified_refs_.count(clause.ref) == 0) {
      report.beyond_certified.push_back(clause.ref);
    }
    for (const ClauseAssessment& assessment : options_.organisation.assessments) {
      if (assessment.target != report.target || assessment.clause != clause.ref) continue;
      clause.assessment = assessment;
      clause.disagrees = (!assessment.status.empty() && assessment.status != clause.status) ||
                         (assessment.maturity && *assessment.maturity != clause.maturity);
    }
  }
  for (const ClauseCoverage& clause : report.clauses) {
    if (clause.depth != 0) continue;
    ClauseGroup group{clause.ref, clause.title_en, clause.title_ja};
    for (const ClauseCoverage& part : report.clauses) {
      if (part.group != clause.ref || !part.leaf) continue;
      ++group.leaves;
      group.maturity_sum += part.maturity;
      const std::string& st = part.status;
      (st == "covered" ? group.covered : st == "partial" ? group.partial : st == "candidate" ? group.candidate
       : st == "nonconforming" ? group.nonconforming : group.not_covered)++;
    }
    report.groups.push_back(group);
  }
  std::stable_sort(shared_.begin(), shared_.end(), [](const SharedItem& a, const SharedItem& b) {
    if (a.requirements != b.requirements) return a.requirements > b.requirements;
    return KeyLess(a.record, b.record);
  });
  report.shared = std::move(shared_);
  return report;
}

}  // namespace crosswalk::report
