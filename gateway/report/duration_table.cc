#include "gateway/report/duration_table.h"

#include <map>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "gateway/core/csv_table.h"
#include "gateway/core/status_macros.h"

namespace crosswalk::report {
namespace {

constexpr int64_t kMaxAmount = 36500;

bool IsSlug(absl::string_view text) {
  if (text.empty() || text.front() == '-' || text.back() == '-') return false;
  for (char c : text) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

}  // namespace

const DurationRow* DurationTable::Find(absl::string_view key) const {
  for (const DurationRow& row : rows) {
    if (row.key == key) return &row;
  }
  return nullptr;
}

absl::StatusOr<DurationTable> LoadDurationTable(const std::string& path,
                                                absl::string_view key_column,
                                                absl::string_view amount_column,
                                                int64_t seconds_per_unit) {
  const std::string key_name(key_column), amount_name(amount_column);
  CW_ASSIGN_OR_RETURN(CsvTable csv, ReadCsvTable(path, {key_name, amount_name, "basis", "note"}));
  DurationTable table;
  table.path = path;
  std::map<std::string, int> first_line;  // key → line of its row
  for (const CsvRecord& record : csv.rows) {
    DurationRow row;
    row.key = csv.Value(record, key_name);
    row.basis = csv.Value(record, "basis");
    row.note = csv.Value(record, "note");
    row.line = record.line;
    if (!IsSlug(row.key)) {
      return csv.ErrorAt(record, key_name,
                         absl::StrCat(key_name, " '", row.key, "' is not a lower-case slug"));
    }
    const std::string amount = csv.Value(record, amount_name);
    if (!absl::SimpleAtoi(amount, &row.amount) || row.amount < 1 || row.amount > kMaxAmount) {
      return csv.ErrorAt(record, amount_name,
                         absl::StrCat(amount_name, " '", amount, "' is not a whole number from 1 to ",
                                      kMaxAmount));
    }
    row.seconds = row.amount * seconds_per_unit;
    if (row.basis != "seed" && row.basis != "published" && row.basis != "derived") {
      return csv.ErrorAt(record, "basis",
                         absl::StrCat("basis '", row.basis, "' is not one of seed, published, derived"));
    }
    if (row.note.empty()) return csv.ErrorAt(record, "note", "a note saying why is required");
    auto [it, inserted] = first_line.emplace(row.key, row.line);
    if (!inserted) {
      return csv.ErrorAt(record, key_name,
                         absl::StrCat(key_name, " '", row.key, "' is given twice (first at line ",
                                      it->second, ")"));
    }
    table.rows.push_back(std::move(row));
  }
  return table;
}

absl::StatusOr<DurationTable> LoadCadence(const std::string& path) {
  return LoadDurationTable(path, "kind", "days", 86400);
}

absl::StatusOr<DurationTable> LoadResolutionTargets(const std::string& path) {
  return LoadDurationTable(path, "priority", "hours", 3600);
}

}  // namespace crosswalk::report
