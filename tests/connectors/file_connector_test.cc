// The file connector's handling of its location and options: one descriptor for the digest and the
// rows, non-regular files refused, max_record_bytes bounded, encoding: auto that never stores
// Latin-1 as CP932 mojibake.
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "absl/strings/str_cat.h"
#include "connectors/files/csv_rows.h"
#include "connectors/files/file_connector.h"
#include "connectors/files/file_digest.h"
#include "connectors/files/open_file.h"
#include "connectors/files/preset.h"
#include "gateway/core/sha256.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/connectors/cp932_text.h"

namespace crosswalk::files {
namespace {

using ::testing::HasSubstr;

std::string Sha256Of(const std::string& bytes) {
  Sha256 hasher;
  hasher.Update(bytes);
  return hasher.HexDigest();
}

class FileConnectorInputTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("file-connector-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
    auto presets = PresetSet::Load(CROSSWALK_SOURCE_MAPPINGS_DIR);
    ASSERT_TRUE(presets.ok()) << presets.status();
    presets_ = std::move(*presets);
    registry_.Register(FileConnectorFactory(presets_.get(), &hooks_));
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& bytes) {
    const std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }

  absl::StatusOr<std::unique_ptr<Connector>> Create(std::map<std::string, std::string> options) {
    options.emplace("preset", "generic-ticket");
    return registry_.Create({"t", "file", std::move(options)}, {});
  }

  // Start then Pull everything: the records' subjects, or the first error.
  absl::StatusOr<std::vector<std::string>> Titles(Connector& connector, const std::string& cursor,
                                                  std::string* next_cursor = nullptr) {
    absl::Status started = connector.Start(cursor);
    if (!started.ok()) return started;
    absl::StatusOr<ConnectorPage> page = connector.Pull(1000);
    if (!page.ok()) return page.status();
    if (next_cursor != nullptr) *next_cursor = page->next_cursor;
    std::vector<std::string> titles;
    for (const RawRecord& record : page->records) titles.push_back(record.Field("title")->value);
    return titles;
  }

  std::filesystem::path dir_;
  FileConnectorHooks hooks_;
  std::unique_ptr<PresetSet> presets_;
  ConnectorRegistry registry_;
};

// A location that is not a regular file was read forever (/dev/zero) or blocked the sync, and
// SIGTERM with it, forever (a FIFO without a writer). Each is refused at once, naming its kind.
TEST_F(FileConnectorInputTest, NonRegularLocationsAreRefusedWithoutBlocking) {
  const std::string fifo = (dir_ / "rows.csv").string();
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  const std::string socket_path = (dir_ / "sock.csv").string();
  const int sock = socket(AF_UNIX, SOCK_STREAM, 0);
  ASSERT_GE(sock, 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  ASSERT_LT(socket_path.size(), sizeof address.sun_path);
  std::snprintf(address.sun_path, sizeof address.sun_path, "%s", socket_path.c_str());
  ASSERT_EQ(bind(sock, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  const std::string directory = (dir_ / "folder.csv").string();
  std::filesystem::create_directories(directory);
  struct Case {
    std::string location;
    const char* kind;
  };
  for (const Case& c : {Case{fifo, "a FIFO"}, Case{"/dev/zero", "a character device"},
                        Case{directory, "a directory"}, Case{socket_path, "a socket"}}) {
    absl::StatusOr<OpenFile> file = OpenFile::Open(c.location);
    EXPECT_EQ(file.status().code(), absl::StatusCode::kInvalidArgument) << c.location;
    EXPECT_THAT(std::string(file.status().message()),
                HasSubstr(absl::StrCat(c.location, ": is not a regular file (", c.kind, ")")));
    auto connector = Create({{"location", c.location}, {"format", "csv"}});
    ASSERT_TRUE(connector.ok()) << connector.status();
    absl::Status started = (*connector)->Start("");
    EXPECT_EQ(started.code(), absl::StatusCode::kInvalidArgument) << c.location;
    EXPECT_THAT(std::string(started.message()), HasSubstr("is not a regular file")) << c.location;
  }
  close(sock);
  EXPECT_EQ(OpenFile::Open((dir_ / "absent.csv").string()).status().code(),
            absl::StatusCode::kNotFound);
}

// A file replaced between the digest and the reading was stored under the old file's digest and
// never corrected. The replacement now happens in the window itself (the hook runs right after
// the digest): the rows read are the hashed content's, and the next run sees the new content.
TEST_F(FileConnectorInputTest, FileReplacedAfterTheDigestIsReadAsHashed) {
  const std::string before = "id,type,subject\n1,incident,before\n";
  const std::string after = "id,type,subject\n1,incident,after\n2,incident,after too\n";
  const std::string path = Write("t.csv", before);
  const std::string replacement = Write("new.csv", after);
  int calls = 0;
  hooks_.after_digest = [&](const std::string& location) {
    EXPECT_EQ(location, path);
    if (calls++ == 0) std::filesystem::rename(replacement, path);
  };
  auto connector = Create({{"location", path}});
  ASSERT_TRUE(connector.ok()) << connector.status();
  std::string cursor;
  auto titles = Titles(**connector, "", &cursor);
  ASSERT_TRUE(titles.ok()) << titles.status();
  EXPECT_THAT(*titles, testing::ElementsAre("before"));
  EXPECT_THAT(cursor, HasSubstr(absl::StrCat("sha256=", Sha256Of(before), ";")));
  auto next = Titles(**connector, cursor);
  ASSERT_TRUE(next.ok()) << next.status();
  EXPECT_THAT(*next, testing::ElementsAre("after", "after too"));
}

// The same at the reader level: a descriptor opened before the rename reads, and digests, the old
// content.
TEST_F(FileConnectorInputTest, ReadersReadTheOpenedFileNotThePath) {
  const std::string before = "id,subject\n1,before\n";
  const std::string path = Write("t.csv", before);
  absl::StatusOr<OpenFile> file = OpenFile::Open(path);
  ASSERT_TRUE(file.ok()) << file.status();
  std::filesystem::rename(Write("new.csv", "id,subject\n1,after\n"), path);
  absl::StatusOr<FileDigest> digest = DigestFile(*file);
  ASSERT_TRUE(digest.ok()) << digest.status();
  EXPECT_EQ(digest->sha256, Sha256Of(before));
  auto rows = OpenCsvRows(*std::move(file), "utf-8", 1 << 20);
  ASSERT_TRUE(rows.ok()) << rows.status();
  auto row = (*rows)->Next();
  ASSERT_TRUE(row.ok() && row->has_value()) << row.status();
  EXPECT_EQ((*row)->fields[1].value, "before");
}

// Clients could raise max_record_bytes through import options, and -1 wrapped to unlimited.
TEST_F(FileConnectorInputTest, MaxRecordBytesIsBounded) {
  const std::string path = Write("t.csv", "id,type,subject\n1,incident,s\n");
  struct Case {
    const char* value;
    bool ok;
  };
  for (const Case& c : {Case{"-1", false}, Case{"0", false}, Case{"67108865", false},
                        Case{"18446744073709551615", false}, Case{"1e6", false}, Case{"", false},
                        Case{"lots", false}, Case{"1", true}, Case{"67108864", true}}) {
    auto connector = Create({{"location", path}, {"max_record_bytes", c.value}});
    if (c.ok) {
      EXPECT_TRUE(connector.ok()) << c.value << ": " << connector.status();
      continue;
    }
    EXPECT_EQ(connector.status().code(), absl::StatusCode::kInvalidArgument) << c.value;
    EXPECT_THAT(std::string(connector.status().message()),
                HasSubstr(absl::StrCat("max_record_bytes: expected whole number (1–67108864), got '", c.value, "'")));
  }
}

// encoding: auto decoded any file that was not UTF-8 as CP932, so Latin-1 was stored as mojibake.
TEST_F(FileConnectorInputTest, EncodingAutoTakesShiftJisOnlyForJapaneseText) {
  // "Café, Müller" and "Crème brûlée" in Latin-1; in the second every accented letter is followed
  // by a byte that CP932 accepts as a trail byte, so only the kind of characters tells it from
  // Japanese.
  const std::string latin1 = Write("latin1.csv",
                                   "id,type,subject\n1,incident,\"Caf\xE9, M\xFCller\"\n"
                                   "2,incident,Cr\xE8me br\xFBl\xE9" "e\n");
  const std::string tricky = Write("tricky.csv", "id,type,subject\n1,incident,Cr\xE8me br\xFBl\xE9" "e\n");
  for (const std::string& path : {latin1, tricky}) {
    auto connector = Create({{"location", path}});
    ASSERT_TRUE(connector.ok());
    auto titles = Titles(**connector, "");
    EXPECT_EQ(titles.status().code(), absl::StatusCode::kInvalidArgument) << path;
    EXPECT_THAT(std::string(titles.status().message()),
                HasSubstr("neither UTF-8 nor Japanese Shift_JIS text; set encoding: windows-1252"));
  }
  for (const char* name : {"latin-1", "windows-1252", "Latin1"}) {
    auto connector = Create({{"location", latin1}, {"encoding", name}});
    ASSERT_TRUE(connector.ok());
    auto titles = Titles(**connector, "");
    ASSERT_TRUE(titles.ok()) << name << ": " << titles.status();
    EXPECT_THAT(*titles, testing::ElementsAre("Café, Müller", "Crème brûlée")) << name;
  }
  const std::string japanese = Write("sjis.csv", Cp932("id,type,subject\n1,incident,ｻｰﾊﾞｰ停止、復旧は未定\n"
                                                       "2,incident,済\n"));
  auto connector = Create({{"location", japanese}});
  ASSERT_TRUE(connector.ok());
  auto titles = Titles(**connector, "");
  ASSERT_TRUE(titles.ok()) << titles.status();
  EXPECT_THAT(*titles, testing::ElementsAre("ｻｰﾊﾞｰ停止、復旧は未定", "済"));
}

TEST(Cp932SnifferTest, JapaneseRunsAndLatinLetters) {
  struct Case {
    const char* name;
    std::string bytes;
    bool japanese;
  };
  const std::vector<Case> cases = {
      {"kanji words", Cp932("番号,状態\n1,対応中\n"), true},
      {"half-width katakana", "\xBB\xB0\xCA\xDE\xB0", true},
      {"ascii only", "id,name\n", false},
      {"latin-1 before comma", "Caf\xE9,x", false},
      {"latin-1 letters between ascii", "Cr\xE8me br\xFBl\xE9" "e", false},
      {"lead byte at the end", Cp932("対応") + "\x82", false},
      {"0xFF", Cp932("対応") + "\xFF", false},
      {"single kanji among words", Cp932("状態,済,対応中"), true},
      {"latin-1 capitals as lone half-width katakana", "\xC9" "COLE \xC0 PARIS", false},
      {"cp1252 quotes", "\x93Hello\x94 world", false},
      {"level-2 kanji among common ones", Cp932("対応中の蔽"), true},
      // Long ASCII runs (read eight bytes at a time when whole) around what decides.
      {"kanji after a long ascii header", "number,short_description,state\n" + Cp932("対応中"), true},
      {"katakana run ended by long ascii", "\xBB\xB0\xCA\xDE\xB0" + std::string(20, 'a'), true},
      {"lone katakana-range byte inside long ascii", std::string(16, 'a') + "\xC9" + std::string(16, 'b'), false},
      {"kanji whose trail byte is ascii, in long ascii", std::string(16, 'a') + Cp932("表示") + std::string(16, 'b'), true},
      {"invalid byte after long ascii", std::string(24, 'a') + "\xFF" + Cp932("対応中"), false},
  };
  for (const Case& c : cases) {
    Cp932Sniffer whole, split;
    whole.Update(c.bytes);
    for (char byte : c.bytes) split.Update(absl::string_view(&byte, 1));  // pieces of any size
    EXPECT_EQ(whole.LooksJapanese(), c.japanese) << c.name;
    EXPECT_EQ(split.LooksJapanese(), c.japanese) << c.name;
  }
}

}  // namespace
}  // namespace crosswalk::files
