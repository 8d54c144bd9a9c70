#include "connectors/servicenow/servicenow_api.h"

#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "connectors/http/body_errors.h"

namespace crosswalk::servicenow {
namespace {

// ServiceNow's {"error":{"message","detail"}} of an error answer, else the body, shortened.
std::string SnMessage(const HttpResponse& response) {
  if (auto message = ServiceNowBodyError(response)) return *message;
  if (IsHtmlPage(response)) return absl::StrCat("an HTML page: ", HtmlPageSummary(response.body));
  return ApiMessage(response.body);
}

}  // namespace

absl::StatusOr<TableAnswer> ServiceNowApi::Get(const TableRequest& table) {
  if (++requests_ > options_->source.max_pages) {
    return absl::ResourceExhaustedError(
        absl::StrCat("the page budget of ", options_->source.max_pages, " requests in one run is spent (max_pages)"));
  }
  HttpRequest request;
  request.path = absl::StrCat("/api/now/v2/table/", table.table);
  request.query = {{"sysparm_query", table.query}, {"sysparm_limit", absl::StrCat(table.limit)}};
  if (table.display_values) {
    request.query.push_back({"sysparm_display_value", "all"});
    request.query.push_back({"sysparm_exclude_reference_link", "true"});
  }
  if (!table.fields.empty()) request.query.push_back({"sysparm_fields", absl::StrJoin(table.fields, ",")});
  request.headers = {{"Authorization", options_->authorization}, {"Accept", "application/json"}};
  auto response = client_->Send(request);
  const std::string what = absl::StrCat("ServiceNow GET ", options_->source.http.base_url, request.path);
  if (!response.ok()) {
    return absl::Status(response.status().code(), absl::StrCat(what, ": ", response.status().message()));
  }
  const int status = response->status;
  // A 401 never comes back here: the retrying layer turns it into UNAUTHENTICATED.
  if (status == 403) {
    return absl::PermissionDeniedError(absl::StrCat(what, ": ServiceNow denied the read (403): ", SnMessage(*response),
                                                    "; the user needs a role that may read table ", table.table));
  }
  if (status == 400) {
    return absl::InvalidArgumentError(absl::StrCat(what, ": ServiceNow rejected the query (400): ", SnMessage(*response)));
  }
  if (status == 404) {
    // The v1 API's "No Record found" is an empty page; v2 answers 200 {"result":[]}.
    if (absl::StrContains(SnMessage(*response), "No Record found")) return TableAnswer{R"({"result":[]})", 0};
    return absl::NotFoundError(absl::StrCat(what, ": no table ", table.table, " or no Table API there (404): ",
                                            SnMessage(*response), "; url must be the instance's base URL"));
  }
  if (status == 429 || status >= 500) {
    return absl::UnavailableError(absl::StrCat(what, ": ServiceNow answered HTTP ", status, ": ", SnMessage(*response)));
  }
  if (status != 200) {
    return absl::FailedPreconditionError(absl::StrCat(what, ": ServiceNow answered HTTP ", status, ": ", SnMessage(*response)));
  }
  TableAnswer answer;
  const std::string header = response->Header("x-total-count");
  if (!header.empty()) {
    int64_t total = 0;
    if (!absl::SimpleAtoi(header, &total) || total < 0) {
      return absl::FailedPreconditionError(absl::StrCat(what, ": X-Total-Count is not a count: '", ApiMessage(header), "'"));
    }
    answer.count = total;
  }
  answer.body = std::move(response->body);
  return answer;
}

}  // namespace crosswalk::servicenow
