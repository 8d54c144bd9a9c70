#ifndef CROSSWALK_GATEWAY_CORE_TERMINAL_TEXT_H_
#define CROSSWALK_GATEWAY_CORE_TERMINAL_TEXT_H_

#include <string>

#include "absl/strings/string_view.h"

namespace crosswalk {

// `text` made safe to print on a terminal: every control character that a terminal could act on
// is shown as a visible escape instead of being emitted raw, so record data cannot clear the
// screen, retitle the window or move the cursor. C0 controls and DEL become `\xHH` (`\t`, `\n`,
// `\r` for those three), C1 controls (U+0080-U+009F, e.g. U+009B, the one-byte CSI) become
// `\u00HH`, and bytes that are not part of well-formed UTF-8 (a lone 0x9B is CSI on an 8-bit
// terminal) become `\xHH`. Everything else, including all printable non-ASCII text, is unchanged.
std::string TerminalSafe(absl::string_view text);

}  // namespace crosswalk

#endif  // CROSSWALK_GATEWAY_CORE_TERMINAL_TEXT_H_
