#ifndef CROSSWALK_GATEWAY_NORMALIZE_RULE_SET_H_
#define CROSSWALK_GATEWAY_NORMALIZE_RULE_SET_H_

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "absl/status/statusor.h"
#include "re2/re2.h"

namespace crosswalk {

// One row of mappings/rules/values.csv: a native value (exact, compared after NFKC case folding,
// or an RE2 pattern matched in full against the folded value) of one field of one vocabulary,
// optionally only for one native kind, translated to a canonical value.
struct ValueRule {
  std::string id;
  std::string vocabulary;   // "servicenow", "jira", ..., or "common"
  std::string native_kind;  // empty: any; otherwise the native kind or its prefix up to '_'
  std::string native_kind_key;  // native_kind after NFKC case folding
  std::string field;        // kind, status, priority, impact, urgency, flag
  bool regex = false;
  std::string pattern;      // as written in the file
  std::string value;
  std::string note;         // the file's note column: where the native value comes from
  int line = 0;
  std::shared_ptr<RE2> re;  // compiled pattern when `regex`
};

// One row of mappings/rules/kinds.csv: a canonical record kind and the 20000-1 clauses its records
// are evidence for.
struct KindInfo {
  std::string kind;
  std::string term_en;  // its term in seed Table B-1, empty when the table has none
  std::string title_en;
  std::string title_ja;
  std::vector<std::string> clauses_2018;
  std::vector<std::string> clauses_2011;
};

// One row of mappings/rules/polarity.csv: whether a record of `kind` (finding type, state and an
// attribute's value as the row asks) supports the clauses it reaches, counts against them or is
// neutral (DESIGN.md §9). The first row that matches decides.
struct PolarityRule {
  std::string id;
  std::string kind;       // a kind of kinds.csv, or "*" for any
  // A canonical finding type (values.csv field finding_type); "unknown": a type no rule knows;
  // empty: any, or none.
  std::string finding;
  std::string state;      // any, open, concluded, withdrawn or active (not withdrawn)
  std::string attribute;  // an attribute key whose value must match `re` in full; empty: none
  std::shared_ptr<RE2> re;  // compiled pattern when `attribute` is set (case-insensitive)
  std::string polarity;   // supports, against or neutral
  // True ("named"): the polarity holds for the clauses the record names (links); the clause its
  // kind is produced by (kinds.csv: 9.2 for an audit finding) it supports. False ("all"): every
  // clause the record reaches.
  bool named_only = false;
  int line = 0;
};

// The result of translating one native value.
struct Translation {
  std::string value;
  std::string rule_id;  // "sn.incident.state.6", or "terms/jip-table-b-1.csv:47" for a term
};

// The normalisation rules of mappings/rules/ plus the term table. Immutable after Load; safe to
// share between threads.
class RuleSet {
 public:
  // Reads `<mappings>/rules/values.csv`, `<mappings>/rules/kinds.csv`,
  // `<mappings>/rules/polarity.csv` and `<mappings>/terms/jip-table-b-1.csv`. INVALID_ARGUMENT
  // names file, line and column of the first defect (unknown column, bad RE2 pattern, duplicate
  // id, unknown canonical kind, a polarity, state or finding type outside the vocabulary).
  static absl::StatusOr<std::unique_ptr<RuleSet>> Load(const std::string& mappings_dir);

  // Translates `raw` of `field` for a record of `native_kind` read through `vocabulary`.
  // Search order: the vocabulary's rules scoped to the native kind, its unscoped rules, then the
  // same two for "common"; within each, exact rules before patterns, patterns in file order. For
  // `field` "kind" the term table is tried last (English, JIS and ITIL Japanese terms of the kinds
  // in kinds.csv). std::nullopt when nothing matches.
  std::optional<Translation> Translate(const std::string& vocabulary,
                                       const std::string& native_kind, const std::string& field,
                                       const std::string& raw) const;

  // Like Translate, but only the vocabulary's own rules (never "common" or terms): used to read a
  // native kind such as a ServiceNow table name.
  std::optional<Translation> TranslateOwn(const std::string& vocabulary,
                                          const std::string& native_kind,
                                          const std::string& field, const std::string& raw) const;

  const KindInfo* FindKind(const std::string& kind) const;
  // The rows of rules/polarity.csv in file order.
  const std::vector<PolarityRule>& polarity() const { return polarity_; }
  const std::vector<KindInfo>& kinds() const { return kinds_; }
  const std::vector<ValueRule>& rules() const { return rules_; }

 private:
  RuleSet() = default;
  // The rules of one vocabulary and field, indexed for the search order Translate documents.
  struct FieldRules {
    std::unordered_map<std::string, std::vector<size_t>> exact;  // folded pattern → rules, file order
    std::vector<size_t> patterns;                                // regex rules, file order
  };
  // `native_kind_key` is the record's native kind after folding; `key` the folded value.
  std::optional<Translation> Search(const std::string& vocabulary, const std::string& native_kind,
                                    const std::string& native_kind_key, const std::string& field,
                                    const std::string& key) const;
  bool ScopeMatches(const ValueRule& rule, const std::string& native_kind,
                    const std::string& native_kind_key) const;

  std::vector<ValueRule> rules_;
  std::vector<KindInfo> kinds_;
  std::vector<PolarityRule> polarity_;
  // vocabulary → field → its rules. Looked up per translated value, so no key is built per call.
  std::unordered_map<std::string, std::unordered_map<std::string, FieldRules>> by_vocabulary_field_;
  // Folded term (English, JIS Japanese, ITIL Japanese) → kind and the term row's id.
  std::unordered_map<std::string, Translation> kind_terms_;
};

}  // namespace crosswalk

#endif  // CROSSWALK_GATEWAY_NORMALIZE_RULE_SET_H_
