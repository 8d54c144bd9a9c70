#ifndef CROSSWALK_CONNECTORS_JIRA_JIRA_PAGE_H_
#define CROSSWALK_CONNECTORS_JIRA_JIRA_PAGE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "gateway/core/record.h"

namespace crosswalk::jira {

// One issue of a search page, read into a raw record.
struct JiraIssue {
  std::string id;             // the issue id (numeric text): the native id
  std::string key;            // ITSM-12
  int64_t updated_ms = 0;     // fields.updated, Unix milliseconds UTC: the sync's key
  RawRecord record;
};

// One page of either search API: Cloud's /rest/api/3/search/jql {issues, nextPageToken, isLast}
// (no total), or Data Center's /rest/api/2/search {startAt, maxResults, total, issues}.
struct JiraPage {
  std::vector<JiraIssue> issues;
  std::optional<std::string> next_page_token;  // Cloud: absent on the last page
  bool is_last = false;                        // Cloud: isLast true (or no nextPageToken)
  std::optional<int64_t> start_at, total;      // Data Center
};

// Reads a search page. Each issue becomes a record: native id = id, native kind "issue",
// location "Jira issue ITSM-12", the fields the normaliser reads under their roles
// (docs/connectors/jira.md), every other field kept as an extra (JSON text when not a string).
// `request_type_field` (may be empty) names JSM's request type field, read as request_type.
// A body that is Jira's error envelope {"errorMessages":[…],"errors":{…}} is INVALID_ARGUMENT
// with Jira's messages; anything not Jira's shape is INVALID_ARGUMENT naming the issue (by
// position and key) and field: a body that is not a JSON object, no issues list, an issue
// without id or fields, an updated that is not a Jira time.
absl::StatusOr<JiraPage> ParseJiraPage(std::string_view body, const std::string& request_type_field);

// One page of a search asked for fields=id (the id listing): the issues' ids, and the paging
// members as JiraPage reads them (is_last absent when Jira did not say).
struct JiraIdPage {
  std::vector<std::string> ids;
  std::optional<std::string> next_page_token;
  std::optional<bool> is_last;
  std::optional<int64_t> total;
};

// Reads an id page; the same errors as ParseJiraPage for the envelope, the shape and the ids (an
// issue's fields are not read).
absl::StatusOr<JiraIdPage> ParseJiraIdPage(std::string_view body);

// "2024-01-02T10:20:30.000+0900" (Jira's form; also "+09:00", "Z", no milliseconds) → Unix
// milliseconds UTC; std::nullopt for anything else.
std::optional<int64_t> ParseJiraTime(std::string_view text);

// Jira's error envelope in `body` as one line ("a; b; field: c"), or std::nullopt when the body
// is not one.
std::optional<std::string> JiraErrorMessages(std::string_view body);

}  // namespace crosswalk::jira

#endif  // CROSSWALK_CONNECTORS_JIRA_JIRA_PAGE_H_
