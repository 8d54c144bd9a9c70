#include "connectors/servicenow/servicenow_page.h"

#include <map>
#include <vector>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "connectors/http/body_errors.h"
#include "nlohmann/json.hpp"
#include "re2/re2.h"

namespace crosswalk::servicenow {
namespace {

using nlohmann::json;

// How a Table API field is read: its role (mappings/presets/roles.csv, the servicenow-* presets
// of columns.csv, and the attributes the SAM views read, docs/sam.md), its type, and whether its
// display value (a person's or group's name, a referenced CI's name) is read rather than its value
// (a sys_id, a choice code). `when` and `as` map one value to a fixed text (active=false marks an
// install excluded) and read nothing from any other value.
struct Member {
  const char* role;
  const char* type = "text";
  bool by_name = false;
  const char* when = nullptr;
  const char* as = nullptr;
};
using Members = std::vector<Member>;

// The fields read on every table; an install's or a CI's own list below is looked up first.
const std::map<std::string, Members>& CommonMembers() {
  static const auto* members = new std::map<std::string, Members>{
      {"short_description", {{"title"}}},
      {"name", {{"title"}}},  // CIs
      {"state", {{"status"}}},
      {"install_status", {{"status"}}},  // CIs
      {"priority", {{"priority"}}},
      {"impact", {{"impact"}}},
      {"urgency", {{"urgency"}}},
      {"category", {{"category"}}},
      {"sys_class_name", {{"class"}}},
      {"opened_at", {{"opened", "datetime"}}},
      {"sys_updated_on", {{"updated", "datetime"}}},
      {"resolved_at", {{"resolved", "datetime"}}},
      {"closed_at", {{"closed", "datetime"}}},
      {"due_date", {{"due", "datetime"}}},
      {"start_date", {{"start", "datetime"}}},
      {"end_date", {{"end", "datetime"}}},
      {"close_notes", {{"resolution"}}},
      {"close_code", {{"resolution_code"}}},
      {"assignment_group", {{"assignment_group", "text", true}}},
      {"assigned_to", {{"assigned_to", "text", true}}},
      {"caller_id", {{"requester", "text", true}}},
      {"requested_for", {{"requester", "text", true}}},
      {"cmdb_ci", {{"ci"}}},
      {"business_service", {{"service"}}},
      {"problem_id", {{"problem"}}},
      {"made_sla", {{"made_sla"}}},
      {"type", {{"change_type"}}},  // change_request; cmdb_rel_ci's type is kept as an extra
      {"risk", {{"risk"}}},
      {"approval", {{"approval"}}},
      {"justification", {{"reason"}}},
      {"cause_notes", {{"root_cause"}}},
      {"fix_notes", {{"fix"}}},
      {"known_error", {{"known_error"}}},
  };
  return *members;
}

constexpr char kInactive[] = "inactive in ServiceNow: a duplicate reported by another discovery source, or on an excluded CI";

// Software installations (cmdb_sam_sw_install, legacy cmdb_software_instance) as the SAM views
// read them: the installed title, and the CI it is on as device_id (its sys_id, the CI record's
// native id) and ci (its name, which the normaliser makes a link).
const std::map<std::string, Members>& InstallMembers() {
  static const auto* members = new std::map<std::string, Members>{
      {"display_name", {{"title", "text", true}, {"raw_name", "text", true}}},
      {"publisher", {{"publisher", "text", true}}},
      {"version", {{"version", "text", true}}},
      {"installed_on", {{"device_id"}, {"ci", "text", true}}},
      {"active", {{.role = "excluded", .when = "false", .as = kInactive}}},
      {"install_date", {{"install_date"}}},
  };
  return *members;
}

// CIs as the SAM views read a machine; every other CI field is read as on the task tables.
const std::map<std::string, Members>& CiMembers() {
  static const auto* members = new std::map<std::string, Members>{
      {"cpu_core_count", {{"cores_per_processor", "number"}}},  // "Number of cores per CPU"
      {"cpu_count", {{"processors", "number"}}},
      {"last_discovered", {{"last_seen", "datetime"}}},
      {"virtual", {{.role = "virtualization", .when = "true", .as = "virtual"}}},
      {"host_name", {{"host_name"}}},
      {"serial_number", {{"serial_number"}}},
      {"assigned_to", {{"assigned_to", "text", true}, {"user", "text", true}}},
  };
  return *members;
}

bool IsCiTable(const std::string& table) { return table == "cmdb_ci" || absl::StartsWith(table, "cmdb_ci_"); }

bool IsInstallTable(const std::string& table) {
  return table == "cmdb_sam_sw_install" || table == "cmdb_software_instance";
}

// A plain JSON value as text: strings as they are, numbers and flags as JSON writes them, a
// reference {"link","value"} by its value, null as "".
std::string Text(const json& value) {
  if (value.is_null()) return "";
  if (value.is_string()) return value.get<std::string>();
  if (value.is_object()) {
    auto it = value.find("value");
    if (it != value.end() && !it->is_object() && !it->is_array()) return Text(*it);
  }
  return value.dump();
}

struct FieldValue {
  std::string value;
  std::string display;  // "" when the API sent none
};

// A field as display_value=all sends it ({"value","display_value"[,"link"]}) or as a plain value.
FieldValue Read(const json& field) {
  if (field.is_object() && (field.contains("value") || field.contains("display_value"))) {
    FieldValue out;
    if (auto it = field.find("value"); it != field.end()) out.value = Text(*it);
    if (auto it = field.find("display_value"); it != field.end()) out.display = Text(*it);
    return out;
  }
  return {Text(field), ""};
}

// Whether a row's field came with a display value (display_value=all).
bool HasDisplay(const json& row, const char* name) {
  auto it = row.find(name);
  return it != row.end() && !Read(*it).display.empty();
}

// What field `name` of a row of `table` is read as; none for a field kept as an extra.
const Members& MembersOf(const std::string& table, const std::string& name, const json& row) {
  static const Members kExtra;
  static const Members kInstallTitle{{"title", "text", true}, {"raw_name", "text", true}};
  if (table == "cmdb_software_instance" && (name == "software" || name == "name")) {
    // The legacy table's title: its software package's name (the reference's display value; its
    // sys_id alone names nothing), else its own name.
    const bool by_package = HasDisplay(row, "software");
    return (name == "software") == by_package ? kInstallTitle : kExtra;
  }
  const std::map<std::string, Members>* scoped =
      IsInstallTable(table) ? &InstallMembers() : IsCiTable(table) ? &CiMembers() : nullptr;
  if (scoped != nullptr) {
    if (auto it = scoped->find(name); it != scoped->end()) return it->second;
  }
  if ((name == "type" && table == "cmdb_rel_ci") || (name == "name" && table.rfind("cmdb_ci", 0) != 0)) return kExtra;
  auto it = CommonMembers().find(name);
  return it == CommonMembers().end() ? kExtra : it->second;
}

std::string Where(const PagePlace& place) {
  return absl::StrCat("ServiceNow ", place.table, " page ", place.page);
}

absl::Status RowError(const PagePlace& place, size_t index, const std::string& sys_id, absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat(Where(place), ", row ", index + 1,
                                                 sys_id.empty() ? "" : absl::StrCat(" (sys_id ", sys_id, ")"), ": ",
                                                 what));
}

// The "result" list of a Table API answer; INVALID_ARGUMENT for what is not that shape.
absl::StatusOr<json> ResultRows(std::string_view body, const PagePlace& place) {
  json parsed = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) {
    HttpResponse response;
    response.body = std::string(body);
    if (IsHtmlPage(response)) {
      return absl::InvalidArgumentError(absl::StrCat(Where(place), ": an HTML page came where JSON was expected (",
                                                     HtmlPageSummary(std::string(body)), "); a hibernating instance or a login page?"));
    }
    return absl::InvalidArgumentError(absl::StrCat(Where(place), ": the body is not JSON (cut short?): ",
                                                   ApiMessage(std::string(body.substr(0, 80)))));
  }
  if (!parsed.is_object()) return absl::InvalidArgumentError(absl::StrCat(Where(place), ": the body is not a JSON object"));
  {
    HttpResponse response;
    response.body = std::string(body);
    if (auto error = ServiceNowBodyError(response)) {
      return absl::InvalidArgumentError(absl::StrCat(Where(place), ": ServiceNow answered an error: ", *error));
    }
  }
  auto result = parsed.find("result");
  if (result == parsed.end() || !result->is_array()) {
    return absl::InvalidArgumentError(absl::StrCat(Where(place), ": no 'result' list"));
  }
  return std::move(*result);
}

// A row's sys_id, checked to be 32 lower-case hex digits.
absl::StatusOr<std::string> SysIdOf(const json& row, const PagePlace& place, size_t index, const char* field = "sys_id",
                                    const std::string& row_id = "") {
  static const RE2 kSysId("[0-9a-f]{32}");
  std::string id;
  if (auto it = row.find(field); it != row.end()) id = Read(*it).value;
  if (!RE2::FullMatch(id, kSysId)) {
    return RowError(place, index, row_id, absl::StrCat("'", field, "' is not 32 hex digits: '", ApiMessage(id), "'"));
  }
  return id;
}

}  // namespace

std::optional<int64_t> ParseServiceNowTime(std::string_view text) {
  static const RE2 kShape("[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}");
  if (!RE2::FullMatch(std::string(text), kShape)) return std::nullopt;
  absl::Time time;
  std::string error;
  if (!absl::ParseTime("%Y-%m-%d %H:%M:%S", std::string(text), absl::UTCTimeZone(), &time, &error)) {
    return std::nullopt;
  }
  // absl normalises 2026-02-30 to March; ServiceNow never writes such a date.
  if (absl::FormatTime("%Y-%m-%d %H:%M:%S", time, absl::UTCTimeZone()) != text) return std::nullopt;
  return absl::ToUnixSeconds(time);
}

std::string FormatServiceNowTime(int64_t seconds) {
  return absl::FormatTime("%Y-%m-%d %H:%M:%S", absl::FromUnixSeconds(seconds), absl::UTCTimeZone());
}

absl::StatusOr<ServiceNowPage> ParseServiceNowPage(std::string_view body, const PagePlace& place) {
  auto rows = ResultRows(body, place);
  if (!rows.ok()) return rows.status();
  const json* result = &*rows;
  ServiceNowPage page;
  for (size_t index = 0; index < result->size(); ++index) {
    const json& row = (*result)[index];
    if (!row.is_object()) return RowError(place, index, "", "not a JSON object");
    ServiceNowItem item;
    auto sys_id = SysIdOf(row, place, index);
    if (!sys_id.ok()) return sys_id.status();
    item.sys_id = *std::move(sys_id);
    auto updated = row.find("sys_updated_on");
    if (updated == row.end()) {
      return RowError(place, index, item.sys_id, "no 'sys_updated_on' (is it in the fields key?)");
    }
    const FieldValue updated_value = Read(*updated);
    std::optional<int64_t> seconds = ParseServiceNowTime(updated_value.value);
    if (!seconds) {
      return RowError(place, index, item.sys_id,
                      absl::StrCat("'sys_updated_on' is not a UTC time like 2026-11-22 12:12:14: '",
                                   ApiMessage(updated_value.value), "'"));
    }
    item.updated = *seconds;
    if (std::optional<int64_t> shown = ParseServiceNowTime(updated_value.display); shown && *shown != *seconds) {
      item.displayed_updated = shown;
    }
    RawRecord& record = item.record;
    record.native_id = item.sys_id;
    record.native_kind = place.table;
    std::string number;
    if (auto it = row.find("number"); it != row.end()) number = Read(*it).value;
    record.location = absl::StrCat("ServiceNow ", place.table, " ", number.empty() ? item.sys_id : number);
    for (const auto& [name, raw] : row.items()) {
      if (name == "sys_id") continue;
      const FieldValue field = Read(raw);
      const Members& members = MembersOf(place.table, name, row);
      if (members.empty() && !field.value.empty()) {
        record.fields.push_back({.role = name, .value = field.value, .where = name, .extra = true, .header = name});
      }
      bool read_display = false;
      for (const Member& member : members) {
        const bool by_name = member.by_name && !field.display.empty();
        read_display |= by_name;
        std::string text = by_name ? field.display : field.value;
        if (member.when != nullptr) text = text == member.when ? member.as : "";
        if (!text.empty() && member.type == std::string("datetime")) {
          std::optional<int64_t> at = ParseServiceNowTime(text);
          if (!at) {
            return RowError(place, index, item.sys_id,
                            absl::StrCat("'", name, "' is not a UTC time like 2026-11-22 12:12:14: '", ApiMessage(text), "'"));
          }
          text = absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", absl::FromUnixSeconds(*at), absl::UTCTimeZone());
        }
        if (!text.empty()) {
          record.fields.push_back({.role = member.role, .type = member.type, .value = text, .where = name, .header = name});
        }
      }
      // The label beside a code or sys_id ("In Progress" for state 2), kept for people to read —
      // except where an install's or CI's role already carries it (a CI's name, a person's name):
      // the SAM views count every extra as a column they do not know.
      const bool sam_table = IsInstallTable(place.table) || IsCiTable(place.table);
      if (!field.display.empty() && field.display != field.value && !(sam_table && read_display)) {
        const std::string label = absl::StrCat(name, ".display");
        record.fields.push_back({.role = label, .value = field.display, .where = name, .extra = true, .header = label});
      }
    }
    page.items.push_back(std::move(item));
  }
  return page;
}

absl::StatusOr<std::vector<std::string>> ParseSysIdPage(std::string_view body, const PagePlace& place) {
  auto rows = ResultRows(body, place);
  if (!rows.ok()) return rows.status();
  std::vector<std::string> ids;
  for (size_t index = 0; index < rows->size(); ++index) {
    const json& row = (*rows)[index];
    if (!row.is_object()) return RowError(place, index, "", "not a JSON object");
    auto sys_id = SysIdOf(row, place, index);
    if (!sys_id.ok()) return sys_id.status();
    ids.push_back(*std::move(sys_id));
  }
  return ids;
}

absl::StatusOr<std::vector<AuditDelete>> ParseAuditDeletePage(std::string_view body, const PagePlace& place) {
  auto rows = ResultRows(body, place);
  if (!rows.ok()) return rows.status();
  std::vector<AuditDelete> deletes;
  for (size_t index = 0; index < rows->size(); ++index) {
    const json& row = (*rows)[index];
    if (!row.is_object()) return RowError(place, index, "", "not a JSON object");
    AuditDelete entry;
    auto sys_id = SysIdOf(row, place, index);
    if (!sys_id.ok()) return sys_id.status();
    entry.sys_id = *std::move(sys_id);
    auto key = SysIdOf(row, place, index, "documentkey", entry.sys_id);
    if (!key.ok()) return key.status();
    entry.documentkey = *std::move(key);
    if (auto it = row.find("tablename"); it != row.end()) entry.table = Read(*it).value;
    std::string created;
    if (auto it = row.find("sys_created_on"); it != row.end()) created = Read(*it).value;
    std::optional<int64_t> at = ParseServiceNowTime(created);
    if (!at) {
      return RowError(place, index, entry.sys_id,
                      absl::StrCat("'sys_created_on' is not a UTC time like 2026-11-22 12:12:14: '", ApiMessage(created), "'"));
    }
    entry.created = *at;
    deletes.push_back(std::move(entry));
  }
  return deletes;
}

}  // namespace crosswalk::servicenow
