#ifndef CROSSWALK_GATEWAY_SYNC_PREVIEW_H_
#define CROSSWALK_GATEWAY_SYNC_PREVIEW_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "connectors/connector.h"
#include "gateway/normalize/normalizer.h"
#include "gateway/sync/sync_engine.h"

namespace crosswalk {

// What a preview shows of a source, read and normalised as a sync would, with nothing stored.
struct PreviewColumn {
  std::string header;  // as the file spells it
  std::string column;  // "3" (CSV field number), "C" (XLSX column letter), "" (a JSON member)
  std::string role;    // the role it gives; empty: no role claimed it (kept as an attribute)
  int order = 0;       // the column number (A = 1), for sorting; 0 for a JSON member
};
struct PreviewUnknown {
  std::string field;
  std::string raw_value;
  int64_t count = 0;
  std::string example_native_id;
};
struct PreviewResult {
  std::string source;
  std::string outcome;  // ok; failed: a sync would reject the source; empty: it would store nothing
  std::vector<PreviewColumn> columns;   // in column order
  std::vector<Record> records;          // the first `limit` records, normalised
  std::vector<PreviewUnknown> unknown;  // most frequent first (at most kListedUnknown)
  int64_t unknown_distinct = 0;         // distinct (field, value) pairs seen (counted up to a cap)
  std::map<std::string, int64_t> kinds; // records per canonical kind
  int64_t read = 0;                     // records read from the file
  int64_t bad = 0;                      // records the normaliser rejected
  std::vector<std::string> notes;       // the connector's notes, warnings left out
  std::vector<std::string> warnings;    // notes that are warnings (kWarningNotePrefix), and ours
  std::vector<std::string> errors;      // what a sync would fail or skip rows with (at most kListedErrors)
};

struct PreviewOptions {
  int limit = 5;  // records shown
};

// Reads `source` through its connector from its start (whatever its cursor) and normalises every
// record as a sync does (the same Normalizer, the same SourceShape), storing nothing: no records,
// cursor, sync run. One page is in memory at a time; the kinds and unknown values are counted over
// the whole source, the unknown values in a table of at most kTrackedUnknown distinct pairs (further
// pairs are counted in unknown_distinct only).
//
// Errors as a sync meets them: a row the connector cannot read (or a header that does not bind) ends
// the read with outcome "failed"; a record the normaliser rejects is listed and counted, and the
// read goes on, so every bad row up to kListedErrors is named at once; with on_error=reject such a
// record makes the outcome "failed" (a sync would keep nothing), with on_error=skip a sync would
// leave it out. A source that yields no record to store is "empty". Returns an error only when the
// connector cannot be created (a bad configuration).
inline constexpr size_t kListedErrors = 20;
inline constexpr size_t kListedUnknown = 100;
inline constexpr size_t kTrackedUnknown = 10000;
absl::StatusOr<PreviewResult> PreviewSource(const SourceDefinition& source, const ConnectorRegistry& registry,
                                            const Normalizer& normalizer, const ConnectorDeps& deps,
                                            const PreviewOptions& options, int batch_size = 2000);

}  // namespace crosswalk

#endif  // CROSSWALK_GATEWAY_SYNC_PREVIEW_H_
