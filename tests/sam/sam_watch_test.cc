// SamChanges and SamWatchedStore over a real SQLite store: a committed SAM record is a change
// once per content (an unchanged record committed again is none, a record of another kind
// never), deletions follow, a run undone or a source removed asks for a read of the store, and
// too many changes between two looks too.
#include "gateway/sam/sam_watch.h"

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/sam/sam_store_fixture.h"
#include "tests/status_matchers.h"

namespace crosswalk::sam {
namespace {

RecordToStore Item(const std::string& kind, const std::string& id, const std::string& hash) {
  RecordToStore item;
  item.record.kind = kind;
  item.record.title = id;
  item.record.provenance = {"agents", id, kind == "configuration-item" ? "device" : kind, "inv", {}, 1, hash};
  return item;
}

class SamWatchTest : public SamStoreTest {
 protected:
  void SetUp() override {
    SamStoreTest::SetUp();
    watched_ = std::make_unique<SamWatchedStore>(std::move(store_), &changes_);
  }
  SamChanges changes_;
  std::unique_ptr<Store> watched_;
};

TEST_F(SamWatchTest, EachContentIsOneChangeAndDeletionsFollow) {
  ASSERT_THAT(watched_->CommitBatch("agents", {Item("software-installation", "i1", "h1"), Item("incident", "x", "h1"),
                                               Item("configuration-item", "d1", "h2")}, ""),
              IsOk());
  SamChanges::Taken first = changes_.Take();
  EXPECT_FALSE(first.reload);
  ASSERT_EQ(first.changes.size(), 2u);  // the incident is no SAM record
  EXPECT_EQ(first.changes[0].key, RecordKey("agents", "i1"));
  EXPECT_FALSE(changes_.Pending());

  // The folder read again: i1 unchanged, d1 changed.
  ASSERT_THAT(watched_->CommitBatch("agents", {Item("software-installation", "i1", "h1"), Item("configuration-item", "d1", "h3")}, ""),
              IsOk());
  ASSERT_THAT(watched_->DeleteRecords("agents", {"i1", "never-seen"}, std::nullopt), IsOk());
  SamChanges::Taken second = changes_.Take();
  ASSERT_EQ(second.changes.size(), 2u);
  EXPECT_EQ(second.changes[0].key, RecordKey("agents", "d1"));
  EXPECT_FALSE(second.changes[0].erased);
  EXPECT_EQ(second.changes[1].key, RecordKey("agents", "i1"));
  EXPECT_TRUE(second.changes[1].erased);
}

TEST_F(SamWatchTest, KnownRecordsCommittedUnchangedAreNoChange) {
  changes_.Known(Item("software-installation", "i1", "h1").record);
  ASSERT_THAT(watched_->CommitBatch("agents", {Item("software-installation", "i1", "h1")}, ""), IsOk());
  EXPECT_FALSE(changes_.Pending());
}

TEST_F(SamWatchTest, WhatTheWatchCannotFollowAsksForARead) {
  ASSERT_THAT(watched_->BeginRun("agents"), IsOk());
  ASSERT_THAT(watched_->CommitBatch("agents", {Item("software-installation", "i1", "h1")}, ""), IsOk());
  ASSERT_THAT(watched_->AbortRun("agents"), IsOk());
  SamChanges::Taken undone = changes_.Take();
  EXPECT_TRUE(undone.reload);
  EXPECT_TRUE(undone.changes.empty());

  ASSERT_THAT(watched_->RemoveSource("agents", false), IsOk());
  EXPECT_TRUE(changes_.Take().reload);

  std::vector<RecordToStore> many;
  for (size_t n = 0; n <= SamChanges::kMaxPending; ++n) many.push_back(Item("software-installation", absl::StrCat("i", n), "h"));
  changes_.Committed(many);
  SamChanges::Taken overflow = changes_.Take();
  EXPECT_TRUE(overflow.reload);
  EXPECT_TRUE(overflow.changes.empty());
  EXPECT_FALSE(changes_.Take().reload);  // taken once
}

}  // namespace
}  // namespace crosswalk::sam
