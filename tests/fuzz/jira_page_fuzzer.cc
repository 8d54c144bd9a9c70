// Jira search pages (connectors/jira/jira_page.h): the JSON a Jira Cloud or Data Center site, or
// anything answering at its URL, sends back; read with and without a JSM request type field, as an
// id listing page, and the time and error-envelope readers on the same bytes.
#include <string_view>

#include "connectors/jira/jira_page.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  (void)crosswalk::jira::ParseJiraPage(body, "");
  (void)crosswalk::jira::ParseJiraPage(body, "customfield_10010");
  (void)crosswalk::jira::ParseJiraIdPage(body);
  (void)crosswalk::jira::JiraErrorMessages(body);
  (void)crosswalk::jira::ParseJiraTime(body);
  return 0;
}
