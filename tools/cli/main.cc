// crosswalk: the command-line face of the mapping engine (and, later, a gateway client).

#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "tools/cli/cli.h"

namespace {

// The mapping data next to an installed binary (<prefix>/bin/../share/crosswalk/mappings), else the
// source tree this binary was built from.
std::string DefaultMappings() {
  std::error_code error;
  const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", error);
  if (!error) {
    const auto installed =
        exe.parent_path().parent_path() / CROSSWALK_INSTALL_DATADIR / "mappings";
    if (std::filesystem::is_directory(installed / "catalogs")) return installed.string();
  }
  return CROSSWALK_SOURCE_MAPPINGS_DIR;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  return crosswalk::cli::RunCli(args, DefaultMappings(), std::cout, std::cerr);
}
