#ifndef CROSSWALK_CONNECTORS_HTTP_RETRYING_HTTP_CLIENT_H_
#define CROSSWALK_CONNECTORS_HTTP_RETRYING_HTTP_CLIENT_H_

// The one retrying layer every HTTP connector sends through (DESIGN.md §8). It decorates any
// HttpClient (the real transport, a fake, a fault injector) and owns every retry rule, so no
// connector retries on its own. Rules (docs/connectors-http.md for users):
// - 429, 503, and an HTML page with any 5xx status, are retried after the wait the server asks
//   for (Retry-After in seconds or as an HTTP-date; else X-RateLimit-Reset as Unix time,
//   seconds-until or ISO-8601), else after our own exponential backoff with full jitter.
//   Transport errors UNAVAILABLE and DEADLINE_EXCEEDED are retried the same way.
// - Every other 4xx (400, 403, 404, 410 …) and other 5xx is returned to the connector untouched.
// - 401: the connector's `reauthenticate` hook runs once, then the request is sent once more; a
//   second 401 (or a 401 with no hook) is UNAUTHENTICATED.
// - A 2xx whose body the connector's `body_error` hook recognises, or an HTML page where JSON was
//   expected, is FAILED_PRECONDITION naming the request and the API's own message.
// - Giving up (attempts spent, a wait above the cap, a wait past the budget) is RESOURCE_EXHAUSTED
//   after 429s and UNAVAILABLE otherwise; the message names the request, the attempts made and
//   the last status. No message holds a header value or the query string.
// Waits use the injected Clock (SleepFor; the budget on MonotonicNanos; HTTP-dates against
// NowSeconds), so tests with ManualClock never sleep. Used from one thread at a time.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <utility>

#include "absl/status/statusor.h"
#include "connectors/http/http_client.h"
#include "connectors/http/retry_policy.h"
#include "gateway/core/clock.h"

namespace crosswalk {

struct RetryOptions {
  RetryPolicy policy;
  // Seeds the jitter; tests fix it, production passes std::random_device's.
  uint64_t jitter_seed = 0;
  // Called on a 401 before the one resend: obtains fresh credentials (a new GLPI session, a new
  // OAuth token) and rewrites the request's credential headers. An error from it is returned.
  std::function<absl::Status(HttpRequest& request)> reauthenticate;
  // Recognises an error the API answered with a 2xx (body_errors.h has GLPI's, ServiceNow's and
  // Snipe-IT's): the API's message, or std::nullopt when the body is not an error.
  std::function<std::optional<std::string>(const HttpResponse& response)> body_error;
  // Whether a 2xx HTML page is an error (true for JSON APIs).
  bool expect_json = true;
};

// What the layer did, summed over every request since construction: for a sync's report.
struct RetryStats {
  int64_t requests = 0;           // Send calls
  int64_t attempts = 0;           // sends to the transport, retries and resends included
  int64_t rate_limited = 0;       // 429 answers
  int64_t unavailable = 0;        // 503 / HTML 5xx answers and retried transport errors
  int64_t reauthentications = 0;  // 401s answered by the hook
  int64_t waits = 0;              // sleeps before a retry (a wait of 0 counts)
  int64_t waited_nanos = 0;       // their total

  // "" when nothing waited; else e.g. "waited 12 s for rate limits and outages (3 × 429, 1 × 503
  // or transport error)".
  std::string Summary() const;
};

class RetryingHttpClient : public HttpClient {
 public:
  // REQUIRES: `inner` non-null; `clock` outlives this client; options.policy.Validate() is OK.
  RetryingHttpClient(std::unique_ptr<HttpClient> inner, Clock* clock, RetryOptions options)
      : inner_(std::move(inner)), clock_(clock), options_(std::move(options)), random_(options_.jitter_seed) {}

  absl::StatusOr<HttpResponse> Send(const HttpRequest& request) override;

  const RetryStats& stats() const { return stats_; }

 private:
  struct Attempt;
  absl::StatusOr<HttpResponse> CheckBody(const std::string& what, HttpResponse response) const;

  std::unique_ptr<HttpClient> inner_;
  Clock* clock_;
  RetryOptions options_;
  std::mt19937_64 random_;
  RetryStats stats_;
};

}  // namespace crosswalk

#endif  // CROSSWALK_CONNECTORS_HTTP_RETRYING_HTTP_CLIENT_H_
