#ifndef CROSSWALK_CONNECTORS_RT_RT_CONNECTOR_H_
#define CROSSWALK_CONNECTORS_RT_RT_CONNECTOR_H_

#include "connectors/connector.h"

namespace crosswalk::rt {

// The `rt` connector: Request Tracker 5 tickets or assets over REST2 (/REST/2.0/tickets,
// /REST/2.0/assets), incrementally by LastUpdated (docs/connectors/rt.md).
//
// Paging is keyset, not offset: each request asks for
//   LastUpdated >= 'P' AND (LastUpdated > 'P' OR id > N)   ORDER BY LastUpdated, id
// page 1, where (P, N) is the last record returned, so a ticket updated while paging moves to the
// end instead of shifting the pages under the reader, and any number of tickets sharing one
// LastUpdated second are read in id order. The run ends on RT's own end marker (pages ≤ 1, or a
// page of no items when RT leaves total out), never on a short page alone; a page budget bounds
// the requests.
//
// Cursor: JSON {"watermark":"2026-11-22T12:12:14Z","seen":[ids read at that second]}. Start()
// re-reads from the watermark minus `overlap` seconds (default 300: tickets whose update RT
// committed late), or exactly after the seen ids when overlap is 0. Re-reading a record is
// harmless (the store's upsert is idempotent by native id and content hash); losing one is not.
ConnectorFactory RtConnectorFactory();

}  // namespace crosswalk::rt

#endif  // CROSSWALK_CONNECTORS_RT_RT_CONNECTOR_H_
