#include "connectors/inventory/json_file.h"

#include <algorithm>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "gateway/core/status_macros.h"

namespace crosswalk::inventory {
namespace {

using nlohmann::json;

// Line and column of byte `offset` of `text`.
JsonPosition PositionAt(absl::string_view text, size_t offset) {
  offset = std::min(offset, text.size());
  const absl::string_view before = text.substr(0, offset);
  const size_t last_newline = before.rfind('\n');
  const int line = 1 + static_cast<int>(std::count(before.begin(), before.end(), '\n'));
  const size_t line_start = last_newline == absl::string_view::npos ? 0 : last_newline + 1;
  return {line, static_cast<int>(offset - line_start) + 1};
}

absl::Status PositionError(const std::string& file, JsonPosition at, absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat(file, ":", at.line, ":", at.column, ": ", what));
}

// One open array or object of the scan.
struct Open {
  bool is_array = false;
  std::string path;
  std::string key;          // objects: the member being read
  size_t index = 0;         // arrays: the element being read
  bool expect_key = true;   // objects: the next string is a member name
  bool holds_listed = false;  // arrays: held by a member named in `list_members`
};

// Walks `text` once, without building values: refuses nesting deeper than kMaxJsonDepth and
// records where the objects of the listed lists open. Tolerates anything (the parse that follows
// judges validity); positions are only used once the parse has succeeded.
absl::Status Scan(absl::string_view text, const std::string& file,
                  std::initializer_list<absl::string_view> list_members,
                  absl::flat_hash_map<std::string, JsonPosition>& objects) {
  std::vector<Open> open;
  int line = 1;
  size_t line_start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    switch (c) {
      case '\n':
        ++line;
        line_start = i + 1;
        break;
      case '"': {
        const size_t start = i + 1;
        for (++i; i < text.size() && text[i] != '"'; ++i) {
          if (text[i] == '\\') {
            ++i;
          } else if (text[i] == '\n') {
            ++line;
            line_start = i + 1;
          }
        }
        if (!open.empty() && !open.back().is_array && open.back().expect_key) {
          open.back().key = std::string(text.substr(start, std::min(i, text.size()) - start));
          open.back().expect_key = false;
        }
        break;
      }
      case '{':
      case '[': {
        const JsonPosition at{line, static_cast<int>(i - line_start) + 1};
        if (open.size() >= static_cast<size_t>(kMaxJsonDepth)) {
          return PositionError(file, at, absl::StrCat("nesting deeper than ", kMaxJsonDepth, " levels"));
        }
        Open next;
        next.is_array = c == '[';
        if (!open.empty()) {
          const Open& parent = open.back();
          next.path = parent.is_array ? ElementPath(parent.path, parent.index) : MemberPath(parent.path, parent.key);
          if (c == '{' && parent.is_array && parent.holds_listed) objects.insert_or_assign(next.path, at);
          next.holds_listed = next.is_array && !parent.is_array &&
                              std::find(list_members.begin(), list_members.end(), parent.key) != list_members.end();
        }
        open.push_back(std::move(next));
        break;
      }
      case '}':
      case ']':
        if (!open.empty()) open.pop_back();
        break;
      case ',':
        if (!open.empty()) {
          if (open.back().is_array) {
            ++open.back().index;
          } else {
            open.back().expect_key = true;
          }
        }
        break;
      default:
        break;
    }
  }
  return absl::OkStatus();
}

// nlohmann's description of an error without its "[json.exception.NAME] " tag and, for parse
// errors, its "parse error at line L, column C: " (the position is given our way).
std::string ParseErrorWhat(absl::string_view message) {
  const size_t tag_end = message.find("] ");
  if (absl::StartsWith(message, "[json.exception.") && tag_end != absl::string_view::npos) {
    message.remove_prefix(tag_end + 2);
  }
  if (absl::ConsumePrefix(&message, "parse error")) {
    const size_t colon = message.find(": ");
    if (colon != absl::string_view::npos) message.remove_prefix(colon + 2);
  }
  return std::string(message);
}

}  // namespace

JsonPosition JsonFile::PositionOf(const std::string& path) const {
  const auto found = objects.find(path);
  return found == objects.end() ? JsonPosition{} : found->second;
}

absl::Status JsonFile::Error(const std::string& path, absl::string_view what) const {
  if (path.empty()) return absl::InvalidArgumentError(absl::StrCat(name, ": ", what));
  // The position of the path's nearest recorded ancestor ("components[2]" for
  // "components[2].version").
  JsonPosition at;
  for (std::string prefix = path; !prefix.empty() && at.line == 0;) {
    at = PositionOf(prefix);
    const size_t cut = prefix.find_last_of(".[");
    prefix.resize(cut == std::string::npos ? 0 : cut);
  }
  if (at.line == 0) return absl::InvalidArgumentError(absl::StrCat(name, ": member ", path, ": ", what));
  return absl::InvalidArgumentError(absl::StrCat(name, ":", at.line, ":", at.column, ": member ", path, ": ", what));
}

absl::StatusOr<JsonFile> ReadJsonFile(absl::string_view text, const std::string& file,
                                      std::initializer_list<absl::string_view> list_members) {
  JsonFile read;
  read.name = file;
  CW_RETURN_IF_ERROR(Scan(text, file, list_members, read.objects));
  try {
    read.value = json::parse(text.begin(), text.end());
  } catch (const json::parse_error& error) {
    // `byte` counts the characters read, the offending one included.
    return PositionError(file, PositionAt(text, error.byte > 0 ? error.byte - 1 : 0), ParseErrorWhat(error.what()));
  } catch (const json::exception& error) {
    return absl::InvalidArgumentError(absl::StrCat(file, ": ", ParseErrorWhat(error.what())));
  }
  return read;
}

std::string MemberPath(const std::string& parent, absl::string_view member) {
  return parent.empty() ? std::string(member) : absl::StrCat(parent, ".", member);
}

std::string ElementPath(const std::string& parent, size_t index) { return absl::StrCat(parent, "[", index, "]"); }

absl::StatusOr<std::string> StringMember(const JsonFile& file, const json& object, const std::string& parent,
                                         const char* member) {
  const auto found = object.find(member);
  if (found == object.end() || found->is_null()) return std::string();
  if (!found->is_string()) return file.Error(MemberPath(parent, member), "expected a string");
  return std::string(absl::StripAsciiWhitespace(found->get_ref<const std::string&>()));
}

absl::StatusOr<const json*> ListMember(const JsonFile& file, const json& object, const std::string& parent,
                                       const char* member) {
  const auto found = object.find(member);
  if (found == object.end() || found->is_null()) return nullptr;
  if (!found->is_array()) return file.Error(MemberPath(parent, member), "expected a list");
  return &*found;
}

absl::StatusOr<const json*> ObjectMember(const JsonFile& file, const json& object, const std::string& parent,
                                         const char* member) {
  const auto found = object.find(member);
  if (found == object.end() || found->is_null()) return nullptr;
  if (!found->is_object()) return file.Error(MemberPath(parent, member), "expected an object");
  return &*found;
}

}  // namespace crosswalk::inventory
