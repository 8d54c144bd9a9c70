// Redmine /issues.json pages (connectors/redmine/redmine_page.h): the JSON a Redmine server, or
// anything answering at its URL, sends back (as issues and as an id listing's page); an issue's
// journals; and the {"errors":[…]} reader of its error bodies.
#include <string_view>

#include "connectors/redmine/redmine_page.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  (void)crosswalk::redmine::ParseRedminePage(body);
  (void)crosswalk::redmine::ParseRedmineIdPage(body);
  (void)crosswalk::redmine::RedmineErrors(body);
  (void)crosswalk::redmine::ParseRedmineTime(body);
  (void)crosswalk::redmine::ParseStatusHistory(body, {{"1", "新規"}, {"2", "進行中"}});
  return 0;
}
