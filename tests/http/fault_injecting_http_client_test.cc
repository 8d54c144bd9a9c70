// The fault injector (connectors/http/fault_injecting_http_client.h) alone, and under the
// retrying layer on seeded random schedules.
#include "connectors/http/fault_injecting_http_client.h"

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "connectors/http/retry_after.h"
#include "connectors/http/retrying_http_client.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/http/fake_http_client.h"
#include "tests/status_matchers.h"

namespace crosswalk {
namespace {

using ::testing::HasSubstr;

constexpr int64_t kFaultClockStart = 1699999980;

// A fault injector over a fake that answers every request 200 {"ok":true}.
struct Stack {
  explicit Stack(FaultSchedule schedule) {
    OwnedFake owned;
    fake = owned.fake;
    fake->SetHandler([](const HttpRequest&) { return MakeResponse(200, R"({"ok":true})"); });
    auto injector = std::make_unique<FaultInjectingHttpClient>(std::move(owned.owned), &clock,
                                                              std::move(schedule));
    faults = injector.get();
    owned_injector = std::move(injector);
  }
  ManualClock clock{kFaultClockStart};
  FakeHttpClient* fake = nullptr;
  FaultInjectingHttpClient* faults = nullptr;
  std::unique_ptr<HttpClient> owned_injector;
};

HttpRequest Get() {
  HttpRequest request;
  request.path = "/rest/api/3/search/jql";
  return request;
}

TEST(FaultInjectingTest, ScriptedFaultsHaveTheirShapes) {
  FaultSchedule schedule;
  for (int i = 1; i < kFaultKindCount; ++i) schedule.script.push_back(FaultKind(i));
  schedule.retry_after_seconds = 4;
  Stack stack(schedule);
  std::vector<absl::StatusOr<HttpResponse>> answers;
  for (int i = 0; i < kFaultKindCount; ++i) answers.push_back(stack.owned_injector->Send(Get()));

  auto status_of = [&answers](FaultKind kind) { return answers[static_cast<int>(kind) - 1]; };
  EXPECT_EQ(status_of(FaultKind::kRetryAfterSeconds)->Header("retry-after"), "4");
  EXPECT_EQ(status_of(FaultKind::kRetryAfterZero)->Header("retry-after"), "0");
  EXPECT_EQ(ParseHttpDate(status_of(FaultKind::kRetryAfterDate)->Header("retry-after")), kFaultClockStart + 4);
  EXPECT_EQ(status_of(FaultKind::kRateLimitedBare)->status, 429);
  EXPECT_TRUE(status_of(FaultKind::kRateLimitedBare)->headers.empty());
  EXPECT_EQ(status_of(FaultKind::kServiceUnavailable)->status, 503);
  EXPECT_EQ(status_of(FaultKind::kUnauthorized)->status, 401);
  EXPECT_EQ(status_of(FaultKind::kHtmlPage200)->status, 200);
  EXPECT_THAT(status_of(FaultKind::kHtmlPage200)->body, HasSubstr("<html>"));
  EXPECT_EQ(status_of(FaultKind::kHtmlPage502)->status, 502);
  EXPECT_THAT(status_of(FaultKind::kTransportError), StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_THAT(status_of(FaultKind::kTimeout), StatusIs(absl::StatusCode::kDeadlineExceeded));
  // Past the script, requests pass through to the wrapped client, and only those reach it.
  ASSERT_THAT(answers.back(), IsOk());
  EXPECT_EQ(answers.back()->body, R"({"ok":true})");
  EXPECT_EQ(stack.fake->requests().size(), 1u);
  EXPECT_EQ(stack.faults->injected().back(), FaultKind::kNone);
  for (int i = 0; i < kFaultKindCount; ++i) EXPECT_EQ(stack.faults->count(FaultKind(i)), 1);
}

std::vector<FaultKind> RandomRun(uint64_t seed, int requests) {
  Stack stack(FaultSchedule::Uniform(0.5, seed));
  for (int i = 0; i < requests; ++i) (void)stack.owned_injector->Send(Get());
  return stack.faults->injected();
}

TEST(FaultInjectingTest, SeededScheduleExercisesEveryKindAndReplays) {
  const std::vector<FaultKind> run = RandomRun(7, 2000);
  std::set<FaultKind> seen(run.begin(), run.end());
  EXPECT_EQ(seen.size(), static_cast<size_t>(kFaultKindCount));
  // A 401 comes back only after a request has passed through (credentials renewed since).
  bool pending = false;
  for (size_t i = 0; i < run.size(); ++i) {
    EXPECT_FALSE(pending && run[i] == FaultKind::kUnauthorized) << i;
    if (run[i] == FaultKind::kUnauthorized) pending = true;
    if (run[i] == FaultKind::kNone) pending = false;
  }
  EXPECT_EQ(RandomRun(7, 2000), run);
  EXPECT_NE(RandomRun(8, 2000), run);
}

TEST(FaultInjectingTest, ScheduleIsValidated) {
  EXPECT_THAT(FaultSchedule::Uniform(1.0, 1).Validate(), IsOk());
  FaultSchedule schedule = FaultSchedule::Uniform(0.5, 1);
  schedule.probability[static_cast<int>(FaultKind::kTimeout)] = 0.9;
  EXPECT_THAT(schedule.Validate(), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("sum")));
  schedule.probability[static_cast<int>(FaultKind::kTimeout)] = -0.1;
  EXPECT_THAT(schedule.Validate(), StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("timeout")));
  schedule = FaultSchedule();
  schedule.retry_after_seconds = -1;
  EXPECT_THAT(schedule.Validate(), StatusIs(absl::StatusCode::kInvalidArgument));
}

// The retrying layer over random faults: every request either returns the server's real answer
// or fails loudly with a code that names a give-up; never a fault passed off as data.
TEST(FaultInjectingTest, RetryingLayerSurvivesSeededSchedules) {
  std::set<FaultKind> exercised;
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    Stack stack(FaultSchedule::Uniform(0.4, seed));
    RetryOptions options;
    options.jitter_seed = seed;
    int reauthentications = 0;
    options.reauthenticate = [&reauthentications](HttpRequest&) {
      ++reauthentications;
      return absl::OkStatus();
    };
    RetryingHttpClient client(std::move(stack.owned_injector), &stack.clock, options);
    int ok = 0;
    for (int i = 0; i < 100; ++i) {
      absl::StatusOr<HttpResponse> response = client.Send(Get());
      if (response.ok()) {
        ++ok;
        EXPECT_EQ(response->body, R"({"ok":true})") << "seed " << seed;
        continue;
      }
      const absl::StatusCode code = response.status().code();
      EXPECT_TRUE(code == absl::StatusCode::kUnavailable ||
                  code == absl::StatusCode::kResourceExhausted ||
                  code == absl::StatusCode::kFailedPrecondition)  // the HTML page with 200
          << "seed " << seed << ": " << response.status();
      EXPECT_THAT(std::string(response.status().message()), HasSubstr("GET /rest/api/3/search/jql"));
    }
    EXPECT_EQ(ok, stack.faults->count(FaultKind::kNone)) << "seed " << seed;
    EXPECT_GT(ok, 50) << "seed " << seed;
    EXPECT_EQ(reauthentications, stack.faults->count(FaultKind::kUnauthorized));
    EXPECT_EQ(client.stats().attempts, static_cast<int64_t>(stack.faults->injected().size()));
    EXPECT_GT(client.stats().waits, 0);
    const std::vector<FaultKind>& injected = stack.faults->injected();
    exercised.insert(injected.begin(), injected.end());
  }
  EXPECT_EQ(exercised.size(), static_cast<size_t>(kFaultKindCount));
}

}  // namespace
}  // namespace crosswalk
