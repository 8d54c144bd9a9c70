#ifndef CROSSWALK_GATEWAY_SERVER_REFLECTION_SERVICE_H_
#define CROSSWALK_GATEWAY_SERVER_REFLECTION_SERVICE_H_

#include <memory>
#include <string>
#include <vector>

#include "gateway/server/auth.h"
#include "grpcpp/impl/codegen/service_type.h"

// gRPC server reflection (grpc.reflection.v1 and grpc.reflection.v1alpha), served by crosswalkd
// itself rather than by grpc++_reflection's plugin so that it answers only callers the Authorizer
// admits (README "Security"): with `open`, every caller. The descriptors come from the generated
// pool, so every compiled-in .proto is described; list_services names `services`.
namespace crosswalk::server {

struct ReflectionOptions {
  std::vector<std::string> services;  // fully qualified names of the served services
  const Authorizer* auth = nullptr;   // nullptr: open
};

std::unique_ptr<grpc::Service> NewReflectionV1Service(ReflectionOptions options);
std::unique_ptr<grpc::Service> NewReflectionV1AlphaService(ReflectionOptions options);

// The full names of the two reflection services.
extern const char kReflectionV1[];
extern const char kReflectionV1Alpha[];

}  // namespace crosswalk::server

#endif  // CROSSWALK_GATEWAY_SERVER_REFLECTION_SERVICE_H_
