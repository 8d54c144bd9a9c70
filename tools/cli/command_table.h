#ifndef CROSSWALK_TOOLS_CLI_COMMAND_TABLE_H_
#define CROSSWALK_TOOLS_CLI_COMMAND_TABLE_H_

#include <string>
#include <vector>

// The one definition of the crosswalk command line: every command and every flag it takes. The
// parser (parse.h), the top-level and per-command --help and the bash completion script are all
// generated from it, so adding a flag is one line in command_table.cc.
namespace crosswalk::cli {

struct FlagDef {
  std::string name;        // "--format"
  std::string value_name;  // "F"; empty for a switch (no value)
  std::string help;
  std::vector<std::string> choices;  // enumerated values, for help and completion (not enforced
                                     // here: the command's own check names the nearest)
  bool repeatable = false;  // given more than once: values kept in order; otherwise a usage error
  bool required = false;    // shown without brackets in the synopsis (the command checks it)
  std::string group;        // switches of one non-empty group show as "[--a | --b]"
};

struct CommandDef {
  std::string name;
  std::string args;     // positional arguments in the synopsis, e.g. "[REF ...]"
  std::string summary;  // what it does (may span lines)
  std::vector<FlagDef> flags;
};

// Flags every command takes (--mappings, --server, --token-file, --tls-ca, --wide).
const std::vector<FlagDef>& GlobalFlags();

// Every command, in the order the help lists them.
const std::vector<CommandDef>& Commands();

// The command named `name`, or nullptr.
const CommandDef* FindCommand(const std::string& name);

// "map --from ID --to ID [--direct-only | --best] … [REF ...]".
std::string Synopsis(const CommandDef& command);

// The text of `crosswalk --help`: every command's synopsis and summary, the global flags and the
// exit codes.
std::string TopLevelHelp();

// The text of `crosswalk COMMAND --help`: synopsis, summary, and each flag with its values.
std::string CommandHelp(const CommandDef& command);

// A bash completion script (`source <(crosswalk completion bash)`): commands, each command's flags,
// and the values of enumerated flags (`kinds`: those of mappings/rules/kinds.csv, for --kind).
std::string BashCompletion(const std::vector<std::string>& kinds);

}  // namespace crosswalk::cli

#endif  // CROSSWALK_TOOLS_CLI_COMMAND_TABLE_H_
