#include "connectors/rt/rt_options.h"

#include <fstream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace crosswalk::rt {
namespace {

absl::Status KeyError(const std::string& key, absl::string_view what) {
  // The caller (crosswalkd's start-up check, the sync engine) names the source and its place.
  return absl::InvalidArgumentError(absl::StrCat(key, ": ", what));
}

const std::string* Find(const SourceConfig& config, const std::string& key) {
  auto it = config.options.find(key);
  return it == config.options.end() ? nullptr : &it->second;
}

// An integer key in [low, high], or `fallback` when absent.
absl::StatusOr<int64_t> Integer(const SourceConfig& config, const std::string& key, int64_t low,
                                int64_t high, int64_t fallback) {
  const std::string* text = Find(config, key);
  if (text == nullptr) return fallback;
  int64_t value = 0;
  if (!absl::SimpleAtoi(*text, &value) || value < low || value > high) {
    return KeyError(key, absl::StrCat("'", *text, "' is not a whole number from ", low,
                                              " to ", high));
  }
  return value;
}

// The first line of a secret file, trimmed. The error names the file, never its content.
absl::StatusOr<std::string> ReadSecret(const SourceConfig& config, const std::string& key) {
  const std::string& path = *Find(config, key);
  std::ifstream in(path, std::ios::binary);
  if (!in) return KeyError(key, absl::StrCat("cannot read '", path, "'"));
  std::string line;
  std::getline(in, line);
  std::string secret(absl::StripAsciiWhitespace(line));
  if (secret.empty()) return KeyError(key, absl::StrCat("'", path, "' is empty"));
  return secret;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> RtKeys() {
  return {
      {"url", "RT's base URL, e.g. https://rt.example.com (REST2 is read below /REST/2.0)"},
      {"token_file", "file holding an RT auth token (sent as 'Authorization: token …')"},
      {"user", "RT user name for HTTP Basic (with password_file), instead of token_file"},
      {"password_file", "file holding that user's password"},
      {"ca_file", "PEM file of a private CA that signed RT's certificate"},
      {"timeout", "seconds to wait for RT's answer (default 60)"},
      {"page_size", "records per request, 1 to 100 (RT's cap; default 100)"},
      {"queues", "comma-separated queue names to read (tickets; default every queue the user sees)"},
      {"what", "tickets (default) or assets"},
      {"overlap", "seconds re-read before the last watermark on each run (default 300)"},
      {"max_pages", "request budget of one run (default 10000)"},
  };
}

absl::StatusOr<RtOptions> ReadRtOptions(const SourceConfig& config) {
  RtOptions options;
  const std::string* url = Find(config, "url");
  if (url == nullptr || url->empty()) {
    return KeyError("url", "missing: RT's base URL, e.g. https://rt.example.com");
  }
  options.http.base_url = *url;
  if (const std::string* ca = Find(config, "ca_file")) options.http.ca_file = *ca;
  auto timeout = Integer(config, "timeout", 1, 3600, 60);
  if (!timeout.ok()) return timeout.status();
  options.http.read_timeout_ms = *timeout * 1000;
  options.http.connect_timeout_ms = std::min<int64_t>(*timeout, 10) * 1000;
  auto page_size = Integer(config, "page_size", 1, 100, 100);
  if (!page_size.ok()) return page_size.status();
  options.page_size = static_cast<int>(*page_size);
  auto overlap = Integer(config, "overlap", 0, 30 * 86400, 300);
  if (!overlap.ok()) return overlap.status();
  options.overlap_seconds = *overlap;
  auto max_pages = Integer(config, "max_pages", 1, 10'000'000, 10'000);
  if (!max_pages.ok()) return max_pages.status();
  options.max_pages = *max_pages;

  if (const std::string* what = Find(config, "what")) {
    if (*what != "tickets" && *what != "assets") {
      return KeyError("what", absl::StrCat("'", *what, "' is not tickets or assets"));
    }
    options.assets = *what == "assets";
  }
  if (const std::string* queues = Find(config, "queues")) {
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

  const bool token = Find(config, "token_file") != nullptr;
  const bool user = Find(config, "user") != nullptr;
  const bool password = Find(config, "password_file") != nullptr;
  if (token == (user || password)) {
    return KeyError("token_file",
                    "set either token_file, or user with password_file (secrets come from files only)");
  }
  if (token) {
    auto secret = ReadSecret(config, "token_file");
    if (!secret.ok()) return secret.status();
    options.authorization = absl::StrCat("token ", *secret);
  } else {
    if (!user || !password) return KeyError(user ? "password_file" : "user", "missing: user and password_file go together");
    auto secret = ReadSecret(config, "password_file");
    if (!secret.ok()) return secret.status();
    options.authorization =
        absl::StrCat("Basic ", absl::Base64Escape(absl::StrCat(*Find(config, "user"), ":", *secret)));
    options.basic = true;
  }
  return options;
}

}  // namespace crosswalk::rt
