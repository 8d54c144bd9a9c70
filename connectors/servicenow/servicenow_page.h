#ifndef CROSSWALK_CONNECTORS_SERVICENOW_SERVICENOW_PAGE_H_
#define CROSSWALK_CONNECTORS_SERVICENOW_SERVICENOW_PAGE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "gateway/core/record.h"

namespace crosswalk::servicenow {

// One row of a Table API page, read into a raw record.
struct ServiceNowItem {
  std::string sys_id;        // 32 lower-case hex digits: the keyset's second half, the native id
  int64_t updated = 0;       // sys_updated_on's value, Unix seconds (UTC): the keyset's first half
  // sys_updated_on's display value when it is a different time written the same way: the API
  // user's time zone is not UTC (encoded queries are read in that zone).
  std::optional<int64_t> displayed_updated;
  RawRecord record;
};

struct ServiceNowPage {
  std::vector<ServiceNowItem> items;
};

// Where a page came from, for messages: "ServiceNow incident page 3".
struct PagePlace {
  std::string table;
  int64_t page = 0;
};

// Reads a Table API page, {"result":[row…]}, asked for with sysparm_display_value=all (each field
// {"value":…,"display_value":…}; plain values, as display_value=false gives, are read too). A row
// becomes a record: native id sys_id, native kind the table, location "ServiceNow incident
// INC0010023" (its number, else its sys_id); the fields the normaliser reads under their roles
// (docs/connectors/servicenow.md) from their value (choice codes such as state 2, sys_ids of
// references — except the people and groups, read by name), date-times as RFC 3339 UTC; on
// software installations and CIs also the attributes the SAM views read (an install's CI as
// device_id by sys_id and ci by name, a CI's cores, processors, last_seen …); every other field
// kept as an extra under its own name, and a display value that differs from the value kept
// beside it as NAME.display (not on installs and CIs where a role read that display value).
// Empty values are left out.
//
// INVALID_ARGUMENT naming the table, page, row (position and sys_id) and field for what is not
// the Table API's shape: a body that is not JSON (an HTML page, a cut body), no "result" list, a
// body-level error {"error":{"message","detail"},"status":"failure"}, a row that is not an object,
// a sys_id that is not 32 hex digits, a sys_updated_on (or other date-time the normaliser reads)
// that is not YYYY-MM-DD HH:MM:SS.
absl::StatusOr<ServiceNowPage> ParseServiceNowPage(std::string_view body, const PagePlace& place);

// A sys_id listing page, asked for with sysparm_fields=sys_id (plain values or {"value"}): the
// sys_ids in the page's order. INVALID_ARGUMENT as ParseServiceNowPage for what is not that shape.
absl::StatusOr<std::vector<std::string>> ParseSysIdPage(std::string_view body, const PagePlace& place);

// One row of sys_audit_delete: ServiceNow's record of a deleted row.
struct AuditDelete {
  std::string sys_id;       // the audit row's own (the keyset's second half)
  int64_t created = 0;      // its sys_created_on, Unix seconds (UTC): the keyset's first half
  std::string table;        // tablename: the table the row was deleted from
  std::string documentkey;  // the deleted row's sys_id
};

// A sys_audit_delete page asked for with plain values (sysparm_fields=sys_id,sys_created_on,
// tablename,documentkey). INVALID_ARGUMENT as ParseServiceNowPage, and for a documentkey that is
// not 32 hex digits or a sys_created_on that is not YYYY-MM-DD HH:MM:SS.
absl::StatusOr<std::vector<AuditDelete>> ParseAuditDeletePage(std::string_view body, const PagePlace& place);

// "2026-11-22 12:12:14" (UTC) → Unix seconds; std::nullopt for anything else.
std::optional<int64_t> ParseServiceNowTime(std::string_view text);
// Unix seconds → "2026-11-22 12:12:14" (UTC).
std::string FormatServiceNowTime(int64_t seconds);

}  // namespace crosswalk::servicenow

#endif  // CROSSWALK_CONNECTORS_SERVICENOW_SERVICENOW_PAGE_H_
