#include "gateway/server/connector_types.h"

#include "connectors/files/file_connector.h"

namespace crosswalk::server {

void RegisterConnectorTypes(const files::PresetSet* presets, ConnectorRegistry* registry) {
  registry->Register(files::FileConnectorFactory(presets));
}

}  // namespace crosswalk::server
