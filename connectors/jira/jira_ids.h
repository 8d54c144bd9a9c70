#ifndef CROSSWALK_CONNECTORS_JIRA_JIRA_IDS_H_
#define CROSSWALK_CONNECTORS_JIRA_JIRA_IDS_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "connectors/connector.h"
#include "connectors/http/http_client.h"
#include "connectors/jira/jira_options.h"

namespace crosswalk::jira {

// One GET of the run's request budget, sent by the connector with the source's credentials: the
// body of a 200. With `missing` given, a 404 carrying Jira's error envelope (an issue deleted, or
// one the account may not see) sets *missing and returns "". Any other answer is the error the
// connector makes of it (RESOURCE_EXHAUSTED when the budget is spent, INVALID_ARGUMENT for a 400).
using JiraGet = std::function<absl::StatusOr<std::string>(HttpRequest request, absl::string_view asked, bool* missing)>;

// The `jira` source's id listing (issue 12: deletes by id reconciliation), docs/connectors/jira.md.
//
// ListIds: the source's own JQL without the sync's updated bound, "(<jql>) ORDER BY created ASC,
// key ASC" (an issue created while listing comes last instead of shifting the pages), fields=id,
// page_size issues a page. Cloud (/rest/api/3/search/jql) is complete only on a page
// without nextPageToken (a page that says isLast false and gives no token fails, DATA_LOSS); a
// short page with a token is not the end. Data Center (/rest/api/2/search) steps startAt by the
// issues returned and is complete at startAt + count ≥ total; an empty page before the total, or
// fewer distinct ids than the total, fails (DATA_LOSS). startAt paging skips an issue when one
// before it is deleted while listing: StillPresent catches it.
//
// StillPresent: "(<jql>) AND id in (…)" (Cloud with reconcileIssues for read-after-write
// consistency, Data Center with validateQuery=warn). A Jira that rejects the JQL because a listed
// id no longer exists (400) is asked issue by issue (GET /issue/{id}?fields=id: a 404 is gone),
// then once more by JQL for the ids that exist, so an issue moved out of the scope is gone too.
class JiraIds : public IdLister {
 public:
  JiraIds(const JiraOptions& options, JiraGet get) : options_(options), get_(std::move(get)) {}

  absl::Status ListIds(const std::function<absl::Status(const std::string&)>& each) override;
  absl::StatusOr<std::vector<std::string>> StillPresent(const std::vector<std::string>& ids) override;
  ReconcilePolicy policy() const override { return options_.source.reconcile; }

 private:
  // Every page of one search for `jql` (ids only), each id to `each`.
  absl::Status Walk(const std::string& jql, const std::vector<std::string>& reconcile,
                    const std::function<absl::Status(const std::string&)>& each);
  // Of `ids`, those the scope's JQL returns.
  absl::StatusOr<std::vector<std::string>> InScope(const std::vector<std::string>& ids);
  // Whether the issue exists (and the account may see it), asked by id.
  absl::StatusOr<bool> Exists(const std::string& id);

  const JiraOptions& options_;
  JiraGet get_;
};

}  // namespace crosswalk::jira

#endif  // CROSSWALK_CONNECTORS_JIRA_JIRA_IDS_H_
