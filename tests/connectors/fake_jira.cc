#include "tests/connectors/fake_jira.h"

#include <algorithm>
#include <regex>
#include <set>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "nlohmann/json.hpp"

namespace crosswalk::testing_jira {
namespace {

using nlohmann::json;

std::string JiraTime(int64_t ms, const absl::TimeZone& zone) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%E3S%z", absl::FromUnixMillis(ms), zone);
}

void JqlError(httplib::Response& response, const std::string& message) {
  response.status = 400;
  json body = {{"errorMessages", {message}}, {"errors", json::object()}};
  response.set_content(body.dump(), "application/json");
}

json Issue(const FakeIssue& i, const absl::TimeZone& zone) {
  const std::string key = absl::StrCat(i.project, "-", i.id);
  json fields = {{"summary", i.summary},
                 {"issuetype", {{"id", "10001"}, {"name", i.issuetype}}},
                 {"status", {{"name", i.status}, {"statusCategory", {{"key", i.status_category}}}}},
                 {"priority", {{"name", i.priority}}},
                 {"created", JiraTime(i.created_ms, zone)},
                 {"updated", JiraTime(i.updated_ms, zone)},
                 {"resolutiondate", i.resolved_ms ? json(JiraTime(i.resolved_ms, zone)) : json(nullptr)},
                 {"assignee", i.assignee.empty() ? json(nullptr) : json{{"accountId", "a-" + i.assignee}, {"displayName", i.assignee}}},
                 {"reporter", {{"accountId", "r-1"}, {"displayName", i.reporter}}},
                 {"project", {{"key", i.project}, {"name", i.project + " desk"}}},
                 {"labels", json::array({"fake"})}};
  if (!i.request_type.empty()) {
    fields["customfield_10010"] = {{"requestType", {{"id", "7"}, {"name", i.request_type}}},
                                   {"currentStatus", {{"status", i.status}}}};
  }
  if (!i.custom.empty()) fields["customfield_10042"] = i.custom;
  return {{"id", std::to_string(i.id)}, {"key", key}, {"self", "http://jira/rest/api/3/issue/" + std::to_string(i.id)},
          {"fields", fields}};
}

}  // namespace

FakeJira::FakeJira(std::string authorization, std::string account_zone, bool cloud)
    : authorization_(std::move(authorization)), zone_(std::move(account_zone)), cloud_(cloud) {
  for (const char* path : {"/rest/api/3/myself", "/rest/api/2/myself"}) {
    server_.Get(path, [this](const httplib::Request& request, httplib::Response& response) {
      std::lock_guard<std::mutex> lock(mutex_);
      if (!Authorized(request, response)) return;
      const std::string body = myself_override.empty()
                                   ? json{{"accountId", "5b10ac8d82e05b22cc7d4ef5"}, {"timeZone", zone_}}.dump()
                                   : myself_override;
      response.set_content(body, "application/json");
    });
  }
  server_.Get("/rest/api/3/search/jql", [this](const httplib::Request& request, httplib::Response& response) {
    Search(request, response, true);
  });
  for (const char* path : {"/rest/api/2/search", "/rest/api/3/search"}) {
    server_.Get(path, [this](const httplib::Request& request, httplib::Response& response) {
      if (cloud_) {
        response.status = 410;
        response.set_content(R"({"errorMessages":["The requested API has been removed. Please migrate to the /rest/api/3/search/jql API."],"errors":{}})",
                             "application/json");
        return;
      }
      Search(request, response, false);
    });
  }
  server_.Get(R"(/rest/api/[23]/issue/([0-9]+))", [this](const httplib::Request& request, httplib::Response& response) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!Authorized(request, response)) return;
    ++issue_requests;
    int64_t id = 0;
    auto issue = absl::SimpleAtoi(std::string(request.matches[1]), &id) ? issues_.find(id) : issues_.end();
    if (issue == issues_.end()) {
      response.status = 404;
      response.set_content(R"({"errorMessages":["Issue does not exist or you do not have permission to see it."],"errors":{}})",
                           "application/json");
      return;
    }
    const FakeIssue& found = issue->second;
    response.set_content(json{{"id", std::to_string(found.id)}, {"key", absl::StrCat(found.project, "-", found.id)},
                              {"fields", json::object()}}.dump(),
                         "application/json");
  });
  port_ = server_.bind_to_any_port("127.0.0.1");
  thread_ = std::thread([this] { server_.listen_after_bind(); });
  while (!server_.is_running()) std::this_thread::yield();
}

FakeJira::~FakeJira() {
  server_.stop();
  thread_.join();
}

void FakeJira::Put(const FakeIssue& issue) {
  std::lock_guard<std::mutex> lock(mutex_);
  issues_[issue.id] = issue;
}

void FakeJira::Delete(int64_t id) {
  std::lock_guard<std::mutex> lock(mutex_);
  issues_.erase(id);
}

std::vector<FakeIssue> FakeJira::Issues() {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<FakeIssue> out;
  for (const auto& entry : issues_) out.push_back(entry.second);
  return out;
}

void FakeJira::SetZone(const std::string& zone) {
  std::lock_guard<std::mutex> lock(mutex_);
  zone_ = zone;
}

bool FakeJira::Authorized(const httplib::Request& request, httplib::Response& response) {
  if (request.get_header_value("Authorization") == authorization_) return true;
  response.status = 401;
  response.set_content(R"({"errorMessages":["You are not authenticated."],"errors":{}})", "application/json");
  return false;
}

void FakeJira::Search(const httplib::Request& request, httplib::Response& response, bool cloud_api) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!Authorized(request, response)) return;
  ++searches;
  if (status_override != 0) {
    response.status = status_override;
    response.set_content(body_override, content_type_override.c_str());
    return;
  }
  if (searches == rate_limit_at && !rate_limited_) {
    rate_limited_ = true;
    response.status = 429;
    response.set_header("Retry-After", "1");
    response.set_content(R"({"errorMessages":["Rate limit exceeded."]})", "application/json");
    return;
  }
  requested_fields = request.get_param_value("fields");
  if (on_request) on_request(searches, issues_);
  absl::TimeZone zone;
  absl::LoadTimeZone(zone_, &zone);
  const std::string jql = request.get_param_value("jql");
  queries.push_back(jql);
  // The JQL the connector writes, term by term, as Jira reads it.
  absl::string_view rest = jql;
  const bool by_created = absl::ConsumeSuffix(&rest, "ORDER BY created ASC, key ASC");
  if (!by_created && !absl::ConsumeSuffix(&rest, "ORDER BY updated ASC, key ASC")) {
    return JqlError(response, "fake Jira: expected ORDER BY updated ASC, key ASC or created ASC, key ASC");
  }
  rest = absl::StripSuffix(rest, " ");
  std::string project;
  bool bounded = false, by_id = false;
  int64_t from_ms = 0;
  std::set<int64_t> ids;
  json warnings = json::array();
  static const std::regex kProject(R"(\(?project = ([A-Z]+)\)?)");
  static const std::regex kUpdated(R"-(updated >= "([0-9]{4})/([0-9]{2})/([0-9]{2}) ([0-9]{2}):([0-9]{2})")-");
  static const std::regex kIds(R"(id in \(([0-9, ]+)\))");
  for (absl::string_view term : absl::StrSplit(rest, " AND ", absl::SkipEmpty())) {
    std::smatch match;
    const std::string text(term);
    if (std::regex_match(text, match, kIds)) {
      by_id = true;
      for (absl::string_view part : absl::StrSplit(std::string(match[1]), ", ")) {
        int64_t id = 0;
        if (!absl::SimpleAtoi(part, &id)) return JqlError(response, absl::StrCat("fake Jira: bad id '", part, "'"));
        if (issues_.count(id) == 0) {
          const std::string message = absl::StrCat("An issue with key '", id, "' does not exist for field 'id'.");
          if (cloud_api || request.get_param_value("validateQuery") != "warn") return JqlError(response, message);
          warnings.push_back(message);
          continue;
        }
        ids.insert(id);
      }
    } else if (std::regex_match(text, match, kProject)) {
      project = match[1];
    } else if (std::regex_match(text, match, kUpdated)) {
      const absl::CivilMinute minute(std::stoi(match[1]), std::stoi(match[2]), std::stoi(match[3]),
                                     std::stoi(match[4]), std::stoi(match[5]));
      // Jira: the account's zone, the earlier reading of a repeated wall-clock time.
      from_ms = absl::ToUnixMillis(absl::FromCivil(minute, zone));
      bounded = true;
    } else {
      return JqlError(response, absl::StrCat("Error in the JQL Query: Expecting operator but got '", text, "'."));
    }
  }
  std::vector<const FakeIssue*> hits;
  for (const auto& [id, issue] : issues_) {
    if (bounded && issue.updated_ms < from_ms) continue;
    if (!project.empty() && issue.project != project) continue;
    if (by_id && ids.count(id) == 0) continue;
    hits.push_back(&issue);
  }
  std::sort(hits.begin(), hits.end(), [by_created](const FakeIssue* a, const FakeIssue* b) {
    const int64_t ta = by_created ? a->created_ms : a->updated_ms, tb = by_created ? b->created_ms : b->updated_ms;
    return ta != tb ? ta < tb : a->id < b->id;
  });
  if (cloud_api) {
    std::vector<std::string> asked;
    for (const auto& [name, value] : request.params) {
      if (name == "reconcileIssues") asked.push_back(value);
    }
    reconciled.push_back(absl::StrJoin(asked, ","));
  }
  const bool ids_only = request.get_param_value("fields") == "id";
  if (ignore_order) std::reverse(hits.begin(), hits.end());
  int64_t max_results = 50, offset = 0;
  if (!absl::SimpleAtoi(request.get_param_value("maxResults"), &max_results) || max_results < 1) max_results = 50;
  max_results = std::min<int64_t>(max_results, 100);
  if (cloud_api) {
    if (request.has_param("nextPageToken")) {
      auto token = tokens_.find(request.get_param_value("nextPageToken"));
      if (token == tokens_.end() || token->second.first != jql) {
        return JqlError(response, "The provided next page token is invalid or expired.");
      }
      offset = token->second.second;
    }
  } else if (!absl::SimpleAtoi(request.get_param_value("startAt"), &offset) || offset < 0) {
    offset = 0;
  }
  const int64_t total = static_cast<int64_t>(hits.size());
  int64_t end = std::min(total, offset + max_results);
  if (searches == short_page_at && end > offset + 1) --end;
  json issues = json::array();
  for (int64_t i = offset; i < end; ++i) {
    if (ids_only) {
      const std::string id = std::to_string(hits[i]->id);
      issues.push_back({{"id", id}, {"key", absl::StrCat(hits[i]->project, "-", id)},
                        {"self", "http://jira/rest/api/3/issue/" + id}});
    } else {
      issues.push_back(Issue(*hits[i], zone));
    }
  }
  json body = {{"issues", issues}};
  if (!warnings.empty()) body["warningMessages"] = warnings;
  if (cloud_api) {
    body["isLast"] = end >= total;
    if (end < total && last_without_token) {
      // a broken Jira: not the last page, and no way on
    } else if (end < total) {
      const std::string token = absl::StrCat("tok-", tokens_.size() + 1);
      tokens_[token] = {jql, end};
      body["nextPageToken"] = token;
    }
  } else {
    body["startAt"] = offset;
    body["maxResults"] = max_results;
    body["total"] = total + total_lie;
  }
  response.set_content(body.dump(), "application/json");
}

}  // namespace crosswalk::testing_jira
