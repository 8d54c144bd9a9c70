#include "gateway/core/data_dir.h"

#include <cstdlib>
#include <filesystem>

namespace crosswalk {

std::string BuiltInMappingsDir() {
  std::error_code error;
  const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", error);
  if (!error) {
    const auto installed = exe.parent_path().parent_path() / CROSSWALK_INSTALL_DATADIR / "mappings";
    if (std::filesystem::is_directory(installed / "catalogs")) return installed.string();
  }
  return CROSSWALK_SOURCE_MAPPINGS_DIR;
}

std::string DefaultMappingsDir() {
  if (const char* env = std::getenv("CROSSWALK_MAPPINGS"); env != nullptr && *env != '\0') return env;
  return BuiltInMappingsDir();
}

}  // namespace crosswalk
