#include "connectors/glpi/glpi_page.h"

#include <map>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "absl/time/civil_time.h"
#include "connectors/glpi/glpi_json.h"
#include "nlohmann/json.hpp"

namespace crosswalk::glpi {
namespace {

using nlohmann::json;

struct Role {
  const char* role;
  const char* type;
};

// GLPI's fields and the role each is read as; any other field is an extra under its own name.
const std::map<std::string, Role>& KnownFields() {
  static const auto* fields = new std::map<std::string, Role>{
      {"name", {"title", "text"}},         {"date_mod", {"updated", "datetime"}},
      {"date", {"opened", "datetime"}},    {"solvedate", {"resolved", "datetime"}},
      {"closedate", {"closed", "datetime"}}, {"priority", {"priority", "text"}},
      {"impact", {"impact", "text"}},      {"urgency", {"urgency", "text"}},
      {"itilcategories_id", {"category", "text"}},
      // Assets: what SAM reads of a CI (identity, user, when GLPI's inventory last saw it).
      {"serial", {"serial", "text"}},      {"uuid", {"uuid", "text"}},
      {"last_inventory_update", {"last_seen", "datetime"}},
  };
  return *fields;
}

bool IsItil(const std::string& itemtype) {
  return itemtype == "Ticket" || itemtype == "Problem" || itemtype == "Change";
}

bool IsAsset(const std::string& itemtype) {
  return itemtype == "Computer" || itemtype == "Monitor" || itemtype == "NetworkEquipment" || itemtype == "Phone" ||
         itemtype == "Printer";
}

absl::Status ItemError(size_t index, int64_t id, absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat("GLPI collection page: item ", index + 1,
                                                 id > 0 ? absl::StrCat(" (id ", id, ")") : "", ": ", what));
}

// A scalar's text (strings as they are, numbers in decimal); objects and arrays as compact JSON.
std::string Text(const json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_null()) return "";
  if (value.is_boolean()) return value.get<bool>() ? "1" : "0";
  if (value.is_number_integer()) return absl::StrCat(value.get<int64_t>());
  return value.dump();
}

std::string UtcText(int64_t ms) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", absl::FromUnixMillis(ms), absl::UTCTimeZone());
}

}  // namespace

std::optional<int64_t> ParseGlpiTime(std::string_view text, const absl::TimeZone& zone) {
  if (text.size() < 16 || text.size() > 19) return std::nullopt;
  absl::CivilSecond civil;
  const std::string input(text);
  if (!absl::ParseCivilTime(input, &civil)) {
    // GLPI writes a space between date and time; ParseCivilTime wants 'T'.
    std::string with_t = input;
    with_t[10] = with_t[10] == ' ' ? 'T' : with_t[10];
    absl::CivilMinute minute;
    if (absl::ParseCivilTime(with_t, &civil)) {
    } else if (absl::ParseCivilTime(with_t, &minute)) {
      civil = absl::CivilSecond(minute);
    } else {
      return std::nullopt;
    }
  }
  const absl::TimeZone::TimeInfo info = zone.At(civil);
  return absl::ToUnixMillis(std::min(info.pre, info.post));
}

std::optional<ContentRange> ParseContentRange(std::string_view text) {
  absl::string_view rest = absl::StripAsciiWhitespace(absl::string_view(text.data(), text.size()));
  absl::ConsumePrefix(&rest, "items ");
  const size_t dash = rest.find('-');
  const size_t slash = rest.find('/');
  if (dash == absl::string_view::npos || slash == absl::string_view::npos || slash < dash) return std::nullopt;
  ContentRange range;
  if (!absl::SimpleAtoi(rest.substr(0, dash), &range.first) ||
      !absl::SimpleAtoi(rest.substr(dash + 1, slash - dash - 1), &range.last) ||
      !absl::SimpleAtoi(rest.substr(slash + 1), &range.total)) {
    return std::nullopt;
  }
  if (range.first < 0 || range.last < range.first || range.total < 0) return std::nullopt;
  return range;
}

std::optional<GlpiError> ParseGlpiError(std::string_view body) {
  const json parsed = json::parse(body, nullptr, false);
  if (!parsed.is_array() || parsed.empty() || !parsed[0].is_string()) return std::nullopt;
  GlpiError error{parsed[0].get<std::string>(), ""};
  if (!absl::StartsWith(error.code, "ERROR")) return std::nullopt;
  if (parsed.size() > 1) error.message = Text(parsed[1]);
  return error;
}

absl::StatusOr<std::vector<int64_t>> ParseGlpiIdList(std::string_view body) {
  if (auto error = ParseGlpiError(body)) {
    return absl::InvalidArgumentError(absl::StrCat("GLPI answered ", error->code, ": ", error->message));
  }
  const json parsed = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_array()) return absl::InvalidArgumentError("GLPI id listing page: the body is not a JSON array");
  std::vector<int64_t> ids;
  for (size_t index = 0; index < parsed.size(); ++index) {
    const int64_t id = parsed[index].is_object() ? GlpiInteger(parsed[index], "id") : 0;
    if (id <= 0) return ItemError(index, 0, "'id' is not a positive integer");
    ids.push_back(id);
  }
  return ids;
}

absl::StatusOr<std::vector<GlpiItem>> ParseGlpiCollection(std::string_view body, const std::string& itemtype,
                                                          const absl::TimeZone& zone) {
  const json parsed = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (auto error = ParseGlpiError(body)) {
    return absl::InvalidArgumentError(absl::StrCat("GLPI answered ", error->code, ": ", error->message));
  }
  if (!parsed.is_array()) {
    return absl::InvalidArgumentError(absl::StrCat("GLPI collection page of ", itemtype, ": the body is not a JSON array"));
  }
  const auto& known = KnownFields();
  const std::string lower = absl::AsciiStrToLower(itemtype);
  std::vector<GlpiItem> items;
  for (size_t index = 0; index < parsed.size(); ++index) {
    const json& item = parsed[index];
    if (!item.is_object()) return ItemError(index, 0, "not a JSON object");
    GlpiItem out;
    out.id = GlpiInteger(item, "id");
    if (out.id <= 0) return ItemError(index, 0, "'id' is not a positive integer");
    auto date_mod = item.find("date_mod");
    std::optional<int64_t> modified;
    if (date_mod != item.end() && date_mod->is_string()) modified = ParseGlpiTime(date_mod->get<std::string>(), zone);
    if (!modified) return ItemError(index, out.id, "'date_mod' is not a GLPI time like 2024-05-02 11:14:07");
    out.date_mod_ms = *modified;
    RawRecord& record = out.record;
    record.native_id = absl::StrCat(itemtype, "/", out.id);
    record.native_kind = itemtype;
    record.location = absl::StrCat("GLPI ", itemtype, " ", out.id);
    if (itemtype != "Ticket") {
      record.fields.push_back({.role = "kind", .value = lower, .where = "itemtype", .header = "itemtype"});
    }
    for (const auto& [name, value] : item.items()) {
      if (value.is_null() || name == "links") continue;  // links: HATEOAS, not data
      std::string text = Text(value);
      if (text.empty()) continue;
      if (name == "type" && itemtype == "Ticket") {
        record.fields.push_back({.role = "kind", .value = text, .where = "type", .header = "type"});
        continue;
      }
      if (name == "status" && IsItil(itemtype)) {
        record.fields.push_back({.role = "status", .value = text, .where = "status", .header = "status"});
        continue;
      }
      // An asset's state (expand_dropdowns: its name, "In use", "廃棄") and its user's name.
      if ((name == "states_id" || name == "users_id") && IsAsset(itemtype) && text != "0") {
        const char* role = name == "states_id" ? "status" : "user";
        record.fields.push_back({.role = role, .value = text, .where = name, .header = name});
        continue;
      }
      auto it = known.find(name);
      if (it == known.end()) {
        record.fields.push_back({.role = name, .value = text, .where = name, .extra = true, .header = name});
        continue;
      }
      if (it->second.type == std::string("datetime")) {
        if (absl::StartsWith(text, "0000-00-00")) continue;
        auto ms = ParseGlpiTime(text, zone);
        if (!ms) return ItemError(index, out.id, absl::StrCat("'", name, "' is not a GLPI time"));
        text = UtcText(*ms);  // the normaliser reads UTC; GLPI writes its server's wall clock
      }
      record.fields.push_back({.role = it->second.role, .type = it->second.type, .value = text, .where = name, .header = name});
    }
    items.push_back(std::move(out));
  }
  return items;
}

}  // namespace crosswalk::glpi
