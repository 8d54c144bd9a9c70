#ifndef CROSSWALK_TESTS_CONNECTORS_FAKE_REDMINE_H_
#define CROSSWALK_TESTS_CONNECTORS_FAKE_REDMINE_H_

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "httplib.h"

namespace crosswalk::testing_redmine {

// A journal of a status change.
struct FakeJournal {
  int64_t created = 0;
  std::string from, to;  // status names
};

struct FakeIssue {
  int64_t id = 0;
  std::string subject, tracker = "バグ", status = "新規", priority = "通常", project = "desk";
  std::string author = "Redmine Admin", assigned_to;  // assigned_to "" = unassigned (absent)
  int64_t created = 0, updated = 0;                     // Unix seconds
  // Microseconds of `updated`, as Redmine on SQLite keeps them: the order within one second (by
  // them, then id), and updated_on>=T reads as > T-1s, so an issue of T-1 with micros > 0 is listed.
  int micros = 0;
  bool closed = false;                                  // listed only with status_id=*
  // custom_fields: name → values (one value: "value":"…"; several: "multiple":true, a list).
  std::vector<std::pair<std::string, std::vector<std::string>>> custom;
  std::vector<FakeJournal> journals;  // GET /issues/ID.json?include=journals
};

// A Redmine 5 REST API on 127.0.0.1 (port 0) for connector tests: GET /issues.json with Redmine's
// parameters as the connector sends them (status_id=* or open issues only, sort=updated_on:asc,
// id:asc or sort=id, updated_on=>=ISO-UTC, issue_id=1,2,3, project_id, tracker_id=1|2, offset,
// limit capped at 100, default 25) answering {"issues":[…],"total_count","offset","limit"}; GET /trackers.json,
// /issue_statuses.json and /issues/ID.json?include=journals. The API key
// must come as X-Redmine-API-Key (or key=), else 401. Faults are set by the test.
class FakeRedmine {
 public:
  explicit FakeRedmine(std::string api_key);
  ~FakeRedmine();

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

  // Guarded: the test may change issues between requests, or from on_request during one.
  void Put(const FakeIssue& issue);
  std::vector<FakeIssue> Issues();
  // As DELETE /issues/ID.json does: the issue is gone (Redmine deletes outright).
  void Delete(int64_t id);
  // The ids of every issue, of `project` and `tracker` when given, in id order.
  std::vector<std::string> Ids(const std::string& project = "", const std::string& tracker = "");

  // Called (under the lock, before answering) with the 1-based number of each issues request.
  std::function<void(int request, std::map<int64_t, FakeIssue>& issues)> on_request;
  int64_t total_bias = 0;         // added to total_count (a server whose count disagrees)
  int short_page_at = 0;          // that issues request's page holds one issue fewer
  int status_override = 0;        // answer every issues request (from status_override_from on) with this status …
  int status_override_from = 0;
  std::string body_override;      // … and body
  std::string content_type_override = "application/json";
  std::vector<std::string> queries;  // each issues request's "offset=…&limit=…&updated_on=…&…"
  std::vector<std::string> scopes;   // and its "status_id=…&project_id=…&tracker_id=…&issue_id=…"
                                     // (on_request sees its own request's last)
  // Tracker names by id (Redmine's Japanese default data plus the ITSM ones).
  int issue_requests = 0;  // GET /issues/ID.json
  std::string basic_user, basic_password;  // when set, HTTP Basic with them is accepted too
  std::map<int, std::string> statuses = {{1, "新規"}, {2, "進行中"}, {3, "解決"}, {4, "フィードバック"}, {5, "終了"}, {6, "却下"}};
  std::map<int, std::string> trackers = {{1, "バグ"}, {2, "機能"}, {3, "サポート"},
                                         {4, "障害"}, {5, "問い合わせ"}, {6, "変更要求"}};

 private:
  void Search(const httplib::Request& request, httplib::Response& response);
  bool Authorised(const httplib::Request& request, httplib::Response& response);

  std::string api_key_;
  std::mutex mutex_;
  std::map<int64_t, FakeIssue> issues_;
  int requests_ = 0;
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
};

}  // namespace crosswalk::testing_redmine

#endif  // CROSSWALK_TESTS_CONNECTORS_FAKE_REDMINE_H_
