// Oracle's processor core factors as data (mappings/rules/core-factors.csv): the repository's
// table, the factor a processor model gets in the licence position, and a broken table refused
// at file:line:column.
#include "gateway/sam/core_factors.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "absl/strings/str_cat.h"
#include "gateway/sam/licence_position.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/status_matchers.h"

namespace crosswalk::sam {
namespace {

using ::testing::HasSubstr;

TEST(CoreFactorsTest, TheRepositoryTableGivesX86HalfAndADefault) {
  auto table = LoadCoreFactors(CROSSWALK_SOURCE_MAPPINGS_DIR);
  ASSERT_THAT(table, IsOk());
  EXPECT_EQ(table->default_factor, 0.5);
  ASSERT_GE(table->factors.size(), 2u);
  // 2 processors of 12 cores, an Intel Xeon: 24 × 0.5 = 12 processor licences.
  LicensedDevice db{"db1", "db1", 2, 24, false, "Intel(R) Xeon(R) Gold 6338"};
  LicensedInstall oracle{"i1", "db1", "", "Oracle", "Database", "19c", "enterprise"};
  Entitlement licence;
  licence.id = "ORA-1";
  licence.publisher = "Oracle";
  licence.product = "Database";
  licence.metric = Metric::kProcessor;
  licence.quantity = 12;
  PositionOptions options;
  options.core_factors = table->factors;
  options.default_core_factor = table->default_factor;
  const LicencePosition position = ComputePosition({db}, {oracle}, {licence}, options);
  ASSERT_EQ(position.demands.size(), 1u);
  EXPECT_EQ(position.demands[0].required, 12);
  EXPECT_EQ(position.products[0].position, 0);
}

class CoreFactorsFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / absl::StrCat("core-factors-", ::getpid());
    std::filesystem::create_directories(dir_ / "rules");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  absl::StatusOr<CoreFactorTable> Load(const std::string& rows) {
    std::ofstream(dir_ / "rules" / "core-factors.csv") << "id,pattern,factor,source,note\n" << rows;
    return LoadCoreFactors(dir_.string());
  }
  std::filesystem::path dir_;
};

TEST_F(CoreFactorsFileTest, ABrokenTableIsRefusedAtItsPlace) {
  EXPECT_THAT(Load("a,sparc,0,,\n"), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("core-factors.csv:2:")));
  EXPECT_THAT(Load("a,sparc,half,,\n"), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("greater than 0 and at most 4")));
  EXPECT_THAT(Load("a,sparc,0.25,,\na,power,1,,\n"), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("repeated id")));
  EXPECT_THAT(Load("a,*,0.5,,\nb,*,1,,\n"), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("a second default")));
  EXPECT_THAT(Load("a,,0.5,,\n"), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("processor model text is missing")));
  auto good = Load("a,sparc,0.25,,\nb,*,1,,\n");
  ASSERT_THAT(good, IsOk());
  EXPECT_EQ(good->default_factor, 1);
  ASSERT_EQ(good->factors.size(), 1u);
  EXPECT_EQ(good->factors[0].first, "sparc");
}

}  // namespace
}  // namespace crosswalk::sam
