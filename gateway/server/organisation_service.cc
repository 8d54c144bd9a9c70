// The Decisions, Certifications and Assessments services (organisation.proto) over one Gateway.
#include <algorithm>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "crosswalk/v1/organisation.grpc.pb.h"
#include "gateway/server/listing_bounds.h"
#include "gateway/server/organisation_convert.h"
#include "gateway/server/page_token.h"
#include "gateway/server/services.h"

namespace crosswalk::server {
namespace {

// One page of `items` (already filtered and ordered) into `out`: from the request's page token,
// at most page_size items (0: 100; 1…1000), ending before the item that would take the response
// past `budget` bytes (never empty). `filter_key` ties the issued token to the call and filters.
// Every item's texts are bounded when written (organisation_convert.cc), so a page always fits.
template <typename Item, typename Request, typename Response, typename Field, typename Convert>
grpc::Status FillPage(const std::vector<Item>& items, const Request& request, const std::string& filter_key,
                      size_t budget, Response* response, Field* out, Convert convert) {
  if (request.page_size() < 0 || request.page_size() > 1000) {
    return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "page_size must be 0 to 1000");
  }
  const int page_size = request.page_size() == 0 ? 100 : request.page_size();
  auto position = ReadPageToken(filter_key, request.page_token());
  if (!position.ok()) return ToGrpc(position.status());
  size_t next = 0;
  if (!position->empty() && !absl::SimpleAtoi(*position, &next)) {
    return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "page_token was not issued by this listing");
  }
  for (; next < items.size() && out->size() < page_size; ++next) {
    *out->Add() = convert(items[next]);
    if (out->size() > 1 && response->ByteSizeLong() > budget) {
      out->RemoveLast();
      break;
    }
  }
  if (next < items.size()) response->set_next_page_token(IssuePageToken(filter_key, absl::StrCat(next)));
  return grpc::Status::OK;
}

size_t Budget(Gateway* gateway) { return PageBudget(gateway->config().max_message_bytes); }

// A page of the history's changes to `subject` ("decision", "certification") into `response`.
grpc::Status SubjectHistory(Gateway* gateway, const char* subject, const v1::ChangeHistoryRequest& request,
                            v1::ChangeHistoryResponse* response) {
  auto history = gateway->organisation_store().History();
  if (!history.ok()) return ToGrpc(history.status());
  std::vector<OrganisationChange> changes;
  for (OrganisationChange& change : *history) {
    if (change.subject == subject) changes.push_back(std::move(change));
  }
  return FillPage(changes, request, FilterKey({"history", subject}), Budget(gateway), response,
                  response->mutable_changes(),
                  [](const OrganisationChange& c) { return ToProto(c); });
}

class DecisionsService final : public v1::Decisions::Service {
 public:
  DecisionsService(Gateway* gateway, const Authorizer* auth) : gateway_(gateway), auth_(auth) {}

  grpc::Status Add(grpc::ServerContext* context, const v1::AddDecisionRequest* request,
                   v1::AddDecisionResponse* response) override {
    CW_AUTHORIZE(context, Role::kAdmin);
    auto decision = DecisionFromProto(request->decision(), gateway_->mapping());
    if (!decision.ok()) return ToGrpc(decision.status());
    auto kept = gateway_->organisation_store().AddDecision(*decision);
    if (!kept.ok()) return ToGrpc(kept.status());
    *response->mutable_decision() = ToProto(*kept);
    return grpc::Status::OK;
  }

  grpc::Status List(grpc::ServerContext* context, const v1::ListDecisionsRequest* request,
                    v1::ListDecisionsResponse* response) override {
    CW_AUTHORIZE(context, Role::kRead);
    auto decisions = gateway_->organisation_store().ListDecisions();
    if (!decisions.ok()) return ToGrpc(decisions.status());
    return FillPage(*decisions, *request, FilterKey({"decisions"}), Budget(gateway_), response,
                    response->mutable_decisions(), [](const MappingDecision& d) { return ToProto(d); });
  }

  grpc::Status Remove(grpc::ServerContext* context, const v1::RemoveDecisionRequest* request,
                      v1::RemoveDecisionResponse*) override {
    CW_AUTHORIZE(context, Role::kAdmin);
    if (absl::Status status = CheckBy(request->by()); !status.ok()) return ToGrpc(status);
    return ToGrpc(gateway_->organisation_store().RemoveDecision(request->id(), request->by()));
  }

  grpc::Status History(grpc::ServerContext* context, const v1::ChangeHistoryRequest* request,
                       v1::ChangeHistoryResponse* response) override {
    CW_AUTHORIZE(context, Role::kRead);
    return SubjectHistory(gateway_, "decision", *request, response);
  }

 private:
  Gateway* gateway_;
  const Authorizer* auth_;
};

class CertificationsService final : public v1::Certifications::Service {
 public:
  CertificationsService(Gateway* gateway, const Authorizer* auth) : gateway_(gateway), auth_(auth) {}

  grpc::Status Add(grpc::ServerContext* context, const v1::AddCertificationRequest* request,
                   v1::AddCertificationResponse* response) override {
    CW_AUTHORIZE(context, Role::kAdmin);
    auto certification = CertificationFromProto(request->certification(), gateway_->mapping());
    if (!certification.ok()) return ToGrpc(certification.status());
    if (IsConfigured(certification->standard, certification->certificate)) return ConfiguredRefusal(*certification);
    auto kept = gateway_->organisation_store().PutCertification(*certification);
    if (!kept.ok()) return ToGrpc(kept.status());
    *response->mutable_certification() = ToProto(*kept);
    return grpc::Status::OK;
  }

  grpc::Status List(grpc::ServerContext* context, const v1::ListCertificationsRequest* request,
                    v1::ListCertificationsResponse* response) override {
    CW_AUTHORIZE(context, Role::kRead);
    auto state = gateway_->Organisation();
    if (!state.ok()) return ToGrpc(state.status());
    return FillPage(state->certifications, *request, FilterKey({"certifications"}), Budget(gateway_), response,
                    response->mutable_certifications(), [](const Certification& c) { return ToProto(c); });
  }

  grpc::Status Remove(grpc::ServerContext* context, const v1::RemoveCertificationRequest* request,
                      v1::RemoveCertificationResponse*) override {
    CW_AUTHORIZE(context, Role::kAdmin);
    if (absl::Status status = CheckBy(request->by()); !status.ok()) return ToGrpc(status);
    auto standard = gateway_->mapping().ResolveCatalog(request->standard());
    if (!standard.ok()) return ToGrpc(absl::Status(standard.status().code(), absl::StrCat("standard: ", standard.status().message())));
    Certification key;
    key.standard = (*standard)->id;
    key.certificate = request->certificate();
    if (IsConfigured(key.standard, key.certificate)) return ConfiguredRefusal(key);
    return ToGrpc(gateway_->organisation_store().RemoveCertification(key.standard, key.certificate, request->by()));
  }

  grpc::Status History(grpc::ServerContext* context, const v1::ChangeHistoryRequest* request,
                       v1::ChangeHistoryResponse* response) override {
    CW_AUTHORIZE(context, Role::kRead);
    return SubjectHistory(gateway_, "certification", *request, response);
  }

 private:
  bool IsConfigured(const std::string& standard, const std::string& certificate) const {
    const std::vector<Certification>& configured = gateway_->configured_certifications();
    return std::any_of(configured.begin(), configured.end(), [&](const Certification& c) {
      return c.standard == standard && c.certificate == certificate;
    });
  }
  static grpc::Status ConfiguredRefusal(const Certification& certification) {
    return grpc::Status(grpc::StatusCode::FAILED_PRECONDITION,
                        absl::StrCat("certification ", certification.certificate, " of ", certification.standard,
                                     " is declared in crosswalkd's configuration (certifications:); change it there"));
  }

  Gateway* gateway_;
  const Authorizer* auth_;
};

class AssessmentsService final : public v1::Assessments::Service {
 public:
  AssessmentsService(Gateway* gateway, const Authorizer* auth) : gateway_(gateway), auth_(auth) {}

  grpc::Status Set(grpc::ServerContext* context, const v1::SetAssessmentRequest* request,
                   v1::SetAssessmentResponse* response) override {
    CW_AUTHORIZE(context, Role::kAdmin);
    auto clause = ResolveClause(gateway_->mapping(), request->target(), request->clause());
    if (!clause.ok()) return ToGrpc(clause.status());
    // The current assessment and its replacement under one lock, so two concurrent partial
    // changes of one clause do not lose each other's fields.
    std::lock_guard<std::mutex> lock(set_mutex_);
    auto history = gateway_->organisation_store().AssessmentHistory(clause->first, clause->second);
    if (!history.ok()) return ToGrpc(history.status());
    ClauseAssessment current;
    if (!history->empty()) current = history->back();
    current.target = clause->first;
    current.clause = clause->second;
    auto changed = ApplyAssessment(*request, std::move(current));
    if (!changed.ok()) return ToGrpc(changed.status());
    auto kept = gateway_->organisation_store().SetAssessment(*changed);
    if (!kept.ok()) return ToGrpc(kept.status());
    *response->mutable_assessment() = ToProto(*kept);
    return grpc::Status::OK;
  }

  grpc::Status List(grpc::ServerContext* context, const v1::ListAssessmentsRequest* request,
                    v1::ListAssessmentsResponse* response) override {
    CW_AUTHORIZE(context, Role::kRead);
    std::string target;
    if (!request->target().empty()) {
      auto catalog = gateway_->mapping().ResolveCatalog(request->target());
      if (!catalog.ok()) return ToGrpc(absl::Status(catalog.status().code(), absl::StrCat("target: ", catalog.status().message())));
      target = (*catalog)->id;
    }
    auto assessments = gateway_->organisation_store().ListAssessments();
    if (!assessments.ok()) return ToGrpc(assessments.status());
    std::vector<ClauseAssessment> listed;
    for (ClauseAssessment& assessment : *assessments) {
      if (target.empty() || assessment.target == target) listed.push_back(std::move(assessment));
    }
    return FillPage(listed, *request, FilterKey({"assessments", target}), Budget(gateway_), response,
                    response->mutable_assessments(), [](const ClauseAssessment& a) { return ToProto(a); });
  }

  grpc::Status History(grpc::ServerContext* context, const v1::AssessmentHistoryRequest* request,
                       v1::AssessmentHistoryResponse* response) override {
    CW_AUTHORIZE(context, Role::kRead);
    auto clause = ResolveClause(gateway_->mapping(), request->target(), request->clause());
    if (!clause.ok()) return ToGrpc(clause.status());
    auto history = gateway_->organisation_store().AssessmentHistory(clause->first, clause->second);
    if (!history.ok()) return ToGrpc(history.status());
    return FillPage(*history, *request, FilterKey({"assessment-history", clause->first, clause->second}),
                    Budget(gateway_), response, response->mutable_assessments(),
                    [](const ClauseAssessment& a) { return ToProto(a); });
  }

 private:
  Gateway* gateway_;
  const Authorizer* auth_;
  std::mutex set_mutex_;
};

}  // namespace

std::unique_ptr<grpc::Service> NewDecisionsService(Gateway* gateway, const Authorizer* auth) {
  return std::make_unique<DecisionsService>(gateway, auth);
}
std::unique_ptr<grpc::Service> NewCertificationsService(Gateway* gateway, const Authorizer* auth) {
  return std::make_unique<CertificationsService>(gateway, auth);
}
std::unique_ptr<grpc::Service> NewAssessmentsService(Gateway* gateway, const Authorizer* auth) {
  return std::make_unique<AssessmentsService>(gateway, auth);
}

}  // namespace crosswalk::server
