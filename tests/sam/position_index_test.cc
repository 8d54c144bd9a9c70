// The incremental licence position (issue 13 Deliver 9): after any sequence of inventory changes
// PositionIndex::Position() equals a full ComputePosition over the current inputs (randomised,
// fixed seed, every metric, allocations, versions, names shared by devices, renames), and a change
// computes again only the products it touches (hand cases).
#include "gateway/sam/position_index.h"

#include <algorithm>

#include <random>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace crosswalk::sam {
namespace {

constexpr int64_t kAsOf = 1748736000;  // 2025-06-01
constexpr int64_t kDay = 86400;

LicensedDevice Machine(const std::string& key, const std::string& name, int processors, int cores) {
  return LicensedDevice{.key = key, .name = name, .processors = processors, .cores = cores, .virtual_machine = false, .cpu = "Xeon"};
}

LicensedInstall On(const std::string& id, const std::string& device, const std::string& product, const std::string& user = "") {
  return LicensedInstall{.id = id, .device = device, .user = user, .publisher = "Microsoft", .product = product, .version = "", .edition = ""};
}

Entitlement Bought(const std::string& id, const std::string& product, Metric metric, int64_t quantity) {
  Entitlement e;
  e.id = id;
  e.publisher = "Microsoft";
  e.product = product;
  e.metric = metric;
  e.quantity = quantity;
  return e;
}

PositionOptions Options() {
  PositionOptions options;
  options.as_of = kAsOf;
  options.core_factors = {{"sparc", 0.25}};
  return options;
}

const ProductPosition* Find(const LicencePosition& p, const std::string& product) {
  for (const ProductPosition& pp : p.products) {
    if (pp.product == product) return &pp;
  }
  return nullptr;
}

void ExpectSameAsFull(const PositionIndex& index, const PositionOptions& options, const std::string& step) {
  const LicencePosition full = ComputePosition(index.Devices(), index.Installs(), index.Entitlements(), options);
  const LicencePosition incremental = index.Position();
  ASSERT_EQ(incremental.products.size(), full.products.size()) << step;
  ASSERT_EQ(incremental.demands.size(), full.demands.size()) << step;
  for (size_t n = 0; n < full.products.size(); ++n) EXPECT_TRUE(incremental.products[n] == full.products[n]) << step << ": " << full.products[n].product;
  for (size_t n = 0; n < full.demands.size(); ++n) EXPECT_TRUE(incremental.demands[n] == full.demands[n]) << step << ": " << full.demands[n].subject;
}

// Random inputs over few products, devices and users, so that demands share entitlements.
class RandomEstate {
 public:
  explicit RandomEstate(uint32_t seed) : rng_(seed) {}

  int Pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }

  // Device k<n>, named pc-<n> or, one time in three, another pc-<m>: names are shared (an
  // allocation to a shared name stands for the smaller key) and upserts rename.
  LicensedDevice Device(int n) {
    LicensedDevice d = Machine(absl::StrCat("k", n), absl::StrCat("pc-", Pick(3) == 0 ? Pick(12) : n), Pick(3), Pick(40));
    d.virtual_machine = Pick(3) == 0;
    d.cpu = Pick(4) == 0 ? "SPARC T8" : "Xeon Gold";
    return d;
  }

  LicensedInstall Install(const std::string& device) {
    static const char* kProducts[] = {"Office", "OFFICE", "Visio", "SQL Server", "Oracle Database", "AutoCAD", "Project", "Windows Server"};
    LicensedInstall i = On(absl::StrCat("i", next_id_++), device, kProducts[Pick(8)], Pick(4) == 0 ? "" : absl::StrCat("user", Pick(6)));
    if (i.product == "Oracle Database" || i.product == "AutoCAD") i.publisher = i.product == "AutoCAD" ? "Autodesk" : "Oracle";
    static const char* kVersions[] = {"", "2016", "2019", "2021"};
    i.version = kVersions[Pick(4)];
    i.edition = Pick(5) == 0 ? "Standard" : "";
    return i;
  }

  std::vector<LicensedInstall> Installs(const std::string& device, int max) {
    std::vector<LicensedInstall> out;
    for (int n = Pick(max + 1); n > 0; --n) out.push_back(Install(device));
    return out;
  }

  Entitlement Purchase(int n) {
    static const Metric kMetrics[] = {Metric::kDevice, Metric::kUser, Metric::kCore, Metric::kProcessor, Metric::kNamedUserPlus, Metric::kConcurrent, Metric::kSite};
    const LicensedInstall product = Install("");
    auto e = Bought(absl::StrCat("e", n % 23), product.product, kMetrics[Pick(7)], Pick(30));
    e.publisher = product.publisher;
    if (Pick(3) == 0) e.priority = 1 + Pick(3);
    if (Pick(4) == 0) e.valid_to = kAsOf + (Pick(3) - 1) * 400 * kDay;
    if (Pick(6) == 0) e.valid_from = kAsOf + (Pick(2) == 0 ? -kDay : kDay);
    if (Pick(2) == 0) e.allocated_to = {Pick(2) == 0 ? absl::StrCat("pc-", Pick(12)) : absl::StrCat("K", Pick(12)), absl::StrCat("user", Pick(6))};
    if (Pick(3) == 0) e.version_scope = Pick(2) == 0 ? "2019" : "2021";
    e.downgrade = Pick(2) == 0;
    if (Pick(6) == 0) e.edition = "standard";
    return e;
  }

 private:
  std::mt19937 rng_;
  int next_id_ = 0;
};

TEST(PositionIndexTest, EqualsAFullRecomputeAfterEveryRandomChange) {
  RandomEstate estate(13);
  std::vector<LicensedDevice> devices;
  std::vector<LicensedInstall> installs;
  for (int n = 0; n < 10; ++n) {
    devices.push_back(estate.Device(n));
    for (LicensedInstall& i : estate.Installs(devices.back().key, 12)) installs.push_back(std::move(i));
  }
  for (LicensedInstall& i : estate.Installs("k-unknown", 3)) installs.push_back(std::move(i));  // a device not in the list
  std::vector<Entitlement> entitlements;
  for (int n = 0; n < 30; ++n) entitlements.push_back(estate.Purchase(n));
  PositionOptions options = Options();
  options.concurrent_peaks["autodesk|autocad"] = 3;

  // The index orders installs by device key ("k-unknown" < "k0"): in that order, its inputs are
  // the original ones.
  std::stable_sort(installs.begin(), installs.end(), [](const LicensedInstall& a, const LicensedInstall& b) { return a.device < b.device; });
  PositionIndex index(devices, installs, entitlements, options);
  ASSERT_TRUE(index.Position() == ComputePosition(devices, installs, entitlements, options));
  ExpectSameAsFull(index, options, "built");
  for (int step = 0; step < 200; ++step) {
    const std::string key = absl::StrCat("k", estate.Pick(12));  // k10, k11: not devices until upserted
    switch (estate.Pick(4)) {
      case 0: case 1: index.ReplaceDeviceInstalls(key, estate.Installs(key, 6)); break;
      case 2: index.UpsertDevice(estate.Device(estate.Pick(12))); break;
      default: index.RemoveDevice(key); break;
    }
    ExpectSameAsFull(index, options, absl::StrCat("step ", step));
    if (testing::Test::HasFailure()) return;
  }
}

TEST(PositionIndexTest, ADeviceGainingAProductComputesOnlyThatProduct) {
  PositionIndex index({Machine("k1", "pc1", 1, 4), Machine("k2", "pc2", 1, 4)}, {On("a", "k1", "Office"), On("b", "k1", "Visio")},
                      {Bought("e1", "Office", Metric::kDevice, 1)}, Options());
  index.ReplaceDeviceInstalls("k2", {On("c", "k2", "Office")});
  EXPECT_EQ(index.last_recomputed(), 1u);  // Office: pc2 ran nothing before
  const LicencePosition p = index.Position();
  const ProductPosition* office = Find(p, "Office");
  ASSERT_NE(office, nullptr);
  // 2 devices need 1 each = 2; owned 1; 1 − 2 = −1; pc2 (second demand) finds e1 used up.
  EXPECT_EQ(office->consumed, 2);
  EXPECT_EQ(office->shortfall, 1);
  EXPECT_EQ(office->position, -1);
  ASSERT_EQ(p.demands.size(), 3u);  // Office pc1, Office pc2, Visio pc1
  EXPECT_EQ(p.demands[1].subject, "pc2");
  EXPECT_EQ(p.demands[1].considered.at(0).rejected, "used up by earlier demands");
}

TEST(PositionIndexTest, LosingTheLastInstallOfAProduct) {
  PositionIndex index({Machine("k1", "pc1", 1, 4), Machine("k2", "pc2", 1, 4)},
                      {On("a", "k1", "Office"), On("b", "k1", "Visio"), On("c", "k2", "Visio"), On("d", "k1", "Project")},
                      {Bought("e1", "Office", Metric::kDevice, 1)}, Options());
  index.ReplaceDeviceInstalls("k1", {On("b2", "k1", "Visio")});
  EXPECT_EQ(index.last_recomputed(), 2u);  // Office and Visio; Project (also on pc1) is dropped, not computed
  const LicencePosition p = index.Position();
  // Office keeps its entitlement: owned 1, consumed 0, position 1. Project had no entitlement
  // and no install is left: it is gone. Visio: pc1's new install, then pc2 — by device key (k1 <
  // k2), whatever order the devices changed in.
  ASSERT_EQ(p.products.size(), 2u);
  EXPECT_EQ(p.products[0].product, "Office");
  EXPECT_EQ(p.products[0].consumed, 0);
  EXPECT_EQ(p.products[0].position, 1);
  EXPECT_EQ(p.products[1].product, "Visio");
  EXPECT_EQ(p.products[1].consumed, 2);
  ASSERT_EQ(p.demands.size(), 2u);
  EXPECT_EQ(p.demands[0].subject, "pc1");
  EXPECT_THAT(p.demands[0].installs, testing::ElementsAre("b2"));
  EXPECT_EQ(p.demands[1].subject, "pc2");
  ExpectSameAsFull(index, Options(), "after");
}

TEST(PositionIndexTest, ARemovedDeviceTakesItsInstallsAndItsAllocation) {
  Entitlement allocated = Bought("e1", "Office", Metric::kDevice, 1);
  allocated.allocated_to = {"pc1"};
  PositionIndex index({Machine("k1", "pc1", 1, 4), Machine("k2", "pc2", 1, 4)}, {On("a", "k1", "Office"), On("b", "k2", "Office")},
                      {allocated}, Options());
  ASSERT_EQ(index.Position().products.at(0).shortfall, 1);  // pc2: e1 is pc1's
  index.RemoveDevice("k1");
  const LicencePosition p = index.Position();
  // Only pc2 is left: needs 1, e1 is allocated to pc1: shortfall 1, position 1 − 1 = 0.
  ASSERT_EQ(p.demands.size(), 1u);
  EXPECT_EQ(p.demands[0].subject, "pc2");
  EXPECT_EQ(p.demands[0].considered.at(0).rejected, "allocated to pc1");
  EXPECT_EQ(p.products.at(0).consumed, 1);
  EXPECT_EQ(p.products.at(0).shortfall, 1);
  EXPECT_EQ(p.products.at(0).position, 0);
  EXPECT_EQ(index.Devices().size(), 1u);
  EXPECT_EQ(index.Installs().size(), 1u);
}

TEST(PositionIndexTest, AnUpsertedDeviceIsCountedWithItsNewCores) {
  PositionIndex index({Machine("k1", "db1", 2, 16)}, {On("a", "k1", "SQL Server"), On("b", "k1", "Visio")},
                      {Bought("e1", "SQL Server", Metric::kCore, 16)}, Options());
  ASSERT_EQ(index.Position().products.at(0).consumed, 16);  // every core, at least 4 per processor: 16
  index.UpsertDevice(Machine("k1", "db1", 2, 24));
  EXPECT_EQ(index.last_recomputed(), 2u);  // SQL Server and Visio run on db1; the name is unchanged
  // 24 cores, at least 2 × 4: 24; owned 16: position −8.
  EXPECT_EQ(index.Position().products.at(0).consumed, 24);
  EXPECT_EQ(index.Position().products.at(0).position, -8);
}

}  // namespace
}  // namespace crosswalk::sam
