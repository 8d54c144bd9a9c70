// OSCAL mapping-collections read as the organisation's decisions (gateway/mapping/oscal_mapping.h
// ReadOscalDecisions): problems or decisions, never a crash; a decision always names both catalogs and both refs.
#include <cstdlib>

#include "gateway/mapping/oscal_mapping.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto read = crosswalk::mapping::ReadOscalDecisions(absl::string_view(reinterpret_cast<const char*>(data), size), "fuzz.json");
  for (const crosswalk::MappingDecision& d : read.decisions) {
    if (d.from.empty() || d.to.empty() || d.from_ref.empty() || d.to_ref.empty()) std::abort();
  }
  return 0;
}
