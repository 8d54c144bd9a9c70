#include "connectors/files/xlsx_reader.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <optional>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "connectors/files/xlsx_parts.h"
#include "connectors/files/zip_archive.h"
#include "gateway/core/status_macros.h"
#include "gateway/core/unicode.h"

namespace crosswalk::files {
namespace {

// An Excel date serial as ISO 8601 ("YYYY-MM-DD", with "THH:MM:SS" unless integral), or nullopt
// when `text` is not a serial Excel can show as a date (negative, past 9999-12-31, not a number).
// In the 1900 system serial 60 is Lotus 1-2-3's fictitious 1900-02-29, kept for compatibility, so
// serials after it count from 1899-12-30 and those before it from 1899-12-31.
std::optional<std::string> SerialToIso(const std::string& text, bool date1904) {
  namespace chrono = std::chrono;
  double serial = 0;
  if (!absl::SimpleAtod(text, &serial) || !std::isfinite(serial) || serial < 0 ||
      serial >= 2958466) {
    return std::nullopt;
  }
  int64_t day = static_cast<int64_t>(std::floor(serial));
  int64_t seconds = std::llround((serial - std::floor(serial)) * 86400);
  if (seconds == 86400) ++day, seconds = 0;
  char out[32];
  if (!date1904 && day == 60) {
    std::snprintf(out, sizeof out, "1900-02-29");
  } else {
    const chrono::sys_days epoch = date1904   ? chrono::year(1904) / 1 / 1
                                   : day < 60 ? chrono::year(1899) / 12 / 31
                                              : chrono::year(1899) / 12 / 30;
    const chrono::year_month_day ymd(epoch + chrono::days(day));
    std::snprintf(out, sizeof out, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  }
  std::string iso = out;
  if (serial != std::floor(serial)) {
    std::snprintf(out, sizeof out, "T%02d:%02d:%02d", static_cast<int>(seconds / 3600),
                  static_cast<int>(seconds / 60 % 60), static_cast<int>(seconds % 60));
    iso += out;
  }
  return iso;
}

// The rows of one worksheet. The parser is suspended at each </row> that holds a non-empty cell,
// so one row is in memory at a time, plus the rest of the current 64 KiB chunk of XML.
class XlsxRows : public RowSource {
 public:
  XlsxRows(std::shared_ptr<ZipArchive> archive, std::string sheet, std::string part,
           std::shared_ptr<const SharedStrings> strings, std::vector<bool> date_styles, bool date1904,
           const XlsxOptions& options)
      : archive_(std::move(archive)),
        sheet_(std::move(sheet)),
        stream_(archive_.get(), part),
        parser_(*archive_, part),
        strings_(std::move(strings)),
        date_styles_(std::move(date_styles)),
        date1904_(date1904),
        max_bytes_(options.max_cell_bytes),
        max_rows_(options.max_rows),
        max_columns_(options.max_columns),
        max_cells_(options.max_cells) {
    parser_.on_start = [this](absl::string_view name, const char** atts) { Start(name, atts); };
    parser_.on_end = [this](absl::string_view name) { End(name); };
    parser_.on_text = [this](absl::string_view text) { Text(text); };
  }

  absl::Status Open() { return stream_.Open(); }

  // The header row (the first non-empty row), read without consuming any data row; empty for a
  // sheet with no non-empty row.
  absl::StatusOr<std::vector<std::string>> Header() {
    CW_RETURN_IF_ERROR(status_);
    if (header_.empty()) {
      absl::StatusOr<bool> more = NextCells();
      if (!more.ok()) return status_ = more.status();
      if (*more) TakeHeader();
    }
    return header_;
  }

  absl::StatusOr<std::optional<SourceRow>> Next() override {
    CW_RETURN_IF_ERROR(status_);
    while (true) {
      absl::StatusOr<bool> more = NextCells();
      if (!more.ok()) return status_ = more.status();
      if (!*more) return std::nullopt;
      if (header_.empty()) {  // the first non-empty row
        TakeHeader();
        continue;
      }
      return BuildRow();
    }
  }

 private:
  // Parses on to the next row holding a non-empty cell (into cells_); false at the end.
  absl::StatusOr<bool> NextCells() {
    row_ready_ = false;
    if (suspended_) {
      CW_ASSIGN_OR_RETURN(suspended_, parser_.Resume());
      if (row_ready_) return true;
    }
    while (!stream_.done()) {
      CW_RETURN_IF_ERROR(stream_.Read(&chunk_));
      CW_ASSIGN_OR_RETURN(suspended_, parser_.Parse(chunk_, stream_.done()));
      if (row_ready_) return true;
    }
    return false;
  }

  void TakeHeader() {
    for (auto& [column, value] : cells_) {
      header_.resize(std::max<size_t>(header_.size(), column));
      header_[column - 1] = std::move(value);
    }
  }

  SourceRow BuildRow() {
    SourceRow row{row_number_, sheet_, {}};
    std::vector<std::string> values(std::max<size_t>(header_.size(), cells_.back().first));
    for (auto& [column, value] : cells_) values[column - 1] = std::move(value);
    for (size_t i = 0; i < values.size(); ++i) {
      const bool named = i < header_.size() && !header_[i].empty();
      if (!named && values[i].empty()) continue;
      row.fields.push_back(SourceField{named ? header_[i] : absl::StrCat("column ", i + 1),
                                       std::move(values[i]), static_cast<int>(i + 1)});
    }
    return row;
  }

  absl::Status CellError(absl::string_view what) const {
    return archive_->Error(
        absl::StrCat(SourceRow{row_number_, sheet_, {}}.Where(column_), ": ", what));
  }

  void Start(absl::string_view name, const char** atts) {
    if (name == "sheetData") {
      in_sheet_data_ = true;
    } else if (name == "row" && in_sheet_data_) {
      const char* r = XmlAttr(atts, "r");
      int number = row_number_ + 1;
      if (r != nullptr && (!absl::SimpleAtoi(r, &number) || number < 1)) {
        return parser_.Fail(
            archive_->Error(absl::StrCat("sheet '", sheet_, "', after row ", row_number_,
                                         ": row number '", TruncateUtf8(r, kQuotedTextBytes), "' is not valid")));
      }
      if (number > max_rows_) {
        return parser_.Fail(archive_->Error(
            absl::StrCat("sheet '", sheet_, "', after row ", row_number_, ": row ", number,
                         " is past the last row allowed (", max_rows_, ")")));
      }
      row_number_ = number;
      column_ = 0;
      cells_.clear();
    } else if (name == "c" && in_sheet_data_) {
      const char* r = XmlAttr(atts, "r");
      int column = 0;
      for (const char* p = r; p != nullptr && *p >= 'A' && *p <= 'Z'; ++p) {
        column = column * 26 + (*p - 'A' + 1);
        if (column > max_columns_) break;
      }
      column_ = r == nullptr ? column_ + 1 : column;
      if (column_ < 1 || column_ > max_columns_) {
        column_ = 0;
        return parser_.Fail(CellError(absl::StrCat("cell reference '", TruncateUtf8(r ? r : "", kQuotedTextBytes),
                                                   "' is not valid (columns go up to ",
                                                   max_columns_, ")")));
      }
      if (++cells_read_ > max_cells_) {
        return parser_.Fail(CellError(absl::StrCat("more than ", max_cells_, " cells in the sheet")));
      }
      const char* t = XmlAttr(atts, "t");
      type_ = t != nullptr ? t : "n";
      const char* s = XmlAttr(atts, "s");
      if (s == nullptr || !absl::SimpleAtoi(s, &style_)) style_ = 0;
      text_.clear();
    } else if (name == "v" || (name == "t" && in_is_ && !in_rph_)) {
      collecting_ = column_ > 0;
    } else if (name == "is") {
      in_is_ = true;
    } else if (name == "rPh") {
      in_rph_ = true;
    }
  }

  void End(absl::string_view name) {
    if (name == "v" || name == "t") {
      collecting_ = false;
    } else if (name == "is" || name == "rPh") {
      (name == "is" ? in_is_ : in_rph_) = false;
    } else if (name == "c" && in_sheet_data_) {
      absl::StatusOr<std::string> value = CellValue();
      if (!value.ok()) return parser_.Fail(value.status());
      if (!value->empty()) cells_.emplace_back(column_, *std::move(value));
    } else if (name == "row" && in_sheet_data_ && !cells_.empty()) {
      row_ready_ = true;
      parser_.Suspend();
    } else if (name == "sheetData") {
      in_sheet_data_ = false;
    }
  }

  void Text(absl::string_view text) {
    if (!collecting_) return;
    if (static_cast<int64_t>(text_.size() + text.size()) > max_bytes_) {
      collecting_ = false;
      return parser_.Fail(CellError(absl::StrCat("cell text longer than ", max_bytes_, " bytes")));
    }
    text_.append(text.data(), text.size());
  }

  // The text of the cell just ended, by its type t="…" and style s="…".
  absl::StatusOr<std::string> CellValue() {
    if (text_.empty()) return std::string();  // e.g. <c r="A1" t="s"/>, styled but empty
    if (type_ == "s") {
      size_t index = 0;
      if (!absl::SimpleAtoi(text_, &index) || index >= strings_->size()) {
        return CellError(absl::StrCat("shared string index '", TruncateUtf8(text_, kQuotedTextBytes),
                                      "' out of range"));
      }
      if (strings_->TooLong(index)) {
        return CellError(absl::StrCat("cell text longer than ", max_bytes_, " bytes"));
      }
      return std::string(strings_->Get(index));
    }
    if (type_ == "b") return text_ == "1" ? "TRUE" : text_ == "0" ? "FALSE" : text_;
    if (type_ == "n" && static_cast<size_t>(style_) < date_styles_.size() && style_ >= 0 &&
        date_styles_[style_]) {
      if (std::optional<std::string> iso = SerialToIso(text_, date1904_)) return *iso;
    }
    return std::move(text_);  // numbers as stored; inlineStr, str (formula), e (error), d (ISO)
  }

  std::shared_ptr<ZipArchive> archive_;  // shared by the sheets probed for their header row
  std::string sheet_;
  ZipEntryStream stream_;
  XmlParser parser_;
  std::shared_ptr<const SharedStrings> strings_;
  std::vector<bool> date_styles_;
  bool date1904_;
  const int64_t max_bytes_;
  const int max_rows_, max_columns_;
  const int64_t max_cells_;
  int64_t cells_read_ = 0;
  absl::Status status_;  // sticky: the first error, returned again by every later Next
  std::string chunk_;
  bool suspended_ = false, row_ready_ = false;
  // Parse state.
  bool in_sheet_data_ = false, in_is_ = false, in_rph_ = false, collecting_ = false;
  int row_number_ = 0, column_ = 0, style_ = 0;
  std::string type_, text_;
  std::vector<std::pair<int, std::string>> cells_;  // the current row's non-empty cells
  std::vector<std::string> header_;                 // by column - 1
};

}  // namespace

absl::StatusOr<std::unique_ptr<RowSource>> OpenXlsx(OpenFile file, const XlsxOptions& options) {
  CW_ASSIGN_OR_RETURN(
      std::unique_ptr<ZipArchive> opened,
      ZipArchive::Open(std::move(file), options.max_xml_bytes, options.max_part_bytes));
  std::shared_ptr<ZipArchive> archive = std::move(opened);
  CW_ASSIGN_OR_RETURN(Workbook book, ReadWorkbook(*archive));
  SharedStringLimits limits;
  limits.max_string_bytes = options.max_cell_bytes;
  limits.max_strings = options.max_shared_strings;
  limits.max_total_bytes = options.max_shared_string_bytes;
  CW_ASSIGN_OR_RETURN(SharedStrings read_strings,
                      ReadSharedStrings(*archive, book.shared_strings, limits));
  auto strings = std::make_shared<const SharedStrings>(std::move(read_strings));
  CW_ASSIGN_OR_RETURN(std::vector<bool> date_styles, ReadDateStyles(*archive, book.styles));
  auto open_sheet = [&](const std::string& name) -> absl::StatusOr<std::unique_ptr<XlsxRows>> {
    CW_ASSIGN_OR_RETURN(SheetPart sheet, FindSheet(*archive, book, name));
    auto rows = std::make_unique<XlsxRows>(archive, std::move(sheet.name), sheet.part, strings,
                                           date_styles, book.date1904, options);
    CW_RETURN_IF_ERROR(rows->Open());
    return rows;
  };
  if (!options.sheet.empty() || !options.header_fits || book.sheets.size() < 2) {
    CW_ASSIGN_OR_RETURN(std::unique_ptr<XlsxRows> rows, open_sheet(options.sheet));
    return std::unique_ptr<RowSource>(std::move(rows));
  }
  std::string seen;  // each sheet with its header row, for the error when none fits
  for (const auto& [name, id] : book.sheets) {
    CW_ASSIGN_OR_RETURN(std::unique_ptr<XlsxRows> rows, open_sheet(name));
    CW_ASSIGN_OR_RETURN(std::vector<std::string> header, rows->Header());
    if (options.header_fits(header)) return std::unique_ptr<RowSource>(std::move(rows));
    if (options.skipped_sheets != nullptr) options.skipped_sheets->push_back(name);
    std::string names;
    for (const std::string& cell : header) {
      if (!cell.empty()) absl::StrAppend(&names, names.empty() ? "" : ", ", cell);
    }
    absl::StrAppend(&seen, seen.empty() ? "" : "; ", "sheet '", name, "': ",
                    names.empty() ? "(empty)" : TruncateUtf8(names, kQuotedTextBytes));
  }
  return archive->Error(absl::StrCat(
      "no sheet has a header row that fits (set sheet to choose one): ", seen));
}

}  // namespace crosswalk::files
