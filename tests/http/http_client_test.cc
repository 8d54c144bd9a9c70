// The real transport (NewHttplibClient: cpp-httplib with OpenSSL) against real httplib servers on
// 127.0.0.1, plain and TLS with a private CA made at test time.
#include "connectors/http/http_client.h"

#include <stdlib.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <thread>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/http/loopback_server.h"
#include "tests/http/test_certificates.h"
#include "tests/status_matchers.h"

namespace crosswalk {
namespace {

using ::testing::AllOf;
using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::Pair;

constexpr char kSecret[] = "tok-5ecret-93f1";

std::unique_ptr<HttpClient> Client(const std::string& base_url, HttpClientOptions options = {}) {
  options.base_url = base_url;
  absl::StatusOr<std::unique_ptr<HttpClient>> client = NewHttplibClient(options);
  EXPECT_THAT(client, IsOk());
  return client.ok() ? *std::move(client) : nullptr;
}

HttpRequest Request(std::string method, std::string path) {
  HttpRequest request;
  request.method = std::move(method);
  request.path = std::move(path);
  return request;
}

// A request carrying a secret in a header and in the query, as connectors' requests may.
HttpRequest SecretRequest(std::string path) {
  HttpRequest request = Request("GET", std::move(path));
  request.headers = {{"Authorization", absl::StrCat("Bearer ", kSecret)}};
  request.query = {{"token", kSecret}};
  return request;
}

TEST(HttplibClientTest, MethodsHeadersAndBodiesUnderAPathPrefix) {
  LoopbackServer server;
  const auto echo = [](const httplib::Request& req, httplib::Response& res) {
    res.set_content(absl::StrCat(req.method, " ", req.path, " key=", req.get_header_value("X-Api-Key"),
                                 " type=", req.get_header_value("Content-Type"), " body=", req.body),
                    "text/plain");
  };
  server.server().Get("/redmine/issues.json", echo);
  server.server().Post("/redmine/issues.json", echo);
  server.server().Put("/redmine/issues/7.json", echo);
  server.server().Patch("/redmine/issues/7.json", echo);
  server.server().Delete("/redmine/issues/7.json", echo);
  ASSERT_TRUE(server.Start());
  auto client = Client(server.Url() + "/redmine/");  // a trailing slash is dropped
  ASSERT_NE(client, nullptr);

  HttpRequest get = Request("GET", "/issues.json");
  get.headers = {{"X-Api-Key", "k1"}};
  auto response = client->Send(get);
  ASSERT_THAT(response, IsOk());
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, "GET /redmine/issues.json key=k1 type= body=");

  HttpRequest post = Request("POST", "/issues.json");
  post.body = R"({"issue":{}})";
  response = client->Send(post);
  ASSERT_THAT(response, IsOk());
  EXPECT_EQ(response->body, R"(POST /redmine/issues.json key= type=application/json body={"issue":{}})");

  for (const char* method : {"PUT", "PATCH", "DELETE"}) {
    HttpRequest request = Request(method, "/issues/7.json");
    request.body = "x=1";
    request.content_type = "application/x-www-form-urlencoded";
    response = client->Send(request);
    ASSERT_THAT(response, IsOk()) << method;
    EXPECT_EQ(response->body, absl::StrCat(method, " /redmine/issues/7.json key= "
                                                   "type=application/x-www-form-urlencoded body=x=1"));
  }
}

TEST(HttplibClientTest, QueryIsPercentEncoded) {
  LoopbackServer server;
  std::string target;
  std::multimap<std::string, std::string> params;
  server.server().Get("/api", [&](const httplib::Request& req, httplib::Response& res) {
    target = req.target;
    params.clear();
    for (const auto& param : req.params) params.insert(param);
    res.set_content("{}", "application/json");
  });
  ASSERT_TRUE(server.Start());
  auto client = Client(server.Url());
  HttpRequest request = Request("GET", "/api");
  const std::vector<std::pair<std::string, std::string>> kQuery = {
      {"sysparm_query", "sys_updated_on>=2024-05-02 11:14:07^ORDERBYsys_updated_on^ORDERBYsys_id"},
      {"fields[Queue]", "Name,Description"},
      {"criteria[0][value]", "a=b&c=d+e"},
      {"jql", "project = \"障害\" AND summary ~ 'ネットワーク'"},
      {"query", "Status = '変更要求' AND LastUpdated > '2024-01-01'"},
  };
  request.query = kQuery;
  ASSERT_THAT(client->Send(request), IsOk());
  const std::multimap<std::string, std::string> expected(kQuery.begin(), kQuery.end());
  EXPECT_EQ(params, expected);
  EXPECT_THAT(target, Not(HasSubstr(" ")));
  EXPECT_THAT(target, Not(HasSubstr("^")));
  EXPECT_THAT(target, Not(HasSubstr("[")));
  EXPECT_THAT(target, Not(HasSubstr("\"")));
  EXPECT_THAT(target, HasSubstr("%E9%9A%9C%E5%AE%B3"));  // 障害 in UTF-8
}

TEST(HttplibClientTest, ResponsesOfAnyStatusWithHeaderNamesLowerCased) {
  LoopbackServer server;
  server.server().Get("/limited", [](const httplib::Request&, httplib::Response& res) {
    res.status = 429;
    res.set_header("Retry-After", "3");
    res.set_header("X-RateLimit-Reset", "1700000000");
    res.set_content(R"({"error":"slow down"})", "application/json");
  });
  ASSERT_TRUE(server.Start());
  auto client = Client(server.Url());
  auto response = client->Send(Request("GET", "/limited"));
  ASSERT_THAT(response, IsOk());
  EXPECT_EQ(response->status, 429);
  EXPECT_THAT(response->headers, Contains(Pair("retry-after", "3")));
  EXPECT_THAT(response->headers, Contains(Pair("x-ratelimit-reset", "1700000000")));
  EXPECT_EQ(response->Header("X-RateLimit-Reset"), "1700000000");
  EXPECT_EQ(response->body, R"({"error":"slow down"})");
  response = client->Send(Request("GET", "/missing"));
  ASSERT_THAT(response, IsOk());
  EXPECT_EQ(response->status, 404);
}

TEST(HttplibClientTest, BodyOverTheCapIsResourceExhausted) {
  LoopbackServer server;
  server.server().Get("/big", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(std::string(4096, 'x'), "application/json");
  });
  ASSERT_TRUE(server.Start());
  HttpClientOptions options;
  options.max_response_bytes = 4095;
  EXPECT_THAT(Client(server.Url(), options)->Send(SecretRequest("/big")),
              StatusIs(absl::StatusCode::kResourceExhausted,
                       AllOf(HasSubstr("GET /big"), HasSubstr("4095 bytes"), Not(HasSubstr(kSecret)))));
  options.max_response_bytes = 4096;
  auto response = Client(server.Url(), options)->Send(Request("GET", "/big"));
  ASSERT_THAT(response, IsOk());
  EXPECT_EQ(response->body.size(), 4096u);
}

TEST(HttplibClientTest, ReadTimeoutIsUnavailable) {
  LoopbackServer server;
  server.server().Get("/slow", [](const httplib::Request&, httplib::Response& res) {
    std::this_thread::sleep_for(std::chrono::milliseconds(600));  // past the 150 ms read timeout
    res.set_content("{}", "application/json");
  });
  ASSERT_TRUE(server.Start());
  HttpClientOptions options;
  options.read_timeout_ms = 150;
  EXPECT_THAT(Client(server.Url(), options)->Send(SecretRequest("/slow")),
              StatusIs(absl::StatusCode::kUnavailable,
                       AllOf(HasSubstr("GET /slow"), HasSubstr("150 ms"), Not(HasSubstr(kSecret)))));
}

TEST(HttplibClientTest, ConnectionRefusedIsUnavailable) {
  LoopbackServer server;
  ASSERT_TRUE(server.Start());
  const std::string url = server.Url();
  server.Stop();  // nothing listens on the port now
  EXPECT_THAT(Client(url)->Send(SecretRequest("/x")),
              StatusIs(absl::StatusCode::kUnavailable,
                       AllOf(HasSubstr("GET /x"), HasSubstr(url), Not(HasSubstr(kSecret)))));
}

TEST(HttplibClientTest, BadUrlsAreInvalidArgument) {
  const char* const kBad[] = {
      "ftp://example.org",        "example.org:8080",           "http://",
      "http://host:99999",        "http://host:port",           "http://host/api?x=1",
      "https://host/api#frag",    "http://host?token=1",        "http://user:pw@host",
  };
  for (const char* url : kBad) {
    HttpClientOptions options;
    options.base_url = url;
    EXPECT_THAT(NewHttplibClient(options),
                StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("url")))
        << url;
  }
  HttpClientOptions with_secret;
  with_secret.base_url = absl::StrCat("https://admin:", kSecret, "@host/api?token=", kSecret);
  EXPECT_THAT(NewHttplibClient(with_secret),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("user:password@"), Not(HasSubstr(kSecret)))));
  HttpClientOptions no_ca;
  no_ca.base_url = "https://127.0.0.1:1";
  no_ca.ca_file = "/nonexistent/ca.pem";
  EXPECT_THAT(NewHttplibClient(no_ca), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("ca_file")));
}

class HttpsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = ::testing::TempDir() + "/crosswalk-https-XXXXXX";
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    auto certificates = MakeTestCertificates(dir_);
    ASSERT_THAT(certificates, IsOk());
    certificates_ = *certificates;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string dir_;
  TestCertificates certificates_;
};

TEST_F(HttpsTest, PrivateCaVerifiesOnlyWithCaFile) {
  LoopbackServer server(std::make_unique<httplib::SSLServer>(
      certificates_.server_cert_file.c_str(), certificates_.server_key_file.c_str()));
  server.server().Get("/api/now/table/incident", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(R"({"result":[]})", "application/json");
  });
  ASSERT_TRUE(server.Start());

  HttpClientOptions options;
  options.ca_file = certificates_.ca_file;
  auto response = Client(server.Url("https"), options)->Send(Request("GET", "/api/now/table/incident"));
  ASSERT_THAT(response, IsOk());
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, R"({"result":[]})");

  EXPECT_THAT(Client(server.Url("https"))->Send(SecretRequest("/api/now/table/incident")),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       AllOf(HasSubstr("does not verify"), HasSubstr("ca_file"),
                             Not(HasSubstr(kSecret)))));

  // Another CA's file does not verify this server either.
  const std::string other_dir = dir_ + "/other";
  std::filesystem::create_directory(other_dir);
  auto other = MakeTestCertificates(other_dir);
  ASSERT_THAT(other, IsOk());
  options.ca_file = other->ca_file;
  EXPECT_THAT(Client(server.Url("https"), options)->Send(Request("GET", "/api/now/table/incident")),
              StatusIs(absl::StatusCode::kFailedPrecondition));
}

}  // namespace
}  // namespace crosswalk
