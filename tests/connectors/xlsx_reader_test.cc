#include "connectors/files/xlsx_reader.h"

#include <stdlib.h>

#include <cstdlib>
#include <filesystem>
#include <functional>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "connectors/files/open_file.h"
#include "connectors/files/xlsx_parts.h"
#include "connectors/files/zip_archive.h"

// The workbooks are written at test time by tests/connectors/make_xlsx.py (its path comes from the
// build as CROSSWALK_MAKE_XLSX); no binary fixture is checked in.
#ifndef CROSSWALK_MAKE_XLSX
#error "CROSSWALK_MAKE_XLSX must name tests/connectors/make_xlsx.py"
#endif
#ifndef CROSSWALK_PYTHON3
#define CROSSWALK_PYTHON3 "/usr/bin/python3"
#endif

namespace crosswalk::files {
namespace {

using ::testing::HasSubstr;

std::string ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void WriteBytes(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

class XlsxReaderTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    char dir_template[] = "/tmp/xlsx_reader_test.XXXXXX";
    ASSERT_NE(mkdtemp(dir_template), nullptr);
    dir_ = new std::string(dir_template);
    const std::string command =
        absl::StrCat(CROSSWALK_PYTHON3, " '", CROSSWALK_MAKE_XLSX, "' '", *dir_, "'");
    ASSERT_EQ(std::system(command.c_str()), 0) << command;
  }
  static void TearDownTestSuite() {
    std::filesystem::remove_all(*dir_);
    delete dir_;
  }

  static std::string Path(const std::string& name) { return absl::StrCat(*dir_, "/", name); }
  // The workbook `name`, opened as the file connector opens it.
  static OpenFile Opened(const std::string& name) {
    absl::StatusOr<OpenFile> file = OpenFile::Open(Path(name));
    EXPECT_TRUE(file.ok()) << file.status();
    return std::move(file).value();
  }

  // Every row of a sheet as "line: name=value@column; ...", or the first error's message.
  static std::vector<std::string> Rows(const std::string& file, XlsxOptions options = {}) {
    absl::StatusOr<std::unique_ptr<RowSource>> source = OpenXlsx(Opened(file), options);
    if (!source.ok()) return {absl::StrCat("error: ", source.status().message())};
    std::vector<std::string> out;
    while (true) {
      absl::StatusOr<std::optional<SourceRow>> row = (*source)->Next();
      if (!row.ok()) {
        out.push_back(absl::StrCat("error: ", row.status().message()));
        // After an error the source keeps returning it.
        EXPECT_EQ((*source)->Next().status(), row.status());
        return out;
      }
      if (!*row) return out;
      std::vector<std::string> fields;
      for (const SourceField& f : (*row)->fields) {
        EXPECT_EQ((*row)->sheet, options.sheet.empty() ? (*row)->sheet : options.sheet);
        fields.push_back(absl::StrCat(f.name, "=", f.value, "@", f.column));
      }
      out.push_back(absl::StrCat((*row)->line, ": ", absl::StrJoin(fields, "; ")));
    }
  }

  static absl::Status FirstError(const std::string& file, XlsxOptions options = {}) {
    absl::StatusOr<std::unique_ptr<RowSource>> source = OpenXlsx(Opened(file), options);
    if (!source.ok()) return source.status();
    while (true) {
      absl::StatusOr<std::optional<SourceRow>> row = (*source)->Next();
      if (!row.ok()) return row.status();
      if (!*row) return absl::OkStatus();
    }
  }

  static std::string* dir_;
};
std::string* XlsxReaderTest::dir_ = nullptr;

// Shared, rich-text, inline and phonetic strings; numbers; booleans; errors; dates; cells beyond
// or under no header; missing cells; empty rows (3 and 4) skipped.
const std::vector<std::string> kSoA = {
    "2: ID=5.1@1; Title=Service management@2; Count=3@3; column 4=extra@4; Flag=TRUE@5; "
    "When=2024-01-01@6; Err=#N/A@7",
    "5: ID=日本語テキスト@1; Title=変更管理@2; Count=0.1@3; Flag=@5; "
    "When=2024-01-01T12:00:00@6; Err=@7; column 8=beyond@8",
    "7: ID=@1; Title=Title@2; Count=2.5@3; Flag=FALSE@5; When=@6; Err=@7",
};

TEST_F(XlsxReaderTest, FirstSheetInEveryArchiveFlavour) {
  // Deflated, stored (method 0), deflated with data descriptors, prefixed SpreadsheetML, and
  // entry names written with backslashes.
  for (const char* file :
       {"basic.xlsx", "stored.xlsx", "descriptor.xlsx", "prefixed.xlsx", "backslash.xlsx"}) {
    EXPECT_EQ(Rows(file), kSoA) << file;
  }
}

TEST_F(XlsxReaderTest, SheetFieldAndPositions) {
  absl::StatusOr<std::unique_ptr<RowSource>> source = OpenXlsx(Opened("basic.xlsx"), {});
  ASSERT_TRUE(source.ok()) << source.status();
  absl::StatusOr<std::optional<SourceRow>> row = (*source)->Next();
  ASSERT_TRUE(row.ok() && row->has_value());
  EXPECT_EQ((*row)->sheet, "SoA");
  EXPECT_EQ((*row)->line, 2);
  EXPECT_EQ((*row)->Where((*row)->fields[3].column), "sheet 'SoA', cell D2");
}

TEST_F(XlsxReaderTest, NamedSheetResolvedThroughAbsoluteTarget) {
  XlsxOptions options;
  options.sheet = "Notes";
  EXPECT_THAT(Rows("basic.xlsx", options), ::testing::ElementsAre("2: Note=hello@1"));
}

TEST_F(XlsxReaderTest, SheetNotFoundListsTheSheets) {
  XlsxOptions options;
  options.sheet = "Nope";
  absl::StatusOr<std::unique_ptr<RowSource>> source = OpenXlsx(Opened("basic.xlsx"), options);
  EXPECT_EQ(source.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(source.status().message()),
              HasSubstr("basic.xlsx: sheet 'Nope' not found; the workbook has 'SoA', 'Notes'"));
}

TEST_F(XlsxReaderTest, DateSerials1900) {
  EXPECT_THAT(Rows("dates.xlsx"),
              ::testing::ElementsAre(
                  "2: Serial=1@1; Date=1900-01-01@2", "3: Serial=59@1; Date=1900-02-28@2",
                  "4: Serial=60@1; Date=1900-02-29@2",  // Lotus' fictitious day
                  "5: Serial=61@1; Date=1900-03-01@2", "6: Serial=45292@1; Date=2024-01-01@2",
                  "7: Serial=0.25@1; Date=1899-12-31T06:00:00@2",
                  "8: Serial=59.5@1; Date=1900-02-28T12:00:00@2",
                  "9: Serial=60.75@1; Date=1900-02-29T18:00:00@2",
                  "10: Serial=45292.999999@1; Date=2024-01-02T00:00:00@2"));
}

TEST_F(XlsxReaderTest, DateSerials1904) {
  for (const char* file : {"date1904.xlsx", "date1904true.xlsx"}) {
    EXPECT_THAT(Rows(file),
                ::testing::ElementsAre("2: Date=1904-01-01@1", "3: Date=1904-01-02T12:00:00@1"))
        << file;
  }
}

struct ErrorCase {
  const char* file;
  std::string sheet;
  int64_t max_cell_bytes;
  int64_t max_xml_bytes;
  std::string message;  // a substring of the error
};

TEST_F(XlsxReaderTest, Errors) {
  const std::vector<ErrorCase> cases = {
      {"doctype.xlsx", "", 16 << 20, 1 << 30,
       "doctype.xlsx: DTD not allowed in xl/sharedStrings.xml"},
      {"bigcell.xlsx", "Inline", 1000, 1 << 30,
       "bigcell.xlsx: sheet 'Inline', cell B2: cell text longer than 1000 bytes"},
      {"bigcell.xlsx", "Shared", 1000, 1 << 30,
       "bigcell.xlsx: sheet 'Shared', cell B12: cell text longer than 1000 bytes"},
      {"badxml.xlsx", "", 16 << 20, 1 << 30,
       // expat points at the name in the stray end tag "</x>"
       "badxml.xlsx: xl/worksheets/sheet1.xml line 5, column 32: mismatched tag"},
      {"encrypted.xlsx", "", 16 << 20, 1 << 30, "encrypted.xlsx: xl/workbook.xml is encrypted"},
      {"zip64mark.xlsx", "", 16 << 20, 1 << 30,
       "zip64mark.xlsx: corrupt zip archive (a zip64 size or offset without its zip64 extra"},
      {"ole.xlsx", "", 16 << 20, 1 << 30, "ole.xlsx: an encrypted workbook or a legacy .xls"},
      {"notzip.xlsx", "", 16 << 20, 1 << 30,
       "notzip.xlsx: not a zip archive (no end of central directory record"},
      {"basic.xlsx", "", 16 << 20, 500,
       "basic.xlsx: more than 500 bytes of decompressed XML (a zip bomb?) at "
       "xl/_rels/workbook.xml.rels"},
      // A real bomb stops at the budget, charged as it inflates: 8 MiB of its 64 MiB.
      {"bomb.xlsx", "", 16 << 20, 8 << 20,
       "bomb.xlsx: more than 8388608 bytes of decompressed XML (a zip bomb?) at "
       "xl/worksheets/sheet1.xml"},
      {"bzip2.xlsx", "", 16 << 20, 1 << 30,
       "bzip2.xlsx: xl/workbook.xml is compressed with bzip2 (method 12); only stored and "
       "deflated entries are supported"},
      {"badcrc.xlsx", "", 16 << 20, 1 << 30,
       "badcrc.xlsx: xl/sharedStrings.xml: CRC-32 does not match the zip directory"},
      {"liar.xlsx", "", 16 << 20, 1 << 30,
       "liar.xlsx: xl/sharedStrings.xml: decompresses to more than its declared size"},
      {"manyends.xlsx", "", 16 << 20, 1 << 30,
       "manyends.xlsx: corrupt zip archive (100 end of central directory records; a zip has one)"},
      {"hugedir.xlsx", "", 16 << 20, 1 << 30,
       "hugedir.xlsx: the zip directory declares 65535 entries in 41943040 bytes; a workbook has at most"},
      {"hugedir64.xlsx", "", 16 << 20, 1 << 30,
       "hugedir64.xlsx: the zip directory declares 10000000 entries in 1073741824 bytes"},
      {"duplicate.xlsx", "", 16 << 20, 1 << 30,
       "duplicate.xlsx: corrupt zip archive (two entries named 'xl/workbook.xml')"},
  };
  for (const ErrorCase& c : cases) {
    XlsxOptions options;
    options.sheet = c.sheet;
    options.max_cell_bytes = c.max_cell_bytes;
    options.max_xml_bytes = c.max_xml_bytes;
    const absl::Status status = FirstError(c.file, options);
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << c.file << " " << status;
    EXPECT_THAT(std::string(status.message()), HasSubstr(c.message)) << c.file;
  }
}

// Excel writes zip64 for big workbooks; libzip reads it. The fixture has a zip64 end record and
// locator, and its classic end record holds only the "see zip64" marks, so a reader that ignored
// zip64 would find no directory at all.
TEST_F(XlsxReaderTest, Zip64WorkbookIsRead) {
  const std::string bytes = ReadBytes(Path("zip64.xlsx"));
  ASSERT_NE(bytes.find("PK\x06\x06"), std::string::npos);  // zip64 end of central directory
  ASSERT_NE(bytes.find("PK\x06\x07"), std::string::npos);  // its locator
  const size_t end = bytes.rfind("PK\x05\x06");
  ASSERT_NE(end, std::string::npos);
  EXPECT_EQ(bytes.substr(end + 8, 12), std::string(12, '\xff'));
  EXPECT_EQ(Rows("zip64.xlsx"), kSoA);
}

TEST_F(XlsxReaderTest, BigCellWithinTheLimitIsRead) {
  XlsxOptions options;
  options.sheet = "Inline";
  const std::vector<std::string> rows = Rows("bigcell.xlsx", options);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].size(), std::string("2: H=ok@1; column 2=").size() + 1200 + 2);
}

TEST_F(XlsxReaderTest, TruncatedFileIsAnError) {
  const std::string bytes = ReadBytes(Path("basic.xlsx"));
  WriteBytes(Path("half.xlsx"), bytes.substr(0, bytes.size() / 2));
  const absl::Status status = FirstError("half.xlsx");
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(status.message()), HasSubstr("half.xlsx: not a zip archive"));
  // Every other cut fails cleanly too (run under ASan/UBSan to catch what a crash would not).
  for (size_t size = 0; size < bytes.size(); ++size) {
    WriteBytes(Path("cut.xlsx"), bytes.substr(0, size));
    EXPECT_EQ(FirstError("cut.xlsx").code(), absl::StatusCode::kInvalidArgument) << size;
  }
}

TEST_F(XlsxReaderTest, CorruptBytesAreAnErrorNotACrash) {
  for (const char* file : {"basic.xlsx", "stored.xlsx"}) {
    const std::string bytes = ReadBytes(Path(file));
    for (size_t at = 0; at + 8 <= bytes.size(); at += 3) {
      std::string damaged = bytes;
      for (size_t i = at; i < at + 8; ++i) damaged[i] = static_cast<char>(damaged[i] ^ 0x5A);
      WriteBytes(Path("damaged.xlsx"), damaged);
      const absl::Status status = FirstError("damaged.xlsx");
      EXPECT_TRUE(status.ok() || status.code() == absl::StatusCode::kInvalidArgument)
          << file << " at " << at << ": " << status;
    }
  }
}

TEST(SourceRowWhereTest, SpreadsheetAndText) {
  struct Case {
    SourceRow row;
    int column;
    std::string where;
  };
  const std::vector<Case> cases = {
      {{12, "SoA", {}}, 2, "sheet 'SoA', cell B12"},
      {{12, "SoA", {}}, 0, "sheet 'SoA', row 12"},
      {{3, "S", {}}, 26, "sheet 'S', cell Z3"},
      {{3, "S", {}}, 27, "sheet 'S', cell AA3"},
      {{3, "S", {}}, 16384, "sheet 'S', cell XFD3"},
      {{7, "", {}}, 5, "line 7, column 5"},
      {{7, "", {}}, 0, "line 7"},
  };
  for (const Case& c : cases) EXPECT_EQ(c.row.Where(c.column), c.where);
}

}  // namespace
}  // namespace crosswalk::files

namespace crosswalk::files {
namespace {

// A shared string table of empty items cost ~7 GB of memory per MB of file (a string object for
// each 5-byte <si/>). The table is bounded in count and in text, and costs 4 bytes an item.
TEST_F(XlsxReaderTest, SharedStringsOfEmptyItemsAreBoundedAndCompact) {
  const absl::Status status = FirstError("emptystrings.xlsx");
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(status.message()),
              HasSubstr("emptystrings.xlsx: xl/sharedStrings.xml: more than 4194304 shared strings"));

  auto archive = ZipArchive::Open(Opened("emptystrings.xlsx"), 1LL << 30, 1LL << 30);
  ASSERT_TRUE(archive.ok()) << archive.status();
  SharedStringLimits limits;
  limits.max_strings = 5000000;
  auto strings = ReadSharedStrings(**archive, "xl/sharedStrings.xml", limits);
  ASSERT_TRUE(strings.ok()) << strings.status();
  ASSERT_EQ(strings->size(), 5000000u);
  EXPECT_EQ(strings->Get(4999999), "");
  EXPECT_LE(strings->MemoryBytes(), 4 * strings->size() + 64);
}

// Each limit of XlsxOptions ends the read with an error that names the part, row or cell.
TEST_F(XlsxReaderTest, LimitsNameThePartRowOrCell) {
  struct Case {
    const char* name;
    std::function<void(XlsxOptions&)> set;
    const char* message;
  };
  const std::vector<Case> cases = {
      {"part size", [](XlsxOptions& o) { o.max_part_bytes = 300; },
       "basic.xlsx: xl/workbook.xml decompresses to"},
      {"shared text", [](XlsxOptions& o) { o.max_shared_string_bytes = 10; },
       "basic.xlsx: xl/sharedStrings.xml: more than 10 bytes of shared string text"},
      {"shared count", [](XlsxOptions& o) { o.max_shared_strings = 3; },
       "basic.xlsx: xl/sharedStrings.xml: more than 3 shared strings"},
      {"rows", [](XlsxOptions& o) { o.max_rows = 4; },
       "sheet 'SoA', after row 4: row 5 is past the last row allowed (4)"},
      {"columns", [](XlsxOptions& o) { o.max_columns = 7; },
       "sheet 'SoA', row 5: cell reference 'H5' is not valid (columns go up to 7)"},
      {"cells", [](XlsxOptions& o) { o.max_cells = 8; },
       "sheet 'SoA', cell C2: more than 8 cells in the sheet"},
  };
  for (const Case& c : cases) {
    XlsxOptions options;
    c.set(options);
    const absl::Status status = FirstError("basic.xlsx", options);
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << c.name;
    EXPECT_THAT(std::string(status.message()), HasSubstr(c.message)) << c.name;
  }
}

// NUL cannot reach a value from a workbook: XML 1.0 has no character 0, as a reference or a byte.
TEST_F(XlsxReaderTest, NulInACellIsRefusedWithItsPosition) {
  struct Case {
    const char* file;
    const char* message;
  };
  for (const Case& c : {Case{"nulref.xlsx", "xl/worksheets/sheet1.xml line 2, column "},
                        Case{"nulraw.xlsx", "xl/worksheets/sheet1.xml line 2, column "}}) {
    const absl::Status status = FirstError(c.file);
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << c.file;
    EXPECT_THAT(std::string(status.message()), HasSubstr(c.message)) << c.file << " " << status;
  }
}

}  // namespace
}  // namespace crosswalk::files
