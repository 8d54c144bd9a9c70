// Gateway::Preview and PreviewImport: a source or a file read as a sync would, nothing stored;
// Gateway::Probe: one request to a source.
#include "absl/strings/str_cat.h"
#include "connectors/files/file_connector.h"
#include "gateway/core/status_macros.h"
#include "gateway/server/gateway.h"

namespace crosswalk::server {
namespace {

absl::Status CheckLimit(int limit) {
  if (limit < 1 || limit > Gateway::kMaxPreviewLimit) {
    return absl::InvalidArgumentError(absl::StrCat("limit must be 1 to ", Gateway::kMaxPreviewLimit, ", not ", limit));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<PreviewResult> Gateway::Preview(const std::string& name, int limit) {
  CW_RETURN_IF_ERROR(CheckLimit(limit));
  CW_ASSIGN_OR_RETURN(const SourceDefinition source, FindSource(name));
  return PreviewSource(source, registry_, *normalizer_, connector_deps_, PreviewOptions{limit}, config_.batch_size);
}

absl::StatusOr<ProbeResult> Gateway::Probe(const std::string& name) {
  CW_ASSIGN_OR_RETURN(const SourceDefinition source, FindSource(name));
  return ProbeSource(source, registry_, connector_deps_);
}

absl::StatusOr<std::unique_ptr<StagedImport>> Gateway::StageImportPreview(const std::string& file_name) {
  CW_RETURN_IF_ERROR(CheckImportName(file_name));
  return imports_->StageNamed(file_name);
}

absl::StatusOr<PreviewResult> Gateway::PreviewImport(const std::string& file_name, const std::string& preset,
                                                     const std::map<std::string, std::string>& options,
                                                     std::unique_ptr<StagedImport> staged, int limit) {
  CW_RETURN_IF_ERROR(CheckLimit(limit));
  CW_RETURN_IF_ERROR(CheckImport(file_name, preset, options));
  // The source the import would be, reading the staged file in place; its name and file name are
  // the import's, so notes, errors and locations read as the real import's would.
  SourceDefinition source = ImportSource(ImportEntry{file_name, preset, options});
  source.config.options["location"] = staged->path();
  return PreviewSource(source, registry_, *normalizer_, connector_deps_, PreviewOptions{limit}, config_.batch_size);
}

}  // namespace crosswalk::server
