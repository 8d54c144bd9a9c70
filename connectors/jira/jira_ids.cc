#include "connectors/jira/jira_ids.h"

#include <algorithm>
#include <set>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "connectors/jira/jira_page.h"

namespace crosswalk::jira {
namespace {

// An issue id as Pull's records carry it: a positive integer in decimal. Anything else cannot be
// an issue of this source (and must not reach the JQL).
bool IsIssueId(const std::string& id) {
  int64_t numeric = 0;
  return absl::SimpleAtoi(id, &numeric) && numeric > 0 && absl::StrCat(numeric) == id;
}

}  // namespace

absl::Status JiraIds::ListIds(const std::function<absl::Status(const std::string&)>& each) {
  const std::string scope = options_.jql.empty() ? "" : absl::StrCat("(", options_.jql, ") ");
  return Walk(absl::StrCat(scope, "ORDER BY created ASC, key ASC"), {}, each);
}

absl::Status JiraIds::Walk(const std::string& jql, const std::vector<std::string>& reconcile,
                           const std::function<absl::Status(const std::string&)>& each) {
  const std::string path = options_.cloud ? "/rest/api/3/search/jql" : "/rest/api/2/search";
  const std::string what = absl::StrCat("Jira GET ", options_.source.http.base_url, path);
  std::optional<std::string> token;
  int64_t start_at = 0;
  std::set<std::string> listed;  // Data Center: distinct ids, checked against the total
  for (;;) {
    HttpRequest request;
    request.path = path;
    request.query = {{"jql", jql}, {"maxResults", absl::StrCat(options_.source.page_size)}, {"fields", "id"}};
    if (options_.cloud) {
      if (token.has_value()) request.query.push_back({"nextPageToken", *token});
      for (const std::string& id : reconcile) request.query.push_back({"reconcileIssues", id});
    } else {
      request.query.push_back({"startAt", absl::StrCat(start_at)});
      request.query.push_back({"validateQuery", "warn"});  // a deleted id in "id in (…)" is not an error
    }
    auto body = get_(std::move(request), "the id listing", nullptr);
    if (!body.ok()) return body.status();
    auto page = ParseJiraIdPage(*body);
    if (!page.ok()) return absl::Status(page.status().code(), absl::StrCat(what, ": ", page.status().message()));
    for (const std::string& id : page->ids) {
      if (auto status = each(id); !status.ok()) return status;
    }
    if (options_.cloud) {
      if (page->is_last.value_or(false)) return absl::OkStatus();
      if (!page->next_page_token.has_value()) {
        if (page->is_last.has_value()) {  // isLast false, and nothing to go on with
          return absl::DataLossError(absl::StrCat(
              what, ": Jira said isLast false but gave no nextPageToken; the id listing is not known complete"));
        }
        return absl::OkStatus();
      }
      token = page->next_page_token;
      continue;
    }
    if (!page->total.has_value()) {
      return absl::FailedPreconditionError(
          absl::StrCat(what, ": a Data Center search page without 'total'; is flavor = datacenter right?"));
    }
    const int64_t count = static_cast<int64_t>(page->ids.size());
    listed.insert(page->ids.begin(), page->ids.end());
    if (start_at + count >= *page->total) {
      if (static_cast<int64_t>(listed.size()) < *page->total) {
        return absl::DataLossError(absl::StrCat(what, ": Jira's total is ", *page->total, " issues but the id listing got ",
                                                listed.size(), "; it is not known complete"));
      }
      return absl::OkStatus();
    }
    if (count == 0) {
      return absl::DataLossError(absl::StrCat(what, ": an empty page at startAt ", start_at, " before Jira's total of ",
                                              *page->total, " issues; the id listing is not known complete"));
    }
    start_at += count;
  }
}

absl::StatusOr<std::vector<std::string>> JiraIds::InScope(const std::vector<std::string>& ids) {
  if (ids.empty()) return std::vector<std::string>{};
  std::string jql = absl::StrCat("id in (", absl::StrJoin(ids, ", "), ") ORDER BY created ASC, key ASC");
  if (!options_.jql.empty()) jql = absl::StrCat("(", options_.jql, ") AND ", jql);
  std::set<std::string> found;
  auto status = Walk(jql, ids, [&found](const std::string& id) {
    found.insert(id);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  std::vector<std::string> present;
  for (const std::string& id : ids) {
    if (found.count(id) > 0) present.push_back(id);
  }
  return present;
}

absl::StatusOr<bool> JiraIds::Exists(const std::string& id) {
  HttpRequest request;
  request.path = absl::StrCat(options_.cloud ? "/rest/api/3/issue/" : "/rest/api/2/issue/", id);
  request.query = {{"fields", "id"}};
  bool missing = false;
  auto body = get_(std::move(request), absl::StrCat("issue ", id), &missing);
  if (!body.ok()) return body.status();
  return !missing;
}

absl::StatusOr<std::vector<std::string>> JiraIds::StillPresent(const std::vector<std::string>& ids) {
  if (ids.size() > kMaxCheckedIds) {
    return absl::InvalidArgumentError(absl::StrCat("StillPresent takes at most ", kMaxCheckedIds, " ids, not ", ids.size()));
  }
  std::vector<std::string> asked;
  for (const std::string& id : ids) {
    if (IsIssueId(id) && std::find(asked.begin(), asked.end(), id) == asked.end()) asked.push_back(id);
  }
  auto present = InScope(asked);
  if (present.ok() || !absl::IsInvalidArgument(present.status())) return present;
  // Jira validated the JQL strictly and an id no longer exists: ask issue by issue, then the scope
  // once more for those that exist (a second rejection is an error).
  std::vector<std::string> existing;
  for (const std::string& id : asked) {
    auto exists = Exists(id);
    if (!exists.ok()) return exists.status();
    if (*exists) existing.push_back(id);
  }
  return InScope(existing);
}

}  // namespace crosswalk::jira
