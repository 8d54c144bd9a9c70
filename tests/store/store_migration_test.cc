// crosswalkd migrate (store_migration.h): a SQLite store with every kind of row — versions, links,
// unmapped values, a deleted record, a pending run, sync runs, decisions, certifications,
// assessments and their history — copied into a real PostgreSQL database must read back the same
// through both stores' interfaces; a non-empty target, a write that fails, and a row that arrives
// altered all keep nothing.
#include "gateway/store/postgres/store_migration.h"

#include <unistd.h>

#include <filesystem>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "gateway/store/postgres/postgres_store.h"
#include "gateway/store/sqlite_organisation_store.h"
#include "gateway/store/sqlite_store.h"
#include "tests/servers/postgres_server.h"
#include "tests/status_matchers.h"

namespace crosswalk {
namespace {

using testing_servers::PostgresServer;
using ::testing::HasSubstr;

RecordToStore Item(const std::string& id, const std::string& hash, const std::string& title) {
  RecordToStore item;
  item.record.kind = "incident";
  item.record.title = title;
  item.record.effective = 1'700'000'000;
  item.record.provenance.source = "desk";
  item.record.provenance.native_id = id;
  item.record.provenance.content_hash = hash;
  item.record.links = {{"ci", "CI-" + id}, {"implements", "iso20000-1:2018#8.6.1"}};
  item.unmapped = {{"status", "Wartend " + id}};
  // Text the store keeps once as body terms: the migration must carry the terms with their ids.
  item.record.attributes = {{"sys_id", "text", "sys-" + id}};
  item.record.provenance.location = "desk.json line " + id;
  item.record.provenance.origins = {{"kind", "incident", "desk.kind." + hash}};
  return item;
}

SyncRunRecord RunOf(const std::string& source, const std::string& outcome, BatchResult totals, const std::string& message,
                    bool reconciled) {
  SyncRunRecord run;
  run.source = source;
  run.started = 1'750'000'000;
  run.finished = 1'750'000'100;
  run.outcome = outcome;
  run.totals = totals;
  run.message = message;
  run.reconciled = reconciled;
  return run;
}

// Everything a reader sees through the Store and OrganisationStore interfaces.
std::string Snapshot(Store& store, OrganisationStore& organisation) {
  std::ostringstream out;
  for (const char* source : {"desk", "registers"}) {
    RecordFilter filter;
    filter.source = source;
    filter.page_size = 1000;
    auto page = store.ListRecords(filter);
    if (!page.ok()) return page.status().ToString();
    for (const StoredRecord& r : page->records) {
      out << r.id << " " << r.record.provenance.native_id << " v" << r.version << " " << r.record.title << " @" << r.stored_at;
      for (const Link& link : r.record.links) out << " " << link.relation << "=" << link.target;
      out << " " << r.record.provenance.location << " " << r.record.attributes.at(0).key << " "
          << r.record.provenance.origins.at(0).rule_id;
      auto history = store.History(source, r.record.provenance.native_id);
      if (history.ok()) for (const StoredRecord& h : *history) out << " [v" << h.version << " " << h.record.title << "]";
      out << "\n";
    }
    auto deleted = store.GetRecord(source, "3");
    if (deleted.ok()) out << "record 3 deleted_at " << deleted->deleted_at << " v" << deleted->version << "\n";
    out << "cursor " << store.GetCursor(source).value_or("?") << " pending " << store.RunPending(source).value_or(false) << "\n";
    auto counts = store.Counts(source);
    if (counts.ok()) out << "counts " << counts->records << " " << counts->versions << " " << counts->deleted << "\n";
  }
  UnmappedFilter unmapped;
  unmapped.page_size = 1000;
  auto values = store.ListUnmapped(unmapped);
  if (!values.ok()) return values.status().ToString();
  for (const UnmappedCount& u : values->values) {
    out << "unmapped " << u.source << " " << u.field << " " << u.raw_value << " " << u.count << "\n";
  }
  auto runs = store.LastRuns();
  if (!runs.ok()) return runs.status().ToString();
  for (const SyncRunRecord& run : *runs) {
    out << "run " << run.source << " " << run.outcome << " " << run.totals.created << " " << run.reconciled << " " << run.message << "\n";
  }
  auto state = organisation.Snapshot();
  if (!state.ok()) return state.status().ToString();
  for (const MappingDecision& d : state->decisions) out << "decision " << d.id << " " << d.from_ref << " " << d.reason << "\n";
  for (const Certification& c : state->certifications) out << "certification " << c.certificate << " " << c.valid_until << "\n";
  for (const ClauseAssessment& a : state->assessments) out << "assessment " << a.clause << " " << a.status << " " << a.owner << "\n";
  auto changes = organisation.History();
  if (!changes.ok()) return changes.status().ToString();
  for (const OrganisationChange& change : *changes) {
    out << "change " << change.id << " " << change.subject << " " << change.action << " " << change.value << "\n";
  }
  return out.str();
}

class StoreMigrationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = testing_servers::SharedPostgresOrSkip();
    if (server_ == nullptr) return;
    const std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    path_ = (std::filesystem::temp_directory_path() / absl::StrCat("migrate-", getpid(), "-", name, ".db")).string();
    database_ = PostgresServer::DatabaseName(path_);
    ASSERT_EQ(server_->CreateDatabase(database_), "");
    Fill();
  }
  void TearDown() override {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_ + suffix);
    if (server_ != nullptr) (void)server_->DropDatabase(database_);
  }
  PgTarget Target() const { return {server_->Url(database_), server_->password_file()}; }

  // A SQLite store with one of everything.
  void Fill() {
    ManualClock clock(1'750'000'000);
    SqliteStoreOptions options;
    options.clock = &clock;
    auto store = OpenSqliteStore(path_, std::move(options));
    ASSERT_THAT(store, IsOk());
    Store& s = **store;
    ASSERT_THAT(s.CommitBatch("desk", {Item("1", "h1", "first"), Item("2", "h2", "second"), Item("3", "h3", "third")}, "c1"), IsOk());
    clock.SetNowSeconds(1'750'000'100);
    ASSERT_THAT(s.CommitBatch("desk", {Item("1", "h1b", "first, edited")}, "c2"), IsOk());
    ASSERT_THAT(s.DeleteRecords("desk", {"3"}, std::string("c3")), IsOk());
    ASSERT_THAT(s.AddSyncRun(RunOf("desk", "ok", {3, 1, 0, 1}, "", true)), IsOk());
    // A run a crash left pending, with a record it created and one it changed.
    ASSERT_THAT(s.CommitBatch("registers", {Item("r1", "x1", "risk register")}, "k1"), IsOk());
    ASSERT_THAT(s.BeginRun("registers"), IsOk());
    ASSERT_THAT(s.CommitBatch("registers", {Item("r1", "x2", "risk register, changed"), Item("r2", "y1", "new")}, "k2"), IsOk());
    ASSERT_THAT(s.AddSyncRun(RunOf("registers", "failed", {}, "killed \"mid-run\"", false)), IsOk());
    auto organisation = OpenSqliteOrganisationStore(path_, {.now = [] { return int64_t{1'750'000'400}; }});
    ASSERT_THAT(organisation, IsOk());
    MappingDecision decision;
    decision.from = "iso27001:2022";
    decision.from_ref = "A.5.24";
    decision.to = "iso20000-1:2018";
    decision.to_ref = "8.6.1";
    decision.relationship = "subset-of";
    decision.by = "coordinator";
    decision.reason = "incident management, 確認済み";
    auto added = (*organisation)->AddDecision(decision);
    ASSERT_THAT(added, IsOk());
    decision.from_ref = "A.5.25";
    ASSERT_THAT((*organisation)->AddDecision(decision), IsOk());
    ASSERT_THAT((*organisation)->RemoveDecision(added->id, "coordinator"), IsOk());
    Certification certification;
    certification.standard = "iso27001:2022";
    certification.certificate = "IS 12345";
    certification.body = "JQA";
    certification.valid_until = 1'800'000'000;
    certification.by = "coordinator";
    ASSERT_THAT((*organisation)->PutCertification(certification), IsOk());
    ClauseAssessment assessment;
    assessment.target = "iso20000-1:2018";
    assessment.clause = "8.6.1";
    assessment.status = "partial";
    assessment.maturity = 2;
    assessment.owner = "運用課";
    assessment.by = "coordinator";
    ASSERT_THAT((*organisation)->SetAssessment(assessment), IsOk());
    before_ = Snapshot(s, **organisation);
  }

  std::string PostgresSnapshot() {
    auto store = OpenPostgresStore(Target());
    auto organisation = OpenPostgresOrganisationStore(Target());
    if (!store.ok() || !organisation.ok()) return "cannot open";
    return Snapshot(**store, **organisation);
  }
  // Rows of any crosswalk table in the target.
  std::string TargetRows() {
    return server_->Psql(database_, "SELECT (SELECT COUNT(*) FROM records) + (SELECT COUNT(*) FROM sources) + "
                                    "(SELECT COUNT(*) FROM org_history) + (SELECT COUNT(*) FROM sync_runs)");
  }

  PostgresServer* server_ = nullptr;
  std::string path_, database_, before_;
};

TEST_F(StoreMigrationTest, EverythingReadsBackTheSameAndIdsGoOn) {
  if (server_ == nullptr) return;
  StoreMigrationOptions options;
  options.batch_rows = 2;  // several batches per table
  auto tables = MigrateSqliteToPostgres(path_, Target(), options);
  ASSERT_THAT(tables, IsOk());
  ASSERT_EQ(tables->size(), 11u);
  EXPECT_EQ((*tables)[1].table, "body_terms");
  // sys_id; "desk.json line " and "desk.json line r" (r1, r2); the origins of h1 h2 h3 h1b x1 x2 y1.
  EXPECT_EQ((*tables)[1].rows, 1 + 2 + 7);
  EXPECT_EQ((*tables)[2].table, "records");
  EXPECT_EQ((*tables)[2].rows, 5);
  EXPECT_EQ((*tables)[2].sha256.size(), 64u);
  EXPECT_THAT(before_, HasSubstr("desk.json line 1 sys_id desk.kind.h1b"));
  EXPECT_THAT(before_, HasSubstr("record 3 deleted_at"));
  EXPECT_THAT(before_, HasSubstr("pending 1"));
  EXPECT_EQ(PostgresSnapshot(), before_);

  // The pending run can still be undone whole, and new rows get new ids.
  auto store = OpenPostgresStore(Target());
  ASSERT_THAT(store, IsOk());
  ASSERT_THAT((*store)->AbortRun("registers"), IsOk());
  EXPECT_EQ((*store)->GetCursor("registers").value_or("?"), "k1");
  EXPECT_EQ((*store)->GetRecord("registers", "r1")->record.title, "risk register");
  EXPECT_THAT((*store)->GetRecord("registers", "r2"), StatusIs(absl::StatusCode::kNotFound));
  ASSERT_THAT((*store)->CommitBatch("desk", {Item("4", "h4", "fourth")}, "c4"), IsOk());
  EXPECT_GT((*store)->GetRecord("desk", "4")->id, (*store)->GetRecord("desk", "3")->id);
  auto organisation = OpenPostgresOrganisationStore(Target());
  ASSERT_THAT(organisation, IsOk());
  MappingDecision next;
  next.from = "iso9001:2015";
  next.from_ref = "10.2";
  next.to = "iso20000-1:2018";
  next.to_ref = "10.1";
  next.relationship = "equal";
  auto added = (*organisation)->AddDecision(next);
  ASSERT_THAT(added, IsOk());
  EXPECT_EQ(added->id, 3) << "decision ids are never reused: 1 was removed, 2 kept";
}

TEST_F(StoreMigrationTest, ANonEmptyTargetIsRefusedAndLeftAsItWas) {
  if (server_ == nullptr) return;
  ASSERT_THAT(MigrateSqliteToPostgres(path_, Target()), IsOk());
  const std::string rows = TargetRows();
  EXPECT_THAT(MigrateSqliteToPostgres(path_, Target()),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("migrate into an empty database")));
  EXPECT_EQ(TargetRows(), rows);
  EXPECT_EQ(PostgresSnapshot(), before_);
}

TEST_F(StoreMigrationTest, ARowThatArrivesAlteredFailsTheVerificationAndNothingIsKept) {
  if (server_ == nullptr) return;
  StoreMigrationOptions options;
  options.tamper = [](const std::string& table, std::vector<std::optional<std::string>>& row) {
    if (table == "record_versions") row[3] = "{\"kind\":\"incident\"}";  // a body changed in flight
  };
  EXPECT_THAT(MigrateSqliteToPostgres(path_, Target(), options),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("migration of table record_versions does not verify")));
  EXPECT_EQ(TargetRows(), "0\n");
}

TEST_F(StoreMigrationTest, AWriteThatFailsAnywhereKeepsNothing) {
  if (server_ == nullptr) return;
  for (int fail_at = 1;; ++fail_at) {
    int writes = 0;
    StoreMigrationOptions options;
    options.batch_rows = 3;
    options.before_statement = [&](absl::string_view) {
      return ++writes == fail_at ? absl::UnavailableError("injected") : absl::OkStatus();
    };
    auto migrated = MigrateSqliteToPostgres(path_, Target(), options);
    if (migrated.ok()) {
      EXPECT_GT(fail_at, 10) << "the copy has a write per table at least";
      EXPECT_EQ(PostgresSnapshot(), before_);
      break;
    }
    EXPECT_THAT(migrated, StatusIs(absl::StatusCode::kUnavailable)) << fail_at;
    ASSERT_THAT(TargetRows(), ::testing::AnyOf("0\n", HasSubstr("does not exist"))) << "write " << fail_at;
    ASSERT_LT(fail_at, 200);
  }
}

}  // namespace
}  // namespace crosswalk
