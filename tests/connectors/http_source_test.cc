// The keys every HTTP connector shares (connectors/http_source.h): declared once, read once, the
// retry keys reaching the retrying layer's policy, secrets from a file or a variable only.
#include "connectors/http_source.h"

#include <cstdlib>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace crosswalk {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const HttpSourceSpec kSpec{.system = "Tracker", .url_example = "https://tracker.example.com",
                           .token_scheme = "'X-Key: …'", .max_page_size = 500, .default_page_size = 250};

SourceConfig Config(std::map<std::string, std::string> options) {
  return SourceConfig{.name = "desk", .type = "tracker", .options = std::move(options)};
}

// One file per test process: ctest runs these tests in parallel processes, and a shared name
// would let one truncate the file another is reading.
std::string TokenFile(const std::string& content) {
  const std::string path = ::testing::TempDir() + "/http_source." + std::to_string(::getpid()) + "." +
                           ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".token";
  std::ofstream(path, std::ios::binary | std::ios::trunc) << content;
  return path;
}

TEST(HttpSourceTest, EveryConnectorDeclaresTheSameSharedKeys) {
  std::vector<std::string> names;
  for (const ConfigKey& key : HttpSourceKeys(kSpec)) names.push_back(key.name);
  EXPECT_THAT(names, ::testing::ElementsAre("url", "token_file", "token_env", "user", "password_file", "password_env",
                                            "ca_file", "timeout", "page_size", "overlap", "max_pages", "max_retries",
                                            "retry_budget", "reconcile_every", "max_delete_share"));
  HttpSourceSpec token_only = kSpec;
  token_only.basic_auth = false;
  EXPECT_EQ(HttpSourceKeys(token_only).size(), names.size() - 3);
  for (const ConfigKey& key : HttpSourceKeys(kSpec)) {
    if (key.name == "page_size") {
      EXPECT_EQ(key.max, 500);
      EXPECT_EQ(key.default_value, "250");
    }
  }
}

TEST(HttpSourceTest, DefaultsAndTheRetryKeysReachThePolicy) {
  auto defaults = ReadHttpSourceOptions(Config({{"url", "https://t"}, {"token_file", TokenFile("s3cret\n")}}), kSpec);
  ASSERT_TRUE(defaults.ok()) << defaults.status();
  EXPECT_EQ(defaults->token, "s3cret");
  EXPECT_EQ(defaults->page_size, 250);
  EXPECT_EQ(defaults->overlap_seconds, 300);
  EXPECT_EQ(defaults->retry.max_attempts, 5);
  EXPECT_EQ(defaults->retry.total_budget_nanos, 300'000'000'000);
  EXPECT_EQ(defaults->http.read_timeout_ms, 60'000);
  EXPECT_TRUE(defaults->BasicAuthorization().empty());
  EXPECT_EQ(defaults->reconcile.every_runs, 1);
  EXPECT_EQ(defaults->reconcile.max_delete_percent, 10);

  auto set = ReadHttpSourceOptions(Config({{"url", "https://t"}, {"token_file", TokenFile("s3cret\n")},
                                           {"max_retries", "0"}, {"retry_budget", "5"}, {"timeout", "3"},
                                           {"page_size", "500"}, {"overlap", "0"}, {"reconcile_every", "24"},
                                           {"max_delete_share", "100"}}),
                                   kSpec);
  ASSERT_TRUE(set.ok()) << set.status();
  EXPECT_EQ(set->retry.max_attempts, 1);
  EXPECT_EQ(set->retry.total_budget_nanos, 5'000'000'000);
  EXPECT_LE(set->retry.max_delay_nanos, set->retry.total_budget_nanos);  // a valid policy
  EXPECT_TRUE(set->retry.Validate().ok()) << set->retry.Validate();
  EXPECT_EQ(set->http.read_timeout_ms, 3'000);
  EXPECT_EQ(set->http.connect_timeout_ms, 3'000);
  EXPECT_EQ(set->page_size, 500);
  EXPECT_EQ(set->overlap_seconds, 0);
  EXPECT_EQ(set->reconcile.every_runs, 24);
  EXPECT_EQ(set->reconcile.max_delete_percent, 100);
  auto over = ReadHttpSourceOptions(Config({{"url", "https://t"}, {"token_file", TokenFile("s3cret\n")},
                                            {"max_delete_share", "101"}}),
                                    kSpec);
  EXPECT_FALSE(over.ok());
  EXPECT_NE(over.status().message().find("max_delete_share"), std::string::npos) << over.status();
}

TEST(HttpSourceTest, BadValuesNameTheKeyAndNeverTheSecret) {
  const std::string token = TokenFile("s3cret\n");
  struct Case {
    std::map<std::string, std::string> options;
    std::string error;
  };
  const Case cases[] = {
      {{{"token_file", token}}, "url: missing: Tracker's base URL"},
      {{{"url", "https://t"}, {"token_file", token}, {"page_size", "501"}}, "page_size: '501' is not a whole number from 1 to 500"},
      {{{"url", "https://t"}, {"token_file", token}, {"max_retries", "-1"}}, "max_retries:"},
      {{{"url", "https://t"}, {"token_file", token}, {"retry_budget", "0"}}, "retry_budget:"},
      {{{"url", "https://t"}}, "token_file: set either token_file (or token_env), or user with password_file"},
      {{{"url", "https://t"}, {"token_file", token}, {"user", "ops"}}, "token_file: set either"},
      {{{"url", "https://t"}, {"user", "ops"}}, "password_file: missing: user and password_file go together"},
      {{{"url", "https://t"}, {"token_env", "CROSSWALK_TEST_UNSET_VARIABLE"}}, "token_env: the environment variable"},
  };
  for (const Case& c : cases) {
    auto read = ReadHttpSourceOptions(Config(c.options), kSpec);
    ASSERT_FALSE(read.ok()) << c.error;
    EXPECT_EQ(read.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(read.status().message(), HasSubstr(c.error));
    EXPECT_THAT(read.status().message(), Not(HasSubstr("s3cret")));
  }
}

TEST(HttpSourceTest, BasicAuthFromAVariable) {
  ::setenv("CROSSWALK_TEST_TRACKER_PASSWORD", "pa:ss", 1);
  auto basic = ReadHttpSourceOptions(
      Config({{"url", "https://t"}, {"user", "ops"}, {"password_env", "CROSSWALK_TEST_TRACKER_PASSWORD"}}), kSpec);
  ASSERT_TRUE(basic.ok()) << basic.status();
  EXPECT_TRUE(basic->token.empty());
  EXPECT_EQ(basic->BasicAuthorization(), "Basic b3BzOnBhOnNz");  // base64("ops:pa:ss")
  HttpSourceSpec token_only = kSpec;
  token_only.basic_auth = false;
  auto refused = ReadHttpSourceOptions(
      Config({{"url", "https://t"}, {"user", "ops"}, {"password_env", "CROSSWALK_TEST_TRACKER_PASSWORD"}}), token_only);
  ASSERT_FALSE(refused.ok());
  EXPECT_THAT(refused.status().message(), HasSubstr("user: Tracker takes a token only"));
}

}  // namespace
}  // namespace crosswalk
