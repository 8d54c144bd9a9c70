#ifndef CROSSWALK_GATEWAY_REPORT_REPORT_LABELS_H_
#define CROSSWALK_GATEWAY_REPORT_REPORT_LABELS_H_

// The English and Japanese words the renderers print for coverage values and headings.

#include <string>

#include "absl/strings/string_view.h"
#include "gateway/report/record_view.h"
#include "gateway/report/service_targets.h"

namespace crosswalk::report {

// covered, partial, not-covered.
Label CoverageStatusLabel(absl::string_view status);
// 0–3 on the TR 20000-5 scale as the seed quotes it (JIP-ITSMS112-2.1 §4.5).
Label MaturityLabel(int maturity);
// current, stale, none.
Label FreshnessLabel(absl::string_view freshness);
// A heading or phrase used by several renderers, by key ("coverage", "gaps", "shared", …);
// the key itself when unknown.
Label Heading(absl::string_view key);

// Which resolution targets a service's figures were judged against, with where they came from:
// "service catalogue (catalogue/SVC-1)" / "サービスカタログ（catalogue/SVC-1）".
Label TargetsLabel(const AppliedTargets& targets);
// How resolution times were counted: "elapsed hours" / "経過時間", or "working hours: <calendar>".
Label CalendarLabel(const std::string& calendar);

// The label's text in `lang` (en or ja); the English when the Japanese is empty.
const std::string& In(const Label& label, const std::string& lang);

}  // namespace crosswalk::report

#endif  // CROSSWALK_GATEWAY_REPORT_REPORT_LABELS_H_
