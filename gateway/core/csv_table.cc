#include "gateway/core/csv_table.h"

#include <fstream>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace crosswalk {

const CsvField* CsvTable::Get(const CsvRecord& row, absl::string_view column) const {
  for (size_t i = 0; i < header.size() && i < row.fields.size(); ++i) {
    if (header[i] == column) return &row.fields[i];
  }
  return nullptr;
}

std::string CsvTable::Value(const CsvRecord& row, absl::string_view column) const {
  const CsvField* field = Get(row, column);
  return field == nullptr ? "" : field->value;
}

absl::Status CsvTable::Error(int line, int column, absl::string_view text) const {
  return absl::InvalidArgumentError(absl::StrCat(path, ":", line, ":", column, ": ", text));
}

absl::Status CsvTable::ErrorAt(const CsvRecord& row, absl::string_view column,
                               absl::string_view text) const {
  const CsvField* field = Get(row, column);
  return Error(row.line, field == nullptr ? 1 : field->column, text);
}

absl::StatusOr<CsvTable> ReadCsvTable(const std::string& path,
                                      const std::vector<std::string>& required) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat(path, ": cannot open the file"));
  return ParseCsvTable(in, path, required);
}

absl::StatusOr<CsvTable> ParseCsvTable(std::istream& in, const std::string& name,
                                       const std::vector<std::string>& required) {
  CsvTable table;
  table.path = name;
  CsvReader reader(in);
  bool first = true;
  while (true) {
    auto record = reader.Next();
    if (!record.ok()) {
      return table.Error(reader.error_line(), reader.error_column(), reader.error_text());
    }
    if (!record->has_value()) break;
    CsvRecord row = std::move(**record);
    if (row.IsBlank()) continue;
    if (first) {
      for (const CsvField& field : row.fields) table.header.push_back(field.value);
      for (const std::string& column : required) {
        bool found = false;
        for (const std::string& name : table.header) found = found || name == column;
        if (!found) return table.Error(1, 1, absl::StrCat("header lacks column '", column, "'"));
      }
      first = false;
      continue;
    }
    if (row.fields.size() != table.header.size()) {
      return table.Error(row.line, 1,
                         absl::StrCat("expected ", table.header.size(), " fields, found ",
                                      row.fields.size()));
    }
    table.rows.push_back(std::move(row));
  }
  return table;
}

}  // namespace crosswalk
