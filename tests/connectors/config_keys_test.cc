// Typed connector config keys: the declarations check values, name the key at fault, refuse
// inline secrets, read secrets from files or the environment and redact them in listings.
#include "connectors/config_keys.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "connectors/connector.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace crosswalk {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::vector<ConfigKey> HttpKeys() {
  return {
      {.name = "url", .description = "base URL", .type = ConfigKeyType::kUrl, .required = true},
      {.name = "token_file", .description = "file holding the token", .type = ConfigKeyType::kSecretFile},
      {.name = "token_env", .description = "variable holding the token", .type = ConfigKeyType::kSecretEnv},
      {.name = "timeout", .description = "seconds per request", .type = ConfigKeyType::kSeconds,
       .default_value = "60", .min = 1, .max = 3600},
      {.name = "what", .description = "records to read", .type = ConfigKeyType::kChoice,
       .choices = {"tickets", "assets"}},
      {.name = "verify", .description = "check TLS", .type = ConfigKeyType::kBool},
  };
}

absl::Status Check(const std::map<std::string, std::string>& options, std::string* bad_key) {
  return CheckOptions(HttpKeys(), options, bad_key);
}

TEST(ConfigKeysTest, ValuesOfTheDeclaredTypePass) {
  std::string bad_key = "unset";
  EXPECT_TRUE(Check({{"url", "https://rt.example.org/rt"}, {"token_file", "/etc/rt.token"},
                     {"timeout", "30"}, {"what", "assets"}, {"verify", "true"}},
                    &bad_key)
                  .ok());
  EXPECT_EQ(bad_key, "");
}

TEST(ConfigKeysTest, EachWrongValueNamesItsKeyAndWhatWasExpected) {
  struct Case {
    std::map<std::string, std::string> options;
    std::string key;
    std::string message;
  };
  const std::vector<Case> cases = {
      {{{"url", "rt.example.org"}}, "url", "url: expected URL (http:// or https://), got 'rt.example.org'"},
      {{{"url", "https://h"}, {"timeout", "0"}}, "timeout", "timeout: expected seconds (1–3600), got '0'"},
      {{{"url", "https://h"}, {"timeout", "ten"}}, "timeout", "expected seconds (1–3600), got 'ten'"},
      {{{"url", "https://h"}, {"what", "users"}}, "what", "what: expected one of: tickets, assets, got 'users'"},
      {{{"url", "https://h"}, {"verify", "yes"}}, "verify", "verify: expected true or false"},
      {{{"url", "https://h"}, {"colour", "blue"}}, "colour", "unknown key 'colour' (expected one of: url, token_file"},
      {{{"url", "https://h"}, {"what", "a\nb"}}, "what", "expected text without control characters, got 'a?b'"},
  };
  for (const Case& c : cases) {
    std::string bad_key;
    absl::Status status = Check(c.options, &bad_key);
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(std::string(status.message()), HasSubstr(c.message));
    EXPECT_EQ(bad_key, c.key) << status;
  }
}

TEST(ConfigKeysTest, AMissingRequiredKeyIsNamedWithItsDescription) {
  std::string bad_key = "unset";
  absl::Status status = Check({{"timeout", "5"}}, &bad_key);
  EXPECT_THAT(std::string(status.message()), HasSubstr("url is required (base URL)"));
  EXPECT_EQ(bad_key, "");
}

TEST(ConfigKeysTest, AnInlineSecretIsRefusedWithoutEchoingIt) {
  std::string bad_key;
  absl::Status status = Check({{"url", "https://h"}, {"token", "s3cr3t-value"}}, &bad_key);
  EXPECT_EQ(bad_key, "token");
  EXPECT_THAT(std::string(status.message()), HasSubstr("use token_file"));
  EXPECT_THAT(std::string(status.message()), Not(HasSubstr("s3cr3t-value")));
  // A URL with user:password@ is refused, and the password is not repeated.
  status = Check({{"url", "https://admin:hunter2@h"}}, &bad_key);
  EXPECT_EQ(bad_key, "url");
  EXPECT_THAT(std::string(status.message()), Not(HasSubstr("hunter2")));
  // An env key holding what looks like the secret itself, not a variable name, is not quoted.
  status = Check({{"url", "https://h"}, {"token_env", "abc-123/xyz="}}, &bad_key);
  EXPECT_EQ(bad_key, "token_env");
  EXPECT_THAT(std::string(status.message()), Not(HasSubstr("abc-123")));
}

TEST(ConfigKeysTest, SecretsComeFromAFileOrTheEnvironment) {
  const std::string path = ::testing::TempDir() + "/config_keys_token.txt";
  std::ofstream(path) << "tok-123\r\nsecond line ignored\n";
  auto secret = ReadSecret({{"token_file", path}}, "token");
  ASSERT_TRUE(secret.ok()) << secret.status();
  EXPECT_EQ(*secret, "tok-123");

  ::setenv("CROSSWALK_TEST_TOKEN", "env-456", 1);
  secret = ReadSecret({{"token_env", "CROSSWALK_TEST_TOKEN"}}, "token");
  ASSERT_TRUE(secret.ok()) << secret.status();
  EXPECT_EQ(*secret, "env-456");

  EXPECT_EQ(ReadSecret({}, "token").status().code(), absl::StatusCode::kNotFound);
  auto missing = ReadSecret({{"token_file", path + ".absent"}}, "token");
  EXPECT_THAT(std::string(missing.status().message()), HasSubstr("token_file: cannot read the file"));
  std::ofstream(path) << "\n";
  EXPECT_THAT(std::string(ReadSecret({{"token_file", path}}, "token").status().message()),
              HasSubstr("is empty"));
  auto unset = ReadSecret({{"token_env", "CROSSWALK_TEST_TOKEN_UNSET"}}, "token");
  EXPECT_THAT(std::string(unset.status().message()), HasSubstr("CROSSWALK_TEST_TOKEN_UNSET is not set"));
}

TEST(ConfigKeysTest, ListingsNeverShowASecretKeysValue) {
  const std::vector<ConfigKey> keys = HttpKeys();
  EXPECT_EQ(ListedValue(keys, "token_file", "/etc/crosswalk/rt.token"), "(secret, read from a file)");
  EXPECT_EQ(ListedValue(keys, "token_env", "RT_TOKEN"), "(secret, from $RT_TOKEN)");
  EXPECT_EQ(ListedValue(keys, "url", "https://h"), "https://h");
}

TEST(ConfigKeysTest, TheRegistryNamesTheSourceTypeAndKey) {
  ConnectorRegistry registry;
  ConnectorFactory factory;
  factory.type = "api";
  factory.keys = HttpKeys();
  factory.create = [](const SourceConfig&, const ConnectorDeps&) -> absl::StatusOr<std::unique_ptr<Connector>> {
    return absl::UnimplementedError("not used");
  };
  registry.Register(factory);
  std::string bad_key;
  absl::Status status = registry.Check({"desk", "api", {{"url", "https://h"}, {"timeout", "-1"}}}, &bad_key);
  EXPECT_THAT(std::string(status.message()), HasSubstr("source 'desk' (type api): timeout: expected seconds"));
  EXPECT_EQ(bad_key, "timeout");
  status = registry.Check({"desk", "ftp", {}}, &bad_key);
  EXPECT_THAT(std::string(status.message()), HasSubstr("unknown type 'ftp' (expected one of: api)"));
}

}  // namespace
}  // namespace crosswalk
