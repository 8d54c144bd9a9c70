#include "connectors/files/xlsx_parts.h"

#include <algorithm>
#include <cstring>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gateway/core/status_macros.h"

namespace crosswalk::files {
namespace {

// The local part of an expat namespace-qualified name ("uri|local" → "local").
absl::string_view Local(const char* name) {
  const char* bar = std::strrchr(name, '|');
  return bar ? bar + 1 : name;
}

// Streams the whole of `part` through `parser` (whose handlers never suspend).
absl::Status ParsePart(ZipArchive& archive, XmlParser& parser, const std::string& part) {
  ZipEntryStream stream(&archive, part);
  CW_RETURN_IF_ERROR(stream.Open());
  std::string chunk;
  do {
    CW_RETURN_IF_ERROR(stream.Read(&chunk));
    CW_RETURN_IF_ERROR(parser.Parse(chunk, stream.done()).status());
  } while (!stream.done());
  return absl::OkStatus();
}

// Whether an Excel number format shows a date or time: built-in ids 14–22, 27–36, 45–47 and 50–58
// (the Japanese/Chinese era formats among them), or a format code with y, m, d, h or s outside
// quoted text, [colour/locale/elapsed] brackets and backslash escapes.
bool IsDateFormatId(int id) {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
         (id >= 50 && id <= 58);
}
bool IsDateFormatCode(absl::string_view code) {
  for (size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (c == '"') {
      i = std::min(code.find('"', i + 1), code.size());
    } else if (c == '[') {
      i = std::min(code.find(']', i + 1), code.size());
    } else if (c == '\\') {
      ++i;
    } else if (std::strchr("yYmMdDhHsS", c) != nullptr) {
      return true;
    }
  }
  return false;
}

}  // namespace

const char* XmlAttr(const char** atts, absl::string_view name) {
  for (; atts[0] != nullptr; atts += 2) {
    if (Local(atts[0]) == name) return atts[1];
  }
  return nullptr;
}

XmlParser::XmlParser(const ZipArchive& archive, std::string part)
    : a_(archive), part_(std::move(part)), p_(XML_ParserCreateNS(nullptr, '|')) {
  XML_SetUserData(p_, this);
  XML_SetParamEntityParsing(p_, XML_PARAM_ENTITY_PARSING_NEVER);
  XML_SetStartDoctypeDeclHandler(
      p_, [](void* self, const XML_Char*, const XML_Char*, const XML_Char*, int) {
        auto* parser = static_cast<XmlParser*>(self);
        parser->Fail(parser->a_.Error(absl::StrCat("DTD not allowed in ", parser->part_)));
      });
  XML_SetElementHandler(
      p_,
      [](void* self, const XML_Char* name, const XML_Char** atts) {
        auto* parser = static_cast<XmlParser*>(self);
        if (parser->on_start) parser->on_start(Local(name), atts);
      },
      [](void* self, const XML_Char* name) {
        auto* parser = static_cast<XmlParser*>(self);
        if (parser->on_end) parser->on_end(Local(name));
      });
  XML_SetCharacterDataHandler(p_, [](void* self, const XML_Char* text, int length) {
    auto* parser = static_cast<XmlParser*>(self);
    if (parser->on_text) parser->on_text(absl::string_view(text, static_cast<size_t>(length)));
  });
}

XmlParser::~XmlParser() { XML_ParserFree(p_); }

void XmlParser::Fail(absl::Status status) {
  if (error_.ok()) error_ = std::move(status);
  XML_StopParser(p_, XML_FALSE);
}

void XmlParser::Suspend() { XML_StopParser(p_, XML_TRUE); }

absl::StatusOr<bool> XmlParser::Parse(absl::string_view data, bool final) {
  if (!data.empty()) {
    void* buffer = XML_GetBuffer(p_, static_cast<int>(data.size()));
    if (buffer == nullptr) return Check(XML_STATUS_ERROR);
    std::memcpy(buffer, data.data(), data.size());
  }
  return Check(XML_ParseBuffer(p_, static_cast<int>(data.size()), final));
}

absl::StatusOr<bool> XmlParser::Resume() { return Check(XML_ResumeParser(p_)); }

absl::StatusOr<bool> XmlParser::Check(XML_Status status) {
  if (status == XML_STATUS_SUSPENDED) return true;
  if (status == XML_STATUS_OK) return false;
  if (!error_.ok()) return error_;
  return a_.Error(absl::StrCat(part_, " line ", XML_GetCurrentLineNumber(p_), ", column ",
                               XML_GetCurrentColumnNumber(p_) + 1, ": ",
                               XML_ErrorString(XML_GetErrorCode(p_))));
}

absl::StatusOr<Workbook> ReadWorkbook(ZipArchive& archive) {
  const std::string part = "xl/workbook.xml", rels = "xl/_rels/workbook.xml.rels";
  if (!archive.Contains(part)) return archive.Error("no workbook (xl/workbook.xml is missing)");
  Workbook book;
  XmlParser parser(archive, part);
  parser.on_start = [&](absl::string_view name, const char** atts) {
    if (name == "workbookPr") {
      const char* v = XmlAttr(atts, "date1904");
      book.date1904 = v != nullptr && (std::strcmp(v, "1") == 0 || std::strcmp(v, "true") == 0);
    } else if (name == "sheet") {
      const char* sheet_name = XmlAttr(atts, "name");
      const char* id = XmlAttr(atts, "id");  // r:id
      if (sheet_name != nullptr) book.sheets.emplace_back(sheet_name, id ? id : "");
    }
  };
  CW_RETURN_IF_ERROR(ParsePart(archive, parser, part));
  if (!archive.Contains(rels)) return archive.Error(absl::StrCat(rels, " is missing"));
  XmlParser rel_parser(archive, rels);
  rel_parser.on_start = [&](absl::string_view name, const char** atts) {
    const char* id = XmlAttr(atts, "Id");
    const char* target = XmlAttr(atts, "Target");
    const char* mode = XmlAttr(atts, "TargetMode");
    if (name != "Relationship" || !id || !target || (mode && std::strcmp(mode, "External") == 0)) {
      return;
    }
    // Targets are relative to xl/ (the workbook's folder) unless they start with "/".
    std::string resolved = target[0] == '/' ? target + 1 : absl::StrCat("xl/", target);
    const char* type_attr = XmlAttr(atts, "Type");
    const absl::string_view type = type_attr ? type_attr : "";
    if (absl::EndsWith(type, "/sharedStrings")) book.shared_strings = resolved;
    if (absl::EndsWith(type, "/styles")) book.styles = resolved;
    book.targets[id] = std::move(resolved);
  };
  CW_RETURN_IF_ERROR(ParsePart(archive, rel_parser, rels));
  return book;
}

absl::StatusOr<SheetPart> FindSheet(const ZipArchive& archive, const Workbook& book,
                                    const std::string& name) {
  if (book.sheets.empty()) return archive.Error("the workbook lists no sheets");
  auto sheet = book.sheets.begin();
  if (!name.empty()) {
    sheet = std::find_if(book.sheets.begin(), book.sheets.end(),
                         [&](const auto& s) { return s.first == name; });
    if (sheet == book.sheets.end()) {
      std::vector<std::string> names;
      for (const auto& s : book.sheets) names.push_back(absl::StrCat("'", s.first, "'"));
      return archive.Error(absl::StrCat("sheet '", name, "' not found; the workbook has ",
                                        absl::StrJoin(names, ", ")));
    }
  }
  auto target = book.targets.find(sheet->second);
  if (target == book.targets.end()) {
    return archive.Error(absl::StrCat("sheet '", sheet->first, "' has no part (relationship '",
                                      sheet->second, "' is not in the workbook's relationships)"));
  }
  return SheetPart{sheet->first, target->second};
}

absl::StatusOr<std::vector<bool>> ReadDateStyles(ZipArchive& archive, const std::string& part) {
  std::vector<bool> date_styles;
  if (!archive.Contains(part)) return date_styles;
  std::map<int, bool> custom;  // numFmtId → is a date, for the workbook's own formats
  std::vector<int> xf_formats;
  bool in_cell_xfs = false;
  XmlParser parser(archive, part);
  parser.on_start = [&](absl::string_view name, const char** atts) {
    int id = 0;
    const char* id_text = XmlAttr(atts, "numFmtId");
    if (id_text != nullptr && !absl::SimpleAtoi(id_text, &id)) id = 0;
    if (name == "numFmt" && id_text != nullptr) {
      const char* code = XmlAttr(atts, "formatCode");
      custom[id] = code != nullptr && IsDateFormatCode(code);
    } else if (name == "cellXfs") {
      in_cell_xfs = true;
    } else if (name == "xf" && in_cell_xfs) {
      xf_formats.push_back(id);
    }
  };
  parser.on_end = [&](absl::string_view name) { in_cell_xfs &= name != "cellXfs"; };
  CW_RETURN_IF_ERROR(ParsePart(archive, parser, part));
  for (int id : xf_formats) {
    auto it = custom.find(id);
    date_styles.push_back(it != custom.end() ? it->second : IsDateFormatId(id));
  }
  return date_styles;
}

absl::string_view SharedStrings::Get(size_t i) const {
  const uint32_t begin = i == 0 ? 0 : ends_[i - 1];
  return absl::string_view(text_).substr(begin, ends_[i] - begin);
}

bool SharedStrings::TooLong(size_t i) const {
  return std::binary_search(too_long_.begin(), too_long_.end(), static_cast<uint32_t>(i));
}

size_t SharedStrings::MemoryBytes() const {
  return text_.capacity() + (ends_.capacity() + too_long_.capacity()) * sizeof(uint32_t);
}

absl::StatusOr<SharedStrings> ReadSharedStrings(ZipArchive& archive, const std::string& part,
                                                const SharedStringLimits& limits) {
  SharedStrings strings;
  if (!archive.Contains(part)) return strings;
  const int64_t max_total = std::min<int64_t>(limits.max_total_bytes, UINT32_MAX);
  size_t start = 0;  // where the current string's text begins in strings.text_
  bool in_si = false, in_t = false, in_rph = false, too_long = false;
  XmlParser parser(archive, part);
  parser.on_start = [&](absl::string_view name, const char**) {
    if (name == "si") in_si = true, start = strings.text_.size(), too_long = false;
    if (name == "rPh") in_rph = true;
    if (name == "t") in_t = in_si && !in_rph;
  };
  parser.on_end = [&](absl::string_view name) {
    if (name == "t") in_t = false;
    if (name == "rPh") in_rph = false;
    if (name == "si") {
      in_si = false;
      if (static_cast<int64_t>(strings.ends_.size()) >= limits.max_strings) {
        return parser.Fail(archive.Error(
            absl::StrCat(part, ": more than ", limits.max_strings, " shared strings")));
      }
      if (too_long) strings.too_long_.push_back(static_cast<uint32_t>(strings.ends_.size()));
      strings.ends_.push_back(static_cast<uint32_t>(strings.text_.size()));
    }
  };
  parser.on_text = [&](absl::string_view text) {
    if (!in_t || too_long) return;
    if (static_cast<int64_t>(strings.text_.size() - start + text.size()) > limits.max_string_bytes) {
      too_long = true;
      strings.text_.resize(start);
    } else if (static_cast<int64_t>(strings.text_.size() + text.size()) > max_total) {
      parser.Fail(archive.Error(
          absl::StrCat(part, ": more than ", max_total, " bytes of shared string text")));
    } else {
      strings.text_.append(text.data(), text.size());
    }
  };
  CW_RETURN_IF_ERROR(ParsePart(archive, parser, part));
  strings.text_.shrink_to_fit();
  strings.ends_.shrink_to_fit();
  return strings;
}

}  // namespace crosswalk::files
