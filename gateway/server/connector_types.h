#ifndef CROSSWALK_GATEWAY_SERVER_CONNECTOR_TYPES_H_
#define CROSSWALK_GATEWAY_SERVER_CONNECTOR_TYPES_H_

#include "connectors/connector.h"
#include "connectors/files/preset.h"

namespace crosswalk::server {

// Registers every connector type crosswalkd offers: the one list a new connector adds its line
// to. `presets` (the file connector's) must outlive the registry.
void RegisterConnectorTypes(const files::PresetSet* presets, ConnectorRegistry* registry);

}  // namespace crosswalk::server

#endif  // CROSSWALK_GATEWAY_SERVER_CONNECTOR_TYPES_H_
