#ifndef CROSSWALK_CONNECTORS_RT_RT_OPTIONS_H_
#define CROSSWALK_CONNECTORS_RT_RT_OPTIONS_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "connectors/connector.h"
#include "connectors/http_source.h"

namespace crosswalk::rt {

// An `rt` source's configuration, checked, with its secret read from its file.
struct RtOptions {
  HttpSourceOptions source;         // url, credentials, ca_file, timeout, page_size (≤ RT's 100),
                                    // overlap, max_pages, max_retries, retry_budget
  std::string authorization;        // the Authorization header's value: a secret, never shown
  std::vector<std::string> queues;  // tickets only; empty: every queue the user sees
  bool assets = false;              // what: assets (else tickets)
  bool history = false;             // tickets: each ticket's status changes (one more request a ticket)
};

// The typed config keys (checked at start; --source-types and the docs are made from them).
std::vector<ConfigKey> RtKeys();

// Checks `config` and reads the token or password file. INVALID_ARGUMENT naming the key and what
// was expected; the message names a secret's file, never its content.
absl::StatusOr<RtOptions> ReadRtOptions(const SourceConfig& config);

}  // namespace crosswalk::rt

#endif  // CROSSWALK_CONNECTORS_RT_RT_OPTIONS_H_
