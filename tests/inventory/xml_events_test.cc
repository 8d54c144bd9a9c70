// The inventory formats' XML reader: namespaces stripped to local names, positions, and no DTDs.
#include "connectors/inventory/xml_events.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/status_matchers.h"

namespace crosswalk::inventory {
namespace {

using ::testing::HasSubstr;

TEST(XmlEventsTest, LocalNamesNamespacesAttributesTextAndPositions) {
  std::vector<std::string> seen;
  XmlHandlers handlers;
  handlers.on_start = [&](const XmlStart& start) {
    seen.push_back(absl::StrCat("<", start.name, " ns=", start.ns, " name=", start.Attribute("name"), " @", start.line, ":",
                                start.column));
  };
  handlers.on_end = [&](absl::string_view name) { seen.push_back(absl::StrCat("</", name)); };
  handlers.on_text = [&](absl::string_view text) {
    if (!absl::StripAsciiWhitespace(text).empty()) seen.push_back(absl::StrCat("'", text, "'"));
  };
  ASSERT_THAT(ParseXml("<s:A xmlns:s=\"urn:x\">\n  <s:B name=\"n&amp;m\">t</s:B></s:A>", "f.xml", handlers), IsOk());
  EXPECT_THAT(seen, ::testing::ElementsAre("<A ns=urn:x name= @1:1", "<B ns=urn:x name=n&m @2:3", "'t'", "</B", "</A"));
}

TEST(XmlEventsTest, ADoctypeIsRefusedSoNoEntityIsExpanded) {
  const std::string bomb =
      "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>\n<r>&b;</r>";
  EXPECT_THAT(ParseXml(bomb, "bomb.xml", {}), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("bomb.xml:2:")));
  EXPECT_THAT(ParseXml(bomb, "bomb.xml", {}), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("DOCTYPE is not allowed")));
}

TEST(XmlEventsTest, MalformedXmlNamesFileLineAndColumn) {
  EXPECT_THAT(ParseXml("<a>\n<b></a>", "broken.ocs", {}),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("broken.ocs:2:")));
  EXPECT_THAT(ParseXml("", "empty.ocs", {}), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("empty.ocs:")));
}

TEST(XmlEventsTest, AHandlerCanStopTheParseWithItsOwnError) {
  std::function<void(absl::Status)> fail;
  XmlHandlers handlers;
  int starts = 0;
  handlers.on_start = [&](const XmlStart&) {
    if (++starts == 2) fail(absl::InvalidArgumentError("second element refused"));
  };
  EXPECT_THAT(ParseXml("<a><b/><c/></a>", "f", handlers, &fail), StatusIs(absl::StatusCode::kInvalidArgument, "second element refused"));
  EXPECT_EQ(starts, 2);
}

}  // namespace
}  // namespace crosswalk::inventory
