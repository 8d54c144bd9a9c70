#include "tests/connectors/fake_servicenow.h"

#include <algorithm>
#include <optional>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "absl/time/time.h"
#include "nlohmann/json.hpp"

namespace crosswalk::testing_servicenow {
namespace {

using nlohmann::json;

std::string SnTime(int64_t seconds) {
  return absl::FormatTime("%Y-%m-%d %H:%M:%S", absl::FromUnixSeconds(seconds), absl::UTCTimeZone());
}

std::optional<int64_t> ParseSnTime(const std::string& text) {
  absl::Time time;
  std::string error;
  if (!absl::ParseTime("%Y-%m-%d %H:%M:%S", text, absl::UTCTimeZone(), &time, &error)) return std::nullopt;
  return absl::ToUnixSeconds(time);
}

void Error(httplib::Response& response, int status, const std::string& message, const std::string& detail) {
  response.status = status;
  json body = {{"error", {{"message", message}, {"detail", detail}}}, {"status", "failure"}};
  response.set_content(body.dump(), "application/json");
}

// One term of an encoded query, as the fake understands it.
struct Term {
  std::string field, op, value;
};

std::optional<Term> ParseTerm(const std::string& text) {
  for (const char* field : {"sys_updated_on", "sys_created_on", "sys_id", "tablename", "documentkey"}) {
    if (!absl::StartsWith(text, field)) continue;
    const std::string rest = text.substr(std::string(field).size());
    for (const char* op : {"NOT IN", "IN", ">=", ">", "="}) {
      if (absl::StartsWith(rest, op)) return Term{field, op, rest.substr(std::string(op).size())};
    }
  }
  return std::nullopt;
}

// A field of a row as the query compares it: times as Unix seconds (text "" for them).
std::string TextOf(const FakeRow& row, const std::string& field) {
  if (field == "sys_id") return row.sys_id;
  auto it = row.extra.find(field);
  return it == row.extra.end() ? "" : it->second;
}

bool Matches(const FakeRow& row, const Term& term) {
  if (term.field == "sys_updated_on" || term.field == "sys_created_on") {
    const int64_t value = term.field == "sys_updated_on" ? row.updated : row.created;
    const int64_t at = ParseSnTime(term.value).value_or(0);
    if (term.op == ">") return value > at;
    if (term.op == ">=") return value >= at;
    if (term.op == "=") return value == at;
    return false;
  }
  const std::string text = TextOf(row, term.field);
  if (term.op == "IN" || term.op == "NOT IN") {
    bool listed = false;
    for (absl::string_view item : absl::StrSplit(term.value, ',')) listed = listed || item == text;
    return term.op == "IN" ? listed : !listed;
  }
  if (term.op == ">") return text > term.value;
  if (term.op == "=") return text == term.value;
  return text >= term.value;
}

}  // namespace

std::string SysId(int64_t n) { return absl::StrFormat("%032x", n); }

FakeServiceNow::FakeServiceNow(std::string user, std::string password, std::string token)
    : basic_("Basic " + absl::Base64Escape(user + ":" + password)), bearer_("Bearer " + token) {
  server_.Get(R"(/api/now/v2/table/([a-z0-9_]+))", [this](const httplib::Request& request, httplib::Response& response) {
    Table(request, response);
  });
  server_.Delete(R"(/api/now/v2/table/([a-z0-9_]+)/([0-9a-f]{32}))",
                 [this](const httplib::Request& request, httplib::Response& response) { DeleteRequest(request, response); });
  port_ = server_.bind_to_any_port("127.0.0.1");
  thread_ = std::thread([this] { server_.listen_after_bind(); });
  while (!server_.is_running()) std::this_thread::yield();
}

FakeServiceNow::~FakeServiceNow() {
  server_.stop();
  thread_.join();
}

void FakeServiceNow::Put(const FakeRow& row) {
  std::lock_guard<std::mutex> lock(mutex_);
  rows_[row.sys_id] = row;
}

std::vector<FakeRow> FakeServiceNow::Rows() {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<FakeRow> out;
  for (const auto& entry : rows_) out.push_back(entry.second);
  return out;
}

std::vector<FakeRow> FakeServiceNow::AuditRows() {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<FakeRow> out;
  for (const auto& entry : audit_) out.push_back(entry.second);
  return out;
}

bool FakeServiceNow::Delete(const std::string& sys_id) {
  std::lock_guard<std::mutex> lock(mutex_);
  return DeleteLocked(rows_, sys_id);
}

bool FakeServiceNow::DeleteLocked(std::map<std::string, FakeRow>& rows, const std::string& sys_id) {
  auto it = rows.find(sys_id);
  if (it == rows.end()) return false;
  if (audit_deletes) {
    FakeRow entry;
    entry.table = "sys_audit_delete";
    entry.sys_id = absl::StrFormat("ad%030x", audit_.size() + 1);
    entry.created = entry.updated = now_seconds;
    entry.number.clear();
    entry.state.clear();
    entry.priority.clear();
    entry.extra = {{"tablename", it->second.table}, {"documentkey", sys_id}};
    audit_[entry.sys_id] = entry;
  }
  rows.erase(it);
  return true;
}

bool FakeServiceNow::Authorized(const httplib::Request& request, httplib::Response& response) {
  const std::string authorization = request.get_header_value("Authorization");
  if (authorization == basic_ || authorization == bearer_) return true;
  Error(response, 401, "User Not Authenticated", "Required to provide Auth information");
  return false;
}

void FakeServiceNow::DeleteRequest(const httplib::Request& request, httplib::Response& response) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!Authorized(request, response)) return;
  auto it = rows_.find(request.matches[2]);
  if (it == rows_.end() || it->second.table != request.matches[1]) {
    Error(response, 404, "No Record found", "Record doesn't exist or ACL restricts the record retrieval");
    return;
  }
  DeleteLocked(rows_, it->first);
  response.status = 204;
}

void FakeServiceNow::Table(const httplib::Request& request, httplib::Response& response) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!Authorized(request, response)) return;
  ++requests_;
  if (requests_ <= rate_limit_first) {
    response.set_header("Retry-After", "2");
    response.set_header("X-RateLimit-Limit", "100");
    Error(response, 429, "Rate limit exceeded", "too many requests for rule 'integration'");
    return;
  }
  if (status_override != 0) {
    response.status = status_override;
    response.set_content(body_override, content_type_override.c_str());
    return;
  }
  const std::string table = request.matches[1];
  requested_table = table;
  requested_query = request.get_param_value("sysparm_query");
  if (on_request) on_request(requests_, rows_);
  const std::string query = request.get_param_value("sysparm_query");
  queries.push_back(absl::StrCat(table, ": ", query));
  limits.push_back(request.get_param_value("sysparm_limit"));
  if (request.has_param("sysparm_fields")) fields.push_back(request.get_param_value("sysparm_fields"));
  if (forbidden_tables.count(table)) {
    Error(response, 403, "User Not Authorized", absl::StrCat("ACL Exception: no read access to table ", table));
    return;
  }
  std::vector<std::vector<Term>> groups;
  std::vector<std::string> order;
  for (absl::string_view group_text : absl::StrSplit(query, "^NQ")) {
    std::vector<Term> group;
    for (absl::string_view part : absl::StrSplit(group_text, '^', absl::SkipEmpty())) {
      const std::string text(part);
      if (absl::StartsWith(text, "ORDERBY")) {
        order.push_back(text.substr(7));
        continue;
      }
      std::optional<Term> term = ParseTerm(text);
      if (!term) {
        Error(response, 400, "Invalid query", absl::StrCat("fake ServiceNow: unknown term '", text, "'"));
        return;
      }
      group.push_back(*term);
    }
    if (!group.empty()) groups.push_back(std::move(group));
  }
  const bool by_created = order == std::vector<std::string>{"sys_created_on", "sys_id"};
  if (order != std::vector<std::string>{"sys_updated_on", "sys_id"} && !by_created &&
      order != std::vector<std::string>{"sys_id"} && !order.empty()) {
    Error(response, 400, "Invalid query", "fake ServiceNow: an order the connector does not write");
    return;
  }
  std::vector<const FakeRow*> hits;
  for (const auto& [id, row] : table == "sys_audit_delete" ? audit_ : rows_) {
    if (row.table != table) continue;
    bool any = groups.empty();
    for (const std::vector<Term>& group : groups) {
      bool all = true;
      for (const Term& term : group) all = all && Matches(row, term);
      any = any || all;
    }
    if (any) hits.push_back(&row);
  }
  std::sort(hits.begin(), hits.end(), [&](const FakeRow* a, const FakeRow* b) {
    if (order.size() < 2) return a->sys_id < b->sys_id;
    const int64_t at_a = by_created ? a->created : a->updated, at_b = by_created ? b->created : b->updated;
    return at_a != at_b ? at_a < at_b : a->sys_id < b->sys_id;
  });
  int64_t limit = 10'000, offset = 0;
  if (request.has_param("sysparm_limit") && !absl::SimpleAtoi(request.get_param_value("sysparm_limit"), &limit)) limit = 10'000;
  if (request.has_param("sysparm_offset") && !absl::SimpleAtoi(request.get_param_value("sysparm_offset"), &offset)) offset = 0;
  const int64_t count = std::max<int64_t>(0, static_cast<int64_t>(hits.size()) - offset);
  const bool all = request.get_param_value("sysparm_display_value") == "all";
  auto field = [&](const std::string& value, const std::string& display) -> json {
    if (!all) return value;
    return {{"display_value", display}, {"value", value}};
  };
  std::vector<std::string> wanted;
  if (request.has_param("sysparm_fields")) wanted = absl::StrSplit(request.get_param_value("sysparm_fields"), ',');
  json result = json::array();
  const int64_t end = std::min<int64_t>(static_cast<int64_t>(hits.size()), offset + limit);
  for (int64_t i = offset; i < end; ++i) {
    if (requests_ == hidden_row_at && i == offset) continue;
    const FakeRow& row = *hits[i];
    json out = {{"sys_id", field(row.sys_id, row.sys_id)},
                {"number", field(row.number, row.number)},
                {"short_description", field(row.short_description, row.short_description)},
                {"state", field(row.state, row.state == "2" ? "In Progress" : row.state == "7" ? "Closed" : "New")},
                {"priority", field(row.priority, absl::StrCat(row.priority, " - Moderate"))},
                {"sys_updated_on", field(SnTime(row.updated), SnTime(row.updated + user_offset_seconds))},
                {"opened_at", field(row.opened ? SnTime(row.opened) : "", row.opened ? SnTime(row.opened + user_offset_seconds) : "")},
                {"assigned_to", field(row.assigned_to.empty() ? "" : SysId(row.assigned_to.size() * 7919), row.assigned_to)}};
    if (row.created != 0) out["sys_created_on"] = field(SnTime(row.created), SnTime(row.created + user_offset_seconds));
    for (const auto& [name, value] : row.extra) {
      auto display = row.displays.find(name);
      out[name] = field(value, display == row.displays.end() ? value : display->second);
    }
    if (!wanted.empty()) {
      json kept = json::object();
      for (const std::string& name : wanted) {
        if (out.contains(name)) kept[name] = out[name];
      }
      out = std::move(kept);
    }
    result.push_back(std::move(out));
  }
  if (!omit_count) response.set_header("X-Total-Count", std::to_string(count + count_extra));
  response.set_content(json{{"result", result}}.dump(), "application/json");
}

}  // namespace crosswalk::testing_servicenow
