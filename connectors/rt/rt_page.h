#ifndef CROSSWALK_CONNECTORS_RT_RT_PAGE_H_
#define CROSSWALK_CONNECTORS_RT_RT_PAGE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "gateway/core/record.h"

namespace crosswalk::rt {

// One item of an RT REST2 search page, read into a raw record.
struct RtItem {
  int64_t id = 0;
  int64_t last_updated = 0;  // Unix seconds, UTC (RT's LastUpdated): the keyset of the sync
  bool deleted = false;      // Status "deleted": RT's deleted record, not a live one
  RawRecord record;
};

// One page of RT REST2's collection envelope (GET /REST/2.0/tickets or /assets):
// {"total","count","page","pages","per_page","items":[…],"next_page","prev_page"}.
struct RtPage {
  // RT leaves total and pages out (null) when the user may not see every record of the search.
  std::optional<int64_t> total;
  std::optional<int64_t> pages;
  int64_t page = 0;
  int64_t count = 0;
  std::vector<RtItem> items;
};

// Reads a page of tickets (`native_kind` "ticket") or assets ("asset"). Each item becomes a
// record: native id = the item's id, location "RT ticket 12", the fields the normaliser reads under
// their roles (see docs/connectors/rt.md), every other member kept as an extra; RT's unset date
// 1970-01-01T00:00:00Z and the owner "Nobody" are left out (absent). INVALID_ARGUMENT naming the
// item (by position and id) and member for what is not RT's shape: a body that is not a JSON
// object, items that are not objects, an id that is not a positive integer, a LastUpdated that is
// not an ISO-8601 UTC time, a count that disagrees with the items.
absl::StatusOr<RtPage> ParseRtPage(std::string_view body, const std::string& native_kind);

// One page of an id listing (GET /REST/2.0/tickets or /assets with fields=id): RT answers the
// ids as numbers there (as strings without fields=).
struct RtIdPage {
  std::optional<int64_t> total;  // null when the user may not see every record of the search
  std::optional<int64_t> per_page;
  std::vector<int64_t> ids;      // in RT's order
};

// INVALID_ARGUMENT for what is not RT's shape: a body that is not a JSON object, no items list,
// an item without a positive integer id, a count that disagrees with the items.
absl::StatusOr<RtIdPage> ParseRtIdPage(std::string_view body);

// One page of a ticket's history (GET /REST/2.0/ticket/ID/history with
// fields=Type,Field,OldValue,NewValue,Created,Creator): its status changes, oldest first, as
// "2026-12-06T21:15:16Z open→resolved (root)", and whether more pages follow.
struct RtHistoryPage {
  std::vector<std::string> status_changes;
  bool more = false;  // pages > page
};

// INVALID_ARGUMENT naming the transaction (by position and id) and member for what is not RT's
// shape: a body that is not a JSON object, no items list, an item that is not an object.
absl::StatusOr<RtHistoryPage> ParseRtHistory(std::string_view body);

// "2026-11-22T12:12:14Z" → Unix seconds; std::nullopt for anything else.
std::optional<int64_t> ParseRtTime(std::string_view text);

}  // namespace crosswalk::rt

#endif  // CROSSWALK_CONNECTORS_RT_RT_PAGE_H_
