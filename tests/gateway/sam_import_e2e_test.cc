// SAM sources through imports (issue 13 Deliver 1 and 2): an entitlement register with Japanese
// headers imported with the `entitlements` preset, and an agent inventory imported with the
// `ocs-xml` preset, through the real crosswalkd and CLI.
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/gateway/gateway_fixture.h"

namespace crosswalk {
namespace {

using ::testing::HasSubstr;

class SamImportTest : public GatewayTest {};

TEST_F(SamImportTest, EntitlementsAndAnInventoryImportWithTheirPresets) {
  WriteFile("crosswalkd.yaml", absl::StrCat("listen: 127.0.0.1:0\nstore: ", Path("sam.db"), "\n"));
  Start();
  const ProcessResult presets = Cli({"presets"});
  ASSERT_EQ(presets.exit_code, 0) << presets.err;
  EXPECT_THAT(presets.out, HasSubstr("entitlements"));
  EXPECT_THAT(presets.out, HasSubstr("ocs-xml"));
  EXPECT_THAT(presets.out, HasSubstr("cyclonedx"));

  const ProcessResult entitlements =
      Cli({"import", "--preset", "entitlements", CROSSWALK_EXAMPLES "/sam/ライセンス台帳.csv"});
  ASSERT_EQ(entitlements.exit_code, 0) << entitlements.err;
  EXPECT_THAT(entitlements.err, HasSubstr("done (4 new, 0 changed, 0 unchanged)"));
  const ProcessResult rows = Cli({"records", "--kind", "licence-entitlement", "--format", "json"});
  ASSERT_EQ(rows.exit_code, 0) << rows.err;
  EXPECT_THAT(rows.out, HasSubstr("\"native_id\": \"LIC-0002\""));
  EXPECT_THAT(rows.out, HasSubstr("\"title\": \"Microsoft SQL Server Standard\""));
  EXPECT_THAT(rows.out, HasSubstr("metric=コア"));
  EXPECT_THAT(rows.out, HasSubstr("quantity=16"));
  EXPECT_THAT(rows.out, HasSubstr("allocated_to=SRV-DB01"));
  EXPECT_THAT(rows.out, HasSubstr("valid_to=2025-01-14"));
  EXPECT_THAT(rows.out, HasSubstr("downgrade_rights=true"));
  EXPECT_THAT(rows.out, HasSubstr("\"effective\": \"2023-04-01\""));  // valid from: the date the evidence speaks of

  const ProcessResult inventory =
      Cli({"import", "--preset", "ocs-xml", CROSSWALK_TEST_FIXTURES "/inventory/agents/ocs-2.10-debian12.ocs"});
  ASSERT_EQ(inventory.exit_code, 0) << inventory.err;
  EXPECT_THAT(inventory.err, HasSubstr("done (6 new, 0 changed, 0 unchanged)"));
  const ProcessResult installs = Cli({"records", "--kind", "software-installation", "--format", "csv"});
  EXPECT_THAT(installs.out, HasSubstr("install/vm-2026-11-22-12-13-03/alsa-ucm-conf/1.2.8-1/all"));
  // An entitlement file given the inventory preset is refused naming the file and what was expected.
  const ProcessResult wrong = Cli({"import", "--preset", "ocs-xml", CROSSWALK_EXAMPLES "/sam/ライセンス台帳.csv"});
  EXPECT_NE(wrong.exit_code, 0);
  EXPECT_THAT(wrong.err, HasSubstr("ライセンス台帳.csv:1:1: not well-formed XML"));
}

}  // namespace
}  // namespace crosswalk
