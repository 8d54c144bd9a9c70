#include "tests/mapping/test_data.h"

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>

#include "gtest/gtest.h"

namespace crosswalk::testing_data {
namespace fs = std::filesystem;

std::string MiniMappings() { return std::string(CROSSWALK_TEST_FIXTURES) + "/mini-mappings"; }

std::string CopyOfMiniMappings() {
  static std::atomic<int> counter{0};
  const fs::path dir = fs::path(testing::TempDir()) /
                       ("mini-" + std::to_string(getpid()) + "-" + std::to_string(counter++));
  fs::remove_all(dir);
  fs::copy(MiniMappings(), dir, fs::copy_options::recursive);
  return dir.string();
}

void WriteFile(const std::string& root, const std::string& relative, const std::string& text) {
  std::ofstream out(fs::path(root) / relative, std::ios::binary | std::ios::trunc);
  out << text;
}

void AppendLine(const std::string& root, const std::string& relative, const std::string& line) {
  std::ofstream out(fs::path(root) / relative, std::ios::binary | std::ios::app);
  out << line << "\n";
}

}  // namespace crosswalk::testing_data
