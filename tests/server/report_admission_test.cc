#include "gateway/server/report_admission.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace crosswalk::server {
namespace {

using ::testing::HasSubstr;

TEST(ReportAdmissionTest, RendersShareTheBudgetAndReleaseIt) {
  ReportAdmission admission(100 << 20);
  auto first = admission.Admit(60 << 20, absl::ZeroDuration());
  ASSERT_TRUE(first.ok());
  auto second = admission.Admit(60 << 20, absl::ZeroDuration());
  ASSERT_EQ(second.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(second.status().message(), HasSubstr("1 report(s) are being rendered"));
  EXPECT_THAT(second.status().message(), HasSubstr("retry"));
  auto small = admission.Admit(40 << 20, absl::ZeroDuration());
  ASSERT_TRUE(small.ok());
  EXPECT_EQ(admission.in_use(), 100 << 20);
  { auto released = std::move(*first); }
  EXPECT_EQ(admission.in_use(), 40 << 20);
  EXPECT_TRUE(admission.Admit(60 << 20, absl::ZeroDuration()).ok());
  EXPECT_EQ(admission.in_use(), 40 << 20);  // the ticket above went at once
}

TEST(ReportAdmissionTest, ARenderLargerThanTheBudgetIsRefusedAtOnce) {
  ReportAdmission admission(64 << 20);
  auto refused = admission.Admit(65 << 20, absl::Hours(1));  // would hang for an hour if it waited
  ASSERT_EQ(refused.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(refused.status().message(), HasSubstr("limits.report_memory_bytes"));
}

TEST(ReportAdmissionTest, TheEstimateGrowsWithTheRecords) {
  EXPECT_LT(EstimateReportBytes(2000), int64_t{64} << 20);
  // Measured: 20 MB of growth at 1M incidents; the estimate allows three times that, plus the base.
  EXPECT_GT(EstimateReportBytes(1000000), int64_t{60} << 20);
  EXPECT_LT(EstimateReportBytes(1000000), int64_t{128} << 20);
}

}  // namespace
}  // namespace crosswalk::server
