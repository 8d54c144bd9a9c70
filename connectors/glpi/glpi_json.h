#ifndef CROSSWALK_CONNECTORS_GLPI_GLPI_JSON_H_
#define CROSSWALK_CONNECTORS_GLPI_GLPI_JSON_H_

// What the glpi module's readers share about GLPI's JSON (internal to connectors/glpi).

#include <cstdint>
#include <string>

#include "absl/strings/numbers.h"
#include "nlohmann/json.hpp"

namespace crosswalk::glpi {

// Member `name` of `object`, which GLPI sends as an integer or as its decimal text (both occur);
// 0 when absent or neither.
inline int64_t GlpiInteger(const nlohmann::json& object, const char* name) {
  const auto member = object.find(name);
  if (member == object.end()) return 0;
  if (member->is_number_integer()) return member->get<int64_t>();
  int64_t value = 0;
  if (member->is_string() && absl::SimpleAtoi(member->get<std::string>(), &value)) return value;
  return 0;
}

}  // namespace crosswalk::glpi

#endif  // CROSSWALK_CONNECTORS_GLPI_GLPI_JSON_H_
