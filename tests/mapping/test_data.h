#ifndef CROSSWALK_TESTS_MAPPING_TEST_DATA_H_
#define CROSSWALK_TESTS_MAPPING_TEST_DATA_H_

#include <string>

namespace crosswalk::testing_data {

// tests/fixtures/mini-mappings.
std::string MiniMappings();

// A fresh copy of the mini data set in a new temporary directory, for planting defects.
std::string CopyOfMiniMappings();

// Replaces the file `relative` under `root` with `text`.
void WriteFile(const std::string& root, const std::string& relative, const std::string& text);

// Appends `line` (a newline is added) to the file `relative` under `root`.
void AppendLine(const std::string& root, const std::string& relative, const std::string& line);

}  // namespace crosswalk::testing_data

#endif  // CROSSWALK_TESTS_MAPPING_TEST_DATA_H_
