#ifndef CROSSWALK_GATEWAY_CORE_CLOCK_H_
#define CROSSWALK_GATEWAY_CORE_CLOCK_H_

#include <cstdint>

namespace crosswalk {

// Time, injected (leveldb's Env is the model) so tests can fix the wall clock, count monotonic
// time and make sleeps instant. Thread-safe: a sync run reads it from its worker threads.
class Clock {
 public:
  virtual ~Clock() = default;

  // Wall-clock Unix seconds, UTC: what records and cursors are stamped with.
  virtual int64_t NowSeconds() = 0;

  // Monotonic nanoseconds from an arbitrary origin: what timeouts, budgets and rates measure.
  // Never goes back, whatever the wall clock does.
  virtual int64_t MonotonicNanos() = 0;

  // Blocks the calling thread for `nanos` (≤ 0: returns at once). A fake advances its monotonic
  // time instead of sleeping.
  virtual void SleepFor(int64_t nanos) = 0;
};

Clock* SystemClock();  // the real clock; never deleted

// A clock for tests: the wall clock stands at `now_seconds` unless set, and SleepFor advances
// both the monotonic and the wall clock without blocking. Thread-safe.
class ManualClock : public Clock {
 public:
  explicit ManualClock(int64_t now_seconds = 1700000000);

  int64_t NowSeconds() override;
  int64_t MonotonicNanos() override;
  void SleepFor(int64_t nanos) override;

  void SetNowSeconds(int64_t now_seconds);
  void Advance(int64_t nanos);   // as SleepFor, for the test's own steps
  int64_t slept_nanos();         // the sum of every SleepFor so far

 private:
  struct State;
  State* state_;  // owned; pimpl keeps <mutex> out of a header every module includes

 public:
  ~ManualClock() override;
  ManualClock(const ManualClock&) = delete;
  ManualClock& operator=(const ManualClock&) = delete;
};

}  // namespace crosswalk

#endif  // CROSSWALK_GATEWAY_CORE_CLOCK_H_
