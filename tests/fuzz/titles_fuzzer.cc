// The user's Japanese titles, as a client sends them with a report (gateway/mapping/
// japanese_titles.h ApplyJapaneseTitlesText): an error or titles applied, never a crash; applied
// titles are never empty and each still names one item of its catalog.
#include <cstdlib>
#include <map>
#include <set>
#include <string>

#include "gateway/core/unicode.h"
#include "gateway/mapping/japanese_titles.h"
#include "gateway/mapping/mapping_loader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const auto* shipped = [] {
    auto loaded = crosswalk::mapping::LoadValidMappings(CROSSWALK_SOURCE_MAPPINGS_DIR);
    if (!loaded.ok()) std::abort();
    return new crosswalk::mapping::MappingData(std::move(*loaded));
  }();
  crosswalk::mapping::MappingData copy = *shipped;
  const std::string text(reinterpret_cast<const char*>(data), size);
  if (!crosswalk::mapping::ApplyJapaneseTitlesText("fuzz.csv", text, &copy).ok()) return 0;
  for (size_t c = 0; c < copy.catalogs.size(); ++c) {
    std::set<std::string> seen;
    for (size_t i = 0; i < copy.catalogs[c].items.size(); ++i) {
      const std::string& title = copy.catalogs[c].items[i].title_ja;
      if (title == shipped->catalogs[c].items[i].title_ja) continue;
      if (title.empty() || !seen.insert(crosswalk::MatchKey(title)).second) std::abort();
    }
  }
  return 0;
}
