#ifndef CROSSWALK_GATEWAY_REPORT_RECORD_VIEW_H_
#define CROSSWALK_GATEWAY_REPORT_RECORD_VIEW_H_

// What the reports read from a canonical Record, in one place, so that the quality checks and the
// service report agree on what "missing", "unmapped", "concluded" and "the record's service" mean.

#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "gateway/core/record.h"

namespace crosswalk::report {

// English and Japanese text of one label (a rule title, a figure name, an issue).
struct Label {
  std::string en;
  std::string ja;

  friend bool operator==(const Label&, const Label&) = default;
};

// Names one record in a report: its key in the store (source, native id), its kind and where it
// was read (provenance location, "incidents.csv line 12").
struct RecordKey {
  std::string source;
  std::string native_id;
  std::string location;
  std::string kind;

  friend bool operator==(const RecordKey&, const RecordKey&) = default;
};
RecordKey KeyOf(const Record& record);
// Orders by source, then native id (the store's key order).
bool KeyLess(const RecordKey& a, const RecordKey& b);

// How a field stands after normalisation (the normaliser skips empty cells, so an empty cell
// leaves no attribute at all).
enum class FieldState {
  kPresent,
  // No value: no column, an empty cell, or a placeholder (see IsPlaceholder).
  kMissing,
  // The source gave a value no rule knew: the canonical field is empty (or a flag stayed text) and
  // provenance.origins holds the raw value with an empty rule id. Never reported as missing.
  kUnmapped,
};

struct FieldLookup {
  FieldState state = FieldState::kMissing;
  std::string key;    // the attribute key found (as the record spells it); empty when none
  std::string value;  // the value, the raw unmapped value, or the placeholder text
};

// Attribute keys a check accepts, compared after NFKC case folding with '_' read as a space,
// so "Close notes", "close_notes" and "ＣＬＯＳＥ ＮＯＴＥＳ" are one key. Built once per check.
class KeySet {
 public:
  KeySet(std::initializer_list<absl::string_view> keys);
  bool Contains(const std::string& folded_key) const;

 private:
  std::vector<std::string> folded_;
};

// The folded form KeySet compares.
std::string FoldKey(absl::string_view key);

// True for text that stands for "no value" in spreadsheets: "-", "n/a", "none", "tbd", "なし"…
bool IsPlaceholder(absl::string_view value);

// One record as the reports read it. Folds the attribute keys once.
// REQUIRES: `record` outlives the view.
class RecordView {
 public:
  explicit RecordView(const Record& record);

  const Record& record() const { return record_; }

  // A canonical field: "kind", "status", "priority", "impact" or "urgency".
  FieldLookup Canonical(absl::string_view field) const;
  // The first attribute (in record order) under one of `keys` that has a value; when every such
  // attribute is blank or a placeholder, kMissing with the first one's key and text; kUnmapped as
  // soon as one holds a value its rule could not read.
  FieldLookup Attribute(const KeySet& keys) const;
  // The folded target of every link with `relation` (all links when `relation` is empty).
  std::vector<std::string> LinkTargets(absl::string_view relation) const;
  // The record's service as written: its first `service` link, else a `service` attribute;
  // empty when it names none.
  std::string Service() const;
  // Origins whose native value no rule knew (see FieldState::kUnmapped), in provenance order.
  std::vector<const FieldOrigin*> UnmappedOrigins() const;
  // True when an origin of `field` carries a rule id (the value came through the preset's role
  // rather than as an extra column under its own header).
  bool HasRuleOrigin(absl::string_view field) const;

 private:
  bool IsUnmapped(const FieldOrigin& origin) const;

  const Record& record_;
  std::vector<std::string> folded_keys_;  // parallel to record_.attributes
};

// Status groups over the canonical statuses of mappings/rules/values.csv.
bool IsResolvedOrClosed(absl::string_view status);  // resolved, closed
bool IsWithdrawn(absl::string_view status);         // cancelled, rejected
bool IsTerminal(absl::string_view status);          // either of the above
bool IsOutOfService(absl::string_view status);      // retired, absent: no longer in use

// True when a concluded record says it was resolved or closed: by status, or (status empty or
// unmapped) by a resolved or closed time.
bool LooksResolved(const RecordView& view);

// The source's made_sla: `made_sla`, or the servicenow-incident preset's `sla_breached` role,
// which holds made_sla's value despite its name (mappings/presets/columns.csv). An extra column
// really named sla_breached (no rule origin) means the opposite and is read so. nullopt when the
// record says neither.
std::optional<bool> SlaMade(const RecordView& view);

}  // namespace crosswalk::report

#endif  // CROSSWALK_GATEWAY_REPORT_RECORD_VIEW_H_
