#include "connectors/files/preset.h"

#include <set>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "gateway/core/csv_table.h"
#include "gateway/core/status_macros.h"
#include "gateway/core/unicode.h"

namespace crosswalk::files {

absl::StatusOr<std::unique_ptr<PresetSet>> PresetSet::Load(const std::string& mappings_dir) {
  auto set = std::make_unique<PresetSet>();
  CW_ASSIGN_OR_RETURN(
      CsvTable presets,
      ReadCsvTable(mappings_dir + "/presets/presets.csv",
                   {"preset", "kind", "native_kind", "vocabulary", "effective_from", "catalog",
                    "description"}));
  for (const CsvRecord& row : presets.rows) {
    Preset preset;
    preset.name = presets.Value(row, "preset");
    preset.kind = presets.Value(row, "kind");
    preset.native_kind = presets.Value(row, "native_kind");
    preset.vocabulary = presets.Value(row, "vocabulary");
    preset.effective_from = absl::StrSplit(presets.Value(row, "effective_from"), ';', absl::SkipEmpty());
    preset.catalog = presets.Value(row, "catalog");
    preset.description = presets.Value(row, "description");
    if (preset.name.empty() || set->Find(preset.name) != nullptr) {
      return presets.ErrorAt(row, "preset", "preset name is empty or repeated");
    }
    set->presets_.push_back(std::move(preset));
  }
  CW_ASSIGN_OR_RETURN(CsvTable columns,
                      ReadCsvTable(mappings_dir + "/presets/columns.csv",
                                   {"preset", "role", "type", "required", "headers"}));
  static const std::set<std::string> kTypes = {"text", "date", "datetime", "number", "flag", "ref", "refs"};
  for (const CsvRecord& row : columns.rows) {
    Preset* preset = nullptr;
    for (Preset& candidate : set->presets_) {
      if (candidate.name == columns.Value(row, "preset")) preset = &candidate;
    }
    if (preset == nullptr) return columns.ErrorAt(row, "preset", "no such preset in presets.csv");
    PresetColumn column;
    column.role = columns.Value(row, "role");
    column.type = columns.Value(row, "type");
    const std::string required = columns.Value(row, "required");
    if (!kTypes.count(column.type)) {
      return columns.ErrorAt(row, "type", "expected text, date, datetime, number, flag, ref or refs");
    }
    if (required != "yes" && required != "no") return columns.ErrorAt(row, "required", "expected yes or no");
    column.required = required == "yes";
    for (absl::string_view header : absl::StrSplit(columns.Value(row, "headers"), '|', absl::SkipEmpty())) {
      column.headers.push_back(MatchKey(header));
    }
    if (column.role.empty() || column.headers.empty()) {
      return columns.ErrorAt(row, "headers", "a role needs a name and at least one header");
    }
    for (const PresetColumn& other : preset->columns) {
      if (other.role == column.role) return columns.ErrorAt(row, "role", "role repeated for this preset");
    }
    preset->columns.push_back(std::move(column));
  }
  return set;
}

const Preset* PresetSet::Find(const std::string& name) const {
  for (const Preset& preset : presets_) {
    if (preset.name == name) return &preset;
  }
  return nullptr;
}

absl::StatusOr<ColumnBinding> ColumnBinding::Bind(
    const Preset& preset, const std::vector<std::string>& header,
    const std::map<std::string, std::string>& overrides, const std::string& file) {
  ColumnBinding binding;
  binding.preset_ = &preset;
  std::set<std::string> present;
  for (const std::string& name : header) present.insert(MatchKey(name));
  std::set<std::string> taken;
  for (const PresetColumn& column : preset.columns) {
    std::vector<std::string> candidates = column.headers;
    auto override = overrides.find(column.role);
    if (override != overrides.end()) candidates.insert(candidates.begin(), MatchKey(override->second));
    bool bound = false;
    for (const std::string& candidate : candidates) {
      if (!present.count(candidate) || taken.count(candidate)) continue;
      binding.role_by_header_key_[candidate] = &column;
      taken.insert(candidate);
      bound = true;
      break;
    }
    if (!bound && column.required) {
      return absl::InvalidArgumentError(absl::StrCat(
          file, ": preset '", preset.name, "' needs a column for '", column.role,
          "' (expected a header like: ", absl::StrJoin(column.headers, ", "),
          "); the file has: ", TruncateUtf8(absl::StrJoin(header, ", "), 5 * kQuotedTextBytes)));
    }
  }
  for (const auto& [role, name] : overrides) {
    bool known = false;
    for (const PresetColumn& column : preset.columns) known = known || column.role == role;
    if (!known) {
      return absl::InvalidArgumentError(absl::StrCat(file, ": column override for unknown role '",
                                                     role, "' of preset '", preset.name, "'"));
    }
  }
  return binding;
}

RawRecord ColumnBinding::Apply(SourceRow&& row, const std::string& file) const {
  RawRecord raw;
  raw.native_kind = preset_->native_kind;
  raw.location = absl::StrCat(file, " ", row.Where(0));
  raw.fields.reserve(row.fields.size());
  for (SourceField& field : row.fields) {
    RawField out;
    out.value = std::move(field.value);
    if (field.column > 0) out.where = row.Cell(field.column);  // JSON members have no column
    out.header = field.name;
    auto cached = role_by_name_.find(field.name);
    if (cached == role_by_name_.end()) {
      auto bound = role_by_header_key_.find(MatchKey(field.name));
      cached = role_by_name_
                   .emplace(field.name, bound == role_by_header_key_.end() ? nullptr : bound->second)
                   .first;
    }
    if (cached->second != nullptr) {
      out.role = cached->second->role;
      out.type = cached->second->type;
      if (out.role == "native_kind" && !out.value.empty()) raw.native_kind = out.value;
    } else {
      out.role = std::move(field.name);
      out.extra = true;
    }
    raw.fields.push_back(std::move(out));
  }
  return raw;
}

}  // namespace crosswalk::files
