// crosswalk.v1.Sam (sam.proto): the installations per device and the titles with their counts,
// over the store, read with the gateway's software rules (sam::BuildInstallView); the licence
// position and its consumption trail (sam::BuildSamReport).
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "crosswalk/v1/sam.grpc.pb.h"
#include "gateway/sam/install_view.h"
#include "gateway/sam/sam_report.h"
#include "gateway/core/status_macros.h"
#include "gateway/server/services.h"

namespace crosswalk::server {
namespace {

v1::Install InstallToProto(const sam::InstallRow& row) {
  v1::Install install;
  install.set_device(row.device);
  install.set_publisher(row.publisher);
  install.set_product(row.product);
  install.set_version(row.version);
  install.set_edition(row.edition);
  install.set_arch(row.arch);
  install.set_class_(sam::ClassName(row.kind));
  install.set_raw_name(row.evidences.front().raw_name);
  install.set_free(row.free);
  install.set_reason(row.reason);
  for (const std::string& rule : row.rules) install.add_rules(rule);
  for (const sam::InstallEvidence& e : row.evidences) {
    v1::InstallEvidence* evidence = install.add_evidences();
    evidence->set_source(e.source);
    evidence->set_native_id(e.native_id);
    evidence->set_raw_name(e.raw_name);
    evidence->set_from(e.from);
    evidence->set_format(e.format);
    evidence->set_evidence(e.evidence);
    evidence->set_publisher(e.publisher);
  }
  return install;
}

v1::ProductPosition PositionToProto(const sam::ProductPosition& p, int64_t demands) {
  v1::ProductPosition out;
  out.set_publisher(p.publisher);
  out.set_product(p.product);
  out.set_metric(sam::MetricName(p.metric));
  out.set_owned(p.owned);
  out.set_unlimited(p.unlimited);
  out.set_consumed(p.consumed);
  out.set_shortfall(p.shortfall);
  out.set_position(p.position);
  out.set_status(sam::PositionStatus(p));
  for (const std::string& e : p.entitlements) out.add_entitlements(e);
  for (const std::string& note : p.notes) out.add_notes(note);
  out.set_devices(demands);
  return out;
}

v1::LicenceDemand DemandToProto(const sam::Demand& d, const sam::SamReport& report) {
  v1::LicenceDemand out;
  out.set_publisher(d.publisher);
  out.set_product(d.product);
  out.set_metric(sam::MetricName(d.metric));
  out.set_subject(d.subject);
  out.set_basis(d.basis);
  out.set_required(d.required);
  out.set_covered(d.covered);
  for (const std::string& install : d.installs) out.add_installs(install);
  for (const sam::Considered& c : d.considered) {
    v1::ConsideredEntitlement* considered = out.add_considered();
    considered->set_entitlement(c.entitlement);
    considered->set_consumed(c.consumed);
    considered->set_rejected(c.rejected);
    auto record = report.entitlement_record.find(c.entitlement);
    if (record != report.entitlement_record.end()) considered->set_record(record->second);
  }
  return out;
}

class SamService final : public v1::Sam::Service {
 public:
  SamService(Gateway* gateway, const Authorizer* auth) : gateway_(gateway), auth_(auth) {}

  grpc::Status ListInstalls(grpc::ServerContext* context, const v1::ListInstallsRequest* request,
                            grpc::ServerWriter<v1::Install>* writer) override {
    CW_AUTHORIZE(context, Role::kRead);
    auto view = sam::BuildInstallView(gateway_->store(), gateway_->software(), {request->device(), request->class_()});
    if (!view.ok()) return ToGrpc(view.status());
    for (const sam::InstallRow& row : view->installs) {
      if (!writer->Write(InstallToProto(row))) return Gone();
    }
    return grpc::Status::OK;
  }

  grpc::Status ListTitles(grpc::ServerContext* context, const v1::ListTitlesRequest* request,
                          grpc::ServerWriter<v1::TitleCount>* writer) override {
    CW_AUTHORIZE(context, Role::kRead);
    auto view = sam::BuildInstallView(gateway_->store(), gateway_->software(), {"", request->class_()});
    if (!view.ok()) return ToGrpc(view.status());
    for (const sam::TitleCount& title : view->titles) {
      v1::TitleCount count;
      count.set_class_(sam::ClassName(title.kind));
      count.set_publisher(title.publisher);
      count.set_product(title.product);
      count.set_installs(title.installs);
      count.set_devices(title.devices);
      if (!writer->Write(count)) return Gone();
    }
    return grpc::Status::OK;
  }

  grpc::Status GetPosition(grpc::ServerContext* context, const v1::PositionRequest* request,
                           grpc::ServerWriter<v1::ProductPosition>* writer) override {
    CW_AUTHORIZE(context, Role::kRead);
    auto report = Report(request->as_of());
    if (!report.ok()) return ToGrpc(report.status());
    std::map<std::pair<std::string, std::string>, int64_t> demands;  // (publisher, product) → demands
    for (const sam::Demand& d : (*report)->position.demands) ++demands[{d.publisher, d.product}];
    for (const sam::ProductPosition& p : (*report)->position.products) {
      if (!sam::ProductMatches(p.publisher, p.product, request->product())) continue;
      if (!writer->Write(PositionToProto(p, demands[{p.publisher, p.product}]))) return Gone();
    }
    return grpc::Status::OK;
  }

  grpc::Status Explain(grpc::ServerContext* context, const v1::ExplainRequest* request,
                       grpc::ServerWriter<v1::LicenceDemand>* writer) override {
    CW_AUTHORIZE(context, Role::kRead);
    auto report = Report(request->as_of());
    if (!report.ok()) return ToGrpc(report.status());
    const sam::DemandFilter concerns(**report, request->device());
    for (const sam::Demand& d : (*report)->position.demands) {
      if (!sam::ProductMatches(d.publisher, d.product, request->product()) || !concerns.Concerns(d)) continue;
      if (!writer->Write(DemandToProto(d, **report))) return Gone();
    }
    return grpc::Status::OK;
  }

  grpc::Status ListExceptions(grpc::ServerContext* context, const v1::ListExceptionsRequest* request,
                              grpc::ServerWriter<v1::SamException>* writer) override {
    CW_AUTHORIZE(context, Role::kRead);
    const std::vector<std::string>& kinds = sam::ExceptionKinds();
    if (!request->kind().empty() && std::find(kinds.begin(), kinds.end(), request->kind()) == kinds.end()) {
      return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                          absl::StrCat("unknown exception kind '", request->kind().substr(0, 64), "' (", absl::StrJoin(kinds, ", "), ")"));
    }
    auto report = Report(request->as_of());
    if (!report.ok()) return ToGrpc(report.status());
    for (const sam::SamException& e : (*report)->exceptions) {
      if (!request->kind().empty() && e.kind != request->kind()) continue;
      v1::SamException out;
      out.set_kind(e.kind);
      out.set_subject(e.subject);
      out.set_detail(e.detail);
      out.set_clause(e.clause);
      for (const std::string& record : e.evidence) out.add_evidence(record);
      if (!writer->Write(out)) return Gone();
    }
    return grpc::Status::OK;
  }

  grpc::Status Refresh(grpc::ServerContext* context, const v1::RefreshSamRequest*, v1::RefreshSamResponse* response) override {
    CW_AUTHORIZE(context, Role::kSync);
    auto written = gateway_->RefreshSam();
    if (!written.ok()) return ToGrpc(written.status());
    response->set_created(written->created);
    response->set_updated(written->updated);
    response->set_unchanged(written->unchanged);
    response->set_deleted(written->deleted);
    return grpc::Status::OK;
  }

 private:
  absl::StatusOr<std::shared_ptr<const sam::SamReport>> Report(const std::string& as_of_text) {
    CW_ASSIGN_OR_RETURN(const int64_t as_of, sam::ParseAsOf(as_of_text, gateway_->clock()->NowSeconds()));
    return gateway_->SamReport(as_of);
  }
  static grpc::Status Gone() { return grpc::Status(grpc::StatusCode::CANCELLED, "the client went away"); }

  Gateway* gateway_;
  const Authorizer* auth_;
};

}  // namespace

std::unique_ptr<grpc::Service> NewSamService(Gateway* gateway, const Authorizer* auth) {
  return std::make_unique<SamService>(gateway, auth);
}

}  // namespace crosswalk::server
