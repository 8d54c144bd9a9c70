#include "connectors/http/retrying_http_client.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "connectors/http/body_errors.h"
#include "connectors/http/retry_after.h"

namespace crosswalk {
namespace {

constexpr int64_t kNanosPerSecond = 1'000'000'000;

// "12 s", "0.25 s": seconds with up to three decimals, trailing zeros dropped.
std::string SecondsText(int64_t nanos) {
  std::string text = absl::StrFormat("%.3f", static_cast<double>(nanos) / kNanosPerSecond);
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  return absl::StrCat(text, " s");
}

}  // namespace

std::string RetryStats::Summary() const {
  if (waits == 0) return "";
  std::vector<std::string> causes;
  if (rate_limited > 0) causes.push_back(absl::StrCat(rate_limited, " × 429"));
  if (unavailable > 0) causes.push_back(absl::StrCat(unavailable, " × 503 or transport error"));
  const char* what = rate_limited > 0 && unavailable > 0 ? "rate limits and outages"
                     : rate_limited > 0                  ? "rate limits"
                                                         : "outages";
  return absl::StrCat("waited ", SecondsText(waited_nanos), " for ", what, " (",
                      absl::StrJoin(causes, ", "), ")");
}

// The state of one Send: what it has tried so far, for the decision and the final message.
struct RetryingHttpClient::Attempt {
  std::string what;        // "GET /path" — never the query or a header
  int64_t start_nanos = 0;
  int attempts = 0;        // sends so far
  int retries = 0;         // waits so far (re-authentication resends excluded)
  int64_t waited_nanos = 0;
  bool reauthenticated = false;
  bool last_rate_limited = false;
  std::string last;        // the last answer: "HTTP 429", "UNAVAILABLE: …"

  absl::Status GiveUp(absl::string_view reason) const {
    const std::string message =
        absl::StrCat(what, ": gave up after ", attempts, attempts == 1 ? " attempt" : " attempts",
                     " (last: ", last, "; waited ", SecondsText(waited_nanos), ")",
                     reason.empty() ? "" : ": ", reason);
    return last_rate_limited ? absl::ResourceExhaustedError(message)
                             : absl::UnavailableError(message);
  }
};

absl::StatusOr<HttpResponse> RetryingHttpClient::CheckBody(const std::string& what,
                                                           HttpResponse response) const {
  if (response.status < 200 || response.status > 299) return response;
  if (options_.expect_json && IsHtmlPage(response)) {
    return absl::FailedPreconditionError(
        absl::StrCat(what, ": expected JSON, got an HTML page (HTTP ", response.status,
                     "): ", HtmlPageSummary(response.body)));
  }
  if (options_.body_error) {
    if (std::optional<std::string> message = options_.body_error(response)) {
      return absl::FailedPreconditionError(absl::StrCat(
          what, ": the API answered HTTP ", response.status, " with an error: ", *message));
    }
  }
  return response;
}

absl::StatusOr<HttpResponse> RetryingHttpClient::Send(const HttpRequest& request) {
  ++stats_.requests;
  HttpRequest current = request;
  Attempt attempt;
  attempt.what = absl::StrCat(request.method, " ", request.path);
  attempt.start_nanos = clock_->MonotonicNanos();
  const RetryPolicy& policy = options_.policy;
  for (;;) {
    absl::StatusOr<HttpResponse> result = inner_->Send(current);
    ++attempt.attempts;
    ++stats_.attempts;
    std::optional<int64_t> server_wait_seconds;
    if (!result.ok()) {
      const absl::StatusCode code = result.status().code();
      if (code != absl::StatusCode::kUnavailable && code != absl::StatusCode::kDeadlineExceeded) {
        return result.status();
      }
      ++stats_.unavailable;
      attempt.last_rate_limited = false;
      attempt.last = absl::StrCat(absl::StatusCodeToString(code), ": ", result.status().message());
    } else {
      const int status = result->status;
      const bool html = IsHtmlPage(*result);
      if (status == 401) {
        std::string detail;
        if (std::optional<std::string> message =
                options_.body_error ? options_.body_error(*result) : std::nullopt) {
          detail = absl::StrCat(": ", *message);
        } else if (html) {
          detail = absl::StrCat(": ", HtmlPageSummary(result->body));
        }
        if (!options_.reauthenticate) {
          return absl::UnauthenticatedError(absl::StrCat(
              attempt.what, ": the server refused the credentials (HTTP 401", detail,
              "); check the token or password the source is configured with"));
        }
        if (attempt.reauthenticated) {
          return absl::UnauthenticatedError(absl::StrCat(
              attempt.what, ": the server refused the credentials again after re-authenticating "
              "(HTTP 401", detail, ")"));
        }
        attempt.reauthenticated = true;
        ++stats_.reauthentications;
        const absl::Status renewed = options_.reauthenticate(current);
        if (!renewed.ok()) {
          return absl::Status(renewed.code(),
                              absl::StrCat(attempt.what, ": re-authenticating after HTTP 401 failed: ",
                                           renewed.message()));
        }
        continue;
      }
      const bool retry = status == 429 || status == 503 || (status >= 500 && status <= 599 && html);
      if (!retry) return CheckBody(attempt.what, *std::move(result));
      attempt.last_rate_limited = status == 429;
      ++(status == 429 ? stats_.rate_limited : stats_.unavailable);
      attempt.last = absl::StrCat("HTTP ", status);
      if (html) absl::StrAppend(&attempt.last, ", an HTML page: ", HtmlPageSummary(result->body));
      server_wait_seconds = ServerRequestedWaitSeconds(*result, clock_->NowSeconds());
    }
    if (attempt.attempts >= policy.max_attempts) return attempt.GiveUp("");
    int64_t wait_nanos;
    if (server_wait_seconds.has_value()) {
      if (*server_wait_seconds > policy.max_delay_nanos / kNanosPerSecond) {
        return attempt.GiveUp(absl::StrCat("the server asks to wait ", *server_wait_seconds,
                                           " s, more than the cap of ",
                                           SecondsText(policy.max_delay_nanos), " on one wait"));
      }
      wait_nanos = *server_wait_seconds * kNanosPerSecond;
    } else {
      wait_nanos = BackoffNanos(policy, attempt.retries + 1, random_);
    }
    const int64_t elapsed = clock_->MonotonicNanos() - attempt.start_nanos;
    if (elapsed + wait_nanos > policy.total_budget_nanos) {
      return attempt.GiveUp(absl::StrCat("waiting ", SecondsText(wait_nanos),
                                         " more would pass the retry budget of ",
                                         SecondsText(policy.total_budget_nanos)));
    }
    clock_->SleepFor(wait_nanos);
    ++attempt.retries;
    attempt.waited_nanos += wait_nanos;
    ++stats_.waits;
    stats_.waited_nanos += wait_nanos;
  }
}

}  // namespace crosswalk
