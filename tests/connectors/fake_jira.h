#ifndef CROSSWALK_TESTS_CONNECTORS_FAKE_JIRA_H_
#define CROSSWALK_TESTS_CONNECTORS_FAKE_JIRA_H_

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "httplib.h"

namespace crosswalk::testing_jira {

struct FakeIssue {
  int64_t id = 0;                  // key is "<project>-<id>"
  std::string project = "ITSM";
  std::string summary, issuetype = "Incident", status = "Open", status_category = "new";
  std::string priority = "Medium", assignee, reporter = "Rita Reporter";
  std::string request_type;        // JSM request type name, in customfield_10010; empty: absent
  std::string custom;              // customfield_10042 (a field the connector does not know)
  int64_t created_ms = 0, updated_ms = 0, resolved_ms = 0;  // Unix ms; resolved 0 = unset
};

// A Jira server on 127.0.0.1 (port 0) for connector tests, serving the subset the connector uses:
//  - GET /rest/api/{2,3}/myself → {"accountId","timeZone": account_zone};
//  - GET /rest/api/3/search/jql (Cloud): jql, maxResults (≤ 100), fields, nextPageToken; the token
//    belongs to its JQL (400 when reused with another); no total; isLast;
//  - GET /rest/api/2/search (Data Center): jql, startAt, maxResults, total; on a Cloud fake
//    (`cloud`, the default) it and /rest/api/3/search answer 410 Gone as Jira Cloud does;
//  - the JQL the connector writes: "(project = KEY) AND updated >= "yyyy/MM/dd HH:mm" AND id in
//    (1, 2) ORDER BY updated ASC, key ASC" (or ORDER BY created ASC, key ASC) with every term
//    optional. The time is read as JQL does: in the ACCOUNT's zone, at minute precision (the
//    earlier reading in a repeated hour). An id in "id in (…)" that does not exist is a 400 ("An
//    issue with key '…' does not exist for field 'id'.", Jira's strict validation) except on Data
//    Center with validateQuery=warn, which drops it with a warningMessages entry. Anything else is
//    a 400 with Jira's {"errorMessages":[…],"errors":{}};
//  - fields=id: issues as {id, key, self} without fields (as the id listing asks);
//  - GET /rest/api/{2,3}/issue/{id}: {id, key, fields:{}} or 404 with Jira's error envelope.
// Paging is by offset (Cloud's token holds one): an issue deleted before the position shifts the
// rest back, as startAt paging does.
// Times in the issues are written as Jira does, in the account's zone with a +hhmm offset.
// Authorization must equal `authorization` ("Basic …" or "Bearer …").
class FakeJira {
 public:
  FakeJira(std::string authorization, std::string account_zone, bool cloud = true);
  ~FakeJira();

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

  // Guarded: the test may change issues between requests, or from on_request during one.
  void Put(const FakeIssue& issue);
  void Delete(int64_t id);
  std::vector<FakeIssue> Issues();
  void SetZone(const std::string& zone);

  // Called (under the lock) with the 1-based number of each search request, before answering;
  // `requested_fields` is that request's fields= ("id" for the id listing).
  std::function<void(int request, std::map<int64_t, FakeIssue>& issues)> on_request;
  int short_page_at = 0;          // that search request's page holds one issue fewer (not the last)
  int rate_limit_at = 0;          // that search request answers 429 with Retry-After: 1 (once)
  int status_override = 0;        // answer every search with this status …
  std::string body_override;      // … and body
  std::string content_type_override = "application/json";
  std::string myself_override;    // non-empty: /myself's body
  int total_lie = 0;              // Data Center: added to total (issues counted, never returned)
  bool last_without_token = false;  // Cloud: a page that is not the last says isLast false, no token
  bool ignore_order = false;      // answer newest first, as a Jira ignoring ORDER BY would
  std::vector<std::string> queries;  // the JQL of each search request, in order
  std::vector<std::string> reconciled;  // Cloud: the reconcileIssues ids of each search, comma-joined
  int searches = 0, issue_requests = 0;
  std::string requested_fields;

 private:
  void Search(const httplib::Request& request, httplib::Response& response, bool cloud_api);
  bool Authorized(const httplib::Request& request, httplib::Response& response);

  std::string authorization_, zone_;
  bool cloud_;
  std::mutex mutex_;
  std::map<int64_t, FakeIssue> issues_;
  std::map<std::string, std::pair<std::string, int64_t>> tokens_;  // token → (jql, offset)
  bool rate_limited_ = false;
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
};

}  // namespace crosswalk::testing_jira

#endif  // CROSSWALK_TESTS_CONNECTORS_FAKE_JIRA_H_
