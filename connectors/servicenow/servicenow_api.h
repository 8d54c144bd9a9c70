#ifndef CROSSWALK_CONNECTORS_SERVICENOW_SERVICENOW_API_H_
#define CROSSWALK_CONNECTORS_SERVICENOW_SERVICENOW_API_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "connectors/http/http_client.h"
#include "connectors/servicenow/servicenow_options.h"

namespace crosswalk::servicenow {

// One GET of the Table API: GET /api/now/v2/table/{table}?sysparm_query=…&sysparm_limit=…
struct TableRequest {
  std::string table;
  std::string query;                // sysparm_query, an encoded query
  int limit = 1;                    // sysparm_limit
  std::vector<std::string> fields;  // sysparm_fields; empty: every field
  // sysparm_display_value=all and sysparm_exclude_reference_link=true (records); false: plain
  // values (sys_id listings, sys_audit_delete).
  bool display_values = true;
};

struct TableAnswer {
  std::string body;                // a JSON 200's body (or an empty page for v1's "No Record found")
  std::optional<int64_t> count;    // X-Total-Count, when the instance sent it
};

// The Table API of one source's instance, shared by its page reader, its id listing and its
// sys_audit_delete reader: every request goes over the source's retrying transport with its
// credentials and counts against the run's request budget (max_pages). Not thread-safe: used on
// one thread at a time, as the connector is.
class ServiceNowApi {
 public:
  ServiceNowApi(const ServiceNowOptions* options, std::unique_ptr<HttpClient> client)
      : options_(options), client_(std::move(client)) {}

  // A new run: the request budget is whole again.
  void ResetBudget() { requests_ = 0; }

  // Answers other than a JSON 200 become errors that say what to check: RESOURCE_EXHAUSTED when
  // the budget is spent (no request made), PERMISSION_DENIED for a 403 (naming the table),
  // INVALID_ARGUMENT for a 400, NOT_FOUND for a 404 other than v1's "No Record found" (an empty
  // page, count 0), UNAVAILABLE for a 429 or 5xx the retrying layer gave up on, FAILED_PRECONDITION
  // for other statuses and an X-Total-Count that is not a count.
  absl::StatusOr<TableAnswer> Get(const TableRequest& request);

 private:
  const ServiceNowOptions* options_;
  std::unique_ptr<HttpClient> client_;
  int64_t requests_ = 0;
};

}  // namespace crosswalk::servicenow

#endif  // CROSSWALK_CONNECTORS_SERVICENOW_SERVICENOW_API_H_
