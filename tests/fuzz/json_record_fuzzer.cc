// The in-place JSON record parser (connectors/files/json_record.h), the hot path of JSON imports:
// one record object, bounded depth.
#include "connectors/files/json_record.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::vector<crosswalk::files::SourceField> fields;
  size_t consumed = 0, error_offset = 0;
  int newlines = 0;
  (void)crosswalk::files::ParseJsonRecord(absl::string_view(reinterpret_cast<const char*>(data), size), 64,
                                          &fields, &consumed, &newlines, &error_offset);
  return 0;
}
