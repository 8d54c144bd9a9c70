#ifndef CROSSWALK_CONNECTORS_REDMINE_REDMINE_CONNECTOR_H_
#define CROSSWALK_CONNECTORS_REDMINE_REDMINE_CONNECTOR_H_

#include "connectors/connector.h"

namespace crosswalk::redmine {

// The `redmine` connector: Redmine issues over its REST API, incrementally by updated_on
// (docs/connectors/redmine.md).
//
// Redmine pages by offset only: GET /issues.json?status_id=*&sort=updated_on:asc,id:asc
// &updated_on=>=A&offset=K&limit=N. An issue updated while paging moves to the end of that
// order and shifts every later offset down by one, so each request after the first of a query
// asks from K-1 and checks that the first issue returned is the last one received; when it is not,
// the connector re-anchors: a new query from A = the updated_on second of the last issue received,
// at offset 0. An issue created inside the second being read (a lower id than the last read
// there) shifts offsets up and can balance such a move; that shows as fewer distinct issues read
// than the query's total_count at its end, and the query is read again (at most twice a run) from
// the second being read when total_count grew. A version of an issue (id, updated_on) is returned
// once per run: re-read issues already returned are skipped. The run ends when the offset reaches
// Redmine's total_count, or on a page with nothing new; a page budget (max_pages) bounds the
// requests, re-reads included. Progress `total` is the records returned plus those Redmine still
// counts and the connector has not received, so a shortfall at the end fails the run (DATA_LOSS)
// in the sync engine.
//
// Cursor: JSON {"watermark":"2026-11-22T12:12:14Z","seen":[ids returned at that second]}.
// Start() queries from the watermark minus `overlap` seconds (default 300), or from the watermark
// itself skipping the seen ids when overlap is 0. Re-reading a record is harmless (the store's
// upsert is idempotent by native id and content hash); losing one is not.
ConnectorFactory RedmineConnectorFactory();

}  // namespace crosswalk::redmine

#endif  // CROSSWALK_CONNECTORS_REDMINE_REDMINE_CONNECTOR_H_
