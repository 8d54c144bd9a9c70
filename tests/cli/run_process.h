#ifndef CROSSWALK_TESTS_CLI_RUN_PROCESS_H_
#define CROSSWALK_TESTS_CLI_RUN_PROCESS_H_

#include <sys/types.h>

#include <string>
#include <vector>

namespace crosswalk::testing_process {

struct ProcessResult {
  int exit_code = -1;  // -1 when the process did not exit normally
  std::string out;
  std::string err;
};

// Starts `argv` (argv[0] is a path) with `extra_env` ("NAME=value") added to this process's
// environment and its stdout and stderr on the given descriptors (which the child gets; the caller
// keeps its own). Returns the child's pid; the child exits 127 when it cannot exec.
pid_t Spawn(const std::vector<std::string>& argv, const std::vector<std::string>& extra_env,
            int stdout_fd, int stderr_fd);

// Runs `argv` (argv[0] is a path) with `extra_env` ("NAME=value") added to this process's
// environment, and waits for it.
ProcessResult RunProcess(const std::vector<std::string>& argv,
                         const std::vector<std::string>& extra_env = {});

// The lines of a process's output, without their '\n' and without empty lines.
std::vector<std::string> NonEmptyLines(const std::string& text);

}  // namespace crosswalk::testing_process

#endif  // CROSSWALK_TESTS_CLI_RUN_PROCESS_H_
