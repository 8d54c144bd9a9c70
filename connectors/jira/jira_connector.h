#ifndef CROSSWALK_CONNECTORS_JIRA_JIRA_CONNECTOR_H_
#define CROSSWALK_CONNECTORS_JIRA_JIRA_CONNECTOR_H_

#include <cstdint>
#include <string>

#include "absl/time/time.h"
#include "connectors/connector.h"

namespace crosswalk::jira {

// The `jira` connector: Jira Cloud (GET /rest/api/3/search/jql, nextPageToken, no total) or Data
// Center (GET /rest/api/2/search, startAt/total) issues, Jira Service Management's included,
// incrementally by `updated` (docs/connectors/jira.md).
//
// JQL reads a bare time in the ACCOUNT's profile time zone at MINUTE precision. The connector reads
// that zone from /myself (or the time_zone key) and writes its lower bound as
//   updated >= "yyyy/MM/dd HH:mm"   ORDER BY updated ASC, key ASC
// in that zone, floored to the minute (and, in a repeated hour of a summer-time change, moved back
// so that either reading of the wall-clock time is not after the bound wanted).
//
// Paging: after each page that is not the end, the next request is a fresh query from the minute
// of the last issue read, so an issue updated while paging moves to the end instead of shifting
// the pages under the reader; only when a whole page lies in that one minute does it follow the
// API's own continuation (nextPageToken, startAt). Issues read again are recognised by the
// seen-set of (id, updated) and not returned twice. The run ends on the API's own end marker only
// (Cloud: isLast or no nextPageToken — a short page is not the end; Data Center: startAt + count
// ≥ total), and Data Center's total is reported as the page's total so a missed issue fails the
// run (DATA_LOSS) instead of passing quietly.
//
// Cursor: JSON {"watermark":"2026-11-22T12:12:14.123Z","seen":[["10001",1795…ms],…]} — the newest
// `updated` read (UTC) and the issues read from the minute of (watermark − overlap) on. Start()
// re-reads from the watermark minus `overlap` seconds (default 300: updates Jira committed late);
// the seen issues, unchanged since, are not returned again, so a re-read duplicates nothing.
//
// Deletes: ids() lists the issue ids the JQL holds now and re-checks missed ones by id (JiraIds,
// jira_ids.h), in the same request budget as the run's pages.
ConnectorFactory JiraConnectorFactory();

// The JQL lower bound for "updated at or after `at`" in `zone`: the wall-clock minute text
// ("2026/03/08 01:59"), whose every reading is ≤ `at`, and the earliest UTC instant Jira may
// take it for (results can start there).
struct JqlBound {
  std::string text;
  absl::Time earliest;
};
JqlBound JqlLowerBound(absl::Time at, const absl::TimeZone& zone);

}  // namespace crosswalk::jira

#endif  // CROSSWALK_CONNECTORS_JIRA_JIRA_CONNECTOR_H_
