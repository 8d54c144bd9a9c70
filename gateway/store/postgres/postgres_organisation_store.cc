// The organisation store in PostgreSQL (postgres_store.h): the SQLite organisation store's tables
// and behaviour, on a connection of its own.
#include <mutex>

#include "absl/strings/str_cat.h"
#include "gateway/core/organisation_text.h"
#include "gateway/core/status_macros.h"
#include "gateway/store/organisation_json.h"
#include "gateway/store/postgres/pg_schema.h"
#include "gateway/store/postgres/postgres_store.h"

namespace crosswalk {
namespace {

using organisation_json::AssessmentFromJson;
using organisation_json::Json;
using organisation_json::ToJson;

std::string CertificationKey(const std::string& standard, const std::string& certificate) {
  return absl::StrCat(standard, " ", certificate);
}
std::string AssessmentKey(const std::string& target, const std::string& clause) { return absl::StrCat(target, "#", clause); }

class PostgresOrganisationStore : public OrganisationStore {
 public:
  PostgresOrganisationStore(std::unique_ptr<PgConnection> db, Clock* clock) : db_(std::move(db)), clock_(clock) {}

  absl::StatusOr<MappingDecision> AddDecision(MappingDecision decision) override {
    std::lock_guard<std::mutex> lock(mutex_);
    const int64_t now = clock_->NowSeconds();
    if (decision.decided_at == 0) decision.decided_at = now;
    return db_->Transaction([&]() -> absl::StatusOr<MappingDecision> {
      CW_ASSIGN_OR_RETURN(PgResult found, db_->Query(
          "SELECT id FROM org_decisions WHERE from_catalog = $1 AND from_ref = $2 AND to_catalog = $3 AND to_ref = $4",
          {decision.from, decision.from_ref, decision.to, decision.to_ref}));
      if (found.rows() > 0) {
        return absl::AlreadyExistsError(absl::StrCat("decision ", found.Int(0, 0), " is already kept for ", decision.from, " ",
                                                     decision.from_ref, " -> ", decision.to, " ", decision.to_ref,
                                                     "; remove it first"));
      }
      CW_ASSIGN_OR_RETURN(PgResult inserted, db_->Write(
          "INSERT INTO org_decisions(from_catalog, from_ref, to_catalog, to_ref, relationship, verdict, author, reason, decided_at) "
          "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
          {decision.from, decision.from_ref, decision.to, decision.to_ref, decision.relationship,
           std::string(VerdictName(decision.verdict)), decision.by, decision.reason, PgInt(decision.decided_at)}));
      decision.id = inserted.Int(0, 0);
      CW_RETURN_IF_ERROR(Log(now, decision.by, "decision", absl::StrCat(decision.id), "add", ToJson(decision)));
      return decision;
    });
  }

  absl::StatusOr<std::vector<MappingDecision>> ListDecisions() override {
    std::lock_guard<std::mutex> lock(mutex_);
    return DecisionsLocked();
  }

  absl::Status RemoveDecision(int64_t id, const std::string& by) override {
    std::lock_guard<std::mutex> lock(mutex_);
    const int64_t now = clock_->NowSeconds();
    return db_->Transaction([&]() -> absl::Status {
      CW_ASSIGN_OR_RETURN(std::vector<MappingDecision> kept, DecisionsLocked(id));
      if (kept.empty()) return absl::NotFoundError(absl::StrCat("no decision ", id));
      CW_RETURN_IF_ERROR(db_->Write("DELETE FROM org_decisions WHERE id = $1", {PgInt(id)}).status());
      return Log(now, by, "decision", absl::StrCat(id), "remove", ToJson(kept.front()));
    });
  }

  absl::StatusOr<Certification> PutCertification(Certification certification) override {
    std::lock_guard<std::mutex> lock(mutex_);
    certification.origin = "api";
    certification.recorded_at = clock_->NowSeconds();
    return db_->Transaction([&]() -> absl::StatusOr<Certification> {
      CW_RETURN_IF_ERROR(db_->Write(
          "INSERT INTO org_certifications(standard, certificate, body, scope, valid_until, last_audit, author, recorded_at) "
          "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (standard, certificate) DO UPDATE SET body = EXCLUDED.body, "
          "scope = EXCLUDED.scope, valid_until = EXCLUDED.valid_until, last_audit = EXCLUDED.last_audit, "
          "author = EXCLUDED.author, recorded_at = EXCLUDED.recorded_at",
          {certification.standard, certification.certificate, certification.body, certification.scope,
           PgInt(certification.valid_until), certification.last_audit ? PgInt(*certification.last_audit) : PgParam(),
           certification.by, PgInt(certification.recorded_at)}).status());
      CW_RETURN_IF_ERROR(Log(certification.recorded_at, certification.by, "certification",
                             CertificationKey(certification.standard, certification.certificate), "put", ToJson(certification)));
      return certification;
    });
  }

  absl::StatusOr<std::vector<Certification>> ListCertifications() override {
    std::lock_guard<std::mutex> lock(mutex_);
    return CertificationsLocked("", "");
  }

  absl::Status RemoveCertification(const std::string& standard, const std::string& certificate,
                                   const std::string& by) override {
    std::lock_guard<std::mutex> lock(mutex_);
    const int64_t now = clock_->NowSeconds();
    return db_->Transaction([&]() -> absl::Status {
      CW_ASSIGN_OR_RETURN(std::vector<Certification> kept, CertificationsLocked(standard, certificate));
      if (kept.empty()) return absl::NotFoundError(absl::StrCat("no certification ", certificate, " of ", standard));
      CW_RETURN_IF_ERROR(db_->Write("DELETE FROM org_certifications WHERE standard = $1 AND certificate = $2",
                                    {standard, certificate}).status());
      return Log(now, by, "certification", CertificationKey(standard, certificate), "remove", ToJson(kept.front()));
    });
  }

  absl::StatusOr<ClauseAssessment> SetAssessment(ClauseAssessment assessment) override {
    std::lock_guard<std::mutex> lock(mutex_);
    assessment.at = clock_->NowSeconds();
    const std::string value = ToJson(assessment).dump();
    return db_->Transaction([&]() -> absl::StatusOr<ClauseAssessment> {
      CW_RETURN_IF_ERROR(db_->Write("INSERT INTO org_assessments(target, clause, value) VALUES ($1, $2, $3) "
                                    "ON CONFLICT (target, clause) DO UPDATE SET value = EXCLUDED.value",
                                    {assessment.target, assessment.clause, value}).status());
      CW_RETURN_IF_ERROR(Log(assessment.at, assessment.by, "assessment", AssessmentKey(assessment.target, assessment.clause),
                             "set", ToJson(assessment)));
      return assessment;
    });
  }

  absl::StatusOr<std::vector<ClauseAssessment>> ListAssessments() override {
    std::lock_guard<std::mutex> lock(mutex_);
    return AssessmentsLocked();
  }

  absl::StatusOr<std::vector<ClauseAssessment>> AssessmentHistory(const std::string& target,
                                                                  const std::string& clause) override {
    std::lock_guard<std::mutex> lock(mutex_);
    CW_ASSIGN_OR_RETURN(PgResult rows, db_->Query(
        "SELECT value FROM org_history WHERE subject = 'assessment' AND subject_key = $1 ORDER BY id",
        {AssessmentKey(target, clause)}));
    return Assessments(rows);
  }

  absl::StatusOr<std::vector<OrganisationChange>> History() override {
    std::lock_guard<std::mutex> lock(mutex_);
    CW_ASSIGN_OR_RETURN(PgResult rows, db_->Query(
        "SELECT id, at, author, subject, subject_key, action, value FROM org_history ORDER BY id"));
    std::vector<OrganisationChange> changes;
    for (int i = 0; i < rows.rows(); ++i) {
      changes.push_back({rows.Int(i, 0), rows.Int(i, 1), rows.Text(i, 2), rows.Text(i, 3), rows.Text(i, 4),
                         rows.Text(i, 5), rows.Text(i, 6)});
    }
    return changes;
  }

  absl::StatusOr<OrganisationState> Snapshot() override {
    std::lock_guard<std::mutex> lock(mutex_);
    // One REPEATABLE READ transaction, so the three lists are of the same instant.
    return db_->Transaction([&]() -> absl::StatusOr<OrganisationState> {
      CW_RETURN_IF_ERROR(db_->Query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ").status());
      OrganisationState state;
      CW_ASSIGN_OR_RETURN(state.decisions, DecisionsLocked());
      CW_ASSIGN_OR_RETURN(state.certifications, CertificationsLocked("", ""));
      CW_ASSIGN_OR_RETURN(state.assessments, AssessmentsLocked());
      return state;
    });
  }

 private:
  absl::Status Log(int64_t at, const std::string& by, const char* subject, const std::string& key, const char* action,
                   const Json& value) {
    return db_->Write("INSERT INTO org_history(at, author, subject, subject_key, action, value) VALUES ($1, $2, $3, $4, $5, $6)",
                      {PgInt(at), by, std::string(subject), key, std::string(action), value.dump()}).status();
  }

  // Every decision, or only decision `id` when it is not 0.
  absl::StatusOr<std::vector<MappingDecision>> DecisionsLocked(int64_t id = 0) {
    CW_ASSIGN_OR_RETURN(PgResult rows, db_->Query(
        "SELECT id, from_catalog, from_ref, to_catalog, to_ref, relationship, verdict, author, reason, decided_at "
        "FROM org_decisions WHERE ($1 = 0 OR id = $1) ORDER BY id", {PgInt(id)}));
    std::vector<MappingDecision> decisions;
    for (int i = 0; i < rows.rows(); ++i) {
      MappingDecision d;
      d.id = rows.Int(i, 0);
      d.from = rows.Text(i, 1);
      d.from_ref = rows.Text(i, 2);
      d.to = rows.Text(i, 3);
      d.to_ref = rows.Text(i, 4);
      d.relationship = rows.Text(i, 5);
      auto verdict = ParseVerdict(rows.Text(i, 6));
      if (!verdict.ok()) return absl::DataLossError(absl::StrCat("decision ", d.id, " in the store: ", verdict.status().message()));
      d.verdict = *verdict;
      d.by = rows.Text(i, 7);
      d.reason = rows.Text(i, 8);
      d.decided_at = rows.Int(i, 9);
      decisions.push_back(std::move(d));
    }
    return decisions;
  }

  // Every certification, or only (standard, certificate) when standard is not empty.
  absl::StatusOr<std::vector<Certification>> CertificationsLocked(const std::string& standard, const std::string& certificate) {
    CW_ASSIGN_OR_RETURN(PgResult rows, db_->Query(
        "SELECT standard, certificate, body, scope, valid_until, last_audit, author, recorded_at FROM org_certifications "
        "WHERE ($1 = '' OR (standard = $1 AND certificate = $2)) ORDER BY standard, certificate",
        {standard, certificate}));
    std::vector<Certification> certifications;
    for (int i = 0; i < rows.rows(); ++i) {
      Certification c;
      c.standard = rows.Text(i, 0);
      c.certificate = rows.Text(i, 1);
      c.body = rows.Text(i, 2);
      c.scope = rows.Text(i, 3);
      c.valid_until = rows.Int(i, 4);
      if (!rows.IsNull(i, 5)) c.last_audit = rows.Int(i, 5);
      c.origin = "api";
      c.by = rows.Text(i, 6);
      c.recorded_at = rows.Int(i, 7);
      certifications.push_back(std::move(c));
    }
    return certifications;
  }

  absl::StatusOr<std::vector<ClauseAssessment>> AssessmentsLocked() {
    CW_ASSIGN_OR_RETURN(PgResult rows, db_->Query("SELECT value FROM org_assessments ORDER BY target, clause"));
    return Assessments(rows);
  }

  static absl::StatusOr<std::vector<ClauseAssessment>> Assessments(const PgResult& rows) {
    std::vector<ClauseAssessment> assessments;
    for (int i = 0; i < rows.rows(); ++i) {
      CW_ASSIGN_OR_RETURN(ClauseAssessment a, AssessmentFromJson(rows.Text(i, 0)));
      assessments.push_back(std::move(a));
    }
    return assessments;
  }

  std::mutex mutex_;
  const std::unique_ptr<PgConnection> db_;
  Clock* const clock_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<OrganisationStore>> OpenPostgresOrganisationStore(const PgTarget& target, Clock* clock) {
  CW_ASSIGN_OR_RETURN(std::unique_ptr<PgConnection> db, PgConnection::Connect(target));
  CW_RETURN_IF_ERROR(MigratePostgresSchema(*db));
  return std::make_unique<PostgresOrganisationStore>(std::move(db), clock != nullptr ? clock : SystemClock());
}

}  // namespace crosswalk
