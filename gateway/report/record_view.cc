#include "gateway/report/record_view.h"

#include <algorithm>
#include <tuple>

#include "absl/strings/ascii.h"
#include "gateway/core/unicode.h"

namespace crosswalk::report {
namespace {

bool OneOf(absl::string_view value, std::initializer_list<absl::string_view> set) {
  return std::find(set.begin(), set.end(), value) != set.end();
}

// The canonical fields the normaliser fills from rules; an origin of one of them is unmapped only
// while the field itself is empty (a default kind is recorded with the preset's rule id, which a
// hand-built shape may leave empty).
const std::string* CanonicalMember(const Record& record, absl::string_view field) {
  if (field == "kind") return &record.kind;
  if (field == "status") return &record.status;
  if (field == "priority") return &record.priority;
  if (field == "impact") return &record.impact;
  if (field == "urgency") return &record.urgency;
  return nullptr;
}

}  // namespace

RecordKey KeyOf(const Record& record) {
  return RecordKey{record.provenance.source, record.provenance.native_id,
                   record.provenance.location, record.kind};
}

bool KeyLess(const RecordKey& a, const RecordKey& b) {
  return std::tie(a.source, a.native_id, a.location) < std::tie(b.source, b.native_id, b.location);
}

std::string FoldKey(absl::string_view key) {
  std::string folded = MatchKey(key);
  std::replace(folded.begin(), folded.end(), '_', ' ');
  return folded;
}

KeySet::KeySet(std::initializer_list<absl::string_view> keys) {
  for (absl::string_view key : keys) folded_.push_back(FoldKey(key));
}

bool KeySet::Contains(const std::string& folded_key) const {
  return std::find(folded_.begin(), folded_.end(), folded_key) != folded_.end();
}

bool IsPlaceholder(absl::string_view value) {
  const std::string folded = MatchKey(value);
  return folded.empty() ||
         OneOf(folded, {"-", "--", "—", "n/a", "na", "none", "null", "nil", "tbd", "なし", "無し",
                        "未定", "未記入"});
}

RecordView::RecordView(const Record& record) : record_(record) {
  folded_keys_.reserve(record.attributes.size());
  for (const crosswalk::Attribute& attribute : record.attributes) {
    folded_keys_.push_back(FoldKey(attribute.key));
  }
}

bool RecordView::IsUnmapped(const FieldOrigin& origin) const {
  if (!origin.rule_id.empty() || absl::StripAsciiWhitespace(origin.native_value).empty()) {
    return false;
  }
  const std::string* member = CanonicalMember(record_, origin.field);
  return member == nullptr || member->empty();
}

FieldLookup RecordView::Canonical(absl::string_view field) const {
  const std::string* member = CanonicalMember(record_, field);
  if (member != nullptr && !member->empty()) return {FieldState::kPresent, "", *member};
  for (const FieldOrigin& origin : record_.provenance.origins) {
    if (origin.field == field && IsUnmapped(origin)) {
      return {FieldState::kUnmapped, "", origin.native_value};
    }
  }
  return {FieldState::kMissing, "", ""};
}

FieldLookup RecordView::Attribute(const KeySet& keys) const {
  FieldLookup placeholder;  // the first placeholder seen, kept when no key has a real value
  for (size_t i = 0; i < folded_keys_.size(); ++i) {
    if (!keys.Contains(folded_keys_[i])) continue;
    const crosswalk::Attribute& attribute = record_.attributes[i];
    for (const FieldOrigin& origin : record_.provenance.origins) {
      if (origin.field == attribute.key && IsUnmapped(origin)) {
        return {FieldState::kUnmapped, attribute.key, origin.native_value};
      }
    }
    if (!IsPlaceholder(attribute.value)) return {FieldState::kPresent, attribute.key, attribute.value};
    if (placeholder.key.empty()) placeholder = {FieldState::kMissing, attribute.key, attribute.value};
  }
  return placeholder;
}

std::vector<std::string> RecordView::LinkTargets(absl::string_view relation) const {
  std::vector<std::string> targets;
  for (const Link& link : record_.links) {
    if (relation.empty() || link.relation == relation) targets.push_back(MatchKey(link.target));
  }
  return targets;
}

std::string RecordView::Service() const {
  for (const Link& link : record_.links) {
    if (link.relation == "service" && !IsPlaceholder(link.target)) {
      return std::string(absl::StripAsciiWhitespace(link.target));
    }
  }
  static const KeySet* const kService = new KeySet{"service"};
  FieldLookup attribute = Attribute(*kService);
  if (attribute.state == FieldState::kPresent) {
    return std::string(absl::StripAsciiWhitespace(attribute.value));
  }
  return "";
}

std::vector<const FieldOrigin*> RecordView::UnmappedOrigins() const {
  std::vector<const FieldOrigin*> out;
  for (const FieldOrigin& origin : record_.provenance.origins) {
    if (IsUnmapped(origin)) out.push_back(&origin);
  }
  return out;
}

bool RecordView::HasRuleOrigin(absl::string_view field) const {
  for (const FieldOrigin& origin : record_.provenance.origins) {
    if (origin.field == field && !origin.rule_id.empty()) return true;
  }
  return false;
}

bool IsResolvedOrClosed(absl::string_view status) { return OneOf(status, {"resolved", "closed"}); }
bool IsWithdrawn(absl::string_view status) { return OneOf(status, {"cancelled", "rejected"}); }
bool IsTerminal(absl::string_view status) { return IsResolvedOrClosed(status) || IsWithdrawn(status); }
bool IsOutOfService(absl::string_view status) { return OneOf(status, {"retired", "absent"}); }

bool LooksResolved(const RecordView& view) {
  const Record& record = view.record();
  if (!record.status.empty()) return IsResolvedOrClosed(record.status);
  return record.resolved.has_value() || record.closed.has_value();
}

std::optional<bool> SlaMade(const RecordView& view) {
  static const KeySet* const kMade = new KeySet{"made_sla"};
  static const KeySet* const kBreached = new KeySet{"sla_breached"};
  auto flag = [](const FieldLookup& lookup) -> std::optional<bool> {
    if (lookup.state != FieldState::kPresent) return std::nullopt;
    const std::string folded = MatchKey(lookup.value);
    if (folded == "true" || folded == "yes" || folded == "1") return true;
    if (folded == "false" || folded == "no" || folded == "0") return false;
    return std::nullopt;
  };
  if (auto made = flag(view.Attribute(*kMade))) return made;
  const FieldLookup breached = view.Attribute(*kBreached);
  auto value = flag(breached);
  if (!value) return std::nullopt;
  return view.HasRuleOrigin(breached.key) ? *value : !*value;
}

}  // namespace crosswalk::report
