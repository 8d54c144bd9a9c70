#ifndef CROSSWALK_GATEWAY_REPORT_POLARITY_H_
#define CROSSWALK_GATEWAY_REPORT_POLARITY_H_

// Evidence polarity (DESIGN.md §9; docs/reports.md "Polarity"): whether a record supports the
// clauses it reaches, counts against them (an open nonconformity, a failed or unauthorised
// change, a breached service level) or is neutral (an observation, an opportunity for
// improvement). Decided by the rows of mappings/rules/polarity.csv, first match wins; the finding
// type of an audit finding is normalised by values.csv's finding_type rules (English and
// Japanese), and a type no rule knows stays raw.

#include <string>

#include "gateway/core/record.h"
#include "gateway/normalize/rule_set.h"

namespace crosswalk::report {

inline constexpr char kSupports[] = "supports";
inline constexpr char kAgainst[] = "against";
inline constexpr char kNeutral[] = "neutral";

struct PolarityOf {
  std::string polarity = kSupports;  // supports, against or neutral
  std::string rule_id;               // the polarity.csv row that decided; empty when none did
  bool named_only = false;           // PolarityRule::named_only of that row
  std::string finding;               // the canonical finding type, or the raw type no rule knew
  bool finding_unknown = false;      // the record has a finding type and no rule knew it
  // The polarity toward one clause: `by_kind` when the record reaches it through its own kind
  // (kinds.csv) rather than a link. A row that holds for named clauses only supports by kind.
  const std::string& Toward(bool by_kind) const {
    static const std::string kSupportsText = kSupports;
    return by_kind && named_only ? kSupportsText : polarity;
  }
};

// The record's polarity under `rules`. Records with no matching row support.
PolarityOf PolarityOfRecord(const Record& record, const RuleSet& rules);

}  // namespace crosswalk::report

#endif  // CROSSWALK_GATEWAY_REPORT_POLARITY_H_
