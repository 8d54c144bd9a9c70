#include "connectors/glpi/glpi_ids.h"

#include <algorithm>
#include <optional>
#include <set>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "connectors/http/body_errors.h"
#include "connectors/glpi/glpi_page.h"
#include "connectors/glpi/glpi_session.h"
#include "nlohmann/json.hpp"

namespace crosswalk::glpi {
namespace {

using nlohmann::json;


// A positive integer id (GLPI writes numbers; numeric text is taken too), or 0.
int64_t IdOf(const json& value) {
  int64_t id = 0;
  if (value.is_number_integer()) id = value.get<int64_t>();
  if (value.is_string() && !absl::SimpleAtoi(value.get<std::string>(), &id)) id = 0;
  return id > 0 ? id : 0;
}

// GLPI writes is_deleted as 0/1 (a number, or text on some versions); true too.
bool Trashed(const json& item) {
  auto flag = item.find("is_deleted");
  if (flag == item.end()) return false;
  if (flag->is_boolean()) return flag->get<bool>();
  if (flag->is_number_integer()) return flag->get<int64_t>() != 0;
  return flag->is_string() && flag->get<std::string>() != "0" && !flag->get<std::string>().empty();
}

}  // namespace

absl::Status GlpiIds::ListIds(const std::function<absl::Status(const std::string&)>& each) {
  for (const std::string& itemtype : options_.itemtypes) {
    if (auto status = ListItemtype(itemtype, each); !status.ok()) return status;
  }
  return absl::OkStatus();
}

absl::Status GlpiIds::ListItemtype(const std::string& itemtype,
                                   const std::function<absl::Status(const std::string&)>& each) {
  const std::string path = absl::StrCat(kApi, "/", itemtype);
  const std::string what = absl::StrCat("GLPI GET ", options_.source.http.base_url, path, " (the id listing)");
  const int per_page = options_.source.page_size;
  int64_t offset = 0;
  std::set<int64_t> listed;
  for (;;) {
    HttpRequest request;
    request.path = path;
    request.query = {{"range", absl::StrCat(offset, "-", offset + per_page - 1)}, {"sort", "id"}, {"order", "ASC"},
                     {"only_id", "true"}, {"is_deleted", "0"}, {"get_hateoas", "false"}};
    auto response = get_(std::move(request), /*item_lookup=*/false);
    if (!response.ok()) return response.status();
    if (response->status == 400) {
      const auto error = ParseGlpiError(response->body);
      if (error && error->code == "ERROR_RANGE_EXCEED_TOTAL") {
        if (offset == 0) return absl::OkStatus();  // an empty collection
        return absl::UnavailableError(absl::StrCat(
            what, ": the range from ", offset, " is past the end: the collection shrank while it was listed (items "
            "purged or trashed); the next reconciliation lists it again"));
      }
      return absl::InvalidArgumentError(absl::StrCat(what, ": GLPI rejected the request (400): ",
                                                     error ? ApiMessage(absl::StrCat(error->code, ": ", error->message))
                                                           : ApiMessage(response->body)));
    }
    auto body = ParseGlpiIdList(response->body);
    if (!body.ok()) return absl::Status(body.status().code(), absl::StrCat(what, ": ", body.status().message()));
    std::optional<ContentRange> range;
    if (const std::string text = response->Header("content-range"); !text.empty()) {
      range = ParseContentRange(text);
      if (!range) return absl::FailedPreconditionError(absl::StrCat(what, ": Content-Range '", ApiMessage(text), "' is not A-B/TOTAL"));
    } else if (response->status == 206) {
      return absl::FailedPreconditionError(absl::StrCat(what, ": 206 Partial Content without a Content-Range"));
    }
    for (const int64_t id : *body) {
      listed.insert(id);
      if (auto status = each(absl::StrCat(itemtype, "/", id)); !status.ok()) return status;
    }
    offset += static_cast<int64_t>(body->size());
    if (body->empty()) {
      if (range && offset < range->total) {
        return absl::DataLossError(absl::StrCat(what, ": an empty page at ", offset, " before Content-Range's total of ",
                                                range->total, "; the id listing is not known complete"));
      }
      return absl::OkStatus();
    }
    const bool end = range ? range->last + 1 >= range->total : response->status == 200;
    if (!end) continue;
    if (range && static_cast<int64_t>(listed.size()) < range->total) {
      return absl::DataLossError(absl::StrCat(what, ": Content-Range's total is ", range->total, " but the listing got ",
                                              listed.size(), " ids; it is not known complete"));
    }
    return absl::OkStatus();
  }
}

absl::StatusOr<bool> GlpiIds::Present(const std::string& itemtype, int64_t id) {
  HttpRequest request;
  request.path = absl::StrCat(kApi, "/", itemtype, "/", id);
  request.query = {{"get_hateoas", "false"}};
  const std::string what = absl::StrCat("GLPI GET ", options_.source.http.base_url, request.path);
  auto response = get_(std::move(request), /*item_lookup=*/true);
  if (!response.ok()) return response.status();
  const auto error = ParseGlpiError(response->body);
  if (response->status == 404) {
    if (error && error->code == "ERROR_ITEM_NOT_FOUND") return false;
    return absl::NotFoundError(absl::StrCat(what, ": GLPI answered 404 without ERROR_ITEM_NOT_FOUND: ",
                                            ApiMessage(response->body), "; url must be GLPI's base URL"));
  }
  if (response->status != 200) {
    return absl::FailedPreconditionError(absl::StrCat(what, ": GLPI answered HTTP ", response->status, ": ",
                                                      ApiMessage(response->body)));
  }
  const json item = json::parse(response->body, nullptr, false);
  if (!item.is_object() || !item.contains("id") || IdOf(item["id"]) != id) {
    return absl::FailedPreconditionError(absl::StrCat(what, ": the answer is not the item (no object with id ", id, ")"));
  }
  return !Trashed(item);
}

absl::StatusOr<std::vector<std::string>> GlpiIds::StillPresent(const std::vector<std::string>& ids) {
  if (ids.size() > kMaxCheckedIds) {
    return absl::InvalidArgumentError(absl::StrCat("StillPresent takes at most ", kMaxCheckedIds, " ids, not ", ids.size()));
  }
  std::vector<std::string> present;
  for (const std::string& native_id : ids) {
    const size_t slash = native_id.find('/');
    if (slash == std::string::npos) continue;  // not "{itemtype}/{id}": not this source's
    const std::string itemtype = native_id.substr(0, slash);
    int64_t id = 0;
    if (!absl::SimpleAtoi(native_id.substr(slash + 1), &id) || id <= 0 ||
        absl::StrCat(itemtype, "/", id) != native_id) {
      continue;
    }
    if (std::find(options_.itemtypes.begin(), options_.itemtypes.end(), itemtype) == options_.itemtypes.end()) {
      continue;  // an itemtype no longer read: out of the source's scope
    }
    if (std::find(present.begin(), present.end(), native_id) != present.end()) continue;
    auto there = Present(itemtype, id);
    if (!there.ok()) return there.status();
    if (*there) present.push_back(native_id);
  }
  return present;
}

}  // namespace crosswalk::glpi
