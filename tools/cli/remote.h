#ifndef CROSSWALK_TOOLS_CLI_REMOTE_H_
#define CROSSWALK_TOOLS_CLI_REMOTE_H_

#include <map>
#include <ostream>
#include <string>
#include <vector>

namespace crosswalk::cli {

// The gateway-client commands of `crosswalk --server ADDR …` (sources, sync, records, presets,
// import --preset, and the mapping commands over gRPC). `flags` holds every flag given (value ""
// for switches). Returns the exit code: 0 ok, 1 the server refused or failed (the message is its
// gRPC status), 2 usage.
int RunRemote(const std::string& command, const std::map<std::string, std::string>& flags,
              const std::vector<std::string>& positional, std::ostream& out, std::ostream& err);

}  // namespace crosswalk::cli

#endif  // CROSSWALK_TOOLS_CLI_REMOTE_H_
