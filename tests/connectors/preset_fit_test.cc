// The preset fit (preset_fit.h): which preset a header row fits, and when another fits much better.
#include "connectors/files/preset_fit.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace crosswalk::files {
namespace {

using ::testing::Eq;
using ::testing::HasSubstr;
using ::testing::Optional;

class PresetFitTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto presets = PresetSet::Load(CROSSWALK_SOURCE_MAPPINGS_DIR);
    ASSERT_TRUE(presets.ok()) << presets.status();
    presets_ = std::move(*presets);
  }
  const Preset& Named(const std::string& name) { return *presets_->Find(name); }
  std::unique_ptr<PresetSet> presets_;
};

// A ServiceNow incident export, as the incident table's CSV export writes its header.
const std::vector<std::string> kIncidentHeader = {
    "number", "short_description", "state", "priority", "impact", "urgency", "category", "opened_at",
    "sys_updated_on", "resolved_at", "closed_at", "close_notes", "close_code", "assignment_group",
    "assigned_to", "cmdb_ci", "business_service", "problem_id", "made_sla"};

TEST_F(PresetFitTest, CountsTheColumnsEachPresetClaims) {
  const PresetFit incident = FitOf(Named("servicenow-incident"), kIncidentHeader);
  EXPECT_EQ(incident.columns, 19);
  EXPECT_EQ(incident.claimed, 19);
  EXPECT_TRUE(incident.required_present);
  // The change preset shares number, state, priority, dates, close_code, cmdb_ci, service...
  const PresetFit change = FitOf(Named("servicenow-change"), kIncidentHeader);
  EXPECT_EQ(change.claimed, 12);
  EXPECT_TRUE(change.required_present);
  // Header spellings are matched as the binding matches them (case, spaces, punctuation folded).
  EXPECT_EQ(FitOf(Named("servicenow-incident"), {"Number", "Short Description", ""}).claimed, 2);
  EXPECT_EQ(FitOf(Named("servicenow-incident"), {"Number", "Short Description", ""}).columns, 2);
  EXPECT_FALSE(FitOf(Named("isms-soa"), kIncidentHeader).required_present);
}

TEST_F(PresetFitTest, NamesThePresetThatFitsMuchBetter) {
  const PresetFit change = FitOf(Named("servicenow-change"), kIncidentHeader);
  EXPECT_THAT(PresetMismatch(*presets_, Named("servicenow-change"), change.claimed, kIncidentHeader),
              Optional(Eq("the headers fit preset servicenow-incident (19 of 19 columns) much better than "
                          "servicenow-change (12 of 19); check --preset")));
  // The right preset: no warning.
  EXPECT_EQ(PresetMismatch(*presets_, Named("servicenow-incident"), 19, kIncidentHeader), std::nullopt);
}

TEST_F(PresetFitTest, NeedsAllThreeConditions) {
  const std::vector<std::string> header = {"number", "short_description", "state", "priority",
                                           "category", "resolved_at", "assignment_group", "made_sla"};
  // incident claims all 8, leaving 0 unclaimed.
  // Given claims 5 (3 unclaimed): 8 ≥ 5 + 3 and 2 × 0 ≤ 3: warned.
  EXPECT_THAT(PresetMismatch(*presets_, Named("servicenow-change"), 5, header),
              Optional(HasSubstr("servicenow-incident (8 of 8 columns)")));
  // Given claims 6: only 2 more for the other preset, not 3: no warning.
  EXPECT_EQ(PresetMismatch(*presets_, Named("servicenow-change"), 6, header), std::nullopt);
  // A preset whose required role has no column is never proposed, however much it claims.
  const std::vector<std::string> no_number = {"short_description", "state", "priority", "category",
                                              "resolved_at", "assignment_group", "made_sla"};
  const std::optional<std::string> warning = PresetMismatch(*presets_, Named("servicenow-change"), 1, no_number);
  EXPECT_THAT(warning.value_or(""), ::testing::Not(HasSubstr("servicenow-incident")));
  // Half as many unclaimed is needed: 20 columns, the other claims 7 (13 unclaimed), the given 4
  // (16 unclaimed): 7 ≥ 4 + 3, but 2 × 13 > 16: no warning.
  std::vector<std::string> mixed = {"number", "short_description", "state", "priority", "category",
                                    "resolved_at", "assignment_group"};
  for (int i = 1; i <= 13; ++i) mixed.push_back("extra " + std::to_string(i));
  ASSERT_EQ(FitOf(Named("servicenow-incident"), mixed).claimed, 7);
  EXPECT_EQ(PresetMismatch(*presets_, Named("servicenow-change"), 4, mixed), std::nullopt);
}

}  // namespace
}  // namespace crosswalk::files
