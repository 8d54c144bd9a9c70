// The sources added through the API, kept in one JSON file beside the store: kept across a reopen,
// names unique, an unreadable file refused with its name and the entry at fault.
#include "gateway/server/source_shelf.h"

#include <filesystem>
#include <fstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace crosswalk::server {
namespace {

using ::testing::HasSubstr;

class SourceShelfTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = ::testing::TempDir() + "/shelf-" + ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".json";
    std::filesystem::remove(path_);
  }
  static SourceDefinition Rt(const std::string& name) {
    SourceDefinition source;
    source.config = {.name = name, .type = "rt", .options = {{"url", "https://rt"}, {"token_env", "CROSSWALK_SECRET_RT"}}};
    source.schedule = "15m";
    return source;
  }
  void Write(const std::string& text) { std::ofstream(path_, std::ios::binary | std::ios::trunc) << text; }
  std::string path_;
};

TEST_F(SourceShelfTest, AddedSourcesAreKeptAcrossAReopenInTheirOrder) {
  auto shelf = SourceShelf::Open(path_);
  ASSERT_TRUE(shelf.ok()) << shelf.status();
  EXPECT_TRUE((*shelf)->Entries().empty());
  ASSERT_TRUE((*shelf)->Add(Rt("b-desk")).ok());
  ASSERT_TRUE((*shelf)->Add(Rt("a-desk")).ok());
  EXPECT_EQ((*shelf)->Add(Rt("a-desk")).code(), absl::StatusCode::kAlreadyExists);
  EXPECT_FALSE(std::filesystem::exists(path_ + ".tmp"));

  auto reopened = SourceShelf::Open(path_);
  ASSERT_TRUE(reopened.ok()) << reopened.status();
  const std::vector<SourceDefinition> kept = (*reopened)->Entries();
  ASSERT_EQ(kept.size(), 2u);
  EXPECT_EQ(kept[0].config.name, "b-desk");
  EXPECT_EQ(kept[1].config.name, "a-desk");
  EXPECT_TRUE(kept[0].added);
  EXPECT_EQ(kept[0].schedule, "15m");
  EXPECT_EQ(kept[0].on_error, "reject");
  EXPECT_EQ(kept[0].config.options.at("token_env"), "CROSSWALK_SECRET_RT");

  ASSERT_TRUE((*reopened)->Remove("b-desk").ok());
  EXPECT_EQ((*reopened)->Remove("b-desk").code(), absl::StatusCode::kNotFound);
  auto third = SourceShelf::Open(path_);
  ASSERT_TRUE(third.ok());
  ASSERT_EQ((*third)->Entries().size(), 1u);
  EXPECT_EQ((*third)->Entries()[0].config.name, "a-desk");
}

TEST_F(SourceShelfTest, AnUnreadableFileIsRefusedNamingTheEntry) {
  const std::pair<std::string, std::string> cases[] = {
      {"", "not a JSON object"},
      {"{\"version\": 2, \"sources\": []}", "version is not 1"},
      {"{\"version\": 1, \"sources\": {}}", "sources is not a list"},
      {"{\"version\": 1, \"sources\": [{\"name\": \"x\", \"type\": \"rt\", \"schedule\": \"\", \"on_error\": \"reject\"}]}",
       "sources[0].options is missing"},
      {"{\"version\": 1, \"sources\": [{\"name\": \"x\", \"type\": \"rt\", \"schedule\": \"\", \"on_error\": \"reject\", "
       "\"options\": {\"url\": 5}}]}",
       "sources[0].options.url is not text"},
      {"{\"version\": 1, \"sources\": [7]}", "sources[0] is not an object"},
  };
  for (const auto& [text, error] : cases) {
    Write(text);
    auto shelf = SourceShelf::Open(path_);
    ASSERT_FALSE(shelf.ok()) << error;
    EXPECT_EQ(shelf.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(shelf.status().message(), HasSubstr(path_));
    EXPECT_THAT(shelf.status().message(), HasSubstr(error));
  }
}

// A write that cannot be made changes nothing: the shelf keeps what it had.
TEST_F(SourceShelfTest, AFailedWriteKeepsThePreviousSources) {
  const std::string dir = ::testing::TempDir() + "/shelf-readonly";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  auto shelf = SourceShelf::Open(dir + "/sources.json");
  ASSERT_TRUE(shelf.ok());
  ASSERT_TRUE((*shelf)->Add(Rt("kept")).ok());
  // The file's folder replaced by a file: the temporary cannot be created.
  std::filesystem::remove_all(dir);
  std::ofstream(dir) << "not a folder";
  EXPECT_FALSE((*shelf)->Add(Rt("lost")).ok());
  EXPECT_FALSE((*shelf)->Remove("kept").ok());
  ASSERT_EQ((*shelf)->Entries().size(), 1u);
  EXPECT_EQ((*shelf)->Entries()[0].config.name, "kept");
  std::filesystem::remove(dir);
}

}  // namespace
}  // namespace crosswalk::server
