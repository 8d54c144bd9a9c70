#include "connectors/http/retry_policy.h"

#include <algorithm>

namespace crosswalk {

absl::Status RetryPolicy::Validate() const {
  if (max_attempts < 1) {
    return absl::InvalidArgumentError("max_retries: expected 0 or more retries");
  }
  if (base_delay_nanos < 0 || max_delay_nanos < 0 || total_budget_nanos < 0) {
    return absl::InvalidArgumentError("retry delays and retry_budget must not be negative");
  }
  if (base_delay_nanos > max_delay_nanos) {
    return absl::InvalidArgumentError("the first retry delay is above the cap on one wait");
  }
  return absl::OkStatus();
}

int64_t BackoffNanos(const RetryPolicy& policy, int retry, std::mt19937_64& random) {
  int64_t step = policy.base_delay_nanos;
  for (int i = 1; i < retry && step < policy.max_delay_nanos; ++i) {
    step = step > policy.max_delay_nanos / 2 ? policy.max_delay_nanos : step * 2;
  }
  step = std::min(step, policy.max_delay_nanos);
  if (!policy.jitter || step <= 0) return step;
  return std::uniform_int_distribution<int64_t>(0, step)(random);
}

}  // namespace crosswalk
