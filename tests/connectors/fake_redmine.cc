#include "tests/connectors/fake_redmine.h"

#include <algorithm>
#include <limits>
#include <set>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/time.h"
#include "nlohmann/json.hpp"

namespace crosswalk::testing_redmine {
namespace {

using nlohmann::json;

std::string Iso(int64_t seconds) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", absl::FromUnixSeconds(seconds), absl::UTCTimeZone());
}

json Ref(int id, const std::string& name) { return {{"id", id}, {"name", name}}; }

}  // namespace

FakeRedmine::FakeRedmine(std::string api_key) : api_key_(std::move(api_key)) {
  server_.Get("/issues.json", [this](const httplib::Request& request, httplib::Response& response) {
    Search(request, response);
  });
  server_.Get("/trackers.json", [this](const httplib::Request& request, httplib::Response& response) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!Authorised(request, response)) return;
    json list = json::array();
    for (const auto& [id, name] : trackers) list.push_back(Ref(id, name));
    response.set_content(json{{"trackers", list}}.dump(), "application/json");
  });
  server_.Get("/issue_statuses.json", [this](const httplib::Request& request, httplib::Response& response) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!Authorised(request, response)) return;
    json list = json::array();
    for (const auto& [id, name] : statuses) list.push_back({{"id", id}, {"name", name}, {"is_closed", id == 5 || id == 6}});
    response.set_content(json{{"issue_statuses", list}}.dump(), "application/json");
  });
  server_.Get(R"(/issues/(\d+)\.json)", [this](const httplib::Request& request, httplib::Response& response) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!Authorised(request, response)) return;
    ++issue_requests;
    int64_t id = 0;
    auto issue = absl::SimpleAtoi(request.matches[1].str(), &id) ? issues_.find(id) : issues_.end();
    if (issue == issues_.end()) {
      response.status = 404;
      return;
    }
    auto status_id = [this](const std::string& name) {
      for (const auto& [id, status] : statuses) {
        if (status == name) return std::to_string(id);
      }
      return std::string("0");
    };
    json journals = json::array();
    int journal_id = 0;
    for (const FakeJournal& journal : issue->second.journals) {
      journals.push_back({{"id", ++journal_id}, {"user", Ref(1, "Redmine Admin")}, {"notes", ""},
                          {"created_on", Iso(journal.created)}, {"private_notes", false},
                          {"details", json::array({{{"property", "attr"}, {"name", "status_id"},
                                                    {"old_value", status_id(journal.from)},
                                                    {"new_value", status_id(journal.to)}}})}});
    }
    json body = {{"issue", {{"id", id}, {"subject", issue->second.subject}}}};
    if (request.get_param_value("include") == "journals") body["issue"]["journals"] = journals;
    response.set_content(body.dump(), "application/json");
  });
  port_ = server_.bind_to_any_port("127.0.0.1");
  thread_ = std::thread([this] { server_.listen_after_bind(); });
  while (!server_.is_running()) std::this_thread::yield();
}

FakeRedmine::~FakeRedmine() {
  server_.stop();
  thread_.join();
}

void FakeRedmine::Put(const FakeIssue& issue) {
  std::lock_guard<std::mutex> lock(mutex_);
  issues_[issue.id] = issue;
}

void FakeRedmine::Delete(int64_t id) {
  std::lock_guard<std::mutex> lock(mutex_);
  issues_.erase(id);
}

std::vector<std::string> FakeRedmine::Ids(const std::string& project, const std::string& tracker) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<std::string> out;
  for (const auto& [id, issue] : issues_) {
    if ((project.empty() || issue.project == project) && (tracker.empty() || issue.tracker == tracker)) {
      out.push_back(std::to_string(id));
    }
  }
  return out;
}

std::vector<FakeIssue> FakeRedmine::Issues() {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<FakeIssue> out;
  for (const auto& entry : issues_) out.push_back(entry.second);
  return out;
}

bool FakeRedmine::Authorised(const httplib::Request& request, httplib::Response& response) {
  const std::string key = request.has_header("X-Redmine-API-Key") ? request.get_header_value("X-Redmine-API-Key")
                                                                  : request.get_param_value("key");
  if (key == api_key_) return true;
  if (!basic_user.empty() &&
      request.get_header_value("Authorization") ==
          httplib::make_basic_authentication_header(basic_user, basic_password).second) {
    return true;
  }
  response.status = 401;  // Redmine's 401 has an empty body and WWW-Authenticate
  response.set_header("WWW-Authenticate", "Basic realm=\"Redmine API\"");
  return false;
}

void FakeRedmine::Search(const httplib::Request& request, httplib::Response& response) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!Authorised(request, response)) return;
  ++requests_;
  if (status_override != 0 && requests_ >= status_override_from) {
    response.status = status_override;
    response.set_content(body_override, content_type_override.c_str());
    return;
  }
  queries.push_back(absl::StrCat("offset=", request.get_param_value("offset"), "&limit=",
                                 request.get_param_value("limit"), "&updated_on=", request.get_param_value("updated_on"),
                                 "&sort=", request.get_param_value("sort")));
  scopes.push_back(absl::StrCat("status_id=", request.get_param_value("status_id"), "&project_id=",
                                request.get_param_value("project_id"), "&tracker_id=", request.get_param_value("tracker_id"),
                                "&issue_id=", request.get_param_value("issue_id")));
  if (on_request) on_request(requests_, issues_);
  const std::string sort = request.get_param_value("sort");
  const bool by_id = sort == "id" || sort == "id:asc";
  const bool by_ids = request.has_param("issue_id");  // no sort: Redmine's default, id:desc
  if (sort != "updated_on:asc,id:asc" && !by_id && !(by_ids && sort.empty())) {
    response.status = 422;  // real Redmine ignores an unknown sort; the fake insists on the ones it knows
    response.set_content(R"({"errors":["fake Redmine: expected sort=updated_on:asc,id:asc or sort=id"]})", "application/json");
    return;
  }
  std::set<int64_t> only;
  if (by_ids) {
    for (absl::string_view id : absl::StrSplit(request.get_param_value("issue_id"), ',')) {
      int64_t value = 0;
      if (absl::SimpleAtoi(id, &value)) only.insert(value);
    }
  }
  int64_t from = std::numeric_limits<int64_t>::min();
  const std::string updated = request.get_param_value("updated_on");
  if (!updated.empty()) {
    absl::Time time;
    std::string error;
    if (updated.rfind(">=", 0) != 0 ||
        !absl::ParseTime("%Y-%m-%dT%H:%M:%SZ", updated.substr(2), absl::UTCTimeZone(), &time, &error)) {
      response.status = 422;
      response.set_content(R"({"errors":["Updated is not a valid date"]})", "application/json");
      return;
    }
    from = absl::ToUnixSeconds(time);
  }
  std::set<std::string> tracker_ids;
  if (request.has_param("tracker_id")) {
    for (absl::string_view id : absl::StrSplit(request.get_param_value("tracker_id"), '|')) tracker_ids.emplace(id);
  }
  const std::string project = request.get_param_value("project_id");
  if (!project.empty() && project != "desk" && project != "ops") {
    response.status = 404;
    response.set_content("", "application/json");
    return;
  }
  const bool every_status = request.get_param_value("status_id") == "*";
  std::vector<const FakeIssue*> hits;
  for (const auto& entry : issues_) {
    const FakeIssue& issue = entry.second;
    // Redmine's date_clause: >= T becomes > T-1s, compared with the sub-second time.
    if (from != std::numeric_limits<int64_t>::min() &&
        !(issue.updated > from - 1 || (issue.updated == from - 1 && issue.micros > 0))) {
      continue;
    }
    if (!every_status && issue.closed) continue;
    if (by_ids && !only.count(issue.id)) continue;
    if (!project.empty() && issue.project != project) continue;
    if (!tracker_ids.empty()) {
      std::string id;
      for (const auto& [tracker_id, name] : trackers) {
        if (name == issue.tracker) id = std::to_string(tracker_id);
      }
      if (!tracker_ids.count(id)) continue;
    }
    hits.push_back(&issue);
  }
  std::sort(hits.begin(), hits.end(), [&](const FakeIssue* a, const FakeIssue* b) {
    if (by_id) return a->id < b->id;
    if (sort.empty()) return a->id > b->id;
    if (a->updated != b->updated) return a->updated < b->updated;
    return a->micros != b->micros ? a->micros < b->micros : a->id < b->id;
  });
  int64_t offset = 0, limit = 25;
  if (!absl::SimpleAtoi(request.get_param_value("offset"), &offset) || offset < 0) offset = 0;
  if (!absl::SimpleAtoi(request.get_param_value("limit"), &limit) || limit < 1) limit = 25;
  limit = std::min<int64_t>(limit, 100);
  const int64_t total = static_cast<int64_t>(hits.size());
  json items = json::array();
  int64_t end = std::min(total, offset + limit);
  if (requests_ == short_page_at && end > offset) --end;
  for (int64_t i = offset; i < end; ++i) {
    const FakeIssue& t = *hits[i];
    int tracker_id = 0;
    for (const auto& [id, name] : trackers) {
      if (name == t.tracker) tracker_id = id;
    }
    json item = {{"id", t.id},
                 {"project", Ref(1, t.project)},
                 {"tracker", Ref(tracker_id, t.tracker)},
                 {"status", {{"id", 1}, {"name", t.status}, {"is_closed", t.closed}}},
                 {"priority", Ref(2, t.priority)},
                 {"author", Ref(1, t.author)},
                 {"subject", t.subject},
                 {"description", ""},
                 {"start_date", absl::FormatTime("%Y-%m-%d", absl::FromUnixSeconds(t.created), absl::UTCTimeZone())},
                 {"due_date", nullptr},
                 {"done_ratio", 0},
                 {"is_private", false},
                 {"estimated_hours", nullptr},
                 {"created_on", Iso(t.created)},
                 {"updated_on", Iso(t.updated)},
                 {"closed_on", t.closed ? json(Iso(t.updated)) : json(nullptr)}};
    if (!t.assigned_to.empty()) item["assigned_to"] = Ref(5, t.assigned_to);
    if (!t.custom.empty()) {
      json fields = json::array();
      int custom_id = 0;
      for (const auto& [name, values] : t.custom) {
        json field = {{"id", ++custom_id}, {"name", name}};
        if (values.size() == 1) {
          field["value"] = values[0];
        } else {
          field["multiple"] = true;
          field["value"] = values;
        }
        fields.push_back(field);
      }
      item["custom_fields"] = fields;
    }
    items.push_back(item);
  }
  json body = {{"issues", items}, {"total_count", total + total_bias}, {"offset", offset}, {"limit", limit}};
  response.set_content(body.dump(), "application/json");
}

}  // namespace crosswalk::testing_redmine
