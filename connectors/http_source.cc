#include "connectors/http_source.h"

#include <algorithm>
#include <random>
#include <utility>

#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace crosswalk {
namespace {

// Ranges of the shared keys, used by the declarations and the reader alike.
constexpr int64_t kMaxTimeout = 3600;
constexpr int64_t kMaxOverlap = 30 * 86400;
constexpr int64_t kMaxPages = 10'000'000;
constexpr int64_t kMaxRetries = 20;
constexpr int64_t kMaxRetryBudget = 86400;
constexpr int64_t kDefaultTimeout = 60;
constexpr int64_t kDefaultOverlap = 300;
constexpr int64_t kDefaultMaxPages = 10'000;
constexpr int64_t kDefaultRetries = 4;
constexpr int64_t kDefaultRetryBudget = 300;
constexpr int64_t kMaxReconcileEvery = 100'000;
constexpr int64_t kDefaultReconcileEvery = 1;
constexpr int64_t kDefaultMaxDeletePercent = 10;

absl::Status KeyError(const std::string& key, absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat(key, ": ", what));
}

}  // namespace

const std::string* FindOption(const SourceConfig& config, const std::string& key) {
  auto it = config.options.find(key);
  return it == config.options.end() ? nullptr : &it->second;
}

absl::StatusOr<int64_t> IntegerOption(const SourceConfig& config, const std::string& key, int64_t low,
                                      int64_t high, int64_t fallback) {
  const std::string* text = FindOption(config, key);
  if (text == nullptr) return fallback;
  int64_t value = 0;
  if (!absl::SimpleAtoi(*text, &value) || value < low || value > high) {
    return KeyError(key, absl::StrCat("'", *text, "' is not a whole number from ", low, " to ", high));
  }
  return value;
}

std::vector<ConfigKey> HttpSourceKeys(const HttpSourceSpec& spec) {
  std::vector<ConfigKey> keys = {
      {.name = "url", .description = absl::StrCat(spec.system, "'s base URL, e.g. ", spec.url_example),
       .type = ConfigKeyType::kUrl, .required = true},
      {.name = "token_file", .description = absl::StrCat("file holding ", spec.system, "'s API token (sent as ", spec.token_scheme, ")"),
       .type = ConfigKeyType::kSecretFile},
      {.name = "token_env", .description = "environment variable holding the API token, instead of token_file",
       .type = ConfigKeyType::kSecretEnv},
  };
  if (spec.basic_auth) {
    keys.push_back({.name = "user", .description = absl::StrCat(spec.system, " user name for HTTP Basic (with password_file or password_env), instead of a token")});
    keys.push_back({.name = "password_file", .description = "file holding that user's password", .type = ConfigKeyType::kSecretFile});
    keys.push_back({.name = "password_env", .description = "environment variable holding that user's password",
                    .type = ConfigKeyType::kSecretEnv});
  }
  std::vector<ConfigKey> rest = {
      {.name = "ca_file", .description = absl::StrCat("PEM file of a private CA that signed ", spec.system, "'s certificate"),
       .type = ConfigKeyType::kPath},
      {.name = "timeout", .description = absl::StrCat("seconds to wait for ", spec.system, "'s answer to one request"),
       .type = ConfigKeyType::kSeconds, .default_value = absl::StrCat(kDefaultTimeout), .min = 1, .max = kMaxTimeout},
      {.name = "page_size", .description = absl::StrCat("records per request (at most ", spec.max_page_size, ")"),
       .type = ConfigKeyType::kInteger, .default_value = absl::StrCat(spec.default_page_size), .min = 1, .max = spec.max_page_size},
      {.name = "overlap", .description = "seconds re-read before the last watermark on each run (updates the source committed late)",
       .type = ConfigKeyType::kSeconds, .default_value = absl::StrCat(kDefaultOverlap), .min = 0, .max = kMaxOverlap},
      {.name = "max_pages", .description = "request budget of one run (the next run goes on from where it stopped)",
       .type = ConfigKeyType::kInteger, .default_value = absl::StrCat(kDefaultMaxPages), .min = 1, .max = kMaxPages},
      {.name = "max_retries", .description = "retries of one request after a 429, a 503 or a transport error",
       .type = ConfigKeyType::kInteger, .default_value = absl::StrCat(kDefaultRetries), .min = 0, .max = kMaxRetries},
      {.name = "retry_budget", .description = "seconds one request may take with its retries and waits, then the run fails",
       .type = ConfigKeyType::kSeconds, .default_value = absl::StrCat(kDefaultRetryBudget), .min = 1, .max = kMaxRetryBudget},
      {.name = "reconcile_every",
       .description = "list every id the source holds after each N-th successful run and mark stored records it no "
                      "longer holds deleted (0: never; raise it for large sources, each listing reads every id)",
       .type = ConfigKeyType::kInteger, .default_value = absl::StrCat(kDefaultReconcileEvery), .min = 0,
       .max = kMaxReconcileEvery},
      {.name = "max_delete_share",
       .description = "percent of the source's stored records one reconciliation may delete; more is refused and the "
                      "run fails, deleting nothing (a lost permission or a changed filter looks like mass deletion)",
       .type = ConfigKeyType::kInteger, .default_value = absl::StrCat(kDefaultMaxDeletePercent), .min = 0, .max = 100},
  };
  keys.insert(keys.end(), std::make_move_iterator(rest.begin()), std::make_move_iterator(rest.end()));
  return keys;
}

std::string HttpSourceOptions::BasicAuthorization() const {
  if (user.empty()) return "";
  return absl::StrCat("Basic ", absl::Base64Escape(absl::StrCat(user, ":", password)));
}

absl::StatusOr<HttpSourceOptions> ReadHttpSourceOptions(const SourceConfig& config, const HttpSourceSpec& spec) {
  HttpSourceOptions options;
  const std::string* url = FindOption(config, "url");
  if (url == nullptr || url->empty()) {
    return KeyError("url", absl::StrCat("missing: ", spec.system, "'s base URL, e.g. ", spec.url_example));
  }
  options.http.base_url = *url;
  if (const std::string* ca = FindOption(config, "ca_file")) options.http.ca_file = *ca;
  auto timeout = IntegerOption(config, "timeout", 1, kMaxTimeout, kDefaultTimeout);
  if (!timeout.ok()) return timeout.status();
  options.http.read_timeout_ms = *timeout * 1000;
  options.http.connect_timeout_ms = std::min<int64_t>(*timeout, 10) * 1000;
  auto page_size = IntegerOption(config, "page_size", 1, spec.max_page_size, spec.default_page_size);
  if (!page_size.ok()) return page_size.status();
  options.page_size = static_cast<int>(*page_size);
  auto overlap = IntegerOption(config, "overlap", 0, kMaxOverlap, kDefaultOverlap);
  if (!overlap.ok()) return overlap.status();
  options.overlap_seconds = *overlap;
  auto max_pages = IntegerOption(config, "max_pages", 1, kMaxPages, kDefaultMaxPages);
  if (!max_pages.ok()) return max_pages.status();
  options.max_pages = *max_pages;
  auto retries = IntegerOption(config, "max_retries", 0, kMaxRetries, kDefaultRetries);
  if (!retries.ok()) return retries.status();
  options.retry.max_attempts = static_cast<int>(*retries) + 1;
  auto budget = IntegerOption(config, "retry_budget", 1, kMaxRetryBudget, kDefaultRetryBudget);
  if (!budget.ok()) return budget.status();
  options.retry.total_budget_nanos = *budget * 1'000'000'000;
  auto every = IntegerOption(config, "reconcile_every", 0, kMaxReconcileEvery, kDefaultReconcileEvery);
  if (!every.ok()) return every.status();
  options.reconcile.every_runs = static_cast<int>(*every);
  auto share = IntegerOption(config, "max_delete_share", 0, 100, kDefaultMaxDeletePercent);
  if (!share.ok()) return share.status();
  options.reconcile.max_delete_percent = static_cast<int>(*share);
  // A wait longer than the budget could never be taken; keep the policy valid for small budgets.
  options.retry.max_delay_nanos = std::min(options.retry.max_delay_nanos, options.retry.total_budget_nanos);
  options.retry.base_delay_nanos = std::min(options.retry.base_delay_nanos, options.retry.max_delay_nanos);

  const bool token = FindOption(config, "token_file") != nullptr || FindOption(config, "token_env") != nullptr;
  const bool user = FindOption(config, "user") != nullptr;
  const bool password = FindOption(config, "password_file") != nullptr || FindOption(config, "password_env") != nullptr;
  if (!spec.basic_auth && (user || password)) {
    return KeyError(user ? "user" : "password_file",
                    absl::StrCat(spec.system, " takes a token only: set token_file (or token_env)"));
  }
  if (token == (user || password)) {
    return KeyError("token_file", spec.basic_auth
                                      ? "set either token_file (or token_env), or user with password_file (or password_env)"
                                      : "missing: set token_file (or token_env)");
  }
  if (token) {
    auto secret = ReadSecret(config.options, "token");
    if (!secret.ok()) return secret.status();
    options.token = *std::move(secret);
    return options;
  }
  if (!user || !password) return KeyError(user ? "password_file" : "user", "missing: user and password_file go together");
  auto secret = ReadSecret(config.options, "password");
  if (!secret.ok()) return secret.status();
  options.user = *FindOption(config, "user");
  options.password = *std::move(secret);
  return options;
}

absl::StatusOr<std::unique_ptr<HttpClient>> NewHttpSourceTransport(const ConnectorDeps& deps,
                                                                   const HttpSourceOptions& options,
                                                                   RetryOptions retry) {
  if (!deps.http) return absl::FailedPreconditionError("an HTTP connector needs an HTTP client and none was given");
  auto inner = deps.http(options.http);
  if (!inner.ok()) return inner.status();
  retry.policy = options.retry;
  if (retry.jitter_seed == 0) retry.jitter_seed = std::random_device()();
  return std::unique_ptr<HttpClient>(new RetryingHttpClient(*std::move(inner), deps.clock, std::move(retry)));
}

}  // namespace crosswalk
