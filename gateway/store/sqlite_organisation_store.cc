#include "gateway/store/sqlite_organisation_store.h"

#include <sqlite3.h>

#include <chrono>
#include <mutex>
#include <optional>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "gateway/core/organisation_text.h"
#include "gateway/core/status_macros.h"
#include "gateway/store/file_guarded_store.h"
#include "gateway/store/organisation_json.h"
#include "gateway/store/sqlite_schema.h"
#include "gateway/store/sqlite_statement.h"
#include "nlohmann/json.hpp"

namespace crosswalk {
namespace {

using Json = nlohmann::json;
using organisation_json::AssessmentFromJson;
using organisation_json::ToJson;

// An assessment from a row whose first column is its JSON.
absl::StatusOr<ClauseAssessment> ReadAssessment(Statement& row) { return AssessmentFromJson(row.Text(0)); }

int64_t SystemNow() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

class SqliteOrganisationStore : public OrganisationStore {
 public:
  explicit SqliteOrganisationStore(SqliteOrganisationStoreOptions options)
      : now_(options.now ? std::move(options.now) : SystemNow) {}
  ~SqliteOrganisationStore() override { sqlite3_close_v2(db_); }

  absl::Status Open(const std::string& path) {
    CW_RETURN_IF_ERROR(OpenSqliteFile(path, &db_));
    absl::StatusOr<StoreFileGuard> guard = StoreFileGuard::Open(path);
    if (!guard.ok()) return guard.status();
    guard_.emplace(std::move(*guard));
    return absl::OkStatus();
  }

  absl::StatusOr<MappingDecision> AddDecision(MappingDecision decision) override {
    CW_RETURN_IF_ERROR(guard_->Check());
    std::lock_guard<std::mutex> lock(mutex_);
    const int64_t now = now_();
    if (decision.decided_at == 0) decision.decided_at = now;
    return InTransaction<MappingDecision>([&]() -> absl::StatusOr<MappingDecision> {
      Statement find;
      CW_RETURN_IF_ERROR(find.Prepare(db_, "SELECT id FROM org_decisions WHERE from_catalog = ? AND from_ref = ? AND to_catalog = ? AND to_ref = ?"));
      find.Bind(1, decision.from);
      find.Bind(2, decision.from_ref);
      find.Bind(3, decision.to);
      find.Bind(4, decision.to_ref);
      if (sqlite3_step(find.get()) == SQLITE_ROW) {
        return absl::AlreadyExistsError(absl::StrCat("decision ", find.Int(0), " is already kept for ", decision.from, " ",
                                                     decision.from_ref, " -> ", decision.to, " ", decision.to_ref,
                                                     "; remove it first"));
      }
      Statement insert;
      CW_RETURN_IF_ERROR(insert.Prepare(db_,
          "INSERT INTO org_decisions(from_catalog, from_ref, to_catalog, to_ref, relationship, verdict, author, reason, decided_at) "
          "VALUES (?,?,?,?,?,?,?,?,?)"));
      insert.Bind(1, decision.from);
      insert.Bind(2, decision.from_ref);
      insert.Bind(3, decision.to);
      insert.Bind(4, decision.to_ref);
      insert.Bind(5, decision.relationship);
      insert.Bind(6, std::string(VerdictName(decision.verdict)));
      insert.Bind(7, decision.by);
      insert.Bind(8, decision.reason);
      insert.Bind(9, decision.decided_at);
      CW_RETURN_IF_ERROR(StepOnce(db_, insert, "add decision"));
      decision.id = sqlite3_last_insert_rowid(db_);
      CW_RETURN_IF_ERROR(Log(now, decision.by, "decision", absl::StrCat(decision.id), "add", ToJson(decision)));
      return decision;
    });
  }

  absl::StatusOr<std::vector<MappingDecision>> ListDecisions() override {
    CW_RETURN_IF_ERROR(guard_->Check());
    std::lock_guard<std::mutex> lock(mutex_);
    return DecisionsLocked();
  }

  absl::Status RemoveDecision(int64_t id, const std::string& by) override {
    CW_RETURN_IF_ERROR(guard_->Check());
    std::lock_guard<std::mutex> lock(mutex_);
    const int64_t now = now_();
    return InTransaction<bool>([&]() -> absl::StatusOr<bool> {
      CW_ASSIGN_OR_RETURN(std::vector<MappingDecision> kept, DecisionsLocked(id));
      if (kept.empty()) return absl::NotFoundError(absl::StrCat("no decision ", id));
      Statement remove;
      CW_RETURN_IF_ERROR(remove.Prepare(db_, "DELETE FROM org_decisions WHERE id = ?"));
      remove.Bind(1, id);
      CW_RETURN_IF_ERROR(StepOnce(db_, remove, "remove decision"));
      CW_RETURN_IF_ERROR(Log(now, by, "decision", absl::StrCat(id), "remove", ToJson(kept.front())));
      return true;
    }).status();
  }

  absl::StatusOr<Certification> PutCertification(Certification certification) override {
    CW_RETURN_IF_ERROR(guard_->Check());
    std::lock_guard<std::mutex> lock(mutex_);
    certification.origin = "api";
    certification.recorded_at = now_();
    return InTransaction<Certification>([&]() -> absl::StatusOr<Certification> {
      Statement put;
      CW_RETURN_IF_ERROR(put.Prepare(db_,
          "INSERT OR REPLACE INTO org_certifications(standard, certificate, body, scope, valid_until, last_audit, author, recorded_at) "
          "VALUES (?,?,?,?,?,?,?,?)"));
      put.Bind(1, certification.standard);
      put.Bind(2, certification.certificate);
      put.Bind(3, certification.body);
      put.Bind(4, certification.scope);
      put.Bind(5, certification.valid_until);
      if (certification.last_audit) put.Bind(6, *certification.last_audit); else put.BindNull(6);
      put.Bind(7, certification.by);
      put.Bind(8, certification.recorded_at);
      CW_RETURN_IF_ERROR(StepOnce(db_, put, "put certification"));
      CW_RETURN_IF_ERROR(Log(certification.recorded_at, certification.by, "certification",
                             CertificationKey(certification.standard, certification.certificate), "put",
                             ToJson(certification)));
      return certification;
    });
  }

  absl::StatusOr<std::vector<Certification>> ListCertifications() override {
    CW_RETURN_IF_ERROR(guard_->Check());
    std::lock_guard<std::mutex> lock(mutex_);
    return CertificationsLocked("", "");
  }

  absl::Status RemoveCertification(const std::string& standard, const std::string& certificate,
                                   const std::string& by) override {
    CW_RETURN_IF_ERROR(guard_->Check());
    std::lock_guard<std::mutex> lock(mutex_);
    const int64_t now = now_();
    return InTransaction<bool>([&]() -> absl::StatusOr<bool> {
      CW_ASSIGN_OR_RETURN(std::vector<Certification> kept, CertificationsLocked(standard, certificate));
      if (kept.empty()) {
        return absl::NotFoundError(absl::StrCat("no certification ", certificate, " of ", standard));
      }
      Statement remove;
      CW_RETURN_IF_ERROR(remove.Prepare(db_, "DELETE FROM org_certifications WHERE standard = ? AND certificate = ?"));
      remove.Bind(1, standard);
      remove.Bind(2, certificate);
      CW_RETURN_IF_ERROR(StepOnce(db_, remove, "remove certification"));
      CW_RETURN_IF_ERROR(Log(now, by, "certification", CertificationKey(standard, certificate), "remove", ToJson(kept.front())));
      return true;
    }).status();
  }

  absl::StatusOr<ClauseAssessment> SetAssessment(ClauseAssessment assessment) override {
    CW_RETURN_IF_ERROR(guard_->Check());
    std::lock_guard<std::mutex> lock(mutex_);
    assessment.at = now_();
    const std::string value = ToJson(assessment).dump();
    return InTransaction<ClauseAssessment>([&]() -> absl::StatusOr<ClauseAssessment> {
      Statement set;
      CW_RETURN_IF_ERROR(set.Prepare(db_, "INSERT OR REPLACE INTO org_assessments(target, clause, value) VALUES (?,?,?)"));
      set.Bind(1, assessment.target);
      set.Bind(2, assessment.clause);
      set.Bind(3, value);
      CW_RETURN_IF_ERROR(StepOnce(db_, set, "set assessment"));
      CW_RETURN_IF_ERROR(Log(assessment.at, assessment.by, "assessment", AssessmentKey(assessment.target, assessment.clause),
                             "set", ToJson(assessment)));
      return assessment;
    });
  }

  absl::StatusOr<std::vector<ClauseAssessment>> ListAssessments() override {
    CW_RETURN_IF_ERROR(guard_->Check());
    std::lock_guard<std::mutex> lock(mutex_);
    return AssessmentsLocked();
  }

  absl::StatusOr<std::vector<ClauseAssessment>> AssessmentHistory(const std::string& target,
                                                                  const std::string& clause) override {
    CW_RETURN_IF_ERROR(guard_->Check());
    std::lock_guard<std::mutex> lock(mutex_);
    Statement s;
    CW_RETURN_IF_ERROR(s.Prepare(db_, "SELECT value FROM org_history WHERE subject = 'assessment' AND subject_key = ? ORDER BY id"));
    s.Bind(1, AssessmentKey(target, clause));
    return ReadRows<ClauseAssessment>(s, "assessment history", ReadAssessment);
  }

  absl::StatusOr<std::vector<OrganisationChange>> History() override {
    CW_RETURN_IF_ERROR(guard_->Check());
    std::lock_guard<std::mutex> lock(mutex_);
    Statement s;
    CW_RETURN_IF_ERROR(s.Prepare(db_, "SELECT id, at, author, subject, subject_key, action, value FROM org_history ORDER BY id"));
    return ReadRows<OrganisationChange>(s, "history", [](Statement& row) -> absl::StatusOr<OrganisationChange> {
      return OrganisationChange{row.Int(0), row.Int(1), row.Text(2), row.Text(3), row.Text(4), row.Text(5), row.Text(6)};
    });
  }

  absl::StatusOr<OrganisationState> Snapshot() override {
    CW_RETURN_IF_ERROR(guard_->Check());
    std::lock_guard<std::mutex> lock(mutex_);
    // One read transaction, so the three lists are of the same instant.
    CW_RETURN_IF_ERROR(ExecSql(db_, "BEGIN"));
    absl::StatusOr<OrganisationState> state = [&]() -> absl::StatusOr<OrganisationState> {
      OrganisationState state;
      CW_ASSIGN_OR_RETURN(state.decisions, DecisionsLocked());
      CW_ASSIGN_OR_RETURN(state.certifications, CertificationsLocked("", ""));
      CW_ASSIGN_OR_RETURN(state.assessments, AssessmentsLocked());
      return state;
    }();
    (void)ExecSql(db_, state.ok() ? "COMMIT" : "ROLLBACK");
    return state;
  }

 private:
  static std::string CertificationKey(const std::string& standard, const std::string& certificate) {
    return absl::StrCat(standard, " ", certificate);
  }
  static std::string AssessmentKey(const std::string& target, const std::string& clause) {
    return absl::StrCat(target, "#", clause);
  }

  absl::Status Error(absl::string_view what) {
    return absl::InternalError(absl::StrCat("sqlite ", what, ": ", sqlite3_errmsg(db_)));
  }

  // Steps `s` through its rows, appending read(s) of each to a list; INTERNAL naming `what` when
  // SQLite fails, or the first error of `read`.
  template <typename T>
  absl::StatusOr<std::vector<T>> ReadRows(Statement& s, absl::string_view what,
                                          const std::function<absl::StatusOr<T>(Statement&)>& read) {
    std::vector<T> rows;
    int rc;
    while ((rc = sqlite3_step(s.get())) == SQLITE_ROW) {
      CW_ASSIGN_OR_RETURN(T row, read(s));
      rows.push_back(std::move(row));
    }
    if (rc != SQLITE_DONE) return Error(what);
    return rows;
  }

  // Runs `body` inside BEGIN IMMEDIATE … COMMIT; rolls back when it or the COMMIT fails.
  template <typename T>
  absl::StatusOr<T> InTransaction(const std::function<absl::StatusOr<T>()>& body) {
    CW_RETURN_IF_ERROR(ExecSql(db_, "BEGIN IMMEDIATE"));
    absl::StatusOr<T> result = body();
    absl::Status status = result.status();
    if (status.ok()) status = ExecSql(db_, "COMMIT");
    if (!status.ok()) {
      if (!sqlite3_get_autocommit(db_)) (void)ExecSql(db_, "ROLLBACK");
      return status;
    }
    return result;
  }

  absl::Status Log(int64_t at, const std::string& by, const char* subject, const std::string& key,
                   const char* action, const Json& value) {
    Statement s;
    CW_RETURN_IF_ERROR(s.Prepare(db_, "INSERT INTO org_history(at, author, subject, subject_key, action, value) VALUES (?,?,?,?,?,?)"));
    s.Bind(1, at);
    s.Bind(2, by);
    s.Bind(3, std::string(subject));
    s.Bind(4, key);
    s.Bind(5, std::string(action));
    s.Bind(6, value.dump());
    return StepOnce(db_, s, "history");
  }

  // Every decision, or only decision `id` when it is not 0.
  absl::StatusOr<std::vector<MappingDecision>> DecisionsLocked(int64_t id = 0) {
    Statement s;
    CW_RETURN_IF_ERROR(s.Prepare(db_,
        "SELECT id, from_catalog, from_ref, to_catalog, to_ref, relationship, verdict, author, reason, decided_at "
        "FROM org_decisions WHERE (?1 = 0 OR id = ?1) ORDER BY id"));
    s.Bind(1, id);
    return ReadRows<MappingDecision>(s, "list decisions", [](Statement& s) -> absl::StatusOr<MappingDecision> {
      MappingDecision d;
      d.id = s.Int(0);
      d.from = s.Text(1);
      d.from_ref = s.Text(2);
      d.to = s.Text(3);
      d.to_ref = s.Text(4);
      d.relationship = s.Text(5);
      auto verdict = ParseVerdict(s.Text(6));
      if (!verdict.ok()) return absl::DataLossError(absl::StrCat("decision ", d.id, " in the store: ", verdict.status().message()));
      d.verdict = *verdict;
      d.by = s.Text(7);
      d.reason = s.Text(8);
      d.decided_at = s.Int(9);
      return d;
    });
  }

  // Every certification, or only (standard, certificate) when standard is not empty.
  absl::StatusOr<std::vector<Certification>> CertificationsLocked(const std::string& standard,
                                                                  const std::string& certificate) {
    Statement s;
    CW_RETURN_IF_ERROR(s.Prepare(db_,
        "SELECT standard, certificate, body, scope, valid_until, last_audit, author, recorded_at FROM org_certifications "
        "WHERE (?1 = '' OR (standard = ?1 AND certificate = ?2)) ORDER BY standard, certificate"));
    s.Bind(1, standard);
    s.Bind(2, certificate);
    return ReadRows<Certification>(s, "list certifications", [](Statement& s) -> absl::StatusOr<Certification> {
      Certification c;
      c.standard = s.Text(0);
      c.certificate = s.Text(1);
      c.body = s.Text(2);
      c.scope = s.Text(3);
      c.valid_until = s.Int(4);
      if (sqlite3_column_type(s.get(), 5) != SQLITE_NULL) c.last_audit = s.Int(5);
      c.origin = "api";
      c.by = s.Text(6);
      c.recorded_at = s.Int(7);
      return c;
    });
  }

  absl::StatusOr<std::vector<ClauseAssessment>> AssessmentsLocked() {
    Statement s;
    CW_RETURN_IF_ERROR(s.Prepare(db_, "SELECT value FROM org_assessments ORDER BY target, clause"));
    return ReadRows<ClauseAssessment>(s, "list assessments", ReadAssessment);
  }

  const std::function<int64_t()> now_;
  std::optional<StoreFileGuard> guard_;  // set by Open()
  sqlite3* db_ = nullptr;
  std::mutex mutex_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<OrganisationStore>> OpenSqliteOrganisationStore(const std::string& path,
                                                                              SqliteOrganisationStoreOptions options) {
  auto store = std::make_unique<SqliteOrganisationStore>(std::move(options));
  CW_RETURN_IF_ERROR(store->Open(path));
  return store;
}

}  // namespace crosswalk
