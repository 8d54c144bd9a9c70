#include "tests/report/shipped_mappings.h"

#include <cstdlib>
#include <iostream>

#include "gateway/mapping/mapping_loader.h"

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

}  // namespace crosswalk::report
