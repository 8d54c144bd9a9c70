// The whole stack once over the wire: RetryingHttpClient over the real transport against a real
// httplib server that answers 429 Retry-After: 1 and then 200. The wait goes to ManualClock; the
// request is really sent twice.
#include <atomic>
#include <string>

#include "connectors/http/http_client.h"
#include "connectors/http/retrying_http_client.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/http/loopback_server.h"
#include "tests/status_matchers.h"

namespace crosswalk {
namespace {

TEST(RetryRealServerTest, RateLimitedThenServed) {
  LoopbackServer server;
  std::atomic<int> hits{0};
  std::string last_auth;
  server.server().Get("/api/now/table/incident", [&](const httplib::Request& req,
                                                     httplib::Response& res) {
    last_auth = req.get_header_value("Authorization");
    if (hits++ == 0) {
      res.status = 429;
      res.set_header("Retry-After", "1");
      res.set_content(R"({"error":{"message":"Rate limit exceeded"},"status":"failure"})",
                      "application/json");
      return;
    }
    res.set_content(R"({"result":[{"sys_id":"a1"}]})", "application/json");
  });
  ASSERT_TRUE(server.Start());
  HttpClientOptions options;
  options.base_url = server.Url();
  auto transport = NewHttplibClient(options);
  ASSERT_THAT(transport, IsOk());
  ManualClock clock;
  RetryingHttpClient client(*std::move(transport), &clock, RetryOptions());

  HttpRequest request;
  request.path = "/api/now/table/incident";
  request.headers = {{"Authorization", "Basic dXNlcjpwdw=="}};
  auto response = client.Send(request);
  ASSERT_THAT(response, IsOk());
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, R"({"result":[{"sys_id":"a1"}]})");
  EXPECT_EQ(hits.load(), 2);
  EXPECT_EQ(last_auth, "Basic dXNlcjpwdw==");
  EXPECT_EQ(clock.slept_nanos(), 1'000'000'000);
  EXPECT_EQ(client.stats().Summary(), "waited 1 s for rate limits (1 × 429)");
}

}  // namespace
}  // namespace crosswalk
