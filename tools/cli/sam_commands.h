#ifndef CROSSWALK_TOOLS_CLI_SAM_COMMANDS_H_
#define CROSSWALK_TOOLS_CLI_SAM_COMMANDS_H_

#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "crosswalk/v1/sam.pb.h"
#include "tools/cli/client.h"

namespace crosswalk::cli {

// `crosswalk --server ADDR sam installs|titles …` (docs/sam.md "Installations"): the gateway's
// Sam service as a table. `positional` starts with the subcommand. Returns the exit code: 0 ok,
// 1 the server failed, 2 usage (also INVALID_ARGUMENT from the server: an unknown class).
int RunSamCommand(const Client& client, const std::map<std::string, std::string>& flags,
                  const std::vector<std::string>& positional, std::ostream& out, std::ostream& err);

// The rule that made the install what it is, for the `rule` column: the last of its rules for a
// product (its product or package rule, or the free rule after it) and for an excluded entry (its
// exclude rule, then its only one, or "source-excluded", which the catalogue adds after the rules
// that read the title); none for an unrecognised title or a package no rule maps. Every rule is in
// the json's `rules`.
std::string DecidingRule(const v1::Install& install);

}  // namespace crosswalk::cli

#endif  // CROSSWALK_TOOLS_CLI_SAM_COMMANDS_H_
