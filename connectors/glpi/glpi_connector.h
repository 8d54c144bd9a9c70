#ifndef CROSSWALK_CONNECTORS_GLPI_GLPI_CONNECTOR_H_
#define CROSSWALK_CONNECTORS_GLPI_GLPI_CONNECTOR_H_

#include "connectors/connector.h"

namespace crosswalk::glpi {

// The `glpi` connector: GLPI's legacy REST API v1 (apirest.php), each itemtype of `itemtypes` in
// turn, incrementally by date_mod (docs/connectors/glpi.md).
//
// Session: GET /apirest.php/initSession with Authorization "user_token …" or Basic (and App-Token
// when configured) gives a session_token sent as Session-Token on every request. A 401 (GLPI's
// ERROR_SESSION_TOKEN_INVALID: the session expired) makes the retrying layer call the re-auth
// hook once, which opens a new session and resends; killSession ends the session when the run is
// done (best effort).
//
// Reading: GET /apirest.php/{itemtype}?range=A-B&sort=date_mod&order=ASC&expand_dropdowns=true
// &is_deleted=0, answered 206 with Content-Range "A-B/TOTAL" (or 200 when everything fitted).
// GLPI v1's collections cannot filter by date, and its search endpoint answers search-option
// columns instead of fields; so every run walks the whole collection in date_mod order and
// returns only the items modified at or after (watermark − overlap) not already seen — the cost
// is one full read of each itemtype per run, the gain is that the records are the items' fields.
// Offset paging drifts when an item changes under the reader (it moves to the end and the rest
// shift back): each request after the first starts one item early, and when that item is not the
// last one read the collection moved: the reader steps back a page at a time until a page holds
// the last item read, and goes on after it (the seen-set keeps the items walked again from being
// returned twice; when that item itself moved, the walk starts again from 0; the page budget
// bounds it all). An empty collection (200 [] or 400
// ERROR_RANGE_EXCEED_TOTAL) is an empty itemtype. A walk that ends with fewer items than
// Content-Range's total reports the difference in the page's `total`, so the sync engine fails the
// run (DATA_LOSS) instead of passing quietly.
//
// Time zone: date_mod is the GLPI server's wall clock without offset; it is read in `timezone`
// (default UTC) and handed over, and stored, as UTC.
//
// Cursor: JSON {"itemtypes":{"Ticket":{"watermark":"2026-11-22T12:12:14Z","seen":[[12,ms],…]},…}}
// — per itemtype the newest date_mod read (UTC) and the items (id, date_mod ms) read from
// (watermark − overlap) on, which the next run skips; and "names": the newest date_mod of the
// names installations were written with (glpi_software.h); "processors": the fingerprint of the
// processor counts computers were written with (glpi_processors.h).
//
// Installations (Item_SoftwareVersion) are read without expand_dropdowns and named by
// SoftwareNames (glpi_software.h), read in full before them at each run; when a name changed
// since the last run, every installation is returned again. With installations, computers carry
// processors and cores, summed from every Item_DeviceProcessor row (ComputerProcessors,
// glpi_processors.h) read by id before them at each run; when a count changed since the last
// complete computers' walk, every computer is returned again.
//
// Deletes: ids() lists each itemtype's ids not in the trash and re-checks missed ones by id
// (GlpiIds, glpi_ids.h), in a session of its own once Pull's has ended, in the same request budget.
ConnectorFactory GlpiConnectorFactory();

}  // namespace crosswalk::glpi

#endif  // CROSSWALK_CONNECTORS_GLPI_GLPI_CONNECTOR_H_
