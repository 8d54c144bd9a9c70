#ifndef CROSSWALK_CONNECTORS_GLPI_GLPI_PAGE_H_
#define CROSSWALK_CONNECTORS_GLPI_GLPI_PAGE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "gateway/core/record.h"

namespace crosswalk::glpi {

// One item of a collection page (GET /apirest.php/{itemtype}), read into a raw record.
struct GlpiItem {
  int64_t id = 0;
  int64_t date_mod_ms = 0;  // date_mod read in the server's zone, as Unix ms UTC: the sync's key
  RawRecord record;
};

// Reads a collection page: a JSON array of objects (expand_dropdowns=true: dropdowns as names).
// Each item becomes a record with native id "{itemtype}/{id}", native kind = itemtype, location
// "GLPI Ticket 12". Roles (docs/connectors/glpi.md): name → title, date_mod → updated, date →
// opened, solvedate → resolved, closedate → closed (datetimes read in `zone`, handed over UTC),
// status (ITIL objects), priority, impact, urgency, itilcategories_id → category; of assets
// (Computer, Monitor, NetworkEquipment, Phone, Printer) states_id → status and users_id → user;
// serial, uuid, and last_inventory_update → last_seen (when GLPI's inventory last saw it); kind is
// Ticket's `type` (1 incident, 2 request: the glpi value rules translate both) and the
// lower-cased itemtype for every other itemtype. Every other field is an extra (JSON text when
// not a string or number). GLPI's zero date "0000-00-00 00:00:00" and null are absent.
// INVALID_ARGUMENT for GLPI's error array ["ERROR_…","message"] (with both), a body that is not
// a JSON array, or an item (named by position and id) without a positive id or a date_mod.
absl::StatusOr<std::vector<GlpiItem>> ParseGlpiCollection(std::string_view body, const std::string& itemtype,
                                                          const absl::TimeZone& zone);

// Reads an id listing's page (only_id=true: [{"id":12},…]): the ids in order. INVALID_ARGUMENT for
// GLPI's error array, a body that is not a JSON array, or an item (named by position) without a
// positive id.
absl::StatusOr<std::vector<int64_t>> ParseGlpiIdList(std::string_view body);

// GLPI's "YYYY-MM-DD HH:MM:SS" (seconds optional) wall-clock time in `zone` → Unix ms UTC (the
// earlier reading in a repeated hour); std::nullopt for anything else, the zero date included.
std::optional<int64_t> ParseGlpiTime(std::string_view text, const absl::TimeZone& zone);

// Content-Range as GLPI sends it: "0-49/200" (no unit; "items 0-49/200" accepted too).
struct ContentRange {
  int64_t first = 0, last = 0, total = 0;
};
std::optional<ContentRange> ParseContentRange(std::string_view text);

// GLPI's error array in `body` as {code, message}, or std::nullopt when the body is not one.
struct GlpiError {
  std::string code, message;
};
std::optional<GlpiError> ParseGlpiError(std::string_view body);

}  // namespace crosswalk::glpi

#endif  // CROSSWALK_CONNECTORS_GLPI_GLPI_PAGE_H_
