#ifndef CROSSWALK_GATEWAY_REPORT_COMPACT_TIMES_H_
#define CROSSWALK_GATEWAY_REPORT_COMPACT_TIMES_H_

// The few numbers the service reporter keeps per record, in half the bytes: resolution times in 32
// bits, tickets' open intervals as two 32-bit offsets before the report date. A value that does
// not fit (more than 136 years) is kept whole apart, so every figure stays exact. At 10,000,000
// tickets this is the difference between 240 and 120 MB.

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <vector>

namespace crosswalk::report {

// Non-negative durations, for their median and maximum.
class DurationList {
 public:
  // REQUIRES: seconds >= 0.
  void Add(int64_t seconds);
  bool empty() const { return narrow_.empty() && wide_.empty(); }
  // The median as service_figures.h's Median computes it; none when empty. Reorders the list.
  std::optional<int64_t> Median();
  std::optional<int64_t> Max() const;

 private:
  std::vector<uint32_t> narrow_;
  std::vector<int64_t> wide_;
};

// Tickets' open intervals [opened, end), each opened at or before the report date `as_of`.
class TicketList {
 public:
  // REQUIRES: opened <= as_of (the same as_of on every call); end is INT64_MAX while open.
  void Add(int64_t opened, int64_t end, int64_t as_of);

  struct Ages {
    size_t open = 0;                // tickets open at the instant: opened < at < end
    std::optional<int64_t> median;  // of their ages (at − opened)
    std::optional<int64_t> oldest;
  };
  // REQUIRES: at <= as_of.
  Ages At(int64_t at, int64_t as_of) const;

 private:
  // opened_before: as_of − opened; end_before: as_of − end + 1, or 0 when end is after as_of.
  struct Narrow {
    uint32_t opened_before;
    uint32_t end_before;
  };
  struct Wide {
    int64_t opened, end;
  };
  std::deque<Narrow> narrow_;  // no doubling of a vector at ten million tickets
  std::vector<Wide> wide_;
};

}  // namespace crosswalk::report

#endif  // CROSSWALK_GATEWAY_REPORT_COMPACT_TIMES_H_
