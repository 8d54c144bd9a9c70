#include "connectors/json_values.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace crosswalk {
namespace {

using json = nlohmann::json;

TEST(JsonValuesTest, DisplayTextReadsReferencesListsAndScalars) {
  EXPECT_EQ(JsonDisplayText(json(nullptr), {"name"}), "");
  EXPECT_EQ(JsonDisplayText(json("障害"), {"name"}), "障害");
  EXPECT_EQ(JsonDisplayText(json(42), {"name"}), "42");
  EXPECT_EQ(JsonDisplayText(json::parse(R"({"id":7,"name":"Admin"})"), {"name", "id"}), "Admin");
  EXPECT_EQ(JsonDisplayText(json::parse(R"({"id":7})"), {"name", "id"}), "7");
  // The first key that names a scalar wins; an object under a key does not.
  EXPECT_EQ(JsonDisplayText(json::parse(R"({"Name":{"x":1},"id":"9"})"), {"Name", "id"}), "9");
  EXPECT_EQ(JsonDisplayText(json::parse(R"({"other":1})"), {"name"}), R"({"other":1})");
  EXPECT_EQ(JsonDisplayText(json::parse(R"([{"name":"a"},"",null,"b"])"), {"name"}), "a, b");
}

TEST(JsonValuesTest, CountTakesIntegersAndDecimalTextOnly) {
  const json body = json::parse(R"({"total":12,"text":"34","bad":"3x","float":1.5,"none":null})");
  EXPECT_EQ(JsonCount(body, "total"), 12);
  EXPECT_EQ(JsonCount(body, "text"), 34);
  EXPECT_EQ(JsonCount(body, "bad"), std::nullopt);
  EXPECT_EQ(JsonCount(body, "float"), std::nullopt);
  EXPECT_EQ(JsonCount(body, "none"), std::nullopt);
  EXPECT_EQ(JsonCount(body, "absent"), std::nullopt);
  EXPECT_EQ(JsonCount(json::array(), "total"), std::nullopt);
}

TEST(JsonValuesTest, ItemErrorsNameThePageItemAndId) {
  EXPECT_EQ(PageItemError("RT search page", 2, "41", "'id' is not a positive integer").ToString(),
            "INVALID_ARGUMENT: RT search page, item 3 (id 41): 'id' is not a positive integer");
  EXPECT_EQ(PageItemError("Redmine issues page", 0, "", "not a JSON object").message(),
            "Redmine issues page, item 1: not a JSON object");
}

}  // namespace
}  // namespace crosswalk
