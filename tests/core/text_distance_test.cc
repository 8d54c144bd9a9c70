#include "gateway/core/text_distance.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace crosswalk {
namespace {

TEST(TextDistanceTest, EditDistance) {
  EXPECT_EQ(EditDistance("", "abc"), 3);
  EXPECT_EQ(EditDistance("iso20000-1:2011", "iso20000-1:2018"), 1);
  EXPECT_EQ(EditDistance("kitten", "sitting"), 3);
}

TEST(TextDistanceTest, NearestPutsClosestFirst) {
  const std::vector<std::string> ids = {"iso27001:2005", "iso20000-1:2011", "iso9001:2008"};
  EXPECT_EQ(Nearest("iso20000-1:2012", ids).front(), "iso20000-1:2011");
  EXPECT_THAT(Nearest("zzz", ids, 2), testing::SizeIs(1));
}

}  // namespace
}  // namespace crosswalk
