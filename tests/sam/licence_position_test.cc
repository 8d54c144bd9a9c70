// The licence position on hand-computed cases (issue 13 Deliver 4 and 8): one per metric, the
// Microsoft core minimums and 2-core packs, SQL Server on a VM, Oracle's core factor and NUP
// minimum, consumption order (allocations, unlimited, priority, expiry), downgrade rights, expired
// entitlements — and for each demand the entitlements considered with why they gave nothing.
#include "gateway/sam/licence_position.h"

#include <map>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/status_matchers.h"

namespace crosswalk::sam {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

int64_t Day(int y, int m, int d) { return absl::ToUnixSeconds(absl::FromCivil(absl::CivilDay(y, m, d), absl::UTCTimeZone())); }

LicensedDevice Device(const std::string& name, int processors, int cores, bool vm = false, const std::string& cpu = "Intel Xeon") {
  LicensedDevice d;
  d.key = "dev-" + name;
  d.name = name;
  d.processors = processors;
  d.cores = cores;
  d.virtual_machine = vm;
  d.cpu = cpu;
  return d;
}

LicensedInstall Install(const std::string& id, const std::string& device, const std::string& publisher, const std::string& product,
                        const std::string& version = "", const std::string& user = "") {
  LicensedInstall i;
  i.id = id;
  i.device = "dev-" + device;
  i.user = user;
  i.publisher = publisher;
  i.product = product;
  i.version = version;
  return i;
}

Entitlement Ent(const std::string& id, const std::string& publisher, const std::string& product, Metric metric, int64_t quantity) {
  Entitlement e;
  e.id = id;
  e.publisher = publisher;
  e.product = product;
  e.metric = metric;
  e.quantity = quantity;
  return e;
}

PositionOptions AsOf2025() {
  PositionOptions options;
  options.as_of = Day(2025, 6, 1);
  return options;
}

const ProductPosition& Only(const LicencePosition& p) { return p.products.at(0); }

TEST(LicencePositionTest, PerDeviceCountsADeviceOnceHoweverManyInstalls) {
  const auto p = ComputePosition({Device("pc1", 1, 4), Device("pc2", 1, 4), Device("pc3", 1, 4)},
                                 {Install("i1", "pc1", "Microsoft", "Office", "2019"), Install("i2", "pc1", "Microsoft", "Office", "2019"),
                                  Install("i3", "pc2", "Microsoft", "Office", "2019"), Install("i4", "pc3", "Microsoft", "Office", "2019")},
                                 {Ent("E1", "Microsoft", "Office", Metric::kDevice, 2)}, AsOf2025());
  const ProductPosition& office = Only(p);
  EXPECT_EQ(office.owned, 2);
  EXPECT_EQ(office.consumed, 3);
  EXPECT_EQ(office.shortfall, 1);
  EXPECT_EQ(office.position, -1);
  ASSERT_EQ(p.demands.size(), 3u);
  EXPECT_THAT(p.demands[0].installs, ElementsAre("i1", "i2"));
  EXPECT_EQ(p.demands[2].covered, 0);
  EXPECT_EQ(p.demands[2].considered.at(0).rejected, "used up by earlier demands");
}

TEST(LicencePositionTest, MicrosoftPerCoreMinimumsAndTwoCorePacks) {
  // Windows Server: 2 × 6-core: max(8, 6) × 2 = 16. 1 × 4-core: 8 per processor, but 16 per
  // server. 2 × 9-core: 18. A 5-vCPU SQL Server VM: 5 → 6 (2-core packs), at least 4.
  const auto p = ComputePosition(
      {Device("srv1", 2, 12), Device("srv2", 1, 4), Device("srv3", 2, 18), Device("vm1", 1, 5, /*vm=*/true)},
      {Install("a", "srv1", "Microsoft", "Windows Server", "2022"), Install("b", "srv2", "Microsoft", "Windows Server", "2022"),
       Install("c", "srv3", "Microsoft", "Windows Server", "2022"), Install("d", "vm1", "Microsoft", "SQL Server", "2019")},
      {Ent("CORES", "Microsoft", "Windows Server", Metric::kCore, 54), Ent("SQL", "Microsoft", "SQL Server", Metric::kCore, 4)},
      AsOf2025());
  std::map<std::string, int64_t> required;
  std::map<std::string, std::string> basis;
  for (const Demand& d : p.demands) {
    required[d.subject] = d.required;
    basis[d.subject] = d.basis;
  }
  EXPECT_EQ(required, (std::map<std::string, int64_t>{{"srv1", 16}, {"srv2", 16}, {"srv3", 18}, {"vm1", 6}}));
  EXPECT_THAT(basis["srv2"], HasSubstr("at least 16 per server"));
  EXPECT_THAT(basis["vm1"], HasSubstr("virtual machine, 5 virtual cores, at least 4, in 2-core packs = 6"));
  for (const ProductPosition& product : p.products) {
    if (product.product == "Windows Server") {
      EXPECT_EQ(product.consumed, 50);  // 16 + 16 + 18
      EXPECT_EQ(product.position, 4);   // 54 − 50
    } else {
      EXPECT_EQ(product.consumed, 6);
      EXPECT_EQ(product.position, -2);  // 4 − 6
    }
  }
}

// SQL Server on a physical server counts every physical core, at least 4 per processor, in 2-core
// packs — not Windows Server's 8 per processor and 16 per server.
TEST(LicencePositionTest, SqlServerOnAPhysicalServerCountsEveryCoreAtLeastFourPerProcessor) {
  // db1 2 processors, 6 cores: max(8, 6) = 8. db2 2 × 12 = 24 cores: 24. db3 1 processor, 2 cores:
  // 4. db4 1 processor, 5 cores: 5 → 6. db5 cores unknown: 4 (one processor's minimum).
  const auto p = ComputePosition(
      {Device("db1", 2, 6), Device("db2", 2, 24), Device("db3", 1, 2), Device("db4", 1, 5), Device("db5", 1, 0)},
      {Install("a", "db1", "Microsoft", "SQL Server", "2019"), Install("b", "db2", "Microsoft", "SQL Server", "2019"),
       Install("c", "db3", "Microsoft", "SQL Server", "2019"), Install("d", "db4", "Microsoft", "SQL Server", "2019"),
       Install("e", "db5", "Microsoft", "SQL Server", "2019")},
      {Ent("SQL", "Microsoft", "SQL Server", Metric::kCore, 40)}, AsOf2025());
  std::vector<int64_t> required;
  for (const Demand& d : p.demands) required.push_back(d.required);
  EXPECT_THAT(required, ElementsAre(8, 24, 4, 6, 4));
  EXPECT_THAT(p.demands[0].basis, HasSubstr("physical, 6 cores, at least 4 per processor × 2, in 2-core packs = 8"));
  EXPECT_THAT(p.demands[4].basis, HasSubstr("cores unknown"));
  EXPECT_EQ(Only(p).consumed, 46);  // 8 + 24 + 4 + 6 + 4
  EXPECT_EQ(Only(p).position, -6);  // 40 − 46
}

TEST(LicencePositionTest, OracleProcessorCoreFactorAndNamedUserPlusMinimum) {
  PositionOptions options = AsOf2025();
  options.core_factors = {{"SPARC", 0.25}};
  // 16 Xeon cores × 0.5 = 8 processors; 6 SPARC cores × 0.25 = 1.5 → 2.
  const auto processors = ComputePosition({Device("db1", 2, 16), Device("db2", 1, 6, false, "SPARC T8")},
                                          {Install("x", "db1", "Oracle", "Database", "19"), Install("y", "db2", "Oracle", "Database", "19")},
                                          {Ent("PROC", "Oracle", "Database", Metric::kProcessor, 8)}, options);
  EXPECT_EQ(processors.demands[0].required, 8);
  EXPECT_EQ(processors.demands[1].required, 2);
  EXPECT_EQ(Only(processors).position, -2);
  // NUP: 3 named users on one 2-processor server: at least 25 × 2 = 50.
  const auto nup = ComputePosition({Device("db1", 2, 16)},
                                   {Install("x1", "db1", "Oracle", "Database", "19", "sato"), Install("x2", "db1", "Oracle", "Database", "19", "suzuki"),
                                    Install("x3", "db1", "Oracle", "Database", "19", "tanaka")},
                                   {Ent("NUP", "Oracle", "Database", Metric::kNamedUserPlus, 40)}, options);
  ASSERT_EQ(nup.demands.size(), 1u);
  EXPECT_EQ(nup.demands[0].required, 50);
  EXPECT_EQ(nup.demands[0].basis, "3 named users, at least 25 per processor × 2 processors = 50");
  EXPECT_EQ(Only(nup).position, -10);
}

TEST(LicencePositionTest, PerUserConcurrentAndSite) {
  const auto users = ComputePosition({Device("pc1", 1, 4), Device("pc2", 1, 4)},
                                     {Install("a", "pc1", "Adobe", "Acrobat", "DC", "sato"), Install("b", "pc2", "Adobe", "Acrobat", "DC", "sato"),
                                      Install("c", "pc2", "Adobe", "Acrobat", "DC", "")},
                                     {Ent("U", "Adobe", "Acrobat", Metric::kUser, 5)}, AsOf2025());
  EXPECT_EQ(Only(users).consumed, 2);  // sato once, and pc2's unknown user
  EXPECT_EQ(users.demands[1].subject, "pc2 (no user known)");

  PositionOptions with_usage = AsOf2025();
  with_usage.concurrent_peaks["autodesk|autocad"] = 7;
  const auto concurrent = ComputePosition({Device("pc1", 1, 4)}, {Install("a", "pc1", "Autodesk", "AutoCAD", "2024")},
                                          {Ent("C", "Autodesk", "AutoCAD", Metric::kConcurrent, 5)}, with_usage);
  EXPECT_EQ(Only(concurrent).consumed, 7);
  EXPECT_EQ(Only(concurrent).position, -2);
  const auto no_usage = ComputePosition({Device("pc1", 1, 4)}, {Install("a", "pc1", "Autodesk", "AutoCAD", "2024")},
                                        {Ent("C", "Autodesk", "AutoCAD", Metric::kConcurrent, 5)}, AsOf2025());
  EXPECT_THAT(Only(no_usage).notes, ElementsAre(HasSubstr("no usage data")));

  const auto site = ComputePosition({Device("pc1", 1, 4), Device("pc2", 1, 4)},
                                    {Install("a", "pc1", "JustSystems", "一太郎", "2023"), Install("b", "pc2", "JustSystems", "一太郎", "2023")},
                                    {Ent("SITE", "JustSystems", "一太郎", Metric::kSite, 0)}, AsOf2025());
  EXPECT_TRUE(Only(site).unlimited);
  EXPECT_EQ(Only(site).shortfall, 0);
  EXPECT_EQ(site.demands[1].considered.at(0).consumed, 1);
}

TEST(LicencePositionTest, ConsumptionOrderAllocationsThenUnlimitedThenPriorityThenExpiry) {
  Entitlement allocated = Ent("ALLOC", "Microsoft", "Office", Metric::kDevice, 1);
  allocated.allocated_to = {"pc2"};
  Entitlement late = Ent("LATE", "Microsoft", "Office", Metric::kDevice, 5);
  late.valid_to = Day(2026, 12, 31);
  Entitlement soon = Ent("SOON", "Microsoft", "Office", Metric::kDevice, 1);
  soon.valid_to = Day(2025, 9, 30);
  Entitlement first = Ent("FIRST", "Microsoft", "Office", Metric::kDevice, 1);
  first.priority = 1;
  const auto p = ComputePosition({Device("pc1", 1, 4), Device("pc2", 1, 4), Device("pc3", 1, 4)},
                                 {Install("a", "pc1", "Microsoft", "Office"), Install("b", "pc2", "Microsoft", "Office"),
                                  Install("c", "pc3", "Microsoft", "Office")},
                                 {late, soon, allocated, first}, AsOf2025());
  // pc1: priority 1 first; pc2: its allocation first; pc3: FIRST used up, then the earliest expiry.
  auto trail = [&](size_t demand) {
    std::vector<std::string> out;
    for (const Considered& c : p.demands[demand].considered) {
      out.push_back(c.entitlement + (c.consumed > 0 ? " took " + std::to_string(c.consumed) : ": " + c.rejected));
    }
    return out;
  };
  EXPECT_THAT(trail(0), ElementsAre("FIRST took 1", "SOON: not needed: the demand was covered",
                                    "LATE: not needed: the demand was covered", "ALLOC: not needed: the demand was covered"));
  EXPECT_THAT(trail(1), ElementsAre("ALLOC took 1", "FIRST: not needed: the demand was covered",
                                    "SOON: not needed: the demand was covered", "LATE: not needed: the demand was covered"));
  EXPECT_THAT(trail(2), ElementsAre("FIRST: used up by earlier demands", "SOON took 1", "LATE: not needed: the demand was covered",
                                    "ALLOC: not needed: the demand was covered"));
  EXPECT_EQ(Only(p).owned, 8);
  EXPECT_EQ(Only(p).position, 5);
}

TEST(LicencePositionTest, DowngradeRightsAndExpiredEntitlements) {
  Entitlement no_downgrade = Ent("E2019", "Microsoft", "Office", Metric::kDevice, 10);
  no_downgrade.version_scope = "2019";
  Entitlement expired = Ent("OLD", "Microsoft", "Office", Metric::kDevice, 10);
  expired.valid_to = Day(2025, 1, 14);
  const auto refused = ComputePosition({Device("pc1", 1, 4)}, {Install("a", "pc1", "Microsoft", "Office", "2016")},
                                       {no_downgrade, expired}, AsOf2025());
  EXPECT_EQ(Only(refused).owned, 10);  // the expired one is not counted
  EXPECT_EQ(Only(refused).shortfall, 1);
  std::vector<std::string> reasons;
  for (const Considered& c : refused.demands[0].considered) reasons.push_back(c.entitlement + ": " + c.rejected);
  EXPECT_THAT(reasons, ElementsAre("OLD: expired on 2025-01-14",
                                   "E2019: version 2016 is older than the entitlement's 2019 and it has no downgrade rights"));
  no_downgrade.downgrade = true;
  const auto allowed = ComputePosition({Device("pc1", 1, 4)}, {Install("a", "pc1", "Microsoft", "Office", "2016")}, {no_downgrade},
                                       AsOf2025());
  EXPECT_EQ(Only(allowed).shortfall, 0);
  EXPECT_EQ(Only(allowed).position, 9);
  const auto newer = ComputePosition({Device("pc1", 1, 4)}, {Install("a", "pc1", "Microsoft", "Office", "2021")}, {no_downgrade},
                                     AsOf2025());
  EXPECT_EQ(newer.demands[0].considered[0].rejected, "version 2021 is newer than the entitlement's 2019 and it has no upgrade rights");
}

// Upgrade rights (software assurance) cover a newer version while maintenance runs: on the day
// asked about (AsOf2025) maintenance to 2026-03-31 runs, maintenance to 2025-01-14 has ended.
TEST(LicencePositionTest, UpgradeRightsCoverANewerVersionWhileMaintenanceRuns) {
  Entitlement assured = Ent("SA", "Microsoft", "Office", Metric::kDevice, 10);
  assured.version_scope = "2019";
  assured.upgrade = true;
  assured.maintenance_end = Day(2026, 3, 31);
  const auto covered = ComputePosition({Device("pc1", 1, 4)}, {Install("a", "pc1", "Microsoft", "Office", "2021")}, {assured},
                                       AsOf2025());
  EXPECT_EQ(Only(covered).shortfall, 0);
  EXPECT_EQ(covered.demands[0].considered[0].consumed, 1);
  assured.maintenance_end = Day(2025, 1, 14);
  const auto lapsed = ComputePosition({Device("pc1", 1, 4)}, {Install("a", "pc1", "Microsoft", "Office", "2021")}, {assured},
                                      AsOf2025());
  EXPECT_EQ(Only(lapsed).shortfall, 1);
  EXPECT_EQ(lapsed.demands[0].considered[0].rejected,
            "version 2021 is newer than the entitlement's 2019 and its maintenance (upgrade rights) ended on 2025-01-14");
}

TEST(LicencePositionTest, AnUnlicensedProductAndAnUnusedEntitlement) {
  const auto p = ComputePosition({Device("pc1", 1, 4)}, {Install("a", "pc1", "VMware", "Workstation", "17")},
                                 {Ent("V", "Adobe", "Photoshop", Metric::kUser, 3)}, AsOf2025());
  ASSERT_EQ(p.products.size(), 2u);
  EXPECT_EQ(p.products[0].product, "Photoshop");
  EXPECT_EQ(p.products[0].position, 3);
  EXPECT_EQ(p.products[1].product, "Workstation");
  EXPECT_EQ(p.products[1].metric, Metric::kDevice);
  EXPECT_EQ(p.products[1].position, -1);
}

TEST(LicencePositionTest, MetricsAreReadInEnglishAndJapanese) {
  EXPECT_THAT(ParseMetric("per core"), IsOkAndHolds(Metric::kCore));
  EXPECT_THAT(ParseMetric("コア"), IsOkAndHolds(Metric::kCore));
  EXPECT_THAT(ParseMetric("指名ユーザー"), IsOkAndHolds(Metric::kUser));
  EXPECT_THAT(ParseMetric("Named User Plus"), IsOkAndHolds(Metric::kNamedUserPlus));
  EXPECT_THAT(ParseMetric("デバイス"), IsOkAndHolds(Metric::kDevice));
  EXPECT_THAT(ParseMetric("同時接続"), IsOkAndHolds(Metric::kConcurrent));
  EXPECT_THAT(ParseMetric("無制限"), IsOkAndHolds(Metric::kSite));
  EXPECT_THAT(ParseMetric("per gigabyte"), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("not one crosswalk counts")));
}

}  // namespace
}  // namespace crosswalk::sam
