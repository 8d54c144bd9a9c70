#include "tools/cli/client.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "absl/strings/strip.h"
#include "gateway/core/time_text.h"
#include "tools/cli/cli.h"

namespace crosswalk::cli {

std::unique_ptr<Client> Client::Connect(const std::map<std::string, std::string>& flags, std::ostream& err) {
  auto client = std::make_unique<Client>();
  std::string address = flags.at("--server");
  std::shared_ptr<grpc::ChannelCredentials> credentials;
  if (auto ca = flags.find("--tls-ca"); ca != flags.end()) {
    std::ifstream in(ca->second);
    std::stringstream pem;
    pem << in.rdbuf();
    if (!in) {
      err << "crosswalk: cannot read the CA file " << ca->second << "\n";
      return nullptr;
    }
    grpc::SslCredentialsOptions options;
    options.pem_root_certs = pem.str();
    credentials = grpc::SslCredentials(options);
  } else {
    credentials = grpc::InsecureChannelCredentials();
  }
  std::string token;
  if (auto file = flags.find("--token-file"); file != flags.end()) {
    std::ifstream in(file->second);
    if (!in || !std::getline(in, token)) {
      err << "crosswalk: cannot read the token file " << file->second << "\n";
      return nullptr;
    }
  } else if (const char* env = std::getenv("CROSSWALK_TOKEN"); env != nullptr) {
    token = env;
  }
  client->token_ = std::string(absl::StripAsciiWhitespace(token));
  grpc::ChannelArguments arguments;
  arguments.SetMaxReceiveMessageSize(64 << 20);
  client->channel_ = grpc::CreateCustomChannel(address, credentials, arguments);
  return client;
}

int Failed(const grpc::Status& status, std::ostream& err) {
  static const char* kCodes[] = {"OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED",
                                 "NOT_FOUND", "ALREADY_EXISTS", "PERMISSION_DENIED", "RESOURCE_EXHAUSTED",
                                 "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE", "UNIMPLEMENTED",
                                 "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED"};
  const int code = static_cast<int>(status.error_code());
  err << "crosswalk: " << (code >= 0 && code <= 16 ? kCodes[code] : "ERROR") << ": "
      << status.error_message() << "\n";
  return status.error_code() == grpc::StatusCode::INVALID_ARGUMENT ||
                 status.error_code() == grpc::StatusCode::NOT_FOUND
             ? kExitUsage
             : kExitDataError;
}

std::string Time(int64_t seconds) { return seconds == 0 ? "" : FormatTimestamp(seconds); }

Format FormatOf(const std::map<std::string, std::string>& flags) {
  auto it = flags.find("--format");
  if (it == flags.end()) return Format::kTable;
  return ParseFormat(it->second).value_or(Format::kTable);
}

}  // namespace crosswalk::cli
