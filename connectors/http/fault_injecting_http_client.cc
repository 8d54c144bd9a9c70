#include "connectors/http/fault_injecting_http_client.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "connectors/http/retry_after.h"

namespace crosswalk {
namespace {

HttpResponse Answer(int status, std::vector<std::pair<std::string, std::string>> headers,
                    std::string body) {
  HttpResponse response;
  response.status = status;
  response.headers = std::move(headers);
  response.body = std::move(body);
  return response;
}

HttpResponse HtmlPage(int status, const std::string& title) {
  return Answer(status, {{"content-type", "text/html; charset=utf-8"}},
                absl::StrCat("<!DOCTYPE html>\n<html><head><title>", title,
                             "</title></head><body><h1>", title,
                             "</h1><p>Please try again later.</p></body></html>\n"));
}

}  // namespace

const char* FaultKindName(FaultKind kind) {
  switch (kind) {
    case FaultKind::kNone: return "none";
    case FaultKind::kRetryAfterSeconds: return "retry-after-seconds";
    case FaultKind::kRetryAfterZero: return "retry-after-zero";
    case FaultKind::kRetryAfterDate: return "retry-after-date";
    case FaultKind::kRateLimitedBare: return "rate-limited-bare";
    case FaultKind::kServiceUnavailable: return "service-unavailable";
    case FaultKind::kUnauthorized: return "unauthorized";
    case FaultKind::kHtmlPage200: return "html-page-200";
    case FaultKind::kHtmlPage502: return "html-page-502";
    case FaultKind::kTransportError: return "transport-error";
    case FaultKind::kTimeout: return "timeout";
  }
  return "unknown";
}

FaultSchedule FaultSchedule::Uniform(double fault_share, uint64_t seed) {
  FaultSchedule schedule;
  schedule.seed = seed;
  for (int i = 1; i < kFaultKindCount; ++i) {
    schedule.probability[i] = fault_share / (kFaultKindCount - 1);
  }
  return schedule;
}

absl::Status FaultSchedule::Validate() const {
  double sum = 0;
  for (int i = 1; i < kFaultKindCount; ++i) {
    if (!(probability[i] >= 0 && probability[i] <= 1)) {
      return absl::InvalidArgumentError(
          absl::StrCat("fault schedule: the probability of ", FaultKindName(FaultKind(i)),
                       " must be from 0 to 1, got ", probability[i]));
    }
    sum += probability[i];
  }
  if (sum > 1 + 1e-9) {
    return absl::InvalidArgumentError(
        absl::StrCat("fault schedule: the probabilities sum to ", sum, ", more than 1"));
  }
  if (retry_after_seconds < 0) {
    return absl::InvalidArgumentError("fault schedule: retry_after_seconds must not be negative");
  }
  return absl::OkStatus();
}

int64_t FaultInjectingHttpClient::count(FaultKind kind) const {
  return std::count(injected_.begin(), injected_.end(), kind);
}

FaultKind FaultInjectingHttpClient::Choose() {
  if (!schedule_.script.empty()) {
    return injected_.size() < schedule_.script.size() ? schedule_.script[injected_.size()]
                                                       : FaultKind::kNone;
  }
  // One draw per request whatever the outcome, so a seed replays the same sequence.
  double draw = std::uniform_real_distribution<double>(0, 1)(random_);
  for (int i = 1; i < kFaultKindCount; ++i) {
    if (draw < schedule_.probability[i]) {
      const FaultKind kind = FaultKind(i);
      return kind == FaultKind::kUnauthorized && unauthorized_pending_ ? FaultKind::kNone : kind;
    }
    draw -= schedule_.probability[i];
  }
  return FaultKind::kNone;
}

absl::StatusOr<HttpResponse> FaultInjectingHttpClient::Send(const HttpRequest& request) {
  const FaultKind kind = Choose();
  injected_.push_back(kind);
  if (kind == FaultKind::kUnauthorized) unauthorized_pending_ = true;
  if (kind == FaultKind::kNone) unauthorized_pending_ = false;
  const std::string wait = absl::StrCat(schedule_.retry_after_seconds);
  const std::string what = absl::StrCat(request.method, " ", request.path);
  switch (kind) {
    case FaultKind::kNone:
      return inner_->Send(request);
    case FaultKind::kRetryAfterSeconds:
      return Answer(429, {{"retry-after", wait}}, "");
    case FaultKind::kRetryAfterZero:
      return Answer(429, {{"retry-after", "0"}}, "");
    case FaultKind::kRetryAfterDate:
      return Answer(429,
                    {{"retry-after",
                      FormatHttpDate(clock_->NowSeconds() + schedule_.retry_after_seconds)}},
                    "");
    case FaultKind::kRateLimitedBare:
      return Answer(429, {}, "");
    case FaultKind::kServiceUnavailable:
      return Answer(503, {{"retry-after", wait}}, "");
    case FaultKind::kUnauthorized:
      return Answer(401, {{"www-authenticate", "Bearer"}}, "");
    case FaultKind::kHtmlPage200:
      return HtmlPage(200, "Instance Hibernating");
    case FaultKind::kHtmlPage502:
      return HtmlPage(502, "502 Bad Gateway");
    case FaultKind::kTransportError:
      return absl::UnavailableError(absl::StrCat(what, ": connection reset (injected fault)"));
    case FaultKind::kTimeout:
      return absl::DeadlineExceededError(absl::StrCat(what, ": no connection in time (injected fault)"));
  }
  return inner_->Send(request);
}

}  // namespace crosswalk
