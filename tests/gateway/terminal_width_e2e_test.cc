// The CLI's tables and a terminal report fit an 80-column terminal: the real crosswalk runs on a
// pseudo-terminal of 80 columns (no $COLUMNS: the width comes from the terminal) against the real
// crosswalkd on the example estate, in English and Japanese.
#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "absl/strings/match.h"
#include "absl/strings/str_join.h"
#include "gateway/core/unicode.h"
#include "gmock/gmock.h"
#include "tests/gateway/gateway_fixture.h"

extern char** environ;

namespace crosswalk {
namespace {

using ::testing::HasSubstr;

struct Terminal {
  int exit_code = -1;
  std::vector<std::string> lines;
};

// Runs `args` on a fresh pseudo-terminal of `columns` columns; its output, split into lines.
Terminal OnTerminal(const std::vector<std::string>& args, int columns) {
  std::vector<std::string> env;
  for (char** e = environ; *e != nullptr; ++e) {
    if (!absl::StartsWith(*e, "COLUMNS=") && !absl::StartsWith(*e, "LINES=")) env.push_back(*e);
  }
  std::vector<char*> argv, envp;
  for (const std::string& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  for (const std::string& entry : env) envp.push_back(const_cast<char*>(entry.c_str()));
  envp.push_back(nullptr);
  winsize size{};
  size.ws_col = static_cast<unsigned short>(columns);
  size.ws_row = 24;
  int master = -1;
  const pid_t pid = forkpty(&master, nullptr, nullptr, &size);
  if (pid == 0) {
    execve(argv[0], argv.data(), envp.data());
    _exit(127);
  }
  Terminal terminal;
  if (pid < 0) return terminal;
  std::string output;
  char buffer[4096];
  while (true) {
    const ssize_t n = read(master, buffer, sizeof(buffer));
    if (n > 0) {
      output.append(buffer, static_cast<size_t>(n));
    } else if (n < 0 && errno == EINTR) {
      continue;
    } else {
      break;  // EIO: the child closed the terminal
    }
  }
  close(master);
  int status = 0;
  waitpid(pid, &status, 0);
  terminal.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  for (absl::string_view line : absl::StrSplit(output, '\n')) {
    if (absl::EndsWith(line, "\r")) line.remove_suffix(1);
    terminal.lines.emplace_back(line);
  }
  return terminal;
}

int Widest(const Terminal& terminal) {
  int widest = 0;
  for (const std::string& line : terminal.lines) widest = std::max(widest, DisplayWidth(line));
  return widest;
}

class TerminalWidthTest : public GatewayTest {
 protected:
  Terminal Run(std::vector<std::string> args) {
    args.insert(args.begin(), {CROSSWALK_BINARY, "--server", daemon_->address()});
    return OnTerminal(args, 80);
  }
};

TEST_F(TerminalWidthTest, EveryLineFitsEightyColumns) {
  StartWith("");
  ProcessResult sync = Cli({"sync", "--all"});
  ASSERT_EQ(sync.exit_code, 0) << sync.err;
  const std::vector<std::vector<std::string>> commands = {
      {"sources"},
      {"records"},
      {"records", "--kind", "incident"},
      {"map", "--from", "iso27001:2022", "--to", "iso20000-1:2018"},
      {"report", "coverage"},
      {"report", "all"},
      {"report", "coverage", "--lang", "ja"},
      {"report", "all", "--lang", "ja"},
  };
  for (const auto& command : commands) {
    const Terminal terminal = Run(command);
    const std::string name = absl::StrJoin(command, " ");
    EXPECT_EQ(terminal.exit_code, 0) << name;
    EXPECT_GT(terminal.lines.size(), 3u) << name;
    for (const std::string& line : terminal.lines) EXPECT_LE(DisplayWidth(line), 80) << name << ": " << line;
  }
  // The fitting is real: the same tables are wider than 80 columns in full.
  const Terminal wide_records = Run({"records", "--wide"});
  EXPECT_EQ(wide_records.exit_code, 0);
  EXPECT_GT(Widest(wide_records), 80);
  EXPECT_GT(Widest(Run({"report", "all", "--lang", "ja", "--wide"})), 80);
  bool cut = false;
  for (const std::string& line : Run({"records"}).lines) cut = cut || absl::StrContains(line, "…");
  EXPECT_TRUE(cut);
}

TEST_F(TerminalWidthTest, ColumnsOverridesAndAPipeHasNoLimit) {
  StartWith("");
  ASSERT_EQ(Cli({"sync", "--all"}).exit_code, 0);
  ProcessResult piped = Cli({"records"});
  ASSERT_EQ(piped.exit_code, 0) << piped.err;
  int widest = 0;
  for (absl::string_view line : absl::StrSplit(piped.out, '\n')) widest = std::max(widest, DisplayWidth(line));
  EXPECT_GT(widest, 80);
  ProcessResult narrow = Cli({"records"}, {"COLUMNS=60"});
  for (absl::string_view line : absl::StrSplit(narrow.out, '\n')) EXPECT_LE(DisplayWidth(line), 60) << line;
}

// RenderReportRequest.width: the lines fit it, at least 20, and a negative width is refused.
TEST_F(TerminalWidthTest, ReportWidthIsCheckedAndApplied) {
  StartWith("");
  ASSERT_EQ(Cli({"sync", "--all"}).exit_code, 0);
  // The longest line of the coverage table rendered at `width`; -1 when the call failed.
  auto longest = [&](const std::string& width) {
    const ProcessResult result = Python({"report-width", daemon_->address(), width});
    return absl::StartsWith(result.out, "OK ") ? std::stoi(result.out.substr(3)) : -1;
  };
  EXPECT_LE(longest("50"), 50);
  EXPECT_GE(longest("50"), 40);
  EXPECT_LE(longest("5"), 20);  // at least 20
  EXPECT_GE(longest("5"), 15);
  EXPECT_GT(longest("0"), 80);  // no limit
  EXPECT_THAT(Python({"report-width", daemon_->address(), "-1"}).out,
              HasSubstr("INVALID_ARGUMENT width -1 is negative"));
}

}  // namespace
}  // namespace crosswalk
