#ifndef CROSSWALK_CONNECTORS_REDMINE_REDMINE_OPTIONS_H_
#define CROSSWALK_CONNECTORS_REDMINE_REDMINE_OPTIONS_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "connectors/connector.h"
#include "connectors/http_source.h"

namespace crosswalk::redmine {

// A `redmine` source's configuration, checked, with its secret read from its file.
struct RedmineOptions {
  HttpSourceOptions source;  // url, credentials, ca_file, timeout, page_size (≤ Redmine's 100),
                             // overlap, max_pages, max_retries, retry_budget
  // The credential header: {"X-Redmine-API-Key", key} or {"Authorization", "Basic …"}; a secret.
  std::pair<std::string, std::string> credential;
  std::string project;                // project identifier; empty: every project the user sees
  std::vector<std::string> trackers;  // tracker ids (digits) or names; empty: every tracker
  bool journals = false;              // read each issue's journals for its status history
};

// The typed config keys (checked at start; --source-types and the docs are made from them).
std::vector<ConfigKey> RedmineKeys();

// Checks `config` and reads the API key or password file. INVALID_ARGUMENT naming the key and
// what was expected; the message names a secret's file, never its content.
absl::StatusOr<RedmineOptions> ReadRedmineOptions(const SourceConfig& config);

}  // namespace crosswalk::redmine

#endif  // CROSSWALK_CONNECTORS_REDMINE_REDMINE_OPTIONS_H_
