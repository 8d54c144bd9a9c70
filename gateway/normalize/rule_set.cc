#include "gateway/normalize/rule_set.h"

#include <map>
#include <set>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "gateway/core/csv_table.h"
#include "gateway/core/status_macros.h"
#include "gateway/core/unicode.h"

namespace crosswalk {
namespace {

RE2::Options PatternOptions() {
  RE2::Options options;
  options.set_case_sensitive(false);
  options.set_log_errors(false);
  return options;
}

// Reads rules/polarity.csv. Finding types named must be values of values.csv's finding_type rules.
absl::Status LoadPolarity(const std::string& path, const std::set<std::string>& kind_names,
                          const std::vector<ValueRule>& values, std::vector<PolarityRule>& out) {
  CW_ASSIGN_OR_RETURN(CsvTable table, ReadCsvTable(path, {"id", "kind", "finding", "state", "attribute", "pattern", "polarity", "applies_to"}));
  std::set<std::string> findings, ids;
  for (const ValueRule& rule : values) {
    if (rule.field == "finding_type") findings.insert(rule.value);
  }
  static const std::set<std::string> kStates = {"any", "open", "concluded", "withdrawn", "active"};
  static const std::set<std::string> kPolarities = {"supports", "against", "neutral"};
  for (const CsvRecord& row : table.rows) {
    PolarityRule rule;
    rule.id = table.Value(row, "id");
    rule.kind = table.Value(row, "kind");
    rule.finding = table.Value(row, "finding");
    rule.state = table.Value(row, "state");
    rule.attribute = table.Value(row, "attribute");
    rule.polarity = table.Value(row, "polarity");
    rule.line = row.line;
    auto error = [&](const char* column, std::string message) {
      return table.Error(row.line, table.Get(row, column)->column, std::move(message));
    };
    if (rule.id.empty() || !ids.insert(rule.id).second) return error("id", absl::StrCat("rule id '", rule.id, "' is empty or repeated"));
    if (rule.kind != "*" && !kind_names.count(rule.kind)) return error("kind", absl::StrCat("kind '", rule.kind, "' is not * or in rules/kinds.csv"));
    if (!rule.finding.empty() && rule.finding != "unknown" && !findings.count(rule.finding)) {
      return error("finding", absl::StrCat("finding type '", rule.finding, "' is no value of a finding_type rule in rules/values.csv"));
    }
    if (!kStates.count(rule.state)) return error("state", absl::StrCat("state '", rule.state, "' is not any, open, concluded, withdrawn or active"));
    if (!kPolarities.count(rule.polarity)) return error("polarity", absl::StrCat("polarity '", rule.polarity, "' is not supports, against or neutral"));
    const std::string applies_to = table.Value(row, "applies_to");
    if (applies_to != "named" && applies_to != "all") return error("applies_to", absl::StrCat("applies_to '", applies_to, "' is not named or all"));
    rule.named_only = applies_to == "named";
    const std::string pattern = table.Value(row, "pattern");
    if (rule.attribute.empty() != pattern.empty()) return error("pattern", "attribute and pattern go together");
    if (!pattern.empty()) {
      rule.re = std::make_shared<RE2>(pattern, PatternOptions());
      if (!rule.re->ok()) return error("pattern", absl::StrCat("bad RE2 pattern: ", rule.re->error()));
    }
    out.push_back(std::move(rule));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::unique_ptr<RuleSet>> RuleSet::Load(const std::string& mappings_dir) {
  std::unique_ptr<RuleSet> rules(new RuleSet());

  CW_ASSIGN_OR_RETURN(CsvTable kinds, ReadCsvTable(mappings_dir + "/rules/kinds.csv",
                                             {"kind", "term_en", "title_en", "title_ja",
                                              "clauses_2018", "clauses_2011"}));
  std::set<std::string> kind_names;
  for (const CsvRecord& row : kinds.rows) {
    KindInfo info;
    info.kind = kinds.Value(row, "kind");
    info.term_en = kinds.Value(row, "term_en");
    info.title_en = kinds.Value(row, "title_en");
    info.title_ja = kinds.Value(row, "title_ja");
    info.clauses_2018 = absl::StrSplit(kinds.Value(row, "clauses_2018"), ';', absl::SkipEmpty());
    info.clauses_2011 = absl::StrSplit(kinds.Value(row, "clauses_2011"), ';', absl::SkipEmpty());
    if (info.kind.empty() || !kind_names.insert(info.kind).second) {
      return kinds.Error(row.line, 1, absl::StrCat("kind '", info.kind, "' is empty or repeated"));
    }
    rules->kinds_.push_back(std::move(info));
  }

  const std::string values_path = mappings_dir + "/rules/values.csv";
  CW_ASSIGN_OR_RETURN(CsvTable values, ReadCsvTable(values_path, {"id", "vocabulary", "native_kind", "field", "match", "pattern", "value"}));
  static const std::set<std::string> kFields = {"kind", "request_type", "status", "implementation", "priority", "impact", "urgency", "flag", "finding_type", "catalog"};
  std::set<std::string> ids;
  for (const CsvRecord& row : values.rows) {
    ValueRule rule;
    rule.id = values.Value(row, "id");
    rule.vocabulary = values.Value(row, "vocabulary");
    rule.native_kind = values.Value(row, "native_kind");
    rule.field = values.Value(row, "field");
    rule.pattern = values.Value(row, "pattern");
    rule.value = values.Value(row, "value");
    rule.note = values.Value(row, "note");
    rule.line = row.line;
    const std::string match = values.Value(row, "match");
    if (rule.id.empty() || !ids.insert(rule.id).second) {
      return values.Error(row.line, values.Get(row, "id")->column, absl::StrCat("rule id '", rule.id, "' is empty or repeated"));
    }
    if (!kFields.count(rule.field)) {
      return values.Error(row.line, values.Get(row, "field")->column, absl::StrCat("field '", rule.field, "' is not one of kind, request_type, status, implementation, priority, impact, urgency, flag, finding_type, catalog"));
    }
    if (match != "exact" && match != "regex") {
      return values.Error(row.line, values.Get(row, "match")->column, absl::StrCat("match '", match, "' is not exact or regex"));
    }
    if ((rule.field == "kind" || rule.field == "request_type") && !kind_names.count(rule.value)) {
      return values.Error(row.line, values.Get(row, "value")->column, absl::StrCat("kind '", rule.value, "' is not in rules/kinds.csv"));
    }
    rule.regex = match == "regex";
    if (rule.regex) {
      rule.re = std::make_shared<RE2>(rule.pattern, PatternOptions());
      if (!rule.re->ok()) {
        return values.Error(row.line, values.Get(row, "pattern")->column, absl::StrCat("bad RE2 pattern: ", rule.re->error()));
      }
    }
    rule.native_kind_key = MatchKey(rule.native_kind);
    FieldRules& index = rules->by_vocabulary_field_[rule.vocabulary][rule.field];
    if (rule.regex) {
      index.patterns.push_back(rules->rules_.size());
    } else {
      index.exact[MatchKey(rule.pattern)].push_back(rules->rules_.size());
    }
    rules->rules_.push_back(std::move(rule));
  }

  CW_RETURN_IF_ERROR(LoadPolarity(mappings_dir + "/rules/polarity.csv", kind_names, rules->rules_, rules->polarity_));

  const std::string terms_path = mappings_dir + "/terms/jip-table-b-1.csv";
  CW_ASSIGN_OR_RETURN(CsvTable terms, ReadCsvTable(terms_path, {"term_en", "jis_ja", "itil_ja"}));
  std::map<std::string, std::string> kind_by_term;
  for (const KindInfo& info : rules->kinds_) {
    if (!info.term_en.empty()) kind_by_term[MatchKey(info.term_en)] = info.kind;
  }
  for (const CsvRecord& row : terms.rows) {
    auto kind = kind_by_term.find(MatchKey(terms.Value(row, "term_en")));
    if (kind == kind_by_term.end()) continue;
    const Translation translation{kind->second, absl::StrCat("terms/jip-table-b-1.csv:", row.line)};
    std::vector<std::string> names = {terms.Value(row, "term_en")};
    // The JIS column may list synonyms ("変更、変化") and an abbreviation ("構成品目 CI").
    for (absl::string_view part : absl::StrSplit(terms.Value(row, "jis_ja"), "、", absl::SkipEmpty())) {
      names.emplace_back(part);
      names.emplace_back(absl::StripAsciiWhitespace(part.substr(0, part.find(' '))));
    }
    names.push_back(terms.Value(row, "itil_ja"));
    for (const std::string& name : names) {
      if (!name.empty()) rules->kind_terms_.emplace(MatchKey(name), translation);
    }
  }
  return rules;
}

bool RuleSet::ScopeMatches(const ValueRule& rule, const std::string& native_kind,
                           const std::string& native_kind_key) const {
  const std::string& scope = rule.native_kind;
  if (scope.empty()) return true;
  if (native_kind_key == rule.native_kind_key) return true;
  return native_kind.size() > scope.size() && native_kind.compare(0, scope.size(), scope) == 0 &&
         native_kind[scope.size()] == '_';
}

std::optional<Translation> RuleSet::Search(const std::string& vocabulary,
                                           const std::string& native_kind,
                                           const std::string& native_kind_key,
                                           const std::string& field,
                                           const std::string& key) const {
  auto by_field = by_vocabulary_field_.find(vocabulary);
  if (by_field == by_vocabulary_field_.end()) return std::nullopt;
  auto it = by_field->second.find(field);
  if (it == by_field->second.end()) return std::nullopt;
  const FieldRules& index = it->second;
  auto exact = index.exact.find(key);
  for (bool scoped : {true, false}) {
    if (exact != index.exact.end()) {
      for (size_t i : exact->second) {
        const ValueRule& rule = rules_[i];
        if (rule.native_kind.empty() != scoped && ScopeMatches(rule, native_kind, native_kind_key)) {
          return Translation{rule.value, rule.id};
        }
      }
    }
    for (size_t i : index.patterns) {
      const ValueRule& rule = rules_[i];
      if (rule.native_kind.empty() == scoped || !ScopeMatches(rule, native_kind, native_kind_key)) continue;
      if (RE2::FullMatch(key, *rule.re)) return Translation{rule.value, rule.id};
    }
  }
  return std::nullopt;
}

std::optional<Translation> RuleSet::TranslateOwn(const std::string& vocabulary,
                                                 const std::string& native_kind,
                                                 const std::string& field,
                                                 const std::string& raw) const {
  return Search(vocabulary, native_kind, MatchKey(native_kind), field, MatchKey(raw));
}

std::optional<Translation> RuleSet::Translate(const std::string& vocabulary,
                                              const std::string& native_kind,
                                              const std::string& field,
                                              const std::string& raw) const {
  const std::string key = MatchKey(raw);
  if (key.empty()) return std::nullopt;
  const std::string native_kind_key = MatchKey(native_kind);
  if (auto hit = Search(vocabulary, native_kind, native_kind_key, field, key)) return hit;
  if (vocabulary != "common") {
    if (auto hit = Search("common", native_kind, native_kind_key, field, key)) return hit;
  }
  if (field == "kind") {
    auto term = kind_terms_.find(key);
    if (term != kind_terms_.end()) return term->second;
  }
  return std::nullopt;
}

const KindInfo* RuleSet::FindKind(const std::string& kind) const {
  for (const KindInfo& info : kinds_) {
    if (info.kind == kind) return &info;
  }
  return nullptr;
}

}  // namespace crosswalk
