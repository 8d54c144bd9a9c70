#ifndef CROSSWALK_CONNECTORS_FILES_FILE_CONNECTOR_H_
#define CROSSWALK_CONNECTORS_FILES_FILE_CONNECTOR_H_

#include "connectors/connector.h"
#include "connectors/files/preset.h"

namespace crosswalk::files {

// The `file` connector: one CSV, XLSX, JSON or JSON Lines file read through a column preset.
//
// Cursor: the file's SHA-256 and the number of rows consumed. A run whose file has the digest of a
// finished cursor returns nothing (an unchanged file makes no versions); a run whose digest equals
// an unfinished cursor's resumes after the rows consumed; any other digest starts from the first
// row. The file must not change during a run (imports are copied by the gateway first).
//
// REQUIRES: `presets` outlives the factory and every connector it creates.
ConnectorFactory FileConnectorFactory(const PresetSet* presets);

// The format a file is read as when `format` is auto, from its extension: .csv, .xlsx, .json,
// .jsonl or .ndjson. INVALID_ARGUMENT for any other extension.
absl::StatusOr<std::string> FormatFromPath(const std::string& path);

}  // namespace crosswalk::files

#endif  // CROSSWALK_CONNECTORS_FILES_FILE_CONNECTOR_H_
