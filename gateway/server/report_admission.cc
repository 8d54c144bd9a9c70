#include "gateway/server/report_admission.h"

#include <chrono>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace crosswalk::server {

ReportAdmission::Ticket::~Ticket() {
  if (owner_ != nullptr) owner_->Release(bytes_);
}

absl::StatusOr<ReportAdmission::Ticket> ReportAdmission::Admit(int64_t bytes, absl::Duration wait) {
  auto mib = [](int64_t n) { return (n + (1 << 20) - 1) >> 20; };
  if (bytes > budget_) {
    return absl::ResourceExhaustedError(absl::StrCat(
        "this report needs about ", mib(bytes), " MiB, more than the server's report budget of ", mib(budget_),
        " MiB (limits.report_memory_bytes): ask the operator to raise it"));
  }
  std::unique_lock<std::mutex> lock(mutex_);
  const bool room = released_.wait_for(lock, absl::ToChronoMilliseconds(wait),
                                       [&] { return in_use_ + bytes <= budget_; });
  if (!room) {
    return absl::ResourceExhaustedError(absl::StrCat(
        running_, " report(s) are being rendered and hold ", mib(in_use_), " of the ", mib(budget_),
        " MiB report budget (limits.report_memory_bytes); this one needs about ", mib(bytes),
        " MiB: retry in a minute"));
  }
  in_use_ += bytes;
  ++running_;
  return Ticket(this, bytes);
}

int64_t ReportAdmission::in_use() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return in_use_;
}

void ReportAdmission::Release(int64_t bytes) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    in_use_ -= bytes;
    --running_;
  }
  released_.notify_all();
}

int64_t EstimateReportBytes(int64_t records) {
  // A report keeps per ticket its open interval and resolution time (24 bytes) and lists a bounded
  // number of records per figure: 1,000,000 incidents grew crosswalkd by 20 MB (tools/bench
  // report, 2026-12-07), the example estate's 2,008 records stay within the base. Per record:
  // three times the measured growth, for allocator slack and the renderers.
  constexpr int64_t kBase = int64_t{40} << 20;
  constexpr int64_t kPerRecord = 64;
  return kBase + records * kPerRecord;
}

}  // namespace crosswalk::server
