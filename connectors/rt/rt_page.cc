#include "connectors/rt/rt_page.h"

#include <map>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "connectors/json_values.h"
#include "nlohmann/json.hpp"

namespace crosswalk::rt {
namespace {

using nlohmann::json;

struct Member {
  const char* role;
  const char* type;
};

// RT's own members and the role each is read as (roles the normaliser and reports read:
// mappings/presets/roles.csv); a member not listed here is kept as an extra under its RT name.
// The queue is read twice: as the kind (queue names → kinds by the rt rules) and as the category.
const std::map<std::string, std::vector<Member>>& TicketMembers() {
  static const auto* members = new std::map<std::string, std::vector<Member>>{
      {"Subject", {{"title", "text"}}},
      {"Status", {{"status", "text"}}},
      {"Priority", {{"priority", "text"}}},
      {"InitialPriority", {{"initial_priority", "text"}}},
      {"FinalPriority", {{"final_priority", "text"}}},
      {"Queue", {{"kind", "text"}, {"category", "text"}}},
      {"Owner", {{"owner", "text"}}},
      {"Requestor", {{"requester", "text"}}},
      {"Cc", {{"cc", "text"}}},
      {"AdminCc", {{"admin_cc", "text"}}},
      {"Creator", {{"creator", "text"}}},
      {"LastUpdatedBy", {{"updated_by", "text"}}},
      {"Type", {{"ticket_type", "text"}}},
      {"Created", {{"opened", "datetime"}}},
      {"LastUpdated", {{"updated", "datetime"}}},
      {"Resolved", {{"resolved", "datetime"}}},
      {"Due", {{"due", "datetime"}}},
      {"Started", {{"started", "datetime"}}},
      {"Starts", {{"starts", "datetime"}}},
      {"Told", {{"told", "datetime"}}},
      {"TimeEstimated", {{"time_estimated", "number"}}},
      {"TimeWorked", {{"time_worked", "number"}}},
      {"TimeLeft", {{"time_left", "number"}}},
  };
  return *members;
}

const std::map<std::string, std::vector<Member>>& AssetMembers() {
  static const auto* members = new std::map<std::string, std::vector<Member>>{
      {"Name", {{"title", "text"}}},
      {"Description", {{"description", "text"}}},
      {"Status", {{"status", "text"}}},
      {"Catalog", {{"class", "text"}}},
      {"Owner", {{"owner", "text"}}},
      {"HeldBy", {{"held_by", "text"}}},
      {"Contact", {{"contact", "text"}}},
      {"Creator", {{"creator", "text"}}},
      {"LastUpdatedBy", {{"updated_by", "text"}}},
      {"Created", {{"opened", "datetime"}}},
      {"LastUpdated", {{"updated", "datetime"}}},
  };
  return *members;
}

// RT's unset date.
constexpr char kUnsetDate[] = "1970-01-01T00:00:00Z";

// A member's value as text: strings as they are, numbers and flags as JSON writes them, an RT
// object reference by its Name (queues, users with fields[...]=Name) or else its id (users are
// identified by name or address), a list joined with ", ", null as "".
std::string Text(const json& value) { return JsonDisplayText(value, {"Name", "name", "id"}); }

absl::Status ItemError(size_t index, const std::string& id, absl::string_view what) {
  return PageItemError("RT search page", index, id, what);
}

}  // namespace

std::optional<int64_t> ParseRtTime(std::string_view text) {
  absl::Time time;
  std::string error;
  if (text.size() != 20 || text.back() != 'Z' ||
      !absl::ParseTime("%Y-%m-%dT%H:%M:%SZ", std::string(text), absl::UTCTimeZone(), &time, &error)) {
    return std::nullopt;
  }
  return absl::ToUnixSeconds(time);
}

absl::StatusOr<RtHistoryPage> ParseRtHistory(std::string_view body) {
  json parsed = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_object()) return absl::InvalidArgumentError("RT history page: the body is not a JSON object");
  auto items = parsed.find("items");
  if (items == parsed.end() || !items->is_array()) return absl::InvalidArgumentError("RT history page: no 'items' list");
  RtHistoryPage page;
  const std::optional<int64_t> pages = JsonCount(parsed, "pages");
  page.more = pages.has_value() && *pages > JsonCount(parsed, "page").value_or(1);
  for (size_t index = 0; index < items->size(); ++index) {
    const json& item = (*items)[index];
    if (!item.is_object()) {
      return absl::InvalidArgumentError(absl::StrCat("RT history page, transaction ", index + 1, ": not a JSON object"));
    }
    auto member = [&](const char* key) {
      auto it = item.find(key);
      return it == item.end() ? std::string() : Text(*it);
    };
    // RT records a status change as a transaction of Type "Status" (Field "Status").
    if (member("Type") != "Status") continue;
    std::string change = absl::StrCat(member("Created"), " ", member("OldValue"), "→", member("NewValue"));
    const std::string by = member("Creator");
    if (!by.empty()) absl::StrAppend(&change, " (", by, ")");
    page.status_changes.push_back(std::move(change));
  }
  return page;
}

absl::StatusOr<RtIdPage> ParseRtIdPage(std::string_view body) {
  json parsed = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_object()) return absl::InvalidArgumentError("RT id listing: the body is not a JSON object");
  auto items = parsed.find("items");
  if (items == parsed.end() || !items->is_array()) return absl::InvalidArgumentError("RT id listing: no 'items' list");
  RtIdPage page;
  page.total = JsonCount(parsed, "total");
  page.per_page = JsonCount(parsed, "per_page");
  const std::optional<int64_t> count = JsonCount(parsed, "count");
  if (count.has_value() && *count != static_cast<int64_t>(items->size())) {
    return absl::InvalidArgumentError(absl::StrCat("RT id listing: 'count' is ", *count, " but ", items->size(), " items came"));
  }
  for (size_t index = 0; index < items->size(); ++index) {
    const json& item = (*items)[index];
    auto id = item.is_object() ? item.find("id") : item.end();
    int64_t value = 0;
    if (id == item.end() || !absl::SimpleAtoi(Text(*id), &value) || value <= 0) {
      return absl::InvalidArgumentError(absl::StrCat("RT id listing, item ", index + 1, ": no positive integer 'id'"));
    }
    page.ids.push_back(value);
  }
  return page;
}

absl::StatusOr<RtPage> ParseRtPage(std::string_view body, const std::string& native_kind) {
  json parsed = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_object()) {
    return absl::InvalidArgumentError("RT search page: the body is not a JSON object");
  }
  auto items = parsed.find("items");
  if (items == parsed.end() || !items->is_array()) {
    return absl::InvalidArgumentError("RT search page: no 'items' list");
  }
  RtPage page;
  page.total = JsonCount(parsed, "total");
  page.pages = JsonCount(parsed, "pages");
  page.page = JsonCount(parsed, "page").value_or(0);
  const std::optional<int64_t> count = JsonCount(parsed, "count");
  if (count.has_value() && *count != static_cast<int64_t>(items->size())) {
    return absl::InvalidArgumentError(absl::StrCat("RT search page: 'count' is ", *count, " but ",
                                                   items->size(), " items came"));
  }
  page.count = static_cast<int64_t>(items->size());
  const auto& members = native_kind == "asset" ? AssetMembers() : TicketMembers();
  const std::string noun = native_kind == "asset" ? "asset" : "ticket";
  for (size_t index = 0; index < items->size(); ++index) {
    const json& item = (*items)[index];
    if (!item.is_object()) return ItemError(index, "", "not a JSON object");
    auto id_member = item.find("id");
    const std::string id_text = id_member == item.end() ? "" : Text(*id_member);
    RtItem out;
    if (!absl::SimpleAtoi(id_text, &out.id) || out.id <= 0) {
      return ItemError(index, id_text, "'id' is not a positive integer");
    }
    auto updated = item.find("LastUpdated");
    std::optional<int64_t> last_updated;
    if (updated != item.end() && updated->is_string()) last_updated = ParseRtTime(updated->get<std::string>());
    if (!last_updated) {
      return ItemError(index, id_text, "'LastUpdated' is not an ISO-8601 UTC time like 2026-11-22T12:12:14Z (is it in the fields= list?)");
    }
    out.last_updated = *last_updated;
    auto status = item.find("Status");
    out.deleted = status != item.end() && status->is_string() && status->get<std::string>() == "deleted";
    RawRecord& record = out.record;
    record.native_id = id_text;
    record.native_kind = native_kind;
    record.location = absl::StrCat("RT ", noun, " ", id_text);
    for (const auto& [name, value] : item.items()) {
      if (name == "id" || name == "type" || name == "_url" || name == "_hyperlinks") continue;
      std::string text = Text(value);
      auto known = members.find(name);
      if (known == members.end()) {
        if (!text.empty()) record.fields.push_back({.role = name, .value = text, .where = name, .extra = true, .header = name});
        continue;
      }
      if (known->second.front().type == std::string("datetime")) {
        if (text == kUnsetDate || text.empty()) continue;
        if (!ParseRtTime(text)) return ItemError(index, id_text, absl::StrCat("'", name, "' is not an ISO-8601 UTC time"));
      }
      if (name == "Owner" && text == "Nobody") continue;  // RT's unassigned owner
      if (text.empty()) continue;
      for (const Member& member : known->second) {
        record.fields.push_back({.role = member.role, .type = member.type, .value = text, .where = name, .header = name});
      }
    }
    page.items.push_back(std::move(out));
  }
  return page;
}

}  // namespace crosswalk::rt
