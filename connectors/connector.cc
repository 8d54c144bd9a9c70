#include "connectors/connector.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace crosswalk {

void ConnectorRegistry::Register(ConnectorFactory factory) {
  factories_.push_back(std::move(factory));
}

const ConnectorFactory* ConnectorRegistry::Find(const std::string& type) const {
  for (const ConnectorFactory& factory : factories_) {
    if (factory.type == type) return &factory;
  }
  return nullptr;
}

absl::Status ConnectorRegistry::Check(const SourceConfig& config, std::string* bad_key) const {
  std::string ignored;
  if (bad_key == nullptr) bad_key = &ignored;
  bad_key->clear();
  if (const ConnectorFactory* factory = Find(config.type)) {
    absl::Status status = CheckOptions(factory->keys, config.options, bad_key);
    if (status.ok()) return status;
    return absl::InvalidArgumentError(absl::StrCat("source '", config.name, "' (type ", config.type,
                                                   "): ", status.message()));
  }
  std::vector<std::string> types;
  for (const ConnectorFactory& factory : factories_) types.push_back(factory.type);
  return absl::InvalidArgumentError(absl::StrCat("source '", config.name, "': unknown type '",
                                                 config.type, "' (expected one of: ",
                                                 absl::StrJoin(types, ", "), ")"));
}

absl::StatusOr<std::unique_ptr<Connector>> ConnectorRegistry::Create(
    const SourceConfig& config, const ConnectorDeps& deps, std::string* bad_key) const {
  if (absl::Status status = Check(config, bad_key); !status.ok()) return status;
  return Find(config.type)->create(config, deps);
}

}  // namespace crosswalk
