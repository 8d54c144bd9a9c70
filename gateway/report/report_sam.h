#ifndef CROSSWALK_GATEWAY_REPORT_REPORT_SAM_H_
#define CROSSWALK_GATEWAY_REPORT_REPORT_SAM_H_

// The SAM part of the JSON report of kind all ("sam") and of the HTML dashboard (section id
// "sam"); every figure of the section is marked with its path in that JSON (report_html.h).

#include <string>

#include "gateway/report/sam_summary.h"
#include "nlohmann/json.hpp"

namespace crosswalk::report {

nlohmann::ordered_json SamJson(const SamSummary& sam, const std::string& lang);
std::string SamSectionHtml(const SamSummary& sam, const std::string& lang);

}  // namespace crosswalk::report

#endif  // CROSSWALK_GATEWAY_REPORT_REPORT_SAM_H_
