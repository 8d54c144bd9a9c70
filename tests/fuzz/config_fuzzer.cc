// crosswalkd's YAML configuration (gateway/server/config.h) from arbitrary bytes: an error or a
// config, never a crash.
#include "gateway/server/config.h"
#include "tests/fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  crosswalk::fuzz::InputFile file(data, size);
  (void)crosswalk::server::LoadGatewayConfig(file.path());
  return 0;
}
