#include "connectors/glpi/glpi_connector.h"

#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "connectors/http/body_errors.h"
#include "connectors/http_source.h"
#include "connectors/glpi/glpi_ids.h"
#include "connectors/glpi/glpi_options.h"
#include "connectors/glpi/glpi_page.h"
#include "connectors/glpi/glpi_processors.h"
#include "connectors/glpi/glpi_session.h"
#include "connectors/glpi/glpi_software.h"
#include "gateway/core/status_macros.h"
#include "nlohmann/json.hpp"

namespace crosswalk::glpi {
namespace {

using nlohmann::json;

constexpr char kInstallations[] = "Item_SoftwareVersion";
constexpr char kComputers[] = "Computer";

std::string IsoSeconds(int64_t ms) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%E3SZ", absl::FromUnixMillis(ms), absl::UTCTimeZone());
}

std::optional<int64_t> ParseIso(const std::string& text) {
  absl::Time time;
  std::string error;
  if (!absl::ParseTime("%Y-%m-%dT%H:%M:%E*SZ", text, absl::UTCTimeZone(), &time, &error)) return std::nullopt;
  return absl::ToUnixMillis(time);
}

using Seen = std::set<std::pair<int64_t, int64_t>>;  // (id, date_mod ms)

struct TypeState {
  bool has_watermark = false;
  int64_t watermark_ms = 0;  // newest date_mod read
  Seen seen;
};

class GlpiConnector : public Connector {
 public:
  GlpiConnector(std::string source, std::unique_ptr<GlpiOptions> options, std::shared_ptr<Session> session,
                std::unique_ptr<HttpClient> client)
      : source_(std::move(source)),
        options_(std::move(options)),
        session_(std::move(session)),
        client_(std::move(client)),
        ids_(*options_, [this](HttpRequest request, bool item_lookup) -> absl::StatusOr<HttpResponse> {
          if (auto status = Spend(); !status.ok()) return status;
          // Pull ends its session when its last page is read: the listing opens another.
          if (session_->token().empty()) {
            if (auto status = session_->Open(); !status.ok()) return status;
          }
          const std::string what = absl::StrCat("GLPI GET ", options_->source.http.base_url, request.path);
          return Send(request, what, item_lookup);
        }) {}

  ~GlpiConnector() override { session_->Kill(); }

  absl::Status Start(const std::string& cursor) override {
    states_.clear();
    floors_.clear();
    index_ = 0;
    done_ = false;
    consumed_ = 0;
    shortfall_ = 0;
    requests_ = 0;
    names_.reset();
    names_ms_ = 0;
    processors_.reset();
    processors_digest_.clear();
    ResetWalk();
    if (!cursor.empty()) {
      const json parsed = json::parse(cursor, nullptr, false);
      if (!parsed.is_object() || !parsed.contains("itemtypes") || !parsed["itemtypes"].is_object()) {
        return absl::InvalidArgumentError("the stored cursor is not a glpi cursor {itemtypes}: run sync --full");
      }
      if (parsed.contains("names") && parsed["names"].is_number_integer()) names_ms_ = parsed["names"].get<int64_t>();
      if (parsed.contains("processors") && parsed["processors"].is_string()) processors_digest_ = parsed["processors"].get<std::string>();
      for (const auto& [itemtype, entry] : parsed["itemtypes"].items()) {
        std::optional<int64_t> watermark;
        if (entry.is_object() && entry.contains("watermark") && entry["watermark"].is_string()) {
          watermark = ParseIso(entry["watermark"].get<std::string>());
        }
        if (!watermark || !entry.contains("seen") || !entry["seen"].is_array()) {
          return absl::InvalidArgumentError(absl::StrCat("the stored cursor's ", itemtype, " is not {watermark, seen}: run sync --full"));
        }
        TypeState& state = states_[itemtype];
        state.has_watermark = true;
        state.watermark_ms = *watermark;
        for (const json& item : entry["seen"]) {
          if (item.is_array() && item.size() == 2 && item[0].is_number_integer() && item[1].is_number_integer()) {
            state.seen.insert({item[0].get<int64_t>(), item[1].get<int64_t>()});
          }
        }
        floors_[itemtype] = *watermark - options_->source.overlap_seconds * 1000;
      }
    }
    return absl::OkStatus();
  }

  absl::StatusOr<ConnectorPage> Pull(int max_records) override {
    ConnectorPage out;
    if (session_->token().empty() && !done_) {
      if (auto status = session_->Open(); !status.ok()) return status;
    }
    while (!done_ && out.records.empty()) {
      if (auto status = ReadPage(std::max(1, std::min(max_records, options_->source.page_size)), out); !status.ok()) {
        return status;
      }
    }
    if (done_) session_->Kill();
    consumed_ += static_cast<int64_t>(out.records.size());
    out.done = done_;
    out.position = consumed_;
    out.total = consumed_ + shortfall_ + (done_ ? 0 : std::max<int64_t>(0, total_ - offset_));
    out.next_cursor = Cursor();
    return out;
  }

  SourceShape Shape() const override {
    SourceShape shape;
    shape.source = source_;
    shape.vocabulary = "glpi";
    return shape;
  }

  IdLister* ids() override { return &ids_; }

 private:
  bool ReadsInstallations() const {
    return std::find(options_->itemtypes.begin(), options_->itemtypes.end(), kInstallations) != options_->itemtypes.end();
  }

  // One request of the run's budget (the id listing's included).
  absl::Status Spend() {
    if (++requests_ > options_->source.max_pages) {
      return absl::ResourceExhaustedError(absl::StrCat("the page budget of ", options_->source.max_pages,
                                                       " requests in one run is spent (max_pages); the next run goes on from here"));
    }
    return absl::OkStatus();
  }

  void ResetWalk() {
    offset_ = 0;
    total_ = 0;
    last_id_ = 0;
    last_ms_ = 0;
    searching_ = false;
  }

  // The collection moved under the reader (items before the position edited, trashed or purged):
  // step back a page and look for the last item read; the items walked again are skipped by the
  // seen-set. Each step back costs a request, so a busy GLPI costs a few pages, not a new walk.
  void StepBack(int per_page) {
    offset_ = std::max<int64_t>(0, offset_ - per_page);
    searching_ = true;
  }

  void NextItemtype() {
    // The installations' walk is complete: the names they were written with go into the cursor
    // (not before: a run cut short would otherwise leave installations with old names).
    if (options_->itemtypes[index_] == kInstallations && names_ != nullptr) names_ms_ = names_->newest_ms();
    // Likewise the computers' walk and the processor counts they were written with.
    if (options_->itemtypes[index_] == kComputers && processors_ != nullptr) processors_digest_ = processors_->Fingerprint();
    ++index_;
    ResetWalk();
    done_ = index_ >= options_->itemtypes.size();
  }

  // Reads every item of `itemtype` by id, one request per `per_page` items (`why` names the
  // purpose in errors); `read` takes each page's body and answers how many items it held.
  absl::Status WalkById(const std::string& itemtype, int per_page, const std::string& why, bool expand, bool not_deleted,
                        const std::function<absl::StatusOr<size_t>(const std::string& body)>& read) {
    for (int64_t first = 0;;) {
      if (auto status = Spend(); !status.ok()) return status;
      HttpRequest request;
      request.path = absl::StrCat(kApi, "/", itemtype);
      request.query = {{"range", absl::StrCat(first, "-", first + per_page - 1)}, {"sort", "id"}, {"order", "ASC"},
                       {"expand_dropdowns", expand ? "true" : "false"}, {"get_hateoas", "false"}};
      if (not_deleted) request.query.push_back({"is_deleted", "0"});
      const std::string what = absl::StrCat("GLPI GET ", options_->source.http.base_url, request.path, " (", why, ")");
      auto response = Send(request, what);
      if (!response.ok()) return response.status();
      if (response->status == 400) {
        const auto error = ParseGlpiError(response->body);
        if (error && error->code == "ERROR_RANGE_EXCEED_TOTAL") return absl::OkStatus();  // past the end, or empty
        return absl::InvalidArgumentError(absl::StrCat(what, ": GLPI rejected the request (400): ", GlpiSays(*response)));
      }
      auto count = read(response->body);
      if (!count.ok()) return absl::Status(count.status().code(), absl::StrCat(what, ": ", count.status().message()));
      const std::optional<ContentRange> range = ParseContentRange(response->Header("content-range"));
      first += static_cast<int64_t>(*count);
      if (*count == 0 || (range ? first >= range->total : response->status == 200)) return absl::OkStatus();
    }
  }

  // Reads the names installations need (SoftwareNames), every item of each collection by id.
  // When one of them changed since the last run (a software renamed, a computer renamed), every
  // installation is returned again, not only the changed ones, so that none keeps an old name.
  // Kept only once read in full: a Pull after a failed one must not name installations partly.
  absl::Status LoadNames(int per_page) {
    auto names = std::make_unique<SoftwareNames>();
    for (const std::string& itemtype : SoftwareNames::Itemtypes()) {
      CW_RETURN_IF_ERROR(WalkById(itemtype, per_page, "names of installations", itemtype == "Software", /*not_deleted=*/false,
                                  [&](const std::string& body) -> absl::StatusOr<size_t> {
                                    CW_ASSIGN_OR_RETURN(auto items, ParseGlpiCollection(body, itemtype, options_->time_zone));
                                    CW_RETURN_IF_ERROR(names->Add(itemtype, items));
                                    return items.size();
                                  }));
    }
    names_ = std::move(names);
    if (names_->newest_ms() != names_ms_) {
      floors_.erase(kInstallations);
      states_[kInstallations].seen.clear();
    }
    return absl::OkStatus();
  }

  // Reads every processor row (ComputerProcessors) before the computers, when installations are
  // read too (SAM). A processor changed does not move its computer's date_mod: when the counts
  // differ from those the last complete computers' walk wrote, every computer is returned again.
  // Kept only once read in full: a Pull after a failed one must not write partial counts.
  absl::Status LoadProcessors(int per_page) {
    auto processors = std::make_unique<ComputerProcessors>();
    CW_RETURN_IF_ERROR(WalkById("Item_DeviceProcessor", per_page, "cores and processors of computers", /*expand=*/false,
                                /*not_deleted=*/true, [&](const std::string& body) -> absl::StatusOr<size_t> {
                                  CW_ASSIGN_OR_RETURN(auto rows, ParseGlpiProcessorPage(body));
                                  CW_RETURN_IF_ERROR(processors->Add(rows));
                                  return rows.size();
                                }));
    processors_ = std::move(processors);
    if (processors_->Fingerprint() != processors_digest_) {
      floors_.erase(kComputers);
      states_[kComputers].seen.clear();
    }
    return absl::OkStatus();
  }

  // One request of the current itemtype's walk; records go to `out`.
  absl::Status ReadPage(int per_page, ConnectorPage& out) {
    const std::string& itemtype = options_->itemtypes[index_];
    const bool installations = itemtype == kInstallations;
    if (installations && names_ == nullptr) {
      if (auto status = LoadNames(per_page); !status.ok()) return status;
    }
    const bool computers = itemtype == kComputers && ReadsInstallations();
    if (computers && processors_ == nullptr) {
      if (auto status = LoadProcessors(per_page); !status.ok()) return status;
    }
    if (auto status = Spend(); !status.ok()) return status;
    const bool check = offset_ > 0 && !searching_;
    const int64_t first = check ? offset_ - 1 : offset_;  // one item early: the drift check
    HttpRequest request;
    request.path = absl::StrCat(kApi, "/", itemtype);
    request.query = {{"range", absl::StrCat(first, "-", offset_ + per_page - 1)}, {"sort", "date_mod"}, {"order", "ASC"},
                     // Installations: the ids, which SoftwareNames turns into names.
                     {"expand_dropdowns", installations ? "false" : "true"}, {"get_hateoas", "false"}, {"is_deleted", "0"}};
    const std::string what = absl::StrCat("GLPI GET ", options_->source.http.base_url, request.path);
    auto response = Send(request, what);
    if (!response.ok()) return response.status();
    if (response->status == 400) {
      const auto error = ParseGlpiError(response->body);
      if (error && error->code == "ERROR_RANGE_EXCEED_TOTAL") {
        if (offset_ == 0) {
          NextItemtype();  // an empty collection
        } else {
          StepBack(per_page);  // the collection shrank under the reader (an item trashed or deleted)
        }
        return absl::OkStatus();
      }
      return absl::InvalidArgumentError(absl::StrCat(what, ": GLPI rejected the request (400): ", GlpiSays(*response)));
    }
    auto items = ParseGlpiCollection(response->body, itemtype, options_->time_zone);
    if (!items.ok()) return absl::Status(items.status().code(), absl::StrCat(what, ": ", items.status().message()));
    const std::string range_text = response->Header("content-range");
    std::optional<ContentRange> range;
    if (!range_text.empty()) {
      range = ParseContentRange(range_text);
      if (!range) return absl::FailedPreconditionError(absl::StrCat(what, ": Content-Range '", ApiMessage(range_text), "' is not A-B/TOTAL"));
    } else if (response->status == 206) {
      return absl::FailedPreconditionError(absl::StrCat(what, ": 206 Partial Content without a Content-Range"));
    }
    size_t start = 0;
    if (check) {
      if (items->empty() || (*items)[0].id != last_id_ || (*items)[0].date_mod_ms != last_ms_) {
        StepBack(per_page);  // the collection moved under the reader
        return absl::OkStatus();
      }
      start = 1;
    } else if (searching_) {
      const auto found = std::find_if(items->begin(), items->end(), [this](const GlpiItem& item) {
        return item.id == last_id_ && item.date_mod_ms == last_ms_;
      });
      if (found != items->end()) {
        start = static_cast<size_t>(found - items->begin()) + 1;
        offset_ += static_cast<int64_t>(start);
        searching_ = false;
      } else if (offset_ > 0) {
        StepBack(per_page);
        return absl::OkStatus();
      } else {
        searching_ = false;  // the last item read moved itself: the walk starts again from 0
        last_id_ = 0;
        last_ms_ = 0;
      }
    }
    if (range) total_ = range->total;
    TypeState& state = states_[itemtype];
    const auto floor = floors_.find(itemtype);
    int64_t previous = start > 0 ? (*items)[start - 1].date_mod_ms : INT64_MIN;
    for (size_t i = start; i < items->size(); ++i) {
      GlpiItem& item = (*items)[i];
      if (item.date_mod_ms < previous) {
        return absl::FailedPreconditionError(absl::StrCat(what, ": GLPI returned ", item.record.location,
                                                          " out of date_mod order for sort=date_mod&order=ASC"));
      }
      previous = item.date_mod_ms;
      ++offset_;
      last_id_ = item.id;
      last_ms_ = item.date_mod_ms;
      if (floor != floors_.end() && item.date_mod_ms < floor->second) continue;  // older than the overlap window
      if (!state.seen.insert({item.id, item.date_mod_ms}).second) continue;     // read already
      if (!state.has_watermark || item.date_mod_ms > state.watermark_ms) state.watermark_ms = item.date_mod_ms;
      state.has_watermark = true;
      if (installations) names_->NameInstallation(item.record);
      if (computers) processors_->Describe(item.id, item.record);
      out.records.push_back(std::move(item.record));
    }
    // Only the drift-check item back: nothing after it, whatever Content-Range claims.
    const bool only_checked = check && items->size() == 1;
    const bool end = items->empty() || only_checked ||
                     (range ? range->last + 1 >= range->total : response->status == 200);
    if (end) {
      if (range && offset_ < range->total) shortfall_ += range->total - offset_;  // counted, never returned
      NextItemtype();
    }
    return absl::OkStatus();
  }

  // One request with the session's headers; a 2xx and a 400 (which the reader interprets) are
  // returned, and with `item_lookup` a 404 (an item asked by id); every other answer is an error
  // saying what to check.
  absl::StatusOr<HttpResponse> Send(HttpRequest& request, const std::string& what, bool item_lookup = false) {
    request.headers = {{"Content-Type", "application/json"}};
    session_->AddHeaders(request);
    auto response = client_->Send(request);
    if (!response.ok()) {
      // GLPI answers a missing right with 401 ERROR_RIGHT_MISSING, which a new session does not cure.
      if (absl::IsUnauthenticated(response.status()) && absl::StrContains(response.status().message(), "ERROR_RIGHT_MISSING")) {
        return absl::PermissionDeniedError(absl::StrCat(what, ": ", response.status().message(),
                                                        "; the profile needs Read on this itemtype (and the entities to see)"));
      }
      return absl::Status(response.status().code(), absl::StrCat(what, ": ", response.status().message()));
    }
    const int status = response->status;
    if (status == 200 || status == 206 || status == 400 || (item_lookup && status == 404)) return response;
    const std::string says = GlpiSays(*response);
    if (status == 403) {
      return absl::PermissionDeniedError(absl::StrCat(what, ": GLPI denied the read (403): ", says,
                                                      "; the profile needs Read on this itemtype (and the entities to see)"));
    }
    if (status == 404) {
      return absl::NotFoundError(absl::StrCat(what, ": GLPI answered 404: ", says, "; url must be GLPI's base URL"));
    }
    if (status == 429 || status >= 500) return absl::UnavailableError(absl::StrCat(what, ": GLPI answered HTTP ", status, ": ", says));
    return absl::FailedPreconditionError(absl::StrCat(what, ": GLPI answered HTTP ", status, ": ", says));
  }

  std::string Cursor() const {
    json itemtypes = json::object();
    for (const auto& [itemtype, state] : states_) {
      if (!state.has_watermark) continue;
      json entry = {{"watermark", IsoSeconds(state.watermark_ms)}, {"seen", json::array()}};
      const int64_t from = state.watermark_ms - options_->source.overlap_seconds * 1000;
      for (const auto& [id, ms] : state.seen) {
        if (ms >= from) entry["seen"].push_back({id, ms});
      }
      itemtypes[itemtype] = std::move(entry);
    }
    if (itemtypes.empty()) return "";
    json cursor = {{"itemtypes", std::move(itemtypes)}};
    if (names_ms_ != 0) cursor["names"] = names_ms_;
    if (!processors_digest_.empty()) cursor["processors"] = processors_digest_;
    return cursor.dump();
  }

  const std::string source_;
  std::unique_ptr<GlpiOptions> options_;  // the session holds a reference: kept at one address
  std::shared_ptr<Session> session_;
  std::unique_ptr<HttpClient> client_;
  GlpiIds ids_;
  std::map<std::string, TypeState> states_;
  std::map<std::string, int64_t> floors_;  // itemtype → oldest date_mod returned (watermark − overlap)
  size_t index_ = 0;                       // the itemtype being read
  bool done_ = false;
  int64_t consumed_ = 0, shortfall_ = 0, requests_ = 0;
  // The current walk: items walked, the collection's total, the last item walked.
  int64_t offset_ = 0, total_ = 0, last_id_ = 0, last_ms_ = 0;
  bool searching_ = false;  // after a drift: offset_ is a guess, the page must hold the last item read
  // The names of installations, read once a run before Item_SoftwareVersion; the newest date_mod
  // among them at the last run that wrote every installation with them (the cursor's "names").
  std::unique_ptr<SoftwareNames> names_;
  int64_t names_ms_ = 0;
  // The processors of computers, read once a run before Computer when installations are read too;
  // the fingerprint of the counts the last complete computers' walk wrote (the cursor's "processors").
  std::unique_ptr<ComputerProcessors> processors_;
  std::string processors_digest_;
};

}  // namespace

ConnectorFactory GlpiConnectorFactory() {
  ConnectorFactory factory;
  factory.type = "glpi";
  factory.description = "GLPI tickets, problems, changes and assets (legacy REST API v1, apirest.php), incrementally by date_mod";
  factory.keys = GlpiKeys();
  factory.create = [](const SourceConfig& config,
                      const ConnectorDeps& deps) -> absl::StatusOr<std::unique_ptr<Connector>> {
    auto read = ReadGlpiOptions(config);
    if (!read.ok()) return read.status();
    auto options = std::make_unique<GlpiOptions>(*std::move(read));
    RetryOptions session_retry;
    session_retry.body_error = GlpiBodyError;
    auto session_client = NewHttpSourceTransport(deps, options->source, std::move(session_retry));
    if (!session_client.ok()) return session_client.status();
    auto session = std::make_shared<Session>(*options, *std::move(session_client));
    RetryOptions retry;
    retry.body_error = GlpiBodyError;
    // A 401 is an expired or killed session: a new one, then the request once more.
    retry.reauthenticate = [weak = std::weak_ptr<Session>(session)](HttpRequest& request) -> absl::Status {
      auto held = weak.lock();
      if (!held) return absl::FailedPreconditionError("the GLPI session is gone");
      if (auto status = held->Open(); !status.ok()) return status;
      held->AddHeaders(request);
      return absl::OkStatus();
    };
    auto client = NewHttpSourceTransport(deps, options->source, std::move(retry));
    if (!client.ok()) return client.status();
    return std::make_unique<GlpiConnector>(config.name, std::move(options), std::move(session), *std::move(client));
  };
  return factory;
}

}  // namespace crosswalk::glpi
