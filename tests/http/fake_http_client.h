#ifndef CROSSWALK_TESTS_HTTP_FAKE_HTTP_CLIENT_H_
#define CROSSWALK_TESTS_HTTP_FAKE_HTTP_CLIENT_H_

// An HttpClient for tests: answers from a script per (method, path) or from a handler, and
// records every request it saw. Connector tests use it below RetryingHttpClient and
// FaultInjectingHttpClient; tests that need the wire use a real httplib server instead.

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "connectors/http/http_client.h"

namespace crosswalk {

class FakeHttpClient : public HttpClient {
 public:
  using Handler = std::function<absl::StatusOr<HttpResponse>(const HttpRequest&)>;

  // Queues answers for `method` `path` (no query): each request takes the next; the last one
  // answers every request after it.
  void Script(const std::string& method, const std::string& path,
              std::vector<absl::StatusOr<HttpResponse>> answers);
  // Answers requests that have no script.
  void SetHandler(Handler handler) { handler_ = std::move(handler); }

  // A request with neither script nor handler is INTERNAL "fake: nothing scripted for …", so a
  // test notices a request it did not expect.
  absl::StatusOr<HttpResponse> Send(const HttpRequest& request) override;

  const std::vector<HttpRequest>& requests() const { return requests_; }

 private:
  std::map<std::pair<std::string, std::string>, std::vector<absl::StatusOr<HttpResponse>>> scripts_;
  std::map<std::pair<std::string, std::string>, size_t> next_;
  Handler handler_;
  std::vector<HttpRequest> requests_;
};

// A response with `status`, `body` and headers (names lower-cased by the caller).
HttpResponse MakeResponse(int status, std::string body = "",
                          std::vector<std::pair<std::string, std::string>> headers = {});

// A fake to hand a decorator, and the pointer to inspect it after: both from one call.
struct OwnedFake {
  std::unique_ptr<FakeHttpClient> owned = std::make_unique<FakeHttpClient>();
  FakeHttpClient* fake = owned.get();
};

}  // namespace crosswalk

#endif  // CROSSWALK_TESTS_HTTP_FAKE_HTTP_CLIENT_H_
