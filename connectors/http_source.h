#ifndef CROSSWALK_CONNECTORS_HTTP_SOURCE_H_
#define CROSSWALK_CONNECTORS_HTTP_SOURCE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "connectors/connector.h"
#include "connectors/http/http_client.h"
#include "connectors/http/retrying_http_client.h"

namespace crosswalk {

// The keys every HTTP connector shares (issue 12: url, token_file or user with password_file,
// ca_file, timeout, page_size, and the incremental-sync and retry keys), declared once so their
// names, types, ranges and help read the same in every connector, and read once.
struct HttpSourceSpec {
  std::string system;            // "RT", "Redmine": in descriptions and messages
  std::string url_example;       // "https://rt.example.com"
  std::string token_scheme;      // how a token is sent, for the description ("'Authorization: token …'")
  int max_page_size = 100;       // the API's own cap
  int default_page_size = 100;
  bool basic_auth = true;        // user + password_file is an alternative to a token
};

// The shared keys, in the order they are documented: url, token_file, token_env, then (with
// basic_auth) user, password_file, password_env, then ca_file, timeout, page_size, overlap,
// max_pages, max_retries, retry_budget, reconcile_every, max_delete_share.
std::vector<ConfigKey> HttpSourceKeys(const HttpSourceSpec& spec);

// The shared keys of one source, checked, with its secret read from its file or variable.
struct HttpSourceOptions {
  HttpClientOptions http;         // url, ca_file, timeouts
  RetryPolicy retry;              // max_retries, retry_budget
  std::string token;              // set when token_file/token_env is: a secret, never shown
  std::string user, password;     // set for Basic; the password is a secret
  int page_size = 100;
  int64_t overlap_seconds = 300;  // watermark re-read window
  int64_t max_pages = 10'000;     // request budget of one run
  ReconcilePolicy reconcile;      // reconcile_every, max_delete_share

  // "Basic base64(user:password)"; empty when a token is used.
  std::string BasicAuthorization() const;
};

// INVALID_ARGUMENT "KEY: what was expected" (the caller names the source and the value's place);
// a message names a secret's file or variable, never its content. Exactly one of a token and
// user + password must be set (a token only, without basic_auth).
absl::StatusOr<HttpSourceOptions> ReadHttpSourceOptions(const SourceConfig& config, const HttpSourceSpec& spec);

// An integer option in [low, high], or `fallback` when absent (the connector's own keys).
absl::StatusOr<int64_t> IntegerOption(const SourceConfig& config, const std::string& key, int64_t low,
                                      int64_t high, int64_t fallback);
// The option's value, or nullptr when absent.
const std::string* FindOption(const SourceConfig& config, const std::string& key);

// The transport of an HTTP connector: deps.http's client for `options.http`, wrapped in the shared
// retrying layer with the source's retry policy; `retry` gives the connector's hooks (re-auth,
// body errors). FAILED_PRECONDITION when deps has no HTTP client.
absl::StatusOr<std::unique_ptr<HttpClient>> NewHttpSourceTransport(const ConnectorDeps& deps,
                                                                   const HttpSourceOptions& options,
                                                                   RetryOptions retry = {});

}  // namespace crosswalk

#endif  // CROSSWALK_CONNECTORS_HTTP_SOURCE_H_
