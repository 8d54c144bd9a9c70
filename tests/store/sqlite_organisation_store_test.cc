#include "gateway/store/sqlite_organisation_store.h"

#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "gateway/store/sqlite_store.h"
#include "tests/status_matchers.h"

namespace crosswalk {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::SizeIs;

class SqliteOrganisationStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = (std::filesystem::temp_directory_path() /
             ("org-" + std::to_string(::getpid()) + "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db"))
                .string();
    Remove();
    Reopen();
  }
  void TearDown() override {
    store_.reset();
    Remove();
  }
  void Remove() {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_ + suffix);
  }
  void Reopen() {
    store_.reset();
    SqliteOrganisationStoreOptions options;
    options.now = [this] { return now_; };
    auto store = OpenSqliteOrganisationStore(path_, options);
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = std::move(*store);
  }

  static MappingDecision Decision(const std::string& from_ref, MappingDecision::Verdict verdict) {
    MappingDecision d;
    d.from = "iso27001:2022";
    d.from_ref = from_ref;
    d.to = "iso20000-1:2018";
    d.to_ref = "8.5.1";
    d.relationship = verdict == MappingDecision::Verdict::kReject ? "" : "intersects-with";
    d.verdict = verdict;
    d.by = "aiko";
    d.reason = "our change process covers it";
    return d;
  }

  static Certification Cert(const std::string& certificate, int64_t valid_until) {
    Certification c;
    c.standard = "iso27001:2022";
    c.certificate = certificate;
    c.body = "JQA";
    c.scope = "IT operations";
    c.valid_until = valid_until;
    c.by = "ken";
    return c;
  }

  std::string path_;
  int64_t now_ = 1700000000;
  std::unique_ptr<OrganisationStore> store_;
};

TEST_F(SqliteOrganisationStoreTest, DecisionsAreKeptNumberedAndRemovedWithHistory) {
  auto first = store_->AddDecision(Decision("A.8.32", MappingDecision::Verdict::kConfirm));
  ASSERT_THAT(first, IsOk());
  EXPECT_EQ(first->id, 1);
  EXPECT_EQ(first->decided_at, now_);
  auto second = store_->AddDecision(Decision("A.5.24", MappingDecision::Verdict::kReject));
  ASSERT_THAT(second, IsOk());
  EXPECT_EQ(second->id, 2);

  // One decision per pair of items.
  EXPECT_THAT(store_->AddDecision(Decision("A.8.32", MappingDecision::Verdict::kAdd)),
              StatusIs(absl::StatusCode::kAlreadyExists, HasSubstr("decision 1")));

  auto listed = store_->ListDecisions();
  ASSERT_THAT(listed, IsOk());
  ASSERT_THAT(*listed, SizeIs(2));
  EXPECT_EQ((*listed)[0].from_ref, "A.8.32");
  EXPECT_EQ((*listed)[0].verdict, MappingDecision::Verdict::kConfirm);
  EXPECT_EQ((*listed)[0].relationship, "intersects-with");
  EXPECT_EQ((*listed)[0].reason, "our change process covers it");
  EXPECT_EQ((*listed)[1].verdict, MappingDecision::Verdict::kReject);

  now_ += 60;
  EXPECT_THAT(store_->RemoveDecision(1, "ken"), IsOk());
  EXPECT_THAT(store_->RemoveDecision(1, "ken"), StatusIs(absl::StatusCode::kNotFound));
  // An id is never reused.
  auto third = store_->AddDecision(Decision("A.8.32", MappingDecision::Verdict::kAdd));
  ASSERT_THAT(third, IsOk());
  EXPECT_EQ(third->id, 3);

  auto history = store_->History();
  ASSERT_THAT(history, IsOk());
  ASSERT_THAT(*history, SizeIs(4));
  EXPECT_EQ((*history)[2].action, "remove");
  EXPECT_EQ((*history)[2].by, "ken");
  EXPECT_EQ((*history)[2].at, now_);
  EXPECT_EQ((*history)[2].key, "1");
  EXPECT_THAT((*history)[2].value, HasSubstr("A.8.32"));
}

TEST_F(SqliteOrganisationStoreTest, CertificationsAreKeyedByStandardAndCertificate) {
  ASSERT_THAT(store_->PutCertification(Cert("IS 123", 1800000000)), IsOk());
  Certification replaced = Cert("IS 123", 1900000000);
  replaced.last_audit = 1690000000;
  auto put = store_->PutCertification(replaced);
  ASSERT_THAT(put, IsOk());
  EXPECT_EQ(put->origin, "api");
  EXPECT_EQ(put->recorded_at, now_);
  auto listed = store_->ListCertifications();
  ASSERT_THAT(listed, IsOk());
  ASSERT_THAT(*listed, SizeIs(1));
  EXPECT_EQ((*listed)[0].valid_until, 1900000000);
  EXPECT_EQ((*listed)[0].last_audit, 1690000000);
  EXPECT_EQ((*listed)[0].body, "JQA");
  EXPECT_EQ((*listed)[0].origin, "api");

  EXPECT_THAT(store_->RemoveCertification("iso27001:2022", "IS 999", "ken"), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(store_->RemoveCertification("iso27001:2022", "IS 123", "ken"), IsOk());
  EXPECT_THAT(*store_->ListCertifications(), SizeIs(0));
  auto history = store_->History();
  ASSERT_THAT(history, IsOk());
  ASSERT_THAT(*history, SizeIs(3));
  EXPECT_EQ((*history)[0].key, "iso27001:2022 IS 123");
  EXPECT_EQ((*history)[2].action, "remove");
}

TEST_F(SqliteOrganisationStoreTest, AssessmentsReplaceWholeAndKeepEveryVersion) {
  ClauseAssessment a;
  a.target = "iso20000-1:2018";
  a.clause = "8.5.1";
  a.status = "partial";
  a.maturity = 1;
  a.owner = "aiko";
  a.due = 1710000000;
  a.evidence = {"itsm/CHG001", "https://intranet/change-policy"};
  a.by = "aiko";
  ASSERT_THAT(store_->SetAssessment(a), IsOk());
  now_ += 100;
  ClauseAssessment b;
  b.target = a.target;
  b.clause = a.clause;
  b.status = "covered";
  b.by = "ken";
  auto set = store_->SetAssessment(b);
  ASSERT_THAT(set, IsOk());
  EXPECT_EQ(set->at, now_);

  auto listed = store_->ListAssessments();
  ASSERT_THAT(listed, IsOk());
  ASSERT_THAT(*listed, SizeIs(1));
  EXPECT_EQ((*listed)[0].status, "covered");
  EXPECT_FALSE((*listed)[0].maturity.has_value());
  EXPECT_EQ((*listed)[0].owner, "");

  auto history = store_->AssessmentHistory("iso20000-1:2018", "8.5.1");
  ASSERT_THAT(history, IsOk());
  ASSERT_THAT(*history, SizeIs(2));
  EXPECT_EQ((*history)[0].maturity, 1);
  EXPECT_EQ((*history)[0].due, 1710000000);
  EXPECT_THAT((*history)[0].evidence, ElementsAre("itsm/CHG001", "https://intranet/change-policy"));
  EXPECT_EQ((*history)[0].at, now_ - 100);
  EXPECT_EQ((*history)[1].by, "ken");
  EXPECT_THAT(*store_->AssessmentHistory("iso20000-1:2018", "8.5.2"), SizeIs(0));
}

TEST_F(SqliteOrganisationStoreTest, EverythingSurvivesReopenAndSnapshotHasIt) {
  ASSERT_THAT(store_->AddDecision(Decision("A.8.32", MappingDecision::Verdict::kConfirm)), IsOk());
  ASSERT_THAT(store_->PutCertification(Cert("IS 1", 1800000000)), IsOk());
  ClauseAssessment a;
  a.target = "iso20000-1:2018";
  a.clause = "4.1";
  a.status = "covered";
  a.by = "aiko";
  ASSERT_THAT(store_->SetAssessment(a), IsOk());
  Reopen();
  auto state = store_->Snapshot();
  ASSERT_THAT(state, IsOk());
  ASSERT_THAT(state->decisions, SizeIs(1));
  EXPECT_EQ(state->decisions[0].from_ref, "A.8.32");
  ASSERT_THAT(state->certifications, SizeIs(1));
  EXPECT_EQ(state->certifications[0].certificate, "IS 1");
  ASSERT_THAT(state->assessments, SizeIs(1));
  EXPECT_EQ(state->assessments[0].clause, "4.1");
  EXPECT_THAT(*store_->History(), SizeIs(3));
}

// A store file from before the organisation tables (schema version 2) gets them at open and keeps
// its records; the record store opened on the same file afterwards agrees on the version.
TEST_F(SqliteOrganisationStoreTest, AnOlderStoreFileIsMigratedAtOpen) {
  store_.reset();
  Remove();
  {
    auto records = OpenSqliteStore(path_);
    ASSERT_THAT(records, IsOk());
    RecordToStore item;
    item.record.kind = "incident";
    item.record.provenance.source = "s";
    item.record.provenance.native_id = "1";
    item.record.provenance.content_hash = "h";
    ASSERT_THAT((*records)->CommitBatch("s", {item}, "c"), IsOk());
  }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db,
                         "DROP TABLE org_decisions; DROP TABLE org_certifications; DROP TABLE org_assessments; "
                         "DROP TABLE org_history; DROP INDEX sync_runs_source; ALTER TABLE records DROP COLUMN deleted_at; "
                         "ALTER TABLE record_versions DROP COLUMN deleted_at; ALTER TABLE sync_runs DROP COLUMN deleted; "
                         "ALTER TABLE sync_runs DROP COLUMN reconciled; DROP TABLE body_terms; PRAGMA user_version = 2;",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);

  Reopen();
  EXPECT_THAT(store_->AddDecision(Decision("A.8.32", MappingDecision::Verdict::kConfirm)), IsOk());
  auto records = OpenSqliteStore(path_);
  ASSERT_THAT(records, IsOk());
  EXPECT_THAT((*records)->GetRecord("s", "1"), IsOk());
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &stmt, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(stmt, 0), SqliteSchemaVersion());
  sqlite3_finalize(stmt);
  sqlite3_close(db);
}

// As the record store (file_guarded_store_test.cc): writes to a removed file would be lost.
TEST_F(SqliteOrganisationStoreTest, EveryCallFailsOnceTheFileIsRemoved) {
  ASSERT_THAT(store_->AddDecision(Decision("A.8.32", MappingDecision::Verdict::kConfirm)), IsOk());
  Remove();
  EXPECT_THAT(store_->AddDecision(Decision("A.5.24", MappingDecision::Verdict::kConfirm)),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("was removed")));
  EXPECT_THAT(store_->Snapshot(), StatusIs(absl::StatusCode::kDataLoss));
  EXPECT_THAT(store_->ListCertifications(), StatusIs(absl::StatusCode::kDataLoss));
}

TEST_F(SqliteOrganisationStoreTest, ANewerSchemaIsRefused) {
  store_.reset();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  const std::string sql = "PRAGMA user_version = " + std::to_string(SqliteSchemaVersion() + 1);
  ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  EXPECT_THAT(OpenSqliteOrganisationStore(path_), StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("newer")));
}

}  // namespace
}  // namespace crosswalk
