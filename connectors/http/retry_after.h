#ifndef CROSSWALK_CONNECTORS_HTTP_RETRY_AFTER_H_
#define CROSSWALK_CONNECTORS_HTTP_RETRY_AFTER_H_

// How long a server asks a client to wait, read from the headers APIs send with 429 and 503.
// Pure functions over header text (untrusted input: fuzzed by tests/fuzz/retry_after_fuzzer);
// the retrying layer (retrying_http_client.h) decides what to do with the answer.

#include <cstdint>
#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "connectors/http/http_client.h"

namespace crosswalk {

// An RFC 7231 IMF-fixdate, "Sun, 06 Nov 1994 08:49:37 GMT", as Unix seconds. Only that form (the
// one RFC 7231 requires senders to use); the obsolete RFC 850 and asctime forms are std::nullopt,
// as is a day name that does not match the date.
std::optional<int64_t> ParseHttpDate(absl::string_view text);

// Unix seconds as an IMF-fixdate (years 1 to 9999).
std::string FormatHttpDate(int64_t unix_seconds);

// Retry-After: delay-seconds ("120") or an HTTP-date, as seconds to wait from `now_seconds`
// (a date in the past waits 0). std::nullopt for anything else.
std::optional<int64_t> ParseRetryAfter(absl::string_view value, int64_t now_seconds);

// X-RateLimit-Reset in the three forms APIs use, as seconds to wait from `now_seconds`:
// - an integer of 1,000,000,000 or more: a Unix time (ServiceNow) — a time past waits 0;
// - a smaller integer: seconds until the reset (Snipe-IT / Laravel);
// - ISO-8601 "yyyy-MM-ddTHH:mmZ" or "yyyy-MM-ddTHH:mm:ssZ" (Jira), UTC.
// std::nullopt for anything else.
std::optional<int64_t> ParseRateLimitReset(absl::string_view value, int64_t now_seconds);

// Numbers at or above this are Unix times in X-RateLimit-Reset (2001-09-09); below, a delay.
inline constexpr int64_t kRateLimitResetUnixThreshold = 1'000'000'000;

// The wait a 429/503 response asks for: Retry-After when it parses, else X-RateLimit-Reset, else
// std::nullopt (the caller backs off on its own).
std::optional<int64_t> ServerRequestedWaitSeconds(const HttpResponse& response,
                                                  int64_t now_seconds);

}  // namespace crosswalk

#endif  // CROSSWALK_CONNECTORS_HTTP_RETRY_AFTER_H_
