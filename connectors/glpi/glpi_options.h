#ifndef CROSSWALK_CONNECTORS_GLPI_GLPI_OPTIONS_H_
#define CROSSWALK_CONNECTORS_GLPI_GLPI_OPTIONS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "connectors/connector.h"
#include "connectors/http_source.h"

namespace crosswalk::glpi {

// A `glpi` source's configuration, checked, with its secrets read from their files or variables.
struct GlpiOptions {
  HttpSourceOptions source;          // url (GLPI's base, apirest.php below it), credentials, page_size …
  std::string authorization;         // initSession's Authorization: "user_token …" or "Basic …" (secret)
  std::string app_token;             // App-Token header value, or empty when not configured (secret)
  std::vector<std::string> itemtypes;  // read in this order
  absl::TimeZone time_zone = absl::UTCTimeZone();  // the zone GLPI writes date_mod in
  std::string time_zone_name = "UTC";
};

// The itemtypes the connector reads, in their GLPI spelling.
const std::vector<std::string>& KnownItemtypes();

// The typed config keys (checked at start; --source-types and the docs are made from them).
std::vector<ConfigKey> GlpiKeys();

// Checks `config` and reads the secrets. INVALID_ARGUMENT naming the key and what was expected:
// an itemtype not in KnownItemtypes (or twice), a timezone that is not an IANA name.
absl::StatusOr<GlpiOptions> ReadGlpiOptions(const SourceConfig& config);

}  // namespace crosswalk::glpi

#endif  // CROSSWALK_CONNECTORS_GLPI_GLPI_OPTIONS_H_
