#include "gateway/sam/position_index.h"

#include <algorithm>
#include <iterator>
#include <utility>

#include "absl/strings/str_cat.h"

namespace crosswalk::sam {
namespace {

// A product's installs in the index's order: by device key, then as given for the device.
bool Before(const std::pair<uint64_t, const LicensedInstall*>& a, const std::pair<uint64_t, const LicensedInstall*>& b) {
  const int by_device = a.second->device.compare(b.second->device);
  return by_device != 0 ? by_device < 0 : a.first < b.first;
}

}  // namespace

PositionIndex::PositionIndex(const std::vector<LicensedDevice>& devices, const std::vector<LicensedInstall>& installs,
                             std::vector<Entitlement> entitlements, PositionOptions options)
    : entitlements_(std::move(entitlements)), options_(std::move(options)) {
  std::set<std::string> unused;
  for (const LicensedDevice& d : devices) SetDevice(d.key, &d, &unused);
  // Installs name few distinct products: each spelling is folded into its key once.
  std::unordered_map<std::string, const std::string*> key_by_spelling;
  for (const LicensedInstall& i : installs) {
    auto [spelling, added] = key_by_spelling.try_emplace(absl::StrCat(i.publisher, "\x1f", i.product), nullptr);
    if (added) spelling->second = &products_.try_emplace(ProductKey(i.publisher, i.product)).first->first;
    installs_by_device_[i.device].push_back(Stored{next_order_++, i, spelling->second});
  }
  for (const auto& [device, stored] : installs_by_device_) {
    for (const Stored& s : stored) products_.at(*s.product).installs.emplace_back(s.order, &s.install);
  }
  for (const Entitlement& e : entitlements_) products_[ProductKey(e.publisher, e.product)].entitlements.push_back(&e);
  for (auto& [key, product] : products_) {
    std::sort(product.installs.begin(), product.installs.end(), Before);
    unused.insert(key);
  }
  Recompute(unused);
}

void PositionIndex::ReplaceDeviceInstalls(const std::string& device_key, std::vector<LicensedInstall> installs) {
  std::set<std::string> affected;
  TakeInstalls(device_key, &affected);
  PutInstalls(device_key, std::move(installs), &affected);
  Recompute(affected);
}

void PositionIndex::UpsertDevice(const LicensedDevice& device) {
  std::set<std::string> affected;
  SetDevice(device.key, &device, &affected);
  AddProductsOf(device.key, &affected);
  Recompute(affected);
}

void PositionIndex::RemoveDevice(const std::string& key) {
  std::set<std::string> affected;
  SetDevice(key, nullptr, &affected);
  TakeInstalls(key, &affected);
  Recompute(affected);
}

void PositionIndex::AddProductsOf(const std::string& device_key, std::set<std::string>* affected) const {
  const auto found = installs_by_device_.find(device_key);
  if (found == installs_by_device_.end()) return;
  for (const Stored& s : found->second) affected->insert(*s.product);
}

void PositionIndex::TakeInstalls(const std::string& device_key, std::set<std::string>* affected) {
  const auto found = installs_by_device_.find(device_key);
  if (found == installs_by_device_.end()) return;
  std::set<std::string> touched;
  AddProductsOf(device_key, &touched);
  for (const std::string& key : touched) {
    std::erase_if(products_.at(key).installs, [&](const auto& entry) { return entry.second->device == device_key; });
  }
  installs_by_device_.erase(found);
  affected->merge(touched);
}

void PositionIndex::PutInstalls(const std::string& device_key, std::vector<LicensedInstall> installs, std::set<std::string>* affected) {
  if (installs.empty()) return;
  std::vector<Stored>& stored = installs_by_device_[device_key];
  for (LicensedInstall& i : installs) {
    i.device = device_key;
    const std::string key = ProductKey(i.publisher, i.product);
    stored.push_back(Stored{next_order_++, std::move(i), &products_.try_emplace(key).first->first});
  }
  // Each into its place in its product's list (by device key, then as given).
  for (const Stored& s : stored) {
    auto& list = products_.at(*s.product).installs;
    const std::pair<uint64_t, const LicensedInstall*> entry(s.order, &s.install);
    list.insert(std::upper_bound(list.begin(), list.end(), entry, Before), entry);
    affected->insert(*s.product);
  }
}

void PositionIndex::SetDevice(const std::string& key, const LicensedDevice* device, std::set<std::string>* affected) {
  const auto current = devices_.find(key);
  std::set<std::string> names;  // whose device may change
  if (current != devices_.end()) names.insert(current->second.name);
  if (device != nullptr) names.insert(device->name);
  std::map<std::string, std::string> before;
  for (const std::string& name : names) before[name] = lookup_.key_by_name.contains(name) ? lookup_.key_by_name.at(name) : "";

  if (current != devices_.end()) {
    std::set<std::string>& keys = keys_by_name_[current->second.name];
    keys.erase(key);
    if (keys.empty()) keys_by_name_.erase(current->second.name);
  }
  if (device != nullptr) {
    LicensedDevice& slot = devices_[key];  // a node: its address stays while the device does
    slot = *device;
    lookup_.by_key[key] = &slot;
    keys_by_name_[slot.name].insert(key);
  } else if (current != devices_.end()) {
    lookup_.by_key.erase(key);
    devices_.erase(current);
  }

  std::set<std::string> changed;
  for (const std::string& name : names) {
    const auto keys = keys_by_name_.find(name);
    const std::string now = keys != keys_by_name_.end() ? *keys->second.begin() : "";
    if (now.empty()) lookup_.key_by_name.erase(name); else lookup_.key_by_name[name] = now;
    if (now != before[name]) changed.insert(name);
  }
  if (changed.empty()) return;
  // Allocations read a demand's subject through the name → key map: every product with a demand
  // of a changed name is computed again. Rare (a device added, removed or renamed), so a scan.
  for (const auto& [product_key, product] : products_) {
    for (const Demand& d : product.result.demands) {
      if (changed.contains(d.subject)) {
        affected->insert(product_key);
        break;
      }
    }
  }
}

void PositionIndex::Recompute(const std::set<std::string>& affected) {
  last_recomputed_ = 0;
  for (const std::string& key : affected) {
    const auto found = products_.find(key);
    if (found == products_.end()) continue;
    Product& product = found->second;
    if (product.installs.empty() && product.entitlements.empty()) {
      products_.erase(found);
      continue;
    }
    std::vector<const LicensedInstall*> installs;
    installs.reserve(product.installs.size());
    for (const auto& [order, install] : product.installs) installs.push_back(install);
    product.result = ComputeProductPosition(key, installs, product.entitlements, lookup_, options_);
    ++last_recomputed_;
  }
}

LicencePosition PositionIndex::Position() const {
  LicencePosition position;
  for (const auto& [key, product] : products_) {
    position.products.push_back(product.result.position);
    position.demands.insert(position.demands.end(), product.result.demands.begin(), product.result.demands.end());
  }
  return position;
}

std::vector<LicensedDevice> PositionIndex::Devices() const {
  std::vector<LicensedDevice> out;
  for (const auto& [key, device] : devices_) out.push_back(device);
  std::sort(out.begin(), out.end(), [](const LicensedDevice& a, const LicensedDevice& b) { return a.key < b.key; });
  return out;
}

std::vector<LicensedInstall> PositionIndex::Installs() const {
  std::vector<const Stored*> all;
  for (const auto& [device, stored] : installs_by_device_) {
    for (const Stored& s : stored) all.push_back(&s);
  }
  std::sort(all.begin(), all.end(), [](const Stored* a, const Stored* b) {
    return Before({a->order, &a->install}, {b->order, &b->install});
  });
  std::vector<LicensedInstall> out;
  out.reserve(all.size());
  for (const Stored* s : all) out.push_back(s->install);
  return out;
}

}  // namespace crosswalk::sam
