#include "gateway/core/organisation_text.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/status_matchers.h"

namespace crosswalk {
namespace {

using ::testing::HasSubstr;

TEST(ParseIsoDateTest, AcceptsOnlyRealDatesWrittenYyyyMmDd) {
  EXPECT_THAT(ParseIsoDate("1970-01-02"), IsOkAndHolds(86400));
  EXPECT_THAT(ParseIsoDate("2024-02-29"), IsOkAndHolds(1709164800));
  for (const char* bad : {"", "2024-2-29", "2024/02/29", "2023-02-29", "2024-13-01", "2024-04-31", "0000-01-01",
                          "2024-02-29T00:00", "２０２４-０２-２９", "2024-02-2x"}) {
    SCOPED_TRACE(bad);
    EXPECT_THAT(ParseIsoDate(bad), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("YYYY-MM-DD")));
  }
}

TEST(VerdictTest, NamesRoundTripAndNothingElseParses) {
  for (auto verdict : {MappingDecision::Verdict::kConfirm, MappingDecision::Verdict::kReject, MappingDecision::Verdict::kAdd}) {
    EXPECT_THAT(ParseVerdict(VerdictName(verdict)), IsOkAndHolds(verdict));
  }
  EXPECT_THAT(ParseVerdict("Confirm"), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ParseVerdict(""), StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(AssessmentStatusTest, TheFiveCoverageStatuses) {
  for (const char* status : {"covered", "partial", "candidate", "nonconforming", "not-covered"}) {
    EXPECT_TRUE(IsAssessmentStatus(status)) << status;
  }
  EXPECT_FALSE(IsAssessmentStatus("unmapped"));
  EXPECT_FALSE(IsAssessmentStatus(""));
}

}  // namespace
}  // namespace crosswalk
