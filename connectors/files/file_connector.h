#ifndef CROSSWALK_CONNECTORS_FILES_FILE_CONNECTOR_H_
#define CROSSWALK_CONNECTORS_FILES_FILE_CONNECTOR_H_

#include <cstdint>
#include <functional>
#include <string>

#include "connectors/connector.h"
#include "connectors/files/preset.h"

namespace crosswalk::files {

// The `file` connector: one CSV, XLSX, JSON or JSON Lines file read through a column preset.
//
// Cursor: the file's SHA-256 and the number of rows consumed. A run whose file has the digest of a
// finished cursor returns nothing (an unchanged file makes no versions); a run whose digest equals
// an unfinished cursor's resumes after the rows consumed; any other digest starts from the first
// row. The location is opened once per run and the digest and the rows are read through that one
// descriptor, so the rows stored are those of the content hashed even when another file is renamed
// over the path meanwhile; a directory, FIFO, device or socket is INVALID_ARGUMENT "is not a
// regular file" from Start (never read, never waited on).
//
// `max_record_bytes` (the largest row, JSON record or XLSX cell) defaults to
// kDefaultMaxRecordBytes; a value that is not a whole number from 1 to kMaxRecordBytesLimit is
// INVALID_ARGUMENT naming the key when the connector is created, so neither a source nor an
// import's options can lift the bound.
inline constexpr int64_t kDefaultMaxRecordBytes = 16 << 20;
inline constexpr int64_t kMaxRecordBytesLimit = 64 << 20;

// A test seam: called by Start between digesting the file and reading its rows, with the path.
struct FileConnectorHooks {
  std::function<void(const std::string& path)> after_digest;
};

// REQUIRES: `presets` and `hooks` (which may be null) outlive the factory and every connector it
// creates.
ConnectorFactory FileConnectorFactory(const PresetSet* presets,
                                      const FileConnectorHooks* hooks = nullptr);

// The format a file is read as when `format` is auto, from its extension: .csv, .xlsx, .json,
// .jsonl or .ndjson. INVALID_ARGUMENT for any other extension.
absl::StatusOr<std::string> FormatFromPath(const std::string& path);

}  // namespace crosswalk::files

#endif  // CROSSWALK_CONNECTORS_FILES_FILE_CONNECTOR_H_
