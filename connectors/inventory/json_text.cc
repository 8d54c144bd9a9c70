#include "connectors/inventory/json_text.h"

#include <algorithm>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace crosswalk::inventory {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// The offset of the quote that closes the string opened at `open` (the text's size when none).
size_t StringEnd(absl::string_view text, size_t open) {
  size_t at = open + 1;
  while (at < text.size()) {
    if (text[at] == '\\') {
      at += 2;
    } else if (text[at] == '"') {
      return at;
    } else {
      ++at;
    }
  }
  return text.size();
}

// OK unless brackets outside strings nest deeper than `max_depth` (any bytes; stray closers are
// ignored), in which case INVALID_ARGUMENT at the first bracket too deep.
absl::Status CheckDepth(absl::string_view text, const std::string& file, int max_depth) {
  int depth = 0;
  for (size_t at = 0; at < text.size(); ++at) {
    const char c = text[at];
    if (c == '"') {
      at = StringEnd(text, at);
    } else if (c == '{' || c == '[') {
      if (++depth > max_depth) {
        return absl::InvalidArgumentError(
            absl::StrCat(PositionText(text, at, file), ": JSON nested deeper than ", max_depth, " levels"));
      }
    } else if ((c == '}' || c == ']') && depth > 0) {
      --depth;
    }
  }
  return absl::OkStatus();
}

// nlohmann's message without its "[json.exception…] parse error at line L, column C: " prefix
// (the caller gives the position) and without the "; last read: '…'" echo of the input.
std::string SyntaxMessage(const std::string& what) {
  std::string message = what;
  if (const size_t column = message.find(", column "); column != std::string::npos) {
    if (const size_t colon = message.find(": ", column); colon != std::string::npos) message.erase(0, colon + 2);
  } else if (const size_t bracket = message.find("] "); bracket != std::string::npos) {
    message.erase(0, bracket + 2);
  }
  if (const size_t echo = message.find("; last read:"); echo != std::string::npos) message.erase(echo);
  return message;
}

}  // namespace

TextPosition PositionAt(absl::string_view text, size_t offset) {
  offset = std::min(offset, text.size());
  TextPosition position;
  size_t line_start = 0;
  for (size_t at = 0; at < offset; ++at) {
    if (text[at] == '\n') {
      ++position.line;
      line_start = at + 1;
    }
  }
  position.column = static_cast<int>(offset - line_start) + 1;
  return position;
}

std::string PositionText(absl::string_view text, size_t offset, const std::string& file) {
  const TextPosition position = PositionAt(text, offset);
  return absl::StrCat(file, ":", position.line, ":", position.column);
}

absl::StatusOr<nlohmann::json> ParseJsonText(absl::string_view text, const std::string& file, int max_depth) {
  if (absl::Status depth = CheckDepth(text, file, max_depth); !depth.ok()) return depth;
  try {
    return nlohmann::json::parse(text.data(), text.data() + text.size());
  } catch (const nlohmann::json::parse_error& error) {
    // `byte` counts the bytes read up to and including the offending one.
    const size_t offset = error.byte > 0 ? error.byte - 1 : 0;
    return absl::InvalidArgumentError(
        absl::StrCat(PositionText(text, offset, file), ": not JSON: ", SyntaxMessage(error.what())));
  } catch (const nlohmann::json::exception& error) {
    return absl::InvalidArgumentError(absl::StrCat(file, ": not JSON: ", SyntaxMessage(error.what())));
  }
}

std::vector<size_t> ArrayElementOffsets(absl::string_view text, const std::vector<std::string>& path) {
  // One open object or array. `depth` is how many path members lead to it when `on_path`.
  struct Frame {
    bool object = false;
    bool on_path = false;
    size_t depth = 0;
    bool expect_key = false;
    absl::string_view key;
  };
  std::vector<Frame> open;
  std::vector<size_t> offsets;
  for (size_t at = 0; at < text.size(); ++at) {
    const char c = text[at];
    if (IsSpace(c) || c == ':') continue;
    if (c == ',') {
      if (!open.empty() && open.back().object) open.back().expect_key = true;
      continue;
    }
    if (c == '}' || c == ']') {
      if (!open.empty()) open.pop_back();
      continue;
    }
    if (c == '"' && !open.empty() && open.back().object && open.back().expect_key) {
      const size_t close = StringEnd(text, at);
      open.back().key = text.substr(at + 1, close - at - 1);
      open.back().expect_key = false;
      at = close;
      continue;
    }
    // A value starts here: the root, a member's value or an array element.
    bool child_on_path = open.empty();
    size_t child_depth = 0;
    if (!open.empty() && open.back().on_path) {
      const Frame& parent = open.back();
      if (parent.object && parent.depth < path.size() && parent.key == path[parent.depth]) {
        child_on_path = true;
        child_depth = parent.depth + 1;
        offsets.clear();  // a later member of the same name replaces the earlier one
      } else if (!parent.object && parent.depth == path.size()) {
        offsets.push_back(at);
      }
    }
    if (c == '{' || c == '[') {
      const bool object = c == '{';
      const bool on_path = child_on_path && (object ? child_depth < path.size() : child_depth == path.size());
      open.push_back({object, on_path, child_depth, object, {}});
    } else if (c == '"') {
      at = StringEnd(text, at);
    } else {
      while (at + 1 < text.size() && !IsSpace(text[at + 1]) && text[at + 1] != ',' && text[at + 1] != '}' &&
             text[at + 1] != ']') {
        ++at;
      }
    }
  }
  return offsets;
}

}  // namespace crosswalk::inventory
