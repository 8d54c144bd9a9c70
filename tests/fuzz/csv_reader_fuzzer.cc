// The RFC 4180 reader (gateway/core/csv_reader.h) over arbitrary bytes: every record to the end
// or the first error, within the record limit.
#include <sstream>

#include "gateway/core/csv_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  crosswalk::CsvReader reader(in, 1 << 16);
  for (int i = 0; i < 100000; ++i) {
    auto record = reader.Next();
    if (!record.ok() || !record->has_value()) break;
  }
  return 0;
}
