#ifndef CROSSWALK_CONNECTORS_FILES_PRESET_FIT_H_
#define CROSSWALK_CONNECTORS_FILES_PRESET_FIT_H_

#include <optional>
#include <string>
#include <vector>

#include "connectors/files/preset.h"

namespace crosswalk::files {

// How well a header row fits a preset: how many of the file's columns (non-empty headers) a role
// of the preset would claim, matched as ColumnBinding::Bind matches (HeaderKey, each role takes its
// first candidate present and not yet taken), and whether every required role found a column.
struct PresetFit {
  int claimed = 0;
  int columns = 0;
  bool required_present = true;
};
PresetFit FitOf(const Preset& preset, const std::vector<std::string>& header);

// The warning for a header row that fits another preset much better than `given`, or nullopt.
// `given_claimed`: the columns the given preset's binding claimed (its --columns overrides
// included). Another preset fits "much better" when, all three:
//   - every one of its required roles has a column (the file could be read with it),
//   - it claims at least 3 more of the file's columns than the given one, and
//   - it leaves at most half as many of them unclaimed (2 × its unclaimed ≤ the given's).
// Presets of one system share many columns (a ServiceNow incident and change export both have
// number, state, priority, ...), so the rule compares what each leaves unexplained rather than
// what each claims. It is deliberately strict: a warning only when a preset plainly describes the
// file better,
// never for presets that merely share a few generic headers (id, title, status). Among several,
// the one claiming most is named (the first in presets.csv on a tie). E.g. "the headers fit preset
// servicenow-incident (19 of 19 columns) much better than servicenow-change (12 of 19); check
// --preset".
std::optional<std::string> PresetMismatch(const PresetSet& presets, const Preset& given, int given_claimed,
                                          const std::vector<std::string>& header);

}  // namespace crosswalk::files

#endif  // CROSSWALK_CONNECTORS_FILES_PRESET_FIT_H_
