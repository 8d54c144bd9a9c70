#include "gateway/report/compact_times.h"

#include <cstdint>
#include <limits>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace crosswalk::report {
namespace {

using ::testing::Optional;

constexpr int64_t kAsOf = 1767225600;  // 2026-01-01T00:00:00Z
constexpr int64_t kOpen = std::numeric_limits<int64_t>::max();
// More than 2^32 seconds (136 years) before the report date: kept whole.
constexpr int64_t kAncient = kAsOf - (int64_t{1} << 33);

TEST(DurationListTest, MedianAndMaxOverNarrowAndWideValues) {
  DurationList durations;
  EXPECT_EQ(durations.Median(), std::nullopt);
  EXPECT_EQ(durations.Max(), std::nullopt);
  for (int64_t seconds : {30, 10, 20, 40}) durations.Add(seconds);
  EXPECT_THAT(durations.Median(), Optional(25));  // (20 + 30) / 2
  EXPECT_THAT(durations.Max(), Optional(40));
  durations.Add(int64_t{1} << 40);  // does not fit 32 bits
  EXPECT_THAT(durations.Median(), Optional(30));  // 10 20 [30] 40 2^40
  EXPECT_THAT(durations.Max(), Optional(int64_t{1} << 40));
}

// Tickets at the instant 2025-12-01 (one month before the report date):
//   A opened 2025-11-01, still open        -> open, age 30 days
//   B opened 2025-11-21, ended 2025-12-01  -> not open (end == at)
//   C opened 2025-11-11, ended 2025-12-02  -> open, age 20 days
//   D opened 2025-12-01                    -> not open (opened == at)
//   E opened 136+ years ago, open           -> open, kept whole, the oldest
// Ages of A, C, E: median 30 days, oldest E's.
TEST(TicketListTest, AgesAtAnInstantOverNarrowAndWideTickets) {
  constexpr int64_t kDay = 86400;
  const int64_t at = kAsOf - 31 * kDay;  // 2025-12-01
  TicketList tickets;
  tickets.Add(at - 30 * kDay, kOpen, kAsOf);
  tickets.Add(at - 10 * kDay, at, kAsOf);
  tickets.Add(at - 20 * kDay, at + kDay, kAsOf);
  tickets.Add(at, kOpen, kAsOf);
  tickets.Add(kAncient, kOpen, kAsOf);
  const TicketList::Ages ages = tickets.At(at, kAsOf);
  EXPECT_EQ(ages.open, 3u);
  EXPECT_THAT(ages.median, Optional(30 * kDay));
  EXPECT_THAT(ages.oldest, Optional(at - kAncient));
  // At the report date only A, D and E are open (C ended 2025-12-02): ages 61 days, 31 days, E's.
  const TicketList::Ages now = tickets.At(kAsOf, kAsOf);
  EXPECT_EQ(now.open, 3u);
  EXPECT_THAT(now.median, Optional(61 * kDay));
}

// An end long before the report date (bad data: before the opening) is kept whole, not wrapped.
TEST(TicketListTest, AnEndThatDoesNotFitIsKeptWhole) {
  TicketList tickets;
  tickets.Add(kAsOf - 100, kAncient, kAsOf);
  EXPECT_EQ(tickets.At(kAsOf, kAsOf).open, 0u);
  EXPECT_EQ(tickets.At(kAsOf, kAsOf).median, std::nullopt);
}

}  // namespace
}  // namespace crosswalk::report
