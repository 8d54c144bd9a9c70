#ifndef CROSSWALK_TOOLS_CLI_CLIENT_H_
#define CROSSWALK_TOOLS_CLI_CLIENT_H_

#include <cstdint>
#include <map>
#include <memory>
#include <ostream>
#include <string>

#include "absl/strings/str_cat.h"
#include "grpcpp/grpcpp.h"
#include "tools/cli/output.h"

// What every gateway command of the CLI shares: the connection, how a refusal is reported, the
// output format flag.
namespace crosswalk::cli {

// A connection and the per-call metadata (bearer token) every RPC carries.
class Client {
 public:
  // From --server, --tls-ca, --token-file (or $CROSSWALK_TOKEN); nullptr after a message on
  // `err` when a file cannot be read.
  static std::unique_ptr<Client> Connect(const std::map<std::string, std::string>& flags,
                                         std::ostream& err);

  // Adds the bearer token to a call.
  void Prepare(grpc::ClientContext& context) const {
    if (!token_.empty()) context.AddMetadata("authorization", absl::StrCat("Bearer ", token_));
  }
  std::shared_ptr<grpc::Channel> channel() const { return channel_; }

 private:
  std::shared_ptr<grpc::Channel> channel_;
  std::string token_;
};

// Prints the gRPC status (its code name and message) and returns the exit code: usage (2) for
// INVALID_ARGUMENT and NOT_FOUND, data error (1) otherwise.
int Failed(const grpc::Status& status, std::ostream& err);

// RFC 3339 UTC, or empty for 0.
std::string Time(int64_t seconds);

// --format as given, table when absent or unknown (the caller checked it).
Format FormatOf(const std::map<std::string, std::string>& flags);

}  // namespace crosswalk::cli

#endif  // CROSSWALK_TOOLS_CLI_CLIENT_H_
