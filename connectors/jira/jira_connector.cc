#include "connectors/jira/jira_connector.h"

#include <algorithm>
#include <memory>
#include <optional>
#include <set>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"
#include "connectors/http/body_errors.h"
#include "connectors/http_source.h"
#include "connectors/jira/jira_ids.h"
#include "connectors/jira/jira_options.h"
#include "connectors/jira/jira_page.h"
#include "nlohmann/json.hpp"

namespace crosswalk::jira {
namespace {

using nlohmann::json;

std::string JiraMessage(const std::string& body) {
  if (auto messages = JiraErrorMessages(body)) return ApiMessage(*messages);
  return ApiMessage(body);
}

std::string IsoMillis(int64_t ms) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ", absl::FromUnixMillis(ms), absl::UTCTimeZone());
}

// JQL's date-time form, "yyyy/MM/dd HH:mm".
std::string JqlMinute(const absl::CivilMinute& minute) {
  return absl::StrFormat("%04d/%02d/%02d %02d:%02d", minute.year(), minute.month(), minute.day(), minute.hour(),
                         minute.minute());
}

using Seen = std::set<std::pair<std::string, int64_t>>;  // (issue id, updated ms)

class JiraConnector : public Connector {
 public:
  JiraConnector(std::string source, JiraOptions options, std::unique_ptr<HttpClient> client)
      : source_(std::move(source)),
        options_(std::move(options)),
        client_(std::move(client)),
        ids_(options_, [this](HttpRequest request, absl::string_view asked, bool* missing) -> absl::StatusOr<std::string> {
          if (auto status = Spend(); !status.ok()) return status;
          return Send(std::move(request), asked, missing);
        }) {
    zone_ = options_.time_zone;
    zone_name_ = options_.time_zone_name;
  }

  absl::Status Start(const std::string& cursor) override {
    done_ = false;
    consumed_ = 0;
    requests_ = 0;
    base_ = 0;
    seen_.clear();
    has_last_ = false;
    has_bound_ = false;
    pending_lower_.reset();
    token_.reset();
    start_at_ = 0;
    if (cursor.empty()) return absl::OkStatus();
    json parsed = json::parse(cursor, nullptr, false);
    std::optional<int64_t> watermark;
    if (parsed.is_object() && parsed.contains("watermark") && parsed["watermark"].is_string()) {
      watermark = ParseJiraTime(parsed["watermark"].get<std::string>());
    }
    if (!watermark || !parsed.contains("seen") || !parsed["seen"].is_array()) {
      return absl::InvalidArgumentError("the stored cursor is not a jira cursor {watermark, seen}: run sync --full");
    }
    for (const json& entry : parsed["seen"]) {
      if (entry.is_array() && entry.size() == 2 && entry[0].is_string() && entry[1].is_number_integer()) {
        seen_.insert({entry[0].get<std::string>(), entry[1].get<int64_t>()});
      }
    }
    has_last_ = true;
    last_ms_ = *watermark;
    pending_lower_ = *watermark - options_.source.overlap_seconds * 1000;
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
    if (!zone_.has_value()) {
      if (auto status = ReadAccountZone(); !status.ok()) return status;
    }
    if (pending_lower_.has_value()) {
      NewQuery(*pending_lower_);
      pending_lower_.reset();
    }
    if (auto status = Spend(); !status.ok()) return status;
    const int per_page = std::clamp(std::min(max_records, options_.source.page_size), 1, 100);
    auto body = Search(per_page);
    if (!body.ok()) return body.status();
    auto page = ParseJiraPage(*body, options_.request_type_field);
    if (!page.ok()) {
      return absl::Status(page.status().code(), absl::StrCat(SearchWhat(), ": ", page.status().message()));
    }
    // The order asked for is what makes the fresh queries safe; a Jira that ignores it (or the
    // bound) would skip issues. Checked within a page: across a continuation an issue committed
    // late may come before the last one read, and is simply read.
    int64_t previous_ms = has_bound_ ? absl::ToUnixMillis(bound_.earliest) : 0;
    for (JiraIssue& issue : page->issues) {
      if (issue.updated_ms < previous_ms) {
        return absl::FailedPreconditionError(absl::StrCat(
            SearchWhat(), ": Jira returned ", issue.record.location, " out of order (updated ",
            IsoMillis(issue.updated_ms), ") for a search ordered by updated"));
      }
      previous_ms = issue.updated_ms;
      if (!seen_.insert({issue.id, issue.updated_ms}).second) continue;  // read already
      if (!has_last_ || issue.updated_ms > last_ms_) last_ms_ = issue.updated_ms;
      has_last_ = true;
      out.records.push_back(std::move(issue.record));
    }
    consumed_ += static_cast<int64_t>(out.records.size());
    const size_t count = page->issues.size();
    if (options_.cloud) {
      done_ = page->is_last || !page->next_page_token.has_value();
    } else {
      done_ = count == 0 || !page->total.has_value() || start_at_ + static_cast<int64_t>(count) >= *page->total;
      if (page->total.has_value()) out.total = base_ + *page->total;
    }
    if (!done_) {
      std::optional<JqlBound> next;
      if (count > 0) next = JqlLowerBound(absl::FromUnixMillis(page->issues.back().updated_ms), *zone_);
      if (next.has_value() && (!has_bound_ || next->earliest > bound_.earliest)) {
        NewQuery(page->issues.back().updated_ms);
      } else if (options_.cloud) {
        token_ = page->next_page_token;  // a whole page in one minute: Jira's own continuation
      } else {
        start_at_ += static_cast<int64_t>(count);
      }
    }
    out.done = done_;
    out.position = consumed_;
    out.next_cursor = Cursor();
    return out;
  }

  SourceShape Shape() const override {
    SourceShape shape;
    shape.source = source_;
    shape.vocabulary = "jira";
    return shape;
  }

  IdLister* ids() override { return &ids_; }

 private:
  // One request of the run's budget (the id listing's included).
  absl::Status Spend() {
    if (++requests_ > options_.source.max_pages) {
      return absl::ResourceExhaustedError(absl::StrCat(
          "the page budget of ", options_.source.max_pages,
          " requests in one run is spent (max_pages); the next run goes on from here"));
    }
    return absl::OkStatus();
  }

  // A fresh query from the minute of `lower_ms`: no continuation, the seen-set cut to what it can
  // return again, and the records read before it that it will not return counted in base_.
  void NewQuery(int64_t lower_ms) {
    bound_ = JqlLowerBound(absl::FromUnixMillis(lower_ms), *zone_);
    has_bound_ = true;
    token_.reset();
    start_at_ = 0;
    // Kept: what this query can return again, and what the next run's overlap will.
    const int64_t from = std::min(absl::ToUnixMillis(bound_.earliest), KeepFrom());
    for (auto it = seen_.begin(); it != seen_.end();) {
      it = it->second < from ? seen_.erase(it) : std::next(it);
    }
    const int64_t returned_again = std::count_if(seen_.begin(), seen_.end(), [this](const auto& entry) {
      return entry.second >= absl::ToUnixMillis(bound_.earliest);
    });
    base_ = consumed_ - returned_again;
  }

  // The oldest `updated` the next run re-reads (the watermark's minute less the overlap): seen
  // issues from there on are kept, in memory and in the cursor, so that run skips them.
  int64_t KeepFrom() const {
    if (!has_last_ || !zone_.has_value()) return has_last_ ? last_ms_ : 0;
    return absl::ToUnixMillis(
        JqlLowerBound(absl::FromUnixMillis(last_ms_ - options_.source.overlap_seconds * 1000), *zone_).earliest);
  }

  std::string Cursor() const {
    if (!has_last_) return "";
    json cursor = {{"watermark", IsoMillis(last_ms_)}, {"seen", json::array()}};
    const int64_t from = KeepFrom();
    for (const auto& [id, updated] : seen_) {
      if (updated >= from) cursor["seen"].push_back({id, updated});
    }
    return cursor.dump();
  }

  std::string Jql() const {
    std::string jql;
    if (!options_.jql.empty()) jql = absl::StrCat("(", options_.jql, ")");
    if (has_bound_) {
      jql = absl::StrCat(jql, jql.empty() ? "" : " AND ", "updated >= \"", bound_.text, "\"");
    }
    return absl::StrCat(jql, jql.empty() ? "" : " ", "ORDER BY updated ASC, key ASC");
  }

  std::string SearchPath() const { return options_.cloud ? "/rest/api/3/search/jql" : "/rest/api/2/search"; }
  std::string SearchWhat() const { return absl::StrCat("Jira GET ", options_.source.http.base_url, SearchPath()); }

  absl::StatusOr<std::string> Search(int per_page) {
    HttpRequest request;
    request.path = SearchPath();
    request.query = {{"jql", Jql()}, {"maxResults", absl::StrCat(per_page)}, {"fields", options_.fields}};
    if (options_.cloud && token_.has_value()) request.query.push_back({"nextPageToken", *token_});
    if (!options_.cloud) request.query.push_back({"startAt", absl::StrCat(start_at_)});
    return Send(std::move(request), "the search");
  }

  // The account's profile zone, in which JQL reads bare times.
  absl::Status ReadAccountZone() {
    HttpRequest request;
    request.path = options_.cloud ? "/rest/api/3/myself" : "/rest/api/2/myself";
    auto body = Send(request, "the account (/myself)");
    if (!body.ok()) return body.status();
    const std::string what = absl::StrCat("Jira GET ", options_.source.http.base_url, request.path);
    json parsed = json::parse(*body, nullptr, false);
    if (!parsed.is_object()) return absl::FailedPreconditionError(absl::StrCat(what, ": the body is not a JSON object"));
    auto zone = parsed.find("timeZone");
    if (zone == parsed.end() || !zone->is_string()) {
      if (auto messages = JiraErrorMessages(*body)) {
        return absl::FailedPreconditionError(absl::StrCat(what, ": Jira answered an error: ", ApiMessage(*messages)));
      }
      return absl::FailedPreconditionError(absl::StrCat(
          what, ": no 'timeZone' for the account; set time_zone to the account's profile zone (JQL reads times in it)"));
    }
    absl::TimeZone loaded;
    if (!absl::LoadTimeZone(zone->get<std::string>(), &loaded)) {
      return absl::FailedPreconditionError(absl::StrCat(what, ": the account's timeZone '", zone->get<std::string>(),
                                                        "' is not a known IANA zone; set time_zone"));
    }
    zone_ = loaded;
    zone_name_ = zone->get<std::string>();
    return absl::OkStatus();
  }

  // One request; Jira's answers other than a JSON 200 become errors that say what to check. With
  // `missing`, a 404 carrying Jira's error envelope (an issue asked by id that is gone or not
  // visible) sets it and returns "".
  absl::StatusOr<std::string> Send(HttpRequest request, absl::string_view asked, bool* missing = nullptr) {
    request.headers = {{"Authorization", options_.authorization}, {"Accept", "application/json"}};
    const std::string what = absl::StrCat("Jira GET ", options_.source.http.base_url, request.path);
    auto response = client_->Send(request);
    if (!response.ok()) {
      return absl::Status(response.status().code(), absl::StrCat(what, ": ", response.status().message()));
    }
    const int status = response->status;
    if (status == 410) {
      return absl::FailedPreconditionError(absl::StrCat(
          what, ": Jira answered 410 Gone: Atlassian retired /rest/api/2/search and /rest/api/3/search on Jira Cloud; "
                "set flavor = cloud (it reads /rest/api/3/search/jql)"));
    }
    if (status == 400) {
      return absl::InvalidArgumentError(absl::StrCat(what, ": Jira rejected ", asked, " (400): ", JiraMessage(response->body),
                                                     options_.jql.empty() ? "" : absl::StrCat(" (check jql = ", options_.jql, ")")));
    }
    if (status == 403) {
      return absl::PermissionDeniedError(absl::StrCat(what, ": Jira denied ", asked, " (403): ", JiraMessage(response->body),
                                                      "; the account needs Browse projects"));
    }
    if (status == 404 && missing != nullptr && JiraErrorMessages(response->body).has_value()) {
      *missing = true;
      return std::string();
    }
    if (status == 404) {
      return absl::NotFoundError(absl::StrCat(what, ": no Jira REST API there (404): url must be the site's base URL",
                                              options_.cloud ? "" : " (a Data Center context path included)"));
    }
    if (status == 429 || status >= 500) {
      return absl::UnavailableError(absl::StrCat(what, ": Jira answered HTTP ", status, ": ", JiraMessage(response->body)));
    }
    if (status != 200) {
      return absl::FailedPreconditionError(absl::StrCat(what, ": Jira answered HTTP ", status, ": ", JiraMessage(response->body)));
    }
    if (IsHtmlPage(*response)) {
      return absl::FailedPreconditionError(absl::StrCat(
          what, ": Jira answered an HTML page where JSON was expected for ", asked,
          " (a login page, SSO redirect or proxy error?): ", HtmlPageSummary(response->body)));
    }
    // A 200 carrying Jira's error envelope is caught by the readers (ParseJiraPage, the /myself
    // reader), which parse the body once anyway.
    return std::move(response->body);
  }

  const std::string source_;
  const JiraOptions options_;
  std::unique_ptr<HttpClient> client_;
  JiraIds ids_;
  std::optional<absl::TimeZone> zone_;
  std::string zone_name_;
  bool done_ = false;
  int64_t consumed_ = 0;
  int64_t requests_ = 0;
  int64_t base_ = 0;  // records read before the current query that it will not return
  // The current query: its lower bound (none on a full run's first query) and its continuation.
  bool has_bound_ = false;
  JqlBound bound_;
  std::optional<int64_t> pending_lower_;  // from the cursor, applied once the zone is known
  std::optional<std::string> token_;
  int64_t start_at_ = 0;
  Seen seen_;                // issues read at or after the current query's bound
  bool has_last_ = false;
  int64_t last_ms_ = 0;      // the newest updated read (the watermark)
};

}  // namespace

JqlBound JqlLowerBound(absl::Time at, const absl::TimeZone& zone) {
  absl::Time probe = at;
  for (int step = 0; step < 4; ++step) {
    const absl::CivilMinute minute = absl::ToCivilMinute(probe, zone);
    const absl::TimeZone::TimeInfo info = zone.At(minute);
    const absl::Time latest = std::max(info.pre, info.post);
    if (latest <= at) {
      return {JqlMinute(minute), std::min(info.pre, info.post)};
    }
    probe -= absl::Hours(1);  // a repeated hour: the later reading would be after `at`
  }
  const absl::CivilMinute minute = absl::ToCivilMinute(at - absl::Hours(24), zone);
  return {JqlMinute(minute), zone.At(minute).pre};
}

ConnectorFactory JiraConnectorFactory() {
  ConnectorFactory factory;
  factory.type = "jira";
  factory.description = "Jira Cloud or Data Center issues (Jira Service Management included), incrementally by updated";
  factory.keys = JiraKeys();
  factory.create = [](const SourceConfig& config,
                      const ConnectorDeps& deps) -> absl::StatusOr<std::unique_ptr<Connector>> {
    auto options = ReadJiraOptions(config);
    if (!options.ok()) return options.status();
    auto client = NewHttpSourceTransport(deps, options->source);
    if (!client.ok()) return client.status();
    return std::make_unique<JiraConnector>(config.name, *std::move(options), *std::move(client));
  };
  return factory;
}

}  // namespace crosswalk::jira
