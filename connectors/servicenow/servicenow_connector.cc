#include "connectors/servicenow/servicenow_connector.h"

#include <algorithm>
#include <memory>
#include <set>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "connectors/http/body_errors.h"
#include "connectors/servicenow/servicenow_options.h"
#include "connectors/servicenow/servicenow_page.h"
#include "nlohmann/json.hpp"

namespace crosswalk::servicenow {
namespace {

using nlohmann::json;

// A resumed query lists the seen sys_ids of the watermark's second up to this many (33 bytes
// each in the URL); past it, it continues after the highest (the overlap window covers the rest).
constexpr size_t kMaxExcludedIds = 100;

std::string IsoTime(int64_t seconds) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", absl::FromUnixSeconds(seconds), absl::UTCTimeZone());
}

std::optional<int64_t> ParseIsoTime(const std::string& text) {
  absl::Time time;
  std::string error;
  if (text.size() != 20 || !absl::ParseTime("%Y-%m-%dT%H:%M:%SZ", text, absl::UTCTimeZone(), &time, &error)) {
    return std::nullopt;
  }
  return absl::ToUnixSeconds(time);
}

// ServiceNow's {"error":{"message","detail"}} of an error answer, else the body, shortened.
std::string SnMessage(const HttpResponse& response) {
  if (auto message = ServiceNowBodyError(response)) return *message;
  if (IsHtmlPage(response)) return absl::StrCat("an HTML page: ", HtmlPageSummary(response.body));
  return ApiMessage(response.body);
}

// The keyset position of one table.
struct TableState {
  bool has_position = false;
  int64_t position = 0;         // sys_updated_on (UTC seconds) of the last row read
  std::set<std::string> seen;   // sys_ids read at `position`
  bool resumed = false;         // the next request is the first after Start() from a cursor
  bool done = false;            // read to its end in this run
  int64_t pages = 0;            // requests made for it in this run
};

class ServiceNowConnector : public Connector {
 public:
  ServiceNowConnector(std::string source, ServiceNowOptions options, std::unique_ptr<HttpClient> client)
      : source_(std::move(source)), options_(std::move(options)), client_(std::move(client)) {}

  absl::Status Start(const std::string& cursor) override {
    consumed_ = 0;
    requests_ = 0;
    shortfall_ = 0;
    current_ = 0;
    zone_warned_ = false;
    tables_.assign(options_.tables.size(), TableState{});
    if (cursor.empty()) return absl::OkStatus();
    const absl::Status bad = absl::InvalidArgumentError(
        "the stored cursor is not a servicenow cursor {tables: {TABLE: {watermark, seen}}}: run sync --full");
    json parsed = json::parse(cursor, nullptr, false);
    if (!parsed.is_object() || !parsed.contains("tables") || !parsed["tables"].is_object()) return bad;
    for (size_t i = 0; i < options_.tables.size(); ++i) {
      auto entry = parsed["tables"].find(options_.tables[i]);
      if (entry == parsed["tables"].end()) continue;  // a table added since: read from its start
      if (!entry->is_object() || !entry->contains("watermark") || !(*entry)["watermark"].is_string() ||
          !entry->contains("seen") || !(*entry)["seen"].is_array()) {
        return bad;
      }
      std::optional<int64_t> watermark = ParseIsoTime((*entry)["watermark"].get<std::string>());
      if (!watermark) return bad;
      TableState& table = tables_[i];
      table.has_position = true;
      if (options_.source.overlap_seconds > 0) {
        table.position = *watermark - options_.source.overlap_seconds;
        continue;
      }
      table.position = *watermark;
      for (const json& id : (*entry)["seen"]) {
        if (id.is_string()) table.seen.insert(id.get<std::string>());
      }
      table.resumed = true;
    }
    return absl::OkStatus();
  }

  absl::StatusOr<ConnectorPage> Pull(int max_records) override {
    ConnectorPage out;
    while (current_ < tables_.size() && tables_[current_].done) ++current_;
    if (current_ >= tables_.size()) {
      out.done = true;
      out.next_cursor = Cursor();
      out.position = consumed_;
      out.total = consumed_ + shortfall_;
      return out;
    }
    if (++requests_ > options_.source.max_pages) {
      return absl::ResourceExhaustedError(absl::StrCat(
          "the page budget of ", options_.source.max_pages,
          " requests in one run is spent (max_pages); the next run goes on from here"));
    }
    const std::string& name = options_.tables[current_];
    TableState& table = tables_[current_];
    const int per_page = std::clamp(std::min(max_records, options_.source.page_size), 1, 10'000);
    std::optional<int64_t> count;
    auto body = Get(name, table, per_page, &count);
    if (!body.ok()) return body.status();
    ++table.pages;
    auto page = ParseServiceNowPage(*body, {.table = name, .page = table.pages});
    if (!page.ok()) return page.status();

    table.resumed = false;
    bool first = true;
    int64_t previous_updated = 0;
    std::string previous_id;
    for (ServiceNowItem& item : page->items) {
      // Keyset order is what makes paging safe; an instance that ignores it would loop or skip.
      const bool behind = table.has_position && (item.updated < table.position ||
                                                 (item.updated == table.position && table.seen.count(item.sys_id)));
      const bool unsorted = !first && (item.updated < previous_updated ||
                                       (item.updated == previous_updated && item.sys_id <= previous_id));
      if (behind || unsorted) {
        return absl::FailedPreconditionError(absl::StrCat(
            "ServiceNow returned ", item.record.location, " (sys_updated_on ", FormatServiceNowTime(item.updated),
            ") out of order for a query ordered by sys_updated_on then sys_id"));
      }
      if (item.displayed_updated && !zone_warned_) {
        zone_warned_ = true;
        out.notes.push_back(absl::StrCat(
            kWarningNotePrefix, "the ServiceNow user's time zone is not UTC (", item.record.location,
            " sys_updated_on ", FormatServiceNowTime(item.updated), " UTC is shown as ",
            FormatServiceNowTime(*item.displayed_updated),
            "); ServiceNow reads query times in that zone, so an incremental run may miss rows: set the "
            "integration user's time zone to GMT"));
      }
      first = false;
      previous_updated = item.updated;
      previous_id = item.sys_id;
      if (!table.has_position || item.updated != table.position) table.seen.clear();
      table.has_position = true;
      table.position = item.updated;
      table.seen.insert(item.sys_id);
      out.records.push_back(std::move(item.record));
    }
    const int64_t read = static_cast<int64_t>(out.records.size());
    const int64_t before = consumed_;
    consumed_ += read;
    if (count.has_value()) {
      // Rows the query matched that should have come on this page and did not (ACLs, a
      // truncating proxy) are behind the keyset now: count them, so the run cannot end quietly.
      out.total = before + shortfall_ + *count;
      shortfall_ += std::max<int64_t>(0, std::min<int64_t>(per_page, *count) - read);
    }
    table.done = read == 0 || (count.has_value() && read >= *count);
    if (table.done) ++current_;
    while (current_ < tables_.size() && tables_[current_].done) ++current_;
    out.done = current_ >= tables_.size();
    if (!count.has_value() && out.done) out.total = consumed_ + shortfall_;
    out.position = consumed_;
    out.next_cursor = Cursor();
    return out;
  }

  SourceShape Shape() const override {
    SourceShape shape;
    shape.source = source_;
    shape.vocabulary = "servicenow";
    return shape;
  }

 private:
  std::string Cursor() const {
    json tables = json::object();
    for (size_t i = 0; i < tables_.size(); ++i) {
      const TableState& table = tables_[i];
      if (!table.has_position) continue;
      json entry = {{"watermark", IsoTime(table.position)}, {"seen", json::array()}};
      for (const std::string& id : table.seen) entry["seen"].push_back(id);
      tables[options_.tables[i]] = std::move(entry);
    }
    if (tables.empty()) return "";
    return json{{"tables", tables}}.dump();
  }

  // The encoded query after `table`'s position, ordered by the keyset.
  static std::string Query(const TableState& table) {
    constexpr char kOrder[] = "ORDERBYsys_updated_on^ORDERBYsys_id";
    if (!table.has_position) return kOrder;
    const std::string at = FormatServiceNowTime(table.position);
    if (table.seen.empty()) return absl::StrCat("sys_updated_on>=", at, "^", kOrder);
    if (table.resumed && table.seen.size() <= kMaxExcludedIds) {
      // Resuming from a cursor: every row of the watermark's second not read yet, including lower
      // sys_ids updated within that second after the last run read it.
      return absl::StrCat("sys_updated_on>", at, "^NQsys_updated_on=", at, "^sys_idNOT IN",
                          absl::StrJoin(table.seen, ","), "^", kOrder);
    }
    return absl::StrCat("sys_updated_on>", at, "^NQsys_updated_on=", at, "^sys_id>", *table.seen.rbegin(), "^",
                        kOrder);
  }

  // One Table API request; answers other than a JSON 200 become errors that say what to check.
  // `count` is set from X-Total-Count when the instance sent it.
  absl::StatusOr<std::string> Get(const std::string& name, const TableState& table, int per_page,
                                  std::optional<int64_t>* count) {
    HttpRequest request;
    request.path = absl::StrCat("/api/now/v2/table/", name);
    request.query = {{"sysparm_query", Query(table)},
                     {"sysparm_limit", absl::StrCat(per_page)},
                     {"sysparm_display_value", "all"},
                     {"sysparm_exclude_reference_link", "true"}};
    if (!options_.fields.empty()) request.query.push_back({"sysparm_fields", absl::StrJoin(options_.fields, ",")});
    request.headers = {{"Authorization", options_.authorization}, {"Accept", "application/json"}};
    auto response = client_->Send(request);
    const std::string what = absl::StrCat("ServiceNow GET ", options_.source.http.base_url, request.path);
    if (!response.ok()) {
      return absl::Status(response.status().code(), absl::StrCat(what, ": ", response.status().message()));
    }
    const int status = response->status;
    // A 401 never comes back here: the retrying layer turns it into UNAUTHENTICATED.
    if (status == 403) {
      return absl::PermissionDeniedError(absl::StrCat(what, ": ServiceNow denied the read (403): ", SnMessage(*response),
                                                      "; the user needs a role that may read table ", name));
    }
    if (status == 400) {
      return absl::InvalidArgumentError(
          absl::StrCat(what, ": ServiceNow rejected the query (400): ", SnMessage(*response)));
    }
    if (status == 404) {
      // The v1 API's "No Record found" is an empty page; v2 answers 200 {"result":[]}.
      if (absl::StrContains(SnMessage(*response), "No Record found")) {
        *count = 0;
        return std::string(R"({"result":[]})");
      }
      return absl::NotFoundError(absl::StrCat(what, ": no table ", name, " or no Table API there (404): ",
                                              SnMessage(*response), "; url must be the instance's base URL"));
    }
    if (status == 429 || status >= 500) {
      return absl::UnavailableError(absl::StrCat(what, ": ServiceNow answered HTTP ", status, ": ", SnMessage(*response)));
    }
    if (status != 200) {
      return absl::FailedPreconditionError(
          absl::StrCat(what, ": ServiceNow answered HTTP ", status, ": ", SnMessage(*response)));
    }
    const std::string header = response->Header("x-total-count");
    int64_t total = 0;
    if (!header.empty()) {
      if (!absl::SimpleAtoi(header, &total) || total < 0) {
        return absl::FailedPreconditionError(
            absl::StrCat(what, ": X-Total-Count is not a count: '", ApiMessage(header), "'"));
      }
      *count = total;
    }
    return std::move(response->body);
  }

  const std::string source_;
  const ServiceNowOptions options_;
  std::unique_ptr<HttpClient> client_;
  std::vector<TableState> tables_;
  size_t current_ = 0;        // the table being read
  int64_t consumed_ = 0;      // records returned in this run
  int64_t shortfall_ = 0;     // rows counted by X-Total-Count but never returned
  int64_t requests_ = 0;
  bool zone_warned_ = false;
};

}  // namespace

ConnectorFactory ServiceNowConnectorFactory() {
  ConnectorFactory factory;
  factory.type = "servicenow";
  factory.description =
      "ServiceNow tables (incidents, requests, problems, changes, CIs) over the Table API, incrementally by "
      "sys_updated_on";
  factory.keys = ServiceNowKeys();
  factory.create = [](const SourceConfig& config,
                      const ConnectorDeps& deps) -> absl::StatusOr<std::unique_ptr<Connector>> {
    auto options = ReadServiceNowOptions(config);
    if (!options.ok()) return options.status();
    // Errors ServiceNow answers with a 200 ({"error":…,"status":"failure"}) and HTML pages (a
    // hibernating instance) are failed by the retrying layer, naming ServiceNow's message.
    RetryOptions retry;
    retry.body_error = ServiceNowBodyError;
    auto client = NewHttpSourceTransport(deps, options->source, std::move(retry));
    if (!client.ok()) return client.status();
    return std::make_unique<ServiceNowConnector>(config.name, *std::move(options), *std::move(client));
  };
  return factory;
}

}  // namespace crosswalk::servicenow
