#ifndef CROSSWALK_CONNECTORS_GLPI_GLPI_SOFTWARE_H_
#define CROSSWALK_CONNECTORS_GLPI_GLPI_SOFTWARE_H_

// GLPI's installations for software asset management. An installation row (Item_SoftwareVersion)
// holds only ids: the version it installs (softwareversions_id), and the asset it is on (itemtype,
// items_id). The connector reads the names those ids stand for — SoftwareVersion (its name is the
// version; softwares_id), Software (name; manufacturers_id as the manufacturer's name), Computer
// (name) — from their collections before the installations, and writes each installation as the
// SAM views read it (docs/sam.md, docs/connectors/glpi.md).

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "absl/status/status.h"
#include "connectors/glpi/glpi_page.h"

namespace crosswalk::glpi {

// The names, by GLPI id, and the newest date_mod among them (a rename makes the installations
// worth writing again).
class SoftwareNames {
 public:
  // At most this many names in all: a GLPI larger than that is refused, not read into memory.
  static constexpr size_t kMaxNames = 4'000'000;

  explicit SoftwareNames(size_t max_names = kMaxNames) : max_names_(max_names) {}

  // The itemtypes whose names an installation needs, in the order they are read.
  static const std::vector<std::string>& Itemtypes();

  // Adds the items of a collection page of `itemtype` (one of Itemtypes()), as ParseGlpiCollection
  // read them (SoftwareVersion's without expand_dropdowns, Software's with it). RESOURCE_EXHAUSTED
  // past kMaxNames.
  absl::Status Add(const std::string& itemtype, const std::vector<GlpiItem>& items);

  // Turns an Item_SoftwareVersion record read without expand_dropdowns into an installation:
  // title and raw_name the software's name, publisher its manufacturer, version the version's
  // name, device_id "{itemtype}/{items_id}" (the asset's native id), ci the computer's name (else
  // that id), excluded when GLPI has the asset in its trash (is_deleted_item 1). The id fields it
  // read become the connector's own attributes, not unknown columns (a `name` GLPI sent is kept
  // as an unknown column: it is not the software's). A version or software GLPI
  // did not list (purged, or in the trash) leaves a title that says so, with the id.
  void NameInstallation(RawRecord& record) const;

  int64_t newest_ms() const { return newest_ms_; }
  size_t size() const { return versions_.size() + software_.size() + computers_.size(); }

 private:
  struct Version {
    std::string name;
    int64_t software = 0;
  };
  struct Software {
    std::string name, manufacturer;
  };
  std::unordered_map<int64_t, Version> versions_;
  std::unordered_map<int64_t, Software> software_;
  std::unordered_map<int64_t, std::string> computers_;
  size_t max_names_;
  int64_t newest_ms_ = 0;
};

}  // namespace crosswalk::glpi

#endif  // CROSSWALK_CONNECTORS_GLPI_GLPI_SOFTWARE_H_
