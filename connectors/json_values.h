#ifndef CROSSWALK_CONNECTORS_JSON_VALUES_H_
#define CROSSWALK_CONNECTORS_JSON_VALUES_H_

// Reading the values of an API's JSON pages the way RT and Redmine write them (a field is a
// string, a number, a reference object {"name"|"id": …} or a list of those), shared so each
// connector's page reader says the same thing the same way.

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "nlohmann/json.hpp"

namespace crosswalk {

// A value as text: null as "", strings as they are, an object by the first of `name_keys` it has
// with a scalar value (else compact JSON), a list as its elements' texts joined by ", " (empty
// ones left out), anything else as compact JSON. Never throws.
std::string JsonDisplayText(const nlohmann::json& value, std::initializer_list<const char*> name_keys);

// `body[key]` as a count: an integer, or a decimal string of one; nullopt when absent, null or
// anything else.
std::optional<int64_t> JsonCount(const nlohmann::json& body, const char* key);

// INVALID_ARGUMENT "<page>, item <index + 1> (id <id>): <what>" (the id part only when known).
absl::Status PageItemError(absl::string_view page, size_t index, const std::string& id, absl::string_view what);

}  // namespace crosswalk

#endif  // CROSSWALK_CONNECTORS_JSON_VALUES_H_
