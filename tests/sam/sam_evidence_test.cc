// SAM results as records (issue 13 Deliver 6) over a real SQLite store: what a position and an
// exception record say and link to; a refresh on a later day with the same figures writes
// nothing new; a position that changes is a new version; an exception that no longer holds is
// marked deleted.
#include "gateway/sam/sam_evidence.h"

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/sam/sam_store_fixture.h"
#include "tests/status_matchers.h"

namespace crosswalk::sam {
namespace {

using ::testing::Contains;
using ::testing::Field;
using ::testing::AllOf;

constexpr int64_t kDay1 = 1796601600;  // 2026-12-07
constexpr int64_t kDay2 = kDay1 + 86400;

SamReport Report(int64_t as_of, int64_t consumed) {
  SamReport report;
  report.as_of = as_of;
  ProductPosition p;
  p.publisher = "Adobe";
  p.product = "Acrobat";
  p.metric = Metric::kUser;
  p.owned = 25;
  p.consumed = consumed;
  p.shortfall = consumed > 25 ? consumed - 25 : 0;
  p.position = 25 - consumed;
  p.entitlements = {"LIC-0003"};
  report.position.products.push_back(p);
  report.entitlement_record["LIC-0003"] = "licences/LIC-0003";
  return report;
}

const SamException kNotInCmdb{"not-in-cmdb", "PC-002", "no CMDB CI has any of its identifiers: PC-002", "8.2.6",
                              {"agents/device/PC-002"}};

using SamEvidenceTest = SamStoreTest;

TEST_F(SamEvidenceTest, RecordsSayWhatTheyAreAndLinkTheirClausesAndRecords) {
  const std::vector<Record> records = EvidenceRecords(Report(kDay1, 30), {kNotInCmdb}, kDay1 + 3600);
  ASSERT_EQ(records.size(), 2u);
  const Record& position = records[0];
  EXPECT_EQ(position.kind, "licence-position");
  EXPECT_EQ(position.provenance.source, "sam");
  EXPECT_EQ(position.provenance.native_id, "position/Adobe/Acrobat");
  EXPECT_EQ(position.title, "Adobe Acrobat: under-licensed (user)");
  ASSERT_NE(position.FindAttribute("position"), nullptr);
  EXPECT_EQ(position.FindAttribute("position")->value, "-5");
  EXPECT_EQ(position.FindAttribute("position_status")->value, "under-licensed");
  EXPECT_EQ(position.effective, kDay1);
  EXPECT_EQ(position.provenance.location.rfind("derived: ", 0), 0u);
  EXPECT_THAT(position.links, Contains(AllOf(Field(&Link::relation, "clause"), Field(&Link::target, "iso19770-1:2017#license-management"))));
  EXPECT_THAT(position.links, Contains(AllOf(Field(&Link::relation, "related"), Field(&Link::target, "licences/LIC-0003"))));
  const Record& exception = records[1];
  EXPECT_EQ(exception.kind, "sam-exception");
  EXPECT_EQ(exception.provenance.native_id, "exception/not-in-cmdb/PC-002");
  EXPECT_THAT(exception.links, Contains(AllOf(Field(&Link::relation, "clause"), Field(&Link::target, "iso20000-1:2018#8.2.6"))));
  EXPECT_THAT(exception.links, Contains(AllOf(Field(&Link::relation, "clause"), Field(&Link::target, "iso19770-1:2017#data-management"))));
  EXPECT_THAT(exception.links, Contains(AllOf(Field(&Link::relation, "related"), Field(&Link::target, "agents/device/PC-002"))));
}

TEST_F(SamEvidenceTest, SameFiguresNextDayWriteNothingAChangeIsAVersionAndWhatNoLongerHoldsIsDeleted) {
  auto first = WriteEvidence(*store_, EvidenceRecords(Report(kDay1, 30), {kNotInCmdb}, kDay1));
  ASSERT_THAT(first, IsOk());
  EXPECT_EQ(first->created, 2);

  auto same = WriteEvidence(*store_, EvidenceRecords(Report(kDay2, 30), {kNotInCmdb}, kDay2));
  ASSERT_THAT(same, IsOk());
  EXPECT_EQ(same->unchanged, 2);
  EXPECT_EQ(same->created + same->updated + same->deleted, 0);
  auto kept = store_->GetRecord("sam", "position/Adobe/Acrobat");
  ASSERT_THAT(kept, IsOk());
  EXPECT_EQ(kept->version, 1);
  EXPECT_EQ(kept->record.effective, kDay1);  // the day the figures last changed

  // One user fewer, and PC-002 is in the CMDB now.
  auto changed = WriteEvidence(*store_, EvidenceRecords(Report(kDay2, 24), {}, kDay2));
  ASSERT_THAT(changed, IsOk());
  EXPECT_EQ(changed->updated, 1);
  EXPECT_EQ(changed->deleted, 1);
  auto position = store_->GetRecord("sam", "position/Adobe/Acrobat");
  ASSERT_THAT(position, IsOk());
  EXPECT_EQ(position->version, 2);
  EXPECT_EQ(position->record.FindAttribute("position_status")->value, "licensed");
  auto gone = store_->GetRecord("sam", "exception/not-in-cmdb/PC-002");
  ASSERT_THAT(gone, IsOk());
  EXPECT_GT(gone->deleted_at, 0);
}

}  // namespace
}  // namespace crosswalk::sam
