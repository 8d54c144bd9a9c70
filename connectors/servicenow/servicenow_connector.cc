#include "connectors/servicenow/servicenow_connector.h"

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "connectors/http/body_errors.h"
#include "connectors/servicenow/servicenow_api.h"
#include "connectors/servicenow/servicenow_ids.h"
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

// The keyset position of one table, or of sys_audit_delete (by sys_created_on).
struct TableState {
  bool has_position = false;
  int64_t position = 0;         // sys_updated_on (UTC seconds) of the last row read
  std::set<std::string> seen;   // sys_ids read at `position`
  bool resumed = false;         // the next request is the first after Start() from a cursor
  bool done = false;            // read to its end in this run
  int64_t pages = 0;            // requests made for it in this run

  // Whether (at, id) comes after the position: what the keyset query asked for.
  bool Behind(int64_t at, const std::string& id) const {
    return has_position && (at < position || (at == position && seen.count(id) > 0));
  }
  void Advance(int64_t at, const std::string& id) {
    if (!has_position || at != position) seen.clear();
    has_position = true;
    position = at;
    seen.insert(id);
  }
};

// Checks that the rows of one page come in keyset order: after the state's position, each after
// the one before. Keyset order is what makes paging safe; an instance that ignores it would loop
// or skip.
class OrderCheck {
 public:
  explicit OrderCheck(const TableState& state) : state_(state) {}

  absl::Status Next(int64_t at, const std::string& id, const std::string& location, const char* time_field) {
    const bool unsorted = !first_ && (at < previous_at_ || (at == previous_at_ && id <= previous_id_));
    if (state_.Behind(at, id) || unsorted) {
      return absl::FailedPreconditionError(absl::StrCat("ServiceNow returned ", location, " (", time_field, " ",
                                                        FormatServiceNowTime(at), ") out of order for a query ordered by ",
                                                        time_field, " then sys_id"));
    }
    first_ = false;
    previous_at_ = at;
    previous_id_ = id;
    return absl::OkStatus();
  }

 private:
  const TableState& state_;
  bool first_ = true;
  int64_t previous_at_ = 0;
  std::string previous_id_;
};

// The encoded query after `state`'s position, ordered by the keyset (`time_field`, sys_id);
// `scope` (a condition, or "") starts each OR-group.
std::string KeysetQuery(const TableState& state, const std::string& time_field, const std::string& scope) {
  const std::string order = absl::StrCat("ORDERBY", time_field, "^ORDERBYsys_id");
  const std::string in = scope.empty() ? "" : absl::StrCat(scope, "^");
  if (!state.has_position) return absl::StrCat(in, order);
  const std::string at = FormatServiceNowTime(state.position);
  if (state.seen.empty()) return absl::StrCat(in, time_field, ">=", at, "^", order);
  const std::string tied = absl::StrCat(in, time_field, ">", at, "^NQ", in, time_field, "=", at, "^sys_id");
  if (state.resumed && state.seen.size() <= kMaxExcludedIds) {
    // Resuming from a cursor: every row of the watermark's second not read yet, including lower
    // sys_ids updated within that second after the last run read it.
    return absl::StrCat(tied, "NOT IN", absl::StrJoin(state.seen, ","), "^", order);
  }
  return absl::StrCat(tied, ">", *state.seen.rbegin(), "^", order);
}

constexpr char kAuditTable[] = "sys_audit_delete";

class ServiceNowConnector : public Connector {
 public:
  ServiceNowConnector(std::string source, ServiceNowOptions options, std::unique_ptr<HttpClient> client, Clock* clock)
      : source_(std::move(source)),
        options_(std::move(options)),
        api_(&options_, std::move(client)),
        ids_(&options_, &api_),
        clock_(clock) {}

  absl::Status Start(const std::string& cursor) override {
    consumed_ = 0;
    shortfall_ = 0;
    current_ = 0;
    zone_warned_ = false;
    api_.ResetBudget();
    tables_.assign(options_.tables.size(), TableState{});
    deletes_ = TableState{};
    deletes_.done = !options_.audit_deletes || audit_denied_;
    if (options_.audit_deletes) {
      // No stored delete watermark: deletes before this run are the id reconciliation's; the
      // audit is read from now (less the overlap), not from its beginning.
      const int64_t now = clock_ != nullptr ? clock_->NowSeconds() : absl::ToUnixSeconds(absl::Now());
      deletes_.has_position = true;
      deletes_.position = now - options_.source.overlap_seconds;
    }
    if (cursor.empty()) return absl::OkStatus();
    const absl::Status bad = absl::InvalidArgumentError(
        "the stored cursor is not a servicenow cursor {tables: {TABLE: {watermark, seen}}, deletes: {watermark, seen}}: "
        "run sync --full");
    json parsed = json::parse(cursor, nullptr, false);
    if (!parsed.is_object() || !parsed.contains("tables") || !parsed["tables"].is_object()) return bad;
    for (size_t i = 0; i < options_.tables.size(); ++i) {
      auto entry = parsed["tables"].find(options_.tables[i]);
      if (entry == parsed["tables"].end()) continue;  // a table added since: read from its start
      if (!ReadPosition(*entry, tables_[i])) return bad;
    }
    // A cursor written before the delete watermark existed has none: read from now, as above.
    if (auto entry = parsed.find("deletes"); entry != parsed.end() && options_.audit_deletes) {
      deletes_.seen.clear();
      if (!ReadPosition(*entry, deletes_)) return bad;
    }
    return absl::OkStatus();
  }

  absl::StatusOr<ConnectorPage> Pull(int max_records) override {
    while (current_ < tables_.size() && tables_[current_].done) ++current_;
    if (current_ >= tables_.size()) {
      if (!deletes_.done) return PullDeletes(max_records);
      ConnectorPage out;
      out.done = true;
      out.next_cursor = Cursor();
      out.position = consumed_;
      out.total = consumed_ + shortfall_;
      return out;
    }
    ConnectorPage out;
    const std::string& name = options_.tables[current_];
    TableState& table = tables_[current_];
    const int per_page = PerPage(max_records);
    auto answer = api_.Get({.table = name,
                            .query = KeysetQuery(table, "sys_updated_on", ""),
                            .limit = per_page,
                            .fields = options_.fields});
    if (!answer.ok()) return Budgeted(answer.status());
    const std::optional<int64_t> count = answer->count;
    ++table.pages;
    auto page = ParseServiceNowPage(answer->body, {.table = name, .page = table.pages});
    if (!page.ok()) return page.status();

    table.resumed = false;
    OrderCheck order(table);
    for (ServiceNowItem& item : page->items) {
      if (absl::Status status = order.Next(item.updated, item.sys_id, item.record.location, "sys_updated_on");
          !status.ok()) {
        return status;
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
      table.Advance(item.updated, item.sys_id);
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
    out.done = current_ >= tables_.size() && deletes_.done;
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

  IdLister* ids() override { return &ids_; }

 private:
  int PerPage(int max_records) const { return std::clamp(std::min(max_records, options_.source.page_size), 1, 10'000); }

  static absl::Status Budgeted(const absl::Status& status) {
    if (status.code() != absl::StatusCode::kResourceExhausted) return status;
    return absl::ResourceExhaustedError(absl::StrCat(status.message(), "; the next run goes on from here"));
  }

  // One page of sys_audit_delete after the tables: no records, the deleted rows' sys_ids.
  absl::StatusOr<ConnectorPage> PullDeletes(int max_records) {
    ConnectorPage out;
    out.position = consumed_;
    out.total = consumed_ + shortfall_;
    const std::string scope = absl::StrCat("tablenameIN", absl::StrJoin(options_.tables, ","));
    auto answer = api_.Get({.table = kAuditTable,
                            .query = KeysetQuery(deletes_, "sys_created_on", scope),
                            .limit = PerPage(max_records),
                            .fields = {"sys_id", "sys_created_on", "tablename", "documentkey"},
                            .display_values = false});
    if (!answer.ok() && answer.status().code() == absl::StatusCode::kPermissionDenied) {
      // Not an error: reading the audit needs a role many integration users lack.
      audit_denied_ = true;
      deletes_.done = true;
      out.notes.push_back(absl::StrCat(kWarningNotePrefix, kAuditTable,
                                       " not readable (403): deletes found by id reconciliation only"));
      out.done = true;
      out.next_cursor = Cursor();
      return out;
    }
    if (!answer.ok()) return Budgeted(answer.status());
    ++deletes_.pages;
    auto page = ParseAuditDeletePage(answer->body, {.table = kAuditTable, .page = deletes_.pages});
    if (!page.ok()) return page.status();
    // The position moves only once the page is through: a failed check leaves it for the next run.
    TableState next = deletes_;
    next.resumed = false;
    OrderCheck order(next);
    std::map<std::string, std::vector<std::string>> by_table;
    for (const AuditDelete& entry : *page) {
      const std::string location = absl::StrCat("ServiceNow ", kAuditTable, " ", entry.sys_id);
      if (absl::Status status = order.Next(entry.created, entry.sys_id, location, "sys_created_on"); !status.ok()) {
        return status;
      }
      if (std::find(options_.tables.begin(), options_.tables.end(), entry.table) == options_.tables.end()) {
        return absl::FailedPreconditionError(absl::StrCat("ServiceNow returned ", location, " of table '",
                                                          ApiMessage(entry.table), "', which the query did not ask for"));
      }
      next.Advance(entry.created, entry.sys_id);
      std::vector<std::string>& keys = by_table[entry.table];
      if (std::find(keys.begin(), keys.end(), entry.documentkey) == keys.end()) keys.push_back(entry.documentkey);
    }
    // A row restored from the audit (ServiceNow's "Restore Record") is back under its sys_id:
    // only rows the table no longer holds are reported deleted.
    for (const auto& [table, keys] : by_table) {
      for (size_t from = 0; from < keys.size(); from += IdLister::kMaxCheckedIds) {
        const std::vector<std::string> batch(keys.begin() + from,
                                             keys.begin() + std::min(keys.size(), from + IdLister::kMaxCheckedIds));
        auto present = ids_.PresentIn(table, batch);
        if (!present.ok()) return Budgeted(present.status());
        for (const std::string& key : batch) {
          if (std::find(present->begin(), present->end(), key) == present->end()) out.deleted.push_back(key);
        }
      }
    }
    deletes_ = std::move(next);
    const int64_t read = static_cast<int64_t>(page->size());
    deletes_.done = read == 0 || (answer->count.has_value() && read >= *answer->count);
    out.done = deletes_.done;
    out.next_cursor = Cursor();
    return out;
  }

  // Reads one {watermark, seen} entry of a stored cursor into `state`; false when malformed.
  bool ReadPosition(const json& entry, TableState& state) const {
    if (!entry.is_object() || !entry.contains("watermark") || !entry["watermark"].is_string() || !entry.contains("seen") ||
        !entry["seen"].is_array()) {
      return false;
    }
    std::optional<int64_t> watermark = ParseIsoTime(entry["watermark"].get<std::string>());
    if (!watermark) return false;
    state.has_position = true;
    if (options_.source.overlap_seconds > 0) {
      state.position = *watermark - options_.source.overlap_seconds;
      return true;
    }
    state.position = *watermark;
    for (const json& id : entry["seen"]) {
      if (id.is_string()) state.seen.insert(id.get<std::string>());
    }
    state.resumed = true;
    return true;
  }

  static json Position(const TableState& state) {
    json entry = {{"watermark", IsoTime(state.position)}, {"seen", json::array()}};
    for (const std::string& id : state.seen) entry["seen"].push_back(id);
    return entry;
  }

  std::string Cursor() const {
    json tables = json::object();
    for (size_t i = 0; i < tables_.size(); ++i) {
      if (tables_[i].has_position) tables[options_.tables[i]] = Position(tables_[i]);
    }
    const bool deletes = options_.audit_deletes && deletes_.has_position;
    if (tables.empty() && !deletes) return "";
    json cursor = {{"tables", tables}};
    if (deletes) cursor["deletes"] = Position(deletes_);
    return cursor.dump();
  }

  const std::string source_;
  const ServiceNowOptions options_;
  ServiceNowApi api_;
  ServiceNowIds ids_;
  Clock* const clock_;
  std::vector<TableState> tables_;
  TableState deletes_;        // sys_audit_delete, read after the tables
  size_t current_ = 0;        // the table being read
  int64_t consumed_ = 0;      // records returned in this run
  int64_t shortfall_ = 0;     // rows counted by X-Total-Count but never returned
  bool zone_warned_ = false;
  bool audit_denied_ = false;  // sys_audit_delete answered 403: not asked again by this connector
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
    return std::make_unique<ServiceNowConnector>(config.name, *std::move(options), *std::move(client), deps.clock);
  };
  return factory;
}

}  // namespace crosswalk::servicenow
