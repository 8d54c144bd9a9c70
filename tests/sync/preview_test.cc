// PreviewSource (gateway/sync/preview.h) in process with the fake connector: the whole source is
// read page by page and counted, the first records kept, bad records listed and judged as a sync
// would judge them under on_error reject and skip, an empty source called empty.
#include "gateway/sync/preview.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "gateway/normalize/rule_set.h"
#include "tests/sync/fake_connector.h"

namespace crosswalk {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Pair;

class PreviewSourceTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto rules = RuleSet::Load(CROSSWALK_SOURCE_MAPPINGS_DIR);
    ASSERT_TRUE(rules.ok()) << rules.status();
    rules_ = rules->release();
  }
  static void TearDownTestSuite() { delete rules_; }
  void SetUp() override {
    registry_.Register(testing_sync::FakeConnectorFactory(&source_));
    definition_.config = {"fake-source", "fake", {}};
  }
  PreviewResult Preview(int limit = 5) {
    ConnectorDeps deps;
    deps.clock = &clock_;
    auto result = PreviewSource(definition_, registry_, normalizer_, deps, PreviewOptions{limit}, kPage);
    EXPECT_TRUE(result.ok()) << result.status();
    return result.ok() ? *result : PreviewResult{};
  }

  static constexpr int kPage = 100;
  static const RuleSet* rules_;
  Normalizer normalizer_{rules_, [](const std::string&, const std::string&, bool, std::string*) {
                           return std::optional<std::string>();
                         }};
  testing_sync::FixedClock clock_;
  ConnectorRegistry registry_;
  testing_sync::FakeSource source_;
  SourceDefinition definition_;
};
const RuleSet* PreviewSourceTest::rules_ = nullptr;

TEST_F(PreviewSourceTest, CountsTheWholeSourceAndKeepsTheFirstRecords) {
  source_.records = 2500;  // 25 pages
  const PreviewResult preview = Preview(3);
  EXPECT_EQ(preview.outcome, "ok");
  EXPECT_EQ(preview.read, 2500);
  EXPECT_EQ(preview.bad, 0);
  EXPECT_THAT(preview.kinds, ElementsAre(Pair("incident", 2500)));
  ASSERT_EQ(preview.records.size(), 3u);
  EXPECT_EQ(preview.records[0].provenance.native_id, "r0");
  EXPECT_EQ(preview.records[2].title, "title 2");
  EXPECT_TRUE(preview.errors.empty());
}

TEST_F(PreviewSourceTest, ABadRecordFailsUnderRejectAndIsSkippedUnderSkip) {
  source_.records = 10;
  source_.bad_record = 4;
  PreviewResult reject = Preview();
  EXPECT_EQ(reject.outcome, "failed");
  EXPECT_EQ(reject.bad, 1);
  EXPECT_EQ(reject.read, 10);  // read on past the bad row
  ASSERT_EQ(reject.errors.size(), 1u);
  EXPECT_THAT(reject.errors[0], HasSubstr("2025-02-30"));
  EXPECT_THAT(reject.warnings, ElementsAre(HasSubstr("a sync would reject the file")));
  EXPECT_THAT(reject.kinds, ElementsAre(Pair("incident", 9)));

  definition_.on_error = "skip";
  PreviewResult skip = Preview();
  EXPECT_EQ(skip.outcome, "ok");
  EXPECT_THAT(skip.warnings, ElementsAre("1 bad rows a sync would skip (on_error: skip)"));
}

TEST_F(PreviewSourceTest, ErrorsAreListedUpToTheLimitAndCounted) {
  source_.records = 50;
  source_.all_bad = true;
  PreviewResult reject = Preview();
  EXPECT_EQ(reject.outcome, "failed");
  EXPECT_EQ(reject.bad, 50);
  ASSERT_EQ(reject.errors.size(), kListedErrors + 1);
  EXPECT_EQ(reject.errors.back(), "… 30 more bad rows");
  definition_.on_error = "skip";
  EXPECT_EQ(Preview().outcome, "empty");  // nothing would be stored
}

TEST_F(PreviewSourceTest, AnEmptySourceIsEmpty) {
  source_.records = 0;
  const PreviewResult preview = Preview();
  EXPECT_EQ(preview.outcome, "empty");
  EXPECT_THAT(preview.warnings, ElementsAre(kNoRecordsReadMessage));
}

}  // namespace
}  // namespace crosswalk
