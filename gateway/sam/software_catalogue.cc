#include "gateway/sam/software_catalogue.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gateway/core/csv_table.h"
#include "gateway/core/status_macros.h"
#include "gateway/core/unicode.h"

namespace crosswalk::sam {
namespace {

const std::vector<std::string>& Steps() {
  static const std::vector<std::string> steps = {"exclude", "publisher-suffix", "publisher", "token", "package", "product", "free"};
  return steps;
}

// Steps matched on the text as written (case-insensitively, anywhere); the others on its MatchKey, whole.
bool OnDisplayText(const std::string& step) { return step == "exclude" || step == "publisher-suffix" || step == "token"; }

RE2::Options PatternOptions(bool case_insensitive) {
  RE2::Options options;
  options.set_log_errors(false);
  options.set_case_sensitive(!case_insensitive);
  options.set_max_mem(8 << 20);
  return options;
}

// White space collapsed and trimmed, so a token removed from the middle leaves one space.
std::string Tidy(absl::string_view text) {
  std::string out;
  for (absl::string_view word : absl::StrSplit(text, absl::ByAnyChar(" \t\r\n"), absl::SkipEmpty())) {
    if (!out.empty()) out.push_back(' ');
    out.append(word.data(), word.size());
  }
  return out;
}

// The groups of `re` matched whole against `text`, by name; false when it does not match.
bool FullMatchGroups(const RE2& re, absl::string_view text, std::map<std::string, std::string>* named, std::string* first) {
  const int n = re.NumberOfCapturingGroups();
  std::vector<re2::StringPiece> groups(static_cast<size_t>(n) + 1);
  if (!re.Match(re2::StringPiece(text.data(), text.size()), 0, text.size(), RE2::ANCHOR_BOTH, groups.data(), n + 1)) return false;
  if (first != nullptr && n >= 1) *first = std::string(groups[1]);
  if (named != nullptr) {
    for (const auto& [name, index] : re.NamedCapturingGroups()) named->emplace(name, std::string(groups[static_cast<size_t>(index)]));
  }
  return true;
}

}  // namespace

const char* ClassName(NormalisedInstall::Class kind) {
  switch (kind) {
    case NormalisedInstall::Class::kProduct: return "product";
    case NormalisedInstall::Class::kUnrecognised: return "unrecognised";
    case NormalisedInstall::Class::kPackage: return "package";
    case NormalisedInstall::Class::kExcluded: return "excluded";
  }
  return "unrecognised";
}

absl::StatusOr<std::unique_ptr<SoftwareCatalogue>> SoftwareCatalogue::Load(const std::string& mappings_dir) {
  const std::string path = mappings_dir + "/rules/software.csv";
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat(path, ": cannot open the software rules"));
  std::stringstream text;
  text << in.rdbuf();
  return Parse(text.str(), path);
}

absl::StatusOr<std::unique_ptr<SoftwareCatalogue>> SoftwareCatalogue::Parse(const std::string& csv_text, const std::string& name) {
  std::istringstream in(csv_text);
  CW_ASSIGN_OR_RETURN(CsvTable table, ParseCsvTable(in, name, {"id", "step", "pattern", "value"}));
  auto catalogue = std::unique_ptr<SoftwareCatalogue>(new SoftwareCatalogue());
  std::set<std::string> ids;
  for (const CsvRecord& row : table.rows) {
    Rule rule{table.Value(row, "id"), table.Value(row, "step"), table.Value(row, "pattern"), table.Value(row, "value"), nullptr};
    if (rule.id.empty() || !ids.insert(rule.id).second) return table.ErrorAt(row, "id", "missing or repeated rule id");
    if (std::find(Steps().begin(), Steps().end(), rule.step) == Steps().end()) {
      return table.ErrorAt(row, "step", "expected exclude, publisher-suffix, publisher, token, package, product or free");
    }
    rule.re = std::make_shared<RE2>(rule.pattern, PatternOptions(OnDisplayText(rule.step)));
    if (rule.pattern.empty() || !rule.re->ok()) {
      return table.ErrorAt(row, "pattern", absl::StrCat("bad RE2 pattern: ", rule.pattern.empty() ? "empty" : rule.re->error()));
    }
    if (rule.step == "product" || rule.step == "package") {
      const std::vector<std::string> parts = absl::StrSplit(rule.value, '|');
      if (parts.size() != 2 || parts[0].empty() || parts[1].empty()) {
        return table.ErrorAt(row, "value", "expected Publisher|Product");
      }
    }
    if (rule.step == "token" && !absl::StartsWith(rule.value, "arch=") && !absl::StartsWith(rule.value, "edition=") &&
        !absl::StartsWith(rule.value, "version=")) {
      return table.ErrorAt(row, "value", "expected arch=…, edition=… or version=…");
    }
    if ((rule.step == "exclude" || rule.step == "publisher" || rule.step == "free") && rule.value.empty()) {
      return table.ErrorAt(row, "value", rule.step == "publisher" ? "the canonical publisher is missing" : "the reason is missing");
    }
    catalogue->rules_.push_back(std::move(rule));
  }
  return catalogue;
}

const SoftwareCatalogue::Rule* SoftwareCatalogue::First(const std::string& step, const std::string& text, bool whole,
                                                        std::string* group1) const {
  for (const Rule& rule : rules_) {
    if (rule.step != step) continue;
    if (whole ? FullMatchGroups(*rule.re, text, nullptr, group1) : RE2::PartialMatch(text, *rule.re)) return &rule;
  }
  return nullptr;
}

void SoftwareCatalogue::MarkFree(NormalisedInstall& out) const {
  if (const Rule* rule = First("free", absl::StrCat(MatchKey(out.publisher), "|", MatchKey(out.product)), true)) {
    out.free = rule->value;
    out.rules.push_back(rule->id);
  }
}

NormalisedInstall SoftwareCatalogue::Normalise(const DiscoveredInstall& install) const {
  NormalisedInstall out = ReadTitle(install);
  if (!install.excluded.empty() && out.kind != NormalisedInstall::Class::kExcluded) {
    out.kind = NormalisedInstall::Class::kExcluded;
    out.reason = install.excluded;
    out.rules.push_back("source-excluded");
  }
  return out;
}

NormalisedInstall SoftwareCatalogue::ReadTitle(const DiscoveredInstall& install) const {
  NormalisedInstall out;
  out.version = install.version;
  out.edition = install.edition;
  out.arch = install.arch;
  const std::string title = Tidy(install.raw_name);
  if (const Rule* rule = First("exclude", title, false)) {
    out.kind = NormalisedInstall::Class::kExcluded;
    out.reason = rule->value;
    out.rules.push_back(rule->id);
    out.product = title;
    out.publisher = Tidy(install.publisher);
    return out;
  }
  // Publisher: legal suffixes off, then an alias.
  std::string publisher = Tidy(install.publisher);
  for (int rounds = 0; rounds < 4; ++rounds) {
    bool removed = false;
    for (const Rule& rule : rules_) {
      if (rule.step != "publisher-suffix") continue;
      std::string before = publisher;
      if (RE2::Replace(&publisher, *rule.re, "") && publisher != before) {
        publisher = Tidy(publisher);
        while (!publisher.empty() && (publisher.back() == ',' || publisher.back() == '.')) publisher.pop_back();
        out.rules.push_back(rule.id);
        removed = true;
        break;
      }
    }
    if (!removed) break;
  }
  if (const Rule* rule = First("publisher", MatchKey(publisher), true)) {
    publisher = rule->value;
    out.rules.push_back(rule->id);
  }
  out.publisher = publisher;
  // Debian and RPM packages become products only by an explicit rule.
  const std::string from = absl::AsciiStrToLower(install.from);
  if (from == "deb" || from == "rpm") {
    const std::string package = MatchKey(title.substr(0, title.find(':')));
    if (const Rule* rule = First("package", package, true)) {
      const std::vector<std::string> parts = absl::StrSplit(rule->value, '|');
      out.kind = NormalisedInstall::Class::kProduct;
      out.publisher = parts[0];
      out.product = parts[1];
      out.rules.push_back(rule->id);
      MarkFree(out);
    } else {
      out.kind = NormalisedInstall::Class::kPackage;
      out.product = title.substr(0, title.find(':'));
    }
    return out;
  }
  // Tokens out of the title: architecture, edition, version.
  std::string cleaned = title;
  for (const Rule& rule : rules_) {
    if (rule.step != "token") continue;
    re2::StringPiece group;
    if (!RE2::PartialMatch(cleaned, *rule.re, rule.re->NumberOfCapturingGroups() >= 1 ? &group : nullptr)) continue;
    const size_t eq = rule.value.find('=');
    const std::string field = rule.value.substr(0, eq);
    std::string value = rule.value.substr(eq + 1);
    if (value == "\\1") value = std::string(group);
    if (field == "arch") out.arch = value;
    if (field == "edition" && out.edition.empty()) out.edition = value;
    if (field == "version" && out.version.empty()) out.version = value;
    RE2::Replace(&cleaned, *rule.re, " ");
    cleaned = Tidy(cleaned);
    out.rules.push_back(rule.id);
  }
  std::map<std::string, std::string> named;
  for (const Rule& rule : rules_) {
    if (rule.step != "product" || !FullMatchGroups(*rule.re, MatchKey(cleaned), &named, nullptr)) continue;
    const std::vector<std::string> parts = absl::StrSplit(rule.value, '|');
    out.kind = NormalisedInstall::Class::kProduct;
    out.publisher = parts[0];
    out.product = parts[1];
    if (auto v = named.find("version"); v != named.end() && !v->second.empty()) out.version = v->second;
    if (auto e = named.find("edition"); e != named.end() && !e->second.empty()) out.edition = e->second;
    out.rules.push_back(rule.id);
    MarkFree(out);
    return out;
  }
  out.kind = NormalisedInstall::Class::kUnrecognised;
  out.product = cleaned;
  return out;
}

}  // namespace crosswalk::sam
