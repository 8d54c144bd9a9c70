// CISO Assistant library YAML import (gateway/mapping/ciso_assistant_import.h) against the
// shipped catalogs. A NUL byte splits the input into two files (a framework and a mapping set).
#include <cstdlib>
#include <memory>

#include "gateway/mapping/ciso_assistant_import.h"
#include "gateway/mapping/mapping_engine.h"
#include "gateway/mapping/mapping_loader.h"

namespace {
std::unique_ptr<crosswalk::mapping::MappingEngine> engine;
}

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  auto data = crosswalk::mapping::LoadValidMappings(CROSSWALK_SOURCE_MAPPINGS_DIR);
  if (!data.ok()) std::abort();
  engine = std::make_unique<crosswalk::mapping::MappingEngine>(std::move(*data));
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  std::vector<crosswalk::mapping::CisoAssistantFile> files;
  const size_t cut = input.find('\0');
  files.push_back({"framework.yaml", input.substr(0, cut)});
  if (cut != std::string::npos) files.push_back({"mapping.yaml", input.substr(cut + 1)});
  (void)crosswalk::mapping::ImportCisoAssistant(*engine, files);
  return 0;
}
