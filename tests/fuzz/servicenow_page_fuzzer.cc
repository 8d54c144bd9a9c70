// ServiceNow Table API pages (connectors/servicenow/servicenow_page.h): the JSON an instance, or
// anything answering at its URL (a proxy, a hibernating instance's HTML), sends back; read as an
// incident page and as a cmdb_rel_ci page (whose `type` and `name` are read differently), as a
// sys_id listing page and as a sys_audit_delete page.
#include <string_view>

#include "connectors/servicenow/servicenow_page.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  (void)crosswalk::servicenow::ParseServiceNowPage(body, {.table = "incident", .page = 1});
  (void)crosswalk::servicenow::ParseServiceNowPage(body, {.table = "cmdb_rel_ci", .page = 2});
  (void)crosswalk::servicenow::ParseSysIdPage(body, {.table = "incident sys_id listing", .page = 1});
  (void)crosswalk::servicenow::ParseAuditDeletePage(body, {.table = "sys_audit_delete", .page = 1});
  if (size <= 32) (void)crosswalk::servicenow::ParseServiceNowTime(body);
  return 0;
}
