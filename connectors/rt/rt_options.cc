#include "connectors/rt/rt_options.h"

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "connectors/config_keys.h"

namespace crosswalk::rt {
namespace {

absl::Status KeyError(const std::string& key, absl::string_view what) {
  // The caller (crosswalkd's start-up check, the sync engine) names the source and its place.
  return absl::InvalidArgumentError(absl::StrCat(key, ": ", what));
}

const std::string* Find(const SourceConfig& config, const std::string& key) {
  auto it = config.options.find(key);
  return it == config.options.end() ? nullptr : &it->second;
}

// An integer key in [low, high], or `fallback` when absent.
absl::StatusOr<int64_t> Integer(const SourceConfig& config, const std::string& key, int64_t low,
                                int64_t high, int64_t fallback) {
  const std::string* text = Find(config, key);
  if (text == nullptr) return fallback;
  int64_t value = 0;
  if (!absl::SimpleAtoi(*text, &value) || value < low || value > high) {
    return KeyError(key, absl::StrCat("'", *text, "' is not a whole number from ", low,
                                              " to ", high));
  }
  return value;
}

}  // namespace

std::vector<ConfigKey> RtKeys() {
  return {
      {.name = "url", .description = "RT's base URL, e.g. https://rt.example.com (REST2 is read below /REST/2.0)",
       .type = ConfigKeyType::kUrl, .required = true},
      {.name = "token_file", .description = "file holding an RT auth token (sent as 'Authorization: token …')",
       .type = ConfigKeyType::kSecretFile},
      {.name = "token_env", .description = "environment variable holding an RT auth token, instead of token_file",
       .type = ConfigKeyType::kSecretEnv},
      {.name = "user", .description = "RT user name for HTTP Basic (with password_file or password_env), instead of a token"},
      {.name = "password_file", .description = "file holding that user's password", .type = ConfigKeyType::kSecretFile},
      {.name = "password_env", .description = "environment variable holding that user's password",
       .type = ConfigKeyType::kSecretEnv},
      {.name = "ca_file", .description = "PEM file of a private CA that signed RT's certificate", .type = ConfigKeyType::kPath},
      {.name = "timeout", .description = "seconds to wait for RT's answer", .type = ConfigKeyType::kSeconds,
       .default_value = "60", .min = 1, .max = 3600},
      {.name = "page_size", .description = "records per request (RT's cap is 100)", .type = ConfigKeyType::kInteger,
       .default_value = "100", .min = 1, .max = 100},
      {.name = "queues", .description = "comma-separated queue names to read (tickets; default every queue the user sees)"},
      {.name = "what", .description = "the records to read", .type = ConfigKeyType::kChoice, .default_value = "tickets",
       .choices = {"tickets", "assets"}},
      {.name = "overlap", .description = "seconds re-read before the last watermark on each run",
       .type = ConfigKeyType::kSeconds, .default_value = "300", .min = 0, .max = 30 * 86400},
      {.name = "max_pages", .description = "request budget of one run", .type = ConfigKeyType::kInteger,
       .default_value = "10000", .min = 1, .max = 10'000'000},
  };
}

absl::StatusOr<RtOptions> ReadRtOptions(const SourceConfig& config) {
  RtOptions options;
  const std::string* url = Find(config, "url");
  if (url == nullptr || url->empty()) {
    return KeyError("url", "missing: RT's base URL, e.g. https://rt.example.com");
  }
  options.http.base_url = *url;
  if (const std::string* ca = Find(config, "ca_file")) options.http.ca_file = *ca;
  auto timeout = Integer(config, "timeout", 1, 3600, 60);
  if (!timeout.ok()) return timeout.status();
  options.http.read_timeout_ms = *timeout * 1000;
  options.http.connect_timeout_ms = std::min<int64_t>(*timeout, 10) * 1000;
  auto page_size = Integer(config, "page_size", 1, 100, 100);
  if (!page_size.ok()) return page_size.status();
  options.page_size = static_cast<int>(*page_size);
  auto overlap = Integer(config, "overlap", 0, 30 * 86400, 300);
  if (!overlap.ok()) return overlap.status();
  options.overlap_seconds = *overlap;
  auto max_pages = Integer(config, "max_pages", 1, 10'000'000, 10'000);
  if (!max_pages.ok()) return max_pages.status();
  options.max_pages = *max_pages;

  if (const std::string* what = Find(config, "what")) {
    if (*what != "tickets" && *what != "assets") {
      return KeyError("what", absl::StrCat("'", *what, "' is not tickets or assets"));
    }
    options.assets = *what == "assets";
  }
  if (const std::string* queues = Find(config, "queues")) {
    if (options.assets) return KeyError("queues", "applies to tickets, not assets");
    for (absl::string_view queue : absl::StrSplit(*queues, ',', absl::SkipWhitespace())) {
      queue = absl::StripAsciiWhitespace(queue);
      // Kept out of TicketSQL's quoting rather than escaped: RT queue names have no quotes.
      if (queue.find_first_of("'\\\"") != absl::string_view::npos) {
        return KeyError("queues", absl::StrCat("queue name '", queue, "' has a quote or backslash"));
      }
      options.queues.emplace_back(queue);
    }
    if (options.queues.empty()) return KeyError("queues", "names no queue");
  }

  const bool token = Find(config, "token_file") != nullptr || Find(config, "token_env") != nullptr;
  const bool user = Find(config, "user") != nullptr;
  const bool password = Find(config, "password_file") != nullptr || Find(config, "password_env") != nullptr;
  if (token == (user || password)) {
    return KeyError("token_file",
                    "set either token_file (or token_env), or user with password_file (or password_env)");
  }
  if (token) {
    auto secret = ReadSecret(config.options, "token");
    if (!secret.ok()) return secret.status();
    options.authorization = absl::StrCat("token ", *secret);
  } else {
    if (!user || !password) return KeyError(user ? "password_file" : "user", "missing: user and password_file go together");
    auto secret = ReadSecret(config.options, "password");
    if (!secret.ok()) return secret.status();
    options.authorization =
        absl::StrCat("Basic ", absl::Base64Escape(absl::StrCat(*Find(config, "user"), ":", *secret)));
  }
  return options;
}

}  // namespace crosswalk::rt
