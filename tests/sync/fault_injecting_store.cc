#include "tests/sync/fault_injecting_store.h"

#include "absl/strings/str_cat.h"

namespace crosswalk::testing_sync {

absl::Status FaultPlan::BeforeEvent() {
  if (dead_) return absl::UnavailableError("injected: the process has crashed");
  const int n = ++count_;
  if (n != at_) return absl::OkStatus();
  if (fault_ == Fault::kCrashAfter) {
    fail_after_ = true;
    return absl::OkStatus();
  }
  if (fault_ == Fault::kCrash) dead_ = true;
  return absl::UnavailableError(absl::StrCat("injected fault at point ", n));
}

absl::Status FaultPlan::AfterEvent(absl::Status result) {
  if (!fail_after_.exchange(false)) return result;
  dead_ = true;
  return absl::UnavailableError(absl::StrCat("injected crash after point ", at_));
}

absl::Status FaultInjectingStore::Before(Call call) {
  if (plan_->dead()) return absl::UnavailableError("injected: the process has crashed");
  return Writes(call) ? plan_->BeforeEvent() : absl::OkStatus();
}

absl::Status FaultInjectingStore::After(Call call, absl::Status result) {
  return Writes(call) ? plan_->AfterEvent(std::move(result)) : result;
}

}  // namespace crosswalk::testing_sync
