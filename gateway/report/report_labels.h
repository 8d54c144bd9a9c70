#ifndef CROSSWALK_GATEWAY_REPORT_REPORT_LABELS_H_
#define CROSSWALK_GATEWAY_REPORT_REPORT_LABELS_H_

// The English and Japanese words the renderers print: headings, coverage statuses, maturity,
// freshness, severities, outcomes, strengths, bases and relationship names. The text is data,
// mappings/reports/labels.csv (key,en,ja), never C++: keys are "<group>.<name>" (heading.gaps,
// status.covered, maturity.2, severity.high, relationship.subset-of, evidence.title, …).

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "gateway/report/record_view.h"
#include "gateway/report/service_targets.h"

namespace crosswalk::report {

// Reads `mappings_dir`/reports/labels.csv and makes it the table the renderers use (the gateway
// calls it when it loads the mapping data). INVALID_ARGUMENT at file:line:column for a key that is
// empty, repeated or not "<group>.<name>", or a row without its en or ja text; the table in use is
// then unchanged. When nothing was installed, the first lookup installs the default mappings'.
absl::Status InstallReportLabels(const std::string& mappings_dir);

// Every key of the table in use (for the tests that check renderings against the data).
std::vector<std::string> ReportLabelKeys();
// The keys a renderer asked for that the table in use lacks, in the order first asked; such a
// label prints as its key. A test renders every report and asserts this stays empty.
std::vector<std::string> MissingReportLabels();

// covered, partial, candidate, nonconforming, not-covered.
Label CoverageStatusLabel(absl::string_view status);
// 0–3 on the TR 20000-5 scale as the seed quotes it (JIP-ITSMS112-2.1 §4.5).
Label MaturityLabel(int maturity);
// current, stale, none.
Label FreshnessLabel(absl::string_view freshness);
// A heading or phrase used by several renderers, by key ("coverage", "gaps", "shared", …).
Label Heading(absl::string_view key);
// A value of a field shown to people: ValueLabel("severity", "high"), ("outcome", "fail"),
// ("strength", "MUST"), ("basis", "seed"), ("relationship", "subset-of"), ("evidence", "title").
// An empty value is an empty label.
Label ValueLabel(absl::string_view group, absl::string_view value);

// Which resolution targets a service's figures were judged against, with where they came from:
// "service catalogue (catalogue/SVC-1)" / "サービスカタログ（catalogue/SVC-1）".
Label TargetsLabel(const AppliedTargets& targets);
// How resolution times were counted: "elapsed hours" / "経過時間", or "working hours: <calendar>".
Label CalendarLabel(const std::string& calendar);

// The label's text in `lang` (en or ja); the English when the Japanese is empty.
const std::string& In(const Label& label, const std::string& lang);

}  // namespace crosswalk::report

#endif  // CROSSWALK_GATEWAY_REPORT_REPORT_LABELS_H_
