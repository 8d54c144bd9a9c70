// Help texts and the bash completion script, generated from the command table.
#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "tools/cli/command_table.h"

namespace crosswalk::cli {
namespace {

std::string FlagUsage(const FlagDef& flag) {
  return flag.value_name.empty() ? flag.name : absl::StrCat(flag.name, " ", flag.value_name);
}

// `text` with every line after the first indented by `indent` spaces.
std::string Indented(const std::string& text, int indent) {
  return absl::StrReplaceAll(text, {{"\n", absl::StrCat("\n", std::string(indent, ' '))}});
}

void AppendFlagHelp(const FlagDef& flag, std::string& text) {
  std::string usage = absl::StrCat("  ", FlagUsage(flag));
  if (usage.size() < 24) usage.append(24 - usage.size(), ' ');
  else usage += "\n" + std::string(24, ' ');
  absl::StrAppend(&text, usage, Indented(flag.help, 24));
  if (!flag.choices.empty()) absl::StrAppend(&text, " (", absl::StrJoin(flag.choices, ", "), ")");
  if (flag.repeatable) absl::StrAppend(&text, "; may be repeated");
  text += "\n";
}

constexpr char kExitCodes[] =
    "exit status: 0 ok, 1 data problems or a failed run, 2 usage error (unknown command, flag,\n"
    "format, catalog, ref, kind or source, or a single-valued flag given twice), 3 nothing stored\n"
    "(a sync or import read no record or stored none)\n";

}  // namespace

std::string Synopsis(const CommandDef& command) {
  std::string text = command.name;
  for (size_t i = 0; i < command.flags.size(); ++i) {
    const FlagDef& flag = command.flags[i];
    if (flag.required) {
      absl::StrAppend(&text, " ", FlagUsage(flag));
      continue;
    }
    std::vector<std::string> alternatives = {FlagUsage(flag)};
    while (!flag.group.empty() && i + 1 < command.flags.size() && command.flags[i + 1].group == flag.group) {
      alternatives.push_back(FlagUsage(command.flags[++i]));
    }
    absl::StrAppend(&text, " [", absl::StrJoin(alternatives, " | "), "]", flag.repeatable ? "..." : "");
  }
  if (!command.args.empty()) absl::StrAppend(&text, " ", command.args);
  return text;
}

std::string TopLevelHelp() {
  std::string text =
      "usage: crosswalk [--mappings DIR] [--server ADDR] COMMAND [OPTIONS]\n\n"
      "Mapping queries over the catalogs and correspondence tables in mappings/, and a client of the\n"
      "crosswalkd gateway. `crosswalk COMMAND --help` describes one command and its flags.\n\n"
      "commands:\n";
  for (const CommandDef& command : Commands()) {
    absl::StrAppend(&text, "  ", Synopsis(command), "\n      ", Indented(command.summary, 6), "\n");
  }
  text += "\noptions of every command:\n";
  for (const FlagDef& flag : GlobalFlags()) AppendFlagHelp(flag, text);
  AppendFlagHelp({"--help", "", "this text, or a command's help after the command"}, text);
  AppendFlagHelp({"--version", "", "the version of crosswalk"}, text);
  return text + "\n" + kExitCodes;
}

std::string CommandHelp(const CommandDef& command) {
  std::string text = absl::StrCat("usage: crosswalk ", Synopsis(command), "\n\n", command.summary, "\n");
  if (!command.flags.empty()) text += "\noptions:\n";
  for (const FlagDef& flag : command.flags) AppendFlagHelp(flag, text);
  text += "\noptions of every command:\n";
  for (const FlagDef& flag : GlobalFlags()) AppendFlagHelp(flag, text);
  AppendFlagHelp({"--help", "", "this text"}, text);
  return text + "\n" + kExitCodes;
}

std::string BashCompletion(const std::vector<std::string>& kinds) {
  std::vector<std::string> names;
  for (const CommandDef& command : Commands()) names.push_back(command.name);
  std::vector<std::string> global;
  for (const FlagDef& flag : GlobalFlags()) global.push_back(flag.name);
  global.push_back("--help");
  // Choices by flag name; a flag whose values differ between commands offers their union.
  std::map<std::string, std::set<std::string>> choices;
  choices["--kind"].insert(kinds.begin(), kinds.end());
  std::string cases;
  for (const CommandDef& command : Commands()) {
    std::vector<std::string> flags;
    for (const FlagDef& flag : command.flags) {
      flags.push_back(flag.name);
      choices[flag.name].insert(flag.choices.begin(), flag.choices.end());
    }
    absl::StrAppend(&cases, "    ", command.name, ") flags=\"", absl::StrJoin(flags, " "), "\" ;;\n");
  }
  absl::StrAppend(&cases, "    completion) COMPREPLY=($(compgen -W \"bash\" -- \"$cur\")); return ;;\n");
  std::string values;
  for (const auto& [flag, words] : choices) {
    if (words.empty()) continue;
    absl::StrAppend(&values, "    ", flag, ") COMPREPLY=($(compgen -W \"", absl::StrJoin(words, " "),
                    "\" -- \"$cur\")); return ;;\n");
  }
  return absl::StrCat(
      "# bash completion for crosswalk: source <(crosswalk completion bash)\n"
      "_crosswalk() {\n"
      "  local cur=\"${COMP_WORDS[COMP_CWORD]}\" prev=\"${COMP_WORDS[COMP_CWORD-1]}\"\n"
      "  local command=\"\" flags=\"\" word\n"
      "  case \"$prev\" in\n", values,
      "  esac\n"
      "  for word in \"${COMP_WORDS[@]:1:COMP_CWORD-1}\"; do\n"
      "    case \"$word\" in -*) ;; *) [[ -z \"$command\" ]] && command=\"$word\" ;; esac\n"
      "  done\n"
      "  case \"$command\" in\n"
      "    \"\") COMPREPLY=($(compgen -W \"", absl::StrJoin(names, " "), " ", absl::StrJoin(global, " "),
      " --version\" -- \"$cur\")); return ;;\n", cases,
      "  esac\n"
      "  COMPREPLY=($(compgen -W \"$flags ", absl::StrJoin(global, " "), "\" -- \"$cur\"))\n"
      "}\n"
      "complete -o default -F _crosswalk crosswalk\n");
}

}  // namespace crosswalk::cli
