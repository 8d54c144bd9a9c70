#include "connectors/files/file_connector.h"

#include <cstring>
#include <fstream>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "connectors/files/csv_rows.h"
#include "connectors/files/json_rows.h"
#include "connectors/files/xlsx_reader.h"
#include "gateway/core/sha256.h"
#include "gateway/core/status_macros.h"
#include "gateway/core/time_text.h"
#include "gateway/core/unicode.h"

namespace crosswalk::files {
namespace {

struct FileDigest {
  std::string sha256;
  bool utf8 = true;
};

// One pass over the file: its digest, and whether it is valid UTF-8 throughout (for encoding:
// auto). A multi-byte sequence cut by a chunk boundary is carried into the next chunk.
absl::StatusOr<FileDigest> DigestFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat(path, ": cannot open the file"));
  FileDigest digest;
  Sha256 hasher;
  // The bytes of a sequence cut by the chunk boundary stay at the buffer's start and the next
  // chunk is read after them, so no chunk is copied.
  std::vector<char> buffer((1 << 20) + 4);
  size_t carry = 0;
  while (in) {
    in.read(buffer.data() + carry, static_cast<std::streamsize>(buffer.size() - carry));
    const size_t got = static_cast<size_t>(in.gcount());
    hasher.Update(absl::string_view(buffer.data() + carry, got));
    if (!digest.utf8) continue;
    const absl::string_view text(buffer.data(), carry + got);
    size_t keep = 0;  // bytes of an unfinished sequence at the end
    for (size_t back = 1; back <= 3 && back <= text.size(); ++back) {
      const unsigned char c = static_cast<unsigned char>(text[text.size() - back]);
      if ((c & 0xC0) == 0x80) continue;
      const size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
      if (need > back) keep = back;
      break;
    }
    digest.utf8 = IsValidUtf8(text.substr(0, text.size() - keep));
    std::memmove(buffer.data(), text.data() + text.size() - keep, keep);
    carry = keep;
  }
  if (in.bad()) return absl::UnavailableError(absl::StrCat(path, ": read error"));
  if (carry > 0) digest.utf8 = false;
  digest.sha256 = hasher.HexDigest();
  return digest;
}

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

class FileConnector : public Connector {
 public:
  FileConnector(SourceConfig config, const Preset* preset, std::string format, SourceShape shape,
                std::map<std::string, std::string> overrides)
      : config_(std::move(config)), preset_(preset), format_(std::move(format)),
        shape_(std::move(shape)), overrides_(std::move(overrides)) {
    path_ = config_.options.at("location");
    const size_t slash = path_.find_last_of('/');
    file_name_ = slash == std::string::npos ? path_ : path_.substr(slash + 1);
  }

  SourceShape Shape() const override { return shape_; }

  absl::Status Start(const std::string& cursor_text) override {
    rows_.reset();
    binding_.reset();
    CW_ASSIGN_OR_RETURN(FileDigest digest, DigestFile(path_));
    const FileCursor previous = FileCursor::Decode(cursor_text);
    cursor_ = FileCursor{digest.sha256, 0, false};
    if (previous.sha256 == digest.sha256 && previous.done) {
      cursor_ = previous;
      return absl::OkStatus();
    }
    std::string encoding = Option("encoding", "auto");
    if (encoding == "auto") encoding = digest.utf8 ? "utf-8" : "shift_jis";
    if (encoding == "cp932" || encoding == "sjis" || encoding == "shift-jis") encoding = "shift_jis";
    if (encoding == "utf8") encoding = "utf-8";
    int64_t max_bytes = 16 << 20;
    if (config_.options.count("max_record_bytes") &&
        !absl::SimpleAtoi(config_.options.at("max_record_bytes"), &max_bytes)) {
      return absl::InvalidArgumentError(absl::StrCat("source '", config_.name, "': max_record_bytes is not a number"));
    }
    if (format_ == "csv") {
      CW_ASSIGN_OR_RETURN(rows_, OpenCsvRows(path_, encoding, static_cast<size_t>(max_bytes)));
    } else if (format_ == "json" || format_ == "jsonl") {
      JsonRowsOptions options;
      options.lines = format_ == "jsonl";
      options.records_key = Option("records_key", "result");
      options.max_record_bytes = static_cast<size_t>(max_bytes);
      CW_ASSIGN_OR_RETURN(rows_, OpenJsonRows(path_, options));
    } else {
      XlsxOptions options;
      options.sheet = Option("sheet", "");
      options.max_cell_bytes = max_bytes;
      CW_ASSIGN_OR_RETURN(rows_, OpenXlsx(path_, options));
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
      if (!binding_) CW_RETURN_IF_ERROR(BindTo(*row));
      page.records.push_back(binding_->Apply(std::move(*row), file_name_));
      ++cursor_.rows;
    }
    page.next_cursor = cursor_.Encode();
    page.position = cursor_.rows;
    return page;
  }

 private:
  std::string Option(const std::string& key, const std::string& fallback) const {
    auto it = config_.options.find(key);
    return it == config_.options.end() ? fallback : it->second;
  }
  absl::Status BindTo(const SourceRow& row) {
    std::vector<std::string> header;
    for (const SourceField& field : row.fields) header.push_back(field.name);
    CW_ASSIGN_OR_RETURN(ColumnBinding binding, ColumnBinding::Bind(*preset_, header, overrides_, path_));
    binding_ = std::move(binding);
    return absl::OkStatus();
  }

  SourceConfig config_;
  const Preset* preset_;
  std::string format_;
  SourceShape shape_;
  std::map<std::string, std::string> overrides_;
  std::string path_;
  std::string file_name_;  // the path's last component, for record locations
  std::unique_ptr<RowSource> rows_;
  std::optional<ColumnBinding> binding_;
  FileCursor cursor_;
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

ConnectorFactory FileConnectorFactory(const PresetSet* presets) {
  ConnectorFactory factory;
  factory.type = "file";
  factory.description = "A CSV, XLSX, JSON or JSON Lines file read through a column preset";
  factory.keys = {
      {"location", "path of the file (required)"},
      {"preset", "column preset, e.g. isms-soa, servicenow-incident (required; see `crosswalk presets`)"},
      {"format", "auto (from the extension), csv, xlsx, json or jsonl"},
      {"encoding", "CSV text encoding: auto (UTF-8 when the whole file is valid UTF-8, else Shift_JIS), utf-8 or shift_jis"},
      {"sheet", "XLSX sheet name (default: the first sheet)"},
      {"catalog", "catalog of the control and clause refs in the file, e.g. iso27001:2013 (default: the preset's)"},
      {"timezone", "UTC offset of date-times written without one, e.g. +09:00 (default +00:00)"},
      {"records_key", "JSON member holding the array of records (default result)"},
      {"columns", "column overrides, role=Header;role=Header (e.g. control_ref=Ctrl No)"},
      {"max_record_bytes", "largest row or JSON record accepted, in bytes (default 16777216)"},
  };
  factory.create = [presets](const SourceConfig& config, const ConnectorDeps& deps)
      -> absl::StatusOr<std::unique_ptr<Connector>> {
    auto option = [&](const std::string& key) {
      auto it = config.options.find(key);
      return it == config.options.end() ? std::string() : it->second;
    };
    if (option("location").empty()) return absl::InvalidArgumentError(absl::StrCat("source '", config.name, "': location is required"));
    const Preset* preset = presets->Find(option("preset"));
    if (preset == nullptr) {
      std::string names;
      for (const Preset& p : presets->presets()) absl::StrAppend(&names, names.empty() ? "" : ", ", p.name);
      return absl::InvalidArgumentError(absl::StrCat("source '", config.name, "': unknown preset '", option("preset"), "' (expected one of: ", names, ")"));
    }
    std::string format = option("format");
    if (format.empty() || format == "auto") {
      CW_ASSIGN_OR_RETURN(format, FormatFromPath(option("location")));
    } else if (format != "csv" && format != "xlsx" && format != "json" && format != "jsonl") {
      return absl::InvalidArgumentError(absl::StrCat("source '", config.name, "': format '", format, "' is not auto, csv, xlsx, json or jsonl"));
    }
    SourceShape shape;
    shape.source = config.name;
    shape.vocabulary = preset->vocabulary;
    shape.default_kind = preset->kind;
    shape.default_kind_rule = absl::StrCat("preset:", preset->name);
    shape.effective_from = preset->effective_from;
    shape.effective_rule = absl::StrCat("preset:", preset->name);
    shape.catalog = option("catalog").empty() ? preset->catalog : option("catalog");
    if (!option("timezone").empty()) {
      auto offset = ParseUtcOffset(option("timezone"));
      if (!offset.ok()) return absl::InvalidArgumentError(absl::StrCat("source '", config.name, "': timezone: ", offset.status().message()));
      shape.utc_offset_seconds = *offset;
    }
    std::map<std::string, std::string> overrides;
    for (absl::string_view part : absl::StrSplit(option("columns"), ';', absl::SkipEmpty())) {
      std::pair<std::string, std::string> kv = absl::StrSplit(part, absl::MaxSplits('=', 1));
      if (kv.second.empty()) return absl::InvalidArgumentError(absl::StrCat("source '", config.name, "': columns: '", part, "' is not role=Header"));
      overrides[std::string(absl::StripAsciiWhitespace(kv.first))] = std::string(absl::StripAsciiWhitespace(kv.second));
    }
    return std::unique_ptr<Connector>(new FileConnector(config, preset, format, shape, overrides));
  };
  return factory;
}

}  // namespace crosswalk::files
