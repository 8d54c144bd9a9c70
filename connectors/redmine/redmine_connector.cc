#include "connectors/redmine/redmine_connector.h"

#include <algorithm>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "connectors/http/body_errors.h"
#include "connectors/redmine/redmine_options.h"
#include "connectors/redmine/redmine_page.h"
#include "nlohmann/json.hpp"

namespace crosswalk::redmine {
namespace {

using nlohmann::json;

constexpr int kRedmineMaxLimit = 100;
// Reads of a query again when it ends with fewer distinct issues than total_count, per run.
constexpr int64_t kMaxRescans = 2;

std::string IsoTime(int64_t seconds) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", absl::FromUnixSeconds(seconds), absl::UTCTimeZone());
}

// Redmine's {"errors":[…]} from an error body, else the body itself, shortened.
std::string RedmineMessage(const std::string& body) {
  const std::string errors = RedmineErrors(body);
  return errors.empty() ? ApiMessage(body) : ApiMessage(errors);
}

bool AllDigits(const std::string& text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

class RedmineConnector : public Connector {
 public:
  RedmineConnector(std::string source, RedmineOptions options, std::unique_ptr<HttpClient> client)
      : source_(std::move(source)), options_(std::move(options)), client_(std::move(client)) {}

  absl::Status Start(const std::string& cursor) override {
    done_ = false;
    consumed_ = 0;
    requests_ = 0;
    reanchors_ = 0;
    rescans_ = 0;
    has_position_ = false;
    position_ = 0;
    seen_.clear();
    returned_.clear();
    start_second_.reset();
    start_skip_.clear();
    std::optional<int64_t> anchor;
    if (!cursor.empty()) {
      json parsed = json::parse(cursor, nullptr, false);
      std::optional<int64_t> watermark;
      if (parsed.is_object() && parsed.contains("watermark") && parsed["watermark"].is_string()) {
        watermark = ParseRedmineTime(parsed["watermark"].get<std::string>());
      }
      if (!watermark || !parsed.contains("seen") || !parsed["seen"].is_array()) {
        return absl::InvalidArgumentError(
            "the stored cursor is not a redmine cursor {watermark, seen}: run sync --full");
      }
      has_position_ = true;
      position_ = *watermark;
      for (const json& id : parsed["seen"]) {
        if (id.is_number_integer()) seen_.insert(id.get<int64_t>());
      }
      if (options_.source.overlap_seconds > 0) {
        anchor = *watermark - options_.source.overlap_seconds;
      } else {
        anchor = *watermark;
        start_second_ = *watermark;
        start_skip_ = seen_;
      }
    }
    Anchor(anchor);
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
    if (!options_.trackers.empty() && tracker_ids_.empty()) {
      if (auto status = ResolveTrackers(); !status.ok()) return status;
    }
    const int per_page = std::clamp(std::min(max_records, options_.source.page_size), 1, kRedmineMaxLimit);
    for (;;) {
      if (++requests_ > options_.source.max_pages) {
        return absl::ResourceExhaustedError(absl::StrCat(
            "the page budget of ", options_.source.max_pages,
            " requests in one run is spent (max_pages); the next run goes on from here"));
      }
      // After the first page of a query, ask from the last issue received: it must come first.
      const bool overlap = have_last_;
      const int64_t from = overlap ? offset_ - 1 : offset_;
      const int limit = overlap ? std::clamp(per_page + 1, 2, kRedmineMaxLimit) : per_page;
      const std::string what = absl::StrCat("Redmine GET ", options_.source.http.base_url,
                                            "/issues.json offset ", from);
      auto body = Get(what, from, limit);
      if (!body.ok()) return body.status();
      auto page = ParseRedminePage(*body);
      if (!page.ok()) return absl::Status(page.status().code(), absl::StrCat(what, ": ", page.status().message()));
      if (page->offset.has_value() && *page->offset != from) {
        return absl::FailedPreconditionError(absl::StrCat(what, ": Redmine answered for offset ", *page->offset));
      }
      size_t first = 0;
      if (overlap) {
        const std::vector<RedmineIssue>& issues = page->issues;
        if (issues.empty() || issues[0].id != last_id_ || issues[0].updated_on != last_updated_) {
          // Issues moved (updated or deleted) under the offsets: query anew from the second of the
          // last issue received (an issue that moved went to a later second).
          ++reanchors_;
          Anchor(last_updated_);
          continue;
        }
        first = 1;
      }
      if (page->total_count.has_value()) {
        // The count grew while paging: new issues, which may also land inside the second being
        // read (ids below the last one read there) where the offsets check cannot see them.
        if (query_total_.has_value() && *page->total_count > *query_total_ && !risky_second_ && have_last_) {
          risky_second_ = last_updated_;
        }
        query_total_ = page->total_count;
      }
      int64_t received = 0;
      for (size_t i = first; i < page->issues.size(); ++i) {
        RedmineIssue& issue = page->issues[i];
        // Redmine reads updated_on>=A as updated_on > A-1s: an issue of second A-1 may come first.
        if (anchor_.has_value() && issue.updated_on < *anchor_ - 1) {
          return absl::FailedPreconditionError(absl::StrCat(
              what, ": Redmine returned ", issue.record.location, " (updated_on ", IsoTime(issue.updated_on),
              ") for updated_on>=", IsoTime(*anchor_), ": the filter was not applied"));
        }
        if (have_last_ && issue.updated_on < last_updated_) {
          return absl::FailedPreconditionError(absl::StrCat(
              what, ": Redmine returned ", issue.record.location, " out of order (updated_on ",
              IsoTime(issue.updated_on), " after ", IsoTime(last_updated_),
              ") for sort=updated_on:asc,id:asc"));
        }
        have_last_ = true;
        last_id_ = issue.id;
        last_updated_ = issue.updated_on;
        ++offset_;
        ++received;
        query_ids_.insert(issue.id);
        if (!Wanted(issue)) continue;
        returned_[issue.id] = issue.updated_on;
        if (!has_position_ || issue.updated_on > position_) {
          seen_.clear();
          has_position_ = true;
          position_ = issue.updated_on;
        }
        if (issue.updated_on == position_) seen_.insert(issue.id);
        out.records.push_back(std::move(issue.record));
      }
      consumed_ += static_cast<int64_t>(out.records.size());
      // Redmine's end: the offset reached total_count, or nothing new came.
      done_ = received == 0 || (query_total_.has_value() && offset_ >= *query_total_);
      const int64_t distinct = static_cast<int64_t>(query_ids_.size());
      if (done_ && query_total_.has_value() && distinct < *query_total_ && rescans_ < kMaxRescans) {
        // Fewer distinct issues than Redmine counts: read the query again from where the count
        // grew (or its anchor), returning only the versions not returned yet.
        ++rescans_;
        done_ = false;
        Anchor(risky_second_.has_value() ? risky_second_ : anchor_);
      }
      if (query_total_.has_value()) {
        // A shortfall at the end leaves total above the records read: the sync engine fails the run.
        out.total = consumed_ + std::max<int64_t>(0, *query_total_ - std::min(offset_, distinct));
      }
      if (out.records.empty() && !done_) continue;  // a page of skipped issues only
      break;
    }
    if (options_.journals) {
      for (RawRecord& record : out.records) {
        if (auto status = AddStatusHistory(record); !status.ok()) return status;
      }
    }
    if (done_ && reanchors_ + rescans_ > 0) {
      out.notes.push_back(absl::StrCat("issues changed while paging: re-read from their updated_on ",
                                       reanchors_ + rescans_, reanchors_ + rescans_ == 1 ? " time" : " times"));
    }
    out.done = done_;
    out.position = consumed_;
    out.next_cursor = Cursor();
    return out;
  }

  SourceShape Shape() const override {
    SourceShape shape;
    shape.source = source_;
    shape.vocabulary = "redmine";
    return shape;
  }

  IdLister* ids() override { return &ids_; }

 private:
  // The ids of Pull's query without its updated_on bound (status_id=*, the project and trackers),
  // read by sort=id with offset/limit: every page must hold min(limit, total_count - offset) ids,
  // the listing ends when the offset reaches total_count, and the distinct ids listed must reach
  // the last total_count; anything else fails it. Redmine deletes an issue outright (DELETE
  // /issues/ID.json), so it is simply no longer listed; one deleted below the offset while
  // listing shifts the later offsets down and the first id of the next page is skipped, which
  // is why the sync engine asks StillPresent before it deletes: issue_id=1,2,3 in the same scope.
  class Ids : public IdLister {
   public:
    explicit Ids(RedmineConnector& redmine) : redmine_(redmine) {}

    absl::Status ListIds(const std::function<absl::Status(const std::string&)>& each) override {
      std::set<int64_t> listed;
      int64_t offset = 0;
      for (;;) {
        const std::string limit_asked = absl::StrCat(redmine_.options_.source.page_size);
        auto page = redmine_.SearchIds({{"sort", "id"}, {"offset", absl::StrCat(offset)}, {"limit", limit_asked}},
                                       absl::StrCat("id listing offset ", offset));
        if (!page.ok()) return page.status();
        const std::string what = absl::StrCat("Redmine id listing at offset ", offset);
        if (page->offset.has_value() && *page->offset != offset) {
          return absl::FailedPreconditionError(absl::StrCat(what, ": Redmine answered for offset ", *page->offset));
        }
        const int64_t total = *page->total_count;
        const int64_t limit = page->limit.value_or(redmine_.options_.source.page_size);
        const int64_t expected = std::clamp<int64_t>(total - offset, 0, limit);
        if (static_cast<int64_t>(page->ids.size()) != expected) {
          return absl::DataLossError(absl::StrCat(what, ": ", page->ids.size(), " issues came where total_count ", total,
                                                  " and limit ", limit, " say ", expected,
                                                  "; the listing is not complete, nothing is deleted"));
        }
        for (int64_t id : page->ids) {
          if (!listed.insert(id).second) continue;
          if (auto status = each(absl::StrCat(id)); !status.ok()) return status;
        }
        offset += static_cast<int64_t>(page->ids.size());
        if (offset >= total) {
          if (static_cast<int64_t>(listed.size()) < total) {
            return absl::DataLossError(absl::StrCat("Redmine id listing: ", listed.size(), " distinct issues where total_count says ",
                                                    total, " (issues moved while listing); nothing is deleted"));
          }
          return absl::OkStatus();
        }
      }
    }

    absl::StatusOr<std::vector<std::string>> StillPresent(const std::vector<std::string>& ids) override {
      if (ids.size() > kMaxCheckedIds) {
        return absl::InvalidArgumentError(absl::StrCat("StillPresent: ", ids.size(), " ids, at most ", kMaxCheckedIds));
      }
      std::vector<std::string> asked;
      for (const std::string& id : ids) {
        if (AllDigits(id) && id.front() != '0') asked.push_back(id);  // anything else is never a Redmine id
      }
      if (asked.empty()) return std::vector<std::string>{};
      auto page = redmine_.SearchIds({{"issue_id", absl::StrJoin(asked, ",")}, {"limit", "100"}}, "check by id");
      if (!page.ok()) return page.status();
      if (static_cast<int64_t>(page->ids.size()) != *page->total_count) {
        return absl::DataLossError(absl::StrCat("Redmine check by id: ", page->ids.size(),
                                                " issues came where total_count says ", *page->total_count));
      }
      const std::set<std::string> wanted(asked.begin(), asked.end());
      std::vector<std::string> present;
      for (int64_t id : page->ids) {
        if (wanted.count(absl::StrCat(id))) present.push_back(absl::StrCat(id));
      }
      return present;
    }

    ReconcilePolicy policy() const override { return redmine_.options_.source.reconcile; }

   private:
    RedmineConnector& redmine_;
  };

  // One /issues.json request in Pull's scope without its updated_on bound, plus `query`, counted
  // against max_pages; its total_count is there (FAILED_PRECONDITION when Redmine leaves it out).
  absl::StatusOr<RedmineIdPage> SearchIds(std::vector<std::pair<std::string, std::string>> query, const std::string& action) {
    if (!options_.trackers.empty() && tracker_ids_.empty()) {
      if (auto status = ResolveTrackers(); !status.ok()) return status;
    }
    if (++requests_ > options_.source.max_pages) {
      return absl::ResourceExhaustedError(absl::StrCat(
          "the page budget of ", options_.source.max_pages,
          " requests in one run is spent (max_pages, the id listing included); deletes are looked for next time"));
    }
    HttpRequest request;
    request.path = "/issues.json";
    request.query = {{"status_id", "*"}};
    for (auto& parameter : query) request.query.push_back(std::move(parameter));
    AddScope(request);
    request.headers = {options_.credential, {"Accept", "application/json"}};
    const std::string what = absl::StrCat("Redmine GET ", options_.source.http.base_url, "/issues.json ", action);
    auto body = Check(what, client_->Send(request));
    if (!body.ok()) return body.status();
    auto page = ParseRedmineIdPage(*body);
    if (!page.ok()) return absl::Status(page.status().code(), absl::StrCat(what, ": ", page.status().message()));
    if (!page->total_count.has_value()) {
      return absl::FailedPreconditionError(absl::StrCat(what, ": Redmine gave no total_count, so the listing cannot be known complete"));
    }
    return page;
  }

  // Pull's scope: the project and the trackers, when set.
  void AddScope(HttpRequest& request) const {
    if (!options_.project.empty()) request.query.push_back({"project_id", options_.project});
    if (!tracker_ids_.empty()) request.query.push_back({"tracker_id", absl::StrJoin(tracker_ids_, "|")});
  }

  // A new query: updated_on >= at (none: every issue), from offset 0.
  void Anchor(std::optional<int64_t> at) {
    anchor_ = at;
    offset_ = 0;
    have_last_ = false;
    query_total_.reset();
    risky_second_.reset();
    query_ids_.clear();
  }

  // Whether a received issue is returned: not when it is of the second before the anchor (read
  // before), among the cursor's seen ids at its watermark (overlap 0), or this very version was
  // returned already in this run (a query read again).
  bool Wanted(const RedmineIssue& issue) const {
    if (anchor_.has_value() && issue.updated_on < *anchor_) return false;
    if (start_second_.has_value() && issue.updated_on == *start_second_ && start_skip_.count(issue.id)) return false;
    auto returned = returned_.find(issue.id);
    return returned == returned_.end() || returned->second != issue.updated_on;
  }

  std::string Cursor() const {
    if (!has_position_) return "";
    json cursor = {{"watermark", IsoTime(position_)}, {"seen", json::array()}};
    for (int64_t id : seen_) cursor["seen"].push_back(id);
    return cursor.dump();
  }

  // One more request per issue: its journals' status changes as the attribute status_history.
  absl::Status AddStatusHistory(RawRecord& record) {
    if (status_names_.empty()) {
      if (auto status = ResolveStatuses(); !status.ok()) return status;
    }
    if (++requests_ > options_.source.max_pages) {
      return absl::ResourceExhaustedError(absl::StrCat(
          "the page budget of ", options_.source.max_pages,
          " requests in one run is spent (max_pages, journals included); the next run goes on from here"));
    }
    HttpRequest request;
    request.path = absl::StrCat("/issues/", record.native_id, ".json");
    request.query = {{"include", "journals"}};
    request.headers = {options_.credential, {"Accept", "application/json"}};
    const std::string what = absl::StrCat("Redmine GET ", options_.source.http.base_url, request.path);
    auto response = client_->Send(request);
    if (response.ok() && response->status == 404) return absl::OkStatus();  // deleted since the list
    auto body = Check(what, std::move(response));
    if (!body.ok()) return body.status();
    auto history = ParseStatusHistory(*body, status_names_);
    if (!history.ok()) return absl::Status(history.status().code(), absl::StrCat(what, ": ", history.status().message()));
    if (!history->empty()) {
      record.fields.push_back({.role = "status_history", .value = *history, .where = "journals", .header = "journals"});
    }
    return absl::OkStatus();
  }

  // Status ids → names through /issue_statuses.json, once a run.
  absl::Status ResolveStatuses() {
    ++requests_;
    HttpRequest request;
    request.path = "/issue_statuses.json";
    request.headers = {options_.credential, {"Accept", "application/json"}};
    const std::string what = absl::StrCat("Redmine GET ", options_.source.http.base_url, request.path);
    auto body = Check(what, client_->Send(request));
    if (!body.ok()) return body.status();
    json parsed = json::parse(*body, nullptr, false);
    if (!parsed.is_object() || !parsed.contains("issue_statuses") || !parsed["issue_statuses"].is_array()) {
      return absl::FailedPreconditionError(absl::StrCat(what, ": no 'issue_statuses' list in ", ApiMessage(*body)));
    }
    for (const json& status : parsed["issue_statuses"]) {
      if (!status.is_object() || !status.contains("id") || !status.contains("name") || !status["name"].is_string()) continue;
      status_names_[status["id"].dump()] = status["name"].get<std::string>();
    }
    if (status_names_.empty()) return absl::FailedPreconditionError(absl::StrCat(what, ": no issue statuses"));
    return absl::OkStatus();
  }

  // Tracker names → ids through /trackers.json (ids given as digits are used as they are).
  absl::Status ResolveTrackers() {
    std::vector<std::string> names;
    for (const std::string& tracker : options_.trackers) {
      if (AllDigits(tracker)) {
        tracker_ids_.push_back(tracker);
      } else {
        names.push_back(tracker);
      }
    }
    if (names.empty()) return absl::OkStatus();
    ++requests_;
    HttpRequest request;
    request.path = "/trackers.json";
    request.headers = {options_.credential};
    const std::string what = absl::StrCat("Redmine GET ", options_.source.http.base_url, request.path);
    auto body = Check(what, client_->Send(request));
    if (!body.ok()) return body.status();
    json parsed = json::parse(*body, nullptr, false);
    if (!parsed.is_object() || !parsed.contains("trackers") || !parsed["trackers"].is_array()) {
      return absl::FailedPreconditionError(absl::StrCat(what, ": no 'trackers' list in ", ApiMessage(*body)));
    }
    std::vector<std::string> known;
    for (const std::string& name : names) {
      bool found = false;
      known.clear();
      for (const json& tracker : parsed["trackers"]) {
        if (!tracker.is_object() || !tracker.contains("name") || !tracker["name"].is_string() || !tracker.contains("id")) continue;
        known.push_back(tracker["name"].get<std::string>());
        if (tracker["name"].get<std::string>() == name) {
          tracker_ids_.push_back(tracker["id"].dump());
          found = true;
        }
      }
      if (!found) {
        tracker_ids_.clear();
        return absl::InvalidArgumentError(absl::StrCat("trackers: Redmine has no tracker '", name,
                                                       "' (it has: ", absl::StrJoin(known, ", "), ")"));
      }
    }
    return absl::OkStatus();
  }

  absl::StatusOr<std::string> Get(const std::string& what, int64_t offset, int limit) {
    HttpRequest request;
    request.path = "/issues.json";
    request.query = {{"status_id", "*"},
                     {"sort", "updated_on:asc,id:asc"},
                     {"offset", absl::StrCat(offset)},
                     {"limit", absl::StrCat(limit)}};
    if (anchor_.has_value()) request.query.push_back({"updated_on", absl::StrCat(">=", IsoTime(*anchor_))});
    AddScope(request);
    request.headers = {options_.credential, {"Accept", "application/json"}};
    return Check(what, client_->Send(request));
  }

  // Redmine's answers other than a JSON 200 become errors that say what to check.
  absl::StatusOr<std::string> Check(const std::string& what, absl::StatusOr<HttpResponse> response) {
    if (!response.ok()) {
      return absl::Status(response.status().code(), absl::StrCat(what, ": ", response.status().message()));
    }
    const int status = response->status;
    // A 401 never comes back here: the retrying layer turns it into UNAUTHENTICATED.
    if (status == 403) {
      return absl::PermissionDeniedError(absl::StrCat(
          what, ": Redmine denied the request (403): is the REST API enabled (Administration → Settings → API), "
                "and may the user view the issues?"));
    }
    if (status == 404) {
      return absl::NotFoundError(absl::StrCat(
          what, ": Redmine answered 404: url must be Redmine's base URL",
          options_.project.empty() ? "" : absl::StrCat(", and project '", options_.project, "' must exist")));
    }
    if (status == 422 || status == 400) {
      return absl::InvalidArgumentError(absl::StrCat(what, ": Redmine rejected the request (", status, "): ",
                                                     RedmineMessage(response->body)));
    }
    if (status == 429 || status >= 500) {
      return absl::UnavailableError(absl::StrCat(what, ": Redmine answered HTTP ", status, ": ",
                                                 RedmineMessage(response->body)));
    }
    if (status != 200) {
      return absl::FailedPreconditionError(absl::StrCat(what, ": Redmine answered HTTP ", status, ": ",
                                                        RedmineMessage(response->body)));
    }
    if (IsHtmlPage(*response)) {
      return absl::FailedPreconditionError(absl::StrCat(
          what, ": Redmine answered an HTML page where JSON was expected (a login page or proxy error?): ",
          HtmlPageSummary(response->body)));
    }
    return std::move(response->body);
  }

  const std::string source_;
  const RedmineOptions options_;
  std::unique_ptr<HttpClient> client_;
  std::vector<std::string> tracker_ids_;
  std::map<std::string, std::string> status_names_;  // id → name (journals)
  bool done_ = false;
  int64_t consumed_ = 0;
  int64_t requests_ = 0;
  int64_t reanchors_ = 0;
  int64_t rescans_ = 0;
  // The cursor: the newest updated_on second returned and the ids returned at it.
  bool has_position_ = false;
  int64_t position_ = 0;
  std::set<int64_t> seen_;
  // Every issue returned in this run, with the updated_on of the version returned.
  std::map<int64_t, int64_t> returned_;
  // With overlap 0: the cursor's watermark and the ids it had seen at that second.
  std::optional<int64_t> start_second_;
  std::set<int64_t> start_skip_;
  // The current query: updated_on >= anchor_ (none: every issue), the next offset, the last issue
  // received (returned or not), Redmine's latest total_count, the second being read when that
  // count first grew, and the distinct ids received.
  std::optional<int64_t> anchor_;
  int64_t offset_ = 0;
  bool have_last_ = false;
  int64_t last_id_ = 0;
  int64_t last_updated_ = std::numeric_limits<int64_t>::min();
  std::optional<int64_t> query_total_;
  std::optional<int64_t> risky_second_;
  std::set<int64_t> query_ids_;
  Ids ids_{*this};
};

}  // namespace

ConnectorFactory RedmineConnectorFactory() {
  ConnectorFactory factory;
  factory.type = "redmine";
  factory.description = "Redmine issues over its REST API (/issues.json), incrementally by updated_on";
  factory.keys = RedmineKeys();
  factory.create = [](const SourceConfig& config,
                      const ConnectorDeps& deps) -> absl::StatusOr<std::unique_ptr<Connector>> {
    auto options = ReadRedmineOptions(config);
    if (!options.ok()) return options.status();
    // Redmine answers a failed request with {"errors":[…]} and a 4xx, read by the connector.
    auto client = NewHttpSourceTransport(deps, options->source);
    if (!client.ok()) return client.status();
    return std::make_unique<RedmineConnector>(config.name, *std::move(options), *std::move(client));
  };
  return factory;
}

}  // namespace crosswalk::redmine
