#include "connectors/inventory/json_file.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "gateway/core/status_macros.h"

namespace crosswalk::inventory {
namespace {

using nlohmann::json;

// Lists whose path would be longer are not recorded: a huge member name would otherwise be copied
// into the path of every list under it.
constexpr size_t kMaxPathBytes = 4096;

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
  absl::string_view key;        // objects: the name of the member being read, as written
  size_t index = 0;             // arrays: the element being read
  bool expect_key = true;       // objects: the next string is a member name
  bool expect_element = true;   // arrays: the next value starts an element
  bool listed = false;          // arrays: held by a member named in `list_members`, and recorded
  std::string path;             // listed arrays: the list's path
  std::vector<JsonPosition> elements;  // listed arrays: where each element starts
};

// The path of the value about to open in the innermost of `open`, as MemberPath and ElementPath
// build it; nullopt when it would be longer than kMaxPathBytes or a member name on the way holds
// '.', '[' or ']'.
std::optional<std::string> NextPath(const std::vector<Open>& open) {
  size_t bytes = 0;
  for (const Open& container : open) bytes += container.is_array ? 22 : container.key.size() + 1;
  if (bytes > kMaxPathBytes) return std::nullopt;
  std::string path;
  for (const Open& container : open) {
    if (container.is_array) {
      absl::StrAppend(&path, "[", container.index, "]");
    } else if (container.key.find_first_of(".[]") != absl::string_view::npos) {
      return std::nullopt;
    } else {
      absl::StrAppend(&path, path.empty() ? "" : ".", container.key);
    }
  }
  return path;
}

// Walks `text` once, without building values: refuses nesting deeper than kMaxJsonDepth and
// records where the elements of the listed lists start into `lists`. Tolerates anything (the
// parse that follows judges validity); positions are only used once the parse has succeeded.
absl::Status Scan(absl::string_view text, const std::string& file,
                  std::initializer_list<absl::string_view> list_members,
                  absl::flat_hash_map<std::string, std::vector<JsonPosition>>& lists) {
  std::vector<Open> open;
  bool escaped_name = false;
  int line = 1;
  size_t line_start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') {
      ++line;
      line_start = i + 1;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r') continue;
    const JsonPosition at{line, static_cast<int>(i - line_start) + 1};
    if (!open.empty() && open.back().listed && open.back().expect_element && c != ']' && c != ',') {
      open.back().elements.push_back(at);
      open.back().expect_element = false;
    }
    switch (c) {
      case '"': {
        const size_t start = i + 1;
        bool escapes = false;
        for (++i; i < text.size() && text[i] != '"'; ++i) {
          if (text[i] == '\\') {
            ++i;
            escapes = true;
          } else if (text[i] == '\n') {
            ++line;
            line_start = i + 1;
          }
        }
        if (!open.empty() && !open.back().is_array && open.back().expect_key) {
          open.back().key = text.substr(start, std::min(i, text.size()) - start);
          open.back().expect_key = false;
          escaped_name = escaped_name || escapes;
        }
        break;
      }
      case '{':
      case '[': {
        if (open.size() >= static_cast<size_t>(kMaxJsonDepth)) {
          return PositionError(file, at, absl::StrCat("nesting deeper than ", kMaxJsonDepth, " levels"));
        }
        Open next;
        next.is_array = c == '[';
        if (next.is_array && !open.empty() && !open.back().is_array &&
            std::find(list_members.begin(), list_members.end(), open.back().key) != list_members.end()) {
          if (std::optional<std::string> path = NextPath(open)) {
            next.listed = true;
            next.path = std::move(*path);
          }
        }
        open.push_back(std::move(next));
        break;
      }
      case '}':
      case ']':
        if (!open.empty()) {
          // Lists close in the order they were written: a repeated member's last list stays.
          if (open.back().listed) lists.insert_or_assign(std::move(open.back().path), std::move(open.back().elements));
          open.pop_back();
        }
        break;
      case ',':
        if (!open.empty()) {
          if (open.back().is_array) {
            ++open.back().index;
            open.back().expect_element = true;
          } else {
            open.back().expect_key = true;
          }
        }
        break;
      default:
        break;
    }
  }
  // "softw\u0061res" is "softwares" to the parser, not to the scan: the recorded lists may not be
  // the ones the value keeps.
  if (escaped_name) lists.clear();
  return absl::OkStatus();
}

// nlohmann's description of an error without its "[json.exception.NAME] " tag and, for parse
// errors, its "parse error at line L, column C: " (the position is given our way) and the
// "; last read: '…'" echo of the input.
std::string ParseErrorWhat(absl::string_view message) {
  const size_t tag_end = message.find("] ");
  if (absl::StartsWith(message, "[json.exception.") && tag_end != absl::string_view::npos) {
    message.remove_prefix(tag_end + 2);
  }
  if (absl::ConsumePrefix(&message, "parse error")) {
    const size_t colon = message.find(": ");
    if (colon != absl::string_view::npos) message.remove_prefix(colon + 2);
  }
  const size_t echo = message.find("; last read: '");
  if (echo == absl::string_view::npos) return std::string(message);
  const size_t expected = message.rfind("'; expected ");
  if (expected == absl::string_view::npos || expected < echo) return std::string(message.substr(0, echo));
  return absl::StrCat(message.substr(0, echo), message.substr(expected + 1));
}

}  // namespace

JsonPosition JsonFile::PositionOf(const std::string& path) const {
  const size_t open = path.rfind('[');
  if (open == std::string::npos || path.back() != ']') return {};
  size_t index = 0;
  if (!absl::SimpleAtoi(absl::string_view(path).substr(open + 1, path.size() - open - 2), &index)) return {};
  const auto found = lists.find(absl::string_view(path).substr(0, open));
  if (found == lists.end() || index >= found->second.size()) return {};
  return found->second[index];
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
  CW_RETURN_IF_ERROR(Scan(text, file, list_members, read.lists));
  try {
    read.value = json::parse(text.begin(), text.end());
  } catch (const json::parse_error& error) {
    // `byte` counts the characters read, the offending one included.
    return PositionError(file, PositionAt(text, error.byte > 0 ? error.byte - 1 : 0),
                         absl::StrCat("not JSON: ", ParseErrorWhat(error.what())));
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

absl::StatusOr<const json*> TypedMember(const JsonFile& file, const json& object, const std::string& parent,
                                        const char* member, json::value_t type, absl::string_view expected) {
  const auto found = object.find(member);
  if (found == object.end() || found->is_null()) return nullptr;
  if (found->type() != type) return file.Error(MemberPath(parent, member), expected);
  return &*found;
}

absl::StatusOr<const json*> ListMember(const JsonFile& file, const json& object, const std::string& parent,
                                       const char* member) {
  return TypedMember(file, object, parent, member, json::value_t::array, "expected a list");
}

absl::StatusOr<const json*> ObjectMember(const JsonFile& file, const json& object, const std::string& parent,
                                         const char* member) {
  return TypedMember(file, object, parent, member, json::value_t::object, "expected an object");
}

}  // namespace crosswalk::inventory
