#include "connectors/http/http_client.h"

#include <httplib.h>

#include <fstream>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace crosswalk {

std::string HttpResponse::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (absl::EqualsIgnoreCase(key, absl::string_view(name.data(), name.size()))) return value;
  }
  return "";
}

namespace {

// base_url split into what httplib::Client takes (scheme://host:port) and the path prefix.
struct BaseUrl {
  std::string scheme_host_port;
  std::string path_prefix;  // "" or "/prefix" without a trailing slash
};

// `url` as error messages may show it: without user:password@ and without a query or fragment,
// which may carry credentials.
std::string RedactedUrl(const std::string& url) {
  std::string shown = url.substr(0, url.find_first_of("?#"));
  const size_t scheme_end = shown.find("://");
  const size_t at = shown.find('@', scheme_end == std::string::npos ? 0 : scheme_end);
  if (at != std::string::npos && scheme_end != std::string::npos) {
    shown.replace(scheme_end + 3, at + 1 - (scheme_end + 3), "…@");
  }
  return shown;
}

absl::StatusOr<BaseUrl> SplitBaseUrl(const std::string& url) {
  const bool https = absl::StartsWithIgnoreCase(url, "https://");
  if (!https && !absl::StartsWithIgnoreCase(url, "http://")) {
    return absl::InvalidArgumentError(absl::StrCat(
        "url: expected http://HOST[:PORT][/PATH] or https://…, got '", RedactedUrl(url), "'"));
  }
  const size_t host_start = https ? 8 : 7;
  const size_t slash = url.find('/', host_start);
  std::string authority = url.substr(host_start, slash == std::string::npos ? std::string::npos
                                                                            : slash - host_start);
  if (absl::StrContains(authority, '@')) {
    return absl::InvalidArgumentError(absl::StrCat(
        "url: expected no user:password@ in '", RedactedUrl(url),
        "' (credentials go in token_file, or user with password_file)"));
  }
  if (authority.empty() || authority.find_first_of("?# ") != std::string::npos) {
    return absl::InvalidArgumentError(absl::StrCat(
        "url: expected a host after the scheme (no query), got '", RedactedUrl(url), "'"));
  }
  const size_t colon = authority.rfind(':');
  if (colon != std::string::npos && authority.find(']') == std::string::npos) {
    int port = 0;
    if (!absl::SimpleAtoi(authority.substr(colon + 1), &port) || port <= 0 || port > 65535) {
      return absl::InvalidArgumentError(absl::StrCat("url: the port of '", RedactedUrl(url),
                                                     "' is not a number from 1 to 65535"));
    }
  }
  BaseUrl base;
  base.scheme_host_port = absl::StrCat(https ? "https://" : "http://", authority);
  if (slash != std::string::npos) {
    base.path_prefix = url.substr(slash);
    if (base.path_prefix.find_first_of("?#") != std::string::npos) {
      return absl::InvalidArgumentError(
          absl::StrCat("url: expected no query or fragment in '", RedactedUrl(url), "'"));
    }
    while (!base.path_prefix.empty() && base.path_prefix.back() == '/') base.path_prefix.pop_back();
  }
  return base;
}

std::string EncodedQuery(const std::vector<std::pair<std::string, std::string>>& query) {
  std::string out;
  for (const auto& [name, value] : query) {
    absl::StrAppend(&out, out.empty() ? "?" : "&", httplib::detail::encode_query_param(name), "=",
                    httplib::detail::encode_query_param(value));
  }
  return out;
}

class HttplibClient : public HttpClient {
 public:
  HttplibClient(const HttpClientOptions& options, BaseUrl base)
      : options_(options), base_(std::move(base)), client_(base_.scheme_host_port) {
    client_.set_connection_timeout(options.connect_timeout_ms / 1000,
                                   (options.connect_timeout_ms % 1000) * 1000);
    client_.set_read_timeout(options.read_timeout_ms / 1000,
                             (options.read_timeout_ms % 1000) * 1000);
    client_.set_write_timeout(options.read_timeout_ms / 1000,
                              (options.read_timeout_ms % 1000) * 1000);
    client_.set_follow_location(false);  // a redirect is answered to the connector, not followed
    client_.set_keep_alive(true);
    client_.enable_server_certificate_verification(true);
    if (!options.ca_file.empty()) client_.set_ca_cert_path(options.ca_file);
  }

  absl::StatusOr<HttpResponse> Send(const HttpRequest& request) override {
    httplib::Request req;
    req.method = request.method;
    req.path = absl::StrCat(base_.path_prefix, request.path, EncodedQuery(request.query));
    for (const auto& [name, value] : request.headers) req.headers.emplace(name, value);
    if (!request.body.empty() || !request.content_type.empty()) {
      req.body = request.body;
      req.headers.emplace("Content-Type", request.content_type.empty() ? "application/json"
                                                                        : request.content_type);
    }
    std::string body;
    bool too_long = false;
    const int64_t cap = options_.max_response_bytes;
    req.content_receiver = [&body, &too_long, cap](const char* data, size_t length, uint64_t,
                                                   uint64_t) {
      if (static_cast<int64_t>(body.size() + length) > cap) {
        too_long = true;
        return false;
      }
      body.append(data, length);
      return true;
    };
    httplib::Response res;
    httplib::Error error = httplib::Error::Success;
    const std::string what = absl::StrCat(request.method, " ", base_.path_prefix, request.path);
    if (!client_.send(req, res, error)) {
      if (too_long) {
        return absl::ResourceExhaustedError(absl::StrCat(
            what, ": the answer is longer than the limit of ", cap, " bytes (max_response_bytes)"));
      }
      return TransportError(what, error);
    }
    HttpResponse response;
    response.status = res.status;
    for (const auto& [name, value] : res.headers) {
      response.headers.emplace_back(absl::AsciiStrToLower(name), value);
    }
    response.body = std::move(body);
    return response;
  }

 private:
  absl::Status TransportError(const std::string& what, httplib::Error error) const {
    const std::string reason = httplib::to_string(error);
    switch (error) {
      case httplib::Error::ConnectionTimeout:
        return absl::DeadlineExceededError(absl::StrCat(
            what, ": no connection to ", base_.scheme_host_port, " within ",
            options_.connect_timeout_ms, " ms"));
      case httplib::Error::Read:
        return absl::UnavailableError(absl::StrCat(
            what, ": no complete answer from ", base_.scheme_host_port, " within ",
            options_.read_timeout_ms, " ms, or the connection was closed (", reason, ")"));
      case httplib::Error::SSLServerVerification:
        return absl::FailedPreconditionError(absl::StrCat(
            what, ": the server certificate of ", base_.scheme_host_port,
            " does not verify (set ca_file to the CA that signed it)"));
      case httplib::Error::SSLLoadingCerts:
        return absl::FailedPreconditionError(
            absl::StrCat(what, ": the CA certificates could not be loaded (ca_file)"));
      default:
        return absl::UnavailableError(
            absl::StrCat(what, ": ", base_.scheme_host_port, " failed: ", reason));
    }
  }

  HttpClientOptions options_;
  BaseUrl base_;
  httplib::Client client_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<HttpClient>> NewHttplibClient(const HttpClientOptions& options) {
  absl::StatusOr<BaseUrl> base = SplitBaseUrl(options.base_url);
  if (!base.ok()) return base.status();
  if (!options.ca_file.empty() && !std::ifstream(options.ca_file).good()) {
    return absl::InvalidArgumentError(
        absl::StrCat("ca_file: cannot read '", options.ca_file, "'"));
  }
  if (options.connect_timeout_ms <= 0 || options.read_timeout_ms <= 0 ||
      options.max_response_bytes <= 0) {
    return absl::InvalidArgumentError("timeouts and max_response_bytes must be positive");
  }
  return std::unique_ptr<HttpClient>(new HttplibClient(options, *std::move(base)));
}

}  // namespace crosswalk
