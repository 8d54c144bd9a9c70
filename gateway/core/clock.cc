#include "gateway/core/clock.h"

#include <chrono>
#include <mutex>
#include <thread>

namespace crosswalk {
namespace {

class RealClock : public Clock {
 public:
  int64_t NowSeconds() override {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
  int64_t MonotonicNanos() override {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
  }
  void SleepFor(int64_t nanos) override {
    if (nanos > 0) std::this_thread::sleep_for(std::chrono::nanoseconds(nanos));
  }
};

}  // namespace

Clock* SystemClock() {
  static Clock* clock = new RealClock();
  return clock;
}

struct ManualClock::State {
  std::mutex mu;
  int64_t wall_nanos = 0;       // wall clock, nanoseconds since the epoch
  int64_t monotonic_nanos = 0;  // starts at 0
  int64_t slept_nanos = 0;
};

ManualClock::ManualClock(int64_t now_seconds) : state_(new State) {
  state_->wall_nanos = now_seconds * 1'000'000'000;
}
ManualClock::~ManualClock() { delete state_; }

int64_t ManualClock::NowSeconds() {
  std::lock_guard<std::mutex> lock(state_->mu);
  return state_->wall_nanos / 1'000'000'000;
}

int64_t ManualClock::MonotonicNanos() {
  std::lock_guard<std::mutex> lock(state_->mu);
  return state_->monotonic_nanos;
}

void ManualClock::SleepFor(int64_t nanos) {
  if (nanos <= 0) return;
  std::lock_guard<std::mutex> lock(state_->mu);
  state_->wall_nanos += nanos;
  state_->monotonic_nanos += nanos;
  state_->slept_nanos += nanos;
}

void ManualClock::SetNowSeconds(int64_t now_seconds) {
  std::lock_guard<std::mutex> lock(state_->mu);
  state_->wall_nanos = now_seconds * 1'000'000'000;
}

void ManualClock::Advance(int64_t nanos) {
  if (nanos <= 0) return;
  std::lock_guard<std::mutex> lock(state_->mu);
  state_->wall_nanos += nanos;
  state_->monotonic_nanos += nanos;
}

int64_t ManualClock::slept_nanos() {
  std::lock_guard<std::mutex> lock(state_->mu);
  return state_->slept_nanos;
}

}  // namespace crosswalk
