#ifndef CROSSWALK_GATEWAY_SAM_POSITION_INDEX_H_
#define CROSSWALK_GATEWAY_SAM_POSITION_INDEX_H_

// The licence position kept up to date as inventories change (issue 13 Deliver 9): after one
// device's installs change, only the products that device ran before or runs now are computed
// again. That is exact because a product's position depends only on its own installs and
// entitlements (an entitlement belongs to one product, allocations included) and the devices
// running it.

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "gateway/sam/licence_position.h"
#include "gateway/sam/product_position.h"

namespace crosswalk::sam {

// Position() always equals ComputePosition(Devices(), Installs(), Entitlements(), options). The
// current inputs are: the devices by key (a name shared by two devices stands for the smaller
// key in allocations); the installs by device key, then in the order given for the device (so
// the position does not depend on the order in which devices changed: demands consume a
// product's pooled entitlements in device order, as a full recompute over installs in that order
// does); the entitlements as given.
class PositionIndex {
 public:
  // Computes every product's position.
  PositionIndex(const std::vector<LicensedDevice>& devices, const std::vector<LicensedInstall>& installs,
                std::vector<Entitlement> entitlements, PositionOptions options);
  PositionIndex(const PositionIndex&) = delete;
  PositionIndex& operator=(const PositionIndex&) = delete;

  // The device's inventory is now `installs` (each install's `device` is set to `device_key`;
  // none: the device runs nothing). Recomputes the products it ran and the products it runs.
  void ReplaceDeviceInstalls(const std::string& device_key, std::vector<LicensedInstall> installs);
  // Adds or replaces a device (processors, cores… change what it needs). Recomputes its products,
  // and when the device a name stands for changes, the products with a demand of that name.
  void UpsertDevice(const LicensedDevice& device);
  // Removes a device and its installs (its inventory is gone).
  void RemoveDevice(const std::string& key);

  // The whole position, assembled from the per-product results: O(size of the position).
  LicencePosition Position() const;
  // How many products the last change computed again.
  size_t last_recomputed() const { return last_recomputed_; }

  std::vector<LicensedDevice> Devices() const;
  std::vector<LicensedInstall> Installs() const;
  const std::vector<Entitlement>& Entitlements() const { return entitlements_; }

 private:
  struct Stored {
    uint64_t order;  // position among the current installs
    LicensedInstall install;
    const std::string* product;  // the key of its entry in products_
  };
  struct Product {
    std::vector<std::pair<uint64_t, const LicensedInstall*>> installs;  // by order
    std::vector<const Entitlement*> entitlements;
    ProductResult result;
  };

  // Takes the device's installs out of their products, adding those products to `affected`.
  void TakeInstalls(const std::string& device_key, std::set<std::string>* affected);
  // Stores the device's new installs after every other, adding their products to `affected`.
  void PutInstalls(const std::string& device_key, std::vector<LicensedInstall> installs, std::set<std::string>* affected);
  // Sets (or, with nullptr, removes) a device; adds to `affected` the products whose demands of
  // its old or new name now stand for another device.
  void SetDevice(const std::string& key, const LicensedDevice* device, std::set<std::string>* affected);
  void AddProductsOf(const std::string& device_key, std::set<std::string>* affected) const;
  void Recompute(const std::set<std::string>& affected);

  std::vector<Entitlement> entitlements_;
  PositionOptions options_;
  std::unordered_map<std::string, LicensedDevice> devices_;
  std::map<std::string, std::set<std::string>> keys_by_name_;
  DeviceLookup lookup_;  // over devices_: by key, and each name to its smallest key
  std::unordered_map<std::string, std::vector<Stored>> installs_by_device_;
  std::map<std::string, Product> products_;  // by ProductKey
  uint64_t next_order_ = 0;
  size_t last_recomputed_ = 0;
};

}  // namespace crosswalk::sam

#endif  // CROSSWALK_GATEWAY_SAM_POSITION_INDEX_H_
