#ifndef CROSSWALK_GATEWAY_REPORT_PERIOD_H_
#define CROSSWALK_GATEWAY_REPORT_PERIOD_H_

// Reporting periods: calendar months in UTC, or fixed lengths counted from an origin.

#include <cstdint>
#include <string>

namespace crosswalk::report {

struct PeriodOptions {
  // 0: calendar months in UTC. Otherwise the length of every period in seconds (86400 × 7 for
  // weeks), periods starting at `origin` + k × length.
  int64_t length_seconds = 0;
  int64_t origin = 0;  // Unix seconds; only with a fixed length
};

struct Period {
  int64_t start = 0;  // inclusive, Unix seconds UTC
  int64_t end = 0;    // exclusive
  // "2025-05" for a calendar month; the start date "2025-05-05" for a fixed length starting at
  // midnight UTC; the start time in RFC 3339 otherwise.
  std::string label;

  friend bool operator==(const Period&, const Period&) = default;
};

// Thread-safe: immutable.
class PeriodGrid {
 public:
  // REQUIRES: options.length_seconds >= 0.
  explicit PeriodGrid(PeriodOptions options);

  // The start of the period that holds `unix_seconds`.
  int64_t StartOf(int64_t unix_seconds) const;
  // The period starting at `start`. REQUIRES: `start` is a StartOf() value.
  Period At(int64_t start) const;

 private:
  PeriodOptions options_;
};

}  // namespace crosswalk::report

#endif  // CROSSWALK_GATEWAY_REPORT_PERIOD_H_
