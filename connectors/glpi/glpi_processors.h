#ifndef CROSSWALK_CONNECTORS_GLPI_GLPI_PROCESSORS_H_
#define CROSSWALK_CONNECTORS_GLPI_GLPI_PROCESSORS_H_

// The processors and cores of GLPI's computers, which per-processor and per-core licences count.
// GLPI keeps them apart from the computer: one Item_DeviceProcessor row per physical processor
// (socket) of an item, with its nbcores. The connector reads every row before the computers and
// gives each computer record its sums (docs/connectors/glpi.md, "Software asset management").

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "gateway/core/record.h"

namespace crosswalk::glpi {

// One Item_DeviceProcessor row as read without expand_dropdowns.
struct GlpiProcessorRow {
  int64_t id = 0;
  std::string itemtype;  // of the item the processor is in: "Computer", …
  int64_t items_id = 0;
  int64_t nbcores = 0;   // 0 when GLPI does not know (absent, null, 0 or not a number)
};

// Reads a collection page of Item_DeviceProcessor. Unlike ParseGlpiCollection it needs no date_mod:
// GLPI's device rows have none. INVALID_ARGUMENT for GLPI's error array, a body that is not a JSON
// array, or an item (named by position) that is not an object or has no positive id.
absl::StatusOr<std::vector<GlpiProcessorRow>> ParseGlpiProcessorPage(std::string_view body);

// Per computer: how many processors GLPI lists, and their cores when every one says how many.
class ComputerProcessors {
 public:
  // At most this many computers with processors: a GLPI larger than that is refused, not read into
  // memory.
  static constexpr size_t kMaxComputers = 4'000'000;

  explicit ComputerProcessors(size_t max_computers = kMaxComputers) : max_computers_(max_computers) {}

  // Counts the rows of a page; rows of other itemtypes, or of no item, are skipped.
  // RESOURCE_EXHAUSTED past kMaxComputers.
  absl::Status Add(const std::vector<GlpiProcessorRow>& rows);

  // Gives the record of computer `id` the roles processors and cores (type number); none when GLPI
  // lists no processor of it, and no cores when one of its processors does not say its cores.
  void Describe(int64_t id, RawRecord& computer) const;

  // A digest of every computer's (id, processors, cores): it changes when any count does, so that
  // a run returns every computer again (a processor changed does not move the computer's date_mod).
  std::string Fingerprint() const;

  size_t size() const { return computers_.size(); }

 private:
  struct Count {
    int64_t processors = 0;
    int64_t cores = 0;
    bool cores_known = true;
  };
  std::map<int64_t, Count> computers_;  // ordered: the fingerprint reads it in id order
  size_t max_computers_;
};

}  // namespace crosswalk::glpi

#endif  // CROSSWALK_CONNECTORS_GLPI_GLPI_PROCESSORS_H_
