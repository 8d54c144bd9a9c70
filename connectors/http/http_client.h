#ifndef CROSSWALK_CONNECTORS_HTTP_HTTP_CLIENT_H_
#define CROSSWALK_CONNECTORS_HTTP_HTTP_CLIENT_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"

namespace crosswalk {

// One HTTP request, relative to the client's base URL.
struct HttpRequest {
  std::string method = "GET";
  // Absolute path below the base URL's own path ("/issues.json" on a base of
  // "https://host/redmine" asks for "/redmine/issues.json"), without a query string.
  std::string path;
  // Query parameters in order; the client percent-encodes names and values (`^`, `=`, `[`, `]`,
  // quotes, spaces and non-ASCII in ServiceNow queries, JQL, TicketSQL, GLPI criteria).
  std::vector<std::pair<std::string, std::string>> query;
  // Request headers. Secrets (Authorization, X-Redmine-API-Key, Session-Token …) go here and
  // nowhere else: clients and their wrappers never log or echo header values.
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string content_type;  // for a body
};

// One HTTP response, whatever its status: a 4xx/5xx is a response, not an error.
struct HttpResponse {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased, in order
  std::string body;

  // The first value of header `name` (case-insensitive), or "" when absent.
  std::string Header(std::string_view name) const;
};

// How a client reaches one API. Timeouts and the size cap come from the source's config; the
// server may lower them, a client cannot raise them.
struct HttpClientOptions {
  std::string base_url;      // http(s)://host[:port][/path]; https verifies the server
  std::string ca_file;       // PEM bundle of a private CA; empty: the system's trust store
  int64_t connect_timeout_ms = 10'000;
  int64_t read_timeout_ms = 60'000;
  int64_t max_response_bytes = 64ll << 20;  // a longer body is RESOURCE_EXHAUSTED
};

// A transport to one API (base URL). Contract:
// - Send returns the response for any HTTP status.
// - Transport failures are errors: UNAVAILABLE for a refused/reset connection, a read timeout
//   (cpp-httplib does not tell the two apart) or a TLS failure other than verification,
//   DEADLINE_EXCEEDED for a connect timeout,
//   RESOURCE_EXHAUSTED for a body over max_response_bytes, FAILED_PRECONDITION for a server
//   certificate that does not verify (not retried). Messages name the method and path, never a
//   header value or the query (which may carry a token).
// - Used from one thread at a time.
class HttpClient {
 public:
  virtual ~HttpClient() = default;
  virtual absl::StatusOr<HttpResponse> Send(const HttpRequest& request) = 0;
};

// Makes clients; injected through ConnectorDeps so tests can hand connectors a fake or a
// fault-injecting transport.
using HttpClientFactory =
    std::function<absl::StatusOr<std::unique_ptr<HttpClient>>(const HttpClientOptions&)>;

// The real transport: cpp-httplib with OpenSSL, TLS verification on. INVALID_ARGUMENT for a base
// URL that is not http(s)://host[:port][/path] or a ca_file that cannot be read.
absl::StatusOr<std::unique_ptr<HttpClient>> NewHttplibClient(const HttpClientOptions& options);

}  // namespace crosswalk

#endif  // CROSSWALK_CONNECTORS_HTTP_HTTP_CLIENT_H_
