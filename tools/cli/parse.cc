#include "tools/cli/parse.h"

#include <algorithm>
#include <optional>

#include "CLI/CLI.hpp"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gateway/core/text_distance.h"
#include "tools/cli/command_table.h"

namespace crosswalk::cli {
namespace {

const FlagDef* FindFlag(const std::vector<FlagDef>& flags, const std::string& name) {
  for (const FlagDef& flag : flags) {
    if (flag.name == name) return &flag;
  }
  return nullptr;
}

std::string FlagName(const std::string& arg) { return arg.substr(0, arg.find('=')); }

// The flag definitions `command` accepts, global ones first, then --help and --version.
std::vector<FlagDef> AcceptedFlags(const CommandDef* command) {
  std::vector<FlagDef> flags = GlobalFlags();
  if (command != nullptr) flags.insert(flags.end(), command->flags.begin(), command->flags.end());
  flags.push_back({"--help", "", ""});
  flags.push_back({"--version", "", ""});
  return flags;
}

// Index of the command word in `args` (the first word that is neither a flag nor a flag's value),
// or nullopt.
std::optional<size_t> CommandIndex(const std::vector<std::string>& args) {
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg.rfind("-", 0) != 0) return i;
    // A flag before the command: its value is the next word (a flag name takes a value in every
    // command or in none).
    const FlagDef* flag = FindFlag(GlobalFlags(), FlagName(arg));
    for (size_t c = 0; flag == nullptr && c < Commands().size(); ++c) flag = FindFlag(Commands()[c].flags, FlagName(arg));
    if (flag != nullptr && !flag->value_name.empty() && arg.find('=') == std::string::npos) ++i;
  }
  return std::nullopt;
}

// The message for an argument the command's parser did not take.
UsageError Unexpected(const std::string& arg, const std::string& command) {
  const std::string name = FlagName(arg);
  std::vector<std::string> known;
  for (const FlagDef& flag : AcceptedFlags(nullptr)) known.push_back(flag.name);
  for (const CommandDef& other : Commands()) {
    for (const FlagDef& flag : other.flags) {
      if (flag.name == name) return {absl::StrCat("'", command, "' does not take ", name)};
      known.push_back(flag.name);
    }
  }
  std::sort(known.begin(), known.end());
  known.erase(std::unique(known.begin(), known.end()), known.end());
  return {absl::StrCat("unknown flag '", name, "'; nearest known: ", absl::StrJoin(Nearest(name, known), ", "))};
}

// Names the flag CLI11 found without its value: the first value flag followed by nothing or by
// another flag.
std::optional<UsageError> MissingValue(const std::vector<std::string>& args, const std::vector<FlagDef>& flags) {
  for (size_t i = 0; i < args.size(); ++i) {
    const FlagDef* flag = FindFlag(flags, args[i]);
    if (flag == nullptr || flag->value_name.empty()) continue;
    if (i + 1 == args.size() || args[i + 1].rfind("--", 0) == 0) return UsageError{absl::StrCat(args[i], " needs a value")};
  }
  return std::nullopt;
}

}  // namespace

std::variant<Invocation, UsageError> Parse(const std::vector<std::string>& args) {
  Invocation invocation;
  std::vector<std::string> rest = args;
  const std::optional<size_t> at = CommandIndex(args);
  const CommandDef* command = nullptr;
  if (at) {
    invocation.command = args[*at];
    rest.erase(rest.begin() + static_cast<std::ptrdiff_t>(*at));
    command = FindCommand(invocation.command);
  }
  const std::vector<FlagDef> accepted = AcceptedFlags(command);

  CLI::App app("crosswalk");
  app.set_help_flag();
  app.allow_extras();
  std::vector<std::pair<const FlagDef*, CLI::Option*>> options;
  for (const FlagDef& flag : accepted) {
    CLI::Option* option = flag.value_name.empty() ? app.add_flag(flag.name) : app.add_option(flag.name);
    if (!flag.value_name.empty()) option->type_size(1)->allow_extra_args(false);
    option->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    options.emplace_back(&flag, option);
  }
  std::vector<std::string> positional;
  app.add_option("args", positional);
  try {
    std::vector<std::string> reversed(rest.rbegin(), rest.rend());  // CLI11 parses from the back
    app.parse(reversed);
  } catch (const CLI::ParseError& error) {
    if (auto missing = MissingValue(rest, accepted)) return *missing;
    return UsageError{error.what()};
  }
  for (const auto& [flag, option] : options) {
    if (option->count() == 0) continue;
    const std::vector<std::string>& values = option->results();
    if (option->count() > 1 && !flag->repeatable) {
      return UsageError{absl::StrCat(flag->name, " given ", option->count(), " times; it takes one ",
                                     flag->value_name.empty() ? "switch" : "value")};
    }
    invocation.flags[flag->name] = flag->value_name.empty() ? "" : absl::StrJoin(values, "\n");
  }
  invocation.positional = positional;
  if (invocation.flags.count("--help") || invocation.flags.count("--version")) return invocation;
  if (invocation.command.empty()) return UsageError{"no command given"};
  if (command == nullptr) {
    std::vector<std::string> names;
    for (const CommandDef& known : Commands()) names.push_back(known.name);
    return UsageError{absl::StrCat("unknown command '", invocation.command, "'; nearest known: ",
                                   absl::StrJoin(Nearest(invocation.command, names), ", "))};
  }
  for (const std::string& extra : app.remaining()) {
    if (extra.rfind("-", 0) == 0) return Unexpected(extra, invocation.command);
  }
  return invocation;
}

}  // namespace crosswalk::cli
