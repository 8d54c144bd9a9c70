// The file readers (CSV in UTF-8 and Shift_JIS, JSON, JSON Lines) and the file connector's cursor,
// on files written by the tests.
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "connectors/files/csv_rows.h"
#include "connectors/files/file_connector.h"
#include "connectors/files/json_rows.h"
#include "connectors/files/open_file.h"
#include "connectors/files/preset.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/connectors/cp932_text.h"

namespace crosswalk::files {
namespace {

using ::testing::HasSubstr;

class FileRowsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("rows-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& bytes) {
    const std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }


  // The file at `path`, opened as the connector opens it.
  static OpenFile Opened(const std::string& path) {
    absl::StatusOr<OpenFile> file = OpenFile::Open(path);
    EXPECT_TRUE(file.ok()) << file.status();
    return std::move(file).value();
  }

  static std::vector<SourceRow> All(RowSource& source) {
    std::vector<SourceRow> rows;
    while (true) {
      auto row = source.Next();
      EXPECT_TRUE(row.ok()) << row.status();
      if (!row.ok() || !row->has_value()) return rows;
      rows.push_back(**row);
    }
  }

  // The first error, whether it ends the file or is a malformed row that can be read past.
  static absl::Status FirstError(RowSource& source) {
    while (true) {
      auto row = source.Next();
      if (!row.ok()) return row.status();
      if (!row->has_value()) return absl::OkStatus();
      if (!(*row)->problem.ok()) return (*row)->problem;
    }
  }

  std::filesystem::path dir_;
};

TEST_F(FileRowsTest, Utf8CsvWithBomAndBlankLines) {
  const std::string path = Write("a.csv", "\xEF\xBB\xBFid,件名\r\n1,メール不達\r\n\r\n2,\"a, b\"\r\n");
  auto source = OpenCsvRows(Opened(path), "utf-8", 1 << 20);
  ASSERT_TRUE(source.ok());
  auto rows = All(**source);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].fields[0].name, "id");
  EXPECT_EQ(rows[0].fields[1].name, "件名");
  EXPECT_EQ(rows[0].fields[1].value, "メール不達");
  EXPECT_EQ(rows[1].line, 4);
  EXPECT_EQ(rows[1].fields[1].value, "a, b");
}

// Excel for Mac ends rows with a lone CR: the file read as one header and imported nothing.
TEST_F(FileRowsTest, ExcelForMacCsvWithCrLineEnds) {
  const std::string path = Write("mac.csv", "id,title\r1,first\r2,\"two\rlines\"\r3,third\r");
  auto source = OpenCsvRows(Opened(path), "utf-8", 1 << 20);
  ASSERT_TRUE(source.ok()) << source.status();
  auto rows = All(**source);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1].fields[1].value, "two\nlines");
  EXPECT_EQ(rows[2].line, 5);
  EXPECT_EQ(rows[2].fields[1].value, "third");
}

TEST_F(FileRowsTest, ShiftJisCsvAsJapaneseExcelSavesIt) {
  const std::string path = Write("sjis.csv", Cp932("番号,状態,件名\r\n1,対応中,サーバー停止～復旧①\r\n"));
  auto source = OpenCsvRows(Opened(path), "shift_jis", 1 << 20);
  ASSERT_TRUE(source.ok());
  auto rows = All(**source);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].fields[1].name, "状態");
  EXPECT_EQ(rows[0].fields[1].value, "対応中");
  EXPECT_EQ(rows[0].fields[2].value, "サーバー停止～復旧①");  // CP932 extensions (①, ～) decode
}

TEST_F(FileRowsTest, WrongEncodingNamesLineAndColumn) {
  const std::string sjis = Write("sjis.csv", Cp932("番号,状態\n1,新規\n"));
  auto as_utf8 = OpenCsvRows(Opened(sjis), "utf-8", 1 << 20);
  absl::Status status = FirstError(**as_utf8);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(status.message()), HasSubstr("line 1, column 1: bytes that are not UTF-8"));
  // 0xFF never starts a CP932 character.
  const std::string junk = Write("junk.csv", "a,b\n1,2\n3,\xFF\xFF\n");
  auto as_sjis = OpenCsvRows(Opened(junk), "shift_jis", 1 << 20);
  status = FirstError(**as_sjis);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(status.message()), HasSubstr("line 3: bytes that are not Shift_JIS"));
  // The same with the lone CR line ends of Excel for Mac.
  auto as_sjis_cr = OpenCsvRows(Opened(Write("junk-cr.csv", "a,b\r1,2\r3,\xFF\xFF\r")), "shift_jis", 1 << 20);
  status = FirstError(**as_sjis_cr);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(status.message()), HasSubstr("line 3: bytes that are not Shift_JIS"));
}

// A row with more fields than the header, or with bytes not in the encoding, is a malformed row
// the reader can go past (`on_error: skip` skips it); the rows after it are read.
TEST_F(FileRowsTest, MalformedRowsAreReadPastWithTheirPosition) {
  const std::string path = Write("bad-rows.csv", "id,title\n1,a\n2,b,extra\n3,\xFF\n4,d\n");
  auto source = OpenCsvRows(Opened(path), "utf-8", 1 << 20);
  ASSERT_TRUE(source.ok());
  std::vector<std::string> seen;
  while (true) {
    auto row = (*source)->Next();
    ASSERT_TRUE(row.ok()) << row.status();
    if (!row->has_value()) break;
    seen.push_back((*row)->problem.ok() ? (*row)->fields[0].value : std::string((*row)->problem.message()));
  }
  ASSERT_EQ(seen.size(), 4u);
  EXPECT_EQ(seen[0], "1");
  EXPECT_THAT(seen[1], HasSubstr("bad-rows.csv: line 3, column 5: the row has 3 fields but the header has 2"));
  EXPECT_THAT(seen[2], HasSubstr("bad-rows.csv: line 4, column 3: bytes that are not UTF-8"));
  EXPECT_EQ(seen[3], "4");
}

TEST_F(FileRowsTest, HundredMegabyteFieldIsRefusedNotLoaded) {
  const std::string path = (dir_ / "big.csv").string();
  {
    std::ofstream out(path, std::ios::binary);
    out << "id,text\n1,\"";
    const std::string block(1 << 20, 'x');
    for (int i = 0; i < 100; ++i) out << block;
    out << "\"\n2,ok\n";
  }
  auto source = OpenCsvRows(Opened(path), "utf-8", 16 << 20);
  absl::Status status = FirstError(**source);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(status.message()), HasSubstr("big.csv: line 2, column 1: record longer than 16777216 bytes"));
}

TEST_F(FileRowsTest, FormulaTextIsKeptAsText) {
  const std::string path = Write("f.csv", "id,title\n1,\"=HYPERLINK(\"\"http://x\"\")\"\n2,@SUM(A1)\n");
  auto rows = All(**OpenCsvRows(Opened(path), "utf-8", 1 << 20));
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].fields[1].value, "=HYPERLINK(\"http://x\")");
  EXPECT_EQ(rows[1].fields[1].value, "@SUM(A1)");
}

TEST_F(FileRowsTest, ServiceNowDisplayValueAllAndPlainExports) {
  const std::string path = Write("inc.json",
      R"({"result":[{"number":{"display_value":"INC1","value":"INC1"},"state":{"display_value":"Resolved","value":"6"},)"
      R"("assignment_group":{"display_value":"Desk","link":"https://x/api","value":"8a4d"},"n":3,"empty":null},)"
      "\n"
      R"({"number":"INC2","state":"7","nested":{"a":[1,2]}}],"x-total":2})");
  auto source = OpenJsonRows(Opened(path), {});
  ASSERT_TRUE(source.ok()) << source.status();
  auto rows = All(**source);
  ASSERT_EQ(rows.size(), 2u);
  std::map<std::string, std::string> first;
  for (const SourceField& f : rows[0].fields) first[f.name] = f.value;
  EXPECT_EQ(first["state"], "6");
  EXPECT_EQ(first["state.display_value"], "Resolved");
  EXPECT_EQ(first["assignment_group"], "8a4d");
  EXPECT_EQ(first["assignment_group.link"], "https://x/api");
  EXPECT_EQ(first["n"], "3");
  EXPECT_EQ(first["empty"], "");
  EXPECT_EQ(rows[1].line, 2);
  EXPECT_EQ(rows[1].fields[2].value, R"({"a":[1,2]})");
}

TEST_F(FileRowsTest, JsonLinesAndTopLevelArray) {
  auto lines = OpenJsonRows(Opened(Write("a.jsonl", "{\"id\":\"1\"}\n\n{\"id\":\"2\"}\n")), {true});
  EXPECT_EQ(All(**lines).size(), 2u);
  auto array = OpenJsonRows(Opened(Write("a.json", "[{\"id\":1},{\"id\":2},{\"id\":3}]")), {});
  EXPECT_EQ(All(**array).size(), 3u);
}

TEST_F(FileRowsTest, MalformedJsonGivesPositionsNeverACrash) {
  struct Case {
    const char* name;
    std::string text;
    const char* expected;
  };
  const std::vector<Case> cases = {
      {"truncated", "{\"result\":[{\"id\":1},{\"id\":", "unexpected end of file"},
      {"deep", "{\"result\":[{\"a\":" + std::string(100000, '[') + std::string(100000, ']') + "}]}", "nesting deeper than 64 levels"},
      {"not object", "[1,2]", "line 1, column 2: expected a record object"},
      {"no member", "{\"records\":[]}", "expected a member 'result'"},
      {"garbage after", "[{\"a\":1}] x", "text after the end"},
      {"bad token", "[{\"a\":tru}]", "record is not valid JSON"},
      {"bad utf8", "[{\"a\":\"\xC3\x28\"}]", "record is not valid JSON"},
      {"escaped nul", "[{\"a\":\"x\\u0000y\"}]", "line 1, column 9: record is not valid JSON (NUL character"},
      {"escaped nul in a name", "[{\"a\\u0000\":1}]", "NUL character"},
      {"raw nul", std::string("[{\"a\":\"x\0\"}]", 12), "control character in a string"},
  };
  for (const Case& c : cases) {
    auto source = OpenJsonRows(Opened(Write("bad.json", c.text)), {});
    absl::Status status = source.ok() ? FirstError(**source) : source.status();
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << c.name;
    EXPECT_THAT(std::string(status.message()), HasSubstr(c.expected)) << c.name;
  }
}

TEST_F(FileRowsTest, JsonRecordsAcrossReadChunksKeepLinesEscapesAndNumbers) {
  // Pretty-printed records, three lines each, well past one read chunk (1 MiB).
  std::string text = "{\"result\": [\n";
  const int kRecords = 6000;
  for (int i = 0; i < kRecords; ++i) {
    text += std::string(i ? ",\n" : "") + "{\"id\": \"R" + std::to_string(i) + "\", \"pad\": \"" + std::string(200, 'x') +
            "\",\n \"n\": 1.50e3, \"t\": \"caf\\u00e9 \\ud83d\\ude00\\n\", \"id\": \"S" + std::to_string(i) +
            "\",\n \"deep\": {\"a\": [1, {\"b\": null}], \"c\": \"\\\"q\\\"\"}}";
  }
  text += "\n]}\n";
  ASSERT_GT(text.size(), 1u << 20);
  auto source = OpenJsonRows(Opened(Write("pretty.json", text)), {});
  ASSERT_TRUE(source.ok()) << source.status();
  auto rows = All(**source);
  ASSERT_EQ(rows.size(), static_cast<size_t>(kRecords));
  for (int i : {0, 1, 2500, kRecords - 1}) {
    const SourceRow& row = rows[i];
    EXPECT_EQ(row.line, 2 + 3 * i) << i;
    ASSERT_EQ(row.fields.size(), 5u) << i;
    EXPECT_EQ(row.fields[0].name, "id");
    EXPECT_EQ(row.fields[0].value, "S" + std::to_string(i)) << "a repeated member keeps its last value";
    EXPECT_EQ(row.fields[2].value, "1.50e3") << "numbers as written";
    EXPECT_EQ(row.fields[3].value, "caf\xC3\xA9 \xF0\x9F\x98\x80\n");
    EXPECT_EQ(row.fields[4].value, R"({"a":[1,{"b":null}],"c":"\"q\""})");
  }
}

TEST_F(FileRowsTest, JsonErrorInsideAPrettyRecordNamesItsOwnLine) {
  const std::string path = Write("bad-pretty.json", "[\n{\"a\": 1},\n{\"a\": 2,\n  \"b\": tru}\n]");
  auto source = OpenJsonRows(Opened(path), {});
  ASSERT_TRUE(source.ok());
  absl::Status status = FirstError(**source);
  EXPECT_THAT(std::string(status.message()), HasSubstr("bad-pretty.json: line 4, column 8: record is not valid JSON"));
}

class FileConnectorTest : public FileRowsTest {
 protected:
  void SetUp() override {
    FileRowsTest::SetUp();
    auto presets = PresetSet::Load(CROSSWALK_SOURCE_MAPPINGS_DIR);
    ASSERT_TRUE(presets.ok()) << presets.status();
    presets_ = std::move(*presets);
    registry_.Register(FileConnectorFactory(presets_.get()));
  }
  std::unique_ptr<Connector> Make(std::map<std::string, std::string> options) {
    auto connector = registry_.Create({"t", "file", std::move(options)}, {});
    EXPECT_TRUE(connector.ok()) << connector.status();
    return connector.ok() ? std::move(*connector) : nullptr;
  }
  std::unique_ptr<PresetSet> presets_;
  ConnectorRegistry registry_;
};

TEST_F(FileConnectorTest, CursorResumesAndAFinishedFileYieldsNothing) {
  std::string text = "id,type,subject,status\n";
  for (int i = 1; i <= 10; ++i) text += std::to_string(i) + ",incident,s,new\n";
  const std::string path = Write("t.csv", text);
  auto connector = Make({{"location", path}, {"preset", "generic-ticket"}});
  ASSERT_TRUE(connector->Start("").ok());
  auto page = connector->Pull(4);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->records.size(), 4u);
  EXPECT_FALSE(page->done);
  const std::string cursor = page->next_cursor;

  auto resumed = Make({{"location", path}, {"preset", "generic-ticket"}});
  ASSERT_TRUE(resumed->Start(cursor).ok());
  auto rest = resumed->Pull(100);
  ASSERT_EQ(rest->records.size(), 6u);
  EXPECT_EQ(rest->records[0].Field("native_id")->value, "5");
  EXPECT_TRUE(rest->done);

  auto again = Make({{"location", path}, {"preset", "generic-ticket"}});
  ASSERT_TRUE(again->Start(rest->next_cursor).ok());
  auto nothing = again->Pull(100);
  EXPECT_TRUE(nothing->records.empty());
  EXPECT_TRUE(nothing->done);

  Write("t.csv", text + "11,incident,s,new\n");  // changed content: read from the start
  auto changed = Make({{"location", path}, {"preset", "generic-ticket"}});
  ASSERT_TRUE(changed->Start(rest->next_cursor).ok());
  EXPECT_EQ(changed->Pull(100)->records.size(), 11u);
}

// Start may be called again on one connector: it reads the file anew, and a file changed in
// between is seen as changed.
TEST_F(FileConnectorTest, StartAgainRereadsAndSeesAChangedFile) {
  const std::string path = Write("t.csv", "id,type\n1,incident\n2,incident\n");
  auto connector = Make({{"location", path}, {"preset", "generic-ticket"}});
  ASSERT_TRUE(connector->Start("").ok());
  auto first = connector->Pull(100);
  ASSERT_EQ(first->records.size(), 2u);
  ASSERT_TRUE(connector->Start("").ok());
  EXPECT_EQ(connector->Pull(100)->records.size(), 2u);
  ASSERT_TRUE(connector->Start(first->next_cursor).ok());
  EXPECT_TRUE(connector->Pull(100)->records.empty());  // the same digest, finished
  Write("t.csv", "id,type\n1,incident\n2,incident\n3,change\n");
  ASSERT_TRUE(connector->Start(first->next_cursor).ok());
  EXPECT_EQ(connector->Pull(100)->records.size(), 3u);
}

TEST_F(FileConnectorTest, EncodingAutoDetectsShiftJis) {
  const std::string path = Write("j.csv", Cp932("チケット番号,種別,件名,ステータス\n1,インシデント,停止,対応中\n"));
  auto connector = Make({{"location", path}, {"preset", "generic-ticket"}});
  ASSERT_TRUE(connector->Start("").ok());
  auto page = connector->Pull(10);
  ASSERT_TRUE(page.ok()) << page.status();
  ASSERT_EQ(page->records.size(), 1u);
  EXPECT_EQ(page->records[0].Field("kind")->value, "インシデント");
  EXPECT_EQ(page->records[0].Field("status")->value, "対応中");
}

// Encoding auto-detection reads the file in 1 MiB chunks: a UTF-8 character cut by every chunk
// boundary must still count as UTF-8 (a 3 MB field of あ, each 3 bytes, straddles them).
TEST_F(FileConnectorTest, EncodingAutoKeepsUtf8CutByReadChunks) {
  std::string subject;
  for (int i = 0; i < 1000000; ++i) subject += "あ";
  const std::string path = Write("big-utf8.csv", "id,type,subject\n1,incident," + subject + "\n");
  auto connector = Make({{"location", path}, {"preset", "generic-ticket"}});
  ASSERT_TRUE(connector->Start("").ok());
  auto page = connector->Pull(10);
  ASSERT_TRUE(page.ok()) << page.status();
  ASSERT_EQ(page->records.size(), 1u);
  EXPECT_EQ(page->records[0].Field("title")->value, subject);
}

TEST_F(FileConnectorTest, MissingRequiredColumnListsWhatWouldDo) {
  const std::string path = Write("soa.csv", "Name,Owner\nx,y\n");
  auto connector = Make({{"location", path}, {"preset", "isms-soa"}});
  ASSERT_TRUE(connector->Start("").ok());
  auto page = connector->Pull(10);
  EXPECT_EQ(page.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(page.status().message()), HasSubstr("needs a column for 'control_ref'"));
  EXPECT_THAT(std::string(page.status().message()), HasSubstr("the file has: Name, Owner"));
}

TEST_F(FileConnectorTest, ColumnOverrideAndUnknownKeys) {
  const std::string path = Write("soa.csv", "Ctrl,Applies\nA.5.1,Yes\n");
  auto connector = Make({{"location", path}, {"preset", "isms-soa"}, {"columns", "control_ref=Ctrl;applicable=Applies"}});
  ASSERT_TRUE(connector->Start("").ok());
  auto page = connector->Pull(10);
  ASSERT_TRUE(page.ok()) << page.status();
  EXPECT_EQ(page->records[0].Field("control_ref")->value, "A.5.1");
  auto unknown = registry_.Create({"t", "file", {{"location", path}, {"preset", "isms-soa"}, {"colour", "x"}}}, {});
  EXPECT_THAT(std::string(unknown.status().message()), HasSubstr("unknown key 'colour'"));
  auto preset = registry_.Create({"t", "file", {{"location", path}, {"preset", "isms-sao"}}}, {});
  EXPECT_THAT(std::string(preset.status().message()), HasSubstr("unknown preset 'isms-sao'"));
}

}  // namespace
}  // namespace crosswalk::files
