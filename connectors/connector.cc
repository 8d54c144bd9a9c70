#include "connectors/connector.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace crosswalk {

void ConnectorRegistry::Register(ConnectorFactory factory) {
  factories_.push_back(std::move(factory));
}

absl::Status ConnectorRegistry::Check(const SourceConfig& config) const {
  for (const ConnectorFactory& factory : factories_) {
    if (factory.type != config.type) continue;
    for (const auto& [key, value] : config.options) {
      bool known = false;
      for (const auto& [name, description] : factory.keys) known = known || name == key;
      if (!known) {
        std::vector<std::string> names;
        for (const auto& [name, description] : factory.keys) names.push_back(name);
        return absl::InvalidArgumentError(
            absl::StrCat("source '", config.name, "': unknown key '", key, "' for type '",
                         config.type, "' (expected one of: ", absl::StrJoin(names, ", "), ")"));
      }
    }
    return absl::OkStatus();
  }
  std::vector<std::string> types;
  for (const ConnectorFactory& factory : factories_) types.push_back(factory.type);
  return absl::InvalidArgumentError(absl::StrCat("source '", config.name, "': unknown type '",
                                                 config.type, "' (expected one of: ",
                                                 absl::StrJoin(types, ", "), ")"));
}

absl::StatusOr<std::unique_ptr<Connector>> ConnectorRegistry::Create(
    const SourceConfig& config, const ConnectorDeps& deps) const {
  if (absl::Status status = Check(config); !status.ok()) return status;
  for (const ConnectorFactory& factory : factories_) {
    if (factory.type == config.type) return factory.create(config, deps);
  }
  return absl::InternalError("unreachable");
}

}  // namespace crosswalk
