#ifndef CROSSWALK_TOOLS_CLI_PROGRESS_LINE_H_
#define CROSSWALK_TOOLS_CLI_PROGRESS_LINE_H_

#include <chrono>
#include <cstdint>
#include <string>

namespace crosswalk::cli {

// The figures after a sync's progress bar: with a known `total`, "done/total pct% rate/s ETA
// m:ss" (the ETA from the mean rate so far; "ETA --:--" before a rate is known); without one,
// "done records rate/s". `elapsed_seconds` is the time since the run's first progress report.
std::string ProgressFigures(int64_t done, int64_t total, double elapsed_seconds);

// When a sync's progress goes to a log rather than a terminal: a line for the first report of
// each source's run, then at most one every `every`, so a million records in pages of 2,000 make a
// few lines, not 500. Not thread-safe (one printer per CLI call).
class LogThrottle {
 public:
  explicit LogThrottle(std::chrono::steady_clock::duration every = std::chrono::seconds(5)) : every_(every) {}
  // True when a report of `source` at `now` gets a line (and remembers it).
  bool Due(const std::string& source, std::chrono::steady_clock::time_point now);

 private:
  std::chrono::steady_clock::duration every_;
  std::string source_;
  std::chrono::steady_clock::time_point at_;
};

}  // namespace crosswalk::cli

#endif  // CROSSWALK_TOOLS_CLI_PROGRESS_LINE_H_
