// crosswalk: the command-line face of the mapping engine (and, later, a gateway client).

#include <iostream>
#include <string>
#include <vector>

#include "gateway/core/data_dir.h"
#include "tools/cli/cli.h"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  return crosswalk::cli::RunCli(args, crosswalk::BuiltInMappingsDir(), std::cout, std::cerr);
}
