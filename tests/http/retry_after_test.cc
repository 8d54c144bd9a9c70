// The Retry-After and X-RateLimit-Reset parsers (connectors/http/retry_after.h).
#include "connectors/http/retry_after.h"

#include <optional>

#include "gtest/gtest.h"

namespace crosswalk {
namespace {

constexpr int64_t kNow = 1699999980;  // Tue, 14 Nov 2023 22:13:00 GMT

TEST(HttpDateTest, ReadsImfFixdate) {
  EXPECT_EQ(ParseHttpDate("Sun, 06 Nov 1994 08:49:37 GMT"), 784111777);  // RFC 7231's example
  EXPECT_EQ(ParseHttpDate("Tue, 14 Nov 2023 22:13:00 GMT"), kNow);
  EXPECT_EQ(ParseHttpDate("Thu, 29 Feb 2024 00:00:00 GMT"), 1709164800);
  EXPECT_EQ(ParseHttpDate("Thu, 01 Jan 1970 00:00:00 GMT"), 0);
}

TEST(HttpDateTest, RejectsOtherForms) {
  const char* const kBad[] = {
      "Sunday, 06-Nov-94 08:49:37 GMT",  // RFC 850
      "Sun Nov  6 08:49:37 1994",        // asctime
      "Mon, 06 Nov 1994 08:49:37 GMT",   // wrong day name
      "Sun, 06 Nox 1994 08:49:37 GMT",   // no such month
      "Fri, 29 Feb 2023 00:00:00 GMT",   // not a leap year
      "Sun, 06 Nov 1994 24:49:37 GMT",   // hour
      "Sun, 06 Nov 1994 08:49:60 GMT",   // no leap second
      "Sun, 06 Nov 1994 08:49:37 UTC",   // only GMT
      "Sun, 6 Nov 1994 08:49:37 GMT",    // two-digit day
      "",
  };
  for (const char* text : kBad) EXPECT_EQ(ParseHttpDate(text), std::nullopt) << text;
}

TEST(HttpDateTest, FormatsWhatItReads) {
  for (int64_t seconds : {int64_t{-62135596800} /* 0001-01-01 */, int64_t{-1}, int64_t{0},
                          int64_t{784111777}, kNow, int64_t{1709164800}, int64_t{253402300799}}) {
    const std::string text = FormatHttpDate(seconds);
    EXPECT_EQ(ParseHttpDate(text), seconds) << text;
  }
  EXPECT_EQ(FormatHttpDate(784111777), "Sun, 06 Nov 1994 08:49:37 GMT");
  EXPECT_EQ(FormatHttpDate(-62135596800), "Mon, 01 Jan 0001 00:00:00 GMT");  // found by the fuzzer
}

TEST(RetryAfterTest, SecondsOrDate) {
  EXPECT_EQ(ParseRetryAfter("120", kNow), 120);
  EXPECT_EQ(ParseRetryAfter(" 0 ", kNow), 0);
  EXPECT_EQ(ParseRetryAfter("Tue, 14 Nov 2023 22:13:30 GMT", kNow), 30);
  EXPECT_EQ(ParseRetryAfter("Tue, 14 Nov 2023 22:12:00 GMT", kNow), 0);  // past: no wait
  EXPECT_EQ(ParseRetryAfter("-5", kNow), std::nullopt);
  EXPECT_EQ(ParseRetryAfter("1.5", kNow), std::nullopt);
  EXPECT_EQ(ParseRetryAfter("soon", kNow), std::nullopt);
  EXPECT_EQ(ParseRetryAfter("", kNow), std::nullopt);
  EXPECT_EQ(ParseRetryAfter("9999999999999999999999", kNow), std::nullopt);  // no overflow
}

TEST(RateLimitResetTest, UnixSecondsOrDelayOrIsoMinute) {
  EXPECT_EQ(ParseRateLimitReset("1700000000", kNow), 20);  // ServiceNow: a Unix time
  EXPECT_EQ(ParseRateLimitReset("1600000000", kNow), 0);   // a Unix time past
  EXPECT_EQ(ParseRateLimitReset("45", kNow), 45);          // Snipe-IT: seconds until the reset
  EXPECT_EQ(ParseRateLimitReset("2023-11-14T22:15Z", kNow), 120);     // Jira
  EXPECT_EQ(ParseRateLimitReset("2023-11-14T22:13:05Z", kNow), 5);
  EXPECT_EQ(ParseRateLimitReset("2023-11-14T22:10Z", kNow), 0);
  EXPECT_EQ(ParseRateLimitReset("2023-11-14T22:15", kNow), std::nullopt);  // no zone
  EXPECT_EQ(ParseRateLimitReset("2023-02-30T22:15Z", kNow), std::nullopt);
  EXPECT_EQ(ParseRateLimitReset("2023-11-14 22:15Z", kNow), std::nullopt);
  EXPECT_EQ(ParseRateLimitReset("x", kNow), std::nullopt);
}

TEST(ServerRequestedWaitTest, RetryAfterFirstThenReset) {
  HttpResponse response;
  response.status = 429;
  response.headers = {{"x-ratelimit-reset", "1700000000"}, {"retry-after", "3"}};
  EXPECT_EQ(ServerRequestedWaitSeconds(response, kNow), 3);
  response.headers = {{"x-ratelimit-reset", "1700000000"}, {"retry-after", "later"}};
  EXPECT_EQ(ServerRequestedWaitSeconds(response, kNow), 20);
  response.headers = {};
  EXPECT_EQ(ServerRequestedWaitSeconds(response, kNow), std::nullopt);
}

}  // namespace
}  // namespace crosswalk
