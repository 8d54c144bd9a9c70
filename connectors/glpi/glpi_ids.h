#ifndef CROSSWALK_CONNECTORS_GLPI_GLPI_IDS_H_
#define CROSSWALK_CONNECTORS_GLPI_GLPI_IDS_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "connectors/connector.h"
#include "connectors/glpi/glpi_options.h"
#include "connectors/http/http_client.h"

namespace crosswalk::glpi {

// One GET of the run's request budget, sent by the connector in its GLPI session: a 2xx or a 400
// (which the caller reads), and with `item_lookup` a 404 too; any other answer is the error the
// connector makes of it (RESOURCE_EXHAUSTED when the budget is spent, PERMISSION_DENIED for
// ERROR_RIGHT_MISSING).
using GlpiGet = std::function<absl::StatusOr<HttpResponse>(HttpRequest request, bool item_lookup)>;

// The `glpi` source's id listing (issue 12: deletes by id reconciliation), docs/connectors/glpi.md.
// Native ids are Pull's, "{itemtype}/{id}". An item in GLPI's trash (is_deleted = 1) is gone for
// the source, as Pull reads with is_deleted=0.
//
// ListIds: each itemtype of `itemtypes` in turn, GET /apirest.php/{itemtype}?only_id=true
// &is_deleted=0&sort=id&order=ASC&range=A-B, page_size ids a request. Sorted by id, an item edited
// or created while listing does not shift the pages; one purged or trashed before the position
// shifts the rest back, so an item can be skipped — StillPresent catches it. An empty collection
// (200 [] or 400 ERROR_RANGE_EXCEED_TOTAL on the first range) lists nothing. Not known complete, so
// failed: a range past the end after the first (the collection shrank while listed: UNAVAILABLE),
// an empty page before Content-Range's total, or fewer distinct ids than that total at the end
// (DATA_LOSS), a 206 without Content-Range.
//
// StillPresent: GET /apirest.php/{itemtype}/{id} per id: 200 is present unless is_deleted is 1;
// 404 ERROR_ITEM_NOT_FOUND is gone; an id of an itemtype not in `itemtypes` (or not an id of this
// form) is gone without asking; any other answer fails.
class GlpiIds : public IdLister {
 public:
  GlpiIds(const GlpiOptions& options, GlpiGet get) : options_(options), get_(std::move(get)) {}

  absl::Status ListIds(const std::function<absl::Status(const std::string&)>& each) override;
  absl::StatusOr<std::vector<std::string>> StillPresent(const std::vector<std::string>& ids) override;
  ReconcilePolicy policy() const override { return options_.source.reconcile; }

 private:
  absl::Status ListItemtype(const std::string& itemtype, const std::function<absl::Status(const std::string&)>& each);
  // Whether the item is there and not in the trash.
  absl::StatusOr<bool> Present(const std::string& itemtype, int64_t id);

  const GlpiOptions& options_;
  GlpiGet get_;
};

}  // namespace crosswalk::glpi

#endif  // CROSSWALK_CONNECTORS_GLPI_GLPI_IDS_H_
