#ifndef CROSSWALK_TOOLS_CLI_SAM_COMMANDS_H_
#define CROSSWALK_TOOLS_CLI_SAM_COMMANDS_H_

#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "tools/cli/client.h"

namespace crosswalk::cli {

// `crosswalk --server ADDR sam installs|titles …` (docs/sam.md "Installations"): the gateway's
// Sam service as a table. `positional` starts with the subcommand. Returns the exit code: 0 ok,
// 1 the server failed, 2 usage (also INVALID_ARGUMENT from the server: an unknown class).
int RunSamCommand(const Client& client, const std::map<std::string, std::string>& flags,
                  const std::vector<std::string>& positional, std::ostream& out, std::ostream& err);

}  // namespace crosswalk::cli

#endif  // CROSSWALK_TOOLS_CLI_SAM_COMMANDS_H_
