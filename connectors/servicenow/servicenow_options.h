#ifndef CROSSWALK_CONNECTORS_SERVICENOW_SERVICENOW_OPTIONS_H_
#define CROSSWALK_CONNECTORS_SERVICENOW_SERVICENOW_OPTIONS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "connectors/connector.h"
#include "connectors/http_source.h"

namespace crosswalk::servicenow {

// The tables read when `tables` is not set, in this order.
inline constexpr char kDefaultTables[] = "incident,sc_req_item,problem,change_request,cmdb_ci,cmdb_rel_ci";

// A `servicenow` source's configuration, checked, with its secret read from its file.
struct ServiceNowOptions {
  HttpSourceOptions source;         // url, credentials, ca_file, timeout, page_size (≤ 10000),
                                    // overlap, max_pages, max_retries, retry_budget
  std::string authorization;        // "Bearer <token>" or "Basic …": a secret, never shown
  std::vector<std::string> tables;  // table names, each ^[a-z0-9_]+$, in reading order
  // sysparm_fields when set (sys_id and sys_updated_on added when missing); empty: every field.
  std::vector<std::string> fields;
  // Read sys_audit_delete after the tables (audit_deletes, default true): the rows deleted from
  // them come on pages' `deleted`.
  bool audit_deletes = true;
};

// The typed config keys (checked at start; --source-types and the docs are made from them).
std::vector<ConfigKey> ServiceNowKeys();

// Checks `config` and reads the token or password. INVALID_ARGUMENT "KEY: what was expected";
// the message names a secret's file or variable, never its content. A table named twice, or a
// cmdb_ci subclass beside cmdb_ci (which already returns the subclasses' records), is an error.
absl::StatusOr<ServiceNowOptions> ReadServiceNowOptions(const SourceConfig& config);

}  // namespace crosswalk::servicenow

#endif  // CROSSWALK_CONNECTORS_SERVICENOW_SERVICENOW_OPTIONS_H_
