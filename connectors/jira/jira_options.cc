#include "connectors/jira/jira_options.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "connectors/config_keys.h"
#include "re2/re2.h"

namespace crosswalk::jira {
namespace {

HttpSourceSpec JiraSpec() {
  return {.system = "Jira", .url_example = "https://example.atlassian.net (or a Data Center base URL)",
          .token_scheme = "'Authorization: Bearer …'; Data Center personal access tokens only",
          .max_page_size = 100, .default_page_size = 100};
}

absl::Status KeyError(const std::string& key, absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat(key, ": ", what));
}

// The fields the connector reads (jira_page.cc), asked for explicitly: search/jql returns only
// ids without fields=.
constexpr char kDefaultFields[] =
    "summary,status,issuetype,priority,created,updated,resolutiondate,assignee,reporter,project,labels";

}  // namespace

std::vector<ConfigKey> JiraKeys() {
  std::vector<ConfigKey> keys = HttpSourceKeys(JiraSpec());
  keys.push_back({.name = "flavor", .description = "cloud (/rest/api/3/search/jql, Basic e-mail + API token) or "
                                                   "datacenter (/rest/api/2/search, personal access token)",
                  .type = ConfigKeyType::kChoice, .default_value = "cloud", .choices = {"cloud", "datacenter"}});
  keys.push_back({.name = "jql", .description = "extra JQL filter ANDed with the sync's own (e.g. project = ITSM); no ORDER BY"});
  keys.push_back({.name = "fields", .description = "comma-separated issue fields to ask for (default: the ones the connector reads)"});
  keys.push_back({.name = "request_type_field", .description = "JSM's Customer Request Type field (customfield_NNNNN): its request type name is read as request_type"});
  keys.push_back({.name = "time_zone", .description = "IANA zone JQL reads times in (the account's profile zone); default: read from /myself"});
  return keys;
}

absl::StatusOr<JiraOptions> ReadJiraOptions(const SourceConfig& config) {
  JiraOptions options;
  if (const std::string* flavor = FindOption(config, "flavor")) {
    if (*flavor != "cloud" && *flavor != "datacenter") {
      return KeyError("flavor", absl::StrCat("'", *flavor, "' is not cloud or datacenter"));
    }
    options.cloud = *flavor == "cloud";
  }
  auto source = ReadHttpSourceOptions(config, JiraSpec());
  if (!source.ok()) return source.status();
  options.source = *std::move(source);
  if (options.source.token.empty()) {
    options.authorization = options.source.BasicAuthorization();
  } else if (options.cloud) {
    return KeyError("token_file", "Jira Cloud takes user = the account's e-mail and password_file (or password_env) = "
                                  "its API token; a bearer token is a Data Center personal access token (flavor = datacenter)");
  } else {
    options.authorization = absl::StrCat("Bearer ", options.source.token);
  }
  if (const std::string* jql = FindOption(config, "jql")) {
    if (RE2::PartialMatch(*jql, R"((?i)\border\s+by\b)")) {
      return KeyError("jql", "has an ORDER BY; the connector orders by updated, key itself");
    }
    options.jql = *jql;
  }
  options.fields = kDefaultFields;
  if (const std::string* fields = FindOption(config, "fields")) {
    if (!RE2::FullMatch(*fields, R"([A-Za-z0-9_.*,-]+)")) {
      return KeyError("fields", "is not a comma-separated list of field ids");
    }
    // updated is the sync's own key: always asked for.
    options.fields = absl::StrContains(*fields, "updated") || absl::StrContains(*fields, "*all")
                         ? *fields : absl::StrCat(*fields, ",updated");
  }
  if (const std::string* field = FindOption(config, "request_type_field")) {
    if (!RE2::FullMatch(*field, R"(customfield_[0-9]+)")) {
      return KeyError("request_type_field", "is not a field id like customfield_10010");
    }
    options.request_type_field = *field;
    if (!absl::StrContains(options.fields, *field) && !absl::StrContains(options.fields, "*all")) {
      options.fields = absl::StrCat(options.fields, ",", *field);
    }
  }
  if (const std::string* zone = FindOption(config, "time_zone")) {
    absl::TimeZone loaded;
    if (!absl::LoadTimeZone(*zone, &loaded)) {
      return KeyError("time_zone", absl::StrCat("'", *zone, "' is not an IANA time zone (like Asia/Tokyo)"));
    }
    options.time_zone = loaded;
    options.time_zone_name = *zone;
  }
  return options;
}

}  // namespace crosswalk::jira
