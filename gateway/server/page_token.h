#ifndef CROSSWALK_GATEWAY_SERVER_PAGE_TOKEN_H_
#define CROSSWALK_GATEWAY_SERVER_PAGE_TOKEN_H_

#include <initializer_list>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

// Page tokens as clients see them: "<digest>.<store token>", where the digest (16 hex digits of
// the SHA-256 of the listing's name and filter values) ties a token to the filter it was issued
// for, so a token used with another filter is refused rather than read as a position in a
// different listing.
namespace crosswalk::server {

// The filter key of a listing: its name and filter values, unambiguously joined.
std::string FilterKey(std::initializer_list<absl::string_view> parts);

// "" for "" (the last page); else the client's token.
std::string IssuePageToken(absl::string_view filter_key, const std::string& store_token);

// The store token inside `token` ("" for ""); INVALID_ARGUMENT when the token is malformed or was
// issued for another filter.
absl::StatusOr<std::string> ReadPageToken(absl::string_view filter_key, const std::string& token);

}  // namespace crosswalk::server

#endif  // CROSSWALK_GATEWAY_SERVER_PAGE_TOKEN_H_
