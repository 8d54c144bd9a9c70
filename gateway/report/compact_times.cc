#include "gateway/report/compact_times.h"

#include <algorithm>

#include "gateway/report/service_figures.h"

namespace crosswalk::report {
namespace {

// The largest offset kept in 32 bits (end_before adds one to it).
constexpr int64_t kNarrowMax = int64_t{UINT32_MAX} - 1;

}  // namespace

void DurationList::Add(int64_t seconds) {
  if (seconds >= 0 && seconds <= kNarrowMax) {
    narrow_.push_back(static_cast<uint32_t>(seconds));
  } else {
    wide_.push_back(seconds);
  }
}

std::optional<int64_t> DurationList::Median() {
  if (wide_.empty()) return report::Median(narrow_);
  std::vector<int64_t> all(narrow_.begin(), narrow_.end());
  all.insert(all.end(), wide_.begin(), wide_.end());
  return report::Median(all);
}

std::optional<int64_t> DurationList::Max() const {
  std::optional<int64_t> max;
  if (!narrow_.empty()) max = *std::max_element(narrow_.begin(), narrow_.end());
  for (int64_t value : wide_) max = std::max(max.value_or(value), value);
  return max;
}

void TicketList::Add(int64_t opened, int64_t end, int64_t as_of) {
  const bool opened_fits = opened >= as_of - kNarrowMax;
  const bool end_fits = end > as_of || end >= as_of - kNarrowMax + 1;
  if (!opened_fits || !end_fits) {
    wide_.push_back({opened, end});
    return;
  }
  narrow_.push_back({static_cast<uint32_t>(as_of - opened), end > as_of ? 0u : static_cast<uint32_t>(as_of - end + 1)});
}

TicketList::Ages TicketList::At(int64_t at, int64_t as_of) const {
  // Narrow ages fit 32 bits: at <= as_of, so at − opened <= as_of − opened.
  std::vector<uint32_t> narrow_ages;
  std::vector<int64_t> wide_ages;
  for (const Narrow& ticket : narrow_) {
    const int64_t opened = as_of - ticket.opened_before;
    const bool ended = ticket.end_before > 0 && as_of - (int64_t{ticket.end_before} - 1) <= at;
    if (opened < at && !ended) narrow_ages.push_back(static_cast<uint32_t>(at - opened));
  }
  for (const Wide& ticket : wide_) {
    if (ticket.opened < at && ticket.end > at) wide_ages.push_back(at - ticket.opened);
  }
  Ages ages;
  ages.open = narrow_ages.size() + wide_ages.size();
  if (wide_ages.empty()) {
    if (!narrow_ages.empty()) ages.oldest = *std::max_element(narrow_ages.begin(), narrow_ages.end());
    ages.median = Median(narrow_ages);
    return ages;
  }
  wide_ages.insert(wide_ages.end(), narrow_ages.begin(), narrow_ages.end());
  ages.oldest = *std::max_element(wide_ages.begin(), wide_ages.end());
  ages.median = Median(wide_ages);
  return ages;
}

}  // namespace crosswalk::report
