#ifndef CROSSWALK_CONNECTORS_FILES_PRESET_H_
#define CROSSWALK_CONNECTORS_FILES_PRESET_H_

#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "absl/status/statusor.h"
#include "connectors/files/row_source.h"
#include "gateway/core/record.h"

namespace crosswalk::files {

// One role of a preset: the canonical field it fills, how to read it, and the headers that may
// hold it (as HeaderKey: NFKC, case folded, without spaces and punctuation), in order of
// preference: the preset's own spellings (columns.csv), then the role's shared ones (roles.csv).
struct PresetColumn {
  std::string role;
  std::string type;  // text, date, datetime, number, flag, ref, refs
  bool required = false;
  std::vector<std::string> headers;
  std::vector<std::string> spellings;  // the same headers as written in the CSVs, for messages
};

// A column preset (mappings/presets/): which kind of record a file holds and which column is
// which.
struct Preset {
  std::string name;
  std::string kind;         // canonical kind, empty when a column gives it
  std::string native_kind;
  std::string vocabulary;
  std::vector<std::string> effective_from;
  std::string catalog;
  std::string description;
  std::vector<PresetColumn> columns;
};

// All presets. Immutable after Load.
class PresetSet {
 public:
  // Reads <mappings>/presets/presets.csv, columns.csv and roles.csv; INVALID_ARGUMENT at
  // file:line:column (also for a role of roles.csv that no preset uses).
  static absl::StatusOr<std::unique_ptr<PresetSet>> Load(const std::string& mappings_dir);

  const Preset* Find(const std::string& name) const;
  const std::vector<Preset>& presets() const { return presets_; }

 private:
  std::vector<Preset> presets_;
};

// The assignment of a file's columns to a preset's roles, made once from the header row.
class ColumnBinding {
 public:
  // Binds `header` names to roles. `overrides` ("role" → "Header") from the source configuration
  // take precedence over the preset's candidates. INVALID_ARGUMENT naming `file`, when a required
  // role has no column: it lists the headers that would do and the headers the file has.
  static absl::StatusOr<ColumnBinding> Bind(const Preset& preset,
                                            const std::vector<std::string>& header,
                                            const std::map<std::string, std::string>& overrides,
                                            const std::string& file);

  // The raw record of one row (its values are moved out): bound columns as role fields, all
  // others as extra fields under their own header, so nothing is dropped. Thread-compatible (it
  // caches header lookups).
  RawRecord Apply(SourceRow&& row, const std::string& file) const;

  // The headers no role claimed, in file order: their values are kept as extra fields.
  const std::vector<std::string>& unclaimed() const { return unclaimed_; }

 private:
  const Preset* preset_ = nullptr;
  std::map<std::string, const PresetColumn*> role_by_header_key_;  // HeaderKey → role
  std::vector<std::string> unclaimed_;
  // Raw header → role (nullptr: extra), so each distinct name is folded once, not once per row.
  mutable std::unordered_map<std::string, const PresetColumn*> role_by_name_;
};

}  // namespace crosswalk::files

#endif  // CROSSWALK_CONNECTORS_FILES_PRESET_H_
