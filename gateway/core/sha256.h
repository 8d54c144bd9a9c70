#ifndef CROSSWALK_GATEWAY_CORE_SHA256_H_
#define CROSSWALK_GATEWAY_CORE_SHA256_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace crosswalk {

// Incremental SHA-256 (OpenSSL). Thread-compatible.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  void Update(absl::string_view bytes);
  // Starts a new digest, reusing the context.
  void Reset();
  // Lower-case hex digest; the hasher must not be updated afterwards until Reset().
  std::string HexDigest();

 private:
  void* ctx_;  // EVP_MD_CTX, kept opaque so callers need no OpenSSL headers
};

std::string Sha256Hex(absl::string_view bytes);

// Digest of a whole file, read in 1 MiB chunks. NOT_FOUND or UNAVAILABLE when it cannot be read.
absl::StatusOr<std::string> Sha256File(const std::string& path);

// Equal-length comparison that takes the same time wherever the inputs differ (for token digests).
bool ConstantTimeEquals(absl::string_view a, absl::string_view b);

}  // namespace crosswalk

#endif  // CROSSWALK_GATEWAY_CORE_SHA256_H_
