// The real servers of the connector tests start, and answer an authenticated request with what
// the connector docs say — and refuse an unauthenticated one, so the token is what made the
// difference.
#include <memory>

#include "connectors/http/http_client.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/servers/real_server.h"

namespace crosswalk::testing_servers {
namespace {

std::unique_ptr<HttpClient> Client(const RealServer& server) {
  auto client = NewHttplibClient({.base_url = server.url()});
  EXPECT_TRUE(client.ok()) << client.status();
  return client.ok() ? std::move(*client) : nullptr;
}

TEST(RealServersSmokeTest, RequestTrackerAnswersWithTheToken) {
  std::unique_ptr<RealServer> server = StartOrSkip(RealServer::Kind::kRequestTracker);
  if (!server) return;
  std::unique_ptr<HttpClient> client = Client(*server);
  ASSERT_NE(client, nullptr);

  auto anonymous = client->Send({.path = "/REST/2.0/rt"});
  ASSERT_TRUE(anonymous.ok()) << anonymous.status();
  EXPECT_EQ(anonymous->status, 401);

  auto version = client->Send({.path = "/REST/2.0/rt",
                               .headers = {{"Authorization", "token " + server->Token()}}});
  ASSERT_TRUE(version.ok()) << version.status();
  ASSERT_EQ(version->status, 200) << version->body;
  auto body = nlohmann::json::parse(version->body);
  EXPECT_TRUE(body["Version"].get<std::string>().rfind("5.", 0) == 0) << version->body;
}

TEST(RealServersSmokeTest, RedmineAnswersWithTheApiKey) {
  std::unique_ptr<RealServer> server = StartOrSkip(RealServer::Kind::kRedmine);
  if (!server) return;
  std::unique_ptr<HttpClient> client = Client(*server);
  ASSERT_NE(client, nullptr);

  // The admin's own account needs a key; anonymous access to /users/current is refused.
  auto anonymous = client->Send({.path = "/users/current.json"});
  ASSERT_TRUE(anonymous.ok()) << anonymous.status();
  EXPECT_EQ(anonymous->status, 401);

  auto me = client->Send({.path = "/users/current.json",
                          .headers = {{"X-Redmine-API-Key", server->Token()}}});
  ASSERT_TRUE(me.ok()) << me.status();
  ASSERT_EQ(me->status, 200) << me->body;
  EXPECT_EQ(nlohmann::json::parse(me->body)["user"]["login"], "admin") << me->body;

  auto trackers = client->Send({.path = "/trackers.json",
                                .headers = {{"X-Redmine-API-Key", server->Token()}}});
  ASSERT_TRUE(trackers.ok()) << trackers.status();
  ASSERT_EQ(trackers->status, 200) << trackers->body;
  bool bug_tracker = false;  // the Japanese default data: trackers バグ, 機能, サポート
  const nlohmann::json parsed = nlohmann::json::parse(trackers->body);
  for (const auto& tracker : parsed["trackers"]) {
    bug_tracker = bug_tracker || tracker["name"] == "バグ";
  }
  EXPECT_TRUE(bug_tracker) << trackers->body;
}

}  // namespace
}  // namespace crosswalk::testing_servers
