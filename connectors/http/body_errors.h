#ifndef CROSSWALK_CONNECTORS_HTTP_BODY_ERRORS_H_
#define CROSSWALK_CONNECTORS_HTTP_BODY_ERRORS_H_

// Errors that APIs answer with HTTP 200 (reference/connectors.md §0.1), and HTML pages where JSON
// was expected. Each recogniser is a pure function over an untrusted response (fuzzed by
// tests/fuzz/body_errors_fuzzer): std::nullopt when the body is not an error of its shape, else
// the API's own message, shortened and made terminal-safe (ApiMessage). A connector hands the one
// for its API to RetryingHttpClient as its `body_error` hook.

#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "connectors/http/http_client.h"

namespace crosswalk {

// GLPI: a JSON array whose first element is a string starting "ERROR" —
// ["ERROR_RIGHT_MISSING","You don't have permission…"] → "ERROR_RIGHT_MISSING: You don't…".
std::optional<std::string> GlpiBodyError(const HttpResponse& response);

// ServiceNow: {"error":{"message":…,"detail":…},"status":"failure"} → "message (detail)".
std::optional<std::string> ServiceNowBodyError(const HttpResponse& response);

// Snipe-IT: {"status":"error","messages":…} with messages a string or {field:[text…]} →
// "text" or "field: text; field: text".
std::optional<std::string> SnipeItBodyError(const HttpResponse& response);

// Whether the response is an HTML page: a Content-Type of text/html, or a body whose first
// non-blank character is '<' (a proxy's or a hibernating instance's page sent as anything).
bool IsHtmlPage(const HttpResponse& response);

// What an HTML page says, for a message: its <title>, else its start with tags removed.
std::string HtmlPageSummary(absl::string_view body);

// `text` as it may appear in an error message: whitespace runs collapsed to one space, at most
// 160 bytes (cut at a character boundary, "…" appended), terminal controls escaped.
std::string ApiMessage(absl::string_view text);

}  // namespace crosswalk

#endif  // CROSSWALK_CONNECTORS_HTTP_BODY_ERRORS_H_
