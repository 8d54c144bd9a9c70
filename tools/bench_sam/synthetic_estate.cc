#include "tools/bench_sam/synthetic_estate.h"

#include <algorithm>
#include <cmath>
#include <random>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace crosswalk::sam::bench {
namespace {

constexpr int kPublishers = 200;
constexpr int64_t kAsOf = 1780272000;  // 2026-06-01
constexpr int64_t kDay = 86400;

// What a product's entitlements mostly count: Microsoft (publisher 0) servers per core, Oracle
// (publisher 1) per processor or NUP, the others mostly per device.
Metric ProductMetric(int product) {
  const int publisher = product % kPublishers, series = product / kPublishers;
  if (publisher == 0) return series % 3 == 0 ? Metric::kCore : (series % 3 == 1 ? Metric::kDevice : Metric::kUser);
  if (publisher == 1) return series % 2 == 0 ? Metric::kProcessor : Metric::kNamedUserPlus;
  const int kind = (product * 7919) % 100;
  return kind < 75 ? Metric::kDevice : (kind < 95 ? Metric::kUser : Metric::kSite);
}

}  // namespace

std::string PublisherOf(int product) {
  const int publisher = product % kPublishers;
  return publisher == 0 ? "Microsoft" : publisher == 1 ? "Oracle" : absl::StrFormat("Publisher %03d", publisher);
}

std::string ProductName(int product) {
  // Some of Microsoft's per-core products are SQL Server (a VM's minimum is 4 cores, not 8).
  if (product % kPublishers == 0 && (product / kPublishers) % 6 == 0) return absl::StrFormat("SQL Server %04d", product);
  return absl::StrFormat("Product %04d", product);
}

Estate Generate(int64_t installs, int64_t devices, int64_t entitlements) {
  std::mt19937_64 rng(13);
  auto below = [&](int64_t n) { return static_cast<int64_t>(rng() % static_cast<uint64_t>(n)); };
  auto chance = [&](int percent) { return below(100) < percent; };
  static const char* kVersions[] = {"2016", "2019", "2021"};
  Estate estate;
  estate.options.as_of = kAsOf;
  estate.options.core_factors = {{"sparc", 0.25}, {"power", 1.0}};
  estate.options.default_core_factor = 0.5;

  for (int64_t n = 0; n < devices; ++n) {
    LicensedDevice d;
    d.key = absl::StrFormat("dev-%07d", n);
    d.name = absl::StrFormat("host-%07d", n);
    d.virtual_machine = chance(33);
    d.processors = d.virtual_machine ? 1 : static_cast<int>(1 << below(3));
    d.cores = d.processors * static_cast<int>(d.virtual_machine ? 2 + below(15) : 2 + 2 * below(16));
    const int64_t cpu = below(10);
    d.cpu = cpu == 0 ? "SPARC T8" : cpu == 1 ? "IBM POWER9" : "Intel Xeon Gold 6338";
    estate.devices.push_back(std::move(d));
  }
  const int64_t users = std::max<int64_t>(1, devices / 2);
  for (int64_t n = 0; n < installs; ++n) {
    // Popular products first: u² puts half of the installs on the first quarter of the products.
    const double u = static_cast<double>(below(1 << 30)) / (1 << 30);
    const int product = static_cast<int>(u * u * kProducts);
    const int64_t device = below(devices);
    LicensedInstall i;
    i.id = absl::StrCat("inst-", n);
    i.device = estate.devices[device].key;
    i.user = chance(5) ? "" : absl::StrFormat("user%06d", device % users);
    i.publisher = PublisherOf(product);
    i.product = ProductName(product);
    i.version = kVersions[below(3)];
    estate.installs.push_back(std::move(i));
  }
  // By device, as the gateway hands a machine's installs over and as PositionIndex orders them.
  std::stable_sort(estate.installs.begin(), estate.installs.end(),
                   [](const LicensedInstall& a, const LicensedInstall& b) { return a.device < b.device; });
  for (int64_t n = 0; n < entitlements; ++n) {
    const int product = static_cast<int>(below(kProducts));
    Entitlement e;
    e.id = absl::StrFormat("ENT-%06d", n);
    e.publisher = PublisherOf(product);
    e.product = ProductName(product);
    e.metric = ProductMetric(product);
    if (chance(10)) e.metric = e.metric == Metric::kDevice ? Metric::kUser : Metric::kDevice;
    switch (e.metric) {
      case Metric::kCore: e.quantity = 16 + 2 * below(500); break;
      case Metric::kNamedUserPlus: e.quantity = 25 + below(1000); break;
      case Metric::kSite: e.quantity = 0; break;
      default: e.quantity = 1 + below(200); break;
    }
    const int64_t validity = below(100);
    if (validity < 15) e.valid_to = kAsOf - (1 + below(700)) * kDay;                    // expired
    else if (validity < 18) e.valid_from = kAsOf + (1 + below(300)) * kDay;             // not valid yet
    else if (validity < 50) e.valid_to = kAsOf + (1 + below(1000)) * kDay;              // runs out later
    if (validity >= 18 || chance(50)) e.valid_from = e.valid_from.value_or(kAsOf - (1 + below(1500)) * kDay);
    if (chance(40)) e.priority = static_cast<int>(1 + below(3));
    if (chance(20)) {
      e.version_scope = "2019";
      e.downgrade = chance(50);
    }
    if (chance(5)) {
      for (int64_t k = 1 + below(3); k > 0; --k) e.allocated_to.push_back(estate.devices[below(devices)].name);
    }
    estate.entitlements.push_back(std::move(e));
  }
  return estate;
}

}  // namespace crosswalk::sam::bench
