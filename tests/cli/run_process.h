#ifndef CROSSWALK_TESTS_CLI_RUN_PROCESS_H_
#define CROSSWALK_TESTS_CLI_RUN_PROCESS_H_

#include <string>
#include <vector>

namespace crosswalk::testing_process {

struct ProcessResult {
  int exit_code = -1;  // -1 when the process did not exit normally
  std::string out;
  std::string err;
};

// Runs `argv` (argv[0] is a path) with `extra_env` ("NAME=value") added to this process's
// environment, and waits for it.
ProcessResult RunProcess(const std::vector<std::string>& argv,
                         const std::vector<std::string>& extra_env = {});

}  // namespace crosswalk::testing_process

#endif  // CROSSWALK_TESTS_CLI_RUN_PROCESS_H_
