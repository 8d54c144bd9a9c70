#ifndef CROSSWALK_GATEWAY_CORE_YAML_TEXT_H_
#define CROSSWALK_GATEWAY_CORE_YAML_TEXT_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

// Text of the YAML files crosswalk reads (crosswalkd's config, CISO Assistant libraries), kept
// valid UTF-8 around a yaml-cpp 0.7 defect.
namespace crosswalk {

// OK when `text` is valid UTF-8, else INVALID_ARGUMENT "<name>:<line>:<column>: not valid UTF-8
// (byte 0xHH)" at the first bad byte (line and column counted in code points from 1).
absl::Status CheckYamlUtf8(absl::string_view text, absl::string_view name);

// yaml-cpp 0.7 decodes two escapes of double-quoted scalars to a single Latin-1 byte instead of
// UTF-8: `\_` (U+00A0, no-break space) to 0xA0 and `\N` (U+0085, next line) to 0x85. Every other
// escape (`\xHH`, `\uHHHH`, `\L`, `\P`…) comes out as UTF-8. In a scalar of a document whose text
// passed CheckYamlUtf8 those two bytes can stand alone only because of the defect, so this
// returns `scalar` with each 0xA0 or 0x85 byte that is not part of a well-formed UTF-8 sequence
// written as its two-byte UTF-8 form (C2 A0, C2 85); the result is valid UTF-8.
//
// Why a repair of the read value rather than a pre-pass over the text: to rewrite the escapes
// before yaml-cpp a pre-pass would have to find double-quoted scalars itself (quotes inside plain
// and single-quoted scalars, comments and block scalars do not start one), i.e. re-implement the
// YAML scanner, and any longer replacement shifts the columns of error messages. The repair needs
// nothing but the bytes of the scalar.
std::string RepairYamlScalar(std::string scalar);

}  // namespace crosswalk

#endif  // CROSSWALK_GATEWAY_CORE_YAML_TEXT_H_
