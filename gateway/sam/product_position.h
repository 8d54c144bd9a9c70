#ifndef CROSSWALK_GATEWAY_SAM_PRODUCT_POSITION_H_
#define CROSSWALK_GATEWAY_SAM_PRODUCT_POSITION_H_

// The licence position of one product (internal to crosswalk_sam): what ComputePosition does for
// every product and PositionIndex for the products an inventory change touched. A product's
// position depends only on its own installs and entitlements (an entitlement belongs to one
// product) and on the devices those installs run on.

#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "gateway/sam/licence_position.h"

namespace crosswalk::sam {

// "publisher|product" as compared (MatchKey of each): the identity of a product.
std::string ProductKey(const std::string& publisher, const std::string& product);

// The devices as a position reads them: by key, and a demand's subject (a device name) back to
// its key for allocations. A name shared by several devices stands for the first one added.
struct DeviceLookup {
  absl::flat_hash_map<std::string, const LicensedDevice*> by_key;
  absl::flat_hash_map<std::string, std::string> key_by_name;

  void Add(const LicensedDevice& device) {
    by_key[device.key] = &device;
    key_by_name.emplace(device.name, device.key);
  }
};

struct ProductResult {
  ProductPosition position;
  std::vector<Demand> demands;  // in the order their first install came
};

// The position of the product `key` (ProductKey) from its installs and entitlements, each in
// input order (the order decides which demand consumes first and which install speaks for a
// demand's version). Named after its first install, else its first entitlement.
ProductResult ComputeProductPosition(const std::string& key, const std::vector<const LicensedInstall*>& installs,
                                     const std::vector<const Entitlement*>& entitlements, const DeviceLookup& devices,
                                     const PositionOptions& options);

}  // namespace crosswalk::sam

#endif  // CROSSWALK_GATEWAY_SAM_PRODUCT_POSITION_H_
