#ifndef CROSSWALK_TOOLS_BENCH_SAM_SQL_BASELINE_H_
#define CROSSWALK_TOOLS_BENCH_SAM_SQL_BASELINE_H_

// The baseline of `tools/bench sam`: the licence position's per-product aggregates written as
// one SQL query over tables of the same inputs, run by SQLite.

#include <cstdint>
#include <map>
#include <string>

#include "absl/status/statusor.h"
#include "tools/bench_sam/synthetic_estate.h"

namespace crosswalk::sam::bench {

struct Aggregates {
  std::string metric;  // MetricName
  int64_t owned = 0;
  int64_t consumed = 0;

  bool operator==(const Aggregates&) const = default;
};

// Writes the estate into a fresh SQLite file at `path` (tables devices, installs, entitlements,
// core_factors, with the indexes the query uses).
absl::Status Load(const Estate& estate, const std::string& path);

// Per "publisher|product": the product's metric, owned and consumed, as ComputePosition defines
// them for products named in one spelling each, with no concurrent metric and every install on a
// known device. Not computed: shortfall and per-demand coverage — they follow the consumption
// order demand by demand (allocations, priorities, versions, what earlier demands used up),
// which is sequential, not a set aggregate.
absl::StatusOr<std::map<std::string, Aggregates>> Query(const std::string& path, int64_t as_of);

}  // namespace crosswalk::sam::bench

#endif  // CROSSWALK_TOOLS_BENCH_SAM_SQL_BASELINE_H_
