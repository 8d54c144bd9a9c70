#ifndef CROSSWALK_TOOLS_CLI_PARSE_H_
#define CROSSWALK_TOOLS_CLI_PARSE_H_

#include <map>
#include <string>
#include <variant>
#include <vector>

// The command line of `crosswalk`, parsed with CLI11 against the command table (command_table.h).
namespace crosswalk::cli {

struct Invocation {
  std::string command;                       // empty only with --help or --version
  std::map<std::string, std::string> flags;  // flag -> value ("" for switches); a repeatable
                                             // flag's values joined by newlines
  std::vector<std::string> positional;
};

// A usage error: the message names the flag, command or value and what was expected.
struct UsageError {
  std::string message;
};

// Parses ARGS (without the program name). The command is the first word that is neither a flag
// nor the value of a global flag; flags and arguments may come in any order around it. Errors:
// no command, an unknown command or flag (naming the nearest known), a flag of another command, a
// flag without its value or a switch with one, and a single-valued flag given more than once.
// With --help or --version the command may be empty and nothing else is checked.
std::variant<Invocation, UsageError> Parse(const std::vector<std::string>& args);

}  // namespace crosswalk::cli

#endif  // CROSSWALK_TOOLS_CLI_PARSE_H_
