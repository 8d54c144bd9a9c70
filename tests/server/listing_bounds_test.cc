// Units of the gRPC edge's bounds: cutting text, listing records, page tokens, path redaction.
#include "gateway/server/listing_bounds.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "gateway/server/page_token.h"
#include "gateway/server/path_redactor.h"

namespace crosswalk::server {
namespace {

using ::testing::ElementsAre;

TEST(CutTextTest, CutsAtACharacterBoundaryAndMarksTheCut) {
  const struct {
    const char* name;
    std::string text;
    size_t max_bytes;
    std::string want;
    bool cut;
  } kCases[] = {
      {"short enough", "abc", 3, "abc", false},
      {"ascii", "abcdef", 5, "ab…", true},
      {"inside a 3-byte character", "ああああ", 8, "あ…", true},   // 3 + 3 would split the second
      {"on a character boundary", "ああああ", 9, "ああ…", true},
      {"budget under the marker", "abcdef", 2, "…", true},
  };
  for (const auto& c : kCases) {
    std::string text = c.text;
    EXPECT_EQ(CutText(text, c.max_bytes), c.cut) << c.name;
    EXPECT_EQ(text, c.want) << c.name;
    EXPECT_LE(text.size(), std::max<size_t>(c.max_bytes, 3)) << c.name;
  }
}

TEST(ListedRecordTest, CutsLongTextsAndThenLongLists) {
  StoredRecord stored;
  stored.record.title = std::string(100'000, 'x');
  stored.record.attributes.push_back({"note", "text", std::string(40'000, 'y')});
  for (int i = 0; i < 5000; ++i) stored.record.attributes.push_back({"k" + std::to_string(i), "text", std::string(100, 'z')});
  const v1::Record listed = ToListedProto(stored, 200'000);
  EXPECT_LE(listed.ByteSizeLong(), 200'000u);
  EXPECT_EQ(listed.title().size(), kListedFieldBytes);
  EXPECT_EQ(listed.attributes(0).value().size(), kListedFieldBytes);
  EXPECT_LT(listed.attributes_size(), 5001);
  EXPECT_GT(listed.attributes_size(), 1000);  // only as many dropped as needed
  EXPECT_THAT(listed.truncated(), ElementsAre("title", "attributes[note]", "attributes"));
  EXPECT_TRUE(ToListedProto(StoredRecord{}, 200'000).truncated().empty());
}

TEST(PageTokenTest, ATokenIsReadOnlyWithItsOwnFilter) {
  const std::string incidents = FilterKey({"records", "incident", ""});
  const std::string token = IssuePageToken(incidents, "42");
  EXPECT_EQ(*ReadPageToken(incidents, token), "42");
  EXPECT_EQ(*ReadPageToken(incidents, ""), "");
  EXPECT_EQ(IssuePageToken(incidents, ""), "");
  for (const std::string& other : {FilterKey({"records", "change", ""}), FilterKey({"records", "", "incident"}),
                                   FilterKey({"unmapped", "incident", ""})}) {
    EXPECT_EQ(ReadPageToken(other, token).status().code(), absl::StatusCode::kInvalidArgument) << other;
  }
  EXPECT_EQ(ReadPageToken(incidents, "42").status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(PathRedactorTest, KnownDirectoriesBecomePlaceholdersOthersTheirLastName) {
  const PathRedactor redactor({{"/srv/cw", "<config>"}, {"/srv/cw/data/", "<store>"}, {"relative", "<x>"}});
  const struct {
    const char* text;
    const char* want;
  } kCases[] = {
      {"/srv/cw/estate/a.csv: cannot open the file", "<config>/estate/a.csv: cannot open the file"},
      {"'/srv/cw/data/t.db': locked", "'<store>/t.db': locked"},  // the longer directory wins
      {"source x: /etc/secret/key.csv line 3, column 2", "source x: <dir>/key.csv line 3, column 2"},
      {"/srv/cwx/a.csv", "<dir>/a.csv"},  // not under /srv/cw
      {"(at /a/b/c.yaml:3:4)", "(at <dir>/c.yaml:3:4)"},
      {"1/2 and a/b and ' / '", "1/2 and a/b and ' / '"},  // no absolute paths
      {"relative/a.csv", "relative/a.csv"},
  };
  for (const auto& c : kCases) EXPECT_EQ(redactor.Redact(c.text), c.want) << c.text;
}

}  // namespace
}  // namespace crosswalk::server
