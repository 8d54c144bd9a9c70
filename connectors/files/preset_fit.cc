#include "connectors/files/preset_fit.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "gateway/core/unicode.h"

namespace crosswalk::files {

PresetFit FitOf(const Preset& preset, const std::vector<std::string>& header) {
  PresetFit fit;
  std::multiset<std::string> present;
  for (const std::string& name : header) {
    if (name.empty()) continue;
    present.insert(HeaderKey(name));
    ++fit.columns;
  }
  std::set<std::string> taken;
  for (const PresetColumn& column : preset.columns) {
    bool bound = false;
    for (const std::string& candidate : column.headers) {
      if (!present.count(candidate) || taken.count(candidate)) continue;
      taken.insert(candidate);
      // Every column of the file with that key is the role's (as ColumnBinding::Apply reads them).
      fit.claimed += static_cast<int>(present.count(candidate));
      bound = true;
      break;
    }
    if (!bound && column.required) fit.required_present = false;
  }
  return fit;
}

std::optional<std::string> PresetMismatch(const PresetSet& presets, const Preset& given, int given_claimed,
                                          const std::vector<std::string>& header) {
  const Preset* best = nullptr;
  PresetFit best_fit;
  for (const Preset& other : presets.presets()) {
    if (other.name == given.name) continue;
    const PresetFit fit = FitOf(other, header);
    const int given_unclaimed = fit.columns - given_claimed;
    const bool much_better = fit.required_present && fit.claimed >= given_claimed + 3 &&
                             2 * (fit.columns - fit.claimed) <= given_unclaimed;
    if (much_better && (best == nullptr || fit.claimed > best_fit.claimed)) {
      best = &other;
      best_fit = fit;
    }
  }
  if (best == nullptr) return std::nullopt;
  return absl::StrCat("the headers fit preset ", best->name, " (", best_fit.claimed, " of ", best_fit.columns,
                      " columns) much better than ", given.name, " (", given_claimed, " of ", best_fit.columns,
                      "); check --preset");
}

}  // namespace crosswalk::files
