// Import file names from clients (gateway/server/import_shelf.h): an accepted name's escaped
// form is a single plain path component, and escaping is one-to-one (checked on name pairs).
#include <cstdlib>

#include "gateway/server/import_shelf.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  const size_t cut = input.find('\n');
  const std::string a = input.substr(0, cut);
  const std::string b = cut == std::string::npos ? "" : input.substr(cut + 1);
  std::string escaped[2];
  bool ok[2] = {false, false};
  int i = 0;
  for (const std::string& name : {a, b}) {
    ok[i] = crosswalk::server::CheckImportName(name).ok();
    if (ok[i]) {
      escaped[i] = crosswalk::server::EscapeImportName(name);
      if (escaped[i].empty() || escaped[i][0] == '.' || escaped[i].find('/') != std::string::npos ||
          escaped[i].find('\0') != std::string::npos || escaped[i].size() > crosswalk::server::kMaxEscapedNameBytes) {
        std::abort();
      }
    }
    ++i;
  }
  if (ok[0] && ok[1] && a != b && escaped[0] == escaped[1]) std::abort();
  return 0;
}
