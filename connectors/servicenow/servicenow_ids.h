#ifndef CROSSWALK_CONNECTORS_SERVICENOW_SERVICENOW_IDS_H_
#define CROSSWALK_CONNECTORS_SERVICENOW_SERVICENOW_IDS_H_

#include <string>
#include <vector>

#include "connectors/connector.h"
#include "connectors/servicenow/servicenow_api.h"
#include "connectors/servicenow/servicenow_options.h"

namespace crosswalk::servicenow {

// The servicenow connector's id listing (issue 12: deletes by id reconciliation). Native ids are
// the bare sys_ids, as the connector's records carry them; the scope is Pull's: every row of each
// table of `tables` (a class such as cmdb_ci returns its subclasses' rows too).
//
// ListIds reads each table by keyset on sys_id alone — sysparm_fields=sys_id,
// sysparm_query=sys_id>LAST^ORDERBYsys_id, sysparm_limit=page_size, never an offset — so a row
// deleted while it pages cannot shift another out of the listing. Every page is checked against
// X-Total-Count (the rows the query still matches): a page holding fewer than it should (ACLs
// drop rows after counting), an empty page while rows are counted, or no count at all fails the
// listing with DATA_LOSS, since what a listing misses would be deleted.
//
// StillPresent asks each table for sys_idINa,b,… (plain values, sys_id only) until every id was
// found; an id that is not a sys_id (32 hex digits) is not asked and is not present.
//
// Requests go through the connector's ServiceNowApi: same transport, retries and request budget.
class ServiceNowIds : public IdLister {
 public:
  ServiceNowIds(const ServiceNowOptions* options, ServiceNowApi* api) : options_(options), api_(api) {}

  absl::Status ListIds(const std::function<absl::Status(const std::string&)>& each) override;
  absl::StatusOr<std::vector<std::string>> StillPresent(const std::vector<std::string>& ids) override;
  ReconcilePolicy policy() const override { return options_->source.reconcile; }

  // Of `ids` (sys_ids, at most kMaxCheckedIds), those `table` holds now, in no order; one request.
  absl::StatusOr<std::vector<std::string>> PresentIn(const std::string& table, const std::vector<std::string>& ids);

 private:
  absl::Status ListTable(const std::string& table, const std::function<absl::Status(const std::string&)>& each);

  const ServiceNowOptions* options_;
  ServiceNowApi* api_;
};

}  // namespace crosswalk::servicenow

#endif  // CROSSWALK_CONNECTORS_SERVICENOW_SERVICENOW_IDS_H_
