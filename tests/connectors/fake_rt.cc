#include "tests/connectors/fake_rt.h"

#include <algorithm>
#include <regex>
#include <set>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "nlohmann/json.hpp"

namespace crosswalk::testing_rt {
namespace {

using nlohmann::json;

std::string Iso(int64_t seconds) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", absl::FromUnixSeconds(seconds), absl::UTCTimeZone());
}

int64_t Sql(const std::string& text) {
  absl::Time time;
  std::string error;
  absl::ParseTime("%Y-%m-%d %H:%M:%S", text, absl::UTCTimeZone(), &time, &error);
  return absl::ToUnixSeconds(time);
}

json User(const std::string& name) {
  return {{"type", "user"}, {"id", name}, {"_url", "http://rt/REST/2.0/user/" + name}};
}

json Item(const FakeTicket& t) {
  json requestors = json::array();
  for (const std::string& r : t.requestors) requestors.push_back(User(r));
  json owner = User(t.owner);
  owner["Name"] = t.owner;
  json item = {{"id", std::to_string(t.id)}, {"type", "ticket"},
               {"_url", absl::StrCat("http://rt/REST/2.0/ticket/", t.id)},
               {"Subject", t.subject}, {"Status", t.status}, {"Priority", "50"},
               {"Queue", {{"type", "queue"}, {"id", "1"}, {"Name", t.queue}}},
               {"Owner", owner}, {"Requestor", requestors},
               {"Created", Iso(t.created)}, {"LastUpdated", Iso(t.updated)},
               {"Due", Iso(t.due)}, {"Resolved", Iso(t.resolved)}};
  if (!t.custom.empty()) item["Site"] = t.custom;
  return item;
}

}  // namespace

FakeRt::FakeRt(std::string token) : token_(std::move(token)) {
  server_.Get("/REST/2.0/tickets", [this](const httplib::Request& request, httplib::Response& response) {
    Search(request, response);
  });
  server_.Get(R"(/REST/2\.0/ticket/(\d+)/history)", [this](const httplib::Request& request, httplib::Response& response) {
    History(request, response);
  });
  port_ = server_.bind_to_any_port("127.0.0.1");
  thread_ = std::thread([this] { server_.listen_after_bind(); });
  // stop() before the accept loop runs would be lost: wait for it (a bound, not a timing).
  while (!server_.is_running()) std::this_thread::yield();
}

FakeRt::~FakeRt() {
  server_.stop();
  thread_.join();
}

void FakeRt::Put(const FakeTicket& ticket) {
  std::lock_guard<std::mutex> lock(mutex_);
  tickets_[ticket.id] = ticket;
}

void FakeRt::Delete(int64_t id) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto ticket = tickets_.find(id);
  if (ticket != tickets_.end()) ticket->second.status = "deleted";
}

std::vector<std::string> FakeRt::LiveIds(const std::vector<std::string>& queues) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<std::string> out;
  for (const auto& [id, t] : tickets_) {
    if (t.status == "deleted") continue;
    if (!queues.empty() && std::find(queues.begin(), queues.end(), t.queue) == queues.end()) continue;
    out.push_back(std::to_string(id));
  }
  return out;
}

std::vector<FakeTicket> FakeRt::Tickets() {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<FakeTicket> out;
  for (const auto& entry : tickets_) out.push_back(entry.second);
  return out;
}

bool FakeRt::Authorized(const httplib::Request& request, httplib::Response& response) const {
  if (request.get_header_value("Authorization") == "token " + token_) return true;
  response.status = 401;
  response.set_content(R"({"message":"Unauthorized"})", "application/json");
  return false;
}

void FakeRt::Search(const httplib::Request& request, httplib::Response& response) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!Authorized(request, response)) return;
  ++requests_;
  if (status_override != 0 && requests_ >= status_override_from) {
    response.status = status_override;
    response.set_content(body_override, content_type_override.c_str());
    return;
  }
  const std::string query = request.get_param_value("query");
  queries.push_back(query);
  orders.push_back(request.get_param_value_count("orderby") == 1 ? request.get_param_value("orderby") : "LastUpdated,id");
  if (on_request) on_request(requests_, tickets_);
  // RT orders by the orderby/order pairs given; the fake knows the keyset order and id alone.
  const bool by_id = request.get_param_value_count("orderby") == 1 && request.get_param_value("orderby") == "id";
  if (!by_id && (request.get_param_value_count("orderby") != 2 || request.get_param_value("orderby", 0) != "LastUpdated" ||
                 request.get_param_value("orderby", 1) != "id")) {
    response.status = 400;
    response.set_content(R"({"message":"fake RT: expected orderby=LastUpdated&orderby=id or orderby=id"})", "application/json");
    return;
  }
  std::smatch match;
  int64_t from = 0, tie_id = -1, after = 0;
  static const std::regex kFrom(R"(LastUpdated >= '([0-9: -]+) \+0000')");
  static const std::regex kTie(R"(\(LastUpdated > '([0-9: -]+) \+0000' OR id > ([0-9]+)\))");
  static const std::regex kAfter(R"((^|AND )id > ([0-9]+))");
  if (std::regex_search(query, match, kFrom)) from = Sql(match[1]);
  if (std::regex_search(query, match, kTie)) absl::SimpleAtoi(match[2].str(), &tie_id);
  if (std::regex_search(query, match, kAfter)) absl::SimpleAtoi(match[2].str(), &after);
  std::set<int64_t> only;  // (id = a OR id = b …)
  static const std::regex kOnly(R"((^|[( ])id = ([0-9]+))");
  for (auto it = std::sregex_iterator(query.begin(), query.end(), kOnly); it != std::sregex_iterator(); ++it) {
    int64_t id = 0;
    if (absl::SimpleAtoi((*it)[2].str(), &id)) only.insert(id);
  }
  std::set<int64_t> excluded;  // (LastUpdated > 'P' OR (id != a AND id != b …))
  static const std::regex kExcluded(R"(id != ([0-9]+))");
  for (auto it = std::sregex_iterator(query.begin(), query.end(), kExcluded); it != std::sregex_iterator(); ++it) {
    int64_t id = 0;
    if (absl::SimpleAtoi((*it)[1].str(), &id)) excluded.insert(id);
  }
  std::vector<std::string> queues;
  static const std::regex kQueue(R"(Queue = '([^']+)')");
  for (auto it = std::sregex_iterator(query.begin(), query.end(), kQueue); it != std::sregex_iterator(); ++it) {
    queues.push_back((*it)[1]);
  }
  std::vector<const FakeTicket*> hits;
  for (const auto& entry : tickets_) {
    const FakeTicket& t = entry.second;
    if (t.updated < from) continue;
    if (tie_id >= 0 && t.updated == from && t.id <= tie_id) continue;
    if (t.updated == from && excluded.count(t.id)) continue;
    if (t.id <= after || (!only.empty() && !only.count(t.id))) continue;
    if (t.status == "deleted" && !list_deleted) continue;  // RT 5 searches never list them
    if (!queues.empty() && std::find(queues.begin(), queues.end(), t.queue) == queues.end()) continue;
    hits.push_back(&t);
  }
  std::sort(hits.begin(), hits.end(), [by_id](const FakeTicket* a, const FakeTicket* b) {
    if (by_id) return a->id < b->id;
    return a->updated != b->updated ? a->updated < b->updated : a->id < b->id;
  });
  const bool ids_only = request.get_param_value("fields") == "id";
  int64_t page = 1, per_page = 20;
  if (!absl::SimpleAtoi(request.get_param_value("page"), &page) || page < 1) page = 1;
  if (!absl::SimpleAtoi(request.get_param_value("per_page"), &per_page) || per_page < 1) per_page = 20;
  per_page = std::min<int64_t>(per_page, 100);
  const int64_t total = static_cast<int64_t>(hits.size());
  const int64_t pages = (total + per_page - 1) / per_page;
  json items = json::array();
  int64_t end = std::min(total, page * per_page);
  if (requests_ == short_page_at && end > (page - 1) * per_page + 1) --end;
  for (int64_t i = (page - 1) * per_page; i < end; ++i) {
    if (ids_only) {
      items.push_back({{"id", hits[i]->id}, {"type", "ticket"}, {"_url", absl::StrCat("http://rt/REST/2.0/ticket/", hits[i]->id)}});
    } else {
      items.push_back(Item(*hits[i]));
    }
  }
  json body = {{"page", page}, {"per_page", per_page}, {"count", items.size()}, {"items", items}};
  if (!omit_total) {
    body["total"] = total;
    body["pages"] = pages;
    if (page < pages) body["next_page"] = absl::StrCat("http://rt/REST/2.0/tickets?page=", page + 1);
  } else {
    body["total"] = nullptr;
    body["pages"] = nullptr;
  }
  if (page > 1) body["prev_page"] = absl::StrCat("http://rt/REST/2.0/tickets?page=", std::min(page - 1, std::max<int64_t>(pages, 1)));
  response.set_content(body.dump(), "application/json");
}

void FakeRt::History(const httplib::Request& request, httplib::Response& response) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!Authorized(request, response)) return;
  ++history_requests;
  int64_t id = 0;
  auto ticket = absl::SimpleAtoi(request.matches[1].str(), &id) ? tickets_.find(id) : tickets_.end();
  if (ticket == tickets_.end()) {
    response.status = 404;
    response.set_content(R"({"message":"Resource does not exist"})", "application/json");
    return;
  }
  const FakeTicket& t = ticket->second;
  auto creator = [](const std::string& name) { return json{{"type", "user"}, {"id", name}, {"Name", name}}; };
  json all = json::array();
  all.push_back({{"type", "transaction"}, {"id", absl::StrCat(t.id * 1000)}, {"Type", "Create"}, {"Field", ""},
                 {"OldValue", ""}, {"NewValue", ""}, {"Created", Iso(t.created)}, {"Creator", creator("root")}});
  for (size_t i = 0; i < t.history.size(); ++i) {
    const FakeTicket::StatusChange& change = t.history[i];
    all.push_back({{"type", "transaction"}, {"id", absl::StrCat(t.id * 1000 + i + 1)}, {"Type", "Status"},
                   {"Field", "Status"}, {"OldValue", change.from}, {"NewValue", change.to},
                   {"Created", Iso(change.at)}, {"Creator", creator(change.by)}});
  }
  int64_t page = 1, per_page = 20;
  if (!absl::SimpleAtoi(request.get_param_value("page"), &page) || page < 1) page = 1;
  if (!absl::SimpleAtoi(request.get_param_value("per_page"), &per_page) || per_page < 1) per_page = 20;
  per_page = std::min<int64_t>(per_page, history_page_cap);
  const int64_t total = static_cast<int64_t>(all.size());
  json items = json::array();
  for (int64_t i = (page - 1) * per_page; i < std::min(total, page * per_page); ++i) items.push_back(all[i]);
  json body = {{"page", page}, {"per_page", per_page}, {"count", items.size()}, {"total", total},
               {"pages", (total + per_page - 1) / per_page}, {"items", items}};
  response.set_content(body.dump(), "application/json");
}

}  // namespace crosswalk::testing_rt
