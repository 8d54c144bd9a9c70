#include "gateway/server/reflection_service.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/descriptor.pb.h"
#include "grpc/reflection/v1/reflection.grpc.pb.h"
#include "grpc/reflection/v1alpha/reflection.grpc.pb.h"

namespace crosswalk::server {

const char kReflectionV1[] = "grpc.reflection.v1.ServerReflection";
const char kReflectionV1Alpha[] = "grpc.reflection.v1alpha.ServerReflection";

namespace {

namespace pb = google::protobuf;

// `file` and, after it, every file it imports (transitively), each once.
void AddFileAndDependencies(const pb::FileDescriptor* file, std::set<std::string>& seen,
                            std::vector<std::string>& out) {
  if (!seen.insert(file->name()).second) return;
  pb::FileDescriptorProto proto;
  file->CopyTo(&proto);
  out.push_back(proto.SerializeAsString());
  for (int i = 0; i < file->dependency_count(); ++i) AddFileAndDependencies(file->dependency(i), seen, out);
}

// One implementation for both packages: their messages have the same fields and names.
template <typename Service, typename Request, typename Response>
class ReflectionService final : public Service {
 public:
  explicit ReflectionService(ReflectionOptions options) : options_(std::move(options)) {}

  grpc::Status ServerReflectionInfo(grpc::ServerContext* context,
                                    grpc::ServerReaderWriter<Response, Request>* stream) override {
    if (options_.auth != nullptr) {
      grpc::Status allowed = options_.auth->Check(*context, Role::kRead);
      if (!allowed.ok()) return allowed;
    }
    Request request;
    while (stream->Read(&request)) {
      Response response;
      response.set_valid_host(request.host());
      *response.mutable_original_request() = request;
      Answer(request, response);
      if (!stream->Write(response)) break;
    }
    return grpc::Status::OK;
  }

 private:
  void Answer(const Request& request, Response& response) const {
    const pb::DescriptorPool* pool = pb::DescriptorPool::generated_pool();
    const pb::FileDescriptor* file = nullptr;
    switch (request.message_request_case()) {
      case Request::kListServices:
        for (const std::string& name : options_.services) {
          response.mutable_list_services_response()->add_service()->set_name(name);
        }
        return;
      case Request::kFileByFilename:
        file = pool->FindFileByName(request.file_by_filename());
        if (file == nullptr) return Error(response, absl::StrCat("no file '", request.file_by_filename(), "'"));
        break;
      case Request::kFileContainingSymbol:
        file = pool->FindFileContainingSymbol(request.file_containing_symbol());
        if (file == nullptr) return Error(response, absl::StrCat("no symbol '", request.file_containing_symbol(), "'"));
        break;
      case Request::kFileContainingExtension: {
        const auto& wanted = request.file_containing_extension();
        const pb::Descriptor* type = pool->FindMessageTypeByName(wanted.containing_type());
        const pb::FieldDescriptor* extension =
            type == nullptr ? nullptr : pool->FindExtensionByNumber(type, wanted.extension_number());
        if (extension == nullptr) {
          return Error(response, absl::StrCat("no extension ", wanted.extension_number(), " of '", wanted.containing_type(), "'"));
        }
        file = extension->file();
        break;
      }
      case Request::kAllExtensionNumbersOfType: {
        const pb::Descriptor* type = pool->FindMessageTypeByName(request.all_extension_numbers_of_type());
        if (type == nullptr) return Error(response, absl::StrCat("no type '", request.all_extension_numbers_of_type(), "'"));
        std::vector<const pb::FieldDescriptor*> extensions;
        pool->FindAllExtensions(type, &extensions);
        auto* numbers = response.mutable_all_extension_numbers_response();
        numbers->set_base_type_name(type->full_name());
        for (const pb::FieldDescriptor* extension : extensions) numbers->add_extension_number(extension->number());
        return;
      }
      default:
        return Error(response, "the request asks nothing this server knows", grpc::StatusCode::UNIMPLEMENTED);
    }
    std::set<std::string> seen;
    std::vector<std::string> files;
    AddFileAndDependencies(file, seen, files);
    for (std::string& bytes : files) {
      response.mutable_file_descriptor_response()->add_file_descriptor_proto(std::move(bytes));
    }
  }

  static void Error(Response& response, const std::string& message,
                    grpc::StatusCode code = grpc::StatusCode::NOT_FOUND) {
    response.mutable_error_response()->set_error_code(static_cast<int32_t>(code));
    response.mutable_error_response()->set_error_message(message);
  }

  ReflectionOptions options_;
};

}  // namespace

std::unique_ptr<grpc::Service> NewReflectionV1Service(ReflectionOptions options) {
  namespace r = grpc::reflection::v1;
  return std::make_unique<ReflectionService<r::ServerReflection::Service, r::ServerReflectionRequest,
                                            r::ServerReflectionResponse>>(std::move(options));
}

std::unique_ptr<grpc::Service> NewReflectionV1AlphaService(ReflectionOptions options) {
  namespace r = grpc::reflection::v1alpha;
  return std::make_unique<ReflectionService<r::ServerReflection::Service, r::ServerReflectionRequest,
                                            r::ServerReflectionResponse>>(std::move(options));
}

}  // namespace crosswalk::server
