#include "connectors/glpi/glpi_options.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "connectors/config_keys.h"

namespace crosswalk::glpi {
namespace {

HttpSourceSpec GlpiSpec() {
  // GLPI's default list limit is 50; ranges of a few hundred are fine for the server.
  return {.system = "GLPI", .url_example = "https://glpi.example.com (apirest.php is below it)",
          .token_scheme = "'Authorization: user_token …' to initSession", .max_page_size = 500,
          .default_page_size = 100};
}

constexpr char kDefaultItemtypes[] = "Ticket,Problem,Change,Computer";

absl::Status KeyError(const std::string& key, absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat(key, ": ", what));
}

}  // namespace

const std::vector<std::string>& KnownItemtypes() {
  static const auto* known = new std::vector<std::string>{
      "Ticket", "Problem", "Change", "Computer", "Software", "SoftwareVersion", "SoftwareLicense",
      "Item_SoftwareVersion", "Monitor", "NetworkEquipment", "Phone", "Printer"};
  return *known;
}

std::vector<ConfigKey> GlpiKeys() {
  std::vector<ConfigKey> keys = HttpSourceKeys(GlpiSpec());
  keys.push_back({.name = "app_token_file", .description = "file holding the API client's App-Token (Setup > General > API), when GLPI requires one",
                  .type = ConfigKeyType::kSecretFile});
  keys.push_back({.name = "app_token_env", .description = "environment variable holding the App-Token, instead of app_token_file",
                  .type = ConfigKeyType::kSecretEnv});
  keys.push_back({.name = "itemtypes", .description = absl::StrCat("comma-separated itemtypes to read, in order (of: ",
                                                                   absl::StrJoin(KnownItemtypes(), ", "), ")"),
                  .default_value = kDefaultItemtypes});
  keys.push_back({.name = "timezone", .description = "IANA zone GLPI writes date_mod in (its server / database zone)",
                  .default_value = "UTC"});
  return keys;
}

absl::StatusOr<GlpiOptions> ReadGlpiOptions(const SourceConfig& config) {
  GlpiOptions options;
  auto source = ReadHttpSourceOptions(config, GlpiSpec());
  if (!source.ok()) return source.status();
  options.source = *std::move(source);
  options.authorization = options.source.token.empty() ? options.source.BasicAuthorization()
                                                       : absl::StrCat("user_token ", options.source.token);
  auto app_token = ReadSecret(config.options, "app_token");
  if (app_token.ok()) {
    options.app_token = *std::move(app_token);
  } else if (!absl::IsNotFound(app_token.status())) {
    return app_token.status();
  }
  const std::string* itemtypes = FindOption(config, "itemtypes");
  for (absl::string_view part : absl::StrSplit(itemtypes ? *itemtypes : kDefaultItemtypes, ',')) {
    const std::string name(absl::StripAsciiWhitespace(part));
    if (name.empty()) continue;
    const auto& known = KnownItemtypes();
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      return KeyError("itemtypes", absl::StrCat("'", name, "' is not one of ", absl::StrJoin(known, ", "),
                                                " (GLPI's spelling, case included)"));
    }
    if (std::find(options.itemtypes.begin(), options.itemtypes.end(), name) != options.itemtypes.end()) {
      return KeyError("itemtypes", absl::StrCat("'", name, "' is listed twice"));
    }
    options.itemtypes.push_back(name);
  }
  if (options.itemtypes.empty()) return KeyError("itemtypes", "is empty");
  if (const std::string* zone = FindOption(config, "timezone")) {
    if (!absl::LoadTimeZone(*zone, &options.time_zone)) {
      return KeyError("timezone", absl::StrCat("'", *zone, "' is not an IANA time zone (like Europe/Paris)"));
    }
    options.time_zone_name = *zone;
  }
  return options;
}

}  // namespace crosswalk::glpi
