#include "tests/connectors/fake_glpi.h"

#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/time.h"
#include "nlohmann/json.hpp"

namespace crosswalk::testing_glpi {
namespace {

using nlohmann::json;

void Error(httplib::Response& response, int status, const std::string& code, const std::string& message) {
  response.status = status;
  response.set_content(json::array({code, message}).dump(), "application/json");
}

std::string WallClock(int64_t ms, const std::string& zone_name) {
  absl::TimeZone zone;
  absl::LoadTimeZone(zone_name, &zone);
  return absl::FormatTime("%Y-%m-%d %H:%M:%S", absl::FromUnixMillis(ms), zone);
}

json ItemJson(const FakeItem& item, const std::string& zone, bool expand = true) {
  json out = {{"id", item.id}, {"entities_id", "Root entity"}, {"is_deleted", item.is_deleted ? 1 : 0}};
  if (!absl::StartsWith(item.itemtype, "Item_Device")) {  // GLPI's device rows have none of these
    out["name"] = item.name;
    out["date_mod"] = WallClock(item.date_mod_ms, zone);
    out["date_creation"] = WallClock(item.date_ms, zone);
    out["comment"] = nullptr;
  }
  if (item.itemtype == "Ticket" || item.itemtype == "Problem" || item.itemtype == "Change") {
    out["status"] = item.status;
    out["priority"] = item.priority;
    out["urgency"] = 3;
    out["impact"] = 3;
    out["date"] = WallClock(item.date_ms, zone);
    out["solvedate"] = nullptr;
    out["closedate"] = item.status == 6 ? json(WallClock(item.date_mod_ms, zone)) : json(nullptr);
    out["itilcategories_id"] = item.category.empty() ? json(0) : json(item.category);
    out["content"] = "&lt;p&gt;text&lt;/p&gt;";
  }
  if (item.itemtype == "Ticket") out["type"] = item.type;
  if (item.itemtype == "Computer") {
    out["serial"] = absl::StrCat("SN-", item.id);
    out["states_id"] = "In use";
  }
  for (const auto& [name, value] : item.fields) {
    int64_t number = 0;
    out[name] = absl::SimpleAtoi(value, &number) ? json(number) : json(value);
  }
  for (const auto& [name, dropdown] : item.dropdowns) out[name] = expand ? json(dropdown.second) : json(dropdown.first);
  return out;
}

}  // namespace

FakeGlpi::FakeGlpi(std::string authorization, std::string server_zone, std::string app_token)
    : authorization_(std::move(authorization)), zone_(std::move(server_zone)), app_token_(std::move(app_token)) {
  server_.Get("/apirest.php/initSession", [this](const httplib::Request& request, httplib::Response& response) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!app_token_.empty()) {
      if (!request.has_header("App-Token")) {
        return Error(response, 400, "ERROR_APP_TOKEN_PARAMETERS_MISSING", "missing parameter app_token");
      }
      if (request.get_header_value("App-Token") != app_token_) {
        return Error(response, 400, "ERROR_WRONG_APP_TOKEN_PARAMETER", "parameter app_token seems wrong");
      }
    }
    if (request.get_header_value("Authorization") != authorization_) {
      return Error(response, 401, "ERROR_GLPI_LOGIN_USER_TOKEN", "parameter user_token seems invalid");
    }
    const std::string token = absl::StrCat("sess-", ++sessions_opened);
    sessions_[token] = 0;
    response.set_content(json{{"session_token", token}}.dump(), "application/json");
  });
  server_.Get("/apirest.php/killSession", [this](const httplib::Request& request, httplib::Response& response) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (sessions_.erase(request.get_header_value("Session-Token")) == 0) {
      return Error(response, 401, "ERROR_SESSION_TOKEN_INVALID", "session_token seems invalid");
    }
    ++sessions_killed;
    response.set_content("true", "application/json");
  });
  server_.Get(R"(/apirest\.php/([A-Za-z_]+)/([0-9]+))", [this](const httplib::Request& request, httplib::Response& response) {
    OneItem(request, response);
  });
  server_.Get(R"(/apirest\.php/([A-Za-z_]+))", [this](const httplib::Request& request, httplib::Response& response) {
    Collection(request, response);
  });
  port_ = server_.bind_to_any_port("127.0.0.1");
  thread_ = std::thread([this] { server_.listen_after_bind(); });
  while (!server_.is_running()) std::this_thread::yield();
}

FakeGlpi::~FakeGlpi() {
  server_.stop();
  thread_.join();
}

void FakeGlpi::Put(const FakeItem& item) {
  std::lock_guard<std::mutex> lock(mutex_);
  items_[{item.itemtype, item.id}] = item;
}

void FakeGlpi::Remove(const std::string& itemtype, int64_t id) {
  std::lock_guard<std::mutex> lock(mutex_);
  items_.erase({itemtype, id});
}

void FakeGlpi::Trash(const std::string& itemtype, int64_t id) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto item = items_.find({itemtype, id});
  if (item != items_.end()) item->second.is_deleted = true;
}

Items FakeGlpi::Snapshot() {
  std::lock_guard<std::mutex> lock(mutex_);
  return items_;
}

bool FakeGlpi::Admitted(const httplib::Request& request, httplib::Response& response, const std::string& itemtype) {
  if (!app_token_.empty() && request.get_header_value("App-Token") != app_token_) {
    Error(response, 400, "ERROR_APP_TOKEN_PARAMETERS_MISSING", "missing parameter app_token");
    return false;
  }
  auto session = sessions_.find(request.get_header_value("Session-Token"));
  if (session == sessions_.end() || (session_requests > 0 && session->second >= session_requests)) {
    if (session != sessions_.end()) sessions_.erase(session);
    Error(response, 401, "ERROR_SESSION_TOKEN_INVALID", "session_token seems invalid");
    return false;
  }
  if (right_missing.count(itemtype) > 0) {
    Error(response, 401, "ERROR_RIGHT_MISSING", "You don't have permission to perform this action.");
    return false;
  }
  ++session->second;
  return true;
}

void FakeGlpi::OneItem(const httplib::Request& request, httplib::Response& response) {
  std::lock_guard<std::mutex> lock(mutex_);
  const std::string itemtype = request.matches[1];
  if (!Admitted(request, response, itemtype)) return;
  ++item_requests;
  int64_t id = 0;
  auto item = absl::SimpleAtoi(std::string(request.matches[2]), &id) ? items_.find({itemtype, id}) : items_.end();
  if (item == items_.end()) return Error(response, 404, "ERROR_ITEM_NOT_FOUND", "Item not found");
  response.set_content(ItemJson(item->second, zone_).dump(), "application/json");
}

void FakeGlpi::Collection(const httplib::Request& request, httplib::Response& response) {
  std::lock_guard<std::mutex> lock(mutex_);
  const std::string itemtype = request.matches[1];
  if (!Admitted(request, response, itemtype)) return;
  const int number = ++collection_requests;
  ranges.push_back(absl::StrCat(itemtype, " ", request.get_param_value("range")));
  const bool expand = request.get_param_value("expand_dropdowns") == "true";
  expands.push_back(absl::StrCat(itemtype, " ", expand ? "true" : "false"));
  requested_itemtype = itemtype;
  requested_ids_only = request.get_param_value("only_id") == "true";
  if (on_request) on_request(number, items_);
  if (number == rate_limit_at && !rate_limited_) {
    rate_limited_ = true;
    response.status = 429;
    response.set_header("Retry-After", "1");
    return;
  }
  if (number == unavailable_at && !unavailable_) {
    unavailable_ = true;
    response.status = 503;
    response.set_header("Retry-After", "1");
    response.set_content("<html><title>Service Unavailable</title></html>", "text/html");
    return;
  }
  if (status_override != 0) {
    response.status = status_override;
    response.set_content(body_override, content_type_override);
    return;
  }
  const std::string sort = request.get_param_value("sort");
  if ((sort != "date_mod" && sort != "id") || request.get_param_value("order") != "ASC") {
    return Error(response, 400, "ERROR_BAD_SORT", "the fake serves sort=date_mod|id&order=ASC only");
  }
  const bool trash = request.get_param_value("is_deleted") == "1" || request.get_param_value("is_deleted") == "true";
  std::vector<const FakeItem*> rows;
  for (const auto& [key, item] : items_) {
    if (key.first == itemtype && item.is_deleted == trash) rows.push_back(&item);
  }
  // As GLPI's SQL: ORDER BY the stored wall-clock text (then id, for a stable order), or by id.
  if (sort == "date_mod") {
    std::sort(rows.begin(), rows.end(), [this](const FakeItem* a, const FakeItem* b) {
      const std::string ta = WallClock(a->date_mod_ms, zone_), tb = WallClock(b->date_mod_ms, zone_);
      return ta != tb ? ta < tb : a->id < b->id;
    });
  }  // else: items_ is ordered by (itemtype, id) already
  const bool only_id = request.get_param_value("only_id") == "true";
  int64_t first = 0, last = 49;
  const std::vector<std::string> bounds = absl::StrSplit(request.get_param_value("range"), '-');
  if (bounds.size() != 2 || !absl::SimpleAtoi(bounds[0], &first) || !absl::SimpleAtoi(bounds[1], &last) || last < first) {
    return Error(response, 400, "ERROR_RANGE_BAD", "range is not A-B");
  }
  const int64_t total = static_cast<int64_t>(rows.size());
  if (total == 0 && !empty_is_range_error) {
    response.set_content("[]", "application/json");
    return;
  }
  if (first >= total) {
    return Error(response, 400, "ERROR_RANGE_EXCEED_TOTAL", "Provided range exceed total count of data");
  }
  int64_t end = std::min(last, total - 1);
  if (number == short_page_at && end > first) --end;  // fewer than asked, Content-Range saying so
  json body = json::array();
  for (int64_t i = first; i <= end; ++i) body.push_back(only_id ? json{{"id", rows[i]->id}} : ItemJson(*rows[i], zone_, expand));
  response.status = end < total - 1 + total_lie ? 206 : 200;
  response.set_header("Content-Range", absl::StrCat(first, "-", end, "/", total + total_lie));
  response.set_header("Accept-Range", absl::StrCat(itemtype, " 990"));
  response.set_content(body.dump(), "application/json");
}

}  // namespace crosswalk::testing_glpi
