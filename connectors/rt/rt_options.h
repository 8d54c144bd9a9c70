#ifndef CROSSWALK_CONNECTORS_RT_RT_OPTIONS_H_
#define CROSSWALK_CONNECTORS_RT_RT_OPTIONS_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "connectors/connector.h"
#include "connectors/http/http_client.h"

namespace crosswalk::rt {

// An `rt` source's configuration, checked, with its secret read from its file.
struct RtOptions {
  HttpClientOptions http;           // url, ca_file, timeout
  std::string authorization;        // the Authorization header's value: a secret, never shown
  int page_size = 100;              // 1..100 (RT's cap)
  int64_t overlap_seconds = 300;    // watermark re-read window
  int64_t max_pages = 10'000;       // request budget of one run
  std::vector<std::string> queues;  // tickets only; empty: every queue the user sees
  bool assets = false;              // what: assets (else tickets)
};

// The typed config keys (checked at start; --source-types and the docs are made from them).
std::vector<ConfigKey> RtKeys();

// Checks `config` and reads the token or password file. INVALID_ARGUMENT naming the source, the
// key and what was expected; the message names a secret's file, never its content.
absl::StatusOr<RtOptions> ReadRtOptions(const SourceConfig& config);

}  // namespace crosswalk::rt

#endif  // CROSSWALK_CONNECTORS_RT_RT_OPTIONS_H_
