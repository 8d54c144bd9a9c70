#include "connectors/jira/jira_page.h"

#include <map>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "nlohmann/json.hpp"

namespace crosswalk::jira {
namespace {

using nlohmann::json;

struct Member {
  const char* role;
  const char* type;
  const char* member;  // of an object value: the member read ("name", "displayName"); "" for a string
};

// Jira's fields and the role each is read as (mappings/presets/roles.csv); a field not listed is
// kept as an extra under its Jira id.
const std::map<std::string, Member>& KnownFields() {
  static const auto* fields = new std::map<std::string, Member>{
      {"summary", {"title", "text", ""}},
      {"status", {"status", "text", "name"}},
      {"issuetype", {"kind", "text", "name"}},
      {"priority", {"priority", "text", "name"}},
      {"created", {"opened", "datetime", ""}},
      {"updated", {"updated", "datetime", ""}},
      {"resolutiondate", {"resolved", "datetime", ""}},
      {"assignee", {"owner", "text", "displayName"}},
      {"reporter", {"requester", "text", "displayName"}},
  };
  return *fields;
}

absl::Status IssueError(size_t index, const std::string& key, absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat("Jira search page: issue ", index + 1,
                                                 key.empty() ? "" : absl::StrCat(" (", key, ")"), ": ", what));
}

std::string UtcText(int64_t ms) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", absl::FromUnixMillis(ms), absl::UTCTimeZone());
}

// An extra's text: a string as is; an object by its name-like member; a list of those joined;
// else compact JSON.
std::string ExtraText(const json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_null()) return "";
  if (value.is_object()) {
    for (const char* member : {"displayName", "key", "name", "value"}) {
      auto it = value.find(member);
      if (it != value.end() && it->is_string()) return it->get<std::string>();
    }
  }
  if (value.is_array()) {
    std::vector<std::string> parts;
    bool simple = true;
    for (const json& item : value) {
      std::string text = ExtraText(item);
      if (item.is_object() && !text.empty() && text.front() == '{') simple = false;
      parts.push_back(std::move(text));
    }
    if (simple) return absl::StrJoin(parts, ",");
  }
  return value.dump();
}

std::optional<int64_t> Count(const json& object, const char* name) {
  auto it = object.find(name);
  if (it == object.end() || !it->is_number_integer()) return std::nullopt;
  return it->get<int64_t>();
}

// An issue's "id" (Jira writes numeric text; a number is taken too) as decimal text, or "" when
// it is not a positive integer.
std::string IssueId(const json& issue) {
  auto id = issue.find("id");
  std::string text;
  if (id != issue.end() && id->is_string()) text = id->get<std::string>();
  if (id != issue.end() && id->is_number_integer()) text = absl::StrCat(id->get<int64_t>());
  int64_t numeric = 0;
  if (!absl::SimpleAtoi(text, &numeric) || numeric <= 0) return "";
  return text;
}

// The search page's "issues" list, or Jira's error envelope (or the shape's fault) as an error.
absl::StatusOr<const json*> IssuesOf(const json& parsed, std::string_view body) {
  if (!parsed.is_object()) return absl::InvalidArgumentError("Jira search page: the body is not a JSON object");
  auto issues = parsed.find("issues");
  if (issues == parsed.end() || !issues->is_array()) {
    if (auto messages = JiraErrorMessages(body)) {
      return absl::InvalidArgumentError(absl::StrCat("Jira answered an error: ", *messages));
    }
    return absl::InvalidArgumentError("Jira search page: no 'issues' list");
  }
  return &*issues;
}

std::optional<std::string> NextPageToken(const json& parsed) {
  auto token = parsed.find("nextPageToken");
  if (token == parsed.end() || !token->is_string() || token->get<std::string>().empty()) return std::nullopt;
  return token->get<std::string>();
}

}  // namespace

std::optional<int64_t> ParseJiraTime(std::string_view text) {
  if (text.size() < 20 || text.size() > 40) return std::nullopt;
  const std::string input(text);
  absl::Time time;
  std::string error;
  for (const char* format : {"%Y-%m-%dT%H:%M:%E*S%z", "%Y-%m-%dT%H:%M:%E*S%Ez"}) {
    if (absl::ParseTime(format, input, &time, &error)) return absl::ToUnixMillis(time);
  }
  if (input.back() == 'Z' &&
      absl::ParseTime("%Y-%m-%dT%H:%M:%E*S", input.substr(0, input.size() - 1), absl::UTCTimeZone(), &time, &error)) {
    return absl::ToUnixMillis(time);
  }
  return std::nullopt;
}

std::optional<std::string> JiraErrorMessages(std::string_view body) {
  json parsed = json::parse(body, nullptr, false);
  if (!parsed.is_object()) return std::nullopt;
  std::vector<std::string> messages;
  if (auto it = parsed.find("errorMessages"); it != parsed.end() && it->is_array()) {
    for (const json& message : *it) messages.push_back(ExtraText(message));
  }
  if (auto it = parsed.find("errors"); it != parsed.end() && it->is_object()) {
    for (const auto& [field, message] : it->items()) messages.push_back(absl::StrCat(field, ": ", ExtraText(message)));
  }
  if (messages.empty()) return std::nullopt;
  return absl::StrJoin(messages, "; ");
}

absl::StatusOr<JiraPage> ParseJiraPage(std::string_view body, const std::string& request_type_field) {
  json parsed = json::parse(body, nullptr, /*allow_exceptions=*/false);
  auto issues = IssuesOf(parsed, body);
  if (!issues.ok()) return issues.status();
  JiraPage page;
  page.next_page_token = NextPageToken(parsed);
  if (auto last = parsed.find("isLast"); last != parsed.end() && last->is_boolean()) page.is_last = last->get<bool>();
  page.start_at = Count(parsed, "startAt");
  page.total = Count(parsed, "total");
  if (page.total.has_value() && *page.total < 0) page.total.reset();  // Cloud's −1: unknown
  const auto& known = KnownFields();
  for (size_t index = 0; index < (*issues)->size(); ++index) {
    const json& issue = (**issues)[index];
    if (!issue.is_object()) return IssueError(index, "", "not a JSON object");
    JiraIssue out;
    if (auto key = issue.find("key"); key != issue.end() && key->is_string()) out.key = key->get<std::string>();
    out.id = IssueId(issue);
    if (out.id.empty()) return IssueError(index, out.key, "'id' is not a positive integer");
    auto fields = issue.find("fields");
    if (fields == issue.end() || !fields->is_object()) {
      return IssueError(index, out.key, "no 'fields' object (was fields= sent?)");
    }
    auto updated = fields->find("updated");
    std::optional<int64_t> updated_ms;
    if (updated != fields->end() && updated->is_string()) updated_ms = ParseJiraTime(updated->get<std::string>());
    if (!updated_ms) {
      return IssueError(index, out.key,
                        "'fields.updated' is not a Jira time like 2024-01-02T10:20:30.000+0900 (is updated in fields=?)");
    }
    out.updated_ms = *updated_ms;
    RawRecord& record = out.record;
    record.native_id = out.id;
    record.native_kind = "issue";
    record.location = absl::StrCat("Jira issue ", out.key.empty() ? out.id : out.key);
    if (!out.key.empty()) record.fields.push_back({.role = "key", .value = out.key, .where = "key", .extra = true, .header = "key"});
    for (const auto& [name, value] : fields->items()) {
      if (value.is_null()) continue;
      auto it = known.find(name);
      if (name == request_type_field && !request_type_field.empty()) {
        // JSM's request type field: {"requestType": {"name": …}, "currentStatus": …}.
        const json* type = value.is_object() && value.contains("requestType") ? &value["requestType"] : &value;
        const std::string text = ExtraText(*type);
        if (!text.empty()) record.fields.push_back({.role = "request_type", .value = text, .where = name, .extra = true, .header = "requestType"});
        continue;
      }
      if (it == known.end()) {
        std::string text = ExtraText(value);
        if (!text.empty()) record.fields.push_back({.role = name, .value = text, .where = name, .extra = true, .header = name});
        continue;
      }
      const Member& member = it->second;
      std::string text;
      if (*member.member == '\0') {
        if (!value.is_string()) return IssueError(index, out.key, absl::StrCat("'fields.", name, "' is not a string"));
        text = value.get<std::string>();
      } else {
        auto inner = value.is_object() ? value.find(member.member) : value.end();
        if (!value.is_object() || inner == value.end() || !inner->is_string()) {
          return IssueError(index, out.key, absl::StrCat("'fields.", name, "' has no '", member.member, "' string"));
        }
        text = inner->get<std::string>();
      }
      if (member.type == std::string("datetime")) {
        auto ms = ParseJiraTime(text);
        if (!ms) return IssueError(index, out.key, absl::StrCat("'fields.", name, "' is not a Jira time"));
        text = UtcText(*ms);  // the normaliser reads UTC; Jira writes the account's offset
      }
      if (text.empty()) continue;
      record.fields.push_back({.role = member.role, .type = member.type, .value = text, .where = absl::StrCat("fields.", name), .header = name});
      if (name == "status") {
        // The status category (new, indeterminate, done): the same in every workflow.
        auto category = value.find("statusCategory");
        if (category != value.end() && category->is_object() && category->contains("key") && (*category)["key"].is_string()) {
          record.fields.push_back({.role = "status_category", .value = (*category)["key"].get<std::string>(),
                                   .where = "fields.status.statusCategory", .extra = true, .header = "statusCategory"});
        }
      }
    }
    page.issues.push_back(std::move(out));
  }
  return page;
}

absl::StatusOr<JiraIdPage> ParseJiraIdPage(std::string_view body) {
  json parsed = json::parse(body, nullptr, /*allow_exceptions=*/false);
  auto issues = IssuesOf(parsed, body);
  if (!issues.ok()) return issues.status();
  JiraIdPage page;
  page.next_page_token = NextPageToken(parsed);
  if (auto last = parsed.find("isLast"); last != parsed.end() && last->is_boolean()) page.is_last = last->get<bool>();
  page.total = Count(parsed, "total");
  if (page.total.has_value() && *page.total < 0) page.total.reset();
  for (size_t index = 0; index < (*issues)->size(); ++index) {
    const json& issue = (**issues)[index];
    if (!issue.is_object()) return IssueError(index, "", "not a JSON object");
    std::string id = IssueId(issue);
    if (id.empty()) return IssueError(index, "", "'id' is not a positive integer");
    page.ids.push_back(std::move(id));
  }
  return page;
}

}  // namespace crosswalk::jira
