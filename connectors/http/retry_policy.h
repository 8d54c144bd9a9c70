#ifndef CROSSWALK_CONNECTORS_HTTP_RETRY_POLICY_H_
#define CROSSWALK_CONNECTORS_HTTP_RETRY_POLICY_H_

#include <cstdint>
#include <random>
#include <string>

#include "absl/status/status.h"

namespace crosswalk {

// How hard the retrying layer (retrying_http_client.h) tries before it gives up on one request.
// The defaults suit an interactive sync; a source's config sets `max_retries` (max_attempts − 1)
// and `retry_budget` (total_budget, seconds). docs/connectors-http.md describes them.
struct RetryPolicy {
  int max_attempts = 5;                            // sends of one request, the first included
  int64_t base_delay_nanos = 1'000'000'000;        // first backoff step when the server names none
  int64_t max_delay_nanos = 60'000'000'000;        // cap on any one wait, ours or the server's
  int64_t total_budget_nanos = 300'000'000'000;    // cap on the time one request may take, waits included
  bool jitter = true;                              // full jitter on our own backoff

  // INVALID_ARGUMENT naming the field when a value is out of range (max_attempts < 1, a negative
  // delay, base above cap).
  absl::Status Validate() const;
};

// Our own backoff before retry number `retry` (1 for the first retry) when the server named no
// wait: exponential, base·2^(retry−1) capped at max_delay; with jitter a uniform draw from
// [0, that] ("full jitter"), so clients hit by the same outage do not come back in step.
int64_t BackoffNanos(const RetryPolicy& policy, int retry, std::mt19937_64& random);

}  // namespace crosswalk

#endif  // CROSSWALK_CONNECTORS_HTTP_RETRY_POLICY_H_
