#include "tools/cli/progress_line.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace crosswalk::cli {

std::string ProgressFigures(int64_t done, int64_t total, double elapsed_seconds) {
  const bool timed = elapsed_seconds > 0.05 && done > 0;
  const double rate = timed ? static_cast<double>(done) / elapsed_seconds : 0;
  const std::string rate_text = timed ? absl::StrFormat("%.0f/s", rate) : "-/s";
  if (total <= 0) return absl::StrCat(done, " records ", rate_text);
  const int64_t shown = std::min(done, total);
  const int percent = static_cast<int>(100 * shown / total);
  std::string eta = "--:--";
  if (timed) {
    const int64_t seconds = static_cast<int64_t>(std::ceil(static_cast<double>(total - shown) / rate));
    eta = absl::StrFormat("%d:%02d", seconds / 60, seconds % 60);
  }
  return absl::StrCat(shown, "/", total, " ", percent, "% ", rate_text, " ETA ", eta);
}

bool LogThrottle::Due(const std::string& source, std::chrono::steady_clock::time_point now) {
  if (source == source_ && now - at_ < every_) return false;
  source_ = source;
  at_ = now;
  return true;
}

}  // namespace crosswalk::cli
