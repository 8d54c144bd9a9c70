#ifndef CROSSWALK_CONNECTORS_REDMINE_REDMINE_PAGE_H_
#define CROSSWALK_CONNECTORS_REDMINE_REDMINE_PAGE_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "gateway/core/record.h"

namespace crosswalk::redmine {

// One issue of a Redmine /issues.json page, read into a raw record.
struct RedmineIssue {
  int64_t id = 0;
  int64_t updated_on = 0;  // Unix seconds, UTC (Redmine's updated_on): the sync's order
  RawRecord record;
};

// One page of Redmine's list envelope: {"issues":[…],"total_count":N,"offset":K,"limit":L}.
struct RedminePage {
  std::optional<int64_t> total_count;  // absent when Redmine leaves it out (nometa=1)
  std::optional<int64_t> offset;
  std::vector<RedmineIssue> issues;
};

// The ids of a page of /issues.json (an id listing reads nothing else of an issue, so an issue
// Pull reports as bad does not stop it). INVALID_ARGUMENT for what is not Redmine's envelope or an
// issue without a positive integer id.
struct RedmineIdPage {
  std::optional<int64_t> total_count, offset, limit;
  std::vector<int64_t> ids;  // in Redmine's order
};
absl::StatusOr<RedmineIdPage> ParseRedmineIdPage(std::string_view body);

// Reads a page of issues. Each issue becomes a record: native id = its id, native kind "issue",
// location "Redmine issue 12", Redmine's own members under the roles the normaliser reads (see
// docs/connectors/redmine.md; the tracker is the kind hint, mapped to kinds by the redmine rules),
// each custom field as an extra named by the custom field's name (a multi-valued field's values
// joined with ", "; empty values left out), every other member kept as an extra under its name.
// INVALID_ARGUMENT naming the page's item (by position and id) and the member for what is not
// Redmine's shape: a body that is not a JSON object, no 'issues' list, an issue that is not an
// object, an id that is not a positive integer, an updated_on/created_on/closed_on that is not an
// ISO-8601 UTC time, a custom field without a name.
absl::StatusOr<RedminePage> ParseRedminePage(std::string_view body);

// The status changes of one issue from GET /issues/ID.json?include=journals, oldest first, as
// "2026-11-22T12:12:14Z 新規→進行中 (Redmine Admin); …" with status ids named by `status_names`
// (an unknown id stays a number); "" when the status never changed. INVALID_ARGUMENT naming the
// journal for what is not Redmine's shape.
absl::StatusOr<std::string> ParseStatusHistory(std::string_view body, const std::map<std::string, std::string>& status_names);

// "2026-11-22T12:12:14Z" → Unix seconds; std::nullopt for anything else.
std::optional<int64_t> ParseRedmineTime(std::string_view text);

// Redmine's {"errors":["Subject cannot be blank", …]} joined with "; ", or "" when `body` is not
// such an object.
std::string RedmineErrors(std::string_view body);

}  // namespace crosswalk::redmine

#endif  // CROSSWALK_CONNECTORS_REDMINE_REDMINE_PAGE_H_
