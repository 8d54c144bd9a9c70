#include "connectors/servicenow/servicenow_options.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "re2/re2.h"

namespace crosswalk::servicenow {
namespace {

HttpSourceSpec ServiceNowSpec() {
  return {.system = "ServiceNow", .url_example = "https://example.service-now.com (the Table API is read below /api/now/v2/table)",
          .token_scheme = "'Authorization: Bearer …', an OAuth access token", .max_page_size = 10'000,
          .default_page_size = 1000};
}

absl::Status KeyError(const std::string& key, absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat(key, ": ", what));
}

// Comma-separated names, each ^[a-z0-9_.]+$ (dots only where `dotted`), no repeats.
absl::StatusOr<std::vector<std::string>> Names(const std::string& key, const std::string& text, bool dotted) {
  static const RE2 kName("[a-z0-9_]+");
  static const RE2 kDotted("[a-z0-9_]+(\\.[a-z0-9_]+)*");
  std::vector<std::string> names;
  for (absl::string_view part : absl::StrSplit(text, ',', absl::SkipWhitespace())) {
    const std::string name(absl::StripAsciiWhitespace(part));
    if (!RE2::FullMatch(name, dotted ? kDotted : kName)) {
      return KeyError(key, absl::StrCat("'", name, "' is not a ServiceNow ", dotted ? "field" : "table",
                                        " name (lower-case letters, digits and _", dotted ? ", dot-walked with ." : "", ")"));
    }
    if (std::find(names.begin(), names.end(), name) != names.end()) {
      return KeyError(key, absl::StrCat("'", name, "' is named twice"));
    }
    names.push_back(name);
  }
  if (names.empty()) return KeyError(key, "names nothing");
  return names;
}

}  // namespace

std::vector<ConfigKey> ServiceNowKeys() {
  std::vector<ConfigKey> keys = HttpSourceKeys(ServiceNowSpec());
  keys.push_back({.name = "tables",
                  .description = "comma-separated tables to read, in order (a cmdb_ci subclass such as cmdb_ci_server may "
                                 "take the place of cmdb_ci)",
                  .default_value = kDefaultTables});
  keys.push_back({.name = "fields",
                  .description = "comma-separated fields to ask for (sysparm_fields; sys_id and sys_updated_on are always "
                                 "added); default every field"});
  keys.push_back({.name = "audit_deletes",
                  .description = "after the tables, read sys_audit_delete for rows deleted from them since the last run "
                                 "(a user without read access to it is warned; deletes are then found by id "
                                 "reconciliation only)",
                  .type = ConfigKeyType::kBool,
                  .default_value = "true"});
  return keys;
}

absl::StatusOr<ServiceNowOptions> ReadServiceNowOptions(const SourceConfig& config) {
  ServiceNowOptions options;
  auto source = ReadHttpSourceOptions(config, ServiceNowSpec());
  if (!source.ok()) return source.status();
  options.source = *std::move(source);
  options.authorization = options.source.token.empty() ? options.source.BasicAuthorization()
                                                       : absl::StrCat("Bearer ", options.source.token);
  const std::string* tables = FindOption(config, "tables");
  auto names = Names("tables", tables != nullptr ? *tables : std::string(kDefaultTables), /*dotted=*/false);
  if (!names.ok()) return names.status();
  options.tables = *std::move(names);
  const bool whole_cmdb = std::find(options.tables.begin(), options.tables.end(), "cmdb_ci") != options.tables.end();
  for (const std::string& table : options.tables) {
    if (whole_cmdb && absl::StartsWith(table, "cmdb_ci_")) {
      return KeyError("tables", absl::StrCat("'", table, "' is a class below cmdb_ci, whose records cmdb_ci already "
                                             "returns: name one or the other"));
    }
  }
  if (const std::string* fields = FindOption(config, "fields")) {
    auto wanted = Names("fields", *fields, /*dotted=*/true);
    if (!wanted.ok()) return wanted.status();
    options.fields = *std::move(wanted);
    for (const char* needed : {"sys_id", "sys_updated_on"}) {
      if (std::find(options.fields.begin(), options.fields.end(), needed) == options.fields.end()) {
        options.fields.push_back(needed);
      }
    }
  }
  if (const std::string* audit = FindOption(config, "audit_deletes")) {
    if (*audit != "true" && *audit != "false") {
      return KeyError("audit_deletes", absl::StrCat("'", *audit, "' is not true or false"));
    }
    options.audit_deletes = *audit == "true";
  }
  return options;
}

}  // namespace crosswalk::servicenow
