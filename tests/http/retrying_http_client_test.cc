// Every rule of the retrying layer (connectors/http/retrying_http_client.h), over the fake
// transport with ManualClock: the waits chosen are asserted exactly and nothing sleeps.
#include "connectors/http/retrying_http_client.h"

#include <memory>
#include <string>
#include <vector>

#include "connectors/http/body_errors.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/http/fake_http_client.h"
#include "tests/status_matchers.h"

namespace crosswalk {
namespace {

using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr int64_t kSecond = 1'000'000'000;
constexpr int64_t kRetryClockStart = 1699999980;  // Tue, 14 Nov 2023 22:13:00 GMT
constexpr char kSecret[] = "tok-5ecret-93f1";

RetryPolicy NoJitter() {
  RetryPolicy policy;
  policy.jitter = false;
  return policy;
}

class RetryingTest : public ::testing::Test {
 protected:
  // A client over a fake that answers each request with the next of `answers` (the last repeats)
  // and notes the monotonic time each request was sent at.
  std::unique_ptr<RetryingHttpClient> Client(std::vector<absl::StatusOr<HttpResponse>> answers,
                                             RetryOptions options = {}) {
    OwnedFake owned;
    fake_ = owned.fake;
    owned.fake->SetHandler([this, answers](const HttpRequest&) {
      sent_at_.push_back(clock_.MonotonicNanos());
      const size_t next = sent_at_.size() - 1;
      return answers[next < answers.size() ? next : answers.size() - 1];
    });
    return std::make_unique<RetryingHttpClient>(std::move(owned.owned), &clock_, std::move(options));
  }

  // The waits between consecutive sends, in seconds.
  std::vector<double> Waits() const {
    std::vector<double> waits;
    for (size_t i = 1; i < sent_at_.size(); ++i) {
      waits.push_back(static_cast<double>(sent_at_[i] - sent_at_[i - 1]) / kSecond);
    }
    return waits;
  }

  static HttpRequest Get() {
    HttpRequest request;
    request.path = "/api/now/table/incident";
    request.query = {{"sysparm_query", std::string("token=") + kSecret}};
    request.headers = {{"Authorization", std::string("Bearer ") + kSecret}};
    return request;
  }

  ManualClock clock_{kRetryClockStart};
  FakeHttpClient* fake_ = nullptr;
  std::vector<int64_t> sent_at_;
};

TEST_F(RetryingTest, RetryAfterSecondsIsWaitedExactly) {
  auto client = Client({MakeResponse(429, "", {{"retry-after", "7"}}), MakeResponse(200, "{}")});
  auto response = client->Send(Get());
  ASSERT_THAT(response, IsOk());
  EXPECT_EQ(response->status, 200);
  EXPECT_THAT(Waits(), ElementsAre(7));
  EXPECT_EQ(client->stats().rate_limited, 1);
  EXPECT_EQ(client->stats().attempts, 2);
  EXPECT_EQ(client->stats().Summary(), "waited 7 s for rate limits (1 × 429)");
  // The resend is the same request, credentials and query included.
  ASSERT_EQ(fake_->requests().size(), 2u);
  EXPECT_EQ(fake_->requests()[1].headers, Get().headers);
  EXPECT_EQ(fake_->requests()[1].query, Get().query);
}

TEST_F(RetryingTest, RetryAfterHttpDateAndZero) {
  auto client = Client({MakeResponse(429, "", {{"retry-after", "Tue, 14 Nov 2023 22:13:30 GMT"}}),
                        MakeResponse(429, "", {{"retry-after", "0"}}), MakeResponse(200, "{}")});
  ASSERT_THAT(client->Send(Get()), IsOk());
  EXPECT_THAT(Waits(), ElementsAre(30, 0));
  EXPECT_EQ(client->stats().waits, 2);
}

TEST_F(RetryingTest, RateLimitResetHeadersOfEachApi) {
  auto client = Client({
      MakeResponse(429, "", {{"x-ratelimit-reset", "1700000000"}}),         // ServiceNow: Unix
      MakeResponse(429, "", {{"x-ratelimit-reset", "5"}}),                  // Snipe-IT: delay
      MakeResponse(503, "", {{"x-ratelimit-reset", "2023-11-14T22:14Z"}}),  // Jira: ISO minute
      MakeResponse(200, "{}")});
  ASSERT_THAT(client->Send(Get()), IsOk());
  // The clock moved 20 s and then 5 s before the Jira answer: 22:13:25 → 22:14:00 is 35 s.
  EXPECT_THAT(Waits(), ElementsAre(20, 5, 35));
}

TEST_F(RetryingTest, ExponentialBackoffCappedWithoutHeaders) {
  RetryOptions options;
  options.policy = NoJitter();
  options.policy.max_attempts = 6;
  options.policy.max_delay_nanos = 5 * kSecond;
  auto client = Client({MakeResponse(429), MakeResponse(503), MakeResponse(429), MakeResponse(429),
                        MakeResponse(429), MakeResponse(200, "{}")},
                       options);
  ASSERT_THAT(client->Send(Get()), IsOk());
  EXPECT_THAT(Waits(), ElementsAre(1, 2, 4, 5, 5));
  EXPECT_EQ(client->stats().Summary(),
            "waited 17 s for rate limits and outages (4 × 429, 1 × 503 or transport error)");
}

TEST_F(RetryingTest, FullJitterStaysUnderTheStepAndReplaysWithTheSeed) {
  RetryOptions options;
  options.policy.max_attempts = 5;
  options.jitter_seed = 42;
  auto client = Client({MakeResponse(503)}, options);
  EXPECT_THAT(client->Send(Get()), StatusIs(absl::StatusCode::kUnavailable));
  const std::vector<double> first = Waits();
  ASSERT_EQ(first.size(), 4u);
  for (size_t i = 0; i < first.size(); ++i) {
    EXPECT_GE(first[i], 0);
    EXPECT_LE(first[i], 1 << i) << "retry " << i + 1;
  }
  EXPECT_NE(first, std::vector<double>({1, 2, 4, 8}));  // jittered, not the plain steps
  sent_at_.clear();
  auto again = Client({MakeResponse(503)}, options);
  EXPECT_THAT(again->Send(Get()), StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_EQ(Waits(), first);
}

TEST_F(RetryingTest, ServerWaitAboveTheCapFailsAtOnce) {
  auto client = Client({MakeResponse(429, "", {{"retry-after", "3600"}})});
  EXPECT_THAT(client->Send(Get()),
              StatusIs(absl::StatusCode::kResourceExhausted,
                       AllOf(HasSubstr("GET /api/now/table/incident"), HasSubstr("1 attempt"),
                             HasSubstr("HTTP 429"), HasSubstr("3600 s"), HasSubstr("cap of 60 s"))));
  EXPECT_EQ(clock_.slept_nanos(), 0);
}

TEST_F(RetryingTest, TotalBudgetStopsBeforeOverrunning) {
  RetryOptions options;
  options.policy.total_budget_nanos = 10 * kSecond;
  auto client = Client({MakeResponse(503, "", {{"retry-after", "6"}})}, options);
  EXPECT_THAT(client->Send(Get()),
              StatusIs(absl::StatusCode::kUnavailable,
                       AllOf(HasSubstr("2 attempts"), HasSubstr("HTTP 503"), HasSubstr("waited 6 s"),
                             HasSubstr("retry budget of 10 s"))));
  EXPECT_EQ(clock_.slept_nanos(), 6 * kSecond);
}

TEST_F(RetryingTest, AttemptsRunOut) {
  RetryOptions options;
  options.policy = NoJitter();
  options.policy.max_attempts = 3;
  auto client = Client({MakeResponse(429)}, options);
  EXPECT_THAT(client->Send(Get()),
              StatusIs(absl::StatusCode::kResourceExhausted,
                       AllOf(HasSubstr("gave up after 3 attempts"), HasSubstr("last: HTTP 429"))));
  EXPECT_THAT(Waits(), ElementsAre(1, 2));
}

TEST_F(RetryingTest, TransportFailuresAreRetried) {
  RetryOptions options;
  options.policy = NoJitter();
  auto client = Client({absl::UnavailableError("GET /x: connection refused"),
                        absl::DeadlineExceededError("GET /x: no connection"), MakeResponse(200, "{}")},
                       options);
  ASSERT_THAT(client->Send(Get()), IsOk());
  EXPECT_THAT(Waits(), ElementsAre(1, 2));
  EXPECT_EQ(client->stats().unavailable, 2);
}

TEST_F(RetryingTest, OtherTransportErrorsAreNot) {
  auto client = Client({absl::FailedPreconditionError("certificate does not verify"),
                        MakeResponse(200, "{}")});
  EXPECT_THAT(client->Send(Get()), StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_EQ(sent_at_.size(), 1u);
}

TEST_F(RetryingTest, OtherStatusesReturnToTheConnector) {
  for (int status : {400, 403, 404, 410, 422, 500, 502, 504}) {
    sent_at_.clear();
    auto client = Client({MakeResponse(status, R"({"error":"x"})"), MakeResponse(200, "{}")});
    auto response = client->Send(Get());
    ASSERT_THAT(response, IsOk()) << status;
    EXPECT_EQ(response->status, status);
    EXPECT_EQ(sent_at_.size(), 1u) << status;
  }
  EXPECT_EQ(clock_.slept_nanos(), 0);
}

TEST_F(RetryingTest, UnauthorizedReauthenticatesOnceThenResends) {
  RetryOptions options;
  int calls = 0;
  options.reauthenticate = [&calls](HttpRequest& request) {
    ++calls;
    request.headers = {{"Authorization", "Bearer renewed"}};
    return absl::OkStatus();
  };
  auto client = Client({MakeResponse(401), MakeResponse(200, "{}")}, options);
  ASSERT_THAT(client->Send(Get()), IsOk());
  EXPECT_EQ(calls, 1);
  ASSERT_EQ(fake_->requests().size(), 2u);
  EXPECT_THAT(fake_->requests()[1].headers,
              ElementsAre(std::make_pair(std::string("Authorization"), std::string("Bearer renewed"))));
  EXPECT_EQ(clock_.slept_nanos(), 0);
  EXPECT_EQ(client->stats().reauthentications, 1);
}

TEST_F(RetryingTest, SecondUnauthorizedFails) {
  RetryOptions options;
  int calls = 0;
  options.reauthenticate = [&calls](HttpRequest&) {
    ++calls;
    return absl::OkStatus();
  };
  options.body_error = ServiceNowBodyError;
  auto client = Client({MakeResponse(401, R"({"error":{"message":"User Not Authenticated"},"status":"failure"})")},
                       options);
  EXPECT_THAT(client->Send(Get()),
              StatusIs(absl::StatusCode::kUnauthenticated,
                       AllOf(HasSubstr("GET /api/now/table/incident"),
                             HasSubstr("again after re-authenticating"),
                             HasSubstr("User Not Authenticated"))));
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(sent_at_.size(), 2u);
}

TEST_F(RetryingTest, UnauthorizedWithoutHookOrWithAFailingHook) {
  auto client = Client({MakeResponse(401)});
  EXPECT_THAT(client->Send(Get()),
              StatusIs(absl::StatusCode::kUnauthenticated, HasSubstr("refused the credentials")));
  RetryOptions options;
  options.reauthenticate = [](HttpRequest&) { return absl::PermissionDeniedError("initSession: no"); };
  auto failing = Client({MakeResponse(401)}, options);
  EXPECT_THAT(failing->Send(Get()),
              StatusIs(absl::StatusCode::kPermissionDenied,
                       HasSubstr("re-authenticating after HTTP 401 failed: initSession: no")));
}

TEST_F(RetryingTest, BodyErrorsOn200NameTheApiMessage) {
  struct Case {
    std::function<std::optional<std::string>(const HttpResponse&)> hook;
    std::string body;
    std::string message;
  } const kCases[] = {
      {GlpiBodyError, R"(["ERROR_RIGHT_MISSING","You don't have permission to perform this action."])",
       "ERROR_RIGHT_MISSING: You don't have permission"},
      {ServiceNowBodyError, R"({"error":{"message":"Invalid table","detail":null},"status":"failure"})",
       "Invalid table"},
      {SnipeItBodyError, R"({"status":"error","messages":"Unauthorized.","payload":null})",
       "Unauthorized."},
  };
  for (const Case& c : kCases) {
    sent_at_.clear();
    RetryOptions options;
    options.body_error = c.hook;
    auto client = Client({MakeResponse(200, c.body)}, options);
    EXPECT_THAT(client->Send(Get()),
                StatusIs(absl::StatusCode::kFailedPrecondition,
                         AllOf(HasSubstr("GET /api/now/table/incident: the API answered HTTP 200 "
                                         "with an error: "),
                               HasSubstr(c.message))))
        << c.body;
    EXPECT_EQ(sent_at_.size(), 1u);
  }
}

TEST_F(RetryingTest, HtmlWhereJsonWasExpected) {
  auto client = Client({MakeResponse(200, "<html><title>Instance Hibernating</title></html>",
                                     {{"content-type", "text/html"}})});
  EXPECT_THAT(client->Send(Get()),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("expected JSON, got an HTML page (HTTP 200): Instance Hibernating")));
  RetryOptions options;
  options.expect_json = false;
  auto html_wanted = Client({MakeResponse(200, "<p>ok</p>")}, options);
  EXPECT_THAT(html_wanted->Send(Get()), IsOk());
}

TEST_F(RetryingTest, HtmlErrorPagesOf5xxAreRetriedAs503) {
  RetryOptions options;
  options.policy = NoJitter();
  options.policy.max_attempts = 3;
  const HttpResponse page = MakeResponse(502, "\n<html><title>502 Bad Gateway</title></html>");
  auto recovers = Client({page, MakeResponse(200, "{}")}, options);
  ASSERT_THAT(recovers->Send(Get()), IsOk());
  EXPECT_EQ(recovers->stats().unavailable, 1);
  sent_at_.clear();
  auto stays_down = Client({page}, options);
  EXPECT_THAT(stays_down->Send(Get()),
              StatusIs(absl::StatusCode::kUnavailable,
                       AllOf(HasSubstr("3 attempts"), HasSubstr("HTTP 502, an HTML page: 502 Bad Gateway"))));
}

TEST_F(RetryingTest, NoMessageHoldsAHeaderValueOrTheQuery) {
  RetryOptions options;
  options.policy.max_attempts = 2;
  options.body_error = GlpiBodyError;
  const std::vector<std::vector<absl::StatusOr<HttpResponse>>> kFailures = {
      {MakeResponse(429, "", {{"retry-after", "99999"}})},
      {MakeResponse(503)},
      {MakeResponse(401)},
      {absl::UnavailableError("GET /api/now/table/incident: refused")},
      {MakeResponse(200, R"(["ERROR_X","bad"])")},
  };
  for (const auto& answers : kFailures) {
    auto client = Client(answers, options);
    const absl::StatusOr<HttpResponse> result = client->Send(Get());
    ASSERT_FALSE(result.ok());
    EXPECT_THAT(std::string(result.status().message()), Not(HasSubstr(kSecret)));
    EXPECT_THAT(std::string(result.status().message()), Not(HasSubstr("sysparm_query")));
  }
}

TEST(RetryPolicyTest, Validates) {
  RetryPolicy policy;
  EXPECT_THAT(policy.Validate(), IsOk());
  policy.max_attempts = 0;
  EXPECT_THAT(policy.Validate(), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("max_retries")));
  policy = RetryPolicy();
  policy.base_delay_nanos = policy.max_delay_nanos + 1;
  EXPECT_THAT(policy.Validate(), StatusIs(absl::StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace crosswalk
