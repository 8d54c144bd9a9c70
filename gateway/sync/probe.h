#ifndef CROSSWALK_GATEWAY_SYNC_PROBE_H_
#define CROSSWALK_GATEWAY_SYNC_PROBE_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "connectors/connector.h"
#include "gateway/sync/sync_engine.h"

namespace crosswalk {

// What `crosswalk sources test NAME` says of a source: how far one request got. Each step
// implies the ones before it; the first false one is where the source failed.
struct ProbeResult {
  std::string source;
  std::string type;
  bool configured = false;     // the connector accepted the configuration (keys, secret files)
  bool reachable = false;      // the source answered (an HTTP response, a readable file)
  bool authenticated = false;  // it accepted the credentials
  bool permitted = false;      // it let the user read what the source is configured to read
  // Records the source reports visible: its own total when it gives one (an API's count), else
  // the records the one page held (then visible_is_total is false: "at least").
  int64_t visible = 0;
  bool visible_is_total = false;
  std::string verdict;  // one line for the user: ok, or the first failed step and what to check
  std::string detail;   // the connector's error message (names the URL or file, never a secret)
  absl::StatusCode code = absl::StatusCode::kOk;  // the connector's error code, kOk when it read
  bool ok() const { return permitted; }
};

// One request to `source` through its connector, nothing stored and the stored cursor untouched:
// creates the connector (a bad configuration is `configured` false), starts it from the beginning
// and pulls one page of at most one record. The connector's error code says how far it got:
// UNAVAILABLE or DEADLINE_EXCEEDED (no answer, after the connector's retries) and NOT_FOUND (no
// file at location, no API at url): not reachable; UNAUTHENTICATED: reachable, credentials
// refused; PERMISSION_DENIED: authenticated, not permitted; FAILED_PRECONDITION, INVALID_ARGUMENT
// and the rest: reachable, but the answer was not what was expected (an HTML page, a rejected
// query). A record that cannot be parsed still proves the source readable.
ProbeResult ProbeSource(const SourceDefinition& source, const ConnectorRegistry& registry,
                        const ConnectorDeps& deps);

}  // namespace crosswalk

#endif  // CROSSWALK_GATEWAY_SYNC_PROBE_H_
