// The untrusted-input parsers of connectors/http: Retry-After, X-RateLimit-Reset and HTTP-dates
// (retry_after.h), and the body-level error and HTML recognisers (body_errors.h). Invariants: a
// wait is never negative; an HTTP-date that parses formats back to the same text; every message
// is at most 160 bytes plus "…" before escaping and holds no raw ESC.
#include <cstdlib>
#include <string>

#include "absl/strings/match.h"
#include "connectors/http/body_errors.h"
#include "connectors/http/retry_after.h"

namespace {

void CheckMessage(const std::optional<std::string>& message) {
  if (message.has_value() && absl::StrContains(*message, '\x1b')) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  constexpr int64_t kNow = 1699999980;
  for (auto wait : {crosswalk::ParseRetryAfter(text, kNow), crosswalk::ParseRateLimitReset(text, kNow)}) {
    if (wait.has_value() && *wait < 0) std::abort();
  }
  if (auto date = crosswalk::ParseHttpDate(text); date.has_value()) {
    if (crosswalk::FormatHttpDate(*date) != text) std::abort();
  }
  crosswalk::HttpResponse response;
  response.status = 200;
  response.body = text;
  CheckMessage(crosswalk::GlpiBodyError(response));
  CheckMessage(crosswalk::ServiceNowBodyError(response));
  CheckMessage(crosswalk::SnipeItBodyError(response));
  if (crosswalk::IsHtmlPage(response)) CheckMessage(crosswalk::HtmlPageSummary(text));
  CheckMessage(crosswalk::ApiMessage(text));
  return 0;
}
