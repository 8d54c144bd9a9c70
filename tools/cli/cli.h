#ifndef CROSSWALK_TOOLS_CLI_CLI_H_
#define CROSSWALK_TOOLS_CLI_CLI_H_

#include <ostream>
#include <string>
#include <vector>

namespace crosswalk::cli {

// Exit codes of the crosswalk command (README.md documents them).
inline constexpr int kExitOk = 0;
inline constexpr int kExitDataError = 1;  // validation found problems, or the data cannot be used
inline constexpr int kExitUsage = 2;      // unknown command, flag, format, catalog or ref
inline constexpr int kExitNothingStored = 3;  // a sync or import read no record (an empty or
                                              // header-only file) or stored none (all skipped)

// Runs `crosswalk ARGS…` (without the program name). `default_mappings` is the data directory used
// when neither --mappings nor CROSSWALK_MAPPINGS names one. Writes results to `out` and messages to
// `err`; returns the exit code.
int RunCli(const std::vector<std::string>& args, const std::string& default_mappings,
           std::ostream& out, std::ostream& err);

}  // namespace crosswalk::cli

#endif  // CROSSWALK_TOOLS_CLI_CLI_H_
