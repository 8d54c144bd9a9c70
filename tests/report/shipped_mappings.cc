#include "tests/report/shipped_mappings.h"

#include <cstdlib>
#include <iostream>

#include "gateway/core/time_text.h"
#include "gateway/mapping/mapping_loader.h"
#include "gtest/gtest.h"

namespace crosswalk::report {
namespace {

template <typename T>
T Loaded(absl::StatusOr<T> loaded, const char* what) {
  if (!loaded.ok()) {
    std::cerr << "cannot load the shipped " << what << " from " << CROSSWALK_SOURCE_MAPPINGS_DIR << ": "
              << loaded.status() << "\n";
    std::abort();
  }
  return std::move(*loaded);
}

}  // namespace

const mapping::MappingEngine& ShippedEngine() {
  static const auto* engine =
      new mapping::MappingEngine(Loaded(mapping::LoadValidMappings(CROSSWALK_SOURCE_MAPPINGS_DIR), "mappings"));
  return *engine;
}

const RuleSet& ShippedRules() {
  static const RuleSet* rules = Loaded(RuleSet::Load(CROSSWALK_SOURCE_MAPPINGS_DIR), "rules").release();
  return *rules;
}

Record CoverageRecord(const std::string& kind, const std::string& id, const std::string& status,
                      const char* effective, std::vector<Link> links, std::vector<Attribute> attributes) {
  Record r;
  r.kind = kind;
  r.title = kind + " " + id;
  r.status = status;
  if (effective != nullptr) r.effective = *ParseTimestamp(effective);
  r.links = std::move(links);
  r.attributes = std::move(attributes);
  r.provenance.source = "s";
  r.provenance.native_id = id;
  r.provenance.native_kind = kind == "audit-finding" ? "audit_finding" : kind;
  r.provenance.location = "s.csv line " + id;
  return r;
}

const ClauseCoverage& ClauseOf(const CoverageReport& report, const std::string& ref) {
  for (const ClauseCoverage& c : report.clauses) {
    if (c.ref == ref) return c;
  }
  ADD_FAILURE() << "no clause " << ref;
  static const ClauseCoverage none;
  return none;
}

}  // namespace crosswalk::report
