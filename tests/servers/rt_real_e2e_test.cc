// The rt connector against the real Request Tracker 5 (Debian's request-tracker5, started by
// tests/servers/start_rt.sh) through the real crosswalkd and CLI: tickets created through RT's
// REST2, a sync, every ticket's fields compared with what RT itself returns, then two tickets
// updated and one created, and a second sync that picks up exactly those; assets the same way;
// `sources test` against the real server (a good token, a wrong one). Deletes: tickets and an
// asset deleted in RT between the syncs leave the store's live records, their versions kept.
#include <algorithm>
#include <map>
#include <memory>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "connectors/http/http_client.h"
#include "connectors/rt/rt_connector.h"
#include "gateway/store/sqlite_store.h"
#include "gmock/gmock.h"
#include "nlohmann/json.hpp"
#include "tests/gateway/gateway_fixture.h"
#include "tests/servers/real_server.h"

namespace crosswalk {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using nlohmann::json;
using testing_servers::RealServer;

class RtRealTest : public GatewayTest {
 protected:
  void SetUp() override {
    GatewayTest::SetUp();
    rt_ = testing_servers::StartOrSkip(RealServer::Kind::kRequestTracker);
    if (!rt_) return;
    auto client = NewHttplibClient({.base_url = rt_->url()});
    ASSERT_TRUE(client.ok()) << client.status();
    client_ = std::move(*client);
  }

  // One REST2 call as root; the parsed body.
  json Rest(const std::string& method, const std::string& path, const json& body = nullptr,
            std::vector<std::pair<std::string, std::string>> query = {}) {
    HttpRequest request{.method = method, .path = "/REST/2.0" + path, .query = std::move(query),
                        .headers = {{"Authorization", "token " + rt_->Token()}}};
    if (!body.is_null()) {
      request.body = body.dump();
      request.content_type = "application/json";
    }
    auto response = client_->Send(request);
    EXPECT_TRUE(response.ok()) << response.status();
    if (!response.ok()) return nullptr;
    EXPECT_LT(response->status, 300) << method << " " << path << ": " << response->body;
    return json::parse(response->body, nullptr, false);
  }

  std::string CreateTicket(const json& ticket) { return Rest("POST", "/ticket", ticket)["id"].get<std::string>(); }

  // Every ticket as RT returns it, by id.
  std::map<std::string, json> RtTickets() {
    json page = Rest("GET", "/tickets", nullptr,
                     {{"query", "id > 0"}, {"per_page", "100"},
                      {"fields", "Subject,Status,Priority,Queue,Owner,Requestor,Created,Due"},
                      {"fields[Queue]", "Name"}, {"fields[Owner]", "Name"}});
    std::map<std::string, json> out;
    for (const json& item : page["items"]) out[item["id"].get<std::string>()] = item;
    return out;
  }

  // Records of the rt source as `records --format json` shows them, by native id.
  std::map<std::string, json> Stored(const std::string& source = "rt-desk") {
    ProcessResult result = Cli({"records", "--source", source, "--format", "json"});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    std::map<std::string, json> out;
    json records = json::parse(result.out, nullptr, false);
    EXPECT_TRUE(records.is_array()) << result.out;
    if (!records.is_array()) return out;
    for (const json& record : records) out[record["native_id"].get<std::string>()] = record;
    return out;
  }

  static std::map<std::string, std::string> Attributes(const json& record) {
    std::map<std::string, std::string> out;
    for (absl::string_view pair : absl::StrSplit(record["attributes"].get<std::string>(), "; ", absl::SkipEmpty())) {
      std::pair<std::string, std::string> kv = absl::StrSplit(pair, absl::MaxSplits('=', 1));
      out[kv.first] = kv.second;
    }
    return out;
  }

  // The stored record says what RT says of the ticket, through the rt vocabulary.
  void ExpectSame(const json& rt, const json& stored) {
    const std::string id = rt["id"].get<std::string>();
    SCOPED_TRACE("ticket " + id);
    static const std::map<std::string, std::string> kStatus = {
        {"new", "new"}, {"open", "in-progress"}, {"stalled", "on-hold"}, {"resolved", "resolved"}, {"rejected", "rejected"}};
    static const std::map<std::string, std::string> kPriority = {{"0", "low"}, {"50", "moderate"}, {"100", "high"}};
    static const std::map<std::string, std::string> kKind = {{"General", "incident"}, {"Changes", "change"}};
    EXPECT_EQ(stored["title"], rt["Subject"]);
    EXPECT_EQ(stored["status"], kStatus.at(rt["Status"].get<std::string>()));
    EXPECT_EQ(stored["priority"], kPriority.at(rt["Priority"].get<std::string>()));
    const std::string queue = rt["Queue"]["Name"].get<std::string>();
    EXPECT_EQ(stored["kind"], kKind.at(queue));
    EXPECT_EQ(stored["location"], "RT ticket " + id);
    const std::string created = rt["Created"].get<std::string>();  // 2026-12-06T06:22:17Z
    EXPECT_EQ(stored["opened"], absl::StrCat(created.substr(0, 19), "+00:00"));
    std::map<std::string, std::string> attributes = Attributes(stored);
    EXPECT_EQ(attributes["category"], queue);
    std::vector<std::string> requestors;
    for (const json& user : rt["Requestor"]) requestors.push_back(user["id"].get<std::string>());
    EXPECT_EQ(attributes["requester"], absl::StrJoin(requestors, ", "));
    const std::string owner = rt["Owner"]["Name"].get<std::string>();
    EXPECT_EQ(attributes.count("owner") ? attributes["owner"] : "Nobody", owner);
    const std::string due = rt["Due"].get<std::string>();
    if (due == "1970-01-01T00:00:00Z") {
      EXPECT_EQ(attributes.count("due"), 0u);
    } else {
      EXPECT_EQ(attributes["due"], due);
    }
  }

  // The rt connector on the real RT, as crosswalkd makes it.
  std::unique_ptr<crosswalk::Connector> MakeConnector(std::map<std::string, std::string> options) {
    SourceConfig config{"rt-ids", "rt", {{"url", rt_->url()}, {"token_file", rt_->token_file()}}};
    for (auto& [key, value] : options) config.options[key] = value;
    auto connector = rt::RtConnectorFactory().create(config, ConnectorDeps{SystemClock(), NewHttplibClient});
    EXPECT_TRUE(connector.ok()) << connector.status();
    return connector.ok() ? std::move(*connector) : nullptr;
  }

  // Every id the connector's listing gives, sorted as numbers; fails the test when it is not OK.
  static std::vector<std::string> Listed(crosswalk::Connector& connector) {
    std::vector<int64_t> ids;
    absl::Status status = connector.ids()->ListIds([&](const std::string& id) {
      ids.push_back(std::stoll(id));
      return absl::OkStatus();
    });
    EXPECT_TRUE(status.ok()) << status;
    std::sort(ids.begin(), ids.end());
    std::vector<std::string> out;
    for (int64_t id : ids) out.push_back(std::to_string(id));
    return out;
  }

  // The ids RT's search lists for `sql` (tickets or assets), sorted as numbers.
  std::vector<std::string> Searched(const std::string& collection, const std::string& sql) {
    json page = Rest("GET", "/" + collection, nullptr, {{"query", sql}, {"per_page", "100"}, {"orderby", "id"}});
    std::vector<std::string> out;
    for (const json& item : page["items"]) out.push_back(item["id"].is_string() ? item["id"].get<std::string>() : item["id"].dump());
    return out;
  }

  // Stops crosswalkd and opens its store: each of `deleted` is kept as deleted with the version
  // it had before (History), and `live` is not deleted.
  void ExpectDeletedWithHistory(const std::string& source, const std::vector<std::string>& deleted, const std::string& live) {
    daemon_.reset();
    auto store = testing_process::OpenStoreFor(Path("rt.db"));
    ASSERT_TRUE(store.ok()) << store.status();
    for (const std::string& id : deleted) {
      auto record = (*store)->GetRecord(source, id);
      ASSERT_TRUE(record.ok()) << id << ": " << record.status();
      EXPECT_GT(record->deleted_at, 0) << id;
      auto history = (*store)->History(source, id);
      ASSERT_TRUE(history.ok()) << history.status();
      ASSERT_FALSE(history->empty()) << id;
      EXPECT_EQ(history->back().deleted_at, 0) << id;
      EXPECT_EQ(history->back().record.provenance.native_id, id);
    }
    auto kept = (*store)->GetRecord(source, live);
    ASSERT_TRUE(kept.ok()) << kept.status();
    EXPECT_EQ(kept->deleted_at, 0);
  }

  std::unique_ptr<RealServer> rt_;
  std::unique_ptr<HttpClient> client_;
};

TEST_F(RtRealTest, SyncsEveryTicketThenExactlyTheChanges) {
  if (!rt_) return;
  Rest("POST", "/queue", {{"Name", "Changes"}});
  std::vector<std::string> ids;
  ids.push_back(CreateTicket({{"Queue", "General"}, {"Subject", "Email down"}, {"Requestor", "alice@example.com"}, {"Priority", "100"}}));
  ids.push_back(CreateTicket({{"Queue", "General"}, {"Subject", "プリンター紙詰まり"}, {"Requestor", "bob@example.com"}, {"Priority", "0"}, {"Due", "2026-12-24T09:00:00Z"}}));
  ids.push_back(CreateTicket({{"Queue", "Changes"}, {"Subject", "Patch mail server"}, {"Requestor", "carol@example.com"}, {"Priority", "50"}, {"Owner", "root"}}));
  ids.push_back(CreateTicket({{"Queue", "General"}, {"Subject", "VPN slow"}, {"Requestor", "dave@example.com"}, {"Priority", "50"}}));
  Rest("PUT", "/ticket/" + ids[3], {{"Status", "stalled"}});
  ids.push_back(CreateTicket({{"Queue", "General"}, {"Subject", "Laptop request"}, {"Requestor", "erin@example.com"}, {"Priority", "0"}}));
  Rest("PUT", "/ticket/" + ids[4], {{"Status", "resolved"}});
  // Two more, deleted after the first sync.
  ids.push_back(CreateTicket({{"Queue", "General"}, {"Subject", "Spam: you won"}, {"Requestor", "spam@example.com"}, {"Priority", "0"}}));
  ids.push_back(CreateTicket({{"Queue", "Changes"}, {"Subject", "Duplicate of the patch"}, {"Requestor", "carol@example.com"}, {"Priority", "50"}}));

  WriteFile("crosswalkd.yaml", absl::StrCat("listen: 127.0.0.1:0\nstore: ", Path("rt.db"), "\n",
                                            "sources:\n  - {name: rt-desk, type: rt, url: ", rt_->url(),
                                            ", token_file: ", rt_->token_file(), ", page_size: 2, history: true, reconcile_every: 1}\n"));
  Start();
  if (HasFatalFailure()) return;
  ProcessResult first = Cli({"sync", "rt-desk"});
  ASSERT_EQ(first.exit_code, 0) << first.err << first.out;
  EXPECT_THAT(first.out + first.err, HasSubstr("7 new"));

  std::map<std::string, json> rt = RtTickets();
  std::map<std::string, json> stored = Stored();
  ASSERT_EQ(rt.size(), 7u);
  ASSERT_EQ(stored.size(), 7u);
  for (const auto& [id, ticket] : rt) {
    ASSERT_EQ(stored.count(id), 1u) << id;
    ExpectSame(ticket, stored[id]);
    EXPECT_EQ(stored[id]["version"], 1);
  }

  // Two tickets change, one is created and two are deleted (RT keeps them with Status 'deleted');
  // the other three stay as they were.
  Rest("PUT", "/ticket/" + ids[0], {{"Status", "open"}, {"Owner", "root"}});
  Rest("DELETE", "/ticket/" + ids[5]);
  Rest("DELETE", "/ticket/" + ids[6]);
  Rest("PUT", "/ticket/" + ids[2], {{"Subject", "Patch mail server (approved)"}, {"Priority", "100"}});
  const std::string added = CreateTicket({{"Queue", "Changes"}, {"Subject", "Rotate TLS certificate"}, {"Requestor", "frank@example.com"}, {"Priority", "50"}});
  ProcessResult second = Cli({"sync", "rt-desk"});
  ASSERT_EQ(second.exit_code, 0) << second.err << second.out;
  EXPECT_THAT(second.out + second.err, HasSubstr("1 new, 2 changed"));
  EXPECT_THAT(second.out + second.err, HasSubstr("2 deleted"));

  // The store's live tickets are exactly RT's.
  rt = RtTickets();
  stored = Stored();
  ASSERT_EQ(rt.size(), 6u);
  ASSERT_EQ(stored.size(), 6u);
  EXPECT_EQ(stored.count(ids[5]) + stored.count(ids[6]), 0u);
  for (const auto& [id, ticket] : rt) {
    ASSERT_EQ(stored.count(id), 1u) << id;
    ExpectSame(ticket, stored[id]);
    const int version = (id == ids[0] || id == ids[2]) ? 2 : 1;
    EXPECT_EQ(stored[id]["version"], version) << "ticket " << id;
  }
  EXPECT_EQ(stored[added]["kind"], "change");

  // history: true — each ticket's status changes as RT's own history lists them, oldest first.
  auto changes = [&](const std::string& id) {
    json history = Rest("GET", "/ticket/" + id + "/history", nullptr,
                        {{"fields", "Type,OldValue,NewValue,Created,Creator"}, {"fields[Creator]", "Name"}, {"per_page", "100"}});
    std::vector<std::string> out;
    for (const json& t : history["items"]) {
      if (t["Type"] != "Status") continue;
      out.push_back(absl::StrCat(t["Created"].get<std::string>(), " ", t["OldValue"].get<std::string>(), "→",
                                 t["NewValue"].get<std::string>(), " (", t["Creator"]["Name"].get<std::string>(), ")"));
    }
    return absl::StrJoin(out, "; ");
  };
  for (const std::string& id : {ids[0], ids[3], ids[4]}) {
    const std::string expected = changes(id);
    ASSERT_FALSE(expected.empty()) << "ticket " << id << " has status changes in RT";
    EXPECT_THAT(stored[id]["attributes"].get<std::string>(), HasSubstr("status_history=" + expected)) << "ticket " << id;
  }
  EXPECT_THAT(changes(ids[3]), HasSubstr("new→stalled (root)"));
  EXPECT_THAT(stored[ids[1]]["attributes"].get<std::string>(), Not(HasSubstr("status_history")));

  // The source as listed: every option with its type, the token file redacted, the token nowhere.
  ProcessResult shown = Cli({"sources", "show", "rt-desk"});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_THAT(shown.out, HasSubstr("(secret, read from a file)"));
  EXPECT_THAT(shown.out, HasSubstr("option page_size"));
  EXPECT_THAT(shown.out, Not(HasSubstr(rt_->Token())));
  EXPECT_THAT(shown.out, Not(HasSubstr(rt_->token_file())));

  // The deleted tickets are kept as deleted, with the version each had.
  ExpectDeletedWithHistory("rt-desk", {ids[5], ids[6]}, ids[0]);
}

// Deletes (issue 12): RT 5 keeps a deleted ticket with Status 'deleted' (DELETE
// /REST/2.0/ticket/ID; GET of the ticket still answers it), and its searches never list it — not
// for Status = 'deleted' nor for its id — so the connector's id listing (keyset by id in the
// source's queues) holds exactly the live tickets and the check by id leaves the deleted ones
// out. Assets the same: RT 5.0.3 answers DELETE /REST/2.0/asset/ID with a 500, a PUT of Status
// 'deleted' deletes one, and AssetSQL never lists it.
TEST_F(RtRealTest, TheIdListingHoldsExactlyTheLiveTicketsAndAssetsOfItsScope) {
  if (!rt_) return;
  Rest("POST", "/queue", {{"Name", "Changes"}});
  std::vector<std::string> general, changes;
  for (int i = 0; i < 5; ++i) general.push_back(CreateTicket({{"Queue", "General"}, {"Subject", absl::StrCat("incident ", i)}}));
  for (int i = 0; i < 2; ++i) changes.push_back(CreateTicket({{"Queue", "Changes"}, {"Subject", absl::StrCat("change ", i)}}));
  std::unique_ptr<crosswalk::Connector> every = MakeConnector({{"page_size", "2"}});
  std::unique_ptr<crosswalk::Connector> queue = MakeConnector({{"page_size", "2"}, {"queues", "General"}});
  ASSERT_TRUE(every && queue);
  ASSERT_NE(every->ids(), nullptr);
  EXPECT_EQ(Listed(*every), Searched("tickets", "id > 0"));
  EXPECT_EQ(Listed(*every).size(), 7u);
  EXPECT_EQ(Listed(*queue), general);

  // Two deleted (one of each queue), one updated.
  Rest("DELETE", "/ticket/" + general[1]);
  Rest("DELETE", "/ticket/" + changes[0]);
  Rest("PUT", "/ticket/" + general[2], {{"Status", "open"}});
  EXPECT_EQ(Rest("GET", "/ticket/" + general[1])["Status"], "deleted");  // kept, with that status
  EXPECT_TRUE(Searched("tickets", "Status = 'deleted'").empty());        // and never listed
  EXPECT_TRUE(Searched("tickets", "id = " + general[1]).empty());
  const std::vector<std::string> live = {general[0], general[2], general[3], general[4], changes[1]};
  EXPECT_EQ(Listed(*every), live);
  EXPECT_EQ(Listed(*queue), (std::vector<std::string>{general[0], general[2], general[3], general[4]}));
  auto present = every->ids()->StillPresent({general[0], general[1], changes[0], changes[1], "99999"});
  ASSERT_TRUE(present.ok()) << present.status();
  EXPECT_EQ(*present, (std::vector<std::string>{general[0], changes[1]}));
  auto in_queue = queue->ids()->StillPresent({general[0], general[1], changes[1]});  // another queue: gone for it
  ASSERT_TRUE(in_queue.ok()) << in_queue.status();
  EXPECT_EQ(*in_queue, (std::vector<std::string>{general[0]}));

  std::vector<std::string> assets;
  for (const char* name : {"LAPTOP-0001", "LAPTOP-0002", "LAPTOP-0003"}) {
    assets.push_back(Rest("POST", "/asset", {{"Name", name}, {"Catalog", "General assets"}})["id"].get<std::string>());
  }
  std::unique_ptr<crosswalk::Connector> inventory = MakeConnector({{"page_size", "2"}, {"what", "assets"}});
  ASSERT_TRUE(inventory);
  EXPECT_EQ(Listed(*inventory), assets);
  Rest("PUT", "/asset/" + assets[1], {{"Status", "deleted"}});
  EXPECT_TRUE(Searched("assets", "id = " + assets[1]).empty());
  EXPECT_EQ(Listed(*inventory), (std::vector<std::string>{assets[0], assets[2]}));
  auto assets_present = inventory->ids()->StillPresent(assets);
  ASSERT_TRUE(assets_present.ok()) << assets_present.status();
  EXPECT_EQ(*assets_present, (std::vector<std::string>{assets[0], assets[2]}));
}

// RT 5's assets (what: assets): created through REST2 in RT's default catalog, synced, each
// field compared with RT's own answer, one changed and one created, and the second sync reads
// exactly those. `sources test` gives its verdict against the same real server.
TEST_F(RtRealTest, AssetsSyncThenExactlyTheChangesAndTheProbeSaysWhatIsVisible) {
  if (!rt_) return;
  std::vector<std::string> ids;
  for (const char* name : {"LAPTOP-0042", "SRV-MAIL-01", "プリンター-3F"}) {
    ids.push_back(Rest("POST", "/asset", {{"Name", name}, {"Catalog", "General assets"}, {"Description", "inventory"}})["id"].get<std::string>());
  }
  Rest("PUT", "/asset/" + ids[1], {{"Status", "in-use"}});
  WriteFile("wrong.token", "not-a-token\n");
  WriteFile("crosswalkd.yaml", absl::StrCat("listen: 127.0.0.1:0\nstore: ", Path("rt.db"), "\n", "sources:\n",
                                            "  - {name: rt-assets, type: rt, what: assets, url: ", rt_->url(),
                                            ", token_file: ", rt_->token_file(), ", page_size: 2}\n",
                                            "  - {name: rt-wrong, type: rt, url: ", rt_->url(),
                                            ", token_file: wrong.token, max_retries: 0}\n"));
  Start();
  if (HasFatalFailure()) return;

  ProcessResult probe = Cli({"sources", "test", "rt-assets", "--format", "csv"});
  EXPECT_EQ(probe.exit_code, 0) << probe.err << probe.out;
  EXPECT_THAT(probe.out, HasSubstr("authenticated,yes\npermitted,yes\nrecords_visible,3\n"));
  ProcessResult refused = Cli({"sources", "test", "rt-wrong", "--format", "csv"});
  EXPECT_EQ(refused.exit_code, 1) << refused.err << refused.out;
  EXPECT_THAT(refused.out, HasSubstr("reachable,yes\nauthenticated,no\n"));
  EXPECT_THAT(refused.out + refused.err, Not(HasSubstr("not-a-token")));

  auto expect_same = [&](const std::map<std::string, json>& stored) {
    json page = Rest("GET", "/assets", nullptr,
                     {{"query", "id > 0"}, {"per_page", "100"}, {"fields", "Name,Status,Catalog,Description,Created"},
                      {"fields[Catalog]", "Name"}});
    static const std::map<std::string, std::string> kStatus = {{"new", "planned"}, {"allocated", "in-stock"}, {"in-use", "in-use"}};
    ASSERT_EQ(page["items"].size(), stored.size());
    for (const json& asset : page["items"]) {
      const std::string id = asset["id"].get<std::string>();
      SCOPED_TRACE("asset " + id);
      ASSERT_EQ(stored.count(id), 1u);
      const json& record = stored.at(id);
      EXPECT_EQ(record["title"], asset["Name"]);
      EXPECT_EQ(record["kind"], "configuration-item");
      EXPECT_EQ(record["status"], kStatus.at(asset["Status"].get<std::string>()));
      EXPECT_EQ(record["location"], "RT asset " + id);
      const std::string created = asset["Created"].get<std::string>();
      EXPECT_EQ(record["opened"], absl::StrCat(created.substr(0, 19), "+00:00"));
      EXPECT_EQ(Attributes(record)["class"], asset["Catalog"]["Name"]);
    }
  };
  ProcessResult first = Cli({"sync", "rt-assets"});
  ASSERT_EQ(first.exit_code, 0) << first.err << first.out;
  EXPECT_THAT(first.out + first.err, HasSubstr("3 new"));
  expect_same(Stored("rt-assets"));

  Rest("PUT", "/asset/" + ids[0], {{"Status", "allocated"}});
  const std::string added = Rest("POST", "/asset", {{"Name", "LAPTOP-0043"}, {"Catalog", "General assets"}})["id"].get<std::string>();
  Rest("PUT", "/asset/" + ids[2], {{"Status", "deleted"}});  // RT 5.0.3's DELETE of an asset is a 500
  ProcessResult second = Cli({"sync", "rt-assets"});
  ASSERT_EQ(second.exit_code, 0) << second.err << second.out;
  EXPECT_THAT(second.out + second.err, HasSubstr("1 new, 1 changed"));
  EXPECT_THAT(second.out + second.err, HasSubstr("1 deleted"));
  std::map<std::string, json> stored = Stored("rt-assets");
  expect_same(stored);
  EXPECT_EQ(stored[ids[0]]["version"], 2);
  EXPECT_EQ(stored[ids[1]]["version"], 1);
  EXPECT_EQ(stored[added]["version"], 1);
  EXPECT_EQ(stored.count(ids[2]), 0u);
  ExpectDeletedWithHistory("rt-assets", {ids[2]}, ids[0]);
}

}  // namespace
}  // namespace crosswalk
