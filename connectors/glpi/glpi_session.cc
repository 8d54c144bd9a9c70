#include "connectors/glpi/glpi_session.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "connectors/glpi/glpi_page.h"
#include "connectors/http/body_errors.h"
#include "connectors/http_source.h"
#include "nlohmann/json.hpp"

namespace crosswalk::glpi {

using nlohmann::json;

std::string GlpiSays(const HttpResponse& response) {
  if (auto error = ParseGlpiError(response.body)) {
    return ApiMessage(error->message.empty() ? error->code : absl::StrCat(error->code, ": ", error->message));
  }
  if (IsHtmlPage(response)) return absl::StrCat("an HTML page: ", HtmlPageSummary(response.body));
  return ApiMessage(response.body);
}

void Session::AddHeaders(HttpRequest& request) const {
  request.headers.erase(std::remove_if(request.headers.begin(), request.headers.end(),
                                       [](const auto& header) { return header.first == "Session-Token"; }),
                        request.headers.end());
  request.headers.push_back({"Session-Token", token_});
  if (!options_.app_token.empty() &&
      std::none_of(request.headers.begin(), request.headers.end(), [](const auto& h) { return h.first == "App-Token"; })) {
    request.headers.push_back({"App-Token", options_.app_token});
  }
}

absl::Status Session::Open() {
  HttpRequest request;
  request.path = absl::StrCat(kApi, "/initSession");
  request.headers = {{"Authorization", options_.authorization}, {"Content-Type", "application/json"}};
  if (!options_.app_token.empty()) request.headers.push_back({"App-Token", options_.app_token});
  const std::string what = absl::StrCat("GLPI GET ", options_.source.http.base_url, request.path);
  auto response = client_->Send(request);
  if (!response.ok()) {
    return absl::Status(response.status().code(),
                        absl::StrCat(what, ": ", response.status().message(),
                                     absl::IsUnauthenticated(response.status())
                                         ? " (check the user_token in token_file, or user and password_file)" : ""));
  }
  if (response->status != 200) {
    std::string hint;
    const auto error = ParseGlpiError(response->body);
    const std::string code = error ? error->code : "";
    if (code == "ERROR_APP_TOKEN_PARAMETERS_MISSING") hint = "; GLPI requires an App-Token: set app_token_file (or app_token_env)";
    if (code == "ERROR_WRONG_APP_TOKEN_PARAMETER") hint = "; the App-Token in app_token_file (or app_token_env) is not GLPI's";
    if (code == "ERROR_LOGIN_PARAMETERS_MISSING" || code == "ERROR_GLPI_LOGIN_USER_TOKEN" || code == "ERROR_GLPI_LOGIN") {
      hint = "; check the user_token in token_file, or user and password_file";
    }
    if (code == "ERROR_NOT_ALLOWED_IP") hint = "; the API client (Setup > General > API) does not allow this address";
    const std::string message = absl::StrCat(what, ": GLPI refused the session (HTTP ", response->status, "): ",
                                             GlpiSays(*response), hint);
    if (response->status == 404) return absl::NotFoundError(absl::StrCat(message, "; url must be GLPI's base URL, with the REST API enabled"));
    if (response->status == 429 || response->status >= 500) return absl::UnavailableError(message);
    return absl::FailedPreconditionError(message);
  }
  const json body = json::parse(response->body, nullptr, false);
  if (!body.is_object() || !body.contains("session_token") || !body["session_token"].is_string() ||
      body["session_token"].get<std::string>().empty()) {
    return absl::FailedPreconditionError(absl::StrCat(what, ": the answer has no session_token: ", ApiMessage(response->body)));
  }
  token_ = body["session_token"].get<std::string>();
  ++opened_;
  return absl::OkStatus();
}

void Session::Kill() {
  if (token_.empty()) return;
  HttpRequest request;
  request.path = absl::StrCat(kApi, "/killSession");
  request.headers = {{"Content-Type", "application/json"}};
  AddHeaders(request);
  (void)client_->Send(request);
  token_.clear();
}

}  // namespace crosswalk::glpi
