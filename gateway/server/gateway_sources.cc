// Gateway::CheckSource (every source's keys and values, at start and when one is added) and
// Gateway::AddSource (a source added on the running gateway).
#include <filesystem>
#include <system_error>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gateway/core/status_macros.h"
#include "gateway/server/gateway.h"

namespace crosswalk::server {
namespace {

namespace fs = std::filesystem;

// The prefix of the environment variables a source added through the API may read its secret
// from: the operator opts a variable in by its name.
constexpr char kAddedSecretEnvPrefix[] = "CROSSWALK_SECRET_";

// Whether `path` lies inside `dir` (both made absolute and canonical, symlinks resolved as far
// as they exist).
bool Inside(const fs::path& path, const fs::path& dir) {
  std::error_code error;
  const fs::path real_path = fs::weakly_canonical(path, error);
  if (error) return false;
  const fs::path real_dir = fs::weakly_canonical(dir, error);
  if (error) return false;
  auto p = real_path.begin();
  for (auto d = real_dir.begin(); d != real_dir.end(); ++d, ++p) {
    if (d->empty()) continue;  // a trailing separator
    if (p == real_path.end() || *p != *d) return false;
  }
  return p != real_path.end();
}

}  // namespace

absl::Status Gateway::CheckSource(const SourceDefinition& source, std::string* bad_key) const {
  bad_key->clear();
  absl::Status status = registry_.Create(source.config, connector_deps_, bad_key).status();
  auto catalog = source.config.options.find("catalog");
  if (status.ok() && catalog != source.config.options.end()) {
    status = mapping_->ResolveCatalog(catalog->second).status();
    if (!status.ok()) {
      *bad_key = "catalog";
      status = absl::InvalidArgumentError(absl::StrCat("catalog: ", status.message()));
    }
  }
  if (status.ok()) return status;
  const std::string named = absl::StrCat("source '", source.config.name, "'");
  if (bad_key->empty()) {
    // A connector's own check names its key first ("timezone 'Tokyo' is …", "columns: …"): point
    // at that key.
    const size_t colon = status.message().find("': ");
    const absl::string_view said =
        colon == absl::string_view::npos ? status.message() : status.message().substr(colon + 3);
    for (const auto& [key, value] : source.config.options) {
      if (absl::StartsWith(said, absl::StrCat(key, " ")) || absl::StartsWith(said, absl::StrCat(key, ":"))) *bad_key = key;
    }
  }
  return absl::Status(status.code(), absl::StrCat(absl::StartsWith(status.message(), named) ? "" : named + ": ",
                                                  status.message()));
}

absl::Status Gateway::CheckAddedSourcePaths(SourceConfig& config) const {
  const ConnectorFactory* factory = registry_.Find(config.type);
  if (factory == nullptr) return absl::OkStatus();  // the registry's check names the known types
  for (auto& [key, value] : config.options) {
    const ConfigKey* declared = nullptr;
    for (const ConfigKey& candidate : factory->keys) {
      if (candidate.name == key) declared = &candidate;
    }
    if (declared == nullptr) continue;  // the registry's check names the valid keys
    if (declared->type == ConfigKeyType::kSecretEnv && !absl::StartsWith(value, kAddedSecretEnvPrefix)) {
      return absl::InvalidArgumentError(absl::StrCat(
          key, ": a source added through the API reads secrets only from variables named ", kAddedSecretEnvPrefix,
          "…, not ", value));
    }
    if (declared->type != ConfigKeyType::kSecretFile && declared->type != ConfigKeyType::kPath) continue;
    const fs::path path(value);
    if (declared->type == ConfigKeyType::kSecretFile) {
      if (config_.secrets_dir.empty()) {
        return absl::FailedPreconditionError(absl::StrCat(
            key, ": a source added through the API reads secret files only from crosswalkd's secrets_dir, and "
                 "its config sets none (or use a ", kAddedSecretEnvPrefix, "… variable)"));
      }
      const fs::path resolved = path.is_absolute() ? path : fs::path(config_.secrets_dir) / path;
      if (!Inside(resolved, config_.secrets_dir)) {
        return absl::InvalidArgumentError(absl::StrCat(
            key, ": ", value, " is not in crosswalkd's secrets_dir; a source added through the API reads its "
                              "secret files from there only"));
      }
      value = resolved.lexically_normal().string();
    } else if (!path.is_absolute()) {
      if (config_.secrets_dir.empty()) {
        return absl::InvalidArgumentError(absl::StrCat(key, ": give an absolute path, not ", value));
      }
      value = (fs::path(config_.secrets_dir) / path).lexically_normal().string();
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<SourceDefinition> Gateway::AddSource(SourceDefinition source) {
  source.adhoc = false;
  source.added = true;
  source.position.clear();
  source.key_positions.clear();
  CW_RETURN_IF_ERROR(CheckSourceName(source.config.name));
  if (source.config.type == "file") {
    return absl::InvalidArgumentError(
        "a file source cannot be added through the API (it would name a file on the server): send the file "
        "with `crosswalk import`, or configure the source in crosswalkd's config");
  }
  if (source.on_error.empty()) source.on_error = "reject";
  if (source.on_error != "reject" && source.on_error != "skip") {
    return absl::InvalidArgumentError(absl::StrCat("on_error must be reject or skip, not '", source.on_error, "'"));
  }
  if (auto seconds = ParseSchedule(source.schedule); !seconds.ok()) return seconds.status();
  for (const SourceDefinition& configured : config_.sources) {
    if (configured.config.name == source.config.name) {
      return absl::AlreadyExistsError(absl::StrCat("source '", source.config.name,
                                                   "' is configured in crosswalkd's config already"));
    }
  }
  CW_RETURN_IF_ERROR(registry_.Check(source.config));
  CW_RETURN_IF_ERROR(CheckAddedSourcePaths(source.config));
  std::string bad_key;
  CW_RETURN_IF_ERROR(CheckSource(source, &bad_key));
  CW_RETURN_IF_ERROR(added_->Add(source));
  {
    std::lock_guard<std::mutex> lock(mutex_);
    sources_changed_ = true;
  }
  wake_.notify_all();
  for (const SourceDefinition& added : added_->Entries()) {
    if (added.config.name == source.config.name) return added;
  }
  return source;
}

}  // namespace crosswalk::server
