#ifndef CROSSWALK_TESTS_CONNECTORS_FAKE_SERVICENOW_H_
#define CROSSWALK_TESTS_CONNECTORS_FAKE_SERVICENOW_H_

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <set>
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
  int64_t created = 0;              // sys_created_on, Unix seconds; 0 = not sent
  std::map<std::string, std::string> extra;  // other fields, as plain values
  // Display values of `extra` fields that differ from their value (a reference's name beside its
  // sys_id); the others are sent with display value = value.
  std::map<std::string, std::string> displays;
};

// The ServiceNow Table API on 127.0.0.1 (port 0) for connector tests: GET
// /api/now/v2/table/{table} with the encoded-query subset the connectors write (terms on
// sys_updated_on, sys_created_on, sys_id, tablename and documentkey with >, >=, =, IN a,b and
// NOT IN a,b, joined by ^, OR-groups by ^NQ; ORDERBYsys_updated_on^ORDERBYsys_id,
// ORDERBYsys_created_on^ORDERBYsys_id, ORDERBYsys_id or no order), sysparm_limit (default 10000)
// and sysparm_offset, sysparm_fields (only those fields are sent), sysparm_display_value=all
// ({"value","display_value"} per field) or plain values, and X-Total-Count (rows the query
// matches from the offset on, as ServiceNow counts them). Any other query term or order is a 400
// with ServiceNow's error envelope. DELETE /api/now/v2/table/{table}/{sys_id} removes a row (204;
// 404 "No Record found" when there is none). A deleted row is recorded, when `audit_deletes`, in
// table sys_audit_delete (sys_id, sys_created_on = `now_seconds`, tablename, documentkey), as
// ServiceNow does. Authorization must be "Basic base64(user:password)" or "Bearer <token>", else
// 401. Times are UTC; `user_offset_seconds` shifts display values as a user's time zone would.
// Faults are set by the test.
class FakeServiceNow {
 public:
  FakeServiceNow(std::string user, std::string password, std::string token);
  ~FakeServiceNow();

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

  // Guarded: the test may change rows between requests, or from on_request during one.
  void Put(const FakeRow& row);
  std::vector<FakeRow> Rows();  // the tables' rows, sys_audit_delete's not included
  // Deletes a row as DELETE does; false when there is none.
  bool Delete(const std::string& sys_id);
  // The same from on_request, which holds the lock and passes `rows`.
  bool DeleteLocked(std::map<std::string, FakeRow>& rows, const std::string& sys_id);
  std::vector<FakeRow> AuditRows();  // sys_audit_delete's rows

  // Called (under the lock, before answering) with the 1-based number of each table request and
  // every row by sys_id: a test changes rows while the connector pages.
  std::function<void(int request, std::map<std::string, FakeRow>& rows)> on_request;
  std::string requested_table;    // the table of the request on_request is called for
  std::string requested_query;    // and its sysparm_query
  int rate_limit_first = 0;       // the first N requests answer 429 with Retry-After: 2
  int hidden_row_at = 0;          // that request's page leaves its first row out but counts it (ACLs)
  int64_t count_extra = 0;        // added to every X-Total-Count
  bool omit_count = false;        // no X-Total-Count (sysparm_no_count)
  int64_t user_offset_seconds = 0;
  int status_override = 0;        // answer every request with this status …
  std::string body_override;      // … and body
  std::string content_type_override = "application/json";
  bool audit_deletes = true;      // a delete writes a sys_audit_delete row
  int64_t now_seconds = 1'790'000'000;  // the instance's clock: sys_created_on of audit rows
  std::set<std::string> forbidden_tables;  // GETs of these answer 403 (an ACL)
  std::vector<std::string> queries;  // "table: sysparm_query" of each request, in order
  std::vector<std::string> limits;   // sysparm_limit of each request
  std::vector<std::string> fields;   // sysparm_fields of each request that had one

 private:
  void Table(const httplib::Request& request, httplib::Response& response);
  void DeleteRequest(const httplib::Request& request, httplib::Response& response);
  bool Authorized(const httplib::Request& request, httplib::Response& response);

  std::string basic_, bearer_;
  std::mutex mutex_;
  std::map<std::string, FakeRow> rows_;  // by sys_id
  std::map<std::string, FakeRow> audit_;  // sys_audit_delete, by sys_id
  int requests_ = 0;
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
};

}  // namespace crosswalk::testing_servicenow

#endif  // CROSSWALK_TESTS_CONNECTORS_FAKE_SERVICENOW_H_
