#ifndef CROSSWALK_CONNECTORS_FILES_XLSX_PARTS_H_
#define CROSSWALK_CONNECTORS_FILES_XLSX_PARTS_H_

#include <expat.h>

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "connectors/files/zip_archive.h"

// The parts of an .xlsx workbook that are read up front, before its sheet: the workbook and its
// relationships, the styles and the shared strings. Parts are parsed with expat; a DOCTYPE is
// refused. Every error is INVALID_ARGUMENT in the form of ZipArchive::Error, "<path>: <what>",
// naming the part; errors from reading the zip entry itself are passed on as they are.
//
// Thread-compatible, like the archive the parts are read from.

namespace crosswalk::files {

// The value of the attribute whose local name is `name` in expat's `atts`, or nullptr.
const char* XmlAttr(const char** atts, absl::string_view name);

// An expat parser for one part. Element and attribute names reach the handlers as local names, so
// prefixed SpreadsheetML ("x:row") reads the same. A DOCTYPE stops parsing with an error — nothing
// in OOXML needs a DTD, and refusing it rules out entity expansion bombs and external entities.
//
// REQUIRES: `archive` (used only to word errors) outlives the parser.
class XmlParser {
 public:
  std::function<void(absl::string_view name, const char** atts)> on_start;
  std::function<void(absl::string_view name)> on_end;
  std::function<void(absl::string_view text)> on_text;

  XmlParser(const ZipArchive& archive, std::string part);
  ~XmlParser();
  XmlParser(const XmlParser&) = delete;
  XmlParser& operator=(const XmlParser&) = delete;

  // From a handler: abandons the parse; Parse/Resume return `status` (the first one given).
  void Fail(absl::Status status);
  // From a handler: pauses after the current event; Parse/Resume return true.
  void Suspend();

  // Parses the next chunk (`final`: the last one). OK(true) when a handler suspended the parse
  // (call Resume before more), OK(false) when the chunk is consumed; the status given to Fail, or
  // "DTD not allowed in <part>", or malformed XML as "<part> line L, column C: <expat's message>".
  absl::StatusOr<bool> Parse(absl::string_view data, bool final);
  // Resumes a suspended parse; results as for Parse.
  absl::StatusOr<bool> Resume();

 private:
  absl::StatusOr<bool> Check(XML_Status status);

  const ZipArchive& a_;
  std::string part_;
  XML_Parser p_;
  absl::Status error_;
};

// What the workbook part (xl/workbook.xml) and its relationships say.
struct Workbook {
  std::vector<std::pair<std::string, std::string>> sheets;  // name, relationship id, in tab order
  std::map<std::string, std::string> targets;               // relationship id → part name
  std::string shared_strings = "xl/sharedStrings.xml";
  std::string styles = "xl/styles.xml";
  bool date1904 = false;
};

// Reads xl/workbook.xml and xl/_rels/workbook.xml.rels. Errors: either part missing or malformed.
absl::StatusOr<Workbook> ReadWorkbook(ZipArchive& archive);

// One worksheet: its tab name and the part that holds it.
struct SheetPart {
  std::string name;
  std::string part;
};

// The sheet named `name`, or the first in tab order when `name` is empty. Errors: the workbook
// lists no sheets; no sheet is named `name` (the message lists those there are); the sheet's
// relationship is not in the workbook's relationships.
absl::StatusOr<SheetPart> FindSheet(const ZipArchive& archive, const Workbook& book,
                                    const std::string& name);

// For each cellXfs index (a cell's s="…") in the styles `part`, whether its number format shows a
// date or time. Empty when the archive has no such part. Errors: the part is malformed.
absl::StatusOr<std::vector<bool>> ReadDateStyles(ZipArchive& archive, const std::string& part);

// Bounds on a shared string table, which is the one part held in memory whole.
struct SharedStringLimits {
  int64_t max_string_bytes = 16 << 20;  // longer strings are flagged (SharedStrings::TooLong)
  int64_t max_strings = 1 << 22;        // more <si> items are an error naming the part
  int64_t max_total_bytes = 256 << 20;  // more text in all is an error naming the part (< 4 GiB)
};

// The shared string table: each <si>'s text runs concatenated, phonetic (<rPh>) runs left out.
// A string longer than the limit is kept empty and flagged, so that the error can name the cell.
// All the text is held in one buffer with each string's end offset beside it, so the table costs
// its text plus 4 bytes a string: a million empty <si/> items hold 4 MB, not a string object each.
class SharedStrings {
 public:
  size_t size() const { return ends_.size(); }
  // REQUIRES: i < size().
  absl::string_view Get(size_t i) const;
  bool TooLong(size_t i) const;
  // The bytes the table holds (its buffers' capacities).
  size_t MemoryBytes() const;

 private:
  friend absl::StatusOr<SharedStrings> ReadSharedStrings(ZipArchive&, const std::string&,
                                                         const SharedStringLimits&);
  std::string text_;
  std::vector<uint32_t> ends_;      // end offset in text_ of string i
  std::vector<uint32_t> too_long_;  // indexes of the strings over the limit, ascending
};

// Reads the shared strings `part` within `limits`. Empty when the archive has no such part.
// Errors: the part is malformed; "<part>: more than N shared strings" or "... bytes of shared
// string text".
absl::StatusOr<SharedStrings> ReadSharedStrings(ZipArchive& archive, const std::string& part,
                                                const SharedStringLimits& limits);

}  // namespace crosswalk::files

#endif  // CROSSWALK_CONNECTORS_FILES_XLSX_PARTS_H_
