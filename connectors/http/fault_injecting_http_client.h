#ifndef CROSSWALK_CONNECTORS_HTTP_FAULT_INJECTING_HTTP_CLIENT_H_
#define CROSSWALK_CONNECTORS_HTTP_FAULT_INJECTING_HTTP_CLIENT_H_

// A decorator over any HttpClient that answers some requests with the faults real APIs produce
// instead of passing them on (leveldb's FaultInjectionTestEnv is the model). Used by connector
// tests and by the soak mode of tools/bench. Deterministic for a given seed and request sequence.

#include <array>
#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "connectors/http/http_client.h"
#include "gateway/core/clock.h"

namespace crosswalk {

enum class FaultKind {
  kNone,                 // passed to the wrapped client
  kRetryAfterSeconds,    // 429 with Retry-After: <retry_after_seconds>
  kRetryAfterZero,       // 429 with Retry-After: 0
  kRetryAfterDate,       // 429 with Retry-After: <now + retry_after_seconds as an HTTP-date>
  kRateLimitedBare,      // 429 without any header
  kServiceUnavailable,   // 503 with Retry-After: <retry_after_seconds>
  kUnauthorized,         // 401, as an expired token or session: not again until a request has
                         // passed through, so the one re-authentication then succeeds
  kHtmlPage200,          // an HTML page with 200 (a hibernating instance, a login page)
  kHtmlPage502,          // a proxy's HTML error page with 502
  kTransportError,       // UNAVAILABLE, as a refused or reset connection
  kTimeout,              // DEADLINE_EXCEEDED, as a connect timeout
};
inline constexpr int kFaultKindCount = 11;

// "retry-after-seconds", "html-page-502" …: for logs and test output.
const char* FaultKindName(FaultKind kind);

// Which requests get a fault. With `script` non-empty, request i gets script[i] and requests past
// its end pass through; otherwise every request draws one fault with `probability[kind]` (the rest
// of 1 passes through).
struct FaultSchedule {
  std::vector<FaultKind> script;
  std::array<double, kFaultKindCount> probability{};  // indexed by FaultKind; kNone's is ignored
  int64_t retry_after_seconds = 1;
  uint64_t seed = 0;

  // Every kind but kNone with the same probability, summing to `fault_share` (0 to 1).
  static FaultSchedule Uniform(double fault_share, uint64_t seed);

  // INVALID_ARGUMENT when a probability is outside [0, 1], they sum past 1, or the wait is negative.
  absl::Status Validate() const;
};

class FaultInjectingHttpClient : public HttpClient {
 public:
  // REQUIRES: `inner` non-null, `clock` outlives this client, schedule.Validate() is OK.
  FaultInjectingHttpClient(std::unique_ptr<HttpClient> inner, Clock* clock, FaultSchedule schedule)
      : inner_(std::move(inner)), clock_(clock), schedule_(std::move(schedule)), random_(schedule_.seed) {}

  absl::StatusOr<HttpResponse> Send(const HttpRequest& request) override;

  // One entry per Send, kNone for those passed through.
  const std::vector<FaultKind>& injected() const { return injected_; }
  // How many times `kind` was injected.
  int64_t count(FaultKind kind) const;

 private:
  FaultKind Choose();

  std::unique_ptr<HttpClient> inner_;
  Clock* clock_;
  FaultSchedule schedule_;
  std::mt19937_64 random_;
  std::vector<FaultKind> injected_;
  bool unauthorized_pending_ = false;  // a 401 was injected and no request has passed since
};

}  // namespace crosswalk

#endif  // CROSSWALK_CONNECTORS_HTTP_FAULT_INJECTING_HTTP_CLIENT_H_
