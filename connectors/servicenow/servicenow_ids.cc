#include "connectors/servicenow/servicenow_ids.h"

#include <algorithm>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "connectors/servicenow/servicenow_page.h"
#include "re2/re2.h"

namespace crosswalk::servicenow {
namespace {

absl::Status Prefixed(const absl::Status& status, const std::string& what) {
  return absl::Status(status.code(), absl::StrCat(what, ": ", status.message()));
}

}  // namespace

absl::Status ServiceNowIds::ListIds(const std::function<absl::Status(const std::string&)>& each) {
  for (const std::string& table : options_->tables) {
    if (absl::Status status = ListTable(table, each); !status.ok()) return status;
  }
  return absl::OkStatus();
}

absl::Status ServiceNowIds::ListTable(const std::string& table, const std::function<absl::Status(const std::string&)>& each) {
  const std::string what = absl::StrCat("listing the sys_ids of ServiceNow table ", table, " (nothing is deleted)");
  const int limit = options_->source.page_size;
  std::string last;
  for (int64_t page = 1;; ++page) {
    const std::string query = last.empty() ? "ORDERBYsys_id" : absl::StrCat("sys_id>", last, "^ORDERBYsys_id");
    auto answer = api_->Get({.table = table, .query = query, .limit = limit, .fields = {"sys_id"}, .display_values = false});
    if (!answer.ok()) return Prefixed(answer.status(), what);
    auto ids = ParseSysIdPage(answer->body, {.table = absl::StrCat(table, " sys_id listing"), .page = page});
    if (!ids.ok()) return Prefixed(ids.status(), what);
    if (!answer->count.has_value()) {
      return absl::DataLossError(absl::StrCat(what, ": page ", page,
                                              " came without X-Total-Count, so the listing cannot be checked complete"));
    }
    const int64_t count = *answer->count;
    const int64_t read = static_cast<int64_t>(ids->size());
    for (const std::string& id : *ids) {
      if (id <= last) {
        return absl::FailedPreconditionError(absl::StrCat(what, ": page ", page, " returned sys_id ", id,
                                                          " out of order for a query ordered by sys_id after ", last));
      }
      last = id;
      if (absl::Status status = each(id); !status.ok()) return status;
    }
    if (read >= count) return absl::OkStatus();  // every row the query still matched (none: the end)
    if (read < std::min<int64_t>(limit, count)) {
      return absl::DataLossError(absl::StrCat(
          what, ": page ", page, " holds ", read, " rows where X-Total-Count says ", count,
          " remain (rows the user's ACLs hide are counted but not returned); give the user rights to every row"));
    }
  }
}

absl::StatusOr<std::vector<std::string>> ServiceNowIds::StillPresent(const std::vector<std::string>& ids) {
  if (ids.size() > kMaxCheckedIds) {
    return absl::InvalidArgumentError(absl::StrCat("StillPresent takes at most ", kMaxCheckedIds, " ids, got ", ids.size()));
  }
  static const RE2 kSysId("[0-9a-f]{32}");
  std::vector<std::string> unfound;
  for (const std::string& id : ids) {
    if (RE2::FullMatch(id, kSysId) && std::find(unfound.begin(), unfound.end(), id) == unfound.end()) unfound.push_back(id);
  }
  std::set<std::string> found;
  for (const std::string& table : options_->tables) {
    if (unfound.empty()) break;
    auto present = PresentIn(table, unfound);
    if (!present.ok()) return present.status();
    found.insert(present->begin(), present->end());
    std::erase_if(unfound, [&](const std::string& id) { return found.count(id) > 0; });
  }
  std::vector<std::string> out;
  for (const std::string& id : ids) {
    if (found.count(id) && std::find(out.begin(), out.end(), id) == out.end()) out.push_back(id);
  }
  return out;
}

absl::StatusOr<std::vector<std::string>> ServiceNowIds::PresentIn(const std::string& table,
                                                                  const std::vector<std::string>& ids) {
  const std::string what = absl::StrCat("asking ServiceNow table ", table, " for ", ids.size(), " sys_ids by id");
  if (ids.empty()) return std::vector<std::string>();
  const int limit = static_cast<int>(ids.size());
  auto answer = api_->Get({.table = table,
                           .query = absl::StrCat("sys_idIN", absl::StrJoin(ids, ",")),
                           .limit = limit,
                           .fields = {"sys_id"},
                           .display_values = false});
  if (!answer.ok()) return Prefixed(answer.status(), what);
  auto present = ParseSysIdPage(answer->body, {.table = absl::StrCat(table, " by-id check"), .page = 1});
  if (!present.ok()) return Prefixed(present.status(), what);
  const std::set<std::string> asked(ids.begin(), ids.end());
  for (const std::string& id : *present) {
    if (!asked.count(id)) {
      return absl::FailedPreconditionError(
          absl::StrCat(what, ": ServiceNow answered sys_id ", id, ", which was not asked for (was sys_idIN ignored?)"));
    }
  }
  if (answer->count.has_value() && *answer->count > static_cast<int64_t>(present->size())) {
    return absl::DataLossError(absl::StrCat(what, ": X-Total-Count says ", *answer->count, " match but ", present->size(),
                                            " were returned (rows the user's ACLs hide), so which are gone is unknown"));
  }
  return *std::move(present);
}

}  // namespace crosswalk::servicenow
