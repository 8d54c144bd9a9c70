#include "tests/http/fake_http_client.h"

#include "absl/strings/str_cat.h"

namespace crosswalk {

void FakeHttpClient::Script(const std::string& method, const std::string& path,
                            std::vector<absl::StatusOr<HttpResponse>> answers) {
  std::vector<absl::StatusOr<HttpResponse>>& queue = scripts_[{method, path}];
  for (absl::StatusOr<HttpResponse>& answer : answers) queue.push_back(std::move(answer));
}

absl::StatusOr<HttpResponse> FakeHttpClient::Send(const HttpRequest& request) {
  requests_.push_back(request);
  const auto key = std::make_pair(request.method, request.path);
  const auto script = scripts_.find(key);
  if (script != scripts_.end() && !script->second.empty()) {
    size_t& next = next_[key];
    const absl::StatusOr<HttpResponse>& answer = script->second[next];
    if (next + 1 < script->second.size()) ++next;
    return answer;
  }
  if (handler_) return handler_(request);
  return absl::InternalError(
      absl::StrCat("fake: nothing scripted for ", request.method, " ", request.path));
}

HttpResponse MakeResponse(int status, std::string body,
                          std::vector<std::pair<std::string, std::string>> headers) {
  HttpResponse response;
  response.status = status;
  response.body = std::move(body);
  response.headers = std::move(headers);
  return response;
}

}  // namespace crosswalk
