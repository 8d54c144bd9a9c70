#include "gateway/server/auth.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gateway/core/sha256.h"

namespace crosswalk::server {

bool IsLoopbackPeer(const std::string& peer) {
  return absl::StartsWith(peer, "ipv4:127.") || absl::StartsWith(peer, "ipv6:[::1]") ||
         absl::StartsWith(peer, "ipv6:[::ffff:127.") || absl::StartsWith(peer, "unix:");
}

Authorizer::Authorizer(std::vector<TokenEntry> tokens, bool insecure)
    : tokens_(std::move(tokens)), insecure_(insecure) {}

grpc::Status Authorizer::Check(const grpc::ServerContext& context, Role needed) const {
  if (tokens_.empty()) {
    if (insecure_ || IsLoopbackPeer(context.peer())) return grpc::Status::OK;
    return grpc::Status(grpc::StatusCode::PERMISSION_DENIED,
                        "this server has no tokens configured and serves loopback connections only");
  }
  const auto& metadata = context.client_metadata();
  auto it = metadata.find("authorization");
  if (it == metadata.end()) {
    return grpc::Status(grpc::StatusCode::UNAUTHENTICATED, "missing bearer token (authorization metadata)");
  }
  const std::string value(it->second.data(), it->second.size());
  // The scheme is case-insensitive (RFC 7235 section 2.1; RFC 6750 section 2.1 names it "Bearer").
  constexpr absl::string_view kPrefix = "bearer ";
  if (!absl::StartsWithIgnoreCase(value, kPrefix)) {
    return grpc::Status(grpc::StatusCode::UNAUTHENTICATED, "authorization metadata is not 'Bearer <token>'");
  }
  const std::string digest = Sha256Hex(absl::string_view(value).substr(kPrefix.size()));
  const TokenEntry* match = nullptr;
  for (const TokenEntry& token : tokens_) {
    if (ConstantTimeEquals(digest, token.sha256)) match = &token;
  }
  if (match == nullptr) return grpc::Status(grpc::StatusCode::UNAUTHENTICATED, "unknown token");
  if (static_cast<int>(match->role) < static_cast<int>(needed)) {
    return grpc::Status(grpc::StatusCode::PERMISSION_DENIED,
                        absl::StrCat("token '", match->name, "' has role ", RoleName(match->role),
                                     "; this call needs ", RoleName(needed)));
  }
  return grpc::Status::OK;
}

}  // namespace crosswalk::server
