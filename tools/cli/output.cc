#include "absl/strings/string_view.h"
#include "tools/cli/output.h"

#include <algorithm>
#include <cstdio>

#include "gateway/core/csv_reader.h"
#include "gateway/core/terminal_text.h"
#include "gateway/core/unicode.h"
#include "gateway/core/text_width.h"
#include "tools/cli/text_width.h"

namespace crosswalk::cli {
namespace {

std::string CellText(const Cell& cell) {
  if (const auto* text = std::get_if<std::string>(&cell)) return *text;
  if (const auto* number = std::get_if<int>(&cell)) return std::to_string(*number);
  if (const auto* flag = std::get_if<bool>(&cell)) return *flag ? "true" : "false";
  return "";
}

void JsonString(absl::string_view text, std::ostream& out) {
  out << '"';
  for (unsigned char c : text) {
    switch (c) {
      case '"': out << "\\\""; break;
      case '\\': out << "\\\\"; break;
      case '\n': out << "\\n"; break;
      case '\r': out << "\\r"; break;
      case '\t': out << "\\t"; break;
      default:
        if (c < 0x20) {
          char buffer[8];
          std::snprintf(buffer, sizeof(buffer), "\\u%04x", c);
          out << buffer;
        } else {
          out << c;
        }
    }
  }
  out << '"';
}

void JsonCell(const Cell& cell, std::ostream& out) {
  if (const auto* text = std::get_if<std::string>(&cell)) {
    JsonString(*text, out);
  } else if (const auto* number = std::get_if<int>(&cell)) {
    out << *number;
  } else if (const auto* flag = std::get_if<bool>(&cell)) {
    out << (*flag ? "true" : "false");
  } else {
    out << "null";
  }
}

// Cells go through TerminalSafe: record text never reaches the terminal as control characters.
int table_width = 0;  // SetTableWidth

// Cells go through TerminalSafe: record text never reaches the terminal as control characters.
// Columns are fitted to table_width; a cell wider than its column ends in "…".
void RenderTable(const OutputTable& table, std::ostream& out) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& row : table.rows) {
    std::vector<std::string> cells;
    for (const Cell& cell : row) cells.push_back(TerminalSafe(CellText(cell)));
    rows.push_back(std::move(cells));
  }
  std::vector<int> header;
  for (const std::string& column : table.columns) header.push_back(DisplayWidth(column));
  std::vector<int> natural = header;
  for (const auto& row : rows) {
    for (size_t i = 0; i < row.size(); ++i) natural[i] = std::max(natural[i], DisplayWidth(row[i]));
  }
  const std::vector<int> widths = FitColumns(natural, header, 2, table_width);
  auto line = [&](const std::vector<std::string>& cells) {
    std::string text;
    for (size_t i = 0; i < cells.size(); ++i) {
      const std::string cell = FitToWidth(cells[i], widths[i]);
      text += cell;
      if (i + 1 < cells.size()) text.append(widths[i] - DisplayWidth(cell) + 2, ' ');
    }
    out << text << '\n';
  };
  line(table.columns);
  std::vector<std::string> rule;
  for (int width : widths) rule.emplace_back(width, '-');
  line(rule);
  for (const auto& row : rows) line(row);
}

void RenderCsv(const OutputTable& table, std::ostream& out) {
  for (size_t i = 0; i < table.columns.size(); ++i) {
    out << (i ? "," : "") << CsvEscape(table.columns[i]);
  }
  out << '\n';
  for (const auto& row : table.rows) {
    for (size_t i = 0; i < row.size(); ++i) {
      // A number cell is a number (a spreadsheet reads −1 as minus one, not a formula); text is
      // made formula-safe.
      out << (i ? "," : "") << (std::holds_alternative<int>(row[i]) ? CellText(row[i]) : CsvEscape(CellText(row[i])));
    }
    out << '\n';
  }
}

void RenderJson(const OutputTable& table, std::ostream& out) {
  out << "[";
  for (size_t r = 0; r < table.rows.size(); ++r) {
    out << (r ? ",\n " : "\n ") << "{";
    bool first = true;
    auto field = [&](const std::string& name, const Cell& cell) {
      out << (first ? "" : ", ");
      first = false;
      JsonString(name, out);
      out << ": ";
      JsonCell(cell, out);
    };
    for (size_t i = 0; i < table.columns.size(); ++i) field(table.columns[i], table.rows[r][i]);
    if (r < table.json_extra.size()) {
      for (size_t i = 0; i < table.json_extra_columns.size(); ++i) {
        field(table.json_extra_columns[i], table.json_extra[r][i]);
      }
    }
    out << "}";
  }
  out << (table.rows.empty() ? "]\n" : "\n]\n");
}

}  // namespace

std::optional<Format> ParseFormat(absl::string_view text) {
  if (text == "table") return Format::kTable;
  if (text == "csv") return Format::kCsv;
  if (text == "json") return Format::kJson;
  return std::nullopt;
}

void SetTableWidth(int columns) { table_width = std::max(columns, 0); }

void Render(const OutputTable& table, Format format, std::ostream& out) {
  switch (format) {
    case Format::kTable: RenderTable(table, out); break;
    case Format::kCsv: RenderCsv(table, out); break;
    case Format::kJson: RenderJson(table, out); break;
  }
}

}  // namespace crosswalk::cli
