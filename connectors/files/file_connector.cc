#include "connectors/files/file_connector.h"

#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "connectors/files/csv_rows.h"
#include "connectors/files/file_digest.h"
#include "connectors/files/json_rows.h"
#include "connectors/files/open_file.h"
#include "connectors/files/preset_fit.h"
#include "connectors/files/xlsx_reader.h"
#include "gateway/core/status_macros.h"
#include "gateway/core/time_text.h"
#include "gateway/core/time_zone.h"
#include "gateway/core/unicode.h"

namespace crosswalk::files {
namespace {

struct FileCursor {
  std::string sha256;
  int64_t rows = 0;
  bool done = false;

  std::string Encode() const { return absl::StrCat("sha256=", sha256, ";rows=", rows, ";done=", done ? 1 : 0); }
  static FileCursor Decode(const std::string& text) {
    FileCursor cursor;
    for (absl::string_view part : absl::StrSplit(text, ';', absl::SkipEmpty())) {
      std::pair<std::string, std::string> kv = absl::StrSplit(part, absl::MaxSplits('=', 1));
      if (kv.first == "sha256") cursor.sha256 = kv.second;
      if (kv.first == "rows") (void)absl::SimpleAtoi(kv.second, &cursor.rows);
      if (kv.first == "done") cursor.done = kv.second == "1";
    }
    return cursor;
  }
};

// The encoding option's spellings as one name: auto, utf-8, shift_jis, windows-1252, or the
// option lower-cased when it is none of those (csv_rows.cc then names the known ones).
std::string CanonicalEncoding(const std::string& option) {
  std::string encoding = absl::AsciiStrToLower(option);
  if (encoding == "cp932" || encoding == "sjis" || encoding == "shift-jis") encoding = "shift_jis";
  if (encoding == "utf8") encoding = "utf-8";
  if (encoding == "latin-1" || encoding == "latin1" || encoding == "iso-8859-1" || encoding == "cp1252") {
    encoding = "windows-1252";
  }
  return encoding;
}

class FileConnector : public Connector {
 public:
  FileConnector(SourceConfig config, const PresetSet* presets, const Preset* preset, std::string format,
                SourceShape shape, std::map<std::string, std::string> overrides, int64_t max_record_bytes,
                const FileConnectorHooks* hooks, BadRecordReporter* bad_records)
      : config_(std::move(config)), presets_(presets), preset_(preset), format_(std::move(format)),
        shape_(std::move(shape)), overrides_(std::move(overrides)),
        max_record_bytes_(max_record_bytes), hooks_(hooks), bad_records_(bad_records) {
    path_ = config_.options.at("location");
    const size_t slash = path_.find_last_of('/');
    file_name_ = slash == std::string::npos ? path_ : path_.substr(slash + 1);
  }

  SourceShape Shape() const override { return shape_; }

  absl::Status Start(const std::string& cursor_text) override {
    rows_.reset();
    binding_.reset();
    notes_.clear();
    sheet_note_pending_ = false;
    // One descriptor for the digest and the rows: what is read is what was hashed, even when
    // another file is renamed over the path meanwhile.
    CW_ASSIGN_OR_RETURN(OpenFile file, OpenFile::Open(path_));
    CW_ASSIGN_OR_RETURN(FileDigest digest, DigestFile(file));
    if (hooks_ != nullptr && hooks_->after_digest) hooks_->after_digest(path_);
    const FileCursor previous = FileCursor::Decode(cursor_text);
    cursor_ = FileCursor{digest.sha256, 0, false};
    if (previous.sha256 == digest.sha256 && previous.done) {
      cursor_ = previous;
      return absl::OkStatus();
    }
    const size_t max_bytes = static_cast<size_t>(max_record_bytes_);
    if (format_ == "csv") {
      CW_ASSIGN_OR_RETURN(const std::string encoding, CsvEncoding(digest));
      CW_ASSIGN_OR_RETURN(rows_, OpenCsvRows(std::move(file), encoding, max_bytes));
    } else if (format_ == "json" || format_ == "jsonl") {
      JsonRowsOptions options;
      options.lines = format_ == "jsonl";
      options.records_key = Option("records_key", "result");
      options.max_record_bytes = max_bytes;
      CW_ASSIGN_OR_RETURN(rows_, OpenJsonRows(std::move(file), options));
    } else {
      XlsxOptions options;
      options.sheet = Option("sheet", "");
      options.max_cell_bytes = max_record_bytes_;
      // Without a sheet named: the first sheet whose header row the preset can bind, so a cover
      // page or revision history before the register is read past.
      options.header_fits = [this](const std::vector<std::string>& header) {
        return ColumnBinding::Bind(*preset_, header, overrides_, path_).ok();
      };
      skipped_sheets_.clear();
      options.skipped_sheets = &skipped_sheets_;
      CW_ASSIGN_OR_RETURN(rows_, OpenXlsx(std::move(file), options));
      sheet_note_pending_ = options.sheet.empty();
    }
    // Resume: the rows a previous run of this same content already stored are read past.
    if (previous.sha256 == digest.sha256) {
      for (int64_t i = 0; i < previous.rows; ++i) {
        CW_ASSIGN_OR_RETURN(std::optional<SourceRow> row, rows_->Next());
        if (!row) break;
        if (!binding_) CW_RETURN_IF_ERROR(BindTo(*row));
        ++cursor_.rows;
      }
    }
    return absl::OkStatus();
  }

  absl::StatusOr<ConnectorPage> Pull(int max_records) override {
    ConnectorPage page;
    if (cursor_.done || rows_ == nullptr) {
      cursor_.done = true;
      page.done = true;
      page.next_cursor = cursor_.Encode();
      page.position = cursor_.rows;
      return page;
    }
    while (static_cast<int>(page.records.size()) < max_records) {
      CW_ASSIGN_OR_RETURN(std::optional<SourceRow> row, rows_->Next());
      if (!row) {
        cursor_.done = true;
        page.done = true;
        break;
      }
      if (!row->problem.ok()) {
        // A malformed row: skipped when the run's reporter says so (counted in the cursor's rows,
        // so a resumed run does not report it twice), else the end of the run.
        if (bad_records_ == nullptr) return row->problem;
        CW_RETURN_IF_ERROR(bad_records_->Report(row->problem));
        ++cursor_.rows;
        continue;
      }
      if (!binding_) CW_RETURN_IF_ERROR(BindTo(*row));
      if (sheet_note_pending_) {
        sheet_note_pending_ = false;
        notes_.insert(notes_.begin(), absl::StrCat("sheet '", row->sheet, "' read (the first whose header row fits preset ", preset_->name, ")",
                                                   skipped_sheets_.empty() ? "" : absl::StrCat("; skipped: ", absl::StrJoin(skipped_sheets_, ", "))));
      }
      page.records.push_back(binding_->Apply(std::move(*row), file_name_));
      ++cursor_.rows;
    }
    page.next_cursor = cursor_.Encode();
    page.position = cursor_.rows;
    page.notes = std::move(notes_);
    notes_.clear();
    return page;
  }

 private:
  std::string Option(const std::string& key, const std::string& fallback) const {
    auto it = config_.options.find(key);
    return it == config_.options.end() ? fallback : it->second;
  }

  // The CSV encoding to read with: the option's, or for auto UTF-8 when the whole file is UTF-8,
  // Shift_JIS when it reads as Japanese CP932 text, and otherwise an error asking for the option
  // (Latin-1 decoded as CP932 would be stored as mojibake).
  absl::StatusOr<std::string> CsvEncoding(const FileDigest& digest) const {
    const std::string encoding = CanonicalEncoding(Option("encoding", "auto"));
    if (encoding != "auto") return encoding;
    if (digest.utf8) return std::string("utf-8");
    if (digest.looks_japanese) return std::string("shift_jis");
    return absl::InvalidArgumentError(absl::StrCat(
        path_, ": the file is neither UTF-8 nor Japanese Shift_JIS text; set encoding: "
               "windows-1252 (Latin-1, as Western Excel saves CSV), shift_jis or utf-8"));
  }
  absl::Status BindTo(const SourceRow& row) {
    std::vector<std::string> header;
    for (const SourceField& field : row.fields) header.push_back(field.name);
    absl::StatusOr<ColumnBinding> binding = ColumnBinding::Bind(*preset_, header, overrides_, path_);
    if (!binding.ok()) {
      // A required role missing is often the wrong preset: say which one fits.
      const std::optional<std::string> mismatch =
          PresetMismatch(*presets_, *preset_, FitOf(*preset_, header).claimed, header);
      if (!mismatch) return binding.status();
      return absl::Status(binding.status().code(), absl::StrCat(binding.status().message(), "; ", *mismatch));
    }
    binding_ = std::move(*binding);
    // The preset given may read the file and still be the wrong one (a ServiceNow incident export
    // read as changes binds their shared columns): warn, naming the better preset (preset_fit.h).
    int columns = 0;
    for (const std::string& name : header) columns += name.empty() ? 0 : 1;
    const int claimed = columns - static_cast<int>(binding_->unclaimed().size());
    if (std::optional<std::string> mismatch = PresetMismatch(*presets_, *preset_, claimed, header)) {
      notes_.push_back(absl::StrCat(kWarningNotePrefix, *mismatch));
    }
    if (!binding_->unclaimed().empty()) {
      notes_.push_back(absl::StrCat("columns no role of preset ", preset_->name,
                                    " claims (kept as attributes, listed by records --unmapped as (column)): ",
                                    absl::StrJoin(binding_->unclaimed(), ", ")));
    }
    return absl::OkStatus();
  }

  SourceConfig config_;
  const PresetSet* presets_;
  const Preset* preset_;
  std::string format_;
  SourceShape shape_;
  std::map<std::string, std::string> overrides_;
  const int64_t max_record_bytes_;
  const FileConnectorHooks* hooks_;  // may be null
  BadRecordReporter* bad_records_;   // may be null: a malformed row ends the run
  std::string path_;
  std::string file_name_;  // the path's last component, for record locations
  std::unique_ptr<RowSource> rows_;
  std::optional<ColumnBinding> binding_;
  FileCursor cursor_;
  std::vector<std::string> notes_;   // for the next page (ConnectorPage::notes)
  bool sheet_note_pending_ = false;  // an XLSX sheet was chosen by its header row: say which
  std::vector<std::string> skipped_sheets_;  // the sheets read past before it (XlsxOptions)
};

}  // namespace

absl::StatusOr<std::string> FormatFromPath(const std::string& path) {
  const size_t dot = path.find_last_of('.');
  const std::string extension = dot == std::string::npos ? "" : absl::AsciiStrToLower(path.substr(dot + 1));
  if (extension == "csv" || extension == "xlsx" || extension == "json" || extension == "jsonl") return extension;
  if (extension == "ndjson") return std::string("jsonl");
  return absl::InvalidArgumentError(absl::StrCat(
      path, ": cannot tell the format from the extension (expected .csv, .xlsx, .json, .jsonl or "
            ".ndjson, or set format)"));
}

ConnectorFactory FileConnectorFactory(const PresetSet* presets, const FileConnectorHooks* hooks) {
  ConnectorFactory factory;
  factory.type = "file";
  factory.description = "A CSV, XLSX, JSON or JSON Lines file read through a column preset";
  factory.keys = {
      {.name = "location", .description = "path of the file", .type = ConfigKeyType::kPath, .required = true},
      {.name = "preset", .description = "column preset, e.g. isms-soa, servicenow-incident (see `crosswalk presets`)", .required = true},
      {.name = "format", .description = "the file's format; auto: from the extension", .type = ConfigKeyType::kChoice,
       .default_value = "auto", .choices = {"auto", "csv", "xlsx", "json", "jsonl"}},
      {.name = "encoding", .description = "CSV text encoding: auto (UTF-8 when the whole file is valid UTF-8, Shift_JIS when it reads as Japanese text, else an error), utf-8, shift_jis (cp932) or windows-1252 (latin-1)",
       .default_value = "auto"},
      {.name = "sheet", .description = "XLSX sheet name (default: the first sheet whose header row fits the preset, so a cover page is skipped; the sync result names it)"},
      {.name = "catalog", .description = "catalog of the control and clause refs in the file, e.g. iso27001:2013 (default: the preset's)"},
      {.name = "timezone", .description = "time zone of date-times written without one: an IANA name (Asia/Tokyo) or a UTC offset (+09:00)",
       .default_value = "UTC"},
      {.name = "records_key", .description = "JSON member holding the array of records", .default_value = "result"},
      {.name = "columns", .description = "column overrides, role=Header;role=Header (e.g. control_ref=Ctrl No)"},
      {.name = "max_record_bytes", .description = "largest row, JSON record or XLSX cell accepted, in bytes",
       .type = ConfigKeyType::kInteger, .default_value = absl::StrCat(kDefaultMaxRecordBytes), .min = 1, .max = kMaxRecordBytesLimit},
  };

  factory.create = [presets, hooks](const SourceConfig& config, const ConnectorDeps& deps)
      -> absl::StatusOr<std::unique_ptr<Connector>> {
    auto option = [&](const std::string& key) {
      auto it = config.options.find(key);
      return it == config.options.end() ? std::string() : it->second;
    };
    const Preset* preset = presets->Find(option("preset"));
    if (preset == nullptr) {
      std::string names;
      for (const Preset& p : presets->presets()) absl::StrAppend(&names, names.empty() ? "" : ", ", p.name);
      return absl::InvalidArgumentError(absl::StrCat("source '", config.name, "': unknown preset '", option("preset"), "' (expected one of: ", names, ")"));
    }
    std::string format = option("format");
    if (format.empty() || format == "auto") {
      CW_ASSIGN_OR_RETURN(format, FormatFromPath(option("location")));
    }  // any other value was refused by the key declaration (ConnectorRegistry::Check)
    SourceShape shape;
    shape.source = config.name;
    shape.vocabulary = preset->vocabulary;
    shape.default_kind = preset->kind;
    shape.default_kind_rule = absl::StrCat("preset:", preset->name);
    shape.effective_from = preset->effective_from;
    shape.effective_rule = absl::StrCat("preset:", preset->name);
    shape.catalog = option("catalog").empty() ? preset->catalog : option("catalog");
    if (!option("timezone").empty()) {
      if (auto offset = ParseUtcOffset(option("timezone")); offset.ok()) {
        shape.utc_offset_seconds = *offset;
      } else if (auto zone = LoadIanaZone(option("timezone")); zone.ok()) {
        shape.time_zone = *zone;
      } else {
        return absl::InvalidArgumentError(absl::StrCat("source '", config.name, "': timezone '",
                                                       TruncateUtf8(option("timezone"), kQuotedTextBytes),
                                                       "' is neither a UTC offset (+09:00) nor an IANA zone name "
                                                       "from the system zoneinfo (Asia/Tokyo)"));
      }
    }
    if (const std::string encoding = CanonicalEncoding(option("encoding").empty() ? "auto" : option("encoding"));
        encoding != "auto" && encoding != "utf-8" && encoding != "shift_jis" && encoding != "windows-1252") {
      return absl::InvalidArgumentError(absl::StrCat("source '", config.name, "': encoding '", option("encoding"),
                                                     "' is not auto, utf-8, shift_jis (cp932) or windows-1252 (latin-1)"));
    }
    std::map<std::string, std::string> overrides;
    for (absl::string_view part : absl::StrSplit(option("columns"), ';', absl::SkipEmpty())) {
      std::pair<std::string, std::string> kv = absl::StrSplit(part, absl::MaxSplits('=', 1));
      if (kv.second.empty()) return absl::InvalidArgumentError(absl::StrCat("source '", config.name, "': columns: '", part, "' is not role=Header"));
      overrides[std::string(absl::StripAsciiWhitespace(kv.first))] = std::string(absl::StripAsciiWhitespace(kv.second));
    }
    int64_t max_record_bytes = kDefaultMaxRecordBytes;
    if (config.options.count("max_record_bytes") != 0) {
      const std::string& text = config.options.at("max_record_bytes");
      if (!absl::SimpleAtoi(text, &max_record_bytes) || max_record_bytes <= 0 ||
          max_record_bytes > kMaxRecordBytesLimit) {
        return absl::InvalidArgumentError(absl::StrCat(
            "source '", config.name, "': max_record_bytes '", text, "' is not a whole number from 1 to ",
            kMaxRecordBytesLimit, " (64 MiB)"));
      }
    }
    return std::unique_ptr<Connector>(
        new FileConnector(config, presets, preset, format, shape, overrides, max_record_bytes, hooks,
                          deps.bad_records));
  };
  return factory;
}

}  // namespace crosswalk::files
