#include "gateway/core/text_width.h"

#include <algorithm>
#include <numeric>

#include "gateway/core/unicode.h"

namespace crosswalk {
namespace {

// Length in bytes of the UTF-8 sequence starting at `text[i]` (1 for a stray continuation byte).
size_t SequenceLength(absl::string_view text, size_t i) {
  size_t end = i + 1;
  while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;
  return end - i;
}

// Length in bytes of the character at `text[i]` with the combining marks after it.
size_t ClusterLength(absl::string_view text, size_t i) {
  size_t length = SequenceLength(text, i);
  while (i + length < text.size()) {
    const size_t next = SequenceLength(text, i + length);
    if (DisplayWidth(text.substr(i + length, next)) != 0) break;
    length += next;
  }
  return length;
}

}  // namespace

std::vector<std::string> WrapToWidth(absl::string_view text, int width, int indent) {
  if (width < 1 + indent || DisplayWidth(text) <= width) return {std::string(text)};
  std::vector<std::string> lines;
  std::string line;
  int used = 0;
  size_t last_space = std::string::npos;  // in `line`, the byte after the last space
  for (size_t i = 0; i < text.size();) {
    const size_t length = ClusterLength(text, i);
    const absl::string_view cluster = text.substr(i, length);
    const int cluster_width = DisplayWidth(cluster);
    if (used + cluster_width > width && used > indent) {
      std::string rest;
      if (last_space != std::string::npos && cluster != " ") {
        rest = line.substr(last_space);
        line.erase(last_space);
      }
      while (!line.empty() && line.back() == ' ') line.pop_back();
      lines.push_back(line);
      line = std::string(static_cast<size_t>(indent), ' ') + rest;
      used = DisplayWidth(line);
      last_space = std::string::npos;
      if (cluster == " ") {
        i += length;
        continue;
      }
    }
    line.append(cluster.data(), cluster.size());
    used += cluster_width;
    if (cluster == " ") last_space = line.size();
    i += length;
  }
  if (!line.empty() && static_cast<int>(line.size()) > indent) lines.push_back(line);
  return lines;
}

std::string WrapLines(absl::string_view text, int width) {
  if (width <= 0) return std::string(text);
  std::string out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    const bool newline = end != absl::string_view::npos;
    if (!newline) end = text.size();
    const std::vector<std::string> lines = WrapToWidth(text.substr(start, end - start), width, 2);
    for (size_t i = 0; i < lines.size(); ++i) {
      out += lines[i];
      if (i + 1 < lines.size() || newline) out += '\n';
    }
    start = end + 1;
  }
  return out;
}

std::string FitToWidth(absl::string_view text, int width) {
  if (width < 1) return "";
  if (DisplayWidth(text) <= width) return std::string(text);
  std::string fitted;
  int used = 0;
  for (size_t i = 0; i < text.size();) {
    // A character with the combining marks after it: kept or dropped together.
    const size_t length = ClusterLength(text, i);
    const int cluster = DisplayWidth(text.substr(i, length));
    if (used + cluster > width - 1) break;  // one column stays for the ellipsis
    fitted.append(text.data() + i, length);
    used += cluster;
    i += length;
  }
  return fitted + "…";
}

std::vector<int> FitColumns(const std::vector<int>& natural, const std::vector<int>& header, int gap, int max_width) {
  std::vector<int> widths = natural;
  if (max_width <= 0 || widths.empty()) return widths;
  const int gaps = gap * static_cast<int>(widths.size() - 1);
  auto total = [&] { return std::accumulate(widths.begin(), widths.end(), 0) + gaps; };
  for (bool keep_headers : {true, false}) {
    while (total() > max_width) {
      // The widest column that may still give up a column.
      int widest = -1;
      for (size_t i = 0; i < widths.size(); ++i) {
        const int floor = keep_headers ? std::max(header[i], 4) : 3;
        if (widths[i] > floor && (widest < 0 || widths[i] > widths[widest])) widest = static_cast<int>(i);
      }
      if (widest < 0) break;
      --widths[widest];
    }
  }
  return widths;
}

}  // namespace crosswalk
