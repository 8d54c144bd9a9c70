#ifndef CROSSWALK_GATEWAY_SAM_IDENTIFIERS_H_
#define CROSSWALK_GATEWAY_SAM_IDENTIFIERS_H_

#include <string>

namespace crosswalk::sam {

// True for the placeholders firmware and hypervisors write where a serial or UUID should be
// ("To be filled by O.E.M.", "Default string", "0", all zeros or Fs), and for the empty key:
// such a value identifies no machine, and matching on it would make one machine of many.
// `key` is a MatchKey (gateway/core/unicode.h).
bool IsPlaceholderIdentifier(const std::string& key);

}  // namespace crosswalk::sam

#endif  // CROSSWALK_GATEWAY_SAM_IDENTIFIERS_H_
