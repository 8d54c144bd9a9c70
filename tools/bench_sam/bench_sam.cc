// crosswalk_bench_sam [--installs N] [--devices D] [--entitlements E] [--db FILE]: the licence
// position at scale (issue 13 Deliver 9), run by `tools/bench sam`; not part of the test suite.
// In one run over one synthetic estate (tools/bench_sam/synthetic_estate.h):
//   (a) the full position in C++ (ComputePosition), timed, and the PositionIndex built over the
//       same inputs (timed too; its position must equal ComputePosition's);
//   (b) the baseline: the inputs loaded into a fresh SQLite file (load time printed, not part of
//       the baseline) and the per-product metric, owned and consumed as one SQL query, timed;
//       every product's three must equal the C++ result. Only those aggregates are compared:
//       shortfall and each demand's coverage follow the consumption order demand by demand,
//       which SQL does not express as a set aggregate (see sql_baseline.h);
//   (c) one device's inventory changed (a product dropped, another added): PositionIndex::
//       ReplaceDeviceInstalls timed, and its position checked against a full recompute;
//   (d) the figures, and the peak resident memory (VmHWM).
// Exits 1 on any mismatch.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <set>
#include <string>

#include "absl/strings/numbers.h"
#include "gateway/sam/licence_position.h"
#include "gateway/sam/position_index.h"
#include "tools/bench_sam/sql_baseline.h"
#include "tools/bench_sam/synthetic_estate.h"

namespace crosswalk::sam::bench {
namespace {

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

// VmHWM from /proc/self/status, in MB.
double PeakRssMb() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stod(line.substr(6)) / 1024;
  }
  return 0;
}

int Fail(const std::string& message) {
  std::fprintf(stderr, "crosswalk_bench_sam: %s\n", message.c_str());
  return 1;
}

// The C++ position's products differing from the SQL's: none when they agree.
int CompareWithSql(const LicencePosition& position, const std::map<std::string, Aggregates>& sql) {
  int mismatches = 0;
  for (const ProductPosition& p : position.products) {
    const Aggregates mine{MetricName(p.metric), p.owned, p.consumed};
    const auto theirs = sql.find(p.publisher + "|" + p.product);
    if (theirs == sql.end() || !(theirs->second == mine)) {
      if (++mismatches <= 5) {
        std::fprintf(stderr, "mismatch %s|%s: C++ %s owned %lld consumed %lld, SQL %s\n", p.publisher.c_str(), p.product.c_str(),
                     mine.metric.c_str(), static_cast<long long>(mine.owned), static_cast<long long>(mine.consumed),
                     theirs == sql.end() ? "has no such product"
                                         : (theirs->second.metric + " owned " + std::to_string(theirs->second.owned) + " consumed " +
                                            std::to_string(theirs->second.consumed)).c_str());
      }
    }
  }
  if (sql.size() != position.products.size()) ++mismatches;
  return mismatches;
}

// The installs of `device` (which runs something) with its first product dropped and a product
// it does not run added.
std::vector<LicensedInstall> ChangedInventory(const std::vector<LicensedInstall>& all, const std::string& device) {
  std::vector<LicensedInstall> mine;
  std::set<std::string> products;
  for (const LicensedInstall& i : all) {
    if (i.device != device) continue;
    mine.push_back(i);
    products.insert(i.product);
  }
  std::vector<LicensedInstall> out;
  for (const LicensedInstall& i : mine) {
    if (i.product != mine.front().product) out.push_back(i);
  }
  for (int product = kProducts - 1; product >= 0; --product) {
    if (products.contains(ProductName(product))) continue;
    LicensedInstall added = mine.front();
    added.id = "inst-added";
    added.publisher = PublisherOf(product);
    added.product = ProductName(product);
    out.push_back(added);
    break;
  }
  return out;
}

int Run(int argc, char** argv) {
  int64_t installs = 1000000, devices = 100000, entitlements = 20000;
  std::string db = "/tmp/crosswalk-bench-sam.db";
  for (int n = 1; n + 1 < argc; n += 2) {
    const std::string flag = argv[n];
    int64_t* target = flag == "--installs" ? &installs : flag == "--devices" ? &devices : flag == "--entitlements" ? &entitlements : nullptr;
    if (flag == "--db") db = argv[n + 1];
    else if (target == nullptr || !absl::SimpleAtoi(argv[n + 1], target) || *target <= 0) return Fail("usage: crosswalk_bench_sam [--installs N] [--devices D] [--entitlements E] [--db FILE]");
  }
  if (argc % 2 == 0) return Fail("usage: crosswalk_bench_sam [--installs N] [--devices D] [--entitlements E] [--db FILE]");

  auto start = std::chrono::steady_clock::now();
  const Estate estate = Generate(installs, devices, entitlements);
  std::printf("estate: %lld installs, %lld devices, %lld entitlements (generated in %.2f s)\n", static_cast<long long>(installs),
              static_cast<long long>(devices), static_cast<long long>(entitlements), Seconds(start));

  start = std::chrono::steady_clock::now();
  const LicencePosition full = ComputePosition(estate.devices, estate.installs, estate.entitlements, estate.options);
  const double cpp_seconds = Seconds(start);
  const double full_rss = PeakRssMb();
  std::printf("C++ full position (ComputePosition): %.3f s — %zu products, %zu demands; peak RSS so far %.0f MB\n", cpp_seconds,
              full.products.size(), full.demands.size(), full_rss);

  start = std::chrono::steady_clock::now();
  if (absl::Status s = Load(estate, db); !s.ok()) return Fail(std::string(s.message()));
  std::printf("SQLite load (not timed in the baseline): %.2f s\n", Seconds(start));
  start = std::chrono::steady_clock::now();
  auto sql = Query(db, estate.options.as_of);
  const double sql_seconds = Seconds(start);
  if (!sql.ok()) return Fail(std::string(sql.status().message()));
  std::printf("SQL baseline (metric, owned, consumed per product): %.3f s — %zu products\n", sql_seconds, sql->size());
  if (const int mismatches = CompareWithSql(full, *sql); mismatches > 0) return Fail(std::to_string(mismatches) + " products differ from SQL");
  std::printf("compared with SQL: %zu products, metric, owned and consumed equal\n", full.products.size());

  start = std::chrono::steady_clock::now();
  PositionIndex index(estate.devices, estate.installs, estate.entitlements, estate.options);
  std::printf("PositionIndex built: %.3f s\n", Seconds(start));
  if (!(index.Position() == full)) return Fail("the index's position differs from ComputePosition's");

  const std::string device = estate.installs[estate.installs.size() / 2].device;
  std::vector<LicensedInstall> changed = ChangedInventory(estate.installs, device);
  start = std::chrono::steady_clock::now();
  index.ReplaceDeviceInstalls(device, changed);
  const double incremental_seconds = Seconds(start);
  std::printf("incremental (%s: %zu installs now, %zu products computed again): %.4f s\n", device.c_str(), changed.size(),
              index.last_recomputed(), incremental_seconds);
  start = std::chrono::steady_clock::now();
  const LicencePosition updated = index.Position();
  std::printf("Position() assembled after the change: %.3f s\n", Seconds(start));
  if (!(updated == ComputePosition(index.Devices(), index.Installs(), index.Entitlements(), estate.options))) {
    return Fail("the incremental position differs from a full recompute");
  }
  std::printf("incremental position equals a full recompute\n");

  // The run's peak holds four whole positions at once (ComputePosition's, the index's, Position()'s
  // copy and the check's recompute); the first figure is the estate and one position.
  std::printf("\nC++ full: %.3f s   SQL: %.3f s   ratio SQL/C++: %.2f   incremental: %.4f s   "
              "peak RSS (VmHWM): %.0f MB after the full position, %.0f MB for the run\n",
              cpp_seconds, sql_seconds, sql_seconds / cpp_seconds, incremental_seconds, full_rss, PeakRssMb());
  return 0;
}

}  // namespace
}  // namespace crosswalk::sam::bench

int main(int argc, char** argv) { return crosswalk::sam::bench::Run(argc, argv); }
