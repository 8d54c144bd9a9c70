#include "connectors/config_keys.h"

#include <cstdlib>
#include <fstream>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace crosswalk {
namespace {

bool HasControlCharacter(const std::string& value) {
  for (unsigned char c : value) {
    if (c < 0x20 || c == 0x7f) return true;
  }
  return false;
}

// Quoted for an error message: control characters shown as '?', long values cut.
std::string Quoted(const std::string& value) {
  std::string shown = value.substr(0, 200);
  for (char& c : shown) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
  }
  return absl::StrCat("'", shown, value.size() > 200 ? "…" : "", "'");
}

// Key names that, set inline, would put a secret in the config file.
bool LooksLikeInlineSecret(const std::string& key) {
  for (const char* word : {"token", "password", "passwd", "secret", "api_key", "apikey", "app_token",
                           "client_secret"}) {
    if (absl::EqualsIgnoreCase(key, word)) return true;
  }
  return false;
}

}  // namespace

std::string DescribeType(const ConfigKey& key) {
  const std::string range =
      key.max > key.min ? absl::StrCat(" (", key.min, "–", key.max, ")") : std::string();
  switch (key.type) {
    case ConfigKeyType::kText: return "text";
    case ConfigKeyType::kPath: return "path";
    case ConfigKeyType::kUrl: return "URL (http:// or https://)";
    case ConfigKeyType::kInteger: return absl::StrCat("whole number", range);
    case ConfigKeyType::kSeconds: return absl::StrCat("seconds", range);
    case ConfigKeyType::kBool: return "true or false";
    case ConfigKeyType::kChoice: return absl::StrCat("one of: ", absl::StrJoin(key.choices, ", "));
    case ConfigKeyType::kSecretFile: return "path of a file holding a secret";
    case ConfigKeyType::kSecretEnv: return "name of an environment variable holding a secret";
  }
  return "text";
}

absl::Status CheckValue(const ConfigKey& key, const std::string& value) {
  auto expected = [&](const std::string& what) {
    return absl::InvalidArgumentError(
        absl::StrCat(key.name, ": expected ", what, ", got ", Quoted(value)));
  };
  if (HasControlCharacter(value)) return expected("text without control characters");
  switch (key.type) {
    case ConfigKeyType::kText:
      return absl::OkStatus();
    case ConfigKeyType::kPath:
    case ConfigKeyType::kSecretFile:
      return value.empty() ? expected(DescribeType(key)) : absl::OkStatus();
    case ConfigKeyType::kUrl: {
      const bool scheme = absl::StartsWithIgnoreCase(value, "http://") ||
                          absl::StartsWithIgnoreCase(value, "https://");
      const std::string rest = value.substr(value.find("//") == std::string::npos ? 0 : value.find("//") + 2);
      const std::string authority = rest.substr(0, rest.find('/'));
      if (!scheme || authority.empty() || absl::StrContains(value, ' ')) return expected(DescribeType(key));
      if (absl::StrContains(authority, '@')) {
        return absl::InvalidArgumentError(absl::StrCat(
            key.name, ": a URL may not carry user:password@ (put the user in `user` and the password "
                      "in a password_file)"));
      }
      return absl::OkStatus();
    }
    case ConfigKeyType::kInteger:
    case ConfigKeyType::kSeconds: {
      int64_t number = 0;
      if (!absl::SimpleAtoi(value, &number) || (key.max > key.min && (number < key.min || number > key.max))) {
        return expected(DescribeType(key));
      }
      return absl::OkStatus();
    }
    case ConfigKeyType::kBool:
      return value == "true" || value == "false" ? absl::OkStatus() : expected(DescribeType(key));
    case ConfigKeyType::kChoice:
      for (const std::string& choice : key.choices) {
        if (value == choice) return absl::OkStatus();
      }
      return expected(DescribeType(key));
    case ConfigKeyType::kSecretEnv: {
      const bool name_ok = !value.empty() && value.find_first_not_of(
          "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_") == std::string::npos;
      // The value must name a variable, not be the secret itself: quoting it would leak the secret.
      if (!name_ok) {
        return absl::InvalidArgumentError(absl::StrCat(
            key.name, ": expected the name of an environment variable (letters, digits, _)"));
      }
      return absl::OkStatus();
    }
  }
  return absl::OkStatus();
}

absl::Status CheckOptions(const std::vector<ConfigKey>& keys,
                          const std::map<std::string, std::string>& options, std::string* bad_key) {
  bad_key->clear();
  for (const auto& [name, value] : options) {
    const ConfigKey* declared = nullptr;
    for (const ConfigKey& key : keys) {
      if (key.name == name) declared = &key;
    }
    if (declared == nullptr) {
      *bad_key = name;
      if (LooksLikeInlineSecret(name)) {
        return absl::InvalidArgumentError(absl::StrCat(
            "'", name, "' would put a secret in the config file: use ", name, "_file (a file holding it)",
            " or ", name, "_env (an environment variable)", " where this source type offers it"));
      }
      std::vector<std::string> names;
      for (const ConfigKey& key : keys) names.push_back(key.name);
      return absl::InvalidArgumentError(
          absl::StrCat("unknown key '", name, "' (expected one of: ", absl::StrJoin(names, ", "), ")"));
    }
    if (absl::Status status = CheckValue(*declared, value); !status.ok()) {
      *bad_key = name;
      return status;
    }
  }
  for (const ConfigKey& key : keys) {
    if (key.required && options.find(key.name) == options.end()) {
      return absl::InvalidArgumentError(
          absl::StrCat(key.name, " is required (", key.description, ")"));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> ReadSecret(const std::map<std::string, std::string>& options,
                                       const std::string& stem) {
  const std::string file_key = absl::StrCat(stem, "_file");
  const std::string env_key = absl::StrCat(stem, "_env");
  std::string secret;
  if (auto file = options.find(file_key); file != options.end()) {
    std::ifstream in(file->second, std::ios::binary);
    if (!in || !std::getline(in, secret)) {
      return absl::InvalidArgumentError(
          absl::StrCat(file_key, ": cannot read the file '", file->second, "'"));
    }
    if (!secret.empty() && secret.back() == '\r') secret.pop_back();
    if (secret.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat(file_key, ": the first line of '", file->second, "' is empty"));
    }
    return secret;
  }
  if (auto env = options.find(env_key); env != options.end()) {
    const char* value = std::getenv(env->second.c_str());
    if (value == nullptr || *value == '\0') {
      return absl::InvalidArgumentError(
          absl::StrCat(env_key, ": the environment variable ", env->second, " is not set or empty"));
    }
    return std::string(value);
  }
  return absl::NotFoundError(absl::StrCat("neither ", file_key, " nor ", env_key, " is set"));
}

std::string ListedValue(const std::vector<ConfigKey>& keys, const std::string& key,
                        const std::string& value) {
  for (const ConfigKey& declared : keys) {
    if (declared.name != key) continue;
    if (declared.type == ConfigKeyType::kSecretFile) return "(secret, read from a file)";
    if (declared.type == ConfigKeyType::kSecretEnv) return absl::StrCat("(secret, from $", value, ")");
  }
  return value;
}

}  // namespace crosswalk
