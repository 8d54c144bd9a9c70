// The Excel rendering: the workbook a coordinator mails to management. A summary sheet first (the
// headline figures, the report date as a date), then one sheet per table of the report, each with
// a frozen header row, an autofilter over its rows, column widths from the widest cell, numbers as
// numbers and dates as date cells. Sheet names and headers in the report's language.
//
// libxlsxwriter writes to a file: the workbook is built in a private temporary file, read back and
// removed.

#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "gateway/core/terminal_text.h"
#include "gateway/core/time_text.h"
#include "gateway/core/unicode.h"
#include "gateway/report/report_labels.h"
#include "gateway/report/report_render.h"

namespace crosswalk::report {
namespace {

// Columns (csv names, the contract) whose cells are numbers, and those that are dates.
const std::set<std::string>& NumberColumns() {
  static const auto* columns = new std::set<std::string>{
      "maturity", "evidence", "controls", "documents", "against", "assessed_maturity", "standards", "requirements",
      "examined", "findings", "incidents", "resolved_within_target", "sla_breaches", "changes_successful",
      "changes_unsuccessful", "change_success_rate", "open_backlog", "oldest_open_days"};
  return *columns;
}
const std::set<std::string>& DateColumns() {
  static const auto* columns = new std::set<std::string>{"newest_evidence", "due"};
  return *columns;
}

constexpr size_t kMaxCellBytes = 32000;  // Excel holds 32,767 characters in a cell
constexpr double kMaxColumnWidth = 60;

// Text safe for the sheet's XML: control characters shown as escapes, bounded to a cell.
std::string CellText(const std::string& text) {
  std::string safe = TerminalSafe(text);
  if (safe.size() > kMaxCellBytes) safe = absl::StrCat(TruncateUtf8(safe, kMaxCellBytes), "…");
  return safe;
}

class Workbook {
 public:
  explicit Workbook(const std::string& path) : book_(workbook_new(path.c_str())) {
    if (book_ == nullptr) return;
    header_ = workbook_add_format(book_);
    format_set_bold(header_);
    format_set_bg_color(header_, 0xDDEBF7);
    format_set_border(header_, LXW_BORDER_THIN);
    date_ = workbook_add_format(book_);
    format_set_num_format(date_, "yyyy-mm-dd");
    title_ = workbook_add_format(book_);
    format_set_bold(title_);
    format_set_font_size(title_, 14);
  }
  ~Workbook() {
    if (book_ != nullptr) workbook_close(book_);
  }
  bool ok() const { return book_ != nullptr; }

  lxw_worksheet* Sheet(const std::string& name) { return workbook_add_worksheet(book_, name.c_str()); }

  // `value` as a number, a date or text, by its column.
  void Write(lxw_worksheet* sheet, int row, int col, const std::string& column, const std::string& value) {
    double number = 0;
    if (value.empty()) return;
    if (NumberColumns().count(column) && absl::SimpleAtod(value, &number)) {
      worksheet_write_number(sheet, row, col, number, nullptr);
      return;
    }
    if (DateColumns().count(column) && WriteDate(sheet, row, col, value)) return;
    worksheet_write_string(sheet, row, col, CellText(value).c_str(), nullptr);
  }

  // A YYYY-MM-DD value as a date cell; false when it is not one.
  bool WriteDate(lxw_worksheet* sheet, int row, int col, const std::string& value) {
    lxw_datetime date{};
    if (value.size() != 10 || std::sscanf(value.c_str(), "%4d-%2d-%2d", &date.year, &date.month, &date.day) != 3) {
      return false;
    }
    worksheet_write_datetime(sheet, row, col, &date, date_);
    return true;
  }

  lxw_format* header() const { return header_; }
  lxw_format* title() const { return title_; }
  lxw_error Close() {
    const lxw_error error = workbook_close(book_);
    book_ = nullptr;
    return error;
  }

 private:
  lxw_workbook* book_;
  lxw_format* header_ = nullptr;
  lxw_format* date_ = nullptr;
  lxw_format* title_ = nullptr;
};

double Width(const std::string& text) {
  return std::min(kMaxColumnWidth, 2.0 + DisplayWidth(TerminalSafe(text)));
}

// The summary sheet: the report's title, then item/value rows of the headline figures.
void WriteSummary(Workbook& book, const ReportDocument& d, const std::string& lang) {
  lxw_worksheet* sheet = book.Sheet(In(ValueLabel("sheet", "summary"), lang));
  const ReportSummary s = Summarize(d);
  auto label = [&](const char* key) { return In(Heading(key), lang); };
  worksheet_write_string(sheet, 0, 0, CellText(label("title")).c_str(), book.title());
  worksheet_write_string(sheet, 1, 0, CellText(label("item")).c_str(), book.header());
  worksheet_write_string(sheet, 1, 1, CellText(label("value")).c_str(), book.header());
  int row = 2;
  double width = Width(label("item"));
  auto text = [&](const std::string& item, const std::string& value) {
    worksheet_write_string(sheet, row, 0, CellText(item).c_str(), nullptr);
    worksheet_write_string(sheet, row++, 1, CellText(value).c_str(), nullptr);
    width = std::max(width, Width(item));
  };
  auto number = [&](const std::string& item, double value) {
    worksheet_write_number(sheet, row, 1, value, nullptr);
    worksheet_write_string(sheet, row++, 0, CellText(item).c_str(), nullptr);
    width = std::max(width, Width(item));
  };
  text(label("target"), absl::StrCat(d.target, " (", d.coverage.target_title, ")"));
  worksheet_write_string(sheet, row, 0, CellText(label("as_of")).c_str(), nullptr);
  book.WriteDate(sheet, row++, 1, FormatDate(d.as_of));
  number(label("records"), static_cast<double>(s.records));
  number(label("clauses"), s.clauses);
  number(label("covered"), s.covered);
  number(label("partial"), s.partial);
  number(label("candidate"), s.candidate);
  number(label("nonconforming"), s.nonconforming);
  number(label("not-covered"), s.not_covered);
  number(label("maturity_mean"), std::round(s.maturity_mean * 100) / 100);
  number(label("cautioned"), s.cautioned);
  number(label("unique_gaps"), s.unique_gaps);
  number(label("disagreements"), s.disagreements);
  number(label("shared_count"), s.shared);
  number(label("quality_findings"), static_cast<double>(s.quality_findings));
  number(label("scope_failed"), s.scope_failed);
  number(label("scope_not_assessable"), s.scope_not_assessable);
  number(label("scope_passed"), s.scope_passed);
  text(label("caution"), In(d.coverage.caution, lang));
  worksheet_set_column(sheet, 0, 0, width, nullptr);
  worksheet_set_column(sheet, 1, 1, kMaxColumnWidth, nullptr);
}

void WriteTable(Workbook& book, const ReportTable& t, const std::string& lang) {
  lxw_worksheet* sheet = book.Sheet(In(ValueLabel("sheet", t.key), lang));
  std::vector<double> widths;
  for (size_t col = 0; col < t.labels.size(); ++col) {
    worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(col), CellText(t.labels[col]).c_str(), book.header());
    widths.push_back(std::max(10.0, Width(t.labels[col])));
  }
  int row = 1;
  for (const auto& cells : t.rows) {
    for (size_t col = 0; col < cells.size(); ++col) {
      book.Write(sheet, row, static_cast<int>(col), t.columns[col], cells[col]);
      widths[col] = std::max(widths[col], Width(cells[col]));
    }
    ++row;
  }
  for (size_t col = 0; col < widths.size(); ++col) {
    worksheet_set_column(sheet, static_cast<lxw_col_t>(col), static_cast<lxw_col_t>(col), widths[col], nullptr);
  }
  worksheet_freeze_panes(sheet, 1, 0);
  if (!t.labels.empty()) {
    worksheet_autofilter(sheet, 0, 0, static_cast<lxw_row_t>(std::max(row - 1, 1)),
                         static_cast<lxw_col_t>(t.labels.size() - 1));
  }
}

}  // namespace

absl::StatusOr<std::string> RenderXlsx(const ReportDocument& document, ReportKind kind, const std::string& lang) {
  const char* tmp = std::getenv("TMPDIR");
  std::string path = absl::StrCat(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp", "/crosswalk-report-XXXXXX");
  const int fd = mkstemp(path.data());
  if (fd < 0) return absl::InternalError("cannot create a temporary file for the workbook");
  close(fd);
  lxw_error error = LXW_NO_ERROR;
  {
    Workbook book(path);
    if (!book.ok()) {
      std::remove(path.c_str());
      return absl::InternalError("cannot start the workbook");
    }
    WriteSummary(book, document, lang);
    for (const ReportTable& t : ReportTables(document, kind, lang, true, false)) WriteTable(book, t, lang);
    error = book.Close();
  }
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  std::remove(path.c_str());
  if (error != LXW_NO_ERROR) return absl::InternalError(absl::StrCat("the workbook: ", lxw_strerror(error)));
  return bytes.str();
}

}  // namespace crosswalk::report
