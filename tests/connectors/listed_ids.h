#ifndef CROSSWALK_TESTS_CONNECTORS_LISTED_IDS_H_
#define CROSSWALK_TESTS_CONNECTORS_LISTED_IDS_H_

// For connector tests of the id listing (issue 12: deletes).

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "connectors/connector.h"

namespace crosswalk::testing_ids {

// Every id the connector's IdLister lists (duplicates folded), or the listing's error;
// INTERNAL when the connector has no lister.
inline absl::StatusOr<std::set<std::string>> ListAll(Connector& connector) {
  IdLister* ids = connector.ids();
  if (ids == nullptr) return absl::InternalError("the connector has no id lister");
  std::set<std::string> listed;
  auto status = ids->ListIds([&listed](const std::string& id) {
    listed.insert(id);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return listed;
}

// The ids of a listing sorted as numbers ("9" before "10"), for comparing with a fake's ids.
inline std::vector<std::string> ByNumber(const std::set<std::string>& ids) {
  std::vector<std::string> out(ids.begin(), ids.end());
  std::stable_sort(out.begin(), out.end(), [](const std::string& a, const std::string& b) {
    return a.size() != b.size() ? a.size() < b.size() : a < b;
  });
  return out;
}

// Lists with a callback that returns ABORTED "enough" for the `stop_at`-th id; `calls` counts its
// calls. The listing must return that error, having called it `stop_at` times.
inline absl::Status ListStoppingAt(Connector& connector, int stop_at, int* calls) {
  IdLister* ids = connector.ids();
  if (ids == nullptr) return absl::InternalError("the connector has no id lister");
  return ids->ListIds([stop_at, calls](const std::string&) {
    return ++*calls == stop_at ? absl::AbortedError("enough") : absl::OkStatus();
  });
}

}  // namespace crosswalk::testing_ids

#endif  // CROSSWALK_TESTS_CONNECTORS_LISTED_IDS_H_
