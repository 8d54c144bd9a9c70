#ifndef CROSSWALK_GATEWAY_SYNC_READ_SETTINGS_H_
#define CROSSWALK_GATEWAY_SYNC_READ_SETTINGS_H_

#include <string>

#include "connectors/connector.h"

namespace crosswalk {

// How a source is read, as part of its stored cursor (docs/sources.md "Re-read"): when the read
// settings change, the next sync reads the whole source again. The settings are the connector
// type and the options that change what records a read produces: preset, columns, sheet,
// encoding, timezone, catalog and format. Never the location (a changed file is caught by its
// digest) nor any other option, so no credential can reach a cursor.
std::string ReadSettingsOf(const SourceConfig& config);

// A cursor as the store keeps it: the read settings on a first line, then the connector's cursor.
// A cursor stored before settings were kept (no first line) has has_settings false.
struct SettingsCursor {
  bool has_settings = false;
  std::string settings;
  std::string cursor;
};
SettingsCursor SplitStoredCursor(const std::string& stored);
std::string JoinStoredCursor(const std::string& settings, const std::string& cursor);

// What changed between two ReadSettingsOf texts, for the user:
// "preset servicenow-change → servicenow-incident, timezone (none) → +09:00".
std::string DescribeSettingsChange(const std::string& before, const std::string& after);

}  // namespace crosswalk

#endif  // CROSSWALK_GATEWAY_SYNC_READ_SETTINGS_H_
