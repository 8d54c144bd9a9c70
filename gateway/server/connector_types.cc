#include "gateway/server/connector_types.h"

#include "connectors/files/file_connector.h"
#include "connectors/glpi/glpi_connector.h"
#include "connectors/inventory/inventory_connector.h"
#include "connectors/jira/jira_connector.h"
#include "connectors/redmine/redmine_connector.h"
#include "connectors/rt/rt_connector.h"
#include "connectors/servicenow/servicenow_connector.h"

namespace crosswalk::server {

void RegisterConnectorTypes(const files::PresetSet* presets, ConnectorRegistry* registry) {
  registry->Register(files::FileConnectorFactory(presets));
  registry->Register(rt::RtConnectorFactory());
  registry->Register(servicenow::ServiceNowConnectorFactory());
  registry->Register(jira::JiraConnectorFactory());
  registry->Register(glpi::GlpiConnectorFactory());
  registry->Register(redmine::RedmineConnectorFactory());
  registry->Register(inventory::InventoryConnectorFactory());
}

}  // namespace crosswalk::server
