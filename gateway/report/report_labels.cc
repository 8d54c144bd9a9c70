#include "gateway/report/report_labels.h"

#include <algorithm>
#include <atomic>
#include <map>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "gateway/core/csv_table.h"
#include "gateway/core/data_dir.h"
#include "gateway/core/status_macros.h"

namespace crosswalk::report {
namespace {

using LabelMap = std::map<std::string, Label, std::less<>>;

// The table in use. Replaced tables are kept (never freed): a renderer on another thread may still
// hold a pointer, and a process installs one or two tables in its life.
std::atomic<const LabelMap*> g_table{nullptr};
absl::Mutex g_mutex;
std::vector<std::string>* g_missing ABSL_GUARDED_BY(g_mutex) = new std::vector<std::string>;

absl::StatusOr<LabelMap> LoadLabels(const std::string& path) {
  CW_ASSIGN_OR_RETURN(CsvTable csv, ReadCsvTable(path, {"key", "en", "ja"}));
  LabelMap labels;
  for (const CsvRecord& row : csv.rows) {
    const std::string key = csv.Value(row, "key");
    const size_t dot = key.find('.');
    if (dot == std::string::npos || dot == 0 || dot + 1 == key.size()) {
      return csv.ErrorAt(row, "key", absl::StrCat("key '", key, "' is not <group>.<name> (e.g. heading.gaps)"));
    }
    for (const char* lang : {"en", "ja"}) {
      if (csv.Value(row, lang).empty()) {
        return csv.ErrorAt(row, lang, absl::StrCat("label '", key, "' has no ", lang, " text"));
      }
    }
    if (!labels.emplace(key, Label{csv.Value(row, "en"), csv.Value(row, "ja")}).second) {
      return csv.ErrorAt(row, "key", absl::StrCat("label '", key, "' is given twice"));
    }
  }
  if (labels.empty()) return csv.Error(1, 1, "no labels (expected rows key,en,ja)");
  return labels;
}

const LabelMap& Table() {
  if (const LabelMap* table = g_table.load()) return *table;
  // Nothing installed: the default mappings' table, or an empty one (every label then prints as
  // its key and is listed by MissingReportLabels).
  if (!InstallReportLabels(DefaultMappingsDir()).ok()) {
    const LabelMap* expected = nullptr;
    g_table.compare_exchange_strong(expected, new LabelMap);
  }
  return *g_table.load();
}

Label Find(absl::string_view key) {
  const LabelMap& table = Table();
  auto it = table.find(key);
  if (it != table.end()) return it->second;
  absl::MutexLock lock(&g_mutex);
  if (std::find(g_missing->begin(), g_missing->end(), key) == g_missing->end()) g_missing->emplace_back(key);
  return {std::string(key), std::string(key)};
}

}  // namespace

absl::Status InstallReportLabels(const std::string& mappings_dir) {
  CW_ASSIGN_OR_RETURN(LabelMap labels, LoadLabels(mappings_dir + "/reports/labels.csv"));
  g_table.store(new LabelMap(std::move(labels)));
  return absl::OkStatus();
}

std::vector<std::string> ReportLabelKeys() {
  std::vector<std::string> keys;
  for (const auto& [key, label] : Table()) keys.push_back(key);
  return keys;
}

std::vector<std::string> MissingReportLabels() {
  absl::MutexLock lock(&g_mutex);
  return *g_missing;
}

Label CoverageStatusLabel(absl::string_view status) { return ValueLabel("status", status); }

Label MaturityLabel(int maturity) { return ValueLabel("maturity", std::to_string(maturity)); }

Label FreshnessLabel(absl::string_view freshness) { return ValueLabel("freshness", freshness); }

Label Heading(absl::string_view key) { return ValueLabel("heading", key); }

Label TargetsLabel(const AppliedTargets& targets) {
  const size_t slash = targets.detail.find_last_of('/');
  // A file is named by its base name (reports carry no server paths); a record by source/id.
  const std::string detail = targets.origin == TargetOrigin::kCatalogue || slash == std::string::npos
                                 ? targets.detail
                                 : targets.detail.substr(slash + 1);
  absl::string_view origin = "global";
  if (targets.origin == TargetOrigin::kCatalogue) origin = "catalogue";
  if (targets.origin == TargetOrigin::kConfig) origin = "config";
  const Label label = ValueLabel("targets", origin);
  return {absl::StrCat(label.en, " (", detail, ")"), absl::StrCat(label.ja, "（", detail, "）")};
}

Label CalendarLabel(const std::string& calendar) {
  if (calendar.empty()) return ValueLabel("calendar", "elapsed");
  const Label label = ValueLabel("calendar", "working");
  return {absl::StrCat(label.en, ": ", calendar), absl::StrCat(label.ja, "：", calendar)};
}

Label ValueLabel(absl::string_view group, absl::string_view value) {
  if (value.empty()) return {};
  return Find(absl::StrCat(group, ".", value));
}

const std::string& In(const Label& label, const std::string& lang) {
  return lang == "ja" && !label.ja.empty() ? label.ja : label.en;
}

}  // namespace crosswalk::report
