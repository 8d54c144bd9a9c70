#include "connectors/json_values.h"

#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace crosswalk {

using json = nlohmann::json;

std::string JsonDisplayText(const json& value, std::initializer_list<const char*> name_keys) {
  if (value.is_null()) return "";
  if (value.is_string()) return value.get<std::string>();
  if (value.is_object()) {
    for (const char* key : name_keys) {
      auto it = value.find(key);
      if (it != value.end() && !it->is_object() && !it->is_array()) return JsonDisplayText(*it, name_keys);
    }
    return value.dump(-1, ' ', false, json::error_handler_t::replace);
  }
  if (value.is_array()) {
    std::vector<std::string> parts;
    for (const json& element : value) {
      std::string part = JsonDisplayText(element, name_keys);
      if (!part.empty()) parts.push_back(std::move(part));
    }
    return absl::StrJoin(parts, ", ");
  }
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::optional<int64_t> JsonCount(const json& body, const char* key) {
  if (!body.is_object()) return std::nullopt;
  auto it = body.find(key);
  if (it == body.end() || it->is_null()) return std::nullopt;
  if (it->is_number_integer()) return it->get<int64_t>();
  int64_t value = 0;
  if (it->is_string() && absl::SimpleAtoi(it->get<std::string>(), &value)) return value;
  return std::nullopt;
}

absl::Status PageItemError(absl::string_view page, size_t index, const std::string& id, absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat(page, ", item ", index + 1,
                                                 id.empty() ? "" : absl::StrCat(" (id ", id, ")"), ": ", what));
}

}  // namespace crosswalk
