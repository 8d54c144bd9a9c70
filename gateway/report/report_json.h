#ifndef CROSSWALK_GATEWAY_REPORT_REPORT_JSON_H_
#define CROSSWALK_GATEWAY_REPORT_REPORT_JSON_H_

// The JSON of one clause's coverage, as the coverage report writes it (report_render_json.cc),
// shared with the evidence pack so that both say the same thing in the same words.

#include <string>

#include "gateway/report/coverage.h"
#include "nlohmann/json.hpp"

namespace crosswalk::report {

// Display fields ("status_label", …) are in `lang`.
nlohmann::ordered_json ClauseCoverageJson(const ClauseCoverage& clause, const std::string& lang);

}  // namespace crosswalk::report

#endif  // CROSSWALK_GATEWAY_REPORT_REPORT_JSON_H_
