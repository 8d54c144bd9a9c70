#ifndef CROSSWALK_TESTS_CONNECTORS_CP932_TEXT_H_
#define CROSSWALK_TESTS_CONNECTORS_CP932_TEXT_H_

#include <unicode/ucnv.h>

#include <string>

#include "gtest/gtest.h"

namespace crosswalk::files {

// `utf8` encoded as CP932 (Shift_JIS as Japanese Windows writes it), for test files.
inline std::string Cp932(const std::string& utf8) {
  UErrorCode status = U_ZERO_ERROR;
  std::string out(utf8.size() * 2 + 16, '\0');
  const int32_t length = ucnv_convert("windows-31j", "utf-8", out.data(), static_cast<int32_t>(out.size()),
                                      utf8.data(), static_cast<int32_t>(utf8.size()), &status);
  EXPECT_TRUE(U_SUCCESS(status));
  out.resize(static_cast<size_t>(length));
  return out;
}

}  // namespace crosswalk::files

#endif  // CROSSWALK_TESTS_CONNECTORS_CP932_TEXT_H_
