#ifndef CROSSWALK_CONNECTORS_GLPI_GLPI_SESSION_H_
#define CROSSWALK_CONNECTORS_GLPI_GLPI_SESSION_H_

#include <cstdint>
#include <memory>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "connectors/glpi/glpi_options.h"
#include "connectors/http/http_client.h"

namespace crosswalk::glpi {

// The REST API's root under GLPI's base URL.
inline constexpr char kApi[] = "/apirest.php";

// What GLPI said in a non-2xx body: "CODE: message", or the start of the body.
std::string GlpiSays(const HttpResponse& response);

// The GLPI session: opened by initSession through its own transport (so the re-auth hook, which
// runs inside the main transport's Send, never re-enters it), shared by the hook and the reader.
// Thread-compatible.
class Session {
 public:
  // `options` must outlive the session.
  Session(const GlpiOptions& options, std::unique_ptr<HttpClient> client) : options_(options), client_(std::move(client)) {}

  const std::string& token() const { return token_; }
  int64_t opened() const { return opened_; }  // how many sessions were opened

  // The credential headers of every request after initSession.
  void AddHeaders(HttpRequest& request) const;
  // initSession; the error names the setting to check.
  absl::Status Open();
  // killSession, best effort: a session left open expires on its own.
  void Kill();

 private:
  const GlpiOptions& options_;
  std::unique_ptr<HttpClient> client_;
  std::string token_;
  int64_t opened_ = 0;
};

}  // namespace crosswalk::glpi

#endif  // CROSSWALK_CONNECTORS_GLPI_GLPI_SESSION_H_
