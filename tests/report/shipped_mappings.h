#ifndef CROSSWALK_TESTS_REPORT_SHIPPED_MAPPINGS_H_
#define CROSSWALK_TESTS_REPORT_SHIPPED_MAPPINGS_H_

// The shipped mapping data and normalisation rules (CROSSWALK_SOURCE_MAPPINGS_DIR), loaded once
// per test binary and kept for its lifetime, for report tests that need the real catalogs and
// crosswalks. A load failure aborts the binary with the loader's status: no test can run without
// them.

#include "gateway/mapping/mapping_engine.h"
#include "gateway/normalize/rule_set.h"

namespace crosswalk::report {

const mapping::MappingEngine& ShippedEngine();
const RuleSet& ShippedRules();

}  // namespace crosswalk::report

#endif  // CROSSWALK_TESTS_REPORT_SHIPPED_MAPPINGS_H_
