#include "connectors/redmine/redmine_options.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "connectors/config_keys.h"

namespace crosswalk::redmine {
namespace {

HttpSourceSpec RedmineSpec() {
  return {.system = "Redmine", .url_example = "https://redmine.example.com (or https://host/redmine)",
          .token_scheme = "'X-Redmine-API-Key: …'; the key is on My account → API access key", .max_page_size = 100,
          .default_page_size = 100};
}

absl::Status KeyError(const std::string& key, absl::string_view what) {
  // The caller (crosswalkd's start-up check, the sync engine) names the source and its place.
  return absl::InvalidArgumentError(absl::StrCat(key, ": ", what));
}

}  // namespace

std::vector<ConfigKey> RedmineKeys() {
  std::vector<ConfigKey> keys = HttpSourceKeys(RedmineSpec());
  keys.push_back({.name = "project",
                  .description = "the identifier of the project to read (e.g. desk; its subprojects too, as Redmine "
                                 "lists them); default every project the user sees"});
  keys.push_back({.name = "trackers",
                  .description = "comma-separated tracker names or ids to read (e.g. 障害, 問い合わせ); default every tracker"});
  keys.push_back({.name = "journals",
                  .description = "also read each issue's journals (one more request per issue) and keep its status "
                                 "changes as the attribute status_history",
                  .type = ConfigKeyType::kBool, .default_value = "false"});
  return keys;
}

absl::StatusOr<RedmineOptions> ReadRedmineOptions(const SourceConfig& config) {
  RedmineOptions options;
  auto source = ReadHttpSourceOptions(config, RedmineSpec());
  if (!source.ok()) return source.status();
  options.source = *std::move(source);
  options.credential = options.source.token.empty()
                           ? std::pair<std::string, std::string>{"Authorization", options.source.BasicAuthorization()}
                           : std::pair<std::string, std::string>{"X-Redmine-API-Key", options.source.token};
  if (const std::string* project = FindOption(config, "project")) {
    const std::string identifier(absl::StripAsciiWhitespace(*project));
    // Redmine identifiers: lower-case letters, digits, '-' and '_' (ids also work).
    if (identifier.empty() || identifier.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-_") != std::string::npos) {
      return KeyError("project", absl::StrCat("'", *project, "' is not a Redmine project identifier (a-z, 0-9, - and _)"));
    }
    options.project = identifier;
  }
  if (const std::string* trackers = FindOption(config, "trackers")) {
    for (absl::string_view tracker : absl::StrSplit(*trackers, ',', absl::SkipWhitespace())) {
      options.trackers.emplace_back(absl::StripAsciiWhitespace(tracker));
    }
    if (options.trackers.empty()) return KeyError("trackers", "names no tracker");
  }
  if (const std::string* journals = FindOption(config, "journals")) {
    if (*journals != "true" && *journals != "false") return KeyError("journals", absl::StrCat("'", *journals, "' is not true or false"));
    options.journals = *journals == "true";
  }
  return options;
}

}  // namespace crosswalk::redmine
