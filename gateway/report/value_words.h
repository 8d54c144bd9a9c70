#ifndef CROSSWALK_GATEWAY_REPORT_VALUE_WORDS_H_
#define CROSSWALK_GATEWAY_REPORT_VALUE_WORDS_H_

// The value words the quality checks read in free-text roles (approval, class, change_type), in
// one table. These roles are text, not normalised by mappings/rules/values.csv: an approval such
// as "requested" must stay readable as "not approved" rather than become an unmapped value, so
// the words that count live here. Compared after MatchKey (NFKC, case folding).

#include <vector>

#include "absl/strings/string_view.h"

namespace crosswalk::report {

struct ReportValueWords {
  std::vector<absl::string_view> approved;           // an approval that says approved
  std::vector<absl::string_view> approved_prefixes;  // "approved by CAB", "承認済（部長）"
  std::vector<absl::string_view> software_classes;   // a CI class that makes a software CI
  std::vector<absl::string_view> software_native_kinds;  // native kind prefixes of software CIs
  std::vector<absl::string_view> standard_changes;   // a change type exempt from approval
};

const ReportValueWords& ValueWords();

}  // namespace crosswalk::report

#endif  // CROSSWALK_GATEWAY_REPORT_VALUE_WORDS_H_
