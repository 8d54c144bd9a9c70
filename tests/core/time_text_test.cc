#include "gateway/core/time_text.h"

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/status_matchers.h"

namespace crosswalk {
namespace {

// Expected Unix seconds are literals computed outside the code under test, with GNU date:
// `date -u -d '<text>' +%s` (the comment beside each case names the instant when it differs).
constexpr int64_t k20240502 = 1714608000;          // 2024-05-02T00:00:00Z
constexpr int64_t k20240502_1114 = 1714648440;     // 2024-05-02T11:14:00Z
constexpr int64_t k20240502_111407 = 1714648447;   // 2024-05-02T11:14:07Z
constexpr int kTokyo = 9 * 3600;                    // +09:00, a source's configured zone

struct Accepted {
  const char* text;
  int utc_offset_seconds;  // the source's zone for text without Z or an offset
  int64_t want;
};

TEST(ParseTimestampTest, AcceptedForms) {
  const std::vector<Accepted> cases = {
      // Dates: midnight at the source's zone.
      {"2024-05-02", 0, k20240502},
      {"2024/05/02", 0, k20240502},
      {"2024/5/2", 0, k20240502},
      {"2024-5-2", 0, k20240502},
      {"2024年5月2日", 0, k20240502},
      {"２０２４－０５－０２", 0, k20240502},  // full-width digits and hyphen
      {"  2024-05-02 ", 0, k20240502},       // surrounding white space
      {"2024-05-02", kTokyo, 1714575600},    // 2024-05-02T00:00:00+09:00
      // Date-times without seconds, with seconds, 'T' or space, any case.
      {"2024-05-02 11:14", 0, k20240502_1114},
      {"2024-05-02T11:14", 0, k20240502_1114},
      {"2024-5-2 9:05", 0, 1714640700},  // 2024-05-02T09:05:00Z
      {"2024-05-02 11:14:07", 0, k20240502_111407},
      {"2024-05-02T11:14:07", 0, k20240502_111407},
      {"2024/05/02 11:14:07", 0, k20240502_111407},
      {"2024-05-02t11:14:07z", 0, k20240502_111407},
      {"２０２４-０５-０２ １１：１４：０７", 0, k20240502_111407},
      {"2024-05-02  11:14:07", 0, k20240502_111407},  // inner white space collapses
      {"2024-05-02 20:14:07", kTokyo, k20240502_111407},
      // Fractional seconds (up to nine digits, '.' or ','): dropped, not rounded.
      {"2024-05-02T11:14:07.999", 0, k20240502_111407},
      {"2024-05-02T11:14:07,5Z", 0, k20240502_111407},
      {"2024-05-02T11:14:07.123456789Z", 0, k20240502_111407},
      // Z, UTC and offsets; an explicit zone overrides the source's.
      {"2024-05-02T11:14:07Z", kTokyo, k20240502_111407},
      {"2024-05-02T11:14:07 UTC", kTokyo, k20240502_111407},
      {"2024-05-02T11:14:07 gmt", 0, k20240502_111407},
      {"2024-05-02T11:14:07+00:00", kTokyo, k20240502_111407},
      {"2024-05-02T20:14:07+09:00", -5 * 3600, k20240502_111407},
      {"2024-05-02T20:14:07+0900", 0, k20240502_111407},
      {"2024-05-02T20:14:07+09", 0, k20240502_111407},
      {"2024-05-02T20:14:07 +09:00", 0, k20240502_111407},
      {"2024-05-02T06:14:07-05:00", 0, k20240502_111407},
      {"2024-05-02T06:14:07-05", 0, k20240502_111407},
      {"2024-05-02T16:59:07+05:45", 0, k20240502_111407},
      {"2024-05-03T01:14:07+14:00", 0, k20240502_111407},
      {"2024-05-02 20:14+09:00", 0, k20240502_1114},
      // Leap days and month ends.
      {"2024-02-29", 0, 1709164800},
      {"2000-02-29", 0, 951782400},  // divisible by 400: a leap year
      {"2023-03-01", 0, 1677628800},
      {"2024-01-31", 0, 1706659200},
      {"2024-04-30", 0, 1714435200},
      {"2024-12-31 23:59:59", 0, 1735689599},
      // A leap second is one second past :59 (GNU date refuses :60; 2016-12-31T23:59:59Z is
      // 1483228799).
      {"2016-12-31T23:59:60Z", 0, 1483228800},
      // Around the epoch and at the ends of four-digit years.
      {"1970-01-01", 0, 0},
      {"1969-12-31 23:59:59", 0, -1},
      {"1900-03-01", 0, -2203891200},
      {"0000-01-01", 0, -62167219200},
      {"0001-01-01", 0, -62135596800},
      {"9999-12-31 23:59:59", 0, 253402300799},
      {"9999-12-31T23:59:59-14:00", 0, 253402351199},  // +10000-01-01T13:59:59Z
  };
  for (const Accepted& c : cases) {
    SCOPED_TRACE(::testing::Message() << "'" << c.text << "' at offset " << c.utc_offset_seconds);
    auto got = ParseTimestamp(c.text, c.utc_offset_seconds);
    ASSERT_THAT(got, IsOk());
    EXPECT_EQ(*got, c.want);
  }
}

std::string NotADate(const std::string& text) {
  return "'" + text +
         "' is not a date or date-time (expected e.g. 2024-05-02, 2024/05/02 11:14:07, "
         "2024-05-02T11:14:07Z or 2024-05-02T20:14:07+09:00)";
}

TEST(ParseTimestampTest, RejectedFormsSayWhatWasExpected) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"", "empty"},
      {"not a date", "words"},
      {"2024", "year only"},
      {"2024-05", "no day"},
      {"2023-02-29", "2023 is not a leap year"},
      {"1900-02-29", "divisible by 100 but not 400: not a leap year"},
      {"2024-02-30", "February has at most 29 days"},
      {"2024-04-31", "April has 30 days"},
      {"2024-06-31", "June has 30 days"},
      {"2024-05-32", "no month has 32 days"},
      {"2024-05-00", "day 0"},
      {"2024-00-10", "month 0"},
      {"2024-13-01", "month 13"},
      {"24-05-02", "two-digit year"},
      {"20245-05-02", "five-digit year"},
      {"2024-05/02", "mixed separators"},
      {"05/02/2024", "US order"},
      {"02.05.2024", "dotted day-first order"},
      {"45414", "Excel serial day number (2024-05-02)"},
      {"2024-05-02Z", "zone without a time"},
      {"2024-05-02T", "'T' without a time"},
      {"2024-05-02 11", "hour without minutes"},
      {"2024-05-02 11:14:", "':' without seconds"},
      {"2024-05-02 24:00", "hour 24"},
      {"2024-05-02 11:60", "minute 60"},
      {"2024-05-02 11:14:61", "second 61"},
      {"2024-05-02 11:14:07 PM", "12-hour clock"},
      {"2024-05-02T11:14:07.", "fraction without digits"},
      {"2024-05-02T11:14:07.1234567890", "fraction past nanoseconds"},
      {"2024-05-02T11:14:07+15:00", "offset beyond +14:00"},
      {"2024-05-02T11:14:07+09:60", "offset minute 60"},
      {"2024-05-02T11:14:07+09:00:00", "offset with seconds"},
      {"2024-05-02T11:14:07 PST", "zone abbreviation"},
  };
  for (const auto& [text, why] : cases) {
    SCOPED_TRACE(::testing::Message() << "'" << text << "': " << why);
    EXPECT_THAT(ParseTimestamp(text), StatusIs(absl::StatusCode::kInvalidArgument, NotADate(text)));
  }
}

TEST(ParseUtcOffsetTest, AcceptedAndRejectedForms) {
  const std::vector<std::pair<std::string, int>> accepted = {
      {"Z", 0},           {"z", 0},           {"UTC", 0},          {"gmt", 0},
      {"+00:00", 0},      {"+09:00", 32400},  {"+0900", 32400},    {"+09", 32400},
      {"-05", -18000},    {"-05:30", -19800}, {"+05:45", 20700},   {"+14:00", 50400},
      {"-12:00", -43200}, {"＋０９：００", 32400},
  };
  for (const auto& [text, want] : accepted) {
    SCOPED_TRACE(text);
    auto got = ParseUtcOffset(text);
    ASSERT_THAT(got, IsOk());
    EXPECT_EQ(*got, want);
  }
  for (const std::string text :
       {"", "09:00", "+", "+15:00", "+09:60", "+09:00:00", "+0900x", "JST", "Asia/Tokyo"}) {
    SCOPED_TRACE(text);
    EXPECT_THAT(ParseUtcOffset(text),
                StatusIs(absl::StatusCode::kInvalidArgument,
                         "'" + text + "' is not a UTC offset (expected Z, +09:00, +0900 or -05)"));
  }
}

TEST(FormatTimestampTest, WritesRfc3339InUtc) {
  const std::vector<std::pair<int64_t, std::string>> cases = {
      {0, "1970-01-01T00:00:00Z"},
      {-1, "1969-12-31T23:59:59Z"},
      {k20240502_111407, "2024-05-02T11:14:07Z"},
      {1709164800, "2024-02-29T00:00:00Z"},
      {951782400, "2000-02-29T00:00:00Z"},
      {-2203891200, "1900-03-01T00:00:00Z"},
      {-62167219200, "0000-01-01T00:00:00Z"},
      {253402300799, "9999-12-31T23:59:59Z"},
      {253402300800, "10000-01-01T00:00:00Z"},  // past four digits: written in full
  };
  for (const auto& [seconds, want] : cases) {
    SCOPED_TRACE(seconds);
    EXPECT_EQ(FormatTimestamp(seconds), want);
    EXPECT_EQ(FormatDate(seconds), want.substr(0, want.find('T')));
  }
}

TEST(FormatTimestampTest, RoundTripsThroughTheParser) {
  for (int64_t seconds : {int64_t{0}, int64_t{-1}, k20240502_111407, int64_t{1709164800},
                          int64_t{1483228799}, int64_t{-62167219200}, int64_t{253402300799}}) {
    SCOPED_TRACE(seconds);
    const std::string text = FormatTimestamp(seconds);
    EXPECT_THAT(ParseTimestamp(text), IsOkAndHolds(seconds)) << text;
    EXPECT_THAT(ParseTimestamp(text, kTokyo), IsOkAndHolds(seconds)) << "Z wins: " << text;
  }
}

// Every day of 1900..2100 (leap and common years, every month end, the epoch), counted from
// 1900-01-01 = -25567 days (`date -u -d 1900-01-01 +%s` / 86400) by a calendar written here: the
// parser, the formatter and DaysFromCivil must agree with the count, and the day after each month's
// last day must be refused.
TEST(TimeTextCalendarTest, EveryDayFrom1900To2100) {
  int64_t day = -25567;
  for (int year = 1900; year <= 2100; ++year) {
    const bool leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    const int month_days[] = {31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    for (int month = 1; month <= 12; ++month) {
      for (int d = 1; d <= month_days[month - 1] + 1; ++d) {
        char text[16];
        std::snprintf(text, sizeof text, "%04d-%02d-%02d", year, month, d);
        SCOPED_TRACE(text);
        auto parsed = ParseTimestamp(text);
        if (d > month_days[month - 1]) {
          ASSERT_THAT(parsed, StatusIs(absl::StatusCode::kInvalidArgument));
          continue;
        }
        ASSERT_THAT(parsed, IsOkAndHolds(day * 86400));
        ASSERT_EQ(DaysFromCivil(year, month, d), day);
        ASSERT_EQ(FormatDate(day * 86400 + 86399), text);
        ++day;
      }
    }
  }
  EXPECT_EQ(day, 4133980800 / 86400);  // 2101-01-01 (`date -u -d 2101-01-01 +%s`)
}

}  // namespace
}  // namespace crosswalk
