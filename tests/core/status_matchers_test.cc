#include "tests/status_matchers.h"

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace crosswalk {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// What gMock would print after "Expected:" and after "Actual: ... ," for `value`.
template <typename T, typename M>
std::string Explain(const M& matcher, const T& value) {
  ::testing::StringMatchResultListener listener;
  ::testing::Matcher<const T&>(matcher).MatchAndExplain(value, &listener);
  return listener.str();
}

TEST(StatusIsTest, MatchesCodeOfStatusAndStatusOr) {
  const absl::Status not_found = absl::NotFoundError("no record 's/9'");
  const absl::StatusOr<int> failed = absl::InvalidArgumentError("line 3: bad date");
  const absl::StatusOr<int> value = 7;

  EXPECT_THAT(not_found, StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(not_found, Not(StatusIs(absl::StatusCode::kInvalidArgument)));
  EXPECT_THAT(failed, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(failed, Not(StatusIs(absl::StatusCode::kNotFound)));
  EXPECT_THAT(value, StatusIs(absl::StatusCode::kOk));
  EXPECT_THAT(value, Not(StatusIs(absl::StatusCode::kInvalidArgument)));
  EXPECT_THAT(absl::OkStatus(), StatusIs(absl::StatusCode::kOk));
}

TEST(StatusIsTest, MatchesMessageWithStringOrMatcher) {
  const absl::StatusOr<int> failed = absl::InvalidArgumentError("line 3: bad date");

  EXPECT_THAT(failed, StatusIs(absl::StatusCode::kInvalidArgument, "line 3: bad date"));
  EXPECT_THAT(failed, Not(StatusIs(absl::StatusCode::kInvalidArgument, "line 3")));
  EXPECT_THAT(failed, StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("line 3")));
  EXPECT_THAT(failed, Not(StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("line 4"))));
  // The right message under the wrong code is still a mismatch.
  EXPECT_THAT(failed, Not(StatusIs(absl::StatusCode::kNotFound, HasSubstr("line 3"))));
}

TEST(StatusIsTest, DescribesExpectationAndActualStatus) {
  EXPECT_EQ(::testing::DescribeMatcher<absl::Status>(StatusIs(absl::StatusCode::kNotFound)),
            "has status code NOT_FOUND");
  EXPECT_EQ(::testing::DescribeMatcher<absl::Status>(
                StatusIs(absl::StatusCode::kNotFound, HasSubstr("s/9"))),
            "has status code NOT_FOUND and a message that has substring \"s/9\"");
  EXPECT_EQ(::testing::DescribeMatcher<absl::StatusOr<int>>(
                StatusIs(absl::StatusCode::kNotFound, HasSubstr("s/9")), /*negation=*/true),
            "has a status code other than NOT_FOUND or a message that has no substring \"s/9\"");

  EXPECT_EQ(Explain<absl::StatusOr<int>>(StatusIs(absl::StatusCode::kNotFound),
                                         absl::StatusOr<int>(absl::DataLossError("torn page"))),
            "whose status is DATA_LOSS: torn page");
  EXPECT_EQ(Explain<absl::Status>(StatusIs(absl::StatusCode::kNotFound), absl::OkStatus()),
            "whose status is OK");
}

TEST(IsOkTest, MatchesOnlyOk) {
  EXPECT_THAT(absl::OkStatus(), IsOk());
  EXPECT_THAT(absl::StatusOr<std::string>("x"), IsOk());
  EXPECT_THAT(absl::CancelledError("stop"), Not(IsOk()));
  EXPECT_THAT(absl::StatusOr<std::string>(absl::CancelledError("stop")), Not(IsOk()));

  EXPECT_EQ(::testing::DescribeMatcher<absl::Status>(IsOk()), "is OK");
  EXPECT_EQ(::testing::DescribeMatcher<absl::Status>(IsOk(), /*negation=*/true), "is not OK");
  EXPECT_EQ(Explain<absl::StatusOr<int>>(IsOk(), absl::StatusOr<int>(absl::CancelledError("stop"))),
            "whose status is CANCELLED: stop");
}

TEST(IsOkAndHoldsTest, MatchesOkValue) {
  const absl::StatusOr<int> seven = 7;
  EXPECT_THAT(seven, IsOkAndHolds(7));
  EXPECT_THAT(seven, IsOkAndHolds(::testing::Gt(6)));
  EXPECT_THAT(seven, Not(IsOkAndHolds(8)));
  EXPECT_THAT(absl::StatusOr<int>(absl::NotFoundError("gone")), Not(IsOkAndHolds(7)));

  EXPECT_EQ(::testing::DescribeMatcher<absl::StatusOr<int>>(IsOkAndHolds(7)),
            "is OK and has a value that is equal to 7");
  EXPECT_EQ(Explain<absl::StatusOr<int>>(IsOkAndHolds(8), seven), "whose value is 7");
  EXPECT_EQ(Explain<absl::StatusOr<int>>(IsOkAndHolds(7), absl::StatusOr<int>(absl::NotFoundError("gone"))),
            "whose status is NOT_FOUND: gone");
}

}  // namespace
}  // namespace crosswalk
