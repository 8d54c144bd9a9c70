#ifndef CROSSWALK_GATEWAY_CORE_TEXT_WIDTH_H_
#define CROSSWALK_GATEWAY_CORE_TEXT_WIDTH_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

// Fitting text into terminal columns, East-Asian width aware (DisplayWidth: wide and full-width
// characters take 2 columns, combining marks 0).
namespace crosswalk {

// `text` cut to at most `width` display columns, ending in "…" (1 column) when anything was cut.
// A cut never separates a combining mark from its base character nor splits a wide character
// (the result may then be one column narrower than `width`). `width` < 1 gives "".
std::string FitToWidth(absl::string_view text, int width);

// `text` (one line) broken into lines of at most `width` display columns: after the last space that
// fits, else between characters (CJK text has no spaces), never between a character and its
// combining marks; continuation lines start with `indent` spaces. `width` < 1 + `indent`: `text`
// as one line.
std::vector<std::string> WrapToWidth(absl::string_view text, int width, int indent = 0);

// Every line of `text` longer than `width` display columns wrapped (WrapToWidth, continuation
// indented by 2); `width` 0 leaves `text` as it is.
std::string WrapLines(absl::string_view text, int width);

// Column widths for cells of natural widths `natural` (one per column) separated by `gap`
// columns, so that the whole line takes at most `max_width` columns: the widest columns give up
// columns first, down to their header's width (at least 4), then down to 3. `max_width` 0 means
// no limit (the natural widths). When even 3 columns each do not fit, the result is all 3s.
std::vector<int> FitColumns(const std::vector<int>& natural, const std::vector<int>& header, int gap, int max_width);

}  // namespace crosswalk

#endif  // CROSSWALK_GATEWAY_CORE_TEXT_WIDTH_H_
