#include "connectors/rt/rt_options.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "connectors/config_keys.h"

namespace crosswalk::rt {
namespace {

HttpSourceSpec RtSpec() {
  return {.system = "RT", .url_example = "https://rt.example.com (REST2 is read below /REST/2.0)",
          .token_scheme = "'Authorization: token …'", .max_page_size = 100, .default_page_size = 100};
}

absl::Status KeyError(const std::string& key, absl::string_view what) {
  // The caller (crosswalkd's start-up check, the sync engine) names the source and its place.
  return absl::InvalidArgumentError(absl::StrCat(key, ": ", what));
}

}  // namespace

std::vector<ConfigKey> RtKeys() {
  std::vector<ConfigKey> keys = HttpSourceKeys(RtSpec());
  keys.push_back({.name = "queues", .description = "comma-separated queue names to read (tickets; default every queue the user sees)"});
  keys.push_back({.name = "what", .description = "the records to read", .type = ConfigKeyType::kChoice,
                  .default_value = "tickets", .choices = {"tickets", "assets"}});
  keys.push_back({.name = "history",
                  .description = "tickets: also read each ticket's history (one more request per ticket) and keep its status "
                                 "changes as the attribute status_history",
                  .type = ConfigKeyType::kBool, .default_value = "false"});
  return keys;
}

absl::StatusOr<RtOptions> ReadRtOptions(const SourceConfig& config) {
  RtOptions options;
  auto source = ReadHttpSourceOptions(config, RtSpec());
  if (!source.ok()) return source.status();
  options.source = *std::move(source);
  options.authorization = options.source.token.empty() ? options.source.BasicAuthorization()
                                                       : absl::StrCat("token ", options.source.token);
  if (const std::string* what = FindOption(config, "what")) {
    if (*what != "tickets" && *what != "assets") {
      return KeyError("what", absl::StrCat("'", *what, "' is not tickets or assets"));
    }
    options.assets = *what == "assets";
  }
  if (const std::string* history = FindOption(config, "history")) {
    if (*history != "true" && *history != "false") return KeyError("history", absl::StrCat("'", *history, "' is not true or false"));
    options.history = *history == "true";
    if (options.history && options.assets) return KeyError("history", "applies to tickets, not assets");
  }
  if (const std::string* queues = FindOption(config, "queues")) {
    if (options.assets) return KeyError("queues", "applies to tickets, not assets");
    for (absl::string_view queue : absl::StrSplit(*queues, ',', absl::SkipWhitespace())) {
      queue = absl::StripAsciiWhitespace(queue);
      // Kept out of TicketSQL's quoting rather than escaped: RT queue names have no quotes.
      if (queue.find_first_of("'\\\"") != absl::string_view::npos) {
        return KeyError("queues", absl::StrCat("queue name '", queue, "' has a quote or backslash"));
      }
      options.queues.emplace_back(queue);
    }
    if (options.queues.empty()) return KeyError("queues", "names no queue");
  }
  return options;
}

}  // namespace crosswalk::rt
