// The stored record body reader (gateway/store/record_json.h): a store file is read back on every
// listing and report, and a damaged or tampered one must give DATA_LOSS, never a crash. A body
// that reads must write back to a body that reads the same, written out in full and with term ids.
#include <cstdlib>

#include "gateway/store/record_json.h"
#include "tests/store/memory_terms.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace crosswalk;
  // Terms 1-3 exist (an attribute key, a location prefix, an origin); any other id is missing.
  static MemoryTerms* const terms = [] {
    auto* t = new MemoryTerms;
    (void)t->IdOf("sys_id");
    (void)t->IdOf("incidents.json line ");
    (void)t->IdOf(R"(["status","1","sn.incident.state.1"])");
    return t;
  }();
  const std::string text(reinterpret_cast<const char*>(data), size);
  absl::StatusOr<Record> record = RecordFromJson(text, {"row-id", "row-hash"}, terms);
  if (!record.ok()) return 0;
  const StoredRowKey key{record->provenance.native_id, record->provenance.content_hash};
  const std::string body = RecordToJson(*record);
  absl::StatusOr<Record> again = RecordFromJson(body, key, nullptr);
  if (!again.ok() || RecordToJson(*again) != body) std::abort();
  // With term ids (new ones are added to the table, which grows by a few terms per input at most).
  MemoryTerms fresh;
  absl::StatusOr<std::string> compact = RecordToJson(*record, fresh);
  if (!compact.ok()) std::abort();
  absl::StatusOr<Record> from_compact = RecordFromJson(*compact, key, &fresh);
  if (!from_compact.ok() || RecordToJson(*from_compact) != body) std::abort();
  return 0;
}
