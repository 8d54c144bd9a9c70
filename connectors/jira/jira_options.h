#ifndef CROSSWALK_CONNECTORS_JIRA_JIRA_OPTIONS_H_
#define CROSSWALK_CONNECTORS_JIRA_JIRA_OPTIONS_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "connectors/connector.h"
#include "connectors/http_source.h"

namespace crosswalk::jira {

// A `jira` source's configuration, checked, with its secret read from its file or variable.
struct JiraOptions {
  HttpSourceOptions source;    // url, credentials, ca_file, timeout, page_size (≤ 100), overlap, …
  bool cloud = true;           // flavor: cloud (search/jql, nextPageToken) or datacenter (search, startAt)
  std::string authorization;   // the Authorization header's value: a secret, never shown
  std::string jql;             // extra filter ANDed in front of the sync's own clause; may be empty
  std::string fields;          // the fields= list asked for (default: the ones the connector reads)
  std::string request_type_field;  // JSM's "Customer Request Type" field id (customfield_NNNNN), or empty
  std::optional<absl::TimeZone> time_zone;  // set: used instead of /myself's timeZone
  std::string time_zone_name;
};

// The typed config keys (checked at start; --source-types and the docs are made from them).
std::vector<ConfigKey> JiraKeys();

// Checks `config` and reads the secret. INVALID_ARGUMENT naming the key and what was expected.
// Cloud takes HTTP Basic (user = the account's e-mail, password_file/env = its API token); Data
// Center takes a personal access token (token_file/env, sent as Bearer) or Basic.
absl::StatusOr<JiraOptions> ReadJiraOptions(const SourceConfig& config);

}  // namespace crosswalk::jira

#endif  // CROSSWALK_CONNECTORS_JIRA_JIRA_OPTIONS_H_
