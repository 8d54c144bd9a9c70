#ifndef CROSSWALK_CONNECTORS_INVENTORY_JSON_FILE_H_
#define CROSSWALK_CONNECTORS_INVENTORY_JSON_FILE_H_

// A JSON inventory file read whole for the inventory parsers (GLPI inventory, CycloneDX, SPDX):
// its value, where the entries of its lists begin, and member readers that name what they expected.

#include <initializer_list>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "nlohmann/json.hpp"

namespace crosswalk::inventory {

// Deeper nesting of arrays and objects than this is refused before any value is built.
inline constexpr int kMaxJsonDepth = 64;

struct JsonPosition {
  int line = 0;    // 1-based; 0: unknown
  int column = 0;  // 1-based, in bytes
};

struct JsonFile {
  std::string name;  // the file's name, for messages
  nlohmann::json value;
  // Where each element of a list held by one of the `list_members` given to ReadJsonFile starts,
  // by the list's path as MemberPath and ElementPath build it ("components[2].components"). A
  // repeated member gives the last one's elements, as `value` keeps the last. Lists under a member
  // whose name a path cannot spell (holding '.', '[' or ']') are not recorded, and none are when a
  // member name is written with escapes (the scan compares names as written, the value decoded).
  absl::flat_hash_map<std::string, std::vector<JsonPosition>> lists;

  // The position of the list element at `path` ("components[2]"); unknown when not recorded.
  JsonPosition PositionOf(const std::string& path) const;
  // INVALID_ARGUMENT "FILE:LINE:COLUMN: member PATH: what", at the position of PATH's nearest
  // recorded element ("FILE: member PATH: what" when none is; "FILE: what" for an empty path).
  absl::Status Error(const std::string& path, absl::string_view what) const;
};

// Parses `text` (a whole file, named `file` in messages). Input that is not JSON is
// INVALID_ARGUMENT "FILE:LINE:COLUMN: not JSON: what was expected" (the input is not echoed);
// nesting deeper than kMaxJsonDepth is INVALID_ARGUMENT naming where it goes deeper, checked before
// any value is built. Records the positions of the elements of the lists held by a member named one
// of `list_members` (at any depth). Never throws; time and memory linear in the text.
absl::StatusOr<JsonFile> ReadJsonFile(absl::string_view text, const std::string& file,
                                      std::initializer_list<absl::string_view> list_members);

// "parent.member" ("member" when parent is empty) and "parent[index]": the paths of messages and
// of JsonFile::lists.
std::string MemberPath(const std::string& parent, absl::string_view member);
std::string ElementPath(const std::string& parent, size_t index);

// `object[member]` as text, trimmed: "" when absent or null; INVALID_ARGUMENT naming
// "parent.member" when it is not a string. `object` must be an object.
absl::StatusOr<std::string> StringMember(const JsonFile& file, const nlohmann::json& object,
                                         const std::string& parent, const char* member);

// `object[member]` when it is of `type`; nullptr when absent or null; INVALID_ARGUMENT
// "… member parent.member: EXPECTED" when it is anything else. `object` must be an object; `type`
// not a number type (nlohmann tells three apart).
absl::StatusOr<const nlohmann::json*> TypedMember(const JsonFile& file, const nlohmann::json& object,
                                                  const std::string& parent, const char* member,
                                                  nlohmann::json::value_t type, absl::string_view expected);

// TypedMember for a list ("expected a list") and for an object ("expected an object").
absl::StatusOr<const nlohmann::json*> ListMember(const JsonFile& file, const nlohmann::json& object,
                                                 const std::string& parent, const char* member);
absl::StatusOr<const nlohmann::json*> ObjectMember(const JsonFile& file, const nlohmann::json& object,
                                                   const std::string& parent, const char* member);

}  // namespace crosswalk::inventory

#endif  // CROSSWALK_CONNECTORS_INVENTORY_JSON_FILE_H_
