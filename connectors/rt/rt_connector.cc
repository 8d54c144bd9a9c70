#include "connectors/rt/rt_connector.h"

#include <algorithm>
#include <memory>
#include <set>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "connectors/http/body_errors.h"
#include "connectors/rt/rt_options.h"
#include "connectors/rt/rt_page.h"
#include "nlohmann/json.hpp"

namespace crosswalk::rt {
namespace {

using nlohmann::json;

// A resumed search lists the seen ids of the watermark's second up to this many (a URL of a few
// KB); past it, it continues after the highest (the overlap window covers the rest).
constexpr size_t kMaxExcludedIds = 200;

// The members asked for (fields=…); RT returns only id, type and _url without them.
constexpr char kTicketFields[] =
    "Subject,Status,Priority,InitialPriority,FinalPriority,Queue,Owner,Requestor,Cc,AdminCc,"
    "Creator,LastUpdatedBy,Type,Created,LastUpdated,Resolved,Due,Started,Starts,Told,"
    "TimeEstimated,TimeWorked,TimeLeft";
constexpr char kAssetFields[] =
    "Name,Description,Status,Catalog,Owner,HeldBy,Contact,Creator,LastUpdatedBy,Created,LastUpdated";

// A time as TicketSQL/AssetSQL reads it, with its zone said: RT reads a bare time in the user's
// own time zone, which would shift the watermark by that zone's offset.
std::string SqlTime(int64_t seconds) {
  return absl::StrCat(absl::FormatTime("%Y-%m-%d %H:%M:%S", absl::FromUnixSeconds(seconds),
                                       absl::UTCTimeZone()), " +0000");
}

std::string IsoTime(int64_t seconds) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", absl::FromUnixSeconds(seconds), absl::UTCTimeZone());
}

// RT's {"message": "…"} from an error body, else the body itself, shortened.
std::string RtMessage(const std::string& body) {
  json parsed = json::parse(body, nullptr, false);
  if (parsed.is_object() && parsed.contains("message") && parsed["message"].is_string()) {
    return ApiMessage(parsed["message"].get<std::string>());
  }
  return ApiMessage(body);
}

class RtConnector : public Connector {
 public:
  RtConnector(std::string source, RtOptions options, std::unique_ptr<HttpClient> client)
      : source_(std::move(source)), options_(std::move(options)), client_(std::move(client)) {}

  absl::Status Start(const std::string& cursor) override {
    done_ = false;
    consumed_ = 0;
    requests_ = 0;
    has_position_ = false;
    resumed_ = false;
    seen_.clear();
    if (cursor.empty()) return absl::OkStatus();
    json parsed = json::parse(cursor, nullptr, false);
    std::optional<int64_t> watermark;
    if (parsed.is_object() && parsed.contains("watermark") && parsed["watermark"].is_string()) {
      watermark = ParseRtTime(parsed["watermark"].get<std::string>());
    }
    if (!watermark || !parsed.contains("seen") || !parsed["seen"].is_array()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "the stored cursor is not an rt cursor {watermark, seen}: run sync --full"));
    }
    has_position_ = true;
    if (options_.source.overlap_seconds > 0) {
      position_ = *watermark - options_.source.overlap_seconds;
      return absl::OkStatus();
    }
    position_ = *watermark;
    for (const json& id : parsed["seen"]) {
      if (id.is_number_integer()) seen_.insert(id.get<int64_t>());
    }
    resumed_ = true;
    return absl::OkStatus();
  }

  absl::StatusOr<ConnectorPage> Pull(int max_records) override {
    ConnectorPage out;
    if (done_) {
      out.done = true;
      out.next_cursor = Cursor();
      out.position = consumed_;
      return out;
    }
    if (++requests_ > options_.source.max_pages) {
      return absl::ResourceExhaustedError(absl::StrCat(
          "the page budget of ", options_.source.max_pages,
          " requests in one run is spent (max_pages); the next run goes on from here"));
    }
    const int per_page = std::clamp(std::min(max_records, options_.source.page_size), 1, 100);
    auto body = Get(per_page);
    if (!body.ok()) return body.status();
    auto page = ParseRtPage(*body, options_.assets ? "asset" : "ticket");
    if (!page.ok()) return page.status();

    resumed_ = false;
    bool first = true;
    int64_t previous_updated = 0, previous_id = 0;
    for (RtItem& item : page->items) {
      // Keyset order is what makes paging safe; an RT that ignores it would loop or skip.
      const bool behind = has_position_ && (item.last_updated < position_ ||
                                            (item.last_updated == position_ && seen_.count(item.id)));
      const bool unsorted = !first && (item.last_updated < previous_updated ||
                                       (item.last_updated == previous_updated && item.id <= previous_id));
      if (behind || unsorted) {
        return absl::FailedPreconditionError(absl::StrCat(
            "RT returned ", item.record.location,
            " out of order (LastUpdated ", IsoTime(item.last_updated),
            ") for a search ordered by LastUpdated then id"));
      }
      first = false;
      previous_updated = item.last_updated;
      previous_id = item.id;
      if (!has_position_ || item.last_updated != position_) seen_.clear();
      has_position_ = true;
      position_ = item.last_updated;
      seen_.insert(item.id);
      if (item.deleted) {
        // RT's searches hide deleted records; one that shows anyway is a delete, never a live record.
        out.deleted.push_back(item.record.native_id);
        continue;
      }
      if (options_.history) {
        if (auto status = AddStatusHistory(item.id, item.record); !status.ok()) return status;
      }
      out.records.push_back(std::move(item.record));
    }
    consumed_ += static_cast<int64_t>(out.records.size());
    // RT's end marker: this page is the last of the search (pages ≤ page), or RT left total out
    // and this page is empty. A short page alone is not the end.
    done_ = page->pages.has_value() ? *page->pages <= std::max<int64_t>(page->page, 1)
                                    : page->count == 0;
    if (page->total.has_value()) {
      out.total = consumed_ - static_cast<int64_t>(out.records.size() + out.deleted.size()) + *page->total;
    }
    out.done = done_;
    out.position = consumed_;
    out.next_cursor = Cursor();
    return out;
  }

  SourceShape Shape() const override {
    SourceShape shape;
    shape.source = source_;
    shape.vocabulary = "rt";
    return shape;
  }

  IdLister* ids() override { return &ids_; }

 private:
  // The ids RT's search holds now, in the scope of Pull's search (its queues) without the
  // LastUpdated bound: keyset by id (`(scope) AND id > N`, ordered by id, page 1, fields=id), so a
  // ticket deleted while listing shifts no page; each page must hold min(per_page, total) ids (RT's
  // count of the ids after N), and the listing ends on the page that holds the rest. RT's searches
  // never list a deleted ticket or asset (Status 'deleted'), not even when the query names that
  // status or the id, so a deleted record is simply not listed. A search without RT's total (the
  // user may not see every record) cannot be known complete: the listing fails.
  class Ids : public IdLister {
   public:
    explicit Ids(RtConnector& rt) : rt_(rt) {}

    absl::Status ListIds(const std::function<absl::Status(const std::string&)>& each) override {
      int64_t after = 0;
      for (;;) {
        const std::string id_term = absl::StrCat("id > ", after);
        const std::string scope = rt_.Scope();
        auto page = rt_.SearchIds(scope.empty() ? id_term : absl::StrCat(scope, " AND ", id_term),
                                  rt_.options_.source.page_size, "id listing");
        if (!page.ok()) return page.status();
        const int64_t expected = std::min(*page->per_page, *page->total);
        if (static_cast<int64_t>(page->ids.size()) != expected) {
          return absl::DataLossError(absl::StrCat(
              "RT id listing after id ", after, ": ", page->ids.size(), " ids came where RT's total of ", *page->total,
              " and per_page ", *page->per_page, " say ", expected, "; the listing is not complete, nothing is deleted"));
        }
        for (int64_t id : page->ids) {
          if (id <= after) {
            return absl::FailedPreconditionError(absl::StrCat(
                "RT id listing: id ", id, " came after id ", after, " for a search ordered by id"));
          }
          after = id;
          if (auto status = each(absl::StrCat(id)); !status.ok()) return status;
        }
        if (*page->total <= *page->per_page) return absl::OkStatus();
      }
    }

    absl::StatusOr<std::vector<std::string>> StillPresent(const std::vector<std::string>& ids) override {
      if (ids.size() > kMaxCheckedIds) {
        return absl::InvalidArgumentError(absl::StrCat("StillPresent: ", ids.size(), " ids, at most ", kMaxCheckedIds));
      }
      std::vector<std::string> terms;
      std::set<std::string> asked;
      for (const std::string& id : ids) {
        int64_t number = 0;
        if (!absl::SimpleAtoi(id, &number) || number <= 0) continue;  // never an RT id: not there
        terms.push_back(absl::StrCat("id = ", number));
        asked.insert(absl::StrCat(number));
      }
      if (terms.empty()) return std::vector<std::string>{};
      const std::string by_id = absl::StrCat("(", absl::StrJoin(terms, " OR "), ")");
      const std::string scope = rt_.Scope();
      auto page = rt_.SearchIds(scope.empty() ? by_id : absl::StrCat(scope, " AND ", by_id), 100, "check by id");
      if (!page.ok()) return page.status();
      if (static_cast<int64_t>(page->ids.size()) != *page->total) {
        return absl::DataLossError(absl::StrCat("RT check by id: ", page->ids.size(), " ids came where RT's total says ",
                                                *page->total));
      }
      std::vector<std::string> present;
      for (int64_t id : page->ids) {
        if (asked.count(absl::StrCat(id))) present.push_back(absl::StrCat(id));
      }
      return present;
    }

    ReconcilePolicy policy() const override { return rt_.options_.source.reconcile; }

   private:
    RtConnector& rt_;
  };

  // Pull's scope without its LastUpdated bound: "(Queue = 'A' OR Queue = 'B')", or "" for every
  // record the user sees (and for assets).
  std::string Scope() const {
    if (options_.assets || options_.queues.empty()) return "";
    std::vector<std::string> queues;
    for (const std::string& queue : options_.queues) queues.push_back(absl::StrCat("Queue = '", queue, "'"));
    return absl::StrCat("(", absl::StrJoin(queues, " OR "), ")");
  }

  // One search for ids (`sql`, ordered by id, page 1 of `per_page`, fields=id), counted against max_pages;
  // its total and per_page are there (FAILED_PRECONDITION when RT leaves the total out).
  absl::StatusOr<RtIdPage> SearchIds(const std::string& sql, int per_page, absl::string_view action) {
    if (++requests_ > options_.source.max_pages) {
      return absl::ResourceExhaustedError(absl::StrCat(
          "the page budget of ", options_.source.max_pages,
          " requests in one run is spent (max_pages, the id listing included); deletes are looked for next time"));
    }
    HttpRequest request;
    request.path = options_.assets ? "/REST/2.0/assets" : "/REST/2.0/tickets";
    request.query = {{"query", sql}, {"orderby", "id"}, {"order", "ASC"}, {"page", "1"},
                     {"per_page", absl::StrCat(per_page)}, {"fields", "id"}};
    request.headers = {{"Authorization", options_.authorization}, {"Accept", "application/json"}};
    const std::string what = absl::StrCat("RT GET ", options_.source.http.base_url, request.path);
    auto body = Check(what, client_->Send(request), action);
    if (!body.ok()) return body.status();
    auto page = ParseRtIdPage(*body);
    if (!page.ok()) return absl::Status(page.status().code(), absl::StrCat(what, ": ", page.status().message()));
    if (!page->total.has_value()) {
      return absl::FailedPreconditionError(absl::StrCat(
          what, ": RT gave no total for the ", action, " (it leaves it out when the user may not see every ",
          options_.assets ? "asset" : "ticket", " of the search): the listing cannot be known complete, so deletes are "
          "not looked for; give the user rights to see every record of its queues"));
    }
    if (!page->per_page.has_value() || *page->per_page < 1) page->per_page = per_page;
    return page;
  }

  std::string Cursor() const {
    if (!has_position_) return "";
    json cursor = {{"watermark", IsoTime(position_)}, {"seen", json::array()}};
    for (int64_t id : seen_) cursor["seen"].push_back(id);
    return cursor.dump();
  }

  std::string Query() const {
    std::vector<std::string> terms;
    if (std::string scope = Scope(); !scope.empty()) terms.push_back(std::move(scope));
    if (has_position_) {
      const std::string at = SqlTime(position_);
      terms.push_back(absl::StrCat("LastUpdated >= '", at, "'"));
      if (resumed_ && !seen_.empty() && seen_.size() <= kMaxExcludedIds) {
        // Resuming from a cursor: every id of the watermark's second not read yet, including
        // lower ids that RT updated within that second after the last run read it.
        std::vector<std::string> excluded;
        for (int64_t id : seen_) excluded.push_back(absl::StrCat("id != ", id));
        terms.push_back(absl::StrCat("(LastUpdated > '", at, "' OR (", absl::StrJoin(excluded, " AND "), "))"));
      } else if (!seen_.empty()) {
        // Within a run: the keyset (LastUpdated, id) after the last record read.
        terms.push_back(absl::StrCat("(LastUpdated > '", at, "' OR id > ", *seen_.rbegin(), ")"));
      }
    }
    if (terms.empty()) terms.push_back("id > 0");
    return absl::StrJoin(terms, " AND ");
  }

  // The ticket's status changes (every page of its history) as the attribute status_history;
  // each request counts against max_pages.
  absl::Status AddStatusHistory(int64_t id, RawRecord& record) {
    std::vector<std::string> changes;
    for (int page = 1;; ++page) {
      if (++requests_ > options_.source.max_pages) {
        return absl::ResourceExhaustedError(absl::StrCat(
            "the page budget of ", options_.source.max_pages,
            " requests in one run is spent (max_pages, history included); the next run goes on from here"));
      }
      HttpRequest request;
      request.path = absl::StrCat("/REST/2.0/ticket/", id, "/history");
      request.query = {{"fields", "Type,Field,OldValue,NewValue,Created,Creator"}, {"fields[Creator]", "Name"},
                       {"page", absl::StrCat(page)}, {"per_page", "100"}};
      request.headers = {{"Authorization", options_.authorization}, {"Accept", "application/json"}};
      auto body = Check(absl::StrCat("RT GET ", options_.source.http.base_url, request.path), client_->Send(request), "history");
      if (!body.ok()) return body.status();
      auto history = ParseRtHistory(*body);
      if (!history.ok()) {
        return absl::Status(history.status().code(), absl::StrCat("RT ticket ", id, ": ", history.status().message()));
      }
      for (std::string& change : history->status_changes) changes.push_back(std::move(change));
      if (!history->more) break;
    }
    if (!changes.empty()) {
      record.fields.push_back({.role = "status_history", .value = absl::StrJoin(changes, "; "), .where = "history", .header = "history"});
    }
    return absl::OkStatus();
  }

  // One search request; RT's answers other than a JSON 200 become errors that say what to check.
  absl::StatusOr<std::string> Get(int per_page) {
    HttpRequest request;
    request.path = options_.assets ? "/REST/2.0/assets" : "/REST/2.0/tickets";
    request.query = {{"query", Query()},
                     {"orderby", "LastUpdated"}, {"orderby", "id"},
                     {"order", "ASC"}, {"order", "ASC"},
                     {"page", "1"}, {"per_page", absl::StrCat(per_page)},
                     {"fields", options_.assets ? kAssetFields : kTicketFields},
                     {"fields[Owner]", "Name"}};
    if (options_.assets) {
      request.query.push_back({"fields[Catalog]", "Name"});
    } else {
      request.query.push_back({"fields[Queue]", "Name"});
    }
    request.headers = {{"Authorization", options_.authorization}, {"Accept", "application/json"}};
    return Check(absl::StrCat("RT GET ", options_.source.http.base_url, request.path), client_->Send(request),
                 "search");
  }

  // RT's answers other than a JSON 200 become errors that say what to check; `action` names the
  // request in them ("search", "history").
  absl::StatusOr<std::string> Check(const std::string& what, absl::StatusOr<HttpResponse> response,
                                    absl::string_view action) {
    if (!response.ok()) {
      return absl::Status(response.status().code(), absl::StrCat(what, ": ", response.status().message()));
    }
    const int status = response->status;
    // A 401 never comes back here: the retrying layer turns it into UNAUTHENTICATED.
    if (status == 403) {
      return absl::PermissionDeniedError(absl::StrCat(what, ": RT denied the ", action, " (403): ", RtMessage(response->body),
                                                      "; the user needs ShowTicket and SeeQueue (ShowAsset for assets)"));
    }
    if (status == 400) {
      return absl::InvalidArgumentError(absl::StrCat(what, ": RT rejected the ", action, " (400): ", RtMessage(response->body)));
    }
    if (status == 404) {
      return absl::NotFoundError(absl::StrCat(what, ": no RT REST2 API there (404): url must be RT's base URL"));
    }
    if (status == 429 || status >= 500) {
      return absl::UnavailableError(absl::StrCat(what, ": RT answered HTTP ", status, ": ", RtMessage(response->body)));
    }
    if (status != 200) {
      return absl::FailedPreconditionError(absl::StrCat(what, ": RT answered HTTP ", status, ": ", RtMessage(response->body)));
    }
    if (IsHtmlPage(*response)) {
      return absl::FailedPreconditionError(absl::StrCat(
          what, ": RT answered an HTML page where JSON was expected (a login page or proxy error?): ",
          HtmlPageSummary(response->body)));
    }
    return std::move(response->body);
  }

  const std::string source_;
  const RtOptions options_;
  std::unique_ptr<HttpClient> client_;
  bool done_ = false;
  int64_t consumed_ = 0;
  int64_t requests_ = 0;
  // The keyset position: the LastUpdated second of the last record read and the ids read at it.
  bool has_position_ = false;
  int64_t position_ = 0;
  std::set<int64_t> seen_;
  bool resumed_ = false;  // the next request is the first after Start() from a cursor
  Ids ids_{*this};
};

}  // namespace

ConnectorFactory RtConnectorFactory() {
  ConnectorFactory factory;
  factory.type = "rt";
  factory.description = "Request Tracker 5 tickets or assets over REST2, incrementally by LastUpdated";
  factory.keys = RtKeys();
  factory.create = [](const SourceConfig& config,
                      const ConnectorDeps& deps) -> absl::StatusOr<std::unique_ptr<Connector>> {
    auto options = ReadRtOptions(config);
    if (!options.ok()) return options.status();
    // RT answers JSON, its errors as {"message": …} with a 4xx the connector reads itself.
    auto client = NewHttpSourceTransport(deps, options->source);
    if (!client.ok()) return client.status();
    return std::make_unique<RtConnector>(config.name, *std::move(options), *std::move(client));
  };
  return factory;
}

}  // namespace crosswalk::rt
