#ifndef CROSSWALK_TESTS_SYNC_FAULT_INJECTING_STORE_H_
#define CROSSWALK_TESTS_SYNC_FAULT_INJECTING_STORE_H_

#include <atomic>
#include <memory>

#include "gateway/store/forwarding_store.h"

namespace crosswalk::testing_sync {

// How a fault at a fault point behaves.
enum class Fault {
  kFail,         // that one call (or statement) fails; everything after it works (a transient error)
  kCrash,        // that call fails and so does every call after it: the process is as good as dead,
                 // the test drops it and reopens the store from its file
  kCrashAfter,   // that call goes through, then the caller sees a failure and every later call fails:
                 // a crash right after a commit, before the caller learned of it
};

// Counts fault points and says when one is hit. Fault point n is the n-th (1-based) event counted;
// `at` 0 never faults (a counting run).
class FaultPlan {
 public:
  FaultPlan(Fault fault, int at) : fault_(fault), at_(at) {}
  // Counts one event; the status the event gets before it runs.
  absl::Status BeforeEvent();
  // The status the caller sees after the event ran with `result`.
  absl::Status AfterEvent(absl::Status result);
  int count() const { return count_; }
  bool dead() const { return dead_; }

 private:
  const Fault fault_;
  const int at_;
  std::atomic<int> count_{0};
  std::atomic<bool> dead_{false};
  std::atomic<bool> fail_after_{false};
};

// A Store wrapper whose fault points are the calls that write (leveldb's FaultInjectionTestEnv).
class FaultInjectingStore : public ForwardingStore {
 public:
  FaultInjectingStore(std::unique_ptr<Store> target, FaultPlan* plan) : ForwardingStore(std::move(target)), plan_(plan) {}

 protected:
  absl::Status Before(Call call) override;
  absl::Status After(Call call, absl::Status result) override;

 private:
  FaultPlan* plan_;
};

}  // namespace crosswalk::testing_sync

#endif  // CROSSWALK_TESTS_SYNC_FAULT_INJECTING_STORE_H_
