#ifndef CROSSWALK_GATEWAY_SERVER_SERVICES_H_
#define CROSSWALK_GATEWAY_SERVER_SERVICES_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "gateway/server/auth.h"
#include "gateway/server/gateway.h"
#include "grpcpp/impl/codegen/service_type.h"

// The crosswalk.v1 services over one Gateway. Each RPC first asks the Authorizer for the role it
// needs: read for queries, sync for Sync.Run and Sources.Import.
namespace crosswalk::server {

std::unique_ptr<grpc::Service> NewSourcesService(Gateway* gateway, const Authorizer* auth);
std::unique_ptr<grpc::Service> NewSyncService(Gateway* gateway, const Authorizer* auth);
std::unique_ptr<grpc::Service> NewRecordsService(Gateway* gateway, const Authorizer* auth);
std::unique_ptr<grpc::Service> NewMappingService(Gateway* gateway, const Authorizer* auth);
// Reports; `clock` gives the default report date (today, UTC).
std::unique_ptr<grpc::Service> NewReportsService(Gateway* gateway, const Authorizer* auth, Clock* clock);

// Decisions, Certifications and Assessments (organisation.proto): reads need the read role,
// writes the admin role.
std::unique_ptr<grpc::Service> NewDecisionsService(Gateway* gateway, const Authorizer* auth);
std::unique_ptr<grpc::Service> NewCertificationsService(Gateway* gateway, const Authorizer* auth);
std::unique_ptr<grpc::Service> NewAssessmentsService(Gateway* gateway, const Authorizer* auth);

// Sam (sam.proto): the installations per device and the titles with their counts; read role.
std::unique_ptr<grpc::Service> NewSamService(Gateway* gateway, const Authorizer* auth);

// The full names of the crosswalk.v1 services above ("crosswalk.v1.Records", ...).
std::vector<std::string> ServedServiceNames();

// The one place where absl::Status becomes grpc::Status (codes map one to one). The message goes
// through ClientRedactor() (path_redactor.h): no absolute server path reaches a client; when it
// changed anything, the full status is logged on stderr.
grpc::Status ToGrpc(const absl::Status& status);

}  // namespace crosswalk::server

#endif  // CROSSWALK_GATEWAY_SERVER_SERVICES_H_
