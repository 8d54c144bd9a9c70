#ifndef CROSSWALK_CONNECTORS_SERVICENOW_SERVICENOW_CONNECTOR_H_
#define CROSSWALK_CONNECTORS_SERVICENOW_SERVICENOW_CONNECTOR_H_

#include "connectors/connector.h"

namespace crosswalk::servicenow {

// The `servicenow` connector: the ServiceNow Table API (GET /api/now/v2/table/{table}) for each
// table of `tables` in turn, incrementally by sys_updated_on (docs/connectors/servicenow.md).
//
// Paging is keyset, never offset: each request asks for
//   sys_updated_on>P^NQsys_updated_on=P^sys_id>S^ORDERBYsys_updated_on^ORDERBYsys_id
// (sysparm_limit rows, no sysparm_offset), where (P, S) is the last row read, so a row updated
// while paging moves to the end instead of shifting the pages, and any number of rows sharing one
// second are read in sys_id order. Values are asked for with sysparm_display_value=all and
// sysparm_exclude_reference_link=true. A table ends on an empty page or when a page holds every
// row X-Total-Count says its query matches — never on a short page alone (ACLs drop rows after
// counting). Rows counted but not returned are added to the page's `total`, so the sync engine
// fails such a run (DATA_LOSS) instead of reporting a quiet success. A page budget (max_pages)
// bounds the requests of a run.
//
// Deletes (audit_deletes, default true): after the tables, sys_audit_delete is read by the same
// keyset on (sys_created_on, sys_id), scoped to tablenameIN the tables, from the delete watermark
// (at first the run's start) minus `overlap`; each documentkey the table no longer holds (asked by
// sys_idIN: a restored row is not reported) comes in a page's `deleted`, on pages without records.
// A 403 there is a warning note, once, not an error. ids() lists every sys_id of the tables for
// id reconciliation (servicenow_ids.h).
//
// Cursor: JSON {"tables":{"incident":{"watermark":"2026-11-22T12:12:14Z","seen":[sys_ids read at
// that second]},…},"deletes":{"watermark":…,"seen":[audit sys_ids]}} ("deletes" may be absent:
// cursors from before it are read). Start() re-reads each table from its watermark minus
// `overlap` seconds (default 300: rows whose update committed late), or exactly after the seen
// sys_ids when overlap is 0. Re-reading a row is harmless (the store's upsert is idempotent by
// native id and content hash); losing one is not.
ConnectorFactory ServiceNowConnectorFactory();

}  // namespace crosswalk::servicenow

#endif  // CROSSWALK_CONNECTORS_SERVICENOW_SERVICENOW_CONNECTOR_H_
