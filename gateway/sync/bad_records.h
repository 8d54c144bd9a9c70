#ifndef CROSSWALK_GATEWAY_SYNC_BAD_RECORDS_H_
#define CROSSWALK_GATEWAY_SYNC_BAD_RECORDS_H_

#include <mutex>
#include <string>
#include <vector>

#include "connectors/connector.h"

namespace crosswalk {

// The BadRecordReporter of one sync run or preview. With `skip` (on_error: skip, and previews,
// which list every bad record) each report is kept and the connector goes on; without, the
// error is handed back and ends the run. Thread-safe: the reader thread reports, the committing
// thread takes.
class RunBadRecords : public BadRecordReporter {
 public:
  explicit RunBadRecords(bool skip) : skip_(skip) {}

  absl::Status Report(const absl::Status& error) override {
    if (!skip_) return error;
    std::lock_guard<std::mutex> lock(mutex_);
    reported_.emplace_back(error.message());
    return absl::OkStatus();
  }

  // The messages reported since the last call, in order.
  std::vector<std::string> Take() {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<std::string> taken;
    taken.swap(reported_);
    return taken;
  }

 private:
  const bool skip_;
  std::mutex mutex_;
  std::vector<std::string> reported_;
};

}  // namespace crosswalk

#endif  // CROSSWALK_GATEWAY_SYNC_BAD_RECORDS_H_
