#include "connectors/redmine/redmine_page.h"

#include <map>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "connectors/json_values.h"
#include "nlohmann/json.hpp"

namespace crosswalk::redmine {
namespace {

using nlohmann::json;

struct Member {
  const char* role;
  const char* type;
};

// Redmine's own issue members and the roles each is read as; a member not listed here (and not
// skipped below) is kept as an extra under its Redmine name. The tracker is read twice: as the
// kind (tracker names → kinds by the redmine rules) and as the tracker itself.
const std::map<std::string, std::vector<Member>>& IssueMembers() {
  static const auto* members = new std::map<std::string, std::vector<Member>>{
      {"subject", {{"title", "text"}}},
      {"description", {{"description", "text"}}},
      {"tracker", {{"kind", "text"}, {"tracker", "text"}}},
      {"status", {{"status", "text"}}},
      {"priority", {{"priority", "text"}}},
      {"project", {{"project", "text"}}},
      {"author", {{"requester", "text"}}},
      {"assigned_to", {{"owner", "text"}}},
      {"category", {{"category", "text"}}},
      {"fixed_version", {{"version", "text"}}},
      {"parent", {{"parent", "text"}}},
      {"start_date", {{"started", "date"}}},
      {"due_date", {{"due", "date"}}},
      {"done_ratio", {{"done_ratio", "number"}}},
      {"estimated_hours", {{"time_estimated", "number"}}},
      {"spent_hours", {{"time_worked", "number"}}},
      {"total_estimated_hours", {{"total_time_estimated", "number"}}},
      {"total_spent_hours", {{"total_time_worked", "number"}}},
      {"is_private", {{"private", "text"}}},
      {"created_on", {{"opened", "datetime"}}},
      {"updated_on", {{"updated", "datetime"}}},
      {"closed_on", {{"closed", "datetime"}}},
  };
  return *members;
}

// A member's value as text: strings as they are, numbers and flags as JSON writes them, a Redmine
// reference {"id":3,"name":"…"} by its name (else its id), a list joined with ", ", null as "".
std::string Text(const json& value) { return JsonDisplayText(value, {"name", "id"}); }

absl::Status ItemError(size_t index, const std::string& id, absl::string_view what) {
  return PageItemError("Redmine issues page", index, id, what);
}

// An object's member as text ("" when absent); never throws, whatever its type.
std::string MemberText(const json& object, const char* key) {
  auto it = object.find(key);
  return it == object.end() ? "" : Text(*it);
}

bool IsDate(const std::string& text) {
  absl::Time time;
  std::string error;
  return text.size() == 10 && absl::ParseTime("%Y-%m-%d", text, absl::UTCTimeZone(), &time, &error);
}

}  // namespace

std::optional<int64_t> ParseRedmineTime(std::string_view text) {
  absl::Time time;
  std::string error;
  if (text.size() != 20 || text.back() != 'Z' ||
      !absl::ParseTime("%Y-%m-%dT%H:%M:%SZ", std::string(text), absl::UTCTimeZone(), &time, &error)) {
    return std::nullopt;
  }
  return absl::ToUnixSeconds(time);
}

std::string RedmineErrors(std::string_view body) {
  json parsed = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_object()) return "";
  auto errors = parsed.find("errors");
  if (errors == parsed.end()) return "";
  if (errors->is_string()) return errors->get<std::string>();
  if (!errors->is_array()) return "";
  std::vector<std::string> parts;
  for (const json& error : *errors) parts.push_back(Text(error));
  return absl::StrJoin(parts, "; ");
}

absl::StatusOr<std::string> ParseStatusHistory(std::string_view body, const std::map<std::string, std::string>& status_names) {
  json parsed = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_object() || !parsed.contains("issue") || !parsed["issue"].is_object()) {
    return absl::InvalidArgumentError("Redmine issue: the body is not {\"issue\": {…}}");
  }
  const json& issue = parsed["issue"];
  auto journals = issue.find("journals");
  if (journals == issue.end() || !journals->is_array()) {
    return absl::InvalidArgumentError("Redmine issue: no 'journals' list (include=journals)");
  }
  auto name = [&](const json& id) {
    const std::string text = Text(id);
    auto known = status_names.find(text);
    return known == status_names.end() ? text : known->second;
  };
  std::vector<std::string> changes;
  for (size_t index = 0; index < journals->size(); ++index) {
    const json& journal = (*journals)[index];
    auto created = journal.is_object() ? journal.find("created_on") : journal.end();
    if (!journal.is_object() || created == journal.end() || !created->is_string() ||
        !ParseRedmineTime(created->get<std::string>())) {
      return absl::InvalidArgumentError(absl::StrCat("Redmine issue, journal ", index + 1,
                                                     ": not an object with an ISO-8601 UTC 'created_on'"));
    }
    auto details = journal.find("details");
    if (details == journal.end() || !details->is_array()) continue;
    for (const json& detail : *details) {
      if (!detail.is_object() || MemberText(detail, "property") != "attr" || MemberText(detail, "name") != "status_id") continue;
      std::string change = absl::StrCat(created->get<std::string>(), " ", name(detail.value("old_value", json())), "→",
                                        name(detail.value("new_value", json())));
      if (journal.contains("user")) absl::StrAppend(&change, " (", Text(journal["user"]), ")");
      changes.push_back(std::move(change));
    }
  }
  return absl::StrJoin(changes, "; ");
}

absl::StatusOr<RedmineIdPage> ParseRedmineIdPage(std::string_view body) {
  json parsed = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_object()) return absl::InvalidArgumentError("Redmine issues page: the body is not a JSON object");
  auto issues = parsed.find("issues");
  if (issues == parsed.end() || !issues->is_array()) return absl::InvalidArgumentError("Redmine issues page: no 'issues' list");
  RedmineIdPage page;
  page.total_count = JsonCount(parsed, "total_count");
  page.offset = JsonCount(parsed, "offset");
  page.limit = JsonCount(parsed, "limit");
  for (size_t index = 0; index < issues->size(); ++index) {
    const json& item = (*issues)[index];
    const std::string id_text = item.is_object() ? MemberText(item, "id") : "";
    int64_t id = 0;
    if (!absl::SimpleAtoi(id_text, &id) || id <= 0) return ItemError(index, id_text, "'id' is not a positive integer");
    page.ids.push_back(id);
  }
  return page;
}

absl::StatusOr<RedminePage> ParseRedminePage(std::string_view body) {
  json parsed = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_object()) {
    return absl::InvalidArgumentError("Redmine issues page: the body is not a JSON object");
  }
  auto issues = parsed.find("issues");
  if (issues == parsed.end() || !issues->is_array()) {
    return absl::InvalidArgumentError("Redmine issues page: no 'issues' list");
  }
  RedminePage page;
  page.total_count = JsonCount(parsed, "total_count");
  page.offset = JsonCount(parsed, "offset");
  const auto& members = IssueMembers();
  for (size_t index = 0; index < issues->size(); ++index) {
    const json& item = (*issues)[index];
    if (!item.is_object()) return ItemError(index, "", "not a JSON object");
    auto id_member = item.find("id");
    const std::string id_text = id_member == item.end() ? "" : Text(*id_member);
    RedmineIssue out;
    if (!absl::SimpleAtoi(id_text, &out.id) || out.id <= 0) {
      return ItemError(index, id_text, "'id' is not a positive integer");
    }
    auto updated = item.find("updated_on");
    std::optional<int64_t> updated_on;
    if (updated != item.end() && updated->is_string()) updated_on = ParseRedmineTime(updated->get<std::string>());
    if (!updated_on) {
      return ItemError(index, id_text, "'updated_on' is not an ISO-8601 UTC time like 2026-11-22T12:12:14Z");
    }
    out.updated_on = *updated_on;
    RawRecord& record = out.record;
    record.native_id = id_text;
    record.native_kind = "issue";
    record.location = absl::StrCat("Redmine issue ", id_text);
    for (const auto& [name, value] : item.items()) {
      if (name == "id" || name == "journals") continue;  // journals: read by the connector
      if (name == "custom_fields") {
        if (!value.is_array()) return ItemError(index, id_text, "'custom_fields' is not a list");
        for (const json& field : value) {
          auto field_name = field.is_object() ? field.find("name") : field.end();
          if (!field.is_object() || field_name == field.end() || !field_name->is_string() ||
              field_name->get<std::string>().empty()) {
            return ItemError(index, id_text, "a custom field has no 'name'");
          }
          const std::string text = field.contains("value") ? Text(field["value"]) : "";
          const std::string custom = field_name->get<std::string>();
          if (!text.empty()) {
            record.fields.push_back({.role = custom, .value = text, .where = absl::StrCat("custom field ", custom),
                                     .extra = true, .header = custom});
          }
        }
        continue;
      }
      std::string text = Text(value);
      auto known = members.find(name);
      if (known == members.end()) {
        if (!text.empty()) record.fields.push_back({.role = name, .value = text, .where = name, .extra = true, .header = name});
        continue;
      }
      if (text.empty()) continue;
      const std::string type = known->second.front().type;
      if (type == "datetime" && !ParseRedmineTime(text)) {
        return ItemError(index, id_text, absl::StrCat("'", name, "' is not an ISO-8601 UTC time"));
      }
      if (type == "date" && !IsDate(text)) {
        return ItemError(index, id_text, absl::StrCat("'", name, "' is not a date like 2026-11-22"));
      }
      for (const Member& member : known->second) {
        record.fields.push_back({.role = member.role, .type = member.type, .value = text, .where = name, .header = name});
      }
    }
    page.issues.push_back(std::move(out));
  }
  return page;
}

}  // namespace crosswalk::redmine
