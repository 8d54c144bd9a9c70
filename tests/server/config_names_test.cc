// Names in crosswalkd's YAML config hold no NUL or other control character (issue 15): the error
// names file, line and column.
#include <filesystem>
#include <fstream>
#include <string>

#include "absl/status/status.h"
#include "gateway/server/config.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace crosswalk::server {
namespace {

using ::testing::HasSubstr;

struct Case {
  const char* name;
  std::string yaml;
  const char* error;  // after "<file>:"
};

std::string Token(const std::string& name) {
  return "tokens:\n  - name: " + name + "\n    role: read\n    sha256: " + std::string(64, 'a') + "\n";
}

std::string Source(const std::string& name) {
  return "sources:\n  - name: " + name + "\n    type: csv\n    location: x.csv\n";
}

TEST(ConfigNamesTest, ControlCharactersInNamesAreRefused) {
  const std::string path = ::testing::TempDir() + "/names.yaml";
  const Case cases[] = {
      {"NUL escape in a token name", Token("\"ops\\0admin\""), "2:11: a token name must be non-empty"},
      {"ESC in a token name", Token("\"ops\\e[2J\""), "2:11: a token name must be non-empty"},
      {"tab in a token name", Token("\"ops\\tadmin\""), "2:11: a token name must be non-empty"},
      {"DEL in a token name", Token("\"ops\\x7f\""), "2:11: a token name must be non-empty"},
      {"empty token name", Token("\"\""), "2:11: a token name must be non-empty"},
      {"NUL escape in a source name", Source("\"incidents\\0x\""), "2:11: a source name is 1 to 100 letters"},
      {"ESC in a source name", Source("\"inc\\e]0;pwned\\a\""), "2:11: a source name is 1 to 100 letters"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    std::ofstream(path, std::ios::binary | std::ios::trunc) << c.yaml;
    auto config = LoadGatewayConfig(path);
    ASSERT_FALSE(config.ok());
    EXPECT_EQ(config.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(config.status().message(), HasSubstr(path + ":" + c.error));
  }
  // `\_` is U+00A0 as UTF-8 (yaml-cpp alone gives a raw 0xA0 byte); raw Latin-1 is refused.
  std::ofstream(path, std::ios::binary | std::ios::trunc) << Token("\"ops\\_admin\"");
  auto escaped = LoadGatewayConfig(path);
  ASSERT_TRUE(escaped.ok()) << escaped.status();
  EXPECT_EQ(escaped->tokens.at(0).name, "ops\xC2\xA0" "admin");
  std::ofstream(path, std::ios::binary | std::ios::trunc) << Token("\"caf\xE9\"");
  auto latin1 = LoadGatewayConfig(path);
  ASSERT_FALSE(latin1.ok());
  EXPECT_THAT(latin1.status().message(), HasSubstr(path + ":2:11: name is not valid UTF-8"));
  std::ofstream(path, std::ios::binary | std::ios::trunc) << Token("\"ops admin (読み取り)\"");
  auto plain = LoadGatewayConfig(path);
  ASSERT_TRUE(plain.ok()) << plain.status();
  EXPECT_EQ(plain->tokens.at(0).name, "ops admin (読み取り)");
}

// sam.stale_days: the days after which a CMDB CI no inventory saw is an exception; out of range
// or misspelt is refused naming line and column.
TEST(ConfigSamTest, StaleDaysIsReadAndChecked) {
  const std::string path = ::testing::TempDir() + "/sam.yaml";
  std::ofstream(path, std::ios::binary | std::ios::trunc) << "sam: {stale_days: 45}\n";
  auto config = LoadGatewayConfig(path);
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->sam_stale_days, 45);
  std::ofstream(path, std::ios::binary | std::ios::trunc) << "sources: []\n";
  EXPECT_EQ(LoadGatewayConfig(path)->sam_stale_days, 30);
  std::ofstream(path, std::ios::binary | std::ios::trunc) << "sam:\n  stale_days: 0\n";
  auto zero = LoadGatewayConfig(path);
  ASSERT_FALSE(zero.ok());
  EXPECT_THAT(zero.status().message(), HasSubstr(path + ":2:15: sam.stale_days must be 1 to 3650"));
  std::ofstream(path, std::ios::binary | std::ios::trunc) << "sam:\n  stale_day: 10\n";
  auto misspelt = LoadGatewayConfig(path);
  ASSERT_FALSE(misspelt.ok());
  EXPECT_THAT(misspelt.status().message(), HasSubstr("stale_day"));
}

}  // namespace
}  // namespace crosswalk::server
