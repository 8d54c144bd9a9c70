#include "gateway/server/config.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>

#include <unistd.h>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "gateway/core/organisation_text.h"
#include "gateway/core/sha256.h"
#include "gateway/core/status_macros.h"
#include "gateway/core/unicode.h"
#include "gateway/core/yaml_text.h"
#include "gateway/report/report_zone.h"
#include "gateway/report/service_targets.h"
#include "gateway/report/working_calendar.h"
#include "gateway/sam/sam_evidence.h"
#include "gateway/store/store_url.h"
#include "yaml-cpp/yaml.h"

namespace crosswalk::server {
namespace {

std::string Resolve(const std::string& base_dir, const std::string& path) {
  if (path.empty() || path[0] == '/') return path;
  return base_dir.empty() ? path : absl::StrCat(base_dir, "/", path);
}

class Reader {
 public:
  explicit Reader(std::string path) : path_(std::move(path)) {}

  absl::Status Error(const YAML::Node& node, absl::string_view what) const {
    const YAML::Mark mark = node.Mark();
    return absl::InvalidArgumentError(absl::StrCat(path_, ":", mark.line + 1, ":", mark.column + 1, ": ", what));
  }

  // Checks that `node` is a map whose keys are all in `keys`.
  absl::Status Keys(const YAML::Node& node, const std::set<std::string>& keys, absl::string_view what) const {
    if (!node.IsMap()) return Error(node, absl::StrCat(what, " must be a mapping of keys to values"));
    for (const auto& entry : node) {
      const std::string key = entry.first.as<std::string>();
      if (!keys.count(key)) {
        return Error(entry.first, absl::StrCat("unknown key '", key, "' in ", what, " (expected one of: ",
                                               absl::StrJoin(keys, ", "), ")"));
      }
    }
    return absl::OkStatus();
  }

  absl::StatusOr<std::string> Scalar(const YAML::Node& node, absl::string_view what) const {
    if (!node.IsScalar()) return Error(node, absl::StrCat(what, " must be a single value"));
    std::string value = RepairYamlScalar(node.as<std::string>());  // yaml_text.h: `\_`, `\N`
    if (!IsValidUtf8(value)) return Error(node, absl::StrCat(what, " is not valid UTF-8"));
    return value;
  }

  absl::StatusOr<int64_t> Integer(const YAML::Node& node, absl::string_view what) const {
    try {
      return node.as<int64_t>();
    } catch (const YAML::Exception&) {
      return Error(node, absl::StrCat(what, " must be a whole number"));
    }
  }

  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// `certifications:`, a list of {standard, certificate, body, scope, valid_until, last_audit}.
absl::StatusOr<std::vector<ConfiguredCertification>> ReadCertifications(const Reader& reader, const YAML::Node& list) {
  if (!list.IsSequence()) return reader.Error(list, "certifications must be a list");
  std::vector<ConfiguredCertification> out;
  std::set<std::pair<std::string, std::string>> keys;
  for (const YAML::Node& entry : list) {
    if (auto status = reader.Keys(entry, {"standard", "certificate", "body", "scope", "valid_until", "last_audit"},
                                  "a certification");
        !status.ok()) {
      return status;
    }
    for (const char* required : {"standard", "certificate", "body", "valid_until"}) {
      if (!entry[required]) return reader.Error(entry, absl::StrCat("a certification needs ", required));
    }
    ConfiguredCertification configured;
    Certification& c = configured.certification;
    CW_ASSIGN_OR_RETURN(c.standard, reader.Scalar(entry["standard"], "standard"));
    CW_ASSIGN_OR_RETURN(c.certificate, reader.Scalar(entry["certificate"], "certificate"));
    CW_ASSIGN_OR_RETURN(c.body, reader.Scalar(entry["body"], "body"));
    if (entry["scope"]) {
      CW_ASSIGN_OR_RETURN(c.scope, reader.Scalar(entry["scope"], "scope"));
    }
    for (const char* key : {"valid_until", "last_audit"}) {
      if (!entry[key]) continue;
      std::string text;
      CW_ASSIGN_OR_RETURN(text, reader.Scalar(entry[key], key));
      absl::StatusOr<int64_t> date = ParseIsoDate(text);
      if (!date.ok()) return reader.Error(entry[key], absl::StrCat(key, ": ", date.status().message()));
      if (std::string(key) == "valid_until") c.valid_until = *date; else c.last_audit = *date;
    }
    if (!keys.insert({c.standard, c.certificate}).second) {
      return reader.Error(entry["certificate"], absl::StrCat("certification ", c.certificate, " of ", c.standard, " repeated"));
    }
    c.origin = "config";
    c.by = "config";
    const YAML::Mark mark = entry.Mark();
    configured.position = absl::StrCat(reader.path(), ":", mark.line + 1, ":", mark.column + 1);
    out.push_back(std::move(configured));
  }
  return out;
}

// `reports:` {timezone, resolution_targets, working_hours, working_days, holidays}, each checked
// now (the zone against the zoneinfo, the files read) so a mistake stops the start, not a report.
absl::Status ReadReports(const Reader& reader, const YAML::Node& node, const std::string& base_dir,
                         GatewayConfig::Reports& out) {
  CW_RETURN_IF_ERROR(reader.Keys(node, {"timezone", "resolution_targets", "working_hours", "working_days", "holidays"}, "reports"));
  if (node["timezone"]) {
    CW_ASSIGN_OR_RETURN(out.timezone, reader.Scalar(node["timezone"], "reports.timezone"));
    if (auto zone = report::LoadReportZone(out.timezone); !zone.ok()) return reader.Error(node["timezone"], zone.status().message());
  }
  if (node["resolution_targets"]) {
    CW_ASSIGN_OR_RETURN(out.resolution_targets, reader.Scalar(node["resolution_targets"], "reports.resolution_targets"));
    out.resolution_targets = Resolve(base_dir, out.resolution_targets);
    if (auto targets = report::LoadServiceTargets(out.resolution_targets); !targets.ok()) {
      return reader.Error(node["resolution_targets"], targets.status().message());
    }
  }
  const std::pair<const char*, std::string*> calendar_keys[] = {
      {"working_hours", &out.working_hours}, {"working_days", &out.working_days}, {"holidays", &out.holidays}};
  for (const auto& [key, value] : calendar_keys) {
    if (!node[key]) continue;
    CW_ASSIGN_OR_RETURN(*value, reader.Scalar(node[key], absl::StrCat("reports.", key)));
  }
  if (!out.holidays.empty()) out.holidays = Resolve(base_dir, out.holidays);
  if (out.working_hours.empty() != out.working_days.empty() || (out.working_hours.empty() && !out.holidays.empty())) {
    return reader.Error(node, "a working-hours calendar needs both working_hours and working_days (holidays optional)");
  }
  if (!out.working_hours.empty()) {
    if (auto calendar = report::WorkingCalendar::Create(out.working_hours, out.working_days, out.holidays); !calendar.ok()) {
      return reader.Error(node, calendar.status().message());
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<Role> ParseRole(const std::string& text) {
  if (text == "read") return Role::kRead;
  if (text == "sync") return Role::kSync;
  if (text == "admin") return Role::kAdmin;
  return absl::InvalidArgumentError(absl::StrCat("role '", text, "' is not read, sync or admin"));
}

const char* RoleName(Role role) {
  switch (role) {
    case Role::kRead: return "read";
    case Role::kSync: return "sync";
    case Role::kAdmin: return "admin";
  }
  return "?";
}

bool IsLoopbackAddress(const std::string& host_port) {
  std::string host = host_port;
  if (!host.empty() && host[0] == '[') {
    host = host.substr(1, host.find(']') - 1);
  } else if (host.find(':') != host.rfind(':')) {
    // A bare IPv6 address without a port.
  } else {
    host = host.substr(0, host.rfind(':'));
  }
  return host == "localhost" || host == "::1" || absl::StartsWith(host, "127.") || host == "ipv4:127.0.0.1";
}

std::string ImportsDirectory(const GatewayConfig& config) {
  return config.data_dir.empty() ? config.store + ".imports" : config.data_dir + "/imports";
}

std::string AddedSourcesFile(const GatewayConfig& config) {
  return config.data_dir.empty() ? config.store + ".sources.json" : config.data_dir + "/sources.json";
}

absl::Status CheckSourceName(const std::string& name) {
  if (name.empty() || name.size() > 100 ||
      name.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._:-") != std::string::npos) {
    return absl::InvalidArgumentError("a source name is 1 to 100 letters, digits, '.', '_', ':' and '-'");
  }
  if (absl::StartsWithIgnoreCase(name, kImportPrefix)) {
    return absl::InvalidArgumentError(absl::StrCat("source names starting with '", kImportPrefix,
                                                   "' are kept for `crosswalk import`"));
  }
  if (name == sam::kSamSource) {
    return absl::InvalidArgumentError(absl::StrCat("the source name '", sam::kSamSource,
                                                   "' is kept for the SAM evidence records crosswalkd works out (docs/sam.md)"));
  }
  if (absl::StartsWith(name, "removed:")) {
    return absl::InvalidArgumentError("source names starting with 'removed:' are kept for records that "
                                      "`sources remove --keep-records` keeps");
  }
  return absl::OkStatus();
}

absl::StatusOr<GatewayConfig> LoadGatewayConfig(const std::string& path) {
  YAML::Node root;
  try {
    root = YAML::LoadFile(path);
  } catch (const YAML::BadFile&) {
    return absl::NotFoundError(absl::StrCat(path, ": cannot open the config file"));
  } catch (const YAML::Exception& e) {
    return absl::InvalidArgumentError(absl::StrCat(path, ":", e.mark.line + 1, ":", e.mark.column + 1, ": ", e.msg));
  }
  const size_t slash = path.find_last_of('/');
  const std::string base_dir = slash == std::string::npos ? "" : path.substr(0, slash);
  Reader reader(path);
  GatewayConfig config;
  config.store = Resolve(base_dir, "crosswalk.db");
  if (root.IsNull()) return config;
  try {
    if (auto status = reader.Keys(root, {"listen", "store", "mappings", "tls", "tokens", "limits", "sync", "sources", "reflection", "certifications", "reports", "titles", "secrets_dir", "store_password_file", "data_dir", "sam"}, "the config"); !status.ok()) return status;
    if (root["listen"]) {
      CW_ASSIGN_OR_RETURN(config.listen, reader.Scalar(root["listen"], "listen"));
    }
    if (root["store"]) {
      CW_ASSIGN_OR_RETURN(config.store, reader.Scalar(root["store"], "store"));
      if (!IsPostgresUrl(config.store)) config.store = Resolve(base_dir, config.store);
    }
    if (root["store_password_file"]) {
      CW_ASSIGN_OR_RETURN(config.store_password_file, reader.Scalar(root["store_password_file"], "store_password_file"));
      config.store_password_file = Resolve(base_dir, config.store_password_file);
      if (::access(config.store_password_file.c_str(), R_OK) != 0) {
        return reader.Error(root["store_password_file"],
                            absl::StrCat("store_password_file ", config.store_password_file, " cannot be read"));
      }
    }
    if (root["data_dir"]) {
      CW_ASSIGN_OR_RETURN(config.data_dir, reader.Scalar(root["data_dir"], "data_dir"));
      config.data_dir = Resolve(base_dir, config.data_dir);
    }
    if (root["titles"]) {
      CW_ASSIGN_OR_RETURN(config.titles, reader.Scalar(root["titles"], "titles"));
      config.titles = Resolve(base_dir, config.titles);
    }
    if (root["secrets_dir"]) {
      CW_ASSIGN_OR_RETURN(config.secrets_dir, reader.Scalar(root["secrets_dir"], "secrets_dir"));
      config.secrets_dir = Resolve(base_dir, config.secrets_dir);
      std::error_code error;
      if (!std::filesystem::is_directory(config.secrets_dir, error)) {
        return reader.Error(root["secrets_dir"], absl::StrCat("secrets_dir ", config.secrets_dir, " is not a directory"));
      }
    }
    if (root["mappings"]) {
      CW_ASSIGN_OR_RETURN(config.mappings, reader.Scalar(root["mappings"], "mappings"));
      config.mappings = Resolve(base_dir, config.mappings);
    }
    if (root["reflection"]) {
      CW_ASSIGN_OR_RETURN(config.reflection, reader.Scalar(root["reflection"], "reflection"));
      if (config.reflection != "authenticated" && config.reflection != "open" && config.reflection != "off") {
        return reader.Error(root["reflection"], "reflection must be authenticated, open or off");
      }
    }
    if (const YAML::Node tls = root["tls"]) {
      if (auto status = reader.Keys(tls, {"cert", "key"}, "tls"); !status.ok()) return status;
      if (!tls["cert"] || !tls["key"]) return reader.Error(tls, "tls needs both cert and key (PEM files)");
      CW_ASSIGN_OR_RETURN(config.tls_cert, reader.Scalar(tls["cert"], "tls.cert"));
      CW_ASSIGN_OR_RETURN(config.tls_key, reader.Scalar(tls["key"], "tls.key"));
      config.tls_cert = Resolve(base_dir, config.tls_cert);
      config.tls_key = Resolve(base_dir, config.tls_key);
    }
    if (const YAML::Node limits = root["limits"]) {
      struct Limit {
        const char* key;
        int64_t* value;
        int64_t min, max;
      };
      int64_t shutdown = config.shutdown_seconds;
      const Limit known[] = {
          {"max_message_bytes", &config.max_message_bytes, 64 << 10, 64 << 20},
          {"max_import_bytes", &config.max_import_bytes, 1, int64_t{1} << 40},
          {"max_record_bytes", &config.max_record_bytes, 1 << 10, 64 << 20},
          {"report_memory_bytes", &config.report_memory_bytes, 1 << 20, int64_t{1} << 40},
          {"shutdown_seconds", &shutdown, 1, 600},
      };
      std::set<std::string> keys;
      for (const Limit& limit : known) keys.insert(limit.key);
      if (auto status = reader.Keys(limits, keys, "limits"); !status.ok()) return status;
      for (const Limit& limit : known) {
        if (!limits[limit.key]) continue;
        CW_ASSIGN_OR_RETURN(*limit.value, reader.Integer(limits[limit.key], limit.key));
        if (*limit.value < limit.min || *limit.value > limit.max) {
          return reader.Error(limits[limit.key], absl::StrCat("limits.", limit.key, " must be ", limit.min, " to ", limit.max));
        }
      }
      config.shutdown_seconds = static_cast<int>(shutdown);
    }
    if (const YAML::Node sync = root["sync"]) {
      if (auto status = reader.Keys(sync, {"batch_size"}, "sync"); !status.ok()) return status;
      int64_t batch = config.batch_size;
      if (sync["batch_size"]) {
      CW_ASSIGN_OR_RETURN(batch, reader.Integer(sync["batch_size"], "batch_size"));
    }
      if (batch < 1 || batch > 100000) return reader.Error(sync["batch_size"], "batch_size must be 1 to 100000");
      config.batch_size = static_cast<int>(batch);
    }
    if (const YAML::Node sam = root["sam"]) {
      if (auto status = reader.Keys(sam, {"stale_days"}, "sam"); !status.ok()) return status;
      if (sam["stale_days"]) {
        CW_ASSIGN_OR_RETURN(const int64_t days, reader.Integer(sam["stale_days"], "stale_days"));
        if (days < 1 || days > 3650) return reader.Error(sam["stale_days"], "sam.stale_days must be 1 to 3650");
        config.sam_stale_days = static_cast<int>(days);
      }
    }
    if (const YAML::Node tokens = root["tokens"]) {
      if (!tokens.IsSequence()) return reader.Error(tokens, "tokens must be a list");
      for (const YAML::Node& token : tokens) {
        if (auto status = reader.Keys(token, {"name", "role", "sha256", "file", "env"}, "a token"); !status.ok()) return status;
        TokenEntry entry;
        if (!token["name"] || !token["role"]) return reader.Error(token, "a token needs a name and a role");
        CW_ASSIGN_OR_RETURN(entry.name, reader.Scalar(token["name"], "name"));
        // A name is logged and shown: no NUL or other control character (source names are held to
        // a stricter set below).
        if (entry.name.empty() || std::any_of(entry.name.begin(), entry.name.end(), [](char c) {
              return static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
            })) {
          return reader.Error(token["name"], "a token name must be non-empty text without control characters (NUL, tab, newline, ESC…)");
        }
        std::string role;
        CW_ASSIGN_OR_RETURN(role, reader.Scalar(token["role"], "role"));
        auto parsed = ParseRole(role);
        if (!parsed.ok()) return reader.Error(token["role"], parsed.status().message());
        entry.role = *parsed;
        const int given = (token["sha256"] ? 1 : 0) + (token["file"] ? 1 : 0) + (token["env"] ? 1 : 0);
        if (given != 1) return reader.Error(token, "a token needs exactly one of sha256 (its digest), file or env (where the token is)");
        std::string secret;
        if (token["sha256"]) {
          CW_ASSIGN_OR_RETURN(entry.sha256, reader.Scalar(token["sha256"], "sha256"));
          entry.sha256 = absl::AsciiStrToLower(entry.sha256);
          if (entry.sha256.size() != 64 || entry.sha256.find_first_not_of("0123456789abcdef") != std::string::npos) {
            return reader.Error(token["sha256"], "sha256 must be 64 hex digits (e.g. from `printf %s TOKEN | sha256sum`)");
          }
        } else if (token["file"]) {
          std::string file;
          CW_ASSIGN_OR_RETURN(file, reader.Scalar(token["file"], "file"));
          std::ifstream in(Resolve(base_dir, file));
          if (!in || !std::getline(in, secret)) return reader.Error(token["file"], absl::StrCat("cannot read the token file '", file, "'"));
        } else {
          std::string variable;
          CW_ASSIGN_OR_RETURN(variable, reader.Scalar(token["env"], "env"));
          const char* value = std::getenv(variable.c_str());
          if (value == nullptr) return reader.Error(token["env"], absl::StrCat("environment variable ", variable, " is not set"));
          secret = value;
        }
        if (entry.sha256.empty()) {
          secret = std::string(absl::StripAsciiWhitespace(secret));
          if (secret.size() < 16) return reader.Error(token, absl::StrCat("token '", entry.name, "' is shorter than 16 characters"));
          entry.sha256 = Sha256Hex(secret);
        }
        config.tokens.push_back(std::move(entry));
      }
    }
    if (const YAML::Node sources = root["sources"]) {
      if (!sources.IsSequence()) return reader.Error(sources, "sources must be a list");
      std::set<std::string> names;
      for (const YAML::Node& source : sources) {
        if (!source.IsMap()) return reader.Error(source, "a source must be a mapping of keys to values");
        SourceDefinition definition;
        const YAML::Mark mark = source.Mark();
        definition.position = absl::StrCat(reader.path(), ":", mark.line + 1, ":", mark.column + 1);
        for (const auto& entry : source) {
          const std::string key = entry.first.as<std::string>();
          std::string value;
          CW_ASSIGN_OR_RETURN(value, reader.Scalar(entry.second, key));
          if (key == "name") definition.config.name = value;
          else if (key == "type") definition.config.type = value;
          else if (key == "schedule") definition.schedule = value;
          else if (key == "on_error") definition.on_error = value;
          else {
            // Paths (the file of a file source, token_file, password_file, ca_file …) are read
            // relative to the config file's folder.
            const bool path = key == "location" || absl::EndsWith(key, "_file");
            definition.config.options[key] = path ? Resolve(base_dir, value) : value;
            const YAML::Mark value_mark = entry.second.Mark();
            definition.key_positions[key] =
                absl::StrCat(reader.path(), ":", value_mark.line + 1, ":", value_mark.column + 1);
          }
        }
        if (definition.config.name.empty() || definition.config.type.empty()) return reader.Error(source, "a source needs a name and a type");
        if (absl::Status named = CheckSourceName(definition.config.name); !named.ok()) {
          return reader.Error(source["name"], named.message());
        }
        if (!names.insert(definition.config.name).second) return reader.Error(source["name"], absl::StrCat("source name '", definition.config.name, "' repeated"));
        if (definition.on_error != "reject" && definition.on_error != "skip") return reader.Error(source["on_error"], "on_error must be reject or skip");
        if (auto seconds = ParseSchedule(definition.schedule); !seconds.ok()) return reader.Error(source["schedule"], seconds.status().message());
        config.sources.push_back(std::move(definition));
      }
    }
    if (const YAML::Node reports = root["reports"]) {
      CW_RETURN_IF_ERROR(ReadReports(reader, reports, base_dir, config.reports));
    }
    if (const YAML::Node certifications = root["certifications"]) {
      CW_ASSIGN_OR_RETURN(config.certifications, ReadCertifications(reader, certifications));
    }
  } catch (const YAML::Exception& e) {
    return absl::InvalidArgumentError(absl::StrCat(path, ":", e.mark.line + 1, ":", e.mark.column + 1, ": ", e.msg));
  }
  return config;
}

}  // namespace crosswalk::server
