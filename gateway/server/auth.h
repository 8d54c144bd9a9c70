#ifndef CROSSWALK_GATEWAY_SERVER_AUTH_H_
#define CROSSWALK_GATEWAY_SERVER_AUTH_H_

#include <string>
#include <vector>

#include "gateway/server/config.h"
#include "grpcpp/server_context.h"

namespace crosswalk::server {

// Checks every RPC (the health service excepted, which gRPC serves itself): with tokens
// configured, the `authorization: Bearer <token>` metadata (scheme in any case) must carry a token whose SHA-256 is
// configured (compared in constant time) with at least the role the RPC needs; without tokens,
// only loopback peers are served unless the server runs --insecure. Tokens are never logged.
//
// Thread-safe (immutable).
class Authorizer {
 public:
  Authorizer(std::vector<TokenEntry> tokens, bool insecure);

  // OK, UNAUTHENTICATED (no or unknown token) or PERMISSION_DENIED (role too low, or a remote peer
  // when no tokens are configured).
  grpc::Status Check(const grpc::ServerContext& context, Role needed) const;

  bool has_tokens() const { return !tokens_.empty(); }

 private:
  std::vector<TokenEntry> tokens_;
  bool insecure_;
};

// True for a gRPC peer string of a loopback connection ("ipv4:127.0.0.1:5555", "ipv6:[::1]:5555",
// "unix:...").
bool IsLoopbackPeer(const std::string& peer);

// In a service method whose class has `const Authorizer* auth_`: returns the Authorizer's refusal
// unless the caller has at least `role`.
#define CW_AUTHORIZE(context, role)                                      \
  do {                                                                   \
    grpc::Status cw_auth_ = auth_->Check(*(context), (role));            \
    if (!cw_auth_.ok()) return cw_auth_;                                 \
  } while (0)

}  // namespace crosswalk::server

#endif  // CROSSWALK_GATEWAY_SERVER_AUTH_H_
