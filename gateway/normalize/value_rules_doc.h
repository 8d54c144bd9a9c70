#ifndef CROSSWALK_GATEWAY_NORMALIZE_VALUE_RULES_DOC_H_
#define CROSSWALK_GATEWAY_NORMALIZE_VALUE_RULES_DOC_H_

#include <string>

#include "gateway/normalize/rule_set.h"

namespace crosswalk {

// How every source system's native kinds, statuses and priorities become the 20000-1 vocabulary,
// in Markdown, made from the rules that do it (mappings/rules/values.csv and kinds.csv): one
// section a vocabulary (a connector type, or "common"), one table a field, rows in the order the
// normaliser tries them. `crosswalkd --value-rules` prints it; docs/value-rules.md is its output,
// and a test keeps the two equal.
std::string ValueRulesMarkdown(const RuleSet& rules);

}  // namespace crosswalk

#endif  // CROSSWALK_GATEWAY_NORMALIZE_VALUE_RULES_DOC_H_
