#ifndef CROSSWALK_TOOLS_CLI_PROGRESS_LINE_H_
#define CROSSWALK_TOOLS_CLI_PROGRESS_LINE_H_

#include <cstdint>
#include <string>

namespace crosswalk::cli {

// The figures after a sync's progress bar: with a known `total`, "done/total pct% rate/s ETA
// m:ss" (the ETA from the mean rate so far; "ETA --:--" before a rate is known); without one,
// "done records rate/s". `elapsed_seconds` is the time since the run's first progress report.
std::string ProgressFigures(int64_t done, int64_t total, double elapsed_seconds);

}  // namespace crosswalk::cli

#endif  // CROSSWALK_TOOLS_CLI_PROGRESS_LINE_H_
