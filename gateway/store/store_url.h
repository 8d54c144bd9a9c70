#ifndef CROSSWALK_GATEWAY_STORE_STORE_URL_H_
#define CROSSWALK_GATEWAY_STORE_STORE_URL_H_

#include "absl/strings/match.h"
#include "absl/strings/string_view.h"

namespace crosswalk {

// True when a configured `store` names a PostgreSQL database (postgresql:// or postgres://)
// rather than a SQLite file.
inline bool IsPostgresUrl(absl::string_view store) {
  return absl::StartsWith(store, "postgresql://") || absl::StartsWith(store, "postgres://");
}

}  // namespace crosswalk

#endif  // CROSSWALK_GATEWAY_STORE_STORE_URL_H_
