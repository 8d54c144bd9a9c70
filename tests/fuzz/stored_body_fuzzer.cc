// The stored record body reader (gateway/store/record_json.h): a store file is read back on every
// listing and report, and a damaged or tampered one must give DATA_LOSS, never a crash. A body
// that reads must write back to a body that reads the same.
#include <cstdlib>

#include "gateway/store/record_json.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  absl::StatusOr<crosswalk::Record> record = crosswalk::RecordFromJson(text);
  if (!record.ok()) return 0;
  const std::string body = crosswalk::RecordToJson(*record);
  absl::StatusOr<crosswalk::Record> again = crosswalk::RecordFromJson(body);
  if (!again.ok() || crosswalk::RecordToJson(*again) != body) std::abort();
  return 0;
}
