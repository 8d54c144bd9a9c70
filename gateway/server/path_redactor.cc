#include "gateway/server/path_redactor.h"

#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace crosswalk::server {
namespace {

bool StartsPath(absl::string_view text, size_t at) {
  if (text[at] != '/') return false;
  if (at > 0 && absl::string_view(" \t\n'\"([=,:").find(text[at - 1]) == absl::string_view::npos) return false;
  return at + 1 < text.size() && absl::string_view(" \t\n/").find(text[at + 1]) == absl::string_view::npos;
}

PathRedactor* client_redactor = nullptr;

}  // namespace

PathRedactor::PathRedactor(std::vector<std::pair<std::string, std::string>> roots) {
  for (auto& [dir, placeholder] : roots) {
    while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
    if (dir.size() > 1 && dir[0] == '/') roots_.emplace_back(std::move(dir), std::move(placeholder));
  }
  std::stable_sort(roots_.begin(), roots_.end(), [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
}

std::string PathRedactor::Redact(absl::string_view text) const {
  std::string out;
  size_t at = 0;
  while (at < text.size()) {
    if (!StartsPath(text, at)) {
      out.push_back(text[at++]);
      continue;
    }
    const size_t end = std::min(text.find_first_of(" \t\n'\")],:", at), text.size());
    const absl::string_view path = text.substr(at, end - at);
    at = end;
    bool known = false;
    for (const auto& [dir, placeholder] : roots_) {
      if (absl::StartsWith(path, dir) && path.size() > dir.size() && path[dir.size()] == '/') {
        absl::StrAppend(&out, placeholder, path.substr(dir.size()));
        known = true;
        break;
      }
    }
    if (!known) absl::StrAppend(&out, "<dir>/", path.substr(path.rfind('/') + 1));
  }
  return out;
}

const PathRedactor& ClientRedactor() {
  static const PathRedactor empty;
  return client_redactor == nullptr ? empty : *client_redactor;
}

void SetClientRedactor(PathRedactor redactor) {
  delete client_redactor;
  client_redactor = new PathRedactor(std::move(redactor));
}

}  // namespace crosswalk::server
