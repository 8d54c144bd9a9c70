// crosswalk.v1.Sam (sam.proto): the installations per device and the titles with their counts,
// over the store, read with the gateway's software rules (sam::BuildInstallView).
#include "crosswalk/v1/sam.grpc.pb.h"
#include "gateway/sam/install_view.h"
#include "gateway/server/services.h"

namespace crosswalk::server {
namespace {

v1::Install ToProto(const sam::InstallRow& row) {
  v1::Install install;
  install.set_device(row.device);
  install.set_publisher(row.publisher);
  install.set_product(row.product);
  install.set_version(row.version);
  install.set_edition(row.edition);
  install.set_arch(row.arch);
  install.set_class_(sam::ClassName(row.kind));
  install.set_raw_name(row.evidences.front().raw_name);
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

class SamService final : public v1::Sam::Service {
 public:
  SamService(Gateway* gateway, const Authorizer* auth) : gateway_(gateway), auth_(auth) {}

  grpc::Status ListInstalls(grpc::ServerContext* context, const v1::ListInstallsRequest* request,
                            grpc::ServerWriter<v1::Install>* writer) override {
    CW_AUTHORIZE(context, Role::kRead);
    auto view = sam::BuildInstallView(gateway_->store(), gateway_->software(), {request->device(), request->class_()});
    if (!view.ok()) return ToGrpc(view.status());
    for (const sam::InstallRow& row : view->installs) {
      if (!writer->Write(ToProto(row))) return grpc::Status(grpc::StatusCode::CANCELLED, "the client went away");
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
      if (!writer->Write(count)) return grpc::Status(grpc::StatusCode::CANCELLED, "the client went away");
    }
    return grpc::Status::OK;
  }

 private:
  Gateway* gateway_;
  const Authorizer* auth_;
};

}  // namespace

std::unique_ptr<grpc::Service> NewSamService(Gateway* gateway, const Authorizer* auth) {
  return std::make_unique<SamService>(gateway, auth);
}

}  // namespace crosswalk::server
