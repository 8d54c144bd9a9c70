#ifndef CROSSWALK_CONNECTORS_INVENTORY_JSON_FILE_H_
#define CROSSWALK_CONNECTORS_INVENTORY_JSON_FILE_H_

// A JSON inventory file read whole for the inventory parsers (SBOMs, GLPI inventory): its value,
// where the entries of its lists begin, and member readers that name what they expected.

#include <initializer_list>
#include <string>
#include <utility>

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
  // Where each object that is an element of a list held by one of the `list_members` given to
  // ReadJsonFile opens ('{'), by the path PathOf builds: "components[2].components[0]".
  absl::flat_hash_map<std::string, JsonPosition> objects;

  JsonPosition PositionOf(const std::string& path) const;
  // INVALID_ARGUMENT "FILE:LINE:COLUMN: member PATH: what", at the position of PATH's nearest
  // recorded object ("FILE: member PATH: what" when none is; "FILE: what" for an empty path).
  absl::Status Error(const std::string& path, absl::string_view what) const;
};

// Parses `text` (a whole file, named `file` in messages). Input that is not JSON is
// INVALID_ARGUMENT "FILE:LINE:COLUMN: what was expected"; nesting deeper than kMaxJsonDepth is
// INVALID_ARGUMENT naming where it goes deeper. Records the positions of the objects held in lists
// under a member named one of `list_members` (at any depth). Never throws.
absl::StatusOr<JsonFile> ReadJsonFile(absl::string_view text, const std::string& file,
                                      std::initializer_list<absl::string_view> list_members);

// "parent.member" ("member" when parent is empty) and "parent[index]": the paths of messages and
// of JsonFile::objects.
std::string MemberPath(const std::string& parent, absl::string_view member);
std::string ElementPath(const std::string& parent, size_t index);

// `object[member]` as text, trimmed: "" when absent or null; INVALID_ARGUMENT naming
// "parent.member" when it is not a string. `object` must be an object.
absl::StatusOr<std::string> StringMember(const JsonFile& file, const nlohmann::json& object,
                                         const std::string& parent, const char* member);

// `object[member]` when it is a list; nullptr when absent or null; INVALID_ARGUMENT naming
// "parent.member" when it is anything else.
absl::StatusOr<const nlohmann::json*> ListMember(const JsonFile& file, const nlohmann::json& object,
                                                 const std::string& parent, const char* member);

// `object[member]` when it is an object; nullptr when absent or null; INVALID_ARGUMENT otherwise.
absl::StatusOr<const nlohmann::json*> ObjectMember(const JsonFile& file, const nlohmann::json& object,
                                                   const std::string& parent, const char* member);

}  // namespace crosswalk::inventory

#endif  // CROSSWALK_CONNECTORS_INVENTORY_JSON_FILE_H_
