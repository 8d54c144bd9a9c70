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

void ExpectReads(const std::vector<Accepted>& cases) {
  for (const Accepted& c : cases) {
    SCOPED_TRACE(::testing::Message() << "'" << c.text << "' at offset " << c.utc_offset_seconds);
    auto got = ParseTimestamp(c.text, c.utc_offset_seconds);
    ASSERT_THAT(got, IsOk());
    EXPECT_EQ(*got, c.want);
  }
}

TEST(ParseTimestampTest, AcceptedForms) {
  const std::vector<Accepted> cases = {
      // Dates: calendar dates, midnight UTC whatever the source's zone.
      {"2024-05-02", 0, k20240502},
      {"2024/05/02", 0, k20240502},
      {"2024/5/2", 0, k20240502},
      {"2024-5-2", 0, k20240502},
      {"2024年5月2日", 0, k20240502},
      {"２０２４－０５－０２", 0, k20240502},  // full-width digits and hyphen
      {"  2024-05-02 ", 0, k20240502},       // surrounding white space
      {"2024-05-02", kTokyo, k20240502},     // never shifted by the zone
      {"2024/6/13", kTokyo, 1718236800},     // 2024-06-13: an SoA review date stays 13 June
      {"2024/6/13", -5 * 3600, 1718236800},
      {"2024.5.2", 0, k20240502},
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
  ExpectReads(cases);
}

// Japanese forms; expected seconds from GNU date as above (the Gregorian date in the comment).
TEST(ParseTimestampTest, JapaneseForms) {
  constexpr int64_t k20240401 = 1711929600;
  const std::vector<Accepted> cases = {
      {"令和6年4月1日", kTokyo, k20240401},
      {"R6.4.1", kTokyo, k20240401},
      {"R6/4/1", 0, k20240401},
      {"r6-4-1", 0, k20240401},
      {"Ｒ６．４．１", 0, k20240401},         // full-width initial, digits and full stops
      {"令和６年４月１日", 0, k20240401},
      {"\u32FF6年4月1日", 0, k20240401},     // ㋿, the one-character 令和
      {"2024年4月1日", kTokyo, k20240401},
      {"２０２４年４月１日", 0, k20240401},
      {"2024/4/1", kTokyo, k20240401},
      {"2024/4/1 9:05", kTokyo, 1711929900},  // 2024-04-01T00:05:00Z
      {"R6.4.1 9:05", kTokyo, 1711929900},
      {"令和元年5月1日", 0, 1556668800},       // 2019-05-01, the first day of 令和
      {"R1.5.1", 0, 1556668800},
      {"平成31年4月30日", 0, 1556582400},      // 2019-04-30, the last day of 平成
      {"H31.4.30", 0, 1556582400},
      {"平成元年1月8日", 0, 600220800},        // 1989-01-08, the first day of 平成
      {"昭和64年1月7日", 0, 600134400},        // 1989-01-07, the last day of 昭和
      {"S64.1.7", 0, 600134400},
  };
  ExpectReads(cases);
}

TEST(ParseTimestampTest, EraDatesOutsideTheirEraNameTheEra) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"令和元年4月30日", "' is outside the era 令和 (2019-05-01 onwards)"},
      {"R1.4.30", "' is outside the era 令和 (2019-05-01 onwards)"},
      {"平成31年5月1日", "' is outside the era 平成 (1989-01-08 to 2019-04-30)"},
      {"H1.1.7", "' is outside the era 平成 (1989-01-08 to 2019-04-30)"},
      {"昭和64年1月8日", "' is outside the era 昭和 (1926-12-25 to 1989-01-07)"},
      {"大正15年12月25日", "' is outside the era 大正 (1912-07-30 to 1926-12-24)"},
      {"明治5年12月2日", "' is outside the era 明治 (1873-01-01 to 1912-07-29)"},
  };
  for (const auto& [text, message] : cases) {
    EXPECT_THAT(ParseTimestamp(text), StatusIs(absl::StatusCode::kInvalidArgument, "'" + text + message));
  }
}

TEST(ParseTimestampTest, SaysWhetherTheTextWasACalendarDate) {
  bool date_only = false;
  ASSERT_THAT(ParseTimestamp("令和6年6月13日", kTokyo, &date_only), IsOk());
  EXPECT_TRUE(date_only);
  ASSERT_THAT(ParseTimestamp("2024/6/13 9:00", kTokyo, &date_only), IsOk());
  EXPECT_FALSE(date_only);
  ASSERT_TRUE(ParseExcelSerial("45383", 0, &date_only).has_value());
  EXPECT_TRUE(date_only);
  ASSERT_TRUE(ParseExcelSerial("45383.25", 0, &date_only).has_value());
  EXPECT_FALSE(date_only);
}

// Expected values from GNU date as above.
TEST(ParseExcelSerialTest, FiveDigitSerialsAreDates) {
  EXPECT_EQ(ParseExcelSerial("45383"), 1711929600);               // 2024-04-01
  EXPECT_EQ(ParseExcelSerial("45383", 9 * 3600), 1711929600);     // a whole day is never shifted
  EXPECT_EQ(ParseExcelSerial("４５３８３"), 1711929600);
  EXPECT_EQ(ParseExcelSerial("45383.5", 9 * 3600), 1711940400);   // 12:00 at +09:00 = 03:00Z
  EXPECT_EQ(ParseExcelSerial("10000"), -1345161600);              // 1927-05-18
  EXPECT_EQ(ParseExcelSerial("99999"), 6430752000);               // 2173-10-13
  for (const char* text : {"", "2024", "9999", "100000", "45383.", "45383.5x", "-45383", "4538e1", "45,383"}) {
    EXPECT_EQ(ParseExcelSerial(text), std::nullopt) << text;
  }
}

std::string NotADate(const std::string& text) {
  return "'" + text +
         "' is not a date or date-time (expected e.g. 2024-05-02, 2024/5/2 9:05, 2024年5月2日, 令和6年5月2日, R6.5.2, "
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
      {"令和6年2月30日", "an era date that does not exist"},
      {"R6.13.1", "era date, month 13"},
      {"R0.4.1", "era year 0"},
      {"令和123年4月1日", "three-digit era year"},
      {"X6.4.1", "no such era initial"},
      {"R6.4-1", "mixed separators in an era date"},
      {"令和", "era name alone"},
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
