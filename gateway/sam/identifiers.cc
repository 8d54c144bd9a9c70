#include "gateway/sam/identifiers.h"

namespace crosswalk::sam {

bool IsPlaceholderIdentifier(const std::string& key) {
  static const char* const kPlaceholders[] = {"to be filled by o.e.m.", "to be filled by oem", "default string",
                                              "system serial number", "not specified", "not applicable", "none",
                                              "n/a", "na", "unknown", "invalid", "chassis serial number", "123456789",
                                              "0123456789", "serial number"};
  for (const char* placeholder : kPlaceholders) {
    if (key == placeholder) return true;
  }
  // Only zeros, Fs, dashes and spaces: "0", "00000000-0000-0000-0000-000000000000", "FFFFFFFF-…".
  return key.find_first_not_of("0f- ") == std::string::npos;
}

}  // namespace crosswalk::sam
