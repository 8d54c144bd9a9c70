#ifndef CROSSWALK_TESTS_CONNECTORS_LIST_IDS_H_
#define CROSSWALK_TESTS_CONNECTORS_LIST_IDS_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "connectors/connector.h"

namespace crosswalk::testing_ids {

// Every id `connector`'s listing gives, in the order given (also when it fails: what came before
// the failure); the listing's status in `status`. REQUIRES: connector.ids() is not null.
inline std::vector<std::string> ListAll(Connector& connector, absl::Status* status) {
  std::vector<std::string> ids;
  *status = connector.ids()->ListIds([&](const std::string& id) {
    ids.push_back(id);
    return absl::OkStatus();
  });
  return ids;
}

}  // namespace crosswalk::testing_ids

#endif  // CROSSWALK_TESTS_CONNECTORS_LIST_IDS_H_
