#ifndef CROSSWALK_GATEWAY_SERVER_CONFIG_H_
#define CROSSWALK_GATEWAY_SERVER_CONFIG_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "gateway/core/organisation.h"
#include "gateway/sync/sync_engine.h"

namespace crosswalk::server {

// Sources named with this prefix are imports (`crosswalk import`); configured names may not use it.
inline constexpr char kImportPrefix[] = "import:";

enum class Role { kRead = 1, kSync = 2, kAdmin = 3 };
absl::StatusOr<Role> ParseRole(const std::string& text);
const char* RoleName(Role role);

// A bearer token as the server keeps it: never the token itself, only its SHA-256.
struct TokenEntry {
  std::string name;
  Role role = Role::kRead;
  std::string sha256;  // lower-case hex
};

// A certification the configuration declares (`certifications:`), origin "config"; its standard
// as written (Gateway resolves it against the catalogs and names `position` when it is unknown).
struct ConfiguredCertification {
  Certification certification;
  std::string position;  // "file:line:column" of the entry
};

// crosswalkd's configuration (README "Configuration"). Relative paths in the file are resolved
// against the file's directory.
struct GatewayConfig {
  std::string listen = "127.0.0.1:50051";
  // Where records live: a SQLite file (default crosswalk.db beside the config file) or a
  // PostgreSQL database, postgresql://USER@HOST:PORT/DB (docs/store.md; never with a password).
  std::string store;
  // PostgreSQL: a file whose first line is the password; empty: libpq's PGPASSWORD, PGPASSFILE or
  // ~/.pgpass. Checked readable when the file is read.
  std::string store_password_file;
  // Where this gateway keeps imports and sources added through the API; empty: beside a SQLite
  // store (<store>.imports/, <store>.sources.json). Required with a PostgreSQL store.
  std::string data_dir;
  std::string mappings;        // mapping data directory; empty: the installed or source copy
  std::string titles;          // the user's Japanese titles, CSV catalog,ref,title_ja (japanese_titles.h)
  std::string tls_cert, tls_key;
  std::vector<TokenEntry> tokens;
  // limits: (README "Configuration"); each validated against its range when the file is read.
  int64_t max_message_bytes = 4 << 20;
  int64_t max_import_bytes = int64_t{1} << 30;
  int64_t max_record_bytes = 16 << 20;   // the largest a client's import may ask for
  int64_t report_memory_bytes = int64_t{2} << 30;  // reports rendered at once, by estimate
  int shutdown_seconds = 10;             // SIGTERM: running calls are cancelled after this
  int batch_size = 2000;
  // sam: a CMDB CI no inventory saw for more than this many days lacks a recent inventory.
  int sam_stale_days = 30;
  // Server reflection: "authenticated" (the read role, like every query), "open" (no token) or
  // "off" (not served).
  std::string reflection = "authenticated";
  std::vector<SourceDefinition> sources;
  // secrets_dir: where sources added through the API (`crosswalk sources add`) read their secret
  // files; empty: such sources may take secrets from CROSSWALK_SECRET_* variables only
  // (docs/sources.md "Add a source").
  std::string secrets_dir;
  std::vector<ConfiguredCertification> certifications;
  // reports: (docs/dates.md). `timezone`: the IANA zone reports are reckoned in unless a
  // request names one; checked against the system zoneinfo when the file is read.
  // `resolution_targets`: a CSV service,priority,hours; `working_hours`, `working_days` and
  // `holidays` (a CSV date,name) make the working-hours calendar. Paths resolved; all checked
  // when the file is read.
  struct Reports {
    std::string timezone = "UTC";
    std::string resolution_targets;
    std::string working_hours, working_days, holidays;
  } reports;
};

// Where the gateway keeps imports (a directory) and sources added through the API (a file).
std::string ImportsDirectory(const GatewayConfig& config);
std::string AddedSourcesFile(const GatewayConfig& config);

// OK when `name` may name a source: 1 to 100 letters, digits, '.', '_', ':' and '-', not starting
// with "import:" (imports) or "removed:" (records kept by `sources remove --keep-records`);
// INVALID_ARGUMENT saying which rule it breaks.
absl::Status CheckSourceName(const std::string& name);

// Reads the YAML file. INVALID_ARGUMENT names the file, line and column and what was expected, for
// an unknown key, a wrong type, a bad role, a missing token file or env variable, a repeated source
// name, a certification without standard, certificate, body or valid_until, a date not
// YYYY-MM-DD, a repeated (standard, certificate). Source options are checked later against the connector's keys. Token values are read from
// `file` (first line) or `env` and only their digests kept.
absl::StatusOr<GatewayConfig> LoadGatewayConfig(const std::string& path);

// True for 127.0.0.0/8, ::1 and localhost listen hosts.
bool IsLoopbackAddress(const std::string& host_port);

}  // namespace crosswalk::server

#endif  // CROSSWALK_GATEWAY_SERVER_CONFIG_H_
