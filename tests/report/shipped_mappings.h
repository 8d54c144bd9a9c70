#ifndef CROSSWALK_TESTS_REPORT_SHIPPED_MAPPINGS_H_
#define CROSSWALK_TESTS_REPORT_SHIPPED_MAPPINGS_H_

// The shipped mapping data and normalisation rules (CROSSWALK_SOURCE_MAPPINGS_DIR), loaded once
// per test binary and kept for its lifetime, for report tests that need the real catalogs and
// crosswalks. A load failure aborts the binary with the loader's status: no test can run without
// them.

#include "gateway/mapping/mapping_engine.h"
#include "gateway/normalize/rule_set.h"
#include "gateway/report/coverage.h"

namespace crosswalk::report {

const mapping::MappingEngine& ShippedEngine();
const RuleSet& ShippedRules();

// A record of source "s" for coverage tests: kind, native id, normalised status, effective date
// (YYYY-MM-DD, or null for none), links and attributes.
Record CoverageRecord(const std::string& kind, const std::string& id, const std::string& status,
                      const char* effective, std::vector<Link> links = {},
                      std::vector<Attribute> attributes = {});

// The clause `ref` of a coverage report; a test failure (and an empty clause) when it has none.
const ClauseCoverage& ClauseOf(const CoverageReport& report, const std::string& ref);

}  // namespace crosswalk::report

#endif  // CROSSWALK_TESTS_REPORT_SHIPPED_MAPPINGS_H_
