#include "gateway/core/yaml_text.h"

#include <string>

#include <yaml-cpp/yaml.h>

#include "gateway/core/unicode.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace crosswalk {
namespace {

struct YamlCase {
  const char* name;
  const char* yaml;  // the value of key `a`
  std::string text;  // as UTF-8
};

// yaml-cpp 0.7 writes `\_` and `\N` as one Latin-1 byte; the repair makes every escape UTF-8.
TEST(YamlTextTest, EveryEscapeOfADoubleQuotedScalarIsUtf8) {
  const YamlCase cases[] = {
      {"no-break space", "\"ISO\\_27001\"", "ISO\xC2\xA0" "27001"},
      {"next line", "\"a\\Nb\"", "a\xC2\x85" "b"},
      {"line separator", "\"a\\Lb\"", "a\xE2\x80\xA8" "b"},
      {"paragraph separator", "\"a\\Pb\"", "a\xE2\x80\xA9" "b"},
      {"\\x escapes", "\"R\\xC9F\\xC9RENTIEL\\xa0x\"", "R\xC3\x89" "F\xC3\x89RENTIEL\xC2\xA0x"},
      {"after UTF-8 text", "\"é\\_\\_\\N€\"", "é\xC2\xA0\xC2\xA0\xC2\x85€"},
      {"single-quoted: no escapes", "'a\\_b'", "a\\_b"},
      {"plain: no escapes", "a\\_b", "a\\_b"},
  };
  for (const YamlCase& c : cases) {
    SCOPED_TRACE(c.name);
    const YAML::Node node = YAML::Load(std::string("a: ") + c.yaml);
    const std::string text = RepairYamlScalar(node["a"].as<std::string>());
    EXPECT_EQ(text, c.text);
    EXPECT_TRUE(IsValidUtf8(text));
  }
}

TEST(YamlTextTest, InvalidUtf8IsPlaced) {
  EXPECT_TRUE(CheckYamlUtf8("a: é\n", "f.yaml").ok());
  const absl::Status bad = CheckYamlUtf8("a: b\nc: caf\xE9\n", "f.yaml");
  EXPECT_EQ(bad.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(bad.message(), "f.yaml:2:7: not valid UTF-8 (byte 0xE9)");
}

}  // namespace
}  // namespace crosswalk
