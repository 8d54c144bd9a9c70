#ifndef CROSSWALK_TOOLS_CLI_ORGANISATION_COMMANDS_H_
#define CROSSWALK_TOOLS_CLI_ORGANISATION_COMMANDS_H_

#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "tools/cli/client.h"

namespace crosswalk::cli {

// `crosswalk --server ADDR decisions|certifications|assess SUBCOMMAND …` (README "Decisions,
// certifications and the assessment"): what the organisation states, kept by crosswalkd.
// `positional` starts with the subcommand. Returns the exit code: 0 ok, 1 the server refused or
// failed (or an import had bad rows), 2 usage (also INVALID_ARGUMENT and NOT_FOUND from the
// server).
int RunOrganisationCommand(const Client& client, const std::string& command,
                           const std::map<std::string, std::string>& flags,
                           const std::vector<std::string>& positional, std::ostream& out, std::ostream& err);

}  // namespace crosswalk::cli

#endif  // CROSSWALK_TOOLS_CLI_ORGANISATION_COMMANDS_H_
