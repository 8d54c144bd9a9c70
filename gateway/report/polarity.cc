#include "gateway/report/polarity.h"

#include "gateway/core/unicode.h"
#include "gateway/report/record_view.h"

namespace crosswalk::report {
namespace {

// The record's state as polarity.csv names it.
bool StateMatches(const std::string& state, const RecordView& view) {
  const Record& record = view.record();
  const bool withdrawn = IsWithdrawn(record.status);
  const bool concluded = !withdrawn && LooksResolved(view);
  if (state == "any") return true;
  if (state == "withdrawn") return withdrawn;
  if (state == "active") return !withdrawn;
  if (state == "concluded") return concluded;
  return !withdrawn && !concluded;  // open
}

// The value a row's `attribute` is read from: made_sla as the service report reads it, else the
// attribute under that key (NFKC case folded, '_' as a space).
std::string AttributeValue(const RecordView& view, const std::string& key) {
  if (key == "made_sla") {
    const std::optional<bool> made = SlaMade(view);
    return made ? (*made ? "true" : "false") : "";
  }
  const KeySet keys{key};
  const FieldLookup lookup = view.Attribute(keys);
  return lookup.state == FieldState::kMissing ? "" : MatchKey(lookup.value);
}

}  // namespace

PolarityOf PolarityOfRecord(const Record& record, const RuleSet& rules) {
  const RecordView view(record);
  PolarityOf out;
  // The finding_type role; its spellings (grade, 指摘区分 …) are in mappings/presets/roles.csv.
  static const KeySet* const kFindingType = new KeySet{"finding_type"};
  const FieldLookup type = view.Attribute(*kFindingType);
  if (type.state != FieldState::kMissing && !type.value.empty()) {
    auto canonical = rules.Translate("common", record.provenance.native_kind, "finding_type", type.value);
    out.finding = canonical ? canonical->value : type.value;
    out.finding_unknown = !canonical;
  }
  for (const PolarityRule& rule : rules.polarity()) {
    if (rule.kind != "*" && rule.kind != record.kind) continue;
    if (rule.finding == "unknown") {
      if (!out.finding_unknown) continue;
    } else if (!rule.finding.empty() && (out.finding_unknown || rule.finding != out.finding)) {
      continue;
    }
    if (!StateMatches(rule.state, view)) continue;
    if (!rule.attribute.empty()) {
      const std::string value = AttributeValue(view, rule.attribute);
      if (value.empty() || !RE2::FullMatch(value, *rule.re)) continue;
    }
    out.polarity = rule.polarity;
    out.rule_id = rule.id;
    out.named_only = rule.named_only;
    return out;
  }
  return out;
}

}  // namespace crosswalk::report
