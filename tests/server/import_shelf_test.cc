// The import shelf: names that cannot escape or collide, definitions that cannot point elsewhere,
// unreadable definitions quarantined, the earlier flat layout moved over without its attack.
#include "gateway/server/import_shelf.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace crosswalk::server {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

class ImportShelfTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           absl::StrCat("shelf-", ::getpid(), "-", ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override {
    if (!HasFailure()) fs::remove_all(dir_);
  }
  static void Write(const fs::path& path, const std::string& text) {
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
  }
  static std::string Read(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }
  std::unique_ptr<ImportShelf> Open(std::vector<std::string>* warnings) {
    auto shelf = ImportShelf::Open(dir_.string(), warnings);
    EXPECT_TRUE(shelf.ok()) << shelf.status();
    return shelf.ok() ? std::move(*shelf) : nullptr;
  }
  void KeepFile(ImportShelf& shelf, const std::string& name, const std::string& data,
                std::map<std::string, std::string> options = {}) {
    auto staged = shelf.Stage();
    ASSERT_TRUE(staged.ok()) << staged.status();
    ASSERT_TRUE((*staged)->Append(data).ok());
    ASSERT_TRUE(shelf.Keep({name, "generic-ticket", options}, std::move(*staged)).ok());
  }
  std::vector<std::string> Quarantined() const {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir_ / "quarantine")) names.push_back(entry.path().filename().string());
    return names;
  }

  fs::path dir_;
};

TEST(ImportNameTest, OnlyPlainFileNamesAreAccepted) {
  struct Case {
    std::string name;
    bool ok;
  } cases[] = {
      {"tickets.csv", true},
      {"チケット一覧 (2024).xlsx", true},
      {"x.source.json", true},
      {"", false},
      {"../secrets.csv", false},
      {"a/b.csv", false},
      {"a\\b.csv", false},
      {".hidden.csv", false},
      {std::string("a\0b.csv", 7), false},
      {"a\nb.csv", false},
      {"a\x1b[2Jb.csv", false},
      {"\xff\xfe.csv", false},
      {std::string(201, 'a'), false},
      {std::string(200, 'a'), true},
      {std::string(83, '$'), true},    // 249 bytes escaped
      {std::string(84, '$'), false},   // 252 bytes escaped: with ".json" past NAME_MAX (found by fuzzing)
  };
  for (const Case& c : cases) {
    EXPECT_EQ(CheckImportName(c.name).ok(), c.ok) << absl::CHexEscape(c.name);
  }
}

TEST(ImportNameTest, EscapingIsOneToOneAndLeavesNoSeparator) {
  const std::vector<std::string> names = {"a%2F.csv", "a:b.csv", "a?b.csv", "a%3Fb.csv", "a b.csv", "表.csv", "a#b.csv"};
  std::set<std::string> escaped;
  for (const std::string& name : names) {
    const std::string on_disk = EscapeImportName(name);
    EXPECT_EQ(on_disk.find('/'), std::string::npos);
    EXPECT_NE(on_disk[0], '.');
    escaped.insert(on_disk);
  }
  EXPECT_THAT(escaped, SizeIs(names.size()));
  EXPECT_EQ(EscapeImportName("表.csv"), "表.csv");
  EXPECT_EQ(EscapeImportName("a%2F.csv"), "a%252F.csv");
}

// The original attack: an import named like a definition ("x.source.json") whose bytes define a
// source reading a secrets file. Kept under files/, it is data; reopened, it defines nothing.
TEST_F(ImportShelfTest, AnImportNamedLikeADefinitionStaysData) {
  std::vector<std::string> warnings;
  auto shelf = Open(&warnings);
  KeepFile(*shelf, "x.source.json",
           R"({"name": "evil", "options": {"location": "/etc/shadow", "preset": "generic-ticket"}})");
  shelf.reset();
  shelf = Open(&warnings);
  const std::vector<ImportEntry> entries = shelf->Entries();
  ASSERT_THAT(entries, SizeIs(1));
  EXPECT_EQ(entries[0].file_name, "x.source.json");
  EXPECT_EQ(entries[0].options.count("location"), 0u);
  EXPECT_EQ(shelf->FilePath("x.source.json"), (dir_ / "files" / "x.source.json").string());
  EXPECT_THAT(warnings, IsEmpty());
}

TEST_F(ImportShelfTest, KeptImportsSurviveReopenAndReplaceTheirNamesake) {
  std::vector<std::string> warnings;
  auto shelf = Open(&warnings);
  KeepFile(*shelf, "a.csv", "old", {{"encoding", "shift_jis"}});
  KeepFile(*shelf, "a.csv", "new", {{"encoding", "utf-8"}});
  KeepFile(*shelf, "b.csv", "b");
  shelf = Open(&warnings);
  const std::vector<ImportEntry> entries = shelf->Entries();
  ASSERT_THAT(entries, SizeIs(2));
  EXPECT_EQ(entries[0].file_name, "a.csv");
  EXPECT_EQ(entries[0].options.at("encoding"), "utf-8");
  EXPECT_EQ(Read(shelf->FilePath("a.csv")), "new");
  EXPECT_THAT(warnings, IsEmpty());
}

TEST_F(ImportShelfTest, AStagedFileNotKeptLeavesNothing) {
  std::vector<std::string> warnings;
  auto shelf = Open(&warnings);
  KeepFile(*shelf, "a.csv", "kept");
  {
    auto staged = shelf->Stage();
    ASSERT_TRUE(staged.ok());
    ASSERT_TRUE((*staged)->Append("truncated").ok());
  }  // dropped, as when the client's stream is cancelled
  EXPECT_THAT(std::vector<fs::path>(fs::directory_iterator(dir_ / "staging"), {}), IsEmpty());
  EXPECT_EQ(Read(shelf->FilePath("a.csv")), "kept");
  // A staged file left by a crash is removed at the next open.
  Write(dir_ / "staging" / "123-1.part", "left over");
  shelf = Open(&warnings);
  EXPECT_THAT(std::vector<fs::path>(fs::directory_iterator(dir_ / "staging"), {}), IsEmpty());
}

// Definitions that cannot be used (a 0-byte one after a full disk, one that is not JSON, one that
// names another file or sets a location) are moved aside with a warning; the shelf still opens.
TEST_F(ImportShelfTest, UnreadableDefinitionsAreQuarantinedNotFatal) {
  std::vector<std::string> warnings;
  auto shelf = Open(&warnings);
  KeepFile(*shelf, "good.csv", "x");
  shelf.reset();
  Write(dir_ / "sources" / "empty.csv.json", "");
  Write(dir_ / "sources" / "garbage.csv.json", "\x01\x02 not json");
  Write(dir_ / "sources" / "other.csv.json", R"({"file_name": "good.csv", "preset": "p", "options": {}})");
  Write(dir_ / "sources" / "located.csv.json",
        R"({"file_name": "located.csv", "preset": "p", "options": {"location": "/etc/shadow"}})");
  Write(dir_ / "sources" / "half.csv.json.tmp", "{");
  shelf = Open(&warnings);
  ASSERT_THAT(shelf->Entries(), SizeIs(1));
  EXPECT_EQ(shelf->Entries()[0].file_name, "good.csv");
  ASSERT_THAT(warnings, SizeIs(4));
  EXPECT_THAT(warnings[0] + warnings[1] + warnings[2] + warnings[3], HasSubstr("is empty"));
  EXPECT_THAT(Quarantined(), SizeIs(4));
  EXPECT_FALSE(fs::exists(dir_ / "sources" / "half.csv.json.tmp"));
}

// A store from an earlier version: <dir>/<name> beside <dir>/<name>.source.json. Its own imports
// move over; the attack's definition (the bytes of an import named x.source.json) is data and
// stays data; a definition whose location is elsewhere is quarantined.
TEST_F(ImportShelfTest, TheEarlierFlatLayoutMovesOverWithoutItsAttack) {
  const std::string d = dir_.string();
  Write(dir_ / "tickets.csv", "id,title\n1,a\n");
  Write(dir_ / "tickets.csv.source.json",
        absl::StrCat(R"({"name": "import:tickets.csv", "options": {"location": ")", d,
                     R"(/tickets.csv", "preset": "generic-ticket", "encoding": "utf-8"}})"));
  Write(dir_ / "x.source.json",
        R"({"name": "import:secrets", "options": {"location": "/etc/shadow", "preset": "generic-ticket"}})");
  Write(dir_ / "x.source.json.source.json",
        absl::StrCat(R"({"name": "import:x.source.json", "options": {"location": ")", d,
                     R"(/x.source.json", "preset": "generic-ticket"}})"));
  Write(dir_ / "planted.source.json",
        R"({"name": "import:planted", "options": {"location": "/etc/shadow", "preset": "generic-ticket"}})");
  std::vector<std::string> warnings;
  auto shelf = Open(&warnings);
  std::vector<std::string> names;
  for (const ImportEntry& entry : shelf->Entries()) names.push_back(entry.file_name);
  EXPECT_THAT(names, ElementsAre("tickets.csv", "x.source.json"));
  EXPECT_EQ(shelf->Entries()[0].preset, "generic-ticket");
  EXPECT_EQ(shelf->Entries()[0].options.at("encoding"), "utf-8");
  EXPECT_EQ(Read(shelf->FilePath("tickets.csv")), "id,title\n1,a\n");
  EXPECT_THAT(Read(shelf->FilePath("x.source.json")), HasSubstr("/etc/shadow"));  // kept as data
  ASSERT_THAT(warnings, SizeIs(1));
  EXPECT_THAT(warnings[0], HasSubstr("planted.source.json"));
  EXPECT_THAT(Quarantined(), SizeIs(1));
}

// An earlier import literally named "files" (or "sources", …) would have kept the shelf from
// making its directory, and crosswalkd from starting.
TEST_F(ImportShelfTest, AnEarlierImportNamedLikeADirectoryIsSetAside) {
  const std::string d = dir_.string();
  Write(dir_ / "files", "id,title\n1,a\n");
  Write(dir_ / "files.source.json", absl::StrCat(R"({"name": "import:files", "options": {"location": ")", d,
                                                 R"(/files", "preset": "generic-ticket"}})"));
  std::vector<std::string> warnings;
  auto shelf = Open(&warnings);
  ASSERT_NE(shelf, nullptr);
  EXPECT_TRUE(fs::is_directory(dir_ / "files"));
  ASSERT_THAT(warnings, SizeIs(2));
  EXPECT_THAT(warnings[0], HasSubstr("the file files was in the way of the directory files"));
  EXPECT_THAT(warnings[1], HasSubstr("files.source.json"));
}

}  // namespace
}  // namespace crosswalk::server
