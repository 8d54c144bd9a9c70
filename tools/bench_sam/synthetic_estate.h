#ifndef CROSSWALK_TOOLS_BENCH_SAM_SYNTHETIC_ESTATE_H_
#define CROSSWALK_TOOLS_BENCH_SAM_SYNTHETIC_ESTATE_H_

// A deterministic synthetic estate for `tools/bench sam`: products of ~200 publishers with
// versions, devices physical and virtual, installs and entitlements (see Generate).

#include <cstdint>
#include <string>
#include <vector>

#include "gateway/sam/licence_position.h"

namespace crosswalk::sam::bench {

struct Estate {
  std::vector<LicensedDevice> devices;  // by key
  std::vector<LicensedInstall> installs;
  std::vector<Entitlement> entitlements;
  PositionOptions options;
};

// The same estate for the same sizes, every run. Products: 4,000 over 200 publishers (Microsoft
// and Oracle among them), each with a metric its entitlements mostly use — device for most, user
// for some, per core for Microsoft's servers, processor and NUP for Oracle's, site for a few;
// installs favour the popular products. Devices: a third virtual (1 processor, 2-16 cores); physical 1,
// 2 or 4 processors of 2-32 cores; Xeon, SPARC or POWER (the core factor table has the last two). Entitlements: 15 %
// expired, 3 % not valid yet, 10 % of another metric than the product's, 20 % scoped to version
// 2019 (half with downgrade rights), 5 % allocated to named devices, priorities on 40 %.
Estate Generate(int64_t installs, int64_t devices, int64_t entitlements);

constexpr int kProducts = 4000;
// Product number `product` (0 ≤ product < kProducts): its name and its publisher's.
std::string ProductName(int product);
std::string PublisherOf(int product);

}  // namespace crosswalk::sam::bench

#endif  // CROSSWALK_TOOLS_BENCH_SAM_SYNTHETIC_ESTATE_H_
