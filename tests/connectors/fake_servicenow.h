#ifndef CROSSWALK_TESTS_CONNECTORS_FAKE_SERVICENOW_H_
#define CROSSWALK_TESTS_CONNECTORS_FAKE_SERVICENOW_H_

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "httplib.h"

namespace crosswalk::testing_servicenow {

// A sys_id for tests: `n` as 32 lower-case hex digits (their order is n's order).
std::string SysId(int64_t n);

struct FakeRow {
  std::string table = "incident";
  std::string sys_id;
  std::string number, short_description, state = "1", priority = "3";
  std::string assigned_to;          // a user name; its value is a sys_id made from it
  int64_t opened = 0, updated = 0;  // Unix seconds; opened 0 = empty
  std::map<std::string, std::string> extra;  // other fields, as plain values
};

// The ServiceNow Table API on 127.0.0.1 (port 0) for connector tests: GET
// /api/now/v2/table/{table} with the encoded-query subset the connector writes (terms
// sys_updated_on>X, >=X, =X, sys_id>Y, sys_idNOT INa,b joined by ^, OR-groups by ^NQ, and
// ORDERBYsys_updated_on^ORDERBYsys_id, required), sysparm_limit (default 10000) and
// sysparm_offset, sysparm_display_value=all ({"value","display_value"} per field) or plain values,
// and X-Total-Count (rows the query matches from the offset on, as ServiceNow counts them). Any
// other query term is a 400 with ServiceNow's error envelope. Authorization must be "Basic
// base64(user:password)" or "Bearer <token>", else 401. Times are UTC; `user_offset_seconds`
// shifts display values as a user's time zone would. Faults are set by the test.
class FakeServiceNow {
 public:
  FakeServiceNow(std::string user, std::string password, std::string token);
  ~FakeServiceNow();

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

  // Guarded: the test may change rows between requests, or from on_request during one.
  void Put(const FakeRow& row);
  std::vector<FakeRow> Rows();

  // Called (under the lock, before answering) with the 1-based number of each table request and
  // every row by sys_id: a test changes rows while the connector pages.
  std::function<void(int request, std::map<std::string, FakeRow>& rows)> on_request;
  std::string requested_table;    // the table of the request on_request is called for
  int rate_limit_first = 0;       // the first N requests answer 429 with Retry-After: 2
  int hidden_row_at = 0;          // that request's page leaves its first row out but counts it (ACLs)
  int64_t count_extra = 0;        // added to every X-Total-Count
  bool omit_count = false;        // no X-Total-Count (sysparm_no_count)
  int64_t user_offset_seconds = 0;
  int status_override = 0;        // answer every request with this status …
  std::string body_override;      // … and body
  std::string content_type_override = "application/json";
  std::vector<std::string> queries;  // "table: sysparm_query" of each request, in order
  std::vector<std::string> limits;   // sysparm_limit of each request
  std::vector<std::string> fields;   // sysparm_fields of each request that had one

 private:
  void Table(const httplib::Request& request, httplib::Response& response);

  std::string basic_, bearer_;
  std::mutex mutex_;
  std::map<std::string, FakeRow> rows_;  // by sys_id
  int requests_ = 0;
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
};

}  // namespace crosswalk::testing_servicenow

#endif  // CROSSWALK_TESTS_CONNECTORS_FAKE_SERVICENOW_H_
