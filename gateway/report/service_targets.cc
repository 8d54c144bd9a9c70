#include "gateway/report/service_targets.h"

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "gateway/core/csv_table.h"
#include "gateway/core/status_macros.h"
#include "gateway/core/unicode.h"

namespace crosswalk::report {
namespace {

constexpr int64_t kMaxHours = 36500;
const char* const kPriorities[] = {"critical", "high", "moderate", "low", "planning"};

bool IsPriority(absl::string_view text) {
  for (const char* priority : kPriorities) {
    if (text == priority) return true;
  }
  return false;
}

// "4h", "4 hours", "4時間", "4" → 4; nullopt otherwise.
std::optional<int64_t> Hours(absl::string_view text) {
  absl::string_view number = absl::StripAsciiWhitespace(text);
  for (absl::string_view unit : {"hours", "hour", "h", "\xE6\x99\x82\xE9\x96\x93"}) {  // 時間
    if (absl::ConsumeSuffix(&number, unit)) break;
  }
  int64_t hours = 0;
  if (!absl::SimpleAtoi(absl::StripAsciiWhitespace(number), &hours) || hours < 1 || hours > kMaxHours) {
    return std::nullopt;
  }
  return hours;
}

}  // namespace

absl::StatusOr<DurationTable> ParseTargetText(absl::string_view text) {
  // Line breaks and 、 become ';' before MatchKey (NFKC and lower case: ＨＩＧＨ＝８ｈ reads as
  // high=8h), which would fold a line break into a space.
  std::string lines(text);
  for (size_t at = lines.find("\xE3\x80\x81"); at != std::string::npos; at = lines.find("\xE3\x80\x81", at)) {
    lines.replace(at, 3, ";");  // 、
  }
  for (char& c : lines) {
    if (c == '\n' || c == '\r') c = ';';
  }
  const std::string plain = MatchKey(lines);
  DurationTable table;
  for (absl::string_view item : absl::StrSplit(plain, absl::ByAnyChar(";,"), absl::SkipWhitespace())) {
    const std::vector<absl::string_view> pair = absl::StrSplit(item, absl::ByAnyChar("=:"));
    const std::string priority(absl::StripAsciiWhitespace(pair[0]));
    const std::optional<int64_t> hours = pair.size() == 2 ? Hours(pair[1]) : std::nullopt;
    if (!IsPriority(priority) || !hours || table.Find(priority) != nullptr) {
      return absl::InvalidArgumentError(absl::StrCat(
          "'", TruncateUtf8(text, kQuotedTextBytes),
          "' is not a list of resolution targets (expected e.g. critical=4h; high=8h; moderate=24h, each "
          "priority once: critical, high, moderate, low, planning)"));
    }
    table.rows.push_back({priority, *hours, *hours * 3600, "source", "the service catalogue's SLA target", 0});
  }
  if (table.rows.empty()) return absl::InvalidArgumentError("an empty SLA target");
  return table;
}

absl::StatusOr<std::map<std::string, DurationTable>> LoadServiceTargets(const std::string& path) {
  CW_ASSIGN_OR_RETURN(CsvTable csv, ReadCsvTable(path, {"service", "priority", "hours"}));
  std::map<std::string, DurationTable> out;
  for (const CsvRecord& row : csv.rows) {
    const std::string service = csv.Value(row, "service"), priority = csv.Value(row, "priority");
    if (MatchKey(service).empty()) return csv.ErrorAt(row, "service", "a service name is required");
    if (!IsPriority(priority)) {
      return csv.ErrorAt(row, "priority", absl::StrCat("priority '", TruncateUtf8(priority, kQuotedTextBytes),
                                                       "' is not one of critical, high, moderate, low, planning"));
    }
    const std::optional<int64_t> hours = Hours(csv.Value(row, "hours"));
    if (!hours) {
      return csv.ErrorAt(row, "hours", absl::StrCat("hours '", TruncateUtf8(csv.Value(row, "hours"), kQuotedTextBytes),
                                                    "' is not a whole number from 1 to ", kMaxHours));
    }
    DurationTable& table = out[MatchKey(service)];
    table.path = path;
    if (const DurationRow* first = table.Find(priority)) {
      return csv.ErrorAt(row, "priority", absl::StrCat("service '", service, "' has priority '", priority,
                                                       "' twice (first at line ", first->line, ")"));
    }
    table.rows.push_back({priority, *hours, *hours * 3600, "published", "the configuration's resolution targets", row.line});
  }
  return out;
}

}  // namespace crosswalk::report
