#ifndef CROSSWALK_GATEWAY_SERVER_REPORT_ADMISSION_H_
#define CROSSWALK_GATEWAY_SERVER_REPORT_ADMISSION_H_

#include <condition_variable>
#include <cstdint>
#include <mutex>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace crosswalk::server {

// Admits report renders under a memory budget (limits.report_memory_bytes), so that clients
// asking for reports at once cannot together take more memory than the operator allowed. A render
// is admitted with its estimated cost (EstimateReportBytes) and holds it until its Ticket goes.
//
// Thread-safe.
class ReportAdmission {
 public:
  // Holds admitted bytes until destroyed.
  class Ticket {
   public:
    Ticket(Ticket&& other) noexcept : owner_(other.owner_), bytes_(other.bytes_) { other.owner_ = nullptr; }
    Ticket(const Ticket&) = delete;
    Ticket& operator=(const Ticket&) = delete;
    Ticket& operator=(Ticket&&) = delete;
    ~Ticket();

   private:
    friend class ReportAdmission;
    Ticket(ReportAdmission* owner, int64_t bytes) : owner_(owner), bytes_(bytes) {}
    ReportAdmission* owner_;
    int64_t bytes_;
  };

  explicit ReportAdmission(int64_t budget_bytes) : budget_(budget_bytes) {}

  // Admits `bytes`, waiting at most `wait` for renders in progress to give room.
  // RESOURCE_EXHAUSTED at once when `bytes` alone passes the budget (the message says by how much
  // and names the limit), or after `wait` when others still hold the room (the message says how
  // many renders run and when to retry).
  absl::StatusOr<Ticket> Admit(int64_t bytes, absl::Duration wait);

  int64_t in_use() const;

 private:
  void Release(int64_t bytes);

  const int64_t budget_;
  mutable std::mutex mutex_;
  std::condition_variable released_;
  int64_t in_use_ = 0;
  int running_ = 0;
};

// What rendering a report over `records` stored records takes at most, by measurement (README
// "Reports", tools/bench): a base for the mapping engine and report tables, plus the per-record
// figures and references that the coverage and service reports keep.
int64_t EstimateReportBytes(int64_t records);

}  // namespace crosswalk::server

#endif  // CROSSWALK_GATEWAY_SERVER_REPORT_ADMISSION_H_
