#ifndef CROSSWALK_GATEWAY_CORE_JSON_TEXT_H_
#define CROSSWALK_GATEWAY_CORE_JSON_TEXT_H_

#include <string>

#include "absl/strings/string_view.h"

namespace crosswalk {

// Appends `text` to `out` as a JSON string literal, quotes included. `"`, `\` and control
// characters are escaped; other bytes are copied. REQUIRES: `text` is valid UTF-8 (every reader
// guarantees it); an invalid sequence is written as U+FFFD rather than producing invalid JSON.
void AppendJsonString(std::string* out, absl::string_view text);

}  // namespace crosswalk

#endif  // CROSSWALK_GATEWAY_CORE_JSON_TEXT_H_
