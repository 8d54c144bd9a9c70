#include "gateway/sync/read_settings.h"

#include <map>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace crosswalk {
namespace {

constexpr char kPrefix[] = "read-settings ";
constexpr const char* kSettingKeys[] = {"preset", "columns", "sheet", "encoding", "timezone", "catalog", "format"};

// key → value of a ReadSettingsOf text (tab-separated key=value, each part C-escaped).
std::map<std::string, std::string> Parse(const std::string& text) {
  std::map<std::string, std::string> settings;
  for (absl::string_view part : absl::StrSplit(text, '\t', absl::SkipEmpty())) {
    std::string unescaped;
    if (!absl::CUnescape(part, &unescaped)) unescaped = std::string(part);
    const size_t eq = unescaped.find('=');
    if (eq == std::string::npos) continue;
    settings[unescaped.substr(0, eq)] = unescaped.substr(eq + 1);
  }
  return settings;
}

}  // namespace

std::string ReadSettingsOf(const SourceConfig& config) {
  std::vector<std::string> parts = {absl::Utf8SafeCEscape(absl::StrCat("type=", config.type))};
  for (const char* key : kSettingKeys) {
    auto it = config.options.find(key);
    if (it != config.options.end()) parts.push_back(absl::Utf8SafeCEscape(absl::StrCat(key, "=", it->second)));
  }
  return absl::StrJoin(parts, "\t");
}

SettingsCursor SplitStoredCursor(const std::string& stored) {
  SettingsCursor out;
  const size_t newline = stored.find('\n');
  if (!absl::StartsWith(stored, kPrefix) || newline == std::string::npos) {
    out.cursor = stored;
    return out;
  }
  out.has_settings = true;
  out.settings = stored.substr(sizeof(kPrefix) - 1, newline - (sizeof(kPrefix) - 1));
  out.cursor = stored.substr(newline + 1);
  return out;
}

std::string JoinStoredCursor(const std::string& settings, const std::string& cursor) {
  return absl::StrCat(kPrefix, settings, "\n", cursor);
}

std::string DescribeSettingsChange(const std::string& before, const std::string& after) {
  const std::map<std::string, std::string> old_settings = Parse(before), new_settings = Parse(after);
  std::map<std::string, std::pair<std::string, std::string>> changes;
  for (const auto& [key, value] : old_settings) changes[key].first = value;
  for (const auto& [key, value] : new_settings) changes[key].second = value;
  std::vector<std::string> described;
  for (const auto& [key, values] : changes) {
    if (values.first == values.second) continue;
    described.push_back(absl::StrCat(key, " ", values.first.empty() ? "(none)" : values.first, " → ",
                                     values.second.empty() ? "(none)" : values.second));
  }
  return absl::StrJoin(described, ", ");
}

}  // namespace crosswalk
