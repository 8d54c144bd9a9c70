#include "gateway/server/page_token.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "gateway/core/sha256.h"

namespace crosswalk::server {
namespace {

std::string Digest(absl::string_view filter_key) { return Sha256Hex(filter_key).substr(0, 16); }

}  // namespace

std::string FilterKey(std::initializer_list<absl::string_view> parts) {
  std::string key;
  for (absl::string_view part : parts) absl::StrAppend(&key, part.size(), ":", part, ";");
  return key;
}

std::string IssuePageToken(absl::string_view filter_key, const std::string& store_token) {
  if (store_token.empty()) return "";
  return absl::StrCat(Digest(filter_key), ".", store_token);
}

absl::StatusOr<std::string> ReadPageToken(absl::string_view filter_key, const std::string& token) {
  if (token.empty()) return std::string();
  const size_t dot = token.find('.');
  if (dot == std::string::npos || dot + 1 == token.size()) {
    return absl::InvalidArgumentError(absl::StrCat("page_token '", token.substr(0, 64), "' was not issued by this server"));
  }
  if (token.substr(0, dot) != Digest(filter_key)) {
    return absl::InvalidArgumentError(
        "page_token belongs to a listing with other filters; repeat the filters it was issued with, or "
        "start again without a page token");
  }
  return token.substr(dot + 1);
}

}  // namespace crosswalk::server
