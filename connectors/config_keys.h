#ifndef CROSSWALK_CONNECTORS_CONFIG_KEYS_H_
#define CROSSWALK_CONNECTORS_CONFIG_KEYS_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace crosswalk {

// What a connector config key holds; checked when crosswalkd starts.
enum class ConfigKeyType {
  kText,        // any text without control characters
  kPath,        // a file path (relative paths are resolved against the config file's folder)
  kUrl,         // http://… or https://… without user:password@
  kInteger,     // a whole number within [min, max]
  kSeconds,     // a whole number of seconds within [min, max]
  kBool,        // true or false
  kChoice,      // one of `choices`
  kSecretFile,  // a file holding a secret (its first line); the path is shown, the secret never
  kSecretEnv,   // the name of an environment variable holding a secret
};

// One declared key of a connector type. The same declaration checks a source's value, feeds
// `crosswalk sources types`, --help and the generated docs, and decides what listings redact.
// Members in this order so a declaration reads {.name, .description, .type, …} (C++20
// designated initializers) and a plain {name, description} is a text key.
struct ConfigKey {
  std::string name;
  std::string description;
  ConfigKeyType type = ConfigKeyType::kText;
  bool required = false;
  std::string default_value;         // shown in help; "" when the key has no default
  std::vector<std::string> choices;  // kChoice
  int64_t min = 0;                   // kInteger / kSeconds, when max > min
  int64_t max = 0;

  bool secret() const { return type == ConfigKeyType::kSecretFile || type == ConfigKeyType::kSecretEnv; }
};

// The type's word in help and errors: "text", "seconds (1–3600)", "one of: a, b".
std::string DescribeType(const ConfigKey& key);

// Checks `value` against `key`. INVALID_ARGUMENT "KEY: expected …, got '…'" (a secret key's value
// is a path or a variable name, never the secret, so it may be quoted).
absl::Status CheckValue(const ConfigKey& key, const std::string& value);

// Checks every option against `keys`: unknown keys (naming the valid ones, and for a key that
// looks like an inline secret — token, password, api_key … — naming its _file/_env form),
// values of the wrong type, required keys missing. On error `*bad_key` names the key at fault
// ("" when the error is about a missing key or the whole source).
absl::Status CheckOptions(const std::vector<ConfigKey>& keys,
                          const std::map<std::string, std::string>& options, std::string* bad_key);

// The secret named by `stem`: read from the file of option `<stem>_file` (its first line, without
// the line end) or from the environment variable named by option `<stem>_env`. NOT_FOUND when
// neither is set; INVALID_ARGUMENT naming the file or the variable (never its content) when it
// cannot be read or is empty.
absl::StatusOr<std::string> ReadSecret(const std::map<std::string, std::string>& options,
                                       const std::string& stem);

// The value a listing may show for option `key`: the value itself, or for a secret key
// "(secret: file)" / "(secret: env NAME)".
std::string ListedValue(const std::vector<ConfigKey>& keys, const std::string& key,
                        const std::string& value);

}  // namespace crosswalk

#endif  // CROSSWALK_CONNECTORS_CONFIG_KEYS_H_
